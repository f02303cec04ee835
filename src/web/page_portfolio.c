/* page_portfolio.c: the loan portfolio report by township and village (applications and
   decisions, review timeliness, disbursements, outstanding, overdue, PAR30, five-class grades,
   guarantee payouts and recoveries), on screen, as CSV and PDF, and as JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_util.h"
#include "handlers.h"
#include "report_scope.h"
#include "html.h"
#include "money.h"
#include "portfolio.h"
#include "sheet.h"

/* Sums of a group of villages (a township, or everything). */
struct totals {
    struct village_portfolio sum;
    char township[64];
    int villages;
};

/* The count cells of a row: one value a cell when split (the data files), else packed in two cells
   "申请/批准/未通过" and "正常/关注/次级/可疑/损失" (the page and the printed table). Returns the cells used. */
static int count_cells(const struct village_portfolio *v, int split, char cells[][24], const char *out[])
{
    const int64_t counts[] = {v->applications, v->approved, v->rejected, v->grade_loans[GRADE_NORMAL],
                              v->grade_loans[GRADE_SPECIAL_MENTION], v->grade_loans[GRADE_SUBSTANDARD],
                              v->grade_loans[GRADE_DOUBTFUL], v->grade_loans[GRADE_LOSS]};
    if (split) {
        for (int i = 0; i < 8; i++) {
            snprintf(cells[i], 24, "%lld", (long long)counts[i]);
            out[i] = cells[i];
        }
        return 8;
    }
    snprintf(cells[0], 24, "%lld/%lld/%lld", (long long)counts[0], (long long)counts[1], (long long)counts[2]);
    snprintf(cells[3], 24, "%lld/%lld/%lld/%lld/%lld", (long long)counts[3], (long long)counts[4],
             (long long)counts[5], (long long)counts[6], (long long)counts[7]);
    out[0] = cells[0], out[3] = cells[3];
    return 2;
}

/* One row of the sheet for a village or a sum, labelled; split: the counts one a cell. */
static void portfolio_row(struct sheet *s, const char *label, const struct village_portfolio *v, int split)
{
    char timely[16], loans[24], disb[MONEY_TEXT_SIZE], out[MONEY_TEXT_SIZE], over[MONEY_TEXT_SIZE];
    char par[16], pay[MONEY_TEXT_SIZE], rec[MONEY_TEXT_SIZE], off[MONEY_TEXT_SIZE], counts[8][24];
    const char *c[8] = {0};
    count_cells(v, split, counts, c);
    if (v->decided)
        snprintf(timely, sizeof timely, "%.1f%%", 100.0 * (double)v->decided_on_time / (double)v->decided);
    else
        snprintf(timely, sizeof timely, "—");
    snprintf(loans, sizeof loans, "%lld", (long long)v->disbursed_loans);
    snprintf(par, sizeof par, "%.2f%%", v->outstanding_fen ? 100.0 * (double)v->par30_fen / (double)v->outstanding_fen : 0.0);
    sheet_fen(v->disbursed_fen, disb), sheet_fen(v->outstanding_fen, out), sheet_fen(v->overdue_fen, over);
    sheet_fen(v->payouts_fen, pay), sheet_fen(v->recoveries_fen, rec), sheet_fen(v->written_off_fen, off);
    if (split) {
        const char *cells[] = {label, c[0], c[1], c[2], timely, loans, disb, out, over, par,
                               c[3], c[4], c[5], c[6], c[7], pay, rec, off};
        sheet_row(s, cells);
    } else {
        const char *cells[] = {label, c[0], timely, loans, disb, out, over, par, c[3], pay, rec, off};
        sheet_row(s, cells);
    }
}

struct build_ctx {
    struct sheet *s;
    int split; /* the counts one a cell (portfolio_row) */
    struct totals town, all;
};

/* Closes the township being summed with its subtotal row. */
static void close_township(struct build_ctx *c)
{
    if (!c->town.villages)
        return;
    char label[96];
    snprintf(label, sizeof label, "%s 小计", c->town.township);
    portfolio_row(c->s, label, &c->town.sum, c->split);
    memset(&c->town, 0, sizeof c->town);
}

/* Adds a village row, closing the previous township when it changes. */
static void village_row(const struct village_portfolio *v, void *ctx)
{
    struct build_ctx *c = ctx;
    if (c->town.villages && strcmp(c->town.township, v->township) != 0)
        close_township(c);
    snprintf(c->town.township, sizeof c->town.township, "%s", v->township);
    c->town.villages++;
    portfolio_add(&c->town.sum, v);
    portfolio_add(&c->all.sum, v);
    char label[160];
    snprintf(label, sizeof label, "%s%s", v->township, v->village);
    portfolio_row(c->s, label, v, c->split);
}

/* Reads as_of, from and to; -1 after replying 422. */
static int report_dates(struct req *r, struct date *as_of)
{
    const char *a = req_query(r, "as_of"), *f = req_query(r, "from"), *t = req_query(r, "to");
    struct date d;
    *as_of = r->today;
    if ((a && *a && date_parse(a, as_of) != 0) || (f && *f && date_parse(f, &d) != 0) || (t && *t && date_parse(t, &d) != 0)) {
        reply_fail(r, 422, "invalid_date", "日期应为 YYYY-MM-DD");
        return -1;
    }
    return 0;
}

/* The report's heads and column kinds: split (CSV and Excel) one value a column, else the printed
   layout with the counts packed, which fits the printed landscape page. */
