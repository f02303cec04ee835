/* api_servicing.c: /api/v1/schedule-preview, /api/v1/loans (disbursement), GET /api/v1/loans/{id}
   (figures as of ?as_of=), POST /api/v1/loans/{id}/repayments and their reversal (冲正). */
#include <stdlib.h>
#include <string.h>

#include "amort.h"
#include "api_doc.h"
#include "api_util.h"
#include "handlers.h"
#include "list_sheets.h"
#include "money.h"
#include "portfolio.h"
#include "product_rules.h"
#include "routes.h"
#include "report_scope.h"
#include "servicing.h"
#include "subsidy.h"

/* The as_of date of the query (default today); 0, or -1 after replying 422. */
static int as_of(struct req *r, struct date *out)
{
    const char *s = req_query(r, "as_of");
    *out = r->today;
    if (s && date_parse(s, out) != 0) {
        reply_fail(r, 422, "invalid_date", "as_of 应为有效日期 YYYY-MM-DD");
        return -1;
    }
    return 0;
}

void api_schedule_preview(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *rate = NULL, *method = NULL, *start = NULL, *day_count = NULL, *settlement = NULL;
    int64_t principal = 0, term = 0;
    if (!j || api_int(j, "principal_fen", 0, &principal, &e) || api_str(j, "annual_rate", &rate, &e) ||
        api_int(j, "term_months", 0, &term, &e) || api_str(j, "method", &method, &e) ||
        api_str(j, "start_date", &start, &e) || api_str(j, "day_count", &day_count, &e) ||
        api_str(j, "settlement", &settlement, &e)) {
        json_decref(j);
        reply_json_error(r, &e);
        return;
    }
    struct amort_input in = {.principal_fen = principal, .term_months = (int)term};
    const char *field = NULL, *why = NULL;
    int m = amort_method_parse(method);
    int dc = day_count ? amort_day_count_parse(day_count) : m < 0 ? 0 : (int)amort_default_day_count(m);
    int ps = settlement ? product_settlement_parse(settlement) : PS_DUE_DATES;
    if (!rate || rate_parse(rate, &in.rate_micro) != 0)
        field = "annual_rate", why = "年利率应为 0 到 24 之间的百分数字符串，如 \"4.35\"";
    else if (m < 0)
        field = "method", why = "未知的还款方式";
    else if (dc < 0)
        field = "day_count", why = "计息方式应为 month（按月计息）或 actual360（按日计息）";
    else if (ps < 0)
        field = "settlement", why = "结息方式应为 due_dates（按还款日结息）或 quarter_20th（按季结息）";
    else if (!start || date_parse(start, &in.start) != 0)
        field = "start_date", why = "起始日期应为有效日期 YYYY-MM-DD";
    else if (term < 1 || term > 360)
        field = "term_months", why = "期限应为 1 到 360 个月";
    else
        in.method = (enum amort_method)m, in.day_count = (enum amort_day_count)dc,
        in.settlement = (enum amort_settlement)ps, why = amort_validate(&in, &field);
    json_decref(j);
    if (why) {
        err_set(&e, 422, "invalid_schedule", field, "%s", why);
        reply_json_error(r, &e);
        return;
    }
    struct amort_row *rows = calloc(AMORT_TERM_MAX_MONTHS + 2, sizeof *rows);
    int n = rows ? amort_schedule(&in, rows, AMORT_TERM_MAX_MONTHS + 2) : -1;
    json_t *arr = json_array();
    int64_t interest = 0, total = 0;
    for (int i = 0; i < n; i++) {
        char due[11];
        interest += rows[i].interest_fen;
        total += rows[i].total_fen;
        json_array_append_new(arr, json_pack("{s:i, s:s, s:I, s:I, s:I, s:I}", "n", rows[i].n, "due_on",
                                             date_format(rows[i].due_on, due), "principal_fen",
                                             (json_int_t)rows[i].principal_fen, "interest_fen",
                                             (json_int_t)rows[i].interest_fen, "total_fen",
                                             (json_int_t)rows[i].total_fen, "balance_fen",
                                             (json_int_t)rows[i].balance_fen));
    }
    free(rows);
    reply_json(r, 200, json_pack("{s:s, s:s, s:o, s:I, s:I}", "day_count", amort_day_count_code(dc), "settlement",
                                 product_settlement_code(ps), "rows", arr,
                                 "total_interest_fen", (json_int_t)interest, "total_fen", (json_int_t)total));
}

