/* page_lifecycle.c: the loan account page's extension (展期) and write-off (核销) sections and
   their forms — ask, approve or refuse (another person), reverse — each confirmed in words and
   figures (form_ask) before it happens. Thin over extension.c and write_off.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extension.h"
#include "form.h"
#include "handlers.h"
#include "html.h"
#include "loan.h"
#include "masking.h"
#include "money.h"
#include "servicing.h"
#include "write_off.h"

/* 1 when the user's role is one of the bits. */
static int role_in(const struct req *r, unsigned bits)
{
    return (ROLE_BIT(r->user.role) & bits) != 0;
}
#define ASKS_EXTENSION (ROLE_BIT(ROLE_LIAISON) | ROLE_BIT(ROLE_FINANCE) | ROLE_BIT(ROLE_ASSOCIATION))
#define ASKS_WRITE_OFF (ROLE_BIT(ROLE_FINANCE) | ROLE_BIT(ROLE_ASSOCIATION))
#define APPROVES (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_ASSOCIATION))
#define REVIEWS ROLE_BIT(ROLE_REVIEWER)

static const char *const state_names[][2] = {{"pending", "待审批"},   {"approved", "已生效"}, {"refused", "未同意"},
                                             {"reversed", "已冲正"}};

/* The Chinese name of an extension or write-off state. */
static const char *state_name(const char *code)
{
    for (size_t i = 0; i < sizeof state_names / sizeof state_names[0]; i++)
        if (!strcmp(code, state_names[i][0]))
            return state_names[i][1];
    return code;
}

/* The approve / refuse form of a pending extension or write-off (what: "extension" or "write-off"). */
static void decide_form(struct req *r, int64_t loan_id, const char *what)
{
    html_printf(r, "<form method=\"post\" action=\"/accounts/%lld/%s/approve\" class=\"grid\">", (long long)loan_id, what);
    html_csrf(r);
    html_printf(r, "<fieldset><legend>审批意见</legend><label><input type=\"radio\" name=\"decision\" value=\"approve\" "
                   "required%s> 同意</label><label><input type=\"radio\" name=\"decision\" value=\"refuse\"%s> 不同意"
                   "</label></fieldset><label>意见（不同意时必填）<input name=\"note\" maxlength=\"%d\" value=\"%s\"></label>"
                   "<p><button class=\"primary\">提交审批意见</button></p></form>",
                form_echo_checked(r, "/approve", "decision", "approve", 0) ? " checked" : "",
                form_echo_checked(r, "/approve", "decision", "refuse", 0) ? " checked" : "", EXTENSION_REASON_MAX_CHARS,
                form_echo(r, "/approve", "note", ""));
}

/* One extension: its terms, state and people, and the rows it superseded in a <details>. */
static void extension_item(struct req *r, json_t *x)
{
    const char *state = json_string_value(json_object_get(x, "state"));
    html_printf(r, "<li><strong>%s</strong> 展期日 %s，%lld 个月，年利率 %s%%，%s。原因：%s。申请人 %s", state_name(state),
                json_string_value(json_object_get(x, "on")), (long long)json_integer_value(json_object_get(x, "months")),
                json_string_value(json_object_get(x, "annual_rate")),
                amort_method_name(amort_method_parse(json_string_value(json_object_get(x, "method")))),
                json_string_value(json_object_get(x, "reason")), json_string_value(json_object_get(x, "requested_by")));
    if (*json_string_value(json_object_get(x, "decided_by")))
        html_printf(r, "，审批人 %s", json_string_value(json_object_get(x, "decided_by")));
    if (*json_string_value(json_object_get(x, "decision_note")))
        html_printf(r, "（%s）", json_string_value(json_object_get(x, "decision_note")));
    if (*json_string_value(json_object_get(x, "reverse_reason")))
        html_printf(r, "；冲正原因：%s", json_string_value(json_object_get(x, "reverse_reason")));
    json_t *rows = json_object_get(x, "superseded"), *row, *opinions = json_object_get(x, "reviews");
    size_t i;
    if (json_array_size(opinions)) {
        html_raw(r, "<br>各部门联合评审：");
        json_array_foreach(opinions, i, row)
        {
            const char *d = json_string_value(json_object_get(row, "decision"));
            int k = review_decision_parse(d);
            html_printf(r, "%s%s %s", i ? "；" : "", json_string_value(json_object_get(row, "department")),
                        k >= 0 ? review_decision_name((enum review_decision)k) : "待评审");
            if (*json_string_value(json_object_get(row, "comment")))
                html_printf(r, "（%s）", json_string_value(json_object_get(row, "comment")));
        }
    }
    if (json_array_size(rows)) {
        html_raw(r, "<details><summary>被展期取代的原还款计划</summary><table class=\"list superseded\"><thead><tr>"
                    "<th class=\"num\">期数</th><th>还款日</th><th class=\"num\">本金</th><th class=\"num\">利息</th>"
                    "</tr></thead><tbody>");
        json_array_foreach(rows, i, row)
        {
            html_printf(r, "<tr><td class=\"num\">%lld</td><td>%s</td><td class=\"num\">",
                        (long long)json_integer_value(json_object_get(row, "n")),
                        json_string_value(json_object_get(row, "due_on")));
            html_money(r, json_integer_value(json_object_get(row, "principal_fen")));
            html_raw(r, "</td><td class=\"num\">");
            html_money(r, json_integer_value(json_object_get(row, "interest_fen")));
            html_raw(r, "</td></tr>");
        }
        html_raw(r, "</tbody></table></details>");
    }
    html_raw(r, "</li>");
}

