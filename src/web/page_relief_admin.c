/* page_relief_admin.c: the admin's relief categories page: a form defining a new category (and its
   once/household programme), who is eligible, times per year, active, and amounts with the date they
   apply from (older applications keep theirs). Thin over relief_category.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "report_scope.h"
#include "admin_sheets.h"
#include "household.h"
#include "html.h"
#include "money.h"
#include "form.h"
#include "relief_category.h"
#include "relief_fund.h"

/* One amount of a category's history. */
static void amount_item(const struct relief_amount_row *a, void *ctx)
{
    struct req *r = ctx;
    char x[MONEY_TEXT_SIZE], y[MONEY_TEXT_SIZE];
    html_text(r, a->effective_from);
    html_printf(r, " 起 %s", money_format(a->min_fen, x, sizeof x));
    if (a->max_fen != a->min_fen)
        html_printf(r, "—%s", money_format(a->max_fen, y, sizeof y));
    html_raw(r, " 元<br>");
}

/* One category with its two forms. */
static void category_block(const struct relief_category *c, void *ctx)
{
    struct req *r = ctx;
    html_raw(r, "<section class=\"card\"><h2>");
    html_text(r, c->name);
    html_printf(r, "</h2><p class=\"muted\">%s%s</p><p>", c->standard ? "按标准发放" : "按实际情况核定（上下限）",
                c->batch ? " · 可批量发放" : "");
    relief_category_amounts(r->db, c->id, amount_item, r);
    html_printf(r, "</p><form method=\"post\" action=\"/admin/relief-categories/%lld\" class=\"grid\">", (long long)c->id);
    html_csrf(r);
    html_printf(r, "<fieldset class=\"wide\"><legend>可享受的家庭类别</legend><label class=\"inline-check\"><input "
                   "type=\"checkbox\" name=\"any_household\" value=\"1\"%s>所有计生家庭</label>",
                c->any_household ? " checked" : "");
    for (int k = 0; k < HC__MAX; k++)
        html_printf(r, "<label class=\"inline-check\"><input type=\"checkbox\" name=\"eligible\" value=\"%s\"%s>%s</label>",
                    hh_category_code(k), c->eligible & (1u << k) ? " checked" : "", hh_category_name(k));
    html_printf(r, "</fieldset><label>每户每年次数<input name=\"per_year\" type=\"number\" min=\"1\" max=\"12\" value=\"%d\">"
                   "</label><label class=\"inline-check\"><input type=\"checkbox\" name=\"active\" value=\"1\"%s>启用</label>"
                   "<p><button>保存</button></p></form>",
                c->per_year, c->active ? " checked" : "");
    html_printf(r, "<form method=\"post\" action=\"/admin/relief-categories/%lld/amounts\" class=\"grid\">", (long long)c->id);
    html_csrf(r);
    html_printf(r, "<label>新标准自<input name=\"effective_from\" type=\"date\" required></label><label>%s（元）"
                   "<input name=\"min\" required inputmode=\"decimal\"></label>",
                c->standard ? "标准金额" : "下限");
    if (!c->standard)
        html_raw(r, "<label>上限（元）<input name=\"max\" required inputmode=\"decimal\"></label>");
    html_raw(r, "<p><button>设定新标准</button></p></form></section>");
}

/* One <option> per fund in the actor's scope, the one posted selected. */
static void fund_option(const struct relief_fund *f, void *ctx)
{
    struct req *r = ctx;
    html_printf(r, "<option value=\"%lld\"%s>", (long long)f->id,
                atoll(form_echo(r, "/admin/relief-categories", "fund_id", "")) == f->id ? " selected" : "");
    html_text(r, f->name);
    html_raw(r, "</option>");
}

/* The form defining a new category: open and filled in again after a refusal. The amount kind has no
   default (a choice the programme keeps). */
static void new_category_form(struct req *r)
{
    const char *f = "/admin/relief-categories", *kind = form_echo(r, f, "amount_kind", "");
    html_printf(r, "<details class=\"card\"%s><summary>新增救助类别</summary>"
                   "<form method=\"post\" action=\"/admin/relief-categories\" class=\"grid\">",
                form_posted(r, f) ? " open" : "");
    html_csrf(r);
    form_input(r, f, "类别名称", "name", "name", "required maxlength=\"30\"", "");
    html_printf(r, "<label>发放方式<select name=\"amount_kind\" required><option value=\"\">请选择</option>"
                   "<option value=\"standard\"%s>按标准发放</option><option value=\"case\"%s>按实际情况核定（上下限）</option>"
                   "</select>",
                !strcmp(kind, "standard") ? " selected" : "", !strcmp(kind, "case") ? " selected" : "");
    form_field_error(r, "amount_kind");
    html_raw(r, "</label>");
    form_input(r, f, "标准金额或下限（元）", "min", "min_fen", "required inputmode=\"decimal\"", "");
    form_input(r, f, "上限（元，按实际核定时填写）", "max", "max_fen", "inputmode=\"decimal\"", "");
    form_input(r, f, "生效日期", "effective_from", "effective_from", "type=\"date\" required", "");
    html_raw(r, "<label>支付资金<select name=\"fund_id\" required><option value=\"\">请选择</option>");
    relief_fund_list(r->db, &r->user, fund_option, r);
    html_raw(r, "</select>");
    form_field_error(r, "fund_id");
    html_printf(r, "</label><fieldset class=\"wide\"><legend>可享受的家庭类别</legend><label class=\"inline-check\">"
                   "<input type=\"checkbox\" name=\"any_household\" value=\"1\"%s>所有计生家庭</label>",
                form_echo_checked(r, f, "any_household", "1", 0) ? " checked" : "");
    for (int k = 0; k < HC__MAX; k++)
        html_printf(r, "<label class=\"inline-check\"><input type=\"checkbox\" name=\"eligible\" value=\"%s\"%s>%s</label>",
                    hh_category_code(k), form_echo_checked(r, f, "eligible", hh_category_code(k), 0) ? " checked" : "",
                    hh_category_name(k));
    form_field_error(r, "eligible");
    html_raw(r, "</fieldset>");
    form_input(r, f, "每户每年次数", "per_year", "per_year", "type=\"number\" min=\"1\" max=\"12\" required", "1");
    html_printf(r, "<label class=\"inline-check\"><input type=\"checkbox\" name=\"batch\" value=\"1\"%s>可批量发放</label>"
                   "<p><button class=\"primary\">新增类别</button></p></form></details>",
                form_echo_checked(r, f, "batch", "1", 0) ? " checked" : "");
}

