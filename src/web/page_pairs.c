/* page_pairs.c: pairing (结对帮扶) pages: the household page's section (its pairs, the pairs it
   helps in as a prospering household, the forms to pair and to end a pair), and the pair list
   with filters and exports. Thin over pair.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "handlers.h"
#include "html.h"
#include "list_sheets.h"
#include "pair_sheets.h"
#include "report_scope.h"
#include "routes.h"
#include "unit.h"

/* Whether the user may pair households and end pairs (those who register households). */
static int may_pair(const struct req *r)
{
    return route_allowed("POST", "/households/1/pairs", r->user.role);
}

/* Which columns a pair table starts with: the helper (a household's own pairs), the helped
   household (the pairs a household helps in), or both (the pair list). */
enum pair_cols { COLS_HELPER, COLS_HELPED, COLS_BOTH };

/* Context of a pair table: the request, its first columns and whether each going-on pair gets an
   end form. */
struct pair_table {
    struct req *r;
    enum pair_cols cols;
    int end_forms;
};

/* The end form of a going-on pair: day and reason. */
static void pair_end_form(struct req *r, const struct pair_row *p)
{
    char action[48], today[11];
    snprintf(action, sizeof action, "/pairs/%lld/end", (long long)p->id);
    html_printf(r, "<details%s><summary>结束结对</summary><form method=\"post\" action=\"%s\" class=\"grid\">",
                form_posted(r, action) ? " open" : "", action);
    html_csrf(r);
    html_printf(r, "<label>结束日期<input name=\"on\" type=\"date\" required value=\"%s\">",
                form_echo(r, action, "on", date_format(r->today, today)));
    form_field_error(r, "on");
    html_printf(r, "</label><label class=\"wide\">结束原因<input name=\"reason\" required maxlength=\"200\" value=\"%s\">",
                form_echo(r, action, "reason", ""));
    form_field_error(r, "reason");
    html_raw(r, "</label><p><button>结束结对</button></p></form></details>");
}

/* The helped household's cell: its head (linked) and village. */
static void helped_cell(struct req *r, const struct pair_row *p)
{
    html_printf(r, "<td><a href=\"/households/%lld\">", (long long)p->household_id);
    html_text(r, p->head);
    html_raw(r, "</a> · ");
    html_text(r, p->village);
    html_raw(r, "</td>");
}

/* The helper's cell: kind, name (a household linked), a cadre's unit, the phone. */
static void helper_cell(struct req *r, const struct pair_row *p)
{
    html_raw(r, "<td>");
    html_text(r, helper_kind_name(p->kind));
    html_raw(r, " · ");
    if (p->helper_household_id)
        html_printf(r, "<a href=\"/households/%lld\">", (long long)p->helper_household_id);
    html_text(r, p->helper_name);
    html_raw(r, p->helper_household_id ? "</a>" : "");
    if (p->kind == HELPER_CADRE && p->unit_name[0]) {
        html_raw(r, "（");
        html_text(r, p->unit_name);
        html_raw(r, "）");
    }
    if (p->phone[0]) {
        html_raw(r, " ");
        html_text(r, p->phone);
    }
    html_raw(r, "</td>");
}

/* One pair of a table. */
static void pair_table_row(const struct pair_row *p, void *ctx)
{
    struct pair_table *t = ctx;
    struct req *r = t->r;
    char goals[PAIR_GOALS_TEXT_SIZE];
    html_raw(r, "<tr>");
    if (t->cols != COLS_HELPER)
        helped_cell(r, p);
    if (t->cols != COLS_HELPED)
        helper_cell(r, p);
    html_raw(r, "<td>");
    html_text(r, pair_goals_text((unsigned)p->goals, goals));
    html_raw(r, "</td><td>");
    html_text(r, p->from);
    html_raw(r, "</td><td>");
    html_text(r, pair_state_name(p));
    if (p->ended_on[0]) {
        html_raw(r, "<br><small class=\"muted\">");
        html_text(r, p->ended_on);
        html_raw(r, " ");
        html_text(r, p->end_reason);
        html_raw(r, "</small>");
    } else if (t->end_forms)
        pair_end_form(r, p);
    html_raw(r, "</td></tr>");
}