static void portfolio_sheet_init(struct sheet *s, int split)
{
    static const char *const heads[] = {"单位", "申请/批准/未通过", "按时办结", "放款笔数", "放款金额（元）",
                                        "贷款余额（元）", "逾期余额（元）", "PAR30", "五级分类（正常/关注/次级/可疑/损失）",
                                        "代偿（元）", "追偿（元）", "核销（元）", NULL};
    static const char *const split_heads[] = {"单位", "申请笔数", "批准笔数", "未通过笔数", "按时办结", "放款笔数",
                                              "放款金额（元）", "贷款余额（元）", "逾期余额（元）", "PAR30",
                                              "正常", "关注", "次级", "可疑", "损失", "代偿（元）", "追偿（元）",
                                              "核销（元）", NULL};
    sheet_init(s, "计生信贷助富贷款情况表", split ? split_heads : heads);
    if (split) {
        static const int ints[] = {1, 2, 3, 5, 10, 11, 12, 13, 14};
        for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++)
            sheet_int_column(s, ints[i]);
        for (int c = 6; c <= 8; c++)
            sheet_money_column(s, c);
        for (int c = 15; c <= 17; c++)
            sheet_money_column(s, c);
        return;
    }
    for (int c = 4; c <= 6; c++)
        sheet_money_column(s, c);
    sheet_int_column(s, 3);
    for (int c = 9; c <= 11; c++)
        sheet_money_column(s, c);
    s->widths[0] = 2.2f, s->widths[1] = 1.4f;
    for (int c = 4; c <= 11; c++)
        s->widths[c] = c == 7 ? 0.9f : c == 8 ? 2.2f : 1.4f;
}

/* Builds the report's sheet: split for CSV and Excel (one value a cell), packed for the page and PDF. */
static void portfolio_sheet(struct req *r, struct date as_of, struct sheet *s)
{
    const char *f = req_query(r, "from"), *t = req_query(r, "to");
    char on[DATE_CN_SIZE];
    int split = sheet_asks_for(r, "csv") || sheet_asks_for(r, "xlsx");
    portfolio_sheet_init(s, split);
    s->landscape = 1;
    char period[REPORT_PERIOD_SIZE];
    struct date first;
    int any = portfolio_first_day(r->db, &r->user, &first) == 0;
    snprintf(s->subtitle, sizeof s->subtitle, "统计范围：%s · 申请、放款、代偿期间 %s · 余额截至 %s", r->user.unit_name,
             report_period(r, f, t, any ? &first : NULL, period), date_chinese(as_of, on));
    struct build_ctx c = {.s = s, .split = split};
    portfolio_by_village(r->db, &r->user, as_of, r->today, f, t, village_row, &c);
    close_township(&c);
    portfolio_row(s, "合计", &c.all.sum, split);
    s->total_rows = 1;
}

void page_portfolio_report(struct req *r)
{
    if (report_narrow_scope(r) != 0)
        return;
    struct date as_of;
    struct sheet s;
    if (report_dates(r, &as_of) != 0)
        return;
    portfolio_sheet(r, as_of, &s);
    if (!sheet_reply_by_format(r, &s, "portfolio.csv")) {
        html_begin(r, "贷款情况表");
        html_raw(r, "<h1>计生信贷助富贷款情况表</h1><form class=\"search\" method=\"get\" action=\"/reports/portfolio\">"
                    "<label>期间自<input type=\"date\" name=\"from\"></label><label>至<input type=\"date\" name=\"to\"></label>"
                    "<label>余额截至<input type=\"date\" name=\"as_of\"></label>");
        report_page_tail(r, &s, "/reports/portfolio");
        html_raw(r, "<p>");
        html_link(r, "/reports/outcomes", "帮扶成效");
        html_raw(r, " · ");
        html_link(r, "/reports/quarterly", "季度工作报表");
        html_raw(r, "</p>");
        html_end(r);
    }
    sheet_free(&s);
}

/* Appends a village as JSON. */
static void village_json(const struct village_portfolio *v, void *ctx)
{
    json_t *grades = json_object();
    for (int g = 0; g < GRADE__MAX; g++)
        json_object_set_new(grades, repay_grade_code((enum loan_grade)g), json_integer(v->grade_loans[g]));
    json_array_append_new(
        ctx, json_pack("{s:I, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:I, s:I, s:I}",
                       "village_id", (json_int_t)v->village_id, "village", v->village, "township", v->township,
                       "applications", (json_int_t)v->applications, "approved", (json_int_t)v->approved, "rejected",
                       (json_int_t)v->rejected, "decided", (json_int_t)v->decided, "decided_on_time",
                       (json_int_t)v->decided_on_time, "disbursed_loans", (json_int_t)v->disbursed_loans,
                       "disbursed_fen", (json_int_t)v->disbursed_fen, "active_loans", (json_int_t)v->active_loans,
                       "outstanding_fen", (json_int_t)v->outstanding_fen, "overdue_fen", (json_int_t)v->overdue_fen,
                       "par30_fen", (json_int_t)v->par30_fen, "grades", grades, "payouts_fen",
                       (json_int_t)v->payouts_fen, "recoveries_fen", (json_int_t)v->recoveries_fen, "written_off_fen",
                       (json_int_t)v->written_off_fen));
}

void api_portfolio_by_village(struct req *r)
{
    if (report_narrow_scope(r) != 0)
        return;
    struct date as_of;
    struct sheet s;
    if (report_dates(r, &as_of) != 0)
        return;
    const char *format = req_query(r, "format");
    if (format) {
        portfolio_sheet(r, as_of, &s);
        if (!sheet_reply_by_format(r, &s, "portfolio.csv"))
            reply_fail(r, 422, "invalid_format", "format 应为 csv、xlsx 或 pdf");
        sheet_free(&s);
        return;
    }
    json_t *items = json_array();
    int n = portfolio_by_village(r->db, &r->user, as_of, r->today, req_query(r, "from"), req_query(r, "to"), village_json, items);
    api_reply_list(r, items, n, NULL);
}