/* Replies with the loan's JSON as of a date. */
static void reply_loan(struct req *r, int status, int64_t id, struct date when)
{
    struct serviced_loan *l = servicing_alloc();
    struct err e = {0};
    if (!l || servicing_get(r->db, &r->user, id, l, &e) != 0) {
        if (!l)
            err_set(&e, 500, "out_of_memory", NULL, "内存不足");
        reply_json_error(r, &e);
        servicing_free(l);
        return;
    }
    json_t *j = servicing_json(l, when);
    struct loan_stood then;
    /* For a past date, the loan as it stood then (rebuilt from the repayments made by then). */
    if (date_cmp(when, r->today) < 0 && portfolio_loan_stood(r->db, id, when, &then) == 0)
        json_object_set_new(j, "stood", json_pack("{s:b, s:I, s:i, s:s}", "in_portfolio", then.in_portfolio,
                                                  "outstanding_principal_fen", (json_int_t)then.outstanding_fen,
                                                  "dpd", (int)then.dpd, "grade", repay_grade_code(then.grade)));
    reply_json(r, status, j);
    servicing_free(l);
}

void api_loan_disburse(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    struct disburse_input in = {0};
    int64_t id = -1;
    if (j && !api_int(j, "application_id", 0, &in.application_id, &e) && !api_str(j, "contract_no", &in.contract_no, &e) &&
        !api_str(j, "disbursed_on", &in.disbursed_on, &e) && !api_int(j, "principal_fen", 0, &in.principal_fen, &e) &&
        !api_str(j, "annual_rate", &in.annual_rate, &e) && !api_str(j, "method", &in.method, &e) &&
        !api_int(j, "term_months", 0, &in.term_months, &e) && !api_str(j, "day_count", &in.day_count, &e))
        id = servicing_disburse(r->db, &r->user, &in, r->today, &e);
    json_decref(j);
    if (id < 0)
        reply_json_error(r, &e);
    else
        reply_loan(r, 201, id, r->today);
}

void api_loan_show(struct req *r)
{
    struct date when;
    if (as_of(r, &when) == 0)
        reply_loan(r, 200, r->id[0], when);
}

void api_loan_repay(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *paid_on = NULL, *receipt = NULL;
    int64_t amount = 0, id = -1;
    int duplicate = 0;
    struct repay_alloc a;
    if (j && !api_str(j, "paid_on", &paid_on, &e) && !api_int(j, "amount_fen", 0, &amount, &e) &&
        !api_str(j, "receipt_no", &receipt, &e))
        id = servicing_repay(r->db, &r->user, r->id[0], paid_on, amount, receipt, r->today, &a, &duplicate, &e);
    json_decref(j);
    if (id < 0) {
        reply_json_error(r, &e);
        return;
    }
    reply_json(r, duplicate ? 200 : 201,
               json_pack("{s:I, s:b, s:{s:I, s:I, s:I, s:I, s:I}}", "repayment_id", (json_int_t)id, "duplicate",
                         duplicate, "allocation", "penalty_fen", (json_int_t)a.penalty_fen, "compound_fen",
                         (json_int_t)a.compound_fen, "interest_fen", (json_int_t)a.interest_fen, "principal_fen",
                         (json_int_t)a.principal_fen, "prepaid_principal_fen", (json_int_t)a.prepaid_principal_fen));
}

void api_loan_reverse(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *reason = NULL;
    int64_t id = -1;
    if (j && !api_str(j, "reason", &reason, &e))
        id = servicing_reverse(r->db, &r->user, r->id[0], r->id[1], reason, &e);
    json_decref(j);
    if (id < 0)
        reply_json_error(r, &e);
    else
        reply_loan(r, 201, r->id[0], r->today);
}