/* A <option> per unit (helper units: any unit, a unit's name is no personal data). */
static void unit_option(const struct unit *u, void *ctx)
{
    struct req *r = ctx;
    const char *chosen = form_echo(r, "/pairs", "unit_id", "");
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)u->id);
    html_printf(r, "<option value=\"%s\"%s>", id, !strcmp(chosen, id) ? " selected" : "");
    html_text(r, u->name);
    html_raw(r, "</option>");
}

/* The form pairing a helper with household id. */
static void pair_form(struct req *r, int64_t id)
{
    const char *f = "/pairs";
    char today[11];
    html_printf(r, "<details%s><summary>新增结对</summary><form method=\"post\" action=\"/households/%lld/pairs\" "
                   "class=\"grid\">",
                form_posted(r, f) ? " open" : "", (long long)id);
    html_csrf(r);
    const char *kind = form_echo(r, f, "kind", "");
    html_raw(r, "<label>帮扶人类别<select name=\"kind\" required><option value=\"\">请选择</option>");
    for (int k = 0; k < HELPER__MAX; k++)
        html_printf(r, "<option value=\"%s\"%s>%s</option>", helper_kind_code(k),
                    !strcmp(kind, helper_kind_code(k)) ? " selected" : "", helper_kind_name(k));
    html_raw(r, "</select>");
    form_field_error(r, "helper.kind");
    html_printf(r, "</label><label>干部姓名（干部填写）<input name=\"name\" maxlength=\"30\" value=\"%s\">",
                form_echo(r, f, "name", ""));
    form_field_error(r, "helper.name");
    html_raw(r, "</label><label>帮扶单位或干部所在单位<select name=\"unit_id\"><option value=\"\">（帮扶户不填）</option>");
    unit_list(r->db, "/", NULL, unit_option, r);
    html_raw(r, "</select>");
    form_field_error(r, "helper.unit_id");
    html_printf(r, "</label><label>帮扶户家庭编号（帮扶户填写）<input name=\"helper_household_id\" inputmode=\"numeric\" "
                   "value=\"%s\">",
                form_echo(r, f, "helper_household_id", ""));
    form_field_error(r, "helper.household_id");
    html_printf(r, "</label><label>手机号<input name=\"phone\" maxlength=\"11\" inputmode=\"tel\" value=\"%s\">",
                form_echo(r, f, "phone", ""));
    form_field_error(r, "helper.phone");
    html_printf(r, "</label><label>结对日期<input name=\"from\" type=\"date\" required value=\"%s\">",
                form_echo(r, f, "from", date_format(r->today, today)));
    form_field_error(r, "from");
    html_raw(r, "</label><fieldset class=\"wide\"><legend>帮扶目标</legend><div class=\"checks\">");
    for (int g = 0; g < PAIR_GOALS; g++)
        html_printf(r, "<label><input type=\"checkbox\" name=\"goal\" value=\"%s\"%s>%s</label>", pair_goal_name(g),
                    form_echo_checked(r, f, "goal", pair_goal_name(g), 0) ? " checked" : "", pair_goal_name(g));
    html_raw(r, "</div>");
    form_field_error(r, "goals");
    html_raw(r, "</fieldset><p><button class=\"primary\">结对</button></p></form></details>");
}

/* Counts nothing: pair_list asked only for its total. */
static void pair_none(const struct pair_row *p, void *ctx)
{
}

/* The head of a pair table with its first columns. */
static void pair_table_head(struct req *r, enum pair_cols cols)
{
    html_raw(r, "<table class=\"list\"><thead><tr>");
    if (cols != COLS_HELPER)
        html_raw(r, "<th>被帮扶家庭</th>");
    if (cols != COLS_HELPED)
        html_raw(r, "<th>帮扶人</th>");
    html_raw(r, "<th>帮扶目标</th><th>结对日期</th><th>状态</th></tr></thead><tbody>");
}

