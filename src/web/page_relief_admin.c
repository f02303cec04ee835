/* page_relief_admin.c: the admin's relief categories page: who is eligible, times per year,
   active, and amounts with the date they apply from (older applications keep theirs). Thin over
   relief_category.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "report_scope.h"
#include "admin_sheets.h"
#include "household.h"
#include "html.h"
#include "money.h"
#include "relief_category.h"

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

/* The page, with e after a refused change. */
static void categories_page(struct req *r, const struct err *e)
{
    char on[11];
    html_begin(r, "救助类别");
    html_raw(r, "<h1>救助类别与标准</h1><p class=\"muted\">新标准自生效日起适用；此前的申请保持原金额。</p>");
    html_flash(r);
    if (e)
        html_form_error(r, e);
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
    unsigned eligible = 0;
    for (int i = 0; req_form_nth(r, "eligible", i); i++) {
        int k = hh_category_parse(req_form_nth(r, "eligible", i));
        if (k >= 0)
            eligible |= 1u << k;
    }
    const char *per_year = req_form(r, "per_year");
    after_change(r, relief_category_update(r->db, &r->user, r->id[0], eligible, req_form(r, "any_household") != NULL,
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
