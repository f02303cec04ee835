/* page_relief_show.c: one relief application: its facts, the steps taken (who and when), the
   action the user may take next, and its receipt with void and reprint. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "handlers.h"
#include "html.h"
#include "masking.h"
#include "money.h"
#include "page_relief.h"
#include "relief.h"
#include "relief_pay.h"
#include "time_limit_view.h"
#include "routes.h"
#include "user.h"
#include "relief_backup.h"

/* One definition-list row. */
static void fact(struct req *r, const char *label, const char *value)
{
    html_printf(r, "<dt>%s</dt><dd>", label);
    html_text(r, value);
    html_raw(r, "</dd>");
}

/* One step of the history: who and when, or nothing when not taken. */
static void step_row(struct req *r, const char *label, const char *by, const char *on)
{
    if (!on[0])
        return;
    html_printf(r, "<li>%s：", label);
    html_text(r, by);
    html_raw(r, "，");
    html_text(r, on);
    html_raw(r, "</li>");
}

/* A one-button form posting to /relief/{id}/{action}, with an optional reason field. */
static void step_form(struct req *r, int64_t id, const char *action, const char *label, int with_reason)
{
    html_printf(r, "<form method=\"post\" class=\"inline\" action=\"/relief/%lld/%s\">", (long long)id, action);
    html_csrf(r);
    if (with_reason)
        html_raw(r, "<input name=\"reason\" required maxlength=\"200\" placeholder=\"不予通过的理由\">");
    html_raw_printf(r, "<button%s>%s</button></form> ", with_reason ? "" : " class=\"primary\"", label);
}

/* Whether the user's role may take the action (the route table enforces it; this only hides buttons). */
static int may(const struct req *r, enum relief_action a)
{
    enum role ro = r->user.role;
    switch (a) {
    case RA_VERIFY: return ro == ROLE_ADMIN || ro == ROLE_RELIEF || ro == ROLE_VILLAGE;
    case RA_REVIEW: return (ro == ROLE_ADMIN || ro == ROLE_RELIEF || ro == ROLE_ASSOCIATION) && strcmp(r->user.unit_kind, "village");
    case RA_APPROVE: return (ro == ROLE_ADMIN || ro == ROLE_ASSOCIATION) && strcmp(r->user.unit_kind, "village");
    case RA_PAY: return ro == ROLE_RELIEF || ro == ROLE_FINANCE;
    case RA_REJECT: return ro != ROLE_FINANCE && ro != ROLE_AUDITOR && ro != ROLE_LIAISON && ro != ROLE_REVIEWER;
    default: return 0;
    }
}

/* Writes /receipts/NUMBER{suffix} with the number percent-encoded. */
static void receipt_href(struct req *r, const char *receipt_no, const char *suffix)
{
    html_raw(r, "/receipts/");
    buf_urlenc(&r->out, receipt_no);
    html_raw(r, suffix);
}

/* A form posting a reason to /receipts/NUMBER/{action}. */
static void receipt_form(struct req *r, const char *receipt_no, const char *action, const char *placeholder,
                         const char *label)
{
    html_raw(r, "<form method=\"post\" class=\"inline\" action=\"");
    receipt_href(r, receipt_no, action);
    html_raw(r, "\">");
    html_csrf(r);
    html_printf(r, "<input name=\"reason\" required maxlength=\"200\" placeholder=\"%s\"><button>%s</button></form> ",
                placeholder, label);
}

/* The receipt block: links, reprint and void forms. */
static void receipt_block(struct req *r, const struct relief_app *a)
{
    html_raw(r, "<h2>领款凭证</h2><p>凭证号 <strong class=\"mono\">");
    html_text(r, a->receipt_no);
    html_raw(r, "</strong> · <a href=\"");
    receipt_href(r, a->receipt_no, ".pdf");
    html_raw(r, "\">打印（A5）</a> · <a href=\"");
    receipt_href(r, a->receipt_no, ".pdf?layout=lian");
    html_raw(r, "\">打印（A4 两联：存根、领款人留存）</a></p>"
                "<p class=\"muted\">每次打印都会记录；第二次起的打印标注“补打”、次数、日期和操作员。</p>");
    if (!may(r, RA_PAY))
        return;
    receipt_form(r, a->receipt_no, "/reprint", "补打原因", "补打");
    receipt_form(r, a->receipt_no, "/void", "作废原因", "作废");
}