void api_loan_compensate(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *on = NULL;
    int64_t paid = 0, id = -1;
    if (j && !api_str(j, "on", &on, &e))
        id = servicing_compensate(r->db, &r->user, r->id[0], on, r->today, &paid, &e);
    json_decref(j);
    if (id < 0) {
        reply_json_error(r, &e);
        return;
    }
    reply_json(r, 201, json_pack("{s:I, s:I}", "fund_entry_id", (json_int_t)id, "paid_fen", (json_int_t)paid));
}

void api_loan_recover(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *on = NULL, *source = NULL, *doc = NULL;
    int64_t amount = 0, id = -1;
    if (j && !api_str(j, "on", &on, &e) && !api_int(j, "amount_fen", 0, &amount, &e) &&
        !api_str(j, "source", &source, &e) && !api_str(j, "document_no", &doc, &e))
        id = servicing_recover(r->db, &r->user, r->id[0], on, amount, source, doc, r->today, &e);
    json_decref(j);
    if (id < 0) {
        reply_json_error(r, &e);
        return;
    }
    reply_json(r, 201, json_pack("{s:I, s:I}", "fund_entry_id", (json_int_t)id, "amount_fen", (json_int_t)amount));
}

/* Appends one loan of the subsidy claim: interest paid, the part eligible, the subsidy, and why
   any of it is excluded (excluded: codes; reason: the Chinese text of the 贴息申报表). */
static void subsidy_item(const struct subsidy_row *s, void *ctx)
{
    static const char *const codes[] = {"late", "penalty", "compensated", "extended"};
    char rate[RATE_TEXT_SIZE], why[SUBSIDY_REASON_SIZE];
    json_t *excluded = json_array();
    for (unsigned k = 0; k < sizeof codes / sizeof codes[0]; k++)
        if (s->excluded & (1u << k))
            json_array_append_new(excluded, json_string(codes[k]));
    if (subsidy_reason(s, why, sizeof why) != 0)
        why[0] = '\0'; /* cannot happen: SUBSIDY_REASON_SIZE holds every reason */
    json_t *item = json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:o, s:s}", "loan_id",
                             (json_int_t)s->loan_id, "applicant", s->applicant, "village", s->village, "contract_no",
                             s->contract_no, "annual_rate", rate_format(s->rate_micro, rate, sizeof rate),
                             "interest_paid_fen", (json_int_t)s->interest_paid_fen, "late_interest_fen",
                             (json_int_t)s->late_interest_fen, "penalty_paid_fen", (json_int_t)s->penalty_paid_fen,
                             "eligible_interest_fen", (json_int_t)s->eligible_interest_fen, "subsidy_fen",
                             (json_int_t)s->subsidy_fen, "excluded", excluded, "reason", why);
    json_array_append_new(ctx, item);
}

void api_subsidy_claim(struct req *r)
{
    struct date from, to;
    struct err e = {0};
    if (!req_query(r, "quarter") || report_quarter(r, req_query(r, "quarter"), 0, NULL, &from, &to) != 0) {
        if (!req_query(r, "quarter"))
            reply_fail(r, 422, "invalid_quarter", "季度格式应为 2026Q3（第1至第4季度）");
        return;
    }
    if (req_query(r, "format")) { /* the page's export: CSV and Excel, or the printed 申报表 */
        page_subsidy(r);
        return;
    }
    json_t *items = json_array();
    struct subsidy_totals sum;
    int n = subsidy_claim(r->db, &r->user, from, to, subsidy_item, items, &sum, &e);
    if (n < 0) {
        json_decref(items);
        reply_json_error(r, &e);
        return;
    }
    reply_json(r, 200, json_pack("{s:s, s:o, s:i, s:I, s:I, s:I}", "quarter", req_query(r, "quarter"), "items", items,
                                 "total", n, "interest_paid_fen", (json_int_t)sum.interest_paid_fen,
                                 "eligible_interest_fen", (json_int_t)sum.eligible_interest_fen, "subsidy_fen",
                                 (json_int_t)sum.subsidy_fen));
}

