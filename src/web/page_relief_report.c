/* page_relief_report.c: the relief report (by category, fund, village, year) and a fund's ledger
   with its running balance, on screen, as CSV and as PDF, for pages and the JSON API. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_util.h"
#include "handlers.h"
#include "report_scope.h"
#include "aid.h"
#include "html.h"
#include "list_sheets.h"
#include "money.h"
#include "relief_fund.h"
#include "relief_report.h"
#include "routes.h"
#include "sheet.h"

struct report_ctx {
    struct sheet *s;
    json_t *items; /* NULL, or the API's groups, filled in the same pass */
    int64_t payments, households, amount_fen;
};

/* Adds one group's row. */
static void report_row(const struct relief_report_row *x, void *ctx)
{
    struct report_ctx *c = ctx;
    char n[24], h[24], fen[MONEY_TEXT_SIZE];
    snprintf(n, sizeof n, "%lld", (long long)x->payments);
    snprintf(h, sizeof h, "%lld", (long long)x->households);
    const char *cells[] = {x->key, n, h, sheet_fen(x->amount_fen, fen)};
    sheet_row(c->s, cells);
    c->payments += x->payments;
    c->households += x->households;
    c->amount_fen += x->amount_fen;
    if (c->items)
        json_array_append_new(c->items, json_pack("{s:s, s:I, s:I, s:I}", "key", x->key, "payments",
                                                  (json_int_t)x->payments, "households", (json_int_t)x->households,
                                                  "amount_fen", (json_int_t)x->amount_fen));
}

/* Builds the relief report's sheet for the query (group, from, to), and with items its groups as
   JSON from the same query; -1 after replying 422. */
static int relief_sheet(struct req *r, struct sheet *s, int *group, json_t *items)
{
    const char *g = req_query(r, "group"), *from = req_query(r, "from"), *to = req_query(r, "to");
    *group = g && *g ? relief_group_parse(g) : RG_CATEGORY;
    struct date d;
    if (*group < 0 || (from && *from && date_parse(from, &d) != 0) || (to && *to && date_parse(to, &d) != 0)) {
        reply_fail(r, 422, "invalid_query", "分组应为 category、fund、village、year 或 batch，日期应为 YYYY-MM-DD");
        return -1;
    }
    static const char *const heads[] = {"分组", "发放笔数", "户次（按组去重）", "金额（元）", NULL};
    sheet_init(s, "困难家庭救助发放统计", heads);
    s->heads[0] = relief_group_name(*group) + strlen("按");
    sheet_money_column(s, 3);
    sheet_int_column(s, 1);
    sheet_int_column(s, 2);
    s->widths[0] = 2.5f;
    char period[REPORT_PERIOD_SIZE];
    struct date first;
    int any = relief_report_first_day(r->db, &r->user, &first) == 0;
    snprintf(s->subtitle, sizeof s->subtitle, "统计范围：%s · 发放日期 %s · %s（不含作废凭证）", r->user.unit_name,
             report_period(r, from, to, any ? &first : NULL, period), relief_group_name(*group));
    s->total_rows = 1;
    struct report_ctx c = {s, items, 0, 0, 0};
    if (relief_report(r->db, &r->user, (enum relief_group)*group, from, to, report_row, &c) < 0) {
        sheet_free(s);
        reply_fail(r, 500, "database_error", "读取救助统计失败，请稍后再试");
        return -1;
    }
    char n[24], fen[MONEY_TEXT_SIZE];
    snprintf(n, sizeof n, "%lld", (long long)c.payments);
    const char *total[] = {"合计", n, "", sheet_fen(c.amount_fen, fen)};
    sheet_row(s, total);
    return 0;
}

void page_relief_report(struct req *r)
{
    if (report_narrow_scope(r) != 0)
        return;
    struct sheet s;
    int group;
    if (relief_sheet(r, &s, &group, NULL) != 0)
        return;
    if (sheet_reply_by_format(r, &s, "relief-report.csv")) {
        sheet_free(&s);
        return;
    }
    html_begin(r, "救助统计");
    html_raw(r, "<h1>困难家庭救助发放统计</h1><form class=\"search\" method=\"get\" action=\"/reports/relief\"><label>分组"
                "<select name=\"group\">");
    for (int g = 0; g < RG__MAX; g++)
        html_printf(r, "<option value=\"%s\"%s>%s</option>", relief_group_code(g), g == group ? " selected" : "",
                    relief_group_name(g));
    html_raw(r, "</select></label><label>自<input type=\"date\" name=\"from\" value=\"");
    html_text(r, req_query(r, "from") ? req_query(r, "from") : "");
    html_raw(r, "\"></label><label>至<input type=\"date\" name=\"to\" value=\"");
    html_text(r, req_query(r, "to") ? req_query(r, "to") : "");
    html_raw(r, "\"></label>");
    report_page_tail(r, &s, "/reports/relief");
    html_end(r);
    sheet_free(&s);
}