/* The payment in the history: who paid how much on which day, how, and the receipt. */
static void payment_step(struct req *r, const struct relief_app *a)
{
    struct relief_receipt p;
    struct err e = {0};
    if (!a->receipt_no[0] || relief_receipt_get(r->db, &r->user, a->receipt_no, &p, &e) != 0)
        return;
    html_printf(r, "<li>发放：%s，%s，", p.handler, p.paid_on);
    html_money(r, p.amount_fen);
    html_printf(r, " 元（%s），领款凭证 %s</li>", strcmp(p.method, "bank") == 0 ? "银行转账" : "现金", p.receipt_no);
}

/* The application page, with e after a refused action. */
/* Writes one <option> per active account that may be a B角 (the server refuses the handler). */
static void backup_option(const struct user_row *u, void *ctx)
{
    struct req *r = ctx;
    if (!u->active || (u->role != ROLE_RELIEF && u->role != ROLE_VILLAGE && u->role != ROLE_ASSOCIATION))
        return;
    html_printf(r, "<option value=\"%lld\">", (long long)u->id);
    html_text(r, u->name);
    html_raw(r, "（");
    html_text(r, role_name(u->role));
    html_raw(r, "）</option>");
}

/* The form naming the application's backup handler (B角). */
static void backup_form(struct req *r, int64_t id)
{
    html_printf(r, "<form method=\"post\" action=\"/relief/%lld/backup\" class=\"inline\">", (long long)id);
    html_csrf(r);
    html_raw(r, "<label>B角<select name=\"backup_handler_id\"><option value=\"0\">未指定</option>");
    form_user_options(r, backup_option, r);
    html_raw(r, "</select></label><button>指定B角</button></form>");
}

static void relief_page(struct req *r, int64_t id, const struct err *shown)
{
    struct relief_app a;
    struct err e = {0};
    if (relief_get(r->db, &r->user, id, &a, &e) != 0) {
        html_error_page(r, &e);
        return;
    }
    char buf[MONEY_CAPITAL_SIZE], idn[24];
    html_begin(r, "救助申请");
    html_printf(r, "<h1>救助申请 %lld <span class=\"badge\">%s</span></h1>", (long long)a.id, relief_state_name(a.state));
    html_flash(r);
    if (shown)
        html_form_error(r, shown);
    html_raw(r, "<dl class=\"facts\">");
    fact(r, "户主", a.head_name);
    fact(r, "身份证号", mask_id(a.head_id_number, idn, sizeof idn));
    fact(r, "村", a.village);
    fact(r, "救助类别", a.category);
    html_raw(r, "<dt>金额</dt><dd>");
    html_money(r, a.amount_fen);
    if (money_capital(a.amount_fen, buf, sizeof buf) == 0) { /* amounts are checked on entry: always */
        html_raw(r, " 元（");
        html_text(r, buf);
        html_raw(r, "）");
    } else {
        html_raw(r, " 元（金额无法写成大写）");
    }
    html_raw(r, "</dd>");
    fact(r, "申请理由", a.reason);
    if (a.batch_id)
        html_printf(r, "<dt>批次</dt><dd><a href=\"/relief/batches/%lld\">第 %lld 批</a></dd>", (long long)a.batch_id,
                    (long long)a.batch_id);
    html_printf(r, "<dt>家庭</dt><dd><a href=\"/households/%lld\">家庭档案</a></dd></dl><h2>办理经过</h2><ul>",
                (long long)a.household_id);
    step_row(r, "申请", a.created_by, a.applied_on);
    step_row(r, "村审核", a.verified_by, a.verified_on);
    step_row(r, "镇审核", a.reviewed_by, a.reviewed_on);
    if (a.notice_id)
    {
        html_printf(r, "<li>公示：<a href=\"/notices/%lld/manage\">第 %lld 号公示</a>，至 %s 止", (long long)a.notice_id,
                    (long long)a.notice_id, a.notice_ends_on);
        html_raw(r, a.open_objections ? "，<strong class=\"warn\">有未处理的异议</strong></li>" : "</li>");
    }
    step_row(r, "批准", a.approved_by, a.approved_on);
    payment_step(r, &a);
    step_row(r, "不予通过", a.rejected_by, a.rejected_on);
    if (a.state == RS_REJECTED) {
        html_raw(r, "<li>理由：");
        html_text(r, a.reject_reason);
        html_raw(r, "</li>");
    }
    html_raw(r, "</ul>");
    time_limit_section(r, TK_RELIEF, a.id);
    if (a.state != RS_PAID && a.state != RS_REJECTED && route_allowed("POST", "/relief/1/backup", r->user.role))
        backup_form(r, a.id);
    html_raw(r, "<div class=\"actions\">");
    if (a.state == RS_APPLIED && may(r, RA_VERIFY))
        step_form(r, a.id, "verify", "村审核通过", 0);
    if (a.state == RS_VERIFIED && may(r, RA_REVIEW))
        step_form(r, a.id, "review", "镇审核通过", 0);
    if (a.state == RS_REVIEWED && may(r, RA_REVIEW))
        html_raw(r, "<p class=\"muted\">下一步：在“公示”页发布本村（镇）的救助公示。</p>");
    if (a.state == RS_IN_NOTICE && may(r, RA_APPROVE))
        step_form(r, a.id, "approve", "公示期满，批准", 0);
    if (relief_next_state(RA_REJECT, a.state) >= 0 && may(r, RA_REJECT))
        step_form(r, a.id, "reject", "不予通过", 1);
    html_raw(r, "</div>");
    if (a.state == RS_APPROVED && may(r, RA_PAY)) {
        char action[64];
        snprintf(action, sizeof action, "/relief/%lld/disburse", (long long)a.id);
        html_raw(r, "<h2>发放</h2>");
        relief_pay_form(r, action);
    }
    if (a.receipt_no[0])
        receipt_block(r, &a);
    relief_documents_section(r, a.id, may(r, RA_VERIFY) || may(r, RA_REVIEW));
    html_end(r);
}

