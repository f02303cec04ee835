/* page_visits.c: the household page's 走访帮扶 section: its visits with the loan follow-up visits
   (linked to the loan account), and the form recording a visit. Thin over visit.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "handlers.h"
#include "html.h"
#include "pair.h"
#include "routes.h"
#include "visit.h"

/* One visit of the table. */
static void visit_table_row(const struct visit_row *v, void *ctx)
{
    struct req *r = ctx;
    html_raw(r, "<tr><td>");
    html_text(r, v->on);
    html_raw(r, "</td><td>");
    if (v->loan_id)
        html_printf(r, "<a href=\"/accounts/%lld\">%s</a>", (long long)v->loan_id, visit_kind_name(v->kind));
    else
        html_text(r, visit_kind_name(v->kind));
    html_raw(r, "</td><td>");
    html_text(r, v->note);
    if (v->kind == VISIT_LOAN_FOLLOWUP) {
        html_printf(r, "<br><small class=\"muted\">带动就业 %lld 人，年收入 ", (long long)v->jobs);
        html_money(r, v->income_fen);
        html_raw(r, " 元</small>");
    }
    html_raw(r, "</td><td>");
    html_text(r, v->next_step);
    if (v->next_on[0]) {
        html_raw(r, "<br><small class=\"muted\">");
        html_text(r, v->next_on);
        html_raw(r, "</small>");
    }
    html_raw(r, "</td><td>");
    html_text(r, v->by);
    html_raw(r, "</td></tr>");
}

/* An <option> per going-on pair of the household. */
static void pair_option(const struct pair_row *p, void *ctx)
{
    struct req *r = ctx;
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)p->id);
    html_printf(r, "<option value=\"%s\"%s>", id, !strcmp(form_echo(r, "/visits", "pair_id", ""), id) ? " selected" : "");
    html_text(r, helper_kind_name(p->kind));
    html_raw(r, " · ");
    html_text(r, p->helper_name);
    html_raw(r, "</option>");
}

/* The form recording a visit to household id. */
static void visit_form(struct req *r, int64_t id)
{
    const char *f = "/visits";
    char today[11];
    html_printf(r, "<details%s><summary>登记走访</summary><form method=\"post\" action=\"/households/%lld/visits\" "
                   "class=\"grid\">",
                form_posted(r, f) ? " open" : "", (long long)id);
    html_csrf(r);
    html_printf(r, "<label>走访日期<input name=\"on\" type=\"date\" required value=\"%s\">",
                form_echo(r, f, "on", date_format(r->today, today)));
    form_field_error(r, "on");
    const char *kind = form_echo(r, f, "kind", "");
    html_raw(r, "</label><label>帮扶方式<select name=\"kind\" required><option value=\"\">请选择</option>");
    for (int k = 0; k < VISIT_RECORDED_KINDS; k++)
        html_printf(r, "<option value=\"%s\"%s>%s</option>", visit_kind_code(k),
                    !strcmp(kind, visit_kind_code(k)) ? " selected" : "", visit_kind_name(k));
    html_raw(r, "</select>");
    form_field_error(r, "kind");
    html_raw(r, "</label><label>结对（可不选）<select name=\"pair_id\"><option value=\"\">不属于结对</option>");
    struct pair_filter pf = {.kind = -1, .household_id = id, .state = 1};
    struct err e = {0};
    pair_list(r->db, &r->user, &pf, pair_option, r, &e);
    html_raw(r, "</select>");
    form_field_error(r, "pair_id");
    html_printf(r, "</label><label class=\"wide\">走访情况<input name=\"note\" required maxlength=\"500\" value=\"%s\">",
                form_echo(r, f, "note", ""));
    form_field_error(r, "note");
    html_printf(r, "</label><label class=\"wide\">下一步打算<input name=\"next_step\" maxlength=\"200\" value=\"%s\">",
                form_echo(r, f, "next_step", ""));
    form_field_error(r, "next_step");
    html_printf(r, "</label><label>下一步日期<input name=\"next_on\" type=\"date\" value=\"%s\">",
                form_echo(r, f, "next_on", ""));
    form_field_error(r, "next_on");
    html_raw(r, "</label><p><button class=\"primary\">登记走访</button></p></form></details>");
}

void visits_section(struct req *r, int64_t household_id)
{
    struct visit_filter f = {.household_id = household_id, .kind = -1, .limit = HOUSEHOLD_VISITS_SHOWN};
    struct err e = {0};
    html_raw(r, "<h2>走访帮扶</h2><table class=\"list\"><thead><tr><th>日期</th><th>帮扶方式</th><th>情况</th>"
                "<th>下一步</th><th>记录人</th></tr></thead><tbody>");
    int64_t n = visit_list(r->db, &r->user, &f, visit_table_row, r, &e);
    if (n == 0)
        html_raw(r, "<tr><td colspan=\"5\" class=\"muted\">暂无走访记录</td></tr>");
    html_raw(r, "</tbody></table>");
    if (n < 0)
        html_form_error(r, &e);
    else if (n > f.limit)
        html_printf(r, "<p class=\"muted\">共 %lld 条，这里列出最近 %d 条；全部记录见 "
                       "<a href=\"/api/v1/visits?household_id=%lld&amp;format=csv\">导出 CSV</a>。</p>",
                    (long long)n, f.limit, (long long)household_id);
    if (route_allowed("POST", "/households/1/visits", r->user.role))
        visit_form(r, household_id);
}

void page_household_visit(struct req *r)
{
    const char *pair = req_form(r, "pair_id");
    struct visit_input in = {.household_id = r->id[0], .pair_id = pair ? strtoll(pair, NULL, 10) : 0,
                             .on = req_form(r, "on"), .kind = visit_kind_parse(req_form(r, "kind")),
                             .note = req_form(r, "note"), .next_step = req_form(r, "next_step"),
                             .next_on = req_form(r, "next_on")};
    struct err e = {0};
    household_page_done(r, r->id[0], visit_create(r->db, &r->user, &in, r->today, &e) < 0, &e, "created");
}