/* The joint review form of a pending extension under the departments' review. */
static void review_form(struct req *r, int64_t loan_id)
{
    const char *f = "/extension/review";
    html_printf(r, "<form method=\"post\" action=\"/accounts/%lld/extension/review\" class=\"grid\">", (long long)loan_id);
    html_csrf(r);
    html_printf(r, "<fieldset><legend>本部门对展期的评审意见</legend><label><input type=\"radio\" name=\"decision\" "
                   "value=\"approve\" required%s> 同意</label><label><input type=\"radio\" name=\"decision\" "
                   "value=\"reject\"%s> 不同意</label></fieldset><label>意见说明（不同意时必填）<input name=\"comment\" "
                   "maxlength=\"1000\" value=\"%s\"></label><p><button class=\"primary\">提交评审意见</button></p></form>",
                form_echo_checked(r, f, "decision", "approve", 0) ? " checked" : "",
                form_echo_checked(r, f, "decision", "reject", 0) ? " checked" : "", form_echo(r, f, "comment", ""));
}

/* The extension section: history, the pending one's approval, the reversal and request forms. */
static void extension_section(struct req *r, const struct serviced_loan *l)
{
    json_t *list = extension_list_json(r->db, l->id), *x;
    size_t i;
    int pending = 0, joint = 0, in_force = 0, active = !strcmp(l->state, "active");
    html_raw(r, "<h2 id=\"extension\">展期</h2>");
    if (!list) {
        html_raw(r, "<p class=\"error\">展期记录读取失败。</p>");
        return;
    }
    if (!json_array_size(list))
        html_raw(r, "<p class=\"muted\">没有展期记录。</p>");
    else
        html_raw(r, "<ul class=\"history\">");
    json_array_foreach(list, i, x)
    {
        const char *s = json_string_value(json_object_get(x, "state"));
        pending |= !strcmp(s, "pending");
        joint |= !strcmp(s, "pending") && !strcmp(json_string_value(json_object_get(x, "review")), "joint");
        in_force |= i == 0 && !strcmp(s, "approved");
        extension_item(r, x);
    }
    if (json_array_size(list))
        html_raw(r, "</ul>");
    json_decref(list);
    if (pending && !joint && role_in(r, APPROVES))
        decide_form(r, l->id, "extension");
    if (joint && role_in(r, REVIEWS))
        review_form(r, l->id);
    if (in_force && active && role_in(r, APPROVES)) {
        html_printf(r, "<form method=\"post\" action=\"/accounts/%lld/extension/reverse\" class=\"inline\">",
                    (long long)l->id);
        html_csrf(r);
        html_printf(r, "<input name=\"reason\" required maxlength=\"%d\" placeholder=\"冲正原因\" aria-label=\"展期冲正原因\" "
                       "value=\"%s\"><button>冲正展期</button></form>",
                    EXTENSION_REASON_MAX_CHARS, form_echo(r, "/extension/reverse", "reason", ""));
    }
    if (!pending && active && role_in(r, ASKS_EXTENSION)) {
        const char *f = "/extension";
        char today[11], rate[RATE_TEXT_SIZE];
        html_printf(r, "<form method=\"post\" action=\"/accounts/%lld/extension\" class=\"grid\" id=\"extension-form\">",
                    (long long)l->id);
        html_csrf(r);
        html_printf(r, "<label>展期日期<input name=\"on\" type=\"date\" required value=\"%s\"></label>",
                    form_echo(r, f, "on", date_format(r->today, today)));
        form_field_error(r, "on");
        html_printf(r, "<label>展期后期限（月，自展期日起）<input name=\"months\" required inputmode=\"numeric\" value=\"%s\">"
                       "</label>",
                    form_echo(r, f, "months", ""));
        form_field_error(r, "months");
        html_printf(r, "<label>年利率（%%，不填为原利率 %s）<input name=\"annual_rate\" inputmode=\"decimal\" value=\"%s\">"
                       "</label>",
                    rate_format(l->terms.rate_micro, rate, sizeof rate), form_echo(r, f, "annual_rate", ""));
        form_field_error(r, "annual_rate");
        html_printf(r, "<label>展期原因<input name=\"reason\" required maxlength=\"%d\" value=\"%s\"></label>",
                    EXTENSION_REASON_MAX_CHARS, form_echo(r, f, "reason", ""));
        form_field_error(r, "reason");
        html_raw(r, "<p><button class=\"primary\">申请展期</button></p></form>"
                    "<p class=\"muted\">展期日前到期的本息须已还清；剩余本金自展期日起重新计算还款计划，"
                    "展期当季起不再贴息。须由协会另一名工作人员审批后生效。</p>");
    }
}