void api_portfolio(struct req *r)
{
    struct date when;
    struct portfolio p;
    /* As a file, the summary is the printed report: the table by township and village. */
    if (req_query(r, "format")) {
        if (route_allowed("GET", "/api/v1/reports/portfolio/villages", r->user.role))
            api_portfolio_by_village(r);
        else
            reply_fail(r, 403, "forbidden", "您的角色不能导出贷款情况表");
        return;
    }
    if (as_of(r, &when) != 0)
        return;
    if (portfolio_summary(r->db, &r->user, when, r->today, &p) != 0) {
        reply_fail(r, 500, "database_error", "数据库错误");
        return;
    }
    json_t *grades = json_object();
    for (int g = 0; g < GRADE__MAX; g++)
        json_object_set_new(grades, repay_grade_code((enum loan_grade)g),
                            json_pack("{s:I, s:I}", "loans", (json_int_t)p.grade_loans[g], "outstanding_fen",
                                      (json_int_t)p.grade_outstanding_fen[g]));
    char par[16];
    snprintf(par, sizeof par, "%.4f", p.outstanding_fen ? (double)p.par30_fen / (double)p.outstanding_fen : 0.0);
    reply_json(r, 200, json_pack("{s:I, s:I, s:I, s:I, s:s, s:o}", "loans", (json_int_t)p.loans, "disbursed_fen",
                                 (json_int_t)p.disbursed_fen, "outstanding_fen", (json_int_t)p.outstanding_fen,
                                 "par30_fen", (json_int_t)p.par30_fen, "par30", par, "grades", grades));
}

/* Appends one village of the overdue report. */
static void overdue_item(const struct village_overdue *v, void *ctx)
{
    json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:I, s:I, s:i}", "village_id", (json_int_t)v->village_id,
                                         "village", v->village, "township", v->township, "loans", (json_int_t)v->loans,
                                         "outstanding_fen", (json_int_t)v->outstanding_fen, "max_dpd", (int)v->max_dpd));
}

void api_overdue_by_village(struct req *r)
{
    struct date when;
    if (as_of(r, &when) != 0 || list_export_if_asked(r, list_overdue_villages_sheet, &when, "overdue-villages.csv"))
        return;
    json_t *items = json_array();
    int n = portfolio_overdue_by_village(r->db, &r->user, when, r->today, overdue_item, items);
    api_reply_list(r, items, n, NULL);
}

/* A loan as the API answers it (reply_loan), after a read or a write. */
#define LOAN_ANSWER API_OBJ("\"id\":" API_INT ",\"application_id\":" API_INT ",\"household_id\":" API_INT ",\"applicant\":" API_STR ",\"village\":" API_STR ",\"contract_no\":" API_STR ",\"disbursed_on\":" API_STR ",\"principal_fen\":" API_INT ",\"annual_rate\":" API_STR ",\"method\":" API_STR ",\"day_count\":" API_STR ",\"term_months\":" API_INT ",\"outstanding_principal_fen\":" API_INT ",\"overdue_fen\":" API_INT ",\"penalty_fen\":" API_INT ",\"compound_fen\":" API_INT ",\"payoff_fen\":" API_INT ",\"owed_now_fen\":" API_INT ",\"dpd\":" API_INT ",\"bucket\":" API_INT ",\"grade\":" API_STR ",\"state\":" "{\"enum\":[\"active\",\"settled\",\"compensated\"]}" ",\"as_of\":" API_STR ",\"schedule\":" API_ARRAY(API_OBJ("\"n\":" API_INT ",\"due_on\":" API_STR ",\"principal_fen\":" API_INT ",\"interest_fen\":" API_INT ",\"total_fen\":" API_INT ",\"paid_principal_fen\":" API_INT ",\"paid_interest_fen\":" API_INT ",\"penalty_fen\":" API_INT ",\"paid_penalty_fen\":" API_INT ",\"compound_fen\":" API_INT ",\"paid_compound_fen\":" API_INT "", "\"n\",\"due_on\",\"principal_fen\",\"interest_fen\",\"total_fen\",\"paid_principal_fen\",\"paid_interest_fen\",\"penalty_fen\",\"paid_penalty_fen\",\"compound_fen\",\"paid_compound_fen\"")) ",\"repayments\":" API_ARRAY(API_OBJ("\"id\":" API_INT ",\"paid_on\":" API_STR ",\"receipt_no\":" API_STR ",\"amount_fen\":" API_INT ",\"allocation\":" API_OBJ("\"penalty_fen\":" API_INT ",\"compound_fen\":" API_INT ",\"interest_fen\":" API_INT ",\"principal_fen\":" API_INT "", "\"penalty_fen\",\"compound_fen\",\"interest_fen\",\"principal_fen\"") ",\"prepaid_principal_fen\":" API_INT ",\"reversed\":" API_BOOL "", "\"id\",\"paid_on\",\"receipt_no\",\"amount_fen\",\"allocation\",\"prepaid_principal_fen\",\"reversed\"")) "", "\"id\",\"application_id\",\"household_id\",\"applicant\",\"village\",\"contract_no\",\"disbursed_on\",\"principal_fen\",\"annual_rate\",\"method\",\"day_count\",\"term_months\",\"outstanding_principal_fen\",\"overdue_fen\",\"penalty_fen\",\"compound_fen\",\"payoff_fen\",\"owed_now_fen\",\"dpd\",\"bucket\",\"grade\",\"state\",\"as_of\",\"schedule\",\"repayments\"")
/* A repayment booked: its id, whether it repeated one already booked, and how it was allocated. */
#define REPAYMENT_ANSWER API_OBJ("\"repayment_id\":" API_INT ",\"duplicate\":" API_BOOL ",\"allocation\":" API_OBJ("\"penalty_fen\":" API_INT ",\"compound_fen\":" API_INT ",\"interest_fen\":" API_INT ",\"principal_fen\":" API_INT ",\"prepaid_principal_fen\":" API_INT, "\"penalty_fen\",\"compound_fen\",\"interest_fen\",\"principal_fen\",\"prepaid_principal_fen\""), "\"repayment_id\",\"duplicate\",\"allocation\"")

