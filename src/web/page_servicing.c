/* page_servicing.c: the liaison's pages: a loan account (schedule, what was paid when, what is
   owed today, the repayment form), disbursement from a guaranteed application, and the overdue
   summary per village (the instalment lists are page_due.c's). Thin over servicing.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "handlers.h"
#include "html.h"
#include "keyset_page.h"
#include "loan_account_docs.h"
#include "masking.h"
#include "money.h"
#include "product_rules.h"
#include "page_due.h"
#include "portfolio.h"
#include "docno.h"
#include "report_scope.h"
#include "list_sheets.h"
#include "loan_book.h"
#include "servicing.h"
#include "settlement_no.h"
#include "subsidy_doc.h"

/* Whether the user records money (liaison, finance). */
static int records_money(const struct req *r)
{
    return r->user.role == ROLE_LIAISON || r->user.role == ROLE_FINANCE;
}

/* The reversal form of the loan's latest standing repayment: a reason; sending it asks for
   confirmation (form_confirm). */
static void reverse_form(struct req *r, const struct serviced_loan *l, const struct repayment_row *p)
{
    html_printf(r, "<form method=\"post\" action=\"/accounts/%lld/repayments/%lld/reverse\" class=\"inline\">",
                (long long)l->id, (long long)p->id);
    html_csrf(r);
    html_printf(r, "<input name=\"reason\" required maxlength=\"%d\" placeholder=\"冲正原因\" aria-label=\"冲正原因\" "
                   "value=\"%s\"><button>冲正</button></form>",
                LOAN_REASON_MAX_CHARS, form_echo(r, "/reverse", "reason", ""));
}

/* The repayments of the loan: every booking and reversal, the reversed ones marked 已冲正 with
   the reason; the latest standing one with its reversal form for liaison and finance. */
static void repayments_table(struct req *r, const struct serviced_loan *l)
{
    const struct repayment_row *latest = NULL;
    for (int k = 0; k < l->nrepayments; k++)
        if (!l->repayments[k].reverses_id && !l->repayments[k].reversed_by)
            latest = &l->repayments[k];
    int can_reverse = records_money(r) && strcmp(l->state, "compensated") != 0;
    html_raw(r, "<h2>还款记录</h2><table class=\"list\"><thead><tr><th>日期</th><th>凭证号</th>"
                "<th class=\"num\">金额</th><th class=\"num\">罚息</th><th class=\"num\">复利</th>"
                "<th class=\"num\">利息</th><th class=\"num\">本金</th><th>登记人</th><th>冲正</th></tr></thead><tbody>");
    for (int k = 0; k < l->nrepayments; k++) {
        const struct repayment_row *p = &l->repayments[k];
        html_raw_printf(r, "<tr%s><td>", p->reversed_by || p->reverses_id ? " class=\"reversed\"" : "");
        html_text(r, p->paid_on);
        html_raw(r, "</td><td>");
        html_text(r, p->receipt_no);
        const int64_t amounts[] = {p->amount_fen, p->penalty_fen, p->compound_fen, p->interest_fen, p->principal_fen};
        for (size_t a = 0; a < sizeof amounts / sizeof *amounts; a++) {
            html_raw(r, "</td><td class=\"num\">");
            html_money(r, amounts[a]);
        }
        html_raw(r, "</td><td>");
        html_text(r, p->created_by);
        html_raw(r, "</td><td>");
        if (p->reversed_by || p->reverses_id) {
            html_raw(r, p->reversed_by ? "已冲正：" : "冲正记录（");
            html_text(r, p->reason);
            html_raw(r, p->reversed_by ? "" : "）");
        } else if (can_reverse && p == latest) {
            reverse_form(r, l, p);
        }
        html_raw(r, "</td></tr>");
    }
    html_raw(r, "</tbody></table>");
}

/* The loan account page, with e shown after a refused action. Returns 0, or -1 when the loan
   could not be shown (its error has been answered). */