void pairs_section(struct req *r, int64_t household_id)
{
    struct pair_table t = {.r = r, .end_forms = may_pair(r)};
    struct pair_filter f = {.kind = -1, .household_id = household_id};
    struct err e = {0};
    html_raw(r, "<h2>结对帮扶</h2>");
    pair_table_head(r, COLS_HELPER);
    int64_t n = pair_list(r->db, &r->user, &f, pair_table_row, &t, &e);
    if (n == 0)
        html_raw(r, "<tr><td colspan=\"4\" class=\"muted\">暂无结对</td></tr>");
    html_raw(r, "</tbody></table>");
    if (n < 0)
        html_form_error(r, &e);
    struct pair_filter helped = {.kind = -1, .helper_household_id = household_id, .limit = 1};
    if (pair_list(r->db, &r->user, &helped, pair_none, NULL, &e) > 0) {
        helped.limit = 0;
        t.cols = COLS_HELPED;
        html_raw(r, "<h3>本户作为帮扶户（富手拉贫手）</h3>");
        pair_table_head(r, COLS_HELPED);
        pair_list(r->db, &r->user, &helped, pair_table_row, &t, &e);
        html_raw(r, "</tbody></table>");
    }
    if (may_pair(r))
        pair_form(r, household_id);
}

void page_household_pair(struct req *r)
{
    struct pair_input in = {.household_id = r->id[0], .kind = (enum helper_kind)helper_kind_parse(req_form(r, "kind")),
                            .name = req_form(r, "name"), .phone = req_form(r, "phone"), .from = req_form(r, "from")};
    const char *v, *hh = req_form(r, "helper_household_id"), *unit = req_form(r, "unit_id");
    in.unit_id = unit ? strtoll(unit, NULL, 10) : 0;
    in.helper_household_id = hh ? strtoll(hh, NULL, 10) : 0;
    for (int i = 0; (v = req_form_nth(r, "goal", i)); i++)
        if (pair_goal_parse(v) >= 0)
            in.goals |= 1u << pair_goal_parse(v);
    struct err e = {0};
    household_page_done(r, r->id[0], pair_create(r->db, &r->user, &in, r->today, &e) < 0, &e, "created");
}

/* Keeps the household of the one pair listed. */
static void pair_household(const struct pair_row *p, void *ctx)
{
    *(int64_t *)ctx = p->household_id;
}

void page_pair_end(struct req *r)
{
    struct err e = {0};
    int64_t household_id = 0;
    struct pair_filter f = {.kind = -1, .id = r->id[0]};
    if (pair_list(r->db, &r->user, &f, pair_household, &household_id, &e) < 0 || !household_id) {
        if (!e.status)
            err_set(&e, 404, "not_found", NULL, "结对不存在");
        reply_error(r, &e);
        return;
    }
    household_page_done(r, household_id,
                        pair_end(r->db, &r->user, r->id[0], req_form(r, "on"), req_form(r, "reason"), r->today, &e) != 0,
                        &e, "updated");
}

void page_pairs(struct req *r)
{
    struct pair_filter f;
    struct err e = {0};
    if (pair_filter_read(r, &f, &e) != 0) {
        reply_error(r, &e);
        return;
    }
    html_paging(r, &f.limit, &f.offset);
    if (list_export_if_asked(r, pair_list_sheet, &f, "pairs.csv"))
        return;
    html_begin(r, "结对帮扶");
    html_raw(r, "<h1>结对帮扶</h1><form class=\"search\" method=\"get\" action=\"/pairs\">");
    report_unit_select(r);
    const char *kind = req_query(r, "kind");
    html_raw(r, "<label>帮扶人类别<select name=\"kind\"><option value=\"\">全部</option>");
    for (int k = 0; k < HELPER__MAX; k++)
        html_printf(r, "<option value=\"%s\"%s>%s</option>", helper_kind_code(k),
                    kind && !strcmp(kind, helper_kind_code(k)) ? " selected" : "", helper_kind_name(k));
    html_printf(r, "</select></label><label>状态<select name=\"state\"><option value=\"\">全部</option>"
                   "<option value=\"active\"%s>进行中</option><option value=\"ended\"%s>已结束</option></select></label>"
                   "<button>查询</button></form>",
                f.state == 1 ? " selected" : "", f.state == 2 ? " selected" : "");
    pair_table_head(r, COLS_BOTH);
    struct pair_table t = {.r = r, .cols = COLS_BOTH};
    int64_t total = pair_list(r->db, &r->user, &f, pair_table_row, &t, &e);
    if (total == 0)
        html_raw(r, "<tr><td colspan=\"5\" class=\"muted\">没有符合条件的结对</td></tr>");
    html_raw(r, "</tbody></table>");
    if (total < 0)
        html_form_error(r, &e);
    else
        html_pager(r, total, f.limit, f.offset, 0);
    report_format_links(r, "/pairs", NULL);
    html_end(r);
}
