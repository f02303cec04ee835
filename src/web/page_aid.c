/* page_aid.c: the aid-in-kind pages (慰问品): the distributions with the village and period filter,
   their totals, exports and the 签领表; the form giving aid (confirmed in words and figures first);
   reversal with a reason (confirmed too); the items with the administrator's form. Thin over aid.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aid_sheet.h"
#include "form.h"
#include "handlers.h"
#include "html.h"
#include "list_filter.h"
#include "money.h"
#include "relief_fund.h"
#include "report_scope.h"
#include "routes.h"

/* One line of the distributions table, with the reversal form for those who may reverse. */
static void aid_line(const struct aid_row *x, void *ctx)
{
    struct req *r = ctx;
    char unit_value[MONEY_TEXT_SIZE], action[48];
    html_printf(r, "<tr%s><td>%lld</td><td>%s</td><td><a href=\"/households/%lld\">", x->reversed ? " class=\"muted\"" : "",
                (long long)x->id, x->given_on, (long long)x->household_id);
    html_text(r, x->head_name);
    html_raw(r, "</a></td><td>");
    html_text(r, x->village);
    html_raw(r, "</td><td>");
    html_text(r, x->item);
    html_printf(r, "</td><td class=\"num\">%lld ", (long long)x->quantity);
    html_text(r, x->unit);
    html_printf(r, "</td><td class=\"num\">%s</td><td class=\"num\">", money_format(x->unit_value_fen, unit_value, sizeof unit_value));
    html_money(r, x->value_fen);
    html_raw(r, "</td><td>");
    html_text(r, x->occasion);
    html_raw(r, "</td><td>");
    snprintf(action, sizeof action, "/aid/%lld/reverse", (long long)x->id);
    if (x->reversed) {
        html_printf(r, "已冲销（%s）：", x->reversed_on);
        html_text(r, x->reverse_reason);
    } else if (route_allowed("POST", action, r->user.role)) {
        html_printf(r, "<form method=\"post\" action=\"%s\" class=\"inline\">", action);
        html_csrf(r);
        html_raw(r, "<input name=\"reason\" required minlength=\"2\" maxlength=\"200\" placeholder=\"冲销原因\" "
                    "aria-label=\"冲销原因\"><button>冲销</button></form>");
    }
    html_raw(r, "</td></tr>");
}

/* One <option> per active item. */
static void item_option(const struct aid_item *x, void *ctx)
{
    struct req *r = ctx;
    char value[MONEY_TEXT_SIZE];
    if (!x->active)
        return;
    html_printf(r, "<option value=\"%lld\"%s>", (long long)x->id,
                atoll(form_echo(r, "/aid", "item_id", "")) == x->id ? " selected" : "");
    html_text(r, x->name);
    html_printf(r, "（每%s %s 元）</option>", x->unit, money_format(x->value_fen, value, sizeof value));
}

/* One <option> per fund in scope. */
static void fund_option(const struct relief_fund *f, void *ctx)
{
    struct req *r = ctx;
    html_printf(r, "<option value=\"%lld\"%s>", (long long)f->id, atoll(form_echo(r, "/aid", "fund_id", "")) == f->id ? " selected" : "");
    html_text(r, f->name);
    html_raw(r, "</option>");
}

/* The form giving aid to a household (prefilled from ?household_id=). */
static void aid_form(struct req *r)
{
    char today[11];
    const char *hh = req_query(r, "household_id");
    html_printf(r, "<details%s><summary>发放慰问品</summary><form method=\"post\" action=\"/aid\" class=\"grid\">",
                form_posted(r, "/aid") || hh ? " open" : "");
    html_csrf(r);
    form_input(r, "/aid", "家庭编号", "household_id", NULL, "required inputmode=\"numeric\"", hh ? hh : "");
    html_raw(r, "<label>物品<select name=\"item_id\" required><option value=\"\">请选择</option>");
    aid_item_list(r->db, item_option, r);
    html_raw(r, "</select>");
    form_field_error(r, "item_id");
    html_raw(r, "</label>");
    form_input(r, "/aid", "数量", "quantity", NULL, "required inputmode=\"numeric\" maxlength=\"4\"", "");
    html_raw(r, "<label>资金<select name=\"fund_id\" required><option value=\"\">请选择</option>");
    relief_fund_list(r->db, &r->user, fund_option, r);
    html_raw(r, "</select>");
    form_field_error(r, "fund_id");
    html_raw(r, "</label>");
    form_input(r, "/aid", "发放日期", "given_on", NULL, "type=\"date\" required", date_format(r->today, today));
    form_input(r, "/aid", "事由（可不填）", "occasion", NULL, "maxlength=\"30\" placeholder=\"春节走访慰问\"", "");
    html_raw(r, "<p><button class=\"primary\">发放（下一步确认）</button></p></form></details>");
}

