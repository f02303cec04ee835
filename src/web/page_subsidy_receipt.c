/* page_subsidy_receipt.c: the interest subsidy (贴息) received from finance on the subsidy page: the
   receipts and reversals with the net total, the record form and a reversal form on each receipt
   (district finance and the administrator), each confirmed in words and figures (form_ask). Thin
   over subsidy_receipt.c. */
#include <stdio.h>
#include <string.h>

#include "form.h"
#include "handlers.h"
#include "html.h"
#include "money.h"
#include "subsidy_receipt.h"

/* 1 when the user may record and reverse (FUND_WRITE in routes.c). */
static int may_write(const struct req *r)
{
    return (ROLE_BIT(r->user.role) & (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_FINANCE))) != 0;
}

/* One receipt as a table row, with its reversal form when it may be reversed. */
static void receipt_row(struct req *r, json_t *x)
{
    int64_t id = json_integer_value(json_object_get(x, "id"));
    int reversal = !json_is_null(json_object_get(x, "reverses_id")), reversed = json_is_true(json_object_get(x, "reversed"));
    html_printf(r, "<tr%s><td>%s</td><td>%s</td><td class=\"num\">", reversal ? " class=\"red\"" : "",
                json_string_value(json_object_get(x, "on")), json_string_value(json_object_get(x, "quarter")));
    html_money(r, json_integer_value(json_object_get(x, "amount_fen")));
    html_printf(r, "</td><td>%s</td><td>%s</td><td>%s", json_string_value(json_object_get(x, "document_no")),
                json_string_value(json_object_get(x, "recorded_by")),
                reversal ? "冲正：" : reversed ? "已冲正" : "");
    if (reversal)
        html_text(r, json_string_value(json_object_get(x, "note")));
    if (!reversal && !reversed && may_write(r)) {
        html_printf(r, "<form method=\"post\" action=\"/subsidy/receipts/%lld/reverse\" class=\"inline\">", (long long)id);
        html_csrf(r);
        html_printf(r, "<input name=\"reason\" required maxlength=\"%d\" placeholder=\"冲正原因\" aria-label=\"冲正原因\">"
                       "<button>冲正</button></form>",
                    SUBSIDY_RECEIPT_REASON_MAX_CHARS);
    }
    html_raw(r, "</td></tr>");
}

void subsidy_receipts_section(struct req *r)
{
    struct err e = {0};
    json_t *list = subsidy_receipt_list_json(r->db, &e), *x;
    size_t i;
    html_raw(r, "<h2 id=\"receipts\">收到的财政贴息资金</h2>");
    if (!list) {
        html_form_error(r, &e);
        return;
    }
    html_raw(r, "<p class=\"muted\">区财政拨付的贴息资金由协会代收后转付借款人（受托代理），每笔到账生成记账凭证（贴字）："
                "借 银行存款，贷 受托代理负债；登记错误只能冲正，生成红字凭证。</p><div class=\"scroll\"><table class=\"list\">"
                "<thead><tr><th>到账日期</th><th>季度</th><th class=\"num\">金额（元）</th><th>文号</th><th>登记人</th>"
                "<th>冲正</th></tr></thead><tbody>");
    json_array_foreach(json_object_get(list, "items"), i, x) receipt_row(r, x);
    html_raw(r, "</tbody></table></div><p>净额 ");
    html_money(r, json_integer_value(json_object_get(list, "net_fen")));
    html_raw(r, " 元。</p>");
    json_decref(list);
    if (!may_write(r))
        return;
    const char *f = "/subsidy/receipts";
    char today[11];
    html_raw(r, "<form method=\"post\" action=\"/subsidy/receipts\" class=\"grid\" id=\"receipt-form\">");
    html_csrf(r);
    form_input(r, f, "季度", "quarter", NULL, "required placeholder=\"2026Q3\"", "");
    form_input(r, f, "到账日期", "on", NULL, "type=\"date\" required", date_format(r->today, today));
    form_input(r, f, "金额（元）", "amount", "amount_fen", "required inputmode=\"decimal\"", "");
    form_input(r, f, "财政文号", "document_no", NULL, "required maxlength=\"50\"", "");
    html_raw(r, "<p><button class=\"primary\">登记到账</button></p></form>");
}

/* Answers a confirmed write: back to the list with its message, or the page again with the refusal. */
static void done(struct req *r, int64_t written, const struct err *e)
{
    if (written <= 0)
        page_subsidy_refused(r, e);
    else
        reply_redirect(r, "/subsidy?ok=subsidy_received#receipts");
}

void page_subsidy_receipt_add(struct req *r)
{
    struct err e = {0};
    struct subsidy_receipt_input in = {.quarter = req_form(r, "quarter"), .on = req_form(r, "on"),
                                       .document_no = req_form(r, "document_no")};
    if (money_parse(req_form(r, "amount"), &in.amount_fen) != 0 || in.amount_fen <= 0) {
        err_set(&e, 422, "invalid_amount", "amount_fen", "金额格式不正确，例如 12345.67 或 12,345.67");
        page_subsidy_refused(r, &e);
        return;
    }
    char money[FORM_MONEY_SIZE];
    enum form_confirm_step step =
        form_ask(r, "/subsidy", "确认登记收到 %s 季度的财政贴息资金 %s？到账日期 %s，财政文号 %s。登记后生成记账凭证，错误只能冲正。",
                 in.quarter ? in.quarter : "", form_money(in.amount_fen, money, sizeof money), in.on ? in.on : "",
                 in.document_no ? in.document_no : "");
    if (step == FORM_EDIT)
        page_subsidy(r);
    else if (step == FORM_CONFIRMED)
        done(r, subsidy_receipt_add(r->db, &r->user, &in, r->today, &e), &e);
}

void page_subsidy_receipt_reverse(struct req *r)
{
    struct err e = {0};
    const char *reason = req_form(r, "reason");
    int64_t amount = db_int(r->db, 0, "SELECT amount_fen FROM subsidy_receipts WHERE id = ?", "i", r->id[0]);
    char money[FORM_MONEY_SIZE];
    enum form_confirm_step step = form_ask(r, "/subsidy", "确认冲正第 %lld 号财政贴息资金到账记录（%s）？生成红字凭证。原因：%s",
                                           (long long)r->id[0], form_money(amount, money, sizeof money),
                                           reason ? reason : "");
    if (step == FORM_EDIT)
        page_subsidy(r);
    else if (step == FORM_CONFIRMED)
        done(r, subsidy_receipt_reverse(r->db, &r->user, r->id[0], reason, r->today, &e), &e);
}