/* The write-off section of a compensated loan: the fund figures, the write-offs and the forms. */
static void write_off_section(struct req *r, const struct serviced_loan *l)
{
    json_t *w = write_off_json(r->db, l->id), *x;
    size_t i;
    if (!w) {
        html_raw(r, "<p class=\"error\">核销记录读取失败。</p>");
        return;
    }
    html_raw(r, "<h2 id=\"write-off\">代偿与核销</h2><dl class=\"facts\"><dt>代偿</dt><dd>");
    html_money(r, json_integer_value(json_object_get(w, "paid_out_fen")));
    html_raw(r, " 元</dd><dt>已追偿</dt><dd>");
    html_money(r, json_integer_value(json_object_get(w, "recovered_fen")));
    html_raw(r, " 元（其中核销后收回 ");
    html_money(r, json_integer_value(json_object_get(w, "recovered_after_fen")));
    html_raw(r, " 元）</dd><dt>尚未收回</dt><dd>");
    html_money(r, json_integer_value(json_object_get(w, "unrecovered_fen")));
    html_raw(r, " 元</dd></dl>");
    int open = 0, pending = 0;
    json_array_foreach(json_object_get(w, "items"), i, x)
    {
        const char *s = json_string_value(json_object_get(x, "state"));
        open |= !strcmp(s, "pending") || !strcmp(s, "approved");
        pending |= !strcmp(s, "pending");
        html_printf(r, "<p><strong>核销%s</strong> %s，", state_name(s), json_string_value(json_object_get(x, "on")));
        html_money(r, json_integer_value(json_object_get(x, "amount_fen")));
        html_printf(r, " 元。原因：%s。申请人 %s", json_string_value(json_object_get(x, "reason")),
                    json_string_value(json_object_get(x, "requested_by")));
        if (*json_string_value(json_object_get(x, "decided_by")))
            html_printf(r, "，审批人 %s %s", json_string_value(json_object_get(x, "decided_by")),
                        json_string_value(json_object_get(x, "decision_note")));
        html_raw(r, "</p>");
    }
    int64_t unrecovered = json_integer_value(json_object_get(w, "unrecovered_fen"));
    json_decref(w);
    if (pending && role_in(r, APPROVES))
        decide_form(r, l->id, "write-off");
    if (!open && unrecovered > 0 && role_in(r, ASKS_WRITE_OFF)) {
        const char *f = "/write-off";
        char today[11];
        html_printf(r, "<form method=\"post\" action=\"/accounts/%lld/write-off\" class=\"grid\">", (long long)l->id);
        html_csrf(r);
        html_printf(r, "<label>核销日期<input name=\"on\" type=\"date\" required value=\"%s\"></label>",
                    form_echo(r, f, "on", date_format(r->today, today)));
        form_field_error(r, "on");
        html_printf(r, "<label>核销原因<input name=\"reason\" required maxlength=\"%d\" value=\"%s\"></label>",
                    WRITE_OFF_REASON_MAX_CHARS, form_echo(r, f, "reason", ""));
        form_field_error(r, "reason");
        html_printf(r, "<p><button class=\"primary\">申请核销</button></p></form><p class=\"muted\">代偿满 %lld 天后，"
                       "未收回的部分可申请核销，须由另一人审批；核销后收回的款项仍记入担保基金。</p>",
                    (long long)db_param_int(r->db, "write_off_after_days", 180));
    }
}