/* One line of the items table. */
static void item_line(const struct aid_item *x, void *ctx)
{
    struct req *r = ctx;
    html_raw(r, "<tr><td>");
    html_text(r, x->name);
    html_raw(r, "</td><td>");
    html_text(r, x->unit);
    html_raw(r, "</td><td class=\"num\">");
    html_money(r, x->value_fen);
    html_printf(r, "</td><td>%s</td></tr>", x->active ? "在用" : "停用");
}

/* The items and, for the administrator, the form adding one. */
static void items_part(struct req *r)
{
    html_raw(r, "<h2>慰问品及单价</h2><div class=\"scroll\"><table class=\"list\"><thead><tr><th>物品</th><th>单位</th>"
                "<th class=\"num\">单价（元）</th><th>状态</th></tr></thead><tbody>");
    int n = aid_item_list(r->db, item_line, r);
    html_raw(r, "</tbody></table></div>");
    if (n > AID_ITEMS_MAX)
        html_printf(r, "<p class=\"muted\">只列出前 %d 种（共 %d 种）。</p>", AID_ITEMS_MAX, n);
    if (!route_allowed("POST", "/aid/items", r->user.role))
        return;
    html_raw(r, "<form method=\"post\" action=\"/aid/items\" class=\"grid\"><h3>新增慰问品</h3>");
    html_csrf(r);
    html_raw(r, "<label>名称<input name=\"name\" required maxlength=\"30\" value=\"");
    html_text(r, form_echo(r, "/aid/items", "name", ""));
    html_raw(r, "\">");
    form_field_error(r, "name");
    html_raw(r, "</label><label>单位<input name=\"unit\" required maxlength=\"4\" placeholder=\"袋\" value=\"");
    html_text(r, form_echo(r, "/aid/items", "unit", ""));
    html_raw(r, "\">");
    form_field_error(r, "unit");
    html_raw(r, "</label><label>单价（元）<input name=\"value\" required inputmode=\"decimal\" value=\"");
    html_text(r, form_echo(r, "/aid/items", "value", ""));
    html_raw(r, "\">");
    form_field_error(r, "value_fen");
    html_raw(r, "</label><p><button>保存</button></p></form>");
}

/* The page: filter, distributions with totals, exports and the 签领表, the forms; e after a refusal. */
static void aid_page(struct req *r, const struct err *e)
{
    struct list_where w;
    struct err we = {0};
    int limit, offset;
    if (list_where_page(r, &w, &we) != 0)
        return;
    struct aid_filter f = {.village_id = w.village_id, .from = w.from, .to = w.to};
    html_paging(r, &limit, &offset);
    f.limit = limit, f.offset = offset;
    html_begin(r, "慰问品发放");
    html_raw(r, "<h1>慰问品发放</h1><p class=\"muted\">实物慰问品（化肥、大米、食用油、衣物等）按户发放、签领；"
                "价值按发放当日单价计算，与资金的现金收支分列，不计入资金余额。</p>");
    html_flash(r);
    if (e)
        html_form_error(r, e);
    html_raw(r, "<form method=\"get\" action=\"/aid\" class=\"filters\">");
    list_where_fields(r, &w, "发放日期", &we);
    html_raw(r, "<button>筛选</button></form><div class=\"scroll\"><table class=\"list\"><thead><tr><th>编号</th>"
                "<th>日期</th><th>户主</th><th>村</th><th>物品</th><th class=\"num\">数量</th><th class=\"num\">单价（元）</th>"
                "<th class=\"num\">价值（元）</th><th>事由</th><th>冲销</th></tr></thead><tbody>");
    int n = aid_list(r->db, &r->user, &f, aid_line, r);
    html_raw(r, "</tbody></table></div>");
    if (n < 0)
        html_raw(r, "<p class=\"error\">读取发放记录失败，请稍后再试。</p>");
    else
        list_totals_line(r, f.count, "价值（不含已冲销）", f.value_fen);
    html_pager(r, f.count, limit, offset, 0);
    report_format_links(r, "/aid", NULL);
    report_format_links(r, "/aid/sign-sheet", NULL);
    if (route_allowed("POST", "/aid", r->user.role))
        aid_form(r);
    items_part(r);
    html_end(r);
}