static int account_page(struct req *r, const struct err *e)
{
    struct serviced_loan *l = servicing_alloc();
    struct err ge = {0};
    if (!l || servicing_get(r->db, &r->user, r->id[0], l, &ge) != 0) {
        servicing_free(l);
        reply_error(r, &ge);
        return -1;
    }
    json_t *j = servicing_json(l, r->today); /* the figures as of today, computed once */
    char title[96];
    snprintf(title, sizeof title, "贷款 %s", l->contract_no);
    html_begin(r, title);
    html_raw(r, "<div class=\"titlebar\"><h1>贷款 ");
    html_text(r, l->contract_no);
    html_printf(r, "</h1><span class=\"state\">%s</span></div>",
                loan_book_state_name(l->state));
    html_flash(r);
    if (e)
        html_form_error(r, e);
    html_raw(r, "<dl class=\"facts\"><dt>借款人</dt><dd>");
    html_text(r, l->applicant);
    html_raw(r, "（");
    html_text(r, l->village);
    html_raw(r, "）电话 ");
    html_text(r, l->applicant_phone);
    html_raw(r, "</dd><dt>项目</dt><dd>");
    html_text(r, l->project_name);
    html_raw(r, "</dd><dt>放款</dt><dd>");
    html_text(r, l->disbursed_on);
    html_raw(r, "，");
    html_money(r, l->principal_fen);
    html_raw(r, " 元，年利率 ");
    html_text(r, json_string_value(json_object_get(j, "annual_rate")));
    html_printf(r, "%%，%d 个月，%s</dd><dt>计息方式</dt><dd>%s，%s</dd><dt>剩余本金</dt><dd>", l->terms.term_months,
                amort_method_name(l->terms.method), amort_day_count_name(l->terms.day_count),
                product_settlement_name(l->terms.settlement));
    html_money(r, json_integer_value(json_object_get(j, "outstanding_principal_fen")));
    html_raw(r, " 元</dd><dt>今日逾期</dt><dd>");
    html_money(r, json_integer_value(json_object_get(j, "overdue_fen")));
    html_printf(r, " 元，逾期 %lld 天，五级分类：%s</dd><dt>未还罚息、复利</dt><dd>罚息 ",
                (long long)json_integer_value(json_object_get(j, "dpd")),
                repay_grade_name(repay_grade((long)json_integer_value(json_object_get(j, "dpd")))));
    html_money(r, json_integer_value(json_object_get(j, "penalty_fen")));
    html_raw(r, " 元，复利 ");
    html_money(r, json_integer_value(json_object_get(j, "compound_fen")));
    html_raw(r, " 元</dd><dt>今日结清需还</dt><dd id=\"payoff\">");
    html_money(r, json_integer_value(json_object_get(j, "payoff_fen")));
    html_printf(r, " 元</dd></dl><p><a class=\"button\" href=\"/accounts/%lld/schedule.pdf\">打印还款计划表（PDF）</a> ",
                (long long)l->id);
    if (!strcmp(l->state, "settled"))
        html_printf(r, "<a class=\"button\" href=\"/accounts/%lld/settlement.pdf\">打印结清证明（PDF）</a>", (long long)l->id);
    html_raw(r, "</p><h2>还款计划</h2><table class=\"list\"><thead><tr><th class=\"num\">期数</th><th>还款日</th>"
                "<th class=\"num\">本金</th><th class=\"num\">利息</th><th class=\"num\">已还本金</th>"
                "<th class=\"num\">已还利息</th><th class=\"num\">罚息</th><th class=\"num\">复利</th></tr></thead><tbody>");
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(j, "schedule"), i, row)
    {
        html_printf(r, "<tr><td class=\"num\">%lld</td><td>", (long long)json_integer_value(json_object_get(row, "n")));
        html_text(r, json_string_value(json_object_get(row, "due_on")));
        static const char *const cols[] = {"principal_fen", "interest_fen", "paid_principal_fen", "paid_interest_fen",
                                           "penalty_fen", "compound_fen"};
        for (size_t k = 0; k < sizeof cols / sizeof *cols; k++) {
            html_raw(r, "</td><td class=\"num\">");
            html_money(r, json_integer_value(json_object_get(row, cols[k])));
        }
        html_raw(r, "</td></tr>");
    }
    repayments_table(r, l);
    if (records_money(r) && !strcmp(l->state, "active")) {
        html_printf(r, "<h2>登记还款</h2><form method=\"post\" action=\"/accounts/%lld/repayments\" class=\"grid\">",
                    (long long)l->id);
        html_csrf(r);
        char today[11];
        date_format(r->today, today);
        const char *p = "/repayments";
        html_printf(r, "<label>还款日期<input name=\"paid_on\" type=\"date\" required value=\"%s\"></label>"
                       "<label>金额（元）<input name=\"amount\" required inputmode=\"decimal\" value=\"%s\"></label>"
                       "<label>信用社凭证号<input name=\"receipt_no\" required maxlength=\"50\" value=\"%s\"></label>"
                       "<p><button class=\"primary\">登记</button></p></form>",
                    form_echo(r, p, "paid_on", today), form_echo(r, p, "amount", ""), form_echo(r, p, "receipt_no", ""));
    }
    if (r->user.role == ROLE_FINANCE && !strcmp(l->state, "compensated")) {
        html_printf(r, "<h2>登记追偿</h2><form method=\"post\" action=\"/accounts/%lld/recoveries\" class=\"grid\">",
                    (long long)l->id);
        html_csrf(r);
        char today[11];
        const char *p = "/recoveries";
        html_printf(r, "<label>日期<input name=\"on\" type=\"date\" required value=\"%s\"></label>"
                       "<label>金额（元）<input name=\"amount\" required value=\"%s\"></label><label>来源<select name=\"source\">"
                       "<option value=\"borrower\">借款人</option><option value=\"counter_guarantor\"%s>反担保人</option>"
                       "</select></label><label>收款凭证号<input name=\"document_no\" required maxlength=\"50\" value=\"%s\">"
                       "</label><p><button class=\"primary\">登记追偿</button></p></form>",
                    form_echo(r, p, "on", date_format(r->today, today)), form_echo(r, p, "amount", ""),
                    form_echo_checked(r, p, "source", "counter_guarantor", 0) ? " selected" : "",
                    form_echo(r, p, "document_no", ""));
    }
    lifecycle_section(r, l);
    followups_section(r, l->id);
    json_decref(j);
    servicing_free(l);
    html_end(r);
    return 0;
}