void lifecycle_section(struct req *r, const struct serviced_loan *l)
{
    extension_section(r, l);
    if (!strcmp(l->state, "compensated"))
        write_off_section(r, l);
}

/* After form_ask: 1 to go on; the account page drawn again for 返回修改; 0 when answered. */
static int go_on(struct req *r, enum form_confirm_step step)
{
    if (step == FORM_EDIT)
        page_account(r);
    return step == FORM_CONFIRMED;
}

/* Loads the page's loan for a question (NULL with its error answered); servicing_free it. */
static struct serviced_loan *load(struct req *r)
{
    struct serviced_loan *l = servicing_alloc();
    struct err e = {0};
    if (!l || servicing_get(r->db, &r->user, r->id[0], l, &e) != 0) {
        if (!l)
            err_set(&e, 500, "out_of_memory", NULL, "内存不足");
        servicing_free(l);
        reply_error(r, &e);
        return NULL;
    }
    return l;
}

/* Answers a confirmed write: the account page with the message ok when the write returned an id (> 0),
   else the account page again with its refusal e. */
static void done(struct req *r, int64_t written, const struct err *e, const char *ok)
{
    if (written <= 0) {
        account_refused(r, e);
        return;
    }
    char loc[96];
    snprintf(loc, sizeof loc, "/accounts/%lld?ok=%s", (long long)r->id[0], ok);
    reply_redirect(r, loc);
}

void page_account_extension(struct req *r)
{
    struct err e = {0};
    struct extension_input in = {.on = req_form(r, "on"), .reason = req_form(r, "reason")};
    const char *months = req_form(r, "months"), *rate = req_form(r, "annual_rate");
    in.annual_rate = rate && *rate ? rate : NULL;
    char *end = NULL;
    in.months = months && *months ? strtoll(months, &end, 10) : 0;
    if (!end || *end) {
        err_set(&e, 422, "invalid_months", "months", "展期后的期限应为 1 到 360 个月");
        account_refused(r, &e);
        return;
    }
    struct serviced_loan *l = load(r);
    if (!l)
        return;
    char who[NAME_SIZE], money[FORM_MONEY_SIZE], rate_now[RATE_TEXT_SIZE];
    rate_format(l->terms.rate_micro, rate_now, sizeof rate_now);
    enum form_confirm_step step =
        form_ask(r, NULL,
                 "确认为 %s（合同号 %s）申请展期？展期日 %s，剩余本金 %s，自展期日起按 %s 个月、%s、年利率 %s%% 重新计算还款"
                 "计划，原计划保留备查；自展期当季起不再贴息。展期原因：%s",
                 mask_name(l->applicant, who, sizeof who), l->contract_no, in.on ? in.on : "",
                 form_money(repay_outstanding_principal(&l->terms), money, sizeof money), months,
                 amort_method_name(l->terms.method), in.annual_rate ? in.annual_rate : rate_now,
                 in.reason ? in.reason : "");
    servicing_free(l);
    if (go_on(r, step))
        done(r, extension_request(r->db, &r->user, r->id[0], &in, r->today, NULL, &e), &e, "extension");
}

/* Reads the decision radio: 1 approve, 0 refuse, -1 none (e filled). */
static int decision(struct req *r, struct err *e)
{
    const char *d = req_form(r, "decision");
    if (d && !strcmp(d, "approve"))
        return 1;
    if (d && !strcmp(d, "refuse"))
        return 0;
    err_set(e, 422, "invalid_decision", "decision", "请选择同意或不同意");
    return -1;
}

/* Asks to confirm a decision on the page's loan's pending extension (by: "" for the association,
   the department's words for a joint review): the borrower (masked), the contract, the outstanding
   principal in words and figures and what the decision does. 1 to go on, 0 when the page has answered. */