void api_relief_report(struct req *r)
{
    if (report_narrow_scope(r) != 0)
        return;
    struct sheet s;
    int group;
    json_t *items = json_array();
    if (relief_sheet(r, &s, &group, items) != 0) {
        json_decref(items);
        return;
    }
    if (!sheet_reply_by_format(r, &s, "relief-report.csv"))
        reply_json(r, 200, json_pack("{s:s, s:O, s:i}", "group", relief_group_code(group), "items", items, "total",
                                     s.nrows - s.total_rows));
    json_decref(items);
    sheet_free(&s);
}

/* The ledger being built: its sheet and the period's sums. */
struct ledger_ctx {
    struct sheet *s;
    int64_t in_fen, out_fen, balance_fen;
    int n;
};

/* Adds one ledger entry's row (dates as documents print them). */
static void ledger_row(const struct relief_fund_entry *x, void *ctx)
{
    struct ledger_ctx *l = ctx;
    const char *kind = relief_entry_kind_name(x->kind);
    char no[24], on[DATE_CN_SIZE], in[MONEY_TEXT_SIZE] = "", out[MONEY_TEXT_SIZE] = "", bal[MONEY_TEXT_SIZE];
    snprintf(no, sizeof no, "%d", ++l->n);
    if (x->amount_fen > 0)
        sheet_fen(x->amount_fen, in), l->in_fen += x->amount_fen;
    else
        sheet_fen(-x->amount_fen, out), l->out_fen -= x->amount_fen;
    l->balance_fen = x->balance_after_fen;
    const char *cells[] = {no, date_chinese_text(x->on, on), kind,
                           x->source[0] ? relief_source_name(relief_source_parse(x->source)) : "",
                           x->receipt_no[0] ? x->receipt_no : x->document_no, x->note, in, out,
                           sheet_fen(x->balance_after_fen, bal)};
    sheet_row(l->s, cells);
}

/* A ledger row that is no entry: the label in 摘要, dated `on`, with the amounts given ("" none). */
static void ledger_line(struct sheet *s, struct date on, const char *label, const char *in, const char *out,
                        const char *balance)
{
    char day[DATE_CN_SIZE];
    const char *cells[] = {"", date_chinese(on, day), "", "", "", label, in, out, balance};
    sheet_row(s, cells);
}

/* The ledger's period from ?from= and ?to= (default: this year's first day to today). 0, or -1
   after replying 422 (not a date, or from after to). */
static int ledger_period(struct req *r, struct date *from, struct date *to)
{
    const char *f = req_query(r, "from"), *t = req_query(r, "to");
    *from = (struct date){r->today.y, 1, 1};
    *to = r->today;
    if ((f && *f && date_parse(f, from) != 0) || (t && *t && date_parse(t, to) != 0) || date_cmp(*from, *to) > 0) {
        reply_fail(r, 422, "invalid_period", "期间应为 YYYY-MM-DD 至 YYYY-MM-DD，起始日不晚于截止日");
        return -1;
    }
    return 0;
}

/* The period's figures in words under the ledger: 本期收入合计, 本期支出合计, 期末余额 with 大写. */
static void ledger_capitals(struct sheet *s, const struct ledger_ctx *l)
{
    static const char *const labels[SHEET_AFTER_LINES] = {"本期收入合计", "本期支出合计", "期末余额"};
    const int64_t fen[SHEET_AFTER_LINES] = {l->in_fen, l->out_fen, l->balance_fen};
    for (int k = 0; k < SHEET_AFTER_LINES; k++) {
        char text[MONEY_TEXT_SIZE], capital[MONEY_CAPITAL_SIZE];
        if (fen[k] < 0 || money_capital(fen[k], capital, sizeof capital) != 0)
            snprintf(capital, sizeof capital, "—");
        snprintf(s->after[k], SHEET_LINE_SIZE, "%s：%s 元（大写：%s）", labels[k], money_format(fen[k], text, sizeof text),
                 capital);
    }
}