/* After an action on the account succeeded: back to the account page with its message (ok). */
static void account_done(struct req *r, const char *ok)
{
    char loc[64];
    snprintf(loc, sizeof loc, "/accounts/%lld?%s=%s", (long long)r->id[0], strcmp(ok, "duplicate") ? "ok" : "refused",
             ok);
    reply_redirect(r, loc);
}

void account_refused(struct req *r, const struct err *e)
{
    if (e->status == 404 || e->status == 403) {
        reply_error(r, e);
        return;
    }
    if (account_page(r, e) == 0) /* else the loan's own error (not found, out of scope) was answered */
        r->status = e->status;
}

void page_account(struct req *r)
{
    (void)account_page(r, NULL); /* an error has been answered by account_page itself */
}

/* After form_ask: 1 to go on when confirmed; the page drawn again (what was typed kept) for
   返回修改; 0 when the page has answered. */
static int account_go(struct req *r, enum form_confirm_step step)
{
    if (step == FORM_EDIT)
        (void)account_page(r, NULL);
    return step == FORM_CONFIRMED;
}

/* The loan of this page for a question (NULL with its error answered); servicing_free it. */
static struct serviced_loan *account_load(struct req *r)
{
    struct serviced_loan *l = servicing_alloc();
    struct err e = {0};
    if (!l || servicing_get(r->db, &r->user, r->id[0], l, &e) != 0) {
        servicing_free(l);
        reply_error(r, &e);
        return NULL;
    }
    return l;
}

/* Asks to confirm booking a repayment of amount: the borrower (masked), the figures in words, the
   date and receipt number. 1 to go on, 0 when the page has answered. */