static int ask_decision(struct req *r, const char *by, int approve, const char *note, const char *takes_effect)
{
    struct serviced_loan *l = load(r);
    if (!l)
        return 0;
    char who[NAME_SIZE], money[FORM_MONEY_SIZE];
    enum form_confirm_step step =
        form_ask(r, NULL, "确认%s%s %s（合同号 %s）的展期？剩余本金 %s。%s", by, approve ? "同意" : "不同意",
                 mask_name(l->applicant, who, sizeof who), l->contract_no,
                 form_money(repay_outstanding_principal(&l->terms), money, sizeof money),
                 approve ? takes_effect : (note ? note : ""));
    servicing_free(l);
    return go_on(r, step);
}

void page_account_extension_decide(struct req *r)
{
    struct err e = {0};
    int approve = decision(r, &e);
    const char *note = req_form(r, "note");
    if (approve < 0) {
        account_refused(r, &e);
        return;
    }
    if (ask_decision(r, "", approve, note, "同意后新的还款计划立即生效，自展期当季起不再贴息。"))
        done(r, extension_decide(r->db, &r->user, r->id[0], approve, note, &e), &e,
             approve ? "extension_approved" : "extension_refused");
}

void page_account_extension_review(struct req *r)
{
    struct err e = {0};
    const char *decision = req_form(r, "decision"), *comment = req_form(r, "comment");
    if (loan_review_check(decision, comment, NULL, &e) != 0) {
        account_refused(r, &e);
        return;
    }
    char by[NAME_SIZE + 32];
    snprintf(by, sizeof by, "本部门（%s）", r->user.department_name);
    int approve = !strcmp(decision, "approve");
    if (ask_decision(r, by, approve, comment, "各部门都同意后新的还款计划生效，自展期当季起不再贴息。"))
        done(r, extension_review(r->db, &r->user, r->id[0], decision, comment, &e), &e,
             approve ? "extension_reviewed" : "extension_review_rejected");
}

void page_account_extension_reverse(struct req *r)
{
    struct err e = {0};
    const char *reason = req_form(r, "reason");
    struct serviced_loan *l = load(r);
    if (!l)
        return;
    char who[NAME_SIZE];
    enum form_confirm_step step =
        form_ask(r, NULL, "确认冲正 %s（合同号 %s）的展期？原还款计划恢复，展期后的计划作废。原因：%s",
                 mask_name(l->applicant, who, sizeof who), l->contract_no, reason ? reason : "");
    servicing_free(l);
    if (go_on(r, step))
        done(r, extension_reverse(r->db, &r->user, r->id[0], reason, &e), &e, "reversed");
}

/* The unrecovered remainder of the page's loan (payouts less recoveries), or -1. */
static int64_t unrecovered(struct req *r)
{
    json_t *w = write_off_json(r->db, r->id[0]);
    int64_t x = w ? json_integer_value(json_object_get(w, "unrecovered_fen")) : -1;
    json_decref(w);
    return x;
}

void page_account_write_off(struct req *r)
{
    struct err e = {0};
    const char *on = req_form(r, "on"), *reason = req_form(r, "reason");
    struct serviced_loan *l = load(r);
    if (!l)
        return;
    char who[NAME_SIZE], money[FORM_MONEY_SIZE];
    enum form_confirm_step step =
        form_ask(r, NULL, "确认申请核销 %s（合同号 %s）代偿后尚未收回的 %s？核销日期 %s，须由另一人审批。核销原因：%s",
                 mask_name(l->applicant, who, sizeof who), l->contract_no,
                 form_money(unrecovered(r), money, sizeof money), on ? on : "", reason ? reason : "");
    servicing_free(l);
    if (go_on(r, step))
        done(r, write_off_request(r->db, &r->user, r->id[0], on, reason, r->today, &e), &e, "write_off");
}

void page_account_write_off_decide(struct req *r)
{
    struct err e = {0};
    int approve = decision(r, &e);
    const char *note = req_form(r, "note");
    if (approve < 0) {
        account_refused(r, &e);
        return;
    }
    struct serviced_loan *l = load(r);
    if (!l)
        return;
    char who[NAME_SIZE], money[FORM_MONEY_SIZE];
    enum form_confirm_step step =
        form_ask(r, NULL, "确认%s核销 %s（合同号 %s）代偿后尚未收回的 %s？%s", approve ? "同意" : "不同意",
                 mask_name(l->applicant, who, sizeof who), l->contract_no,
                 form_money(unrecovered(r), money, sizeof money), note ? note : "");
    servicing_free(l);
    if (go_on(r, step))
        done(r, write_off_decide(r->db, &r->user, r->id[0], approve, note, &e), &e,
             approve ? "write_off_approved" : "write_off_refused");
}