/* The descriptions of this file's routes for GET /api/v1/openapi.json (api_doc.h). */
const struct api_doc api_docs_servicing[] = {
    {"POST", "/api/v1/schedule-preview", "还款计划试算", NULL, API_OBJ("\"principal_fen\":" API_INT ",\"annual_rate\":" API_STR ",\"term_months\":" API_INT ",\"method\":" API_STR ",\"start_date\":" API_STR ",\"day_count\":" API_STR ",\"settlement\":{\"enum\":[\"due_dates\",\"quarter_20th\"]}", "\"principal_fen\",\"annual_rate\",\"term_months\",\"method\",\"start_date\""), API_OBJ("\"rows\":{\"type\":\"array\"},\"total_fen\":" API_INT, "\"rows\",\"total_fen\""), 0, "422:invalid_schedule", NULL},
    {"POST", "/api/v1/loans", "登记放款", NULL, API_OBJ("\"application_id\":" API_INT ",\"contract_no\":" API_STR ",\"disbursed_on\":" API_STR ",\"principal_fen\":" API_INT ",\"annual_rate\":" API_STR ",\"method\":" API_STR ",\"term_months\":" API_INT, "\"application_id\",\"contract_no\",\"disbursed_on\",\"principal_fen\",\"annual_rate\",\"method\",\"term_months\""), API_OBJ("\"id\":" API_INT ",\"state\":" API_STR ",\"dpd\":" API_INT ",\"overdue_fen\":" API_INT ",\"penalty_fen\":" API_INT ",\"compound_fen\":" API_INT ",\"schedule\":{\"type\":\"array\"}", "\"id\",\"state\",\"dpd\",\"overdue_fen\",\"penalty_fen\",\"schedule\""), 201, "409:invalid_state 409:duplicate_contract_no 422:invalid_schedule 404:not_found 403:out_of_scope", NULL},
    {"GET", "/api/v1/loans/{id}", "一笔贷款及其截至某日的数字", "as_of:date", NULL, LOAN_ANSWER, 0, "422:invalid_date 404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/loans/{id}/repayments", "登记还款（按凭证号去重）", NULL, API_OBJ("\"paid_on\":" API_STR ",\"amount_fen\":" API_INT ",\"receipt_no\":" API_STR, "\"paid_on\",\"amount_fen\",\"receipt_no\""), REPAYMENT_ANSWER, 201, "409:receipt_conflict 409:receipt_on_other_loan 409:loan_not_active 422:overpayment 422:invalid_amount 422:invalid_date 422:invalid_receipt_no 422:out_of_order 422:invalid_type 404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/loans/{id}/repayments/{id}/reverse", "冲正最近一笔还款", NULL, API_OBJ("\"reason\":" API_STR, "\"reason\""), LOAN_ANSWER, 201, "409:not_latest 409:loan_compensated 409:already_reversed 422:invalid_reason 422:invalid_type 404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/loans/{id}/compensation", "担保基金代偿（逾期超过代偿天数的在贷贷款）：担保基金的支出 fund_entry_id 与代偿金额 paid_fen", NULL, API_OBJ("\"on\":" API_STR, "\"on\""), API_OBJ("\"fund_entry_id\":" API_INT ",\"paid_fen\":" API_INT, "\"fund_entry_id\",\"paid_fen\""), 201, "409:not_claimable 409:insufficient_funds 409:loan_not_active 422:invalid_date 422:invalid_type 404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/loans/{id}/recoveries", "追偿款记入担保基金（已代偿的贷款；source 为 borrower 或 counter_guarantor）：担保基金的收入 fund_entry_id 与金额", NULL, API_OBJ("\"on\":" API_STR ",\"amount_fen\":" API_INT ",\"source\":" API_STR ",\"document_no\":" API_STR, "\"on\",\"amount_fen\",\"source\",\"document_no\""), API_OBJ("\"fund_entry_id\":" API_INT ",\"amount_fen\":" API_INT, "\"fund_entry_id\",\"amount_fen\""), 201, "422:over_recovery 422:invalid_amount 422:invalid_source 422:invalid_document_no 422:invalid_date 422:invalid_type 409:not_compensated 404:not_found 403:out_of_scope", NULL},
    {"GET", "/api/v1/loans/{id}/followups", "一笔贷款的回访记录，最新的在前", NULL, NULL, API_LIST(API_OBJ("\"id\":" API_INT ",\"visited_on\":" API_STR ",\"jobs_created\":" API_INT ",\"income_fen\":" API_INT ",\"note\":" API_STR ",\"by\":" API_STR, "\"id\",\"visited_on\",\"jobs_created\",\"income_fen\",\"note\",\"by\"")), 0, "404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/loans/{id}/followups", "回访记录：新记录的 id", NULL, API_OBJ("\"visited_on\":" API_STR ",\"jobs_created\":" API_INT ",\"income_fen\":" API_INT ",\"note\":" API_STR, "\"visited_on\""), API_OBJ("\"id\":" API_INT, "\"id\""), 201, "422:invalid_date 422:invalid_jobs 422:invalid_income 422:invalid_note 422:invalid_type 404:not_found 403:out_of_scope", NULL},
    {"GET", "/api/v1/reports/portfolio", "贷款总体情况（截至某日）；?format= 导出贷款情况表", "as_of:date format:string", NULL, API_OBJ("\"loans\":" API_INT ",\"disbursed_fen\":" API_INT ",\"outstanding_fen\":" API_INT ",\"par30_fen\":" API_INT ",\"par30\":" API_STR ",\"grades\":" API_OBJ("\"normal\":" API_OBJ("\"loans\":" API_INT ",\"outstanding_fen\":" API_INT "", "\"loans\",\"outstanding_fen\"") ",\"special_mention\":" API_OBJ("\"loans\":" API_INT ",\"outstanding_fen\":" API_INT "", "\"loans\",\"outstanding_fen\"") ",\"substandard\":" API_OBJ("\"loans\":" API_INT ",\"outstanding_fen\":" API_INT "", "\"loans\",\"outstanding_fen\"") ",\"doubtful\":" API_OBJ("\"loans\":" API_INT ",\"outstanding_fen\":" API_INT "", "\"loans\",\"outstanding_fen\"") ",\"loss\":" API_OBJ("\"loans\":" API_INT ",\"outstanding_fen\":" API_INT "", "\"loans\",\"outstanding_fen\"") "", "\"normal\",\"special_mention\",\"substandard\",\"doubtful\",\"loss\"") "", "\"loans\",\"disbursed_fen\",\"outstanding_fen\",\"par30_fen\",\"par30\",\"grades\""), 0, "422:invalid_date 422:invalid_format", API_FORMATS},
    {"GET", "/api/v1/reports/portfolio/villages", "贷款情况表：按镇、村；?format= 导出", "as_of:date from:date to:date unit_id:integer format:string", NULL, API_LIST(API_OBJ("\"village_id\":" API_INT ",\"village\":" API_STR ",\"township\":" API_STR ",\"applications\":" API_INT ",\"approved\":" API_INT ",\"rejected\":" API_INT ",\"decided\":" API_INT ",\"decided_on_time\":" API_INT ",\"disbursed_loans\":" API_INT ",\"disbursed_fen\":" API_INT ",\"active_loans\":" API_INT ",\"outstanding_fen\":" API_INT ",\"overdue_fen\":" API_INT ",\"par30_fen\":" API_INT ",\"grades\":" API_OBJ("\"normal\":" API_INT ",\"special_mention\":" API_INT ",\"substandard\":" API_INT ",\"doubtful\":" API_INT ",\"loss\":" API_INT "", "\"normal\",\"special_mention\",\"substandard\",\"doubtful\",\"loss\"") ",\"payouts_fen\":" API_INT ",\"recoveries_fen\":" API_INT "", "\"village_id\",\"village\",\"township\",\"applications\",\"approved\",\"rejected\",\"decided\",\"decided_on_time\",\"disbursed_loans\",\"disbursed_fen\",\"active_loans\",\"outstanding_fen\",\"overdue_fen\",\"par30_fen\",\"grades\",\"payouts_fen\",\"recoveries_fen\"")), 0, "422:invalid_date 422:invalid_format", API_FORMATS},
    {"GET", "/api/v1/reports/overdue", "各村逾期情况（截至某日）；?format= 导出", "as_of:date format:string", NULL, API_LIST(API_OBJ("\"village_id\":" API_INT ",\"village\":" API_STR ",\"township\":" API_STR ",\"loans\":" API_INT ",\"outstanding_fen\":" API_INT ",\"max_dpd\":" API_INT "", "\"village_id\",\"village\",\"township\",\"loans\",\"outstanding_fen\",\"max_dpd\"")), 0, "422:invalid_date 422:invalid_format", API_FORMATS},
    {"GET", "/api/v1/reports/subsidy", "季度贴息申报；?format=csv、xlsx，或 pdf（贴息申报表）", "quarter:string format:string", NULL, API_OBJ("\"quarter\":" API_STR ",\"items\":" API_ARRAY(API_OBJ("\"loan_id\":" API_INT ",\"applicant\":" API_STR ",\"village\":" API_STR ",\"contract_no\":" API_STR ",\"annual_rate\":" API_STR ",\"interest_paid_fen\":" API_INT ",\"late_interest_fen\":" API_INT ",\"penalty_paid_fen\":" API_INT ",\"eligible_interest_fen\":" API_INT ",\"subsidy_fen\":" API_INT ",\"excluded\":" API_STRS ",\"reason\":" API_STR "", "\"loan_id\",\"applicant\",\"village\",\"contract_no\",\"annual_rate\",\"interest_paid_fen\",\"late_interest_fen\",\"penalty_paid_fen\",\"eligible_interest_fen\",\"subsidy_fen\",\"excluded\",\"reason\"")) ",\"total\":" API_INT ",\"interest_paid_fen\":" API_INT ",\"eligible_interest_fen\":" API_INT ",\"subsidy_fen\":" API_INT "", "\"quarter\",\"items\",\"total\",\"interest_paid_fen\",\"eligible_interest_fen\",\"subsidy_fen\""), 0, "422:invalid_quarter 422:invalid_format", API_FORMATS},
    {"GET", "/api/v1/reports/outcomes", "帮扶成效：按项目类型和村；?format= 导出", "from:date to:date unit_id:integer format:string", NULL, API_LIST(API_OBJ("\"project_type\":" API_STR ",\"village\":" API_STR ",\"loans\":" API_INT ",\"principal_fen\":" API_INT ",\"visited\":" API_INT ",\"jobs\":" API_INT ",\"income_fen\":" API_INT "", "\"project_type\",\"village\",\"loans\",\"principal_fen\",\"visited\",\"jobs\",\"income_fen\"")), 0, NULL, API_FORMATS},
    {0},
};