static int repay_confirmed(struct req *r, int64_t amount)
{
    struct serviced_loan *l = account_load(r);
    if (!l)
        return 0;
    char who[NAME_SIZE], money[FORM_MONEY_SIZE], due[MONEY_TEXT_SIZE];
    json_t *j = servicing_json(l, r->today);
    money_format(json_integer_value(json_object_get(j, "payoff_fen")), due, sizeof due);
    json_decref(j);
    int go = account_go(r, form_ask(r, NULL, "确认登记 %s 的还款 %s？贷款合同号 %s，还款日期 %s，信用社凭证号 %s。（今日结清需还 %s 元）",
                         mask_name(l->applicant, who, sizeof who), form_money(amount, money, sizeof money), l->contract_no,
                         req_form(r, "paid_on") ? req_form(r, "paid_on") : "",
                         req_form(r, "receipt_no") ? req_form(r, "receipt_no") : "", due));
    servicing_free(l);
    return go;
}

void page_account_repay(struct req *r)
{
    struct err e = {0};
    int64_t amount = 0;
    int duplicate = 0;
    struct repay_alloc a;
    if (money_parse(req_form(r, "amount"), &amount) != 0)
        err_set(&e, 422, "invalid_amount", "amount", "金额格式不正确，例如 10435.00");
    else if (!repay_confirmed(r, amount))
        return;
    else if (servicing_repay(r->db, &r->user, r->id[0], req_form(r, "paid_on"), amount, req_form(r, "receipt_no"),
                             r->today, &a, &duplicate, &e) > 0) {
        account_done(r, duplicate ? "duplicate" : "repaid");
        return;
    }
    account_refused(r, &e);
}

/* Asks to confirm reversing repayment r->id[1]: its date, receipt number and amount in words, and
   the reason. 1 to go on, 0 when the page has answered (an unknown repayment is left to the
   domain's refusal). */
static int reverse_confirmed(struct req *r, const char *reason)
{
    struct serviced_loan *l = account_load(r);
    if (!l)
        return 0;
    const struct repayment_row *p = NULL;
    for (int k = 0; k < l->nrepayments; k++)
        if (l->repayments[k].id == r->id[1])
            p = &l->repayments[k];
    char who[NAME_SIZE], money[FORM_MONEY_SIZE];
    int go = !p || account_go(r, form_ask(r, NULL, "确认冲正 %s 在 %s 的还款 %s（信用社凭证号 %s）？冲正后该笔还款作废，应还金额恢复。原因：%s",
                               mask_name(l->applicant, who, sizeof who), p->paid_on,
                               form_money(p->amount_fen, money, sizeof money), p->receipt_no, reason));
    servicing_free(l);
    return go;
}

void page_account_reverse(struct req *r)
{
    struct err e = {0};
    const char *reason = req_form(r, "reason");
    if (!reason || !*reason)
        err_set(&e, 422, "invalid_reason", "reason", "请写明冲正原因");
    else if (!reverse_confirmed(r, reason))
        return;
    else if (servicing_reverse(r->db, &r->user, r->id[0], r->id[1], req_form(r, "reason"), &e) > 0) {
        account_done(r, "reversed");
        return;
    }
    account_refused(r, &e);
}

/* One village of the overdue summary as it stood on the chosen day. */
static void overdue_village_row(const struct village_overdue *v, void *ctx)
{
    struct req *r = ctx;
    html_raw(r, "<tr><td>");
    html_text(r, v->township);
    html_raw(r, "</td><td>");
    html_text(r, v->village);
    html_printf(r, "</td><td class=\"num\">%lld</td><td class=\"num\">", (long long)v->loans);
    html_money(r, v->outstanding_fen);
    html_printf(r, "</td><td class=\"num\">%ld</td></tr>", v->max_dpd);
}

/* The overdue list: per village as it stood on ?as_of= (default today; the same figures as
   GET /api/v1/reports/overdue?as_of=), and for today the unpaid instalments for the visits. */
