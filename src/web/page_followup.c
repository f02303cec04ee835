/* page_followup.c: follow-up visits (回访) on the loan account page, and the outcomes report
   (帮扶成效) by project type and village on screen, as CSV and PDF. Thin over followup.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_util.h"
#include "followup.h"
#include "form.h"
#include "handlers.h"
#include "report_scope.h"
#include "html.h"
#include "loan_book.h"
#include "loan_rules.h"
#include "money.h"
#include "sheet.h"

/* One visit row. */
static void visit_row(const struct followup_row *x, void *ctx)
{
    struct req *r = ctx;
    html_raw(r, "<tr><td>");
    html_text(r, x->visited_on);
    html_printf(r, "</td><td class=\"num\">%lld</td><td class=\"num\">", (long long)x->jobs);
    html_money(r, x->income_fen);
    html_raw(r, "</td><td>");
    html_text(r, x->note);
    html_raw(r, "</td><td>");
    html_text(r, x->by);
    html_raw(r, "</td></tr>");
}

/* Whether the user records visits. */
static int visits(const struct req *r)
{
    enum role ro = r->user.role;
    return ro == ROLE_ADMIN || ro == ROLE_ASSOCIATION || ro == ROLE_LIAISON || ro == ROLE_VILLAGE;
}

void followups_section(struct req *r, int64_t loan_id)
{
    html_raw(r, "<h2>回访记录（帮扶成效）</h2><table class=\"list\"><thead><tr><th>回访日期</th><th class=\"num\">带动就业（人）"
                "</th><th class=\"num\">年收入（元）</th><th>情况</th><th>回访人</th></tr></thead><tbody>");
    if (followup_list(r->db, loan_id, visit_row, r) == 0)
        html_raw(r, "<tr><td colspan=\"5\">尚未回访</td></tr>");
    html_raw(r, "</tbody></table>");
    if (!visits(r))
        return;
    html_printf(r, "<form method=\"post\" action=\"/accounts/%lld/followups\" class=\"grid\">", (long long)loan_id);
    html_csrf(r);
    const char *f = "/followups";
    char today[11];
    html_printf(r, "<label>回访日期<input name=\"visited_on\" type=\"date\" required value=\"%s\">",
                form_echo(r, f, "visited_on", date_format(r->today, today)));
    form_field_error(r, "visited_on");
    html_printf(r, "</label><label>带动就业（人）<input name=\"jobs_created\" type=\"number\" min=\"0\" required "
                   "value=\"%s\">", form_echo(r, f, "jobs_created", ""));
    form_field_error(r, "jobs_created");
    html_printf(r, "</label><label>项目年收入（元）<input name=\"income\" required inputmode=\"decimal\" value=\"%s\">",
                form_echo(r, f, "income", ""));
    form_field_error(r, "income");
    html_printf(r, "</label><label class=\"wide\">情况<input name=\"note\" maxlength=\"500\" value=\"%s\">",
                form_echo(r, f, "note", ""));
    form_field_error(r, "note");
    html_raw(r, "</label><p><button class=\"primary\">登记回访</button></p></form>");
}

void page_account_followup(struct req *r)
{
    struct err e = {0};
    int64_t income = 0;
    const char *jobs = req_form(r, "jobs_created");
    char *end = NULL;
    long long n = jobs ? strtoll(jobs, &end, 10) : -1;
    if (!jobs || !*jobs || *end)
        err_set(&e, 422, "invalid_jobs", "jobs_created", "请填写带动就业人数");
    else if (!req_form(r, "income") || money_parse(req_form(r, "income"), &income) != 0)
        err_set(&e, 422, "invalid_income", "income", "收入格式不正确，例如 150000");
    else if (followup_add(r->db, &r->user, r->id[0], req_form(r, "visited_on"), n, income, req_form(r, "note"), r->today,
                          &e) > 0) {
        char loc[64];
        snprintf(loc, sizeof loc, "/accounts/%lld?ok=created", (long long)r->id[0]);
        reply_redirect(r, loc);
        return;
    }
    account_refused(r, &e);
}