/* The page, with e after a refused change. */
static void categories_page(struct req *r, const struct err *e)
{
    char on[11];
    html_begin(r, "救助类别");
    html_raw(r, "<h1>救助类别与标准</h1><p class=\"muted\">新标准自生效日起适用；此前的申请保持原金额。</p>");
    html_flash(r);
    if (e)
        html_form_error(r, e);
    new_category_form(r);
    relief_category_list(r->db, date_format(r->today, on), 0, category_block, r);
    report_format_links(r, "/admin/relief-categories", NULL);
    html_end(r);
}

void page_relief_categories(struct req *r)
{
    if (list_export_if_asked(r, admin_categories_sheet, NULL, "relief-categories.csv"))
        return;
    categories_page(r, NULL);
}

/* Reads the eligible household categories posted (bit per enum hh_category). */
static unsigned posted_categories(struct req *r)
{
    unsigned eligible = 0;
    for (int i = 0; req_form_nth(r, "eligible", i); i++) {
        int k = hh_category_parse(req_form_nth(r, "eligible", i));
        if (k >= 0)
            eligible |= 1u << k;
    }
    return eligible;
}

/* After a change: back to the page, or the page with the refusal. */
static void after_change(struct req *r, int rc, const struct err *e)
{
    if (rc == 0) {
        reply_redirect(r, "/admin/relief-categories?ok=updated");
        return;
    }
    categories_page(r, e);
    r->status = e->status;
}

void page_relief_category_update(struct req *r)
{
    struct err e = {0};
    const char *per_year = req_form(r, "per_year");
    after_change(r, relief_category_update(r->db, &r->user, r->id[0], posted_categories(r), req_form(r, "any_household") != NULL,
                                           per_year ? atoi(per_year) : 0, req_form(r, "active") != NULL, &e),
                 &e);
}

void page_relief_category_amount(struct req *r)
{
    struct err e = {0};
    int64_t min = 0, max = 0;
    const char *a = req_form(r, "min"), *b = req_form(r, "max");
    int rc;
    if (!a || money_parse(a, &min) != 0 || (b && money_parse(b, &max) != 0))
        rc = err_set(&e, 422, "invalid_amount", "min", "金额格式不正确，例如 600 或 600.00");
    else
        rc = relief_category_set_amount(r->db, &r->user, r->id[0], req_form(r, "effective_from"), min, b ? max : min, &e);
    after_change(r, rc, &e);
}

void page_relief_category_create(struct req *r)
{
    struct err e = {0};
    const char *kind = req_form(r, "amount_kind"), *a = req_form(r, "min"), *b = req_form(r, "max"),
               *per_year = req_form(r, "per_year");
    struct relief_category_input in = {.name = req_form(r, "name"), .effective_from = req_form(r, "effective_from"),
                                       .eligible = posted_categories(r), .any_household = req_form(r, "any_household") != NULL,
                                       .batch = req_form(r, "batch") != NULL, .per_year = per_year ? atoi(per_year) : 0,
                                       .fund_id = atoll(req_form(r, "fund_id") ? req_form(r, "fund_id") : "0")};
    int64_t id = -1;
    in.standard = kind && !strcmp(kind, "standard");
    if (!kind || (strcmp(kind, "standard") && strcmp(kind, "case")))
        err_set(&e, 422, "invalid_amount_kind", "amount_kind", "请选择发放方式");
    else if (!a || money_parse(a, &in.min_fen) != 0)
        err_set(&e, 422, "invalid_amount", "min_fen", "金额格式不正确，例如 600 或 600.00");
    else if (!in.standard && (!b || money_parse(b, &in.max_fen) != 0))
        err_set(&e, 422, "invalid_amount", "max_fen", "按实际核定的类别请填写上限，例如 3000");
    else {
        if (in.standard)
            in.max_fen = in.min_fen;
        id = relief_category_create(r->db, &r->user, &in, &e);
    }
    if (id < 0) {
        categories_page(r, &e);
        r->status = e.status;
        return;
    }
    reply_redirect(r, "/admin/relief-categories?ok=created");
}