void page_overdue(struct req *r)
{
    if (report_narrow_scope(r) != 0)
        return;
    const char *a = req_query(r, "as_of");
    struct date as_of = r->today;
    if (a && *a && date_parse(a, &as_of) != 0) {
        reply_fail(r, 422, "invalid_date", "日期应为 YYYY-MM-DD");
        return;
    }
    struct due_query q = {.title = "逾期清单"};
    struct err e = {0};
    if (due_page_period(r, 0, &q, &e) != 0)
        return;
    const char *table = req_query(r, "table");
    if (table && !strcmp(table, "villages") ? list_export_if_asked(r, list_overdue_villages_sheet, &as_of, "overdue-villages.csv")
                                            : list_export_if_asked(r, list_due_sheet, &q, "overdue.csv"))
        return;
    char on[11];
    date_format(as_of, on);
    html_begin(r, "逾期清单");
    html_raw(r, "<h1>逾期清单</h1><form method=\"get\" action=\"/overdue\" class=\"search\">"
                "<label>截至日期<input type=\"date\" name=\"as_of\" value=\"");
    html_text(r, on);
    html_raw(r, "\"></label>");
    report_unit_select(r);
    due_period_fields(r, &e);
    html_raw(r, "<button type=\"submit\">查看</button></form>");
    html_printf(r, "<h2>各村逾期情况（截至 %s）</h2>", on);
    html_raw(r, "<table class=\"list\"><thead><tr><th>乡镇</th><th>村</th><th class=\"num\">逾期笔数</th>"
                "<th class=\"num\">逾期贷款余额（元）</th><th class=\"num\">最长逾期天数</th></tr></thead><tbody>");
    int n = portfolio_overdue_by_village(r->db, &r->user, as_of, r->today, overdue_village_row, r);
    if (n <= 0)
        html_raw(r, n < 0 ? "<tr><td colspan=\"5\">读取失败</td></tr>" : "<tr><td colspan=\"5\">没有逾期</td></tr>");
    html_raw(r, "</tbody></table>");
    report_format_links(r, "/overdue", "table=villages");
    if (date_cmp(as_of, r->today) == 0) {
        due_overdue_section(r, &q);
        report_export_links(r, "/overdue");
    } else
        html_raw(r, "<p class=\"muted\">各期明细只列今天的情况，见<a href=\"/overdue\">今天的逾期清单</a>。</p>");
    html_end(r);
}

/* Renders one of the loan's documents and sends it; the 结清证明 takes its number first (a loan
   not settled is refused with 409 and numbered nothing). */
static void send_account_pdf(struct req *r, int settlement)
{
    struct serviced_loan *l = servicing_alloc();
    struct err e = {0};
    struct unit office;
    char number[DOCNO_SIZE];
    if (!l || servicing_get(r->db, &r->user, r->id[0], l, &e) != 0 ||
        (settlement && settlement_no(r->db, &r->user, l->id, r->today, number, sizeof number, &e) != 0)) {
        servicing_free(l);
        reply_error(r, &e);
        return;
    }
    const char *why = NULL;
    char *pdf = NULL;
    size_t len = 0;
    int rc = unit_get(r->db, unit_township_of(r->db, l->village_id), &office) == 0
                 ? (settlement ? report_settlement(l, &office, number, r->today, &pdf, &len, &why)
                               : report_schedule(l, &office, r->today, &pdf, &len, &why))
                 : -1;
    servicing_free(l);
    if (rc != 0) {
        reply_fail(r, 500, "pdf_failed", why ? why : "PDF 生成失败");
        return;
    }
    reply_bytes(r, "application/pdf", pdf, len);
}

void page_account_schedule_pdf(struct req *r)
{
    send_account_pdf(r, 0);
}

void page_account_settlement_pdf(struct req *r)
{
    send_account_pdf(r, 1);
}