void page_aid(struct req *r)
{
    struct list_where w;
    struct err e = {0};
    if (req_query(r, "format")) {
        if (list_where_read(r, &w, &e) != 0) {
            reply_error(r, &e);
            return;
        }
        struct aid_filter f = {.village_id = w.village_id, .from = w.from, .to = w.to};
        list_export_if_asked(r, aid_list_sheet, &f, "aid-distributions.csv");
        return;
    }
    aid_page(r, NULL);
}

void page_aid_sign_sheet(struct req *r)
{
    struct list_where w;
    struct err e = {0};
    if (list_where_read(r, &w, &e) != 0) {
        reply_error(r, &e);
        return;
    }
    struct aid_filter f = {.village_id = w.village_id, .from = w.from, .to = w.to};
    aid_sign_sheet_reply(r, &f);
}

/* An amount of a form field in fen (0 when not a number: refused by the domain's check). */
static int64_t form_int(struct req *r, const char *name)
{
    const char *v = req_form(r, name);
    char *end;
    long long n = v && *v ? strtoll(v, &end, 10) : 0;
    return v && *v && !*end ? n : 0;
}

void page_aid_create(struct req *r)
{
    struct aid_input in = {.household_id = form_int(r, "household_id"), .item_id = form_int(r, "item_id"),
                           .fund_id = form_int(r, "fund_id"), .quantity = form_int(r, "quantity"),
                           .given_on = req_form(r, "given_on"), .occasion = req_form(r, "occasion")};
    struct err e = {0};
    struct aid_row x;
    int64_t id = -1;
    if (aid_check(r->db, &r->user, &in, r->today, &x, &e) == 0) {
        char value[FORM_MONEY_SIZE], unit_value[MONEY_TEXT_SIZE];
        enum form_confirm_step step =
            form_ask(r, "/aid", "确认发放慰问品给 %s（%s）：%s %lld %s，单价 %s 元，价值 %s？发放日期 %s，资金：%s。"
                                "发放后请户主在签领表上签名或按手印。",
                     x.head_name, x.village, x.item, (long long)x.quantity, x.unit,
                     money_format(x.unit_value_fen, unit_value, sizeof unit_value),
                     form_money(x.value_fen, value, sizeof value), x.given_on, x.fund);
        if (step == FORM_ASKED)
            return;
        if (step == FORM_EDIT) {
            aid_page(r, NULL);
            return;
        }
        id = aid_distribute(r->db, &r->user, &in, r->today, &e);
    }
    if (id < 0) {
        aid_page(r, &e);
        r->status = e.status;
        return;
    }
    reply_redirect(r, "/aid?ok=created");
}

void page_aid_reverse(struct req *r)
{
    struct aid_row x;
    struct err e = {0};
    const char *reason = req_form(r, "reason");
    if (aid_get(r->db, &r->user, r->id[0], &x, &e) != 0) {
        reply_error(r, &e);
        return;
    }
    char value[FORM_MONEY_SIZE];
    enum form_confirm_step step = form_ask(r, "/aid", "确认冲销 %s 发给 %s（%s）的 %s %lld %s（价值 %s）？原因：%s",
                                           x.given_on, x.head_name, x.village, x.item, (long long)x.quantity, x.unit,
                                           form_money(x.value_fen, value, sizeof value), reason ? reason : "");
    if (step == FORM_ASKED)
        return;
    if (step == FORM_CONFIRMED && aid_reverse(r->db, &r->user, r->id[0], reason, r->today, &e) == 0) {
        reply_redirect(r, "/aid?ok=reversed");
        return;
    }
    aid_page(r, step == FORM_EDIT ? NULL : &e);
    if (step != FORM_EDIT)
        r->status = e.status;
}

void page_aid_items_create(struct req *r)
{
    struct err e = {0};
    int64_t value = 0;
    if (money_parse(req_form(r, "value") ? req_form(r, "value") : "", &value) != 0)
        err_set(&e, 422, "invalid_value", "value_fen", "单价格式不正确（元，最多两位小数）");
    else if (aid_item_create(r->db, &r->user, req_form(r, "name"), req_form(r, "unit"), value, &e) > 0) {
        reply_redirect(r, "/aid?ok=created");
        return;
    }
    aid_page(r, &e);
    r->status = e.status;
}