void api_loan_followup(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *on = NULL, *note = NULL;
    int64_t jobs = -1, income = -1, id = -1;
    if (j && !api_str(j, "visited_on", &on, &e) && !api_int(j, "jobs_created", -1, &jobs, &e) &&
        !api_int(j, "income_fen", -1, &income, &e) && !api_str(j, "note", &note, &e))
        id = followup_add(r->db, &r->user, r->id[0], on, jobs, income, note, r->today, &e);
    json_decref(j);
    if (id < 0)
        reply_json_error(r, &e);
    else
        reply_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

/* Appends one visit to a JSON array. */
static void visit_item(const struct followup_row *x, void *ctx)
{
    json_array_append_new(ctx, json_pack("{s:I, s:s, s:I, s:I, s:s, s:s}", "id", (json_int_t)x->id, "visited_on",
                                         x->visited_on, "jobs_created", (json_int_t)x->jobs, "income_fen",
                                         (json_int_t)x->income_fen, "note", x->note, "by", x->by));
}

void api_loan_followups(struct req *r)
{
    struct err e = {0};
    struct loan_figures fig;
    if (loan_figures_get(r->db, &r->user, r->id[0], r->today, &fig, &e) != 0) {
        reply_json_error(r, &e);
        return;
    }
    json_t *items = json_array();
    int n = followup_list(r->db, r->id[0], visit_item, items);
    api_reply_list(r, items, n, NULL);
}

struct outcomes_ctx {
    struct sheet *s;
    int64_t loans, visited, jobs, income_fen, principal_fen;
};

/* Adds one group's row and its share of the totals. */
static void outcome_row(const struct outcome_row *x, void *ctx)
{
    struct outcomes_ctx *c = ctx;
    char loans[24], visited[24], jobs[24], income[MONEY_TEXT_SIZE], principal[MONEY_TEXT_SIZE];
    snprintf(loans, sizeof loans, "%lld", (long long)x->loans);
    snprintf(visited, sizeof visited, "%lld", (long long)x->visited);
    snprintf(jobs, sizeof jobs, "%lld", (long long)x->jobs);
    int pt = project_type_parse(x->project_type);
    const char *cells[] = {pt >= 0 ? project_type_name((enum project_type)pt) : x->project_type, x->village, loans,
                           sheet_fen(x->principal_fen, principal), visited, jobs, sheet_fen(x->income_fen, income)};
    sheet_row(c->s, cells);
    c->loans += x->loans, c->visited += x->visited, c->jobs += x->jobs;
    c->income_fen += x->income_fen, c->principal_fen += x->principal_fen;
}

/* Builds the outcomes sheet for ?from=&to=. */
static void outcomes_sheet(struct req *r, struct sheet *s)
{
    static const char *const heads[] = {"项目类型", "村", "贷款笔数", "放款金额（元）", "已回访", "带动就业（人）",
                                        "年收入（元）", NULL};
    const char *from = req_query(r, "from"), *to = req_query(r, "to");
    sheet_init(s, "计生信贷助富帮扶成效", heads);
    sheet_money_column(s, 3);
    sheet_money_column(s, 6);
    sheet_int_column(s, 2);
    sheet_int_column(s, 4);
    sheet_int_column(s, 5);
    char period[REPORT_PERIOD_SIZE];
    struct date first;
    int any = followup_first_day(r->db, &r->user, &first) == 0;
    snprintf(s->subtitle, sizeof s->subtitle, "统计范围：%s · 回访日期 %s（每笔贷款取期间内最近一次回访）",
             r->user.unit_name, report_period(r, from, to, any ? &first : NULL, period));
    struct outcomes_ctx c = {.s = s};
    followup_outcomes(r->db, &r->user, from, to, outcome_row, &c);
    char loans[24], visited[24], jobs[24], income[MONEY_TEXT_SIZE], principal[MONEY_TEXT_SIZE];
    snprintf(loans, sizeof loans, "%lld", (long long)c.loans);
    snprintf(visited, sizeof visited, "%lld", (long long)c.visited);
    snprintf(jobs, sizeof jobs, "%lld", (long long)c.jobs);
    const char *total[] = {"合计", "", loans, sheet_fen(c.principal_fen, principal), visited, jobs,
                           sheet_fen(c.income_fen, income)};
    sheet_row(s, total);
    s->total_rows = 1;
}

void page_outcomes(struct req *r)
{
    if (report_narrow_scope(r) != 0)
        return;
    struct sheet s;
    outcomes_sheet(r, &s);
    if (!sheet_reply_by_format(r, &s, "outcomes.csv")) {
        html_begin(r, "帮扶成效");
        html_raw(r, "<h1>帮扶成效</h1><form class=\"search\" method=\"get\" action=\"/reports/outcomes\"><label>回访自"
                    "<input type=\"date\" name=\"from\"></label><label>至<input type=\"date\" name=\"to\"></label>");
        report_page_tail(r, &s, "/reports/outcomes");
        html_end(r);
    }
    sheet_free(&s);
}

/* Appends one group as JSON. */
static void outcome_json(const struct outcome_row *x, void *ctx)
{
    json_array_append_new(ctx, json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I}", "project_type", x->project_type,
                                         "village", x->village, "loans", (json_int_t)x->loans, "principal_fen",
                                         (json_int_t)x->principal_fen, "visited", (json_int_t)x->visited, "jobs",
                                         (json_int_t)x->jobs, "income_fen", (json_int_t)x->income_fen));
}

void api_outcomes(struct req *r)
{
    if (report_narrow_scope(r) != 0)
        return;
    struct sheet s;
    outcomes_sheet(r, &s);
    if (!sheet_reply_by_format(r, &s, "outcomes.csv")) {
        json_t *items = json_array();
        int n = followup_outcomes(r->db, &r->user, req_query(r, "from"), req_query(r, "to"), outcome_json, items);
        api_reply_list(r, items, n, NULL);
    }
    sheet_free(&s);
}