/* One loan past the claim threshold, with the payout form for finance. */
static void claim_row(const struct claim_row *c, void *ctx)
{
    struct req *r = ctx;
    html_printf(r, "<tr><td>");
    html_text(r, c->village);
    html_printf(r, "</td><td><a href=\"/accounts/%lld\">", (long long)c->loan_id);
    html_text(r, c->applicant);
    html_raw(r, "</a></td><td>");
    html_text(r, c->contract_no);
    html_raw(r, "</td><td>");
    html_text(r, c->oldest_due);
    html_printf(r, "</td><td class=\"num\">%ld</td><td class=\"num\">", c->dpd);
    html_money(r, c->outstanding_fen);
    html_raw(r, "</td><td>");
    if (r->user.role == ROLE_FINANCE) {
        html_printf(r, "<form method=\"post\" action=\"/accounts/%lld/compensation\" class=\"inline\">",
                    (long long)c->loan_id);
        html_csrf(r);
        html_raw(r, "<button>代偿</button></form>");
    }
    html_raw(r, "</td></tr>");
}

void page_claims(struct req *r)
{
    if (list_export_if_asked(r, list_claims_sheet, NULL, "claims.csv"))
        return;
    html_begin(r, "代偿");
    html_raw(r, "<h1>可申请担保代偿的贷款</h1><p class=\"muted\">逾期超过代偿期限（默认 90 天）的贷款。财务确认后由担保基金代偿，"
                "之后的追偿款记入担保基金。</p>");
    html_flash(r);
    struct keyset k;
    struct err e = {0};
    if (keyset_read(r, 50, 200, &k, &e) != 0)
        html_form_error(r, &e); /* k is the first page */
    html_raw(r, "<table class=\"list\"><thead><tr><th>村</th><th>借款人</th><th>合同号</th><th>最早逾期</th>"
                "<th class=\"num\">逾期天数</th><th class=\"num\">剩余本金（元）</th><th></th></tr></thead><tbody>");
    int n = servicing_claims(r->db, &r->user, r->today, &k, claim_row, r);
    if (n <= 0)
        html_raw(r, n < 0 ? "<tr><td colspan=\"7\">读取失败</td></tr>" : "<tr><td colspan=\"7\">没有记录</td></tr>");
    html_raw(r, "</tbody></table>");
    keyset_pager(r, &k, portfolio_claimable(r->db, &r->user, r->today));
    report_format_links(r, "/claims", NULL);
    html_end(r);
}

/* Asks to confirm the fund paying out the loan: the borrower (masked), the contract and the
   outstanding principal in words and figures. 1 to go on, 0 when the page has answered (返回修改
   goes back to the claims list: the form has nothing typed). */
static int compensate_confirmed(struct req *r)
{
    struct serviced_loan *l = account_load(r);
    if (!l)
        return 0;
    char who[NAME_SIZE], money[FORM_MONEY_SIZE];
    enum form_confirm_step step =
        form_ask(r, "/claims", "确认由担保基金代偿 %s（%s，合同号 %s）的剩余本金 %s？代偿后该贷款转为已代偿，不能撤销，之后收回的款项登记为追偿。",
                 mask_name(l->applicant, who, sizeof who), l->village, l->contract_no,
                 form_money(repay_outstanding_principal(&l->terms), money, sizeof money));
    servicing_free(l);
    if (step == FORM_EDIT)
        reply_redirect(r, "/claims");
    return step == FORM_CONFIRMED;
}

void page_account_compensate(struct req *r)
{
    struct err e = {0};
    int64_t paid = 0;
    char on[11];
    date_format(r->today, on);
    if (!compensate_confirmed(r))
        return;
    if (servicing_compensate(r->db, &r->user, r->id[0], on, r->today, &paid, &e) < 0) {
        reply_error(r, &e);
        return;
    }
    char loc[64];
    snprintf(loc, sizeof loc, "/accounts/%lld?ok=compensated", (long long)r->id[0]);
    reply_redirect(r, loc);
}