/* Builds the fund's ledger for the period: 期初余额, the entries in date order with the running
   balance, the value of aid in kind given from the fund in the period on a line of its own (outside
   the cash columns and the balance), 本期收入合计 / 本期支出合计 and 期末余额 (the last two rows
   are totals). Returns the
   count of entries or -1 when they could not be read. */
static int ledger_sheet(struct req *r, const struct relief_fund *f, struct date from, struct date to, struct sheet *s)
{
    static const char *const heads[] = {"序号", "日期", "类型", "来源", "文件号/凭证号", "摘要", "收入（元）",
                                        "支出（元）", "余额（元）", NULL};
    sheet_init(s, "救助资金明细账", heads);
    for (int c = 6; c < 9; c++)
        sheet_money_column(s, c);
    sheet_int_column(s, 0);
    sheet_date_column(s, 1);
    s->carry[6] = s->carry[7] = CARRY_SUM;
    s->carry[8] = CARRY_BALANCE;
    s->widths[5] = 3;
    s->landscape = 1;
    s->total_rows = 2;
    char a[11], b[11], fa[DATE_CN_SIZE], fb[DATE_CN_SIZE], in[MONEY_TEXT_SIZE], out[MONEY_TEXT_SIZE], bal[MONEY_TEXT_SIZE];
    date_format(from, a), date_format(to, b);
    snprintf(s->subtitle, sizeof s->subtitle, "资金：%s      期间：%s 至 %s      单位：元", f->name, date_chinese(from, fa),
             date_chinese(to, fb));
    struct ledger_ctx l = {s, 0, 0, relief_fund_opening(r->db, f->id, a), 0};
    ledger_line(s, from, "期初余额", "", "", sheet_fen(l.balance_fen, bal));
    int n = relief_fund_ledger(r->db, f->id, a, b, !relief_fund_real_names(r->user.role), ledger_row, &l);
    char kind_text[MONEY_TEXT_SIZE], kind_line[SHEET_LINE_SIZE];
    snprintf(kind_line, sizeof kind_line, "实物慰问品发放价值 %s 元（不计入收支和余额）",
             money_format(aid_fund_value(r->db, f->id, a, b), kind_text, sizeof kind_text));
    ledger_line(s, to, kind_line, "", "", "");
    ledger_line(s, to, "本期收入合计、本期支出合计", sheet_fen(l.in_fen, in), sheet_fen(l.out_fen, out), "");
    ledger_line(s, to, "期末余额", "", "", sheet_fen(l.balance_fen, bal));
    ledger_capitals(s, &l);
    return n;
}

void report_fund_ledger(struct req *r)
{
    struct relief_fund f;
    struct err e = {0};
    if (relief_fund_get(r->db, &r->user, req_query_int(r, "fund_id", 0), &f, &e) != 0) {
        reply_error(r, &e);
        return;
    }
    struct date from, to;
    if (ledger_period(r, &from, &to) != 0)
        return;
    if ((r->route->flags & ROUTE_API) && !req_query(r, "format")) {
        api_fund_ledger_of(r, f.id); /* JSON, paged */
        return;
    }
    /* a file holds the whole period, or is refused: never cut */
    struct sheet s;
    char msg[200];
    int n = ledger_sheet(r, &f, from, to, &s);
    if (n < 0)
        reply_fail(r, 500, "db_error", "读取明细账失败，文件没有生成，请稍后再试");
    else if (n > LIST_EXPORT_MAX) {
        snprintf(msg, sizeof msg, "该期间的账目超过 %d 笔，超出一次导出的上限，文件没有生成；请缩短期间后分次导出",
                 LIST_EXPORT_MAX);
        reply_fail(r, 422, "export_too_large", msg);
    } else if (!sheet_reply_by_format(r, &s, "fund-ledger.csv"))
        reply_fail(r, (r->route->flags & ROUTE_API) ? 422 : 404, (r->route->flags & ROUTE_API) ? "invalid_format" : "not_found",
                   "请选择 CSV、Excel 或 PDF");
    sheet_free(&s);
}