void relief_show(struct req *r, int64_t id, const struct err *shown)
{
    relief_page(r, id, shown);
}

void page_relief_show(struct req *r)
{
    relief_page(r, r->id[0], NULL);
}

/* After a step: back to the application with a message, or the page with the refusal. */
static void after_step(struct req *r, int rc, const struct err *e, const char *ok)
{
    if (rc != 0) {
        relief_page(r, r->id[0], e);
        r->status = e->status;
        return;
    }
    char loc[64];
    snprintf(loc, sizeof loc, "/relief/%lld?ok=%s", (long long)r->id[0], ok);
    reply_redirect(r, loc);
}

/* Takes one step from a form. */
static void step(struct req *r, enum relief_action a)
{
    struct err e = {0};
    after_step(r, relief_step(r->db, &r->user, r->id[0], a, req_form(r, "reason"), r->today, &e), &e, "relief_step");
}

void page_relief_backup(struct req *r)
{
    struct err e = {0};
    const char *v = req_form(r, "backup_handler_id");
    after_step(r, relief_set_backup(r->db, &r->user, r->id[0], v && *v ? strtoll(v, NULL, 10) : 0, &e), &e, "updated");
}

void page_relief_verify(struct req *r)
{
    step(r, RA_VERIFY);
}

void page_relief_review(struct req *r)
{
    step(r, RA_REVIEW);
}

void page_relief_approve(struct req *r)
{
    step(r, RA_APPROVE);
}

void page_relief_reject(struct req *r)
{
    step(r, RA_REJECT);
}

/* Asks to confirm paying the application: the head of household (masked), the amount in words and
   figures, the category, date and method. 1 to go on; 0 when the page has answered (the
   confirmation, the page again for 返回修改, or an error). */
static int pay_confirmed(struct req *r, const struct relief_pay_input *in)
{
    struct relief_app a;
    struct err e = {0};
    if (relief_get(r->db, &r->user, r->id[0], &a, &e) != 0) {
        reply_error(r, &e);
        return 0;
    }
    char who[NAME_SIZE], money[FORM_MONEY_SIZE];
    enum form_confirm_step step =
        form_ask(r, NULL, "确认发放救助金 %s给 %s（%s，%s）？发放日期 %s，方式：%s。发放后生成领款凭证。",
                 form_money(a.amount_fen, money, sizeof money), mask_name(a.head_name, who, sizeof who), a.village,
                 a.category, in->paid_on ? in->paid_on : "", in->method && !strcmp(in->method, "bank") ? "银行转账" : "现金");
    if (step == FORM_EDIT)
        relief_page(r, r->id[0], NULL);
    return step == FORM_CONFIRMED;
}

void page_relief_disburse(struct req *r)
{
    struct err e = {0};
    char receipt[RELIEF_RECEIPT_NO_SIZE];
    struct relief_pay_input in = {strtoll(req_form(r, "fund_id") ? req_form(r, "fund_id") : "0", NULL, 10),
                                  req_form(r, "paid_on"), req_form(r, "method"), r->today};
    if (pay_confirmed(r, &in))
        after_step(r, relief_disburse(r->db, &r->user, r->id[0], &in, receipt, &e), &e, "paid");
}