/* The claim (arg: struct subsidy_doc) as a sheet: one row per loan with the reason any interest is not subsidised, and the totals. */
static int subsidy_sheet(struct req *r, const void *arg, struct sheet *s)
{
    const struct subsidy_doc *d = arg;
    static const char *const heads[] = {"借款人", "村", "合同号", "当季实付利息（元）", "可贴息利息（元）",
                                        "应贴息（元）", "不予贴息原因", NULL};
    sheet_init(s, "贴息申报", heads);
    for (int c = 3; c <= 5; c++)
        sheet_money_column(s, c);
    s->landscape = 1;
    snprintf(s->subtitle, sizeof s->subtitle, "%s · %s", d->unit, d->quarter);
    for (int i = 0; i <= d->nrows; i++) {
        const struct subsidy_totals *t = &d->totals;
        const struct subsidy_row *x = i < d->nrows ? &d->rows[i] : NULL;
        char why[SUBSIDY_REASON_SIZE] = "", paid[MONEY_TEXT_SIZE], eligible[MONEY_TEXT_SIZE], fen[MONEY_TEXT_SIZE];
        if (x && subsidy_reason(x, why, sizeof why) != 0)
            snprintf(why, sizeof why, "（原因过长，见申报表）");
        const char *cells[] = {x ? x->applicant : "合计", x ? x->village : "", x ? x->contract_no : "",
                               sheet_fen(x ? x->interest_paid_fen : t->interest_paid_fen, paid),
                               sheet_fen(x ? x->eligible_interest_fen : t->eligible_interest_fen, eligible),
                               sheet_fen(x ? x->subsidy_fen : t->subsidy_fen, fen), why};
        sheet_row(s, cells);
    }
    return 0;
}

/* The quarter's claim as a page (pdf = 0, with refused the refusal of a form on it, or NULL) or as
   the PDF (pdf = 1). */
static void subsidy(struct req *r, int pdf, const struct err *refused)
{
    const char *format = pdf ? "pdf" : req_query(r, "format");
    const char *q = pdf ? r->str : req_query(r, "quarter");
    char quarter[16], fallback[16];
    struct date from, to;
    int qn = (r->today.m - 1) / 3; /* the last full quarter */
    snprintf(fallback, sizeof fallback, "%dQ%d", qn ? r->today.y : r->today.y - 1, qn ? qn : 4);
    if (report_quarter(r, q, pdf, fallback, &from, &to) != 0)
        return;
    snprintf(quarter, sizeof quarter, "%s", q && *q ? q : fallback);
    struct subsidy_row *rows = NULL;
    struct subsidy_doc d = {.unit = ""};
    struct err e = {0};
    date_quarter_cn(from.y, (from.m + 2) / 3, d.quarter);
    snprintf(d.maker, sizeof d.maker, "%s", r->user.name);
    d.draft = date_cmp(to, r->today) >= 0;
    snprintf(d.unit, sizeof d.unit, "%s", r->user.unit_name);
    d.nrows = subsidy_claim_all(r->db, &r->user, from, to, &rows, &d.totals, &e);
    d.rows = rows;
    if (d.nrows < 0) {
        reply_error(r, &e);
        return;
    }
    char filename[SHEET_FILENAME_SIZE];
    snprintf(filename, sizeof filename, "subsidy-%s.csv", quarter);
    if (format && strcmp(format, "pdf") != 0 && list_export_if_asked(r, subsidy_sheet, &d, filename)) {
        free(rows);
        return;
    }
    if (format) {
        const char *why = NULL;
        char *out = NULL;
        size_t len = 0;
        if (report_subsidy(&d, r->today, &out, &len, &why) != 0)
            reply_fail(r, 500, "pdf_failed", why ? why : "PDF 生成失败");
        else
            reply_bytes(r, "application/pdf", out, len);
        free(rows);
        return;
    }
    html_begin(r, "贴息申报");
    html_flash(r);
    if (refused)
        html_form_error(r, refused);
    html_printf(r, "<h1>贴息申报（%s）</h1><form class=\"search\" method=\"get\"><label>季度<input name=\"quarter\" value=\"",
                d.quarter);
    html_text(r, quarter);
    html_printf(r, "\" placeholder=\"2026Q3\"></label><button>查看</button> <a href=\"/subsidy/%s.pdf\">打印申报表（PDF）</a> · "
                   "<a href=\"/subsidy?quarter=%s&amp;format=xlsx\">导出Excel</a> · "
                   "<a href=\"/subsidy?quarter=%s&amp;format=csv\">导出 CSV</a></form><p class=\"muted\">逾期归还的利息、罚息和复利不予贴息；担保代偿或展期的贷款自当季起不予贴息。</p>"
                   "<table class=\"list\"><thead><tr><th>借款人</th><th>村</th><th>合同号</th>"
                   "<th class=\"num\">当季实付利息</th><th class=\"num\">可贴息利息</th><th class=\"num\">应贴息</th>"
                   "<th>不予贴息原因</th></tr></thead><tbody>",
                quarter, quarter, quarter);
    for (int i = 0; i < d.nrows; i++) {
        char why[SUBSIDY_REASON_SIZE];
        html_raw(r, "<tr><td>");
        html_text(r, rows[i].applicant);
        html_raw(r, "</td><td>");
        html_text(r, rows[i].village);
        html_raw(r, "</td><td>");
        html_text(r, rows[i].contract_no);
        html_raw(r, "</td><td class=\"num\">");
        html_money(r, rows[i].interest_paid_fen);
        html_raw(r, "</td><td class=\"num\">");
        html_money(r, rows[i].eligible_interest_fen);
        html_raw(r, "</td><td class=\"num\">");
        html_money(r, rows[i].subsidy_fen);
        html_raw(r, "</td><td>");
        html_text(r, subsidy_reason(&rows[i], why, sizeof why) == 0 ? why : "（原因过长，见申报表）");
        html_raw(r, "</td></tr>");
    }
    html_raw(r, "</tbody></table><p>合计实付利息 ");
    html_money(r, d.totals.interest_paid_fen);
    html_raw(r, " 元，可贴息利息 ");
    html_money(r, d.totals.eligible_interest_fen);
    html_raw(r, " 元，申请贴息 ");
    html_money(r, d.totals.subsidy_fen);
    html_raw(r, " 元。</p>");
    free(rows);
    subsidy_receipts_section(r);
    html_end(r);
}

void page_subsidy(struct req *r)
{
    subsidy(r, 0, NULL);
}

void page_subsidy_refused(struct req *r, const struct err *e)
{
    subsidy(r, 0, e);
    if (r->status < 400)
        r->status = e->status;
}

void page_subsidy_pdf(struct req *r)
{
    subsidy(r, 1, NULL);
}

/* Asks to confirm booking a recovery of amount: the borrower (masked), the contract, the amount in
   words and figures, whom it came from, the date and document number. 1 to go on, 0 when the page
   has answered. */
static int recover_confirmed(struct req *r, int64_t amount)
{
    struct serviced_loan *l = account_load(r);
    if (!l)
        return 0;
    char who[NAME_SIZE], money[FORM_MONEY_SIZE];
    const char *source = req_form(r, "source"), *on = req_form(r, "on"), *doc = req_form(r, "document_no");
    int go = account_go(r, form_ask(r, NULL, "确认登记 %s（合同号 %s）的追偿款 %s，来自%s？日期 %s，收款凭证号 %s。追偿款记入担保基金。",
                                    mask_name(l->applicant, who, sizeof who), l->contract_no,
                                    form_money(amount, money, sizeof money),
                                    source && !strcmp(source, "counter_guarantor") ? "反担保人" : "借款人", on ? on : "",
                                    doc ? doc : ""));
    servicing_free(l);
    return go;
}

void page_account_recover(struct req *r)
{
    struct err e = {0};
    int64_t amount = 0;
    if (money_parse(req_form(r, "amount"), &amount) != 0)
        err_set(&e, 422, "invalid_amount", "amount", "金额格式不正确");
    else if (!recover_confirmed(r, amount))
        return;
    else if (servicing_recover(r->db, &r->user, r->id[0], req_form(r, "on"), amount, req_form(r, "source"),
                               req_form(r, "document_no"), r->today, &e) > 0) {
        account_done(r, "recovered");
        return;
    }
    account_refused(r, &e);
}
