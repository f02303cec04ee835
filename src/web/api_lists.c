/* api_lists.c: the servicing lists a page shows, in the JSON API with the page's filters and
   scope, paged with a total, and as CSV, Excel or PDF (?format=): GET /api/v1/loans (the loan
   book), /api/v1/reports/due, /api/v1/reports/overdue/loans, /api/v1/claims; and
   /api/v1/relief-batches. Each item carries the loan's days past due, overdue amount and penalty. */
#include <string.h>

#include "api_doc.h"
#include "api_util.h"
#include "handlers.h"
#include "list_sheets.h"
#include "record_sheets.h"
#include "relief_batch.h"

/* A page of a list kept in the handler: items from offset, at most limit, and the count seen. */
struct page_ctx {
    struct req *r;
    json_t *items;
    int limit, offset, seen;
};

/* The loan as a list item with its figures. */
static json_t *loan_item(const struct serviced_loan *l, const struct loan_figures *fig)
{
    json_t *o = json_pack("{s:I, s:I, s:I, s:I, s:s, s:s, s:s, s:s, s:I, s:s, s:I, s:I, s:I, s:I}", "id",
                          (json_int_t)l->id, "application_id", (json_int_t)l->application_id, "household_id",
                          (json_int_t)l->household_id, "village_id", (json_int_t)l->village_id, "village", l->village,
                          "applicant", l->applicant, "contract_no", l->contract_no, "disbursed_on", l->disbursed_on,
                          "principal_fen", (json_int_t)l->principal_fen, "state", l->state,
                          "outstanding_principal_fen", (json_int_t)fig->outstanding_fen, "dpd", (json_int_t)fig->dpd,
                          "overdue_fen", (json_int_t)fig->overdue_fen, "penalty_fen", (json_int_t)fig->penalty_fen);
    json_object_set_new(o, "settled_on", l->settled_on[0] ? json_string(l->settled_on) : json_null());
    json_object_set_new(o, "product_id", json_integer(l->product_id));
    json_object_set_new(o, "organisation_id", l->organisation_id ? json_integer(l->organisation_id) : json_null());
    return o;
}

/* Appends one loan of the page. */
static void loan_book_json(const struct serviced_loan *l, const struct loan_figures *fig, void *ctx)
{
    json_array_append_new(ctx, loan_item(l, fig));
}

/* The loan book (overdue 1: only the overdue loans) as JSON or in the asked format. */
static void loans_reply(struct req *r, int overdue, const char *filename)
{
    struct loan_book_filter f = {.state = req_query(r, "state"), .village_id = req_query_int(r, "village_id", 0),
                                 .overdue = overdue || req_query_int(r, "overdue", 0) == 1};
    api_paging(r, &f.limit, &f.offset);
    struct err e = {0};
    if (list_export_if_asked(r, list_loans_sheet, &f, filename))
        return;
    json_t *items = json_array();
    int64_t total = loan_book_list(r->db, &r->user, &f, r->today, loan_book_json, items, &e);
    if (total < 0) {
        json_decref(items);
        reply_json_error(r, &e);
        return;
    }
    reply_json(r, 200, api_list(items, total));
}

void api_loan_book(struct req *r)
{
    loans_reply(r, 0, "loans.csv");
}

void api_overdue_loans(struct req *r)
{
    loans_reply(r, 1, "overdue-loans.csv");
}

/* Appends one instalment of the page with its loan's figures. */
static void due_json(const struct due_row *d, void *ctx)
{
    struct page_ctx *c = ctx;
    struct loan_figures fig = {0};
    struct err e = {0};
    if (c->seen++ < c->offset || c->seen > c->offset + c->limit ||
        loan_figures_get(c->r->db, &c->r->user, d->loan_id, c->r->today, &fig, &e) != 0)
        return;
    json_array_append_new(c->items, json_pack("{s:I, s:s, s:s, s:s, s:s, s:i, s:s, s:I, s:I, s:I, s:I}", "loan_id",
                                              (json_int_t)d->loan_id, "village", d->village, "applicant", d->applicant,
                                              "phone", d->phone, "contract_no", d->contract_no, "n", d->n, "due_on",
                                              d->due_on, "due_fen", (json_int_t)d->due_fen, "dpd", (json_int_t)fig.dpd,
                                              "overdue_fen", (json_int_t)fig.overdue_fen, "penalty_fen",
                                              (json_int_t)fig.penalty_fen));
}

void api_due_list(struct req *r)
{
    int64_t days = req_query_int(r, "days", 30);
    if (days < 1 || days > 366) {
        reply_fail(r, 422, "invalid_days", "days 应为 1 到 366");
        return;
    }
    struct date to = date_add_days(r->today, days);
    struct due_query q = {r->today, to, "到期清单", 0};
    if (list_export_if_asked(r, list_due_sheet, &q, "due.csv"))
        return;
    struct page_ctx c = {.r = r, .items = json_array()};
    api_paging(r, &c.limit, &c.offset);
    int n = servicing_due_list(r->db, &r->user, r->today, to, r->today, due_json, &c);
    reply_json(r, 200, api_list(c.items, n < 0 ? 0 : n));
}

/* Appends one loan past the claim threshold of the page. */
static void claim_json(const struct claim_row *x, void *ctx)
{
    struct page_ctx *c = ctx;
    if (c->seen++ < c->offset || c->seen > c->offset + c->limit)
        return;
    json_array_append_new(c->items, json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:I}", "loan_id", (json_int_t)x->loan_id,
                                              "village", x->village, "applicant", x->applicant, "contract_no",
                                              x->contract_no, "oldest_due", x->oldest_due, "dpd", (json_int_t)x->dpd,
                                              "outstanding_principal_fen", (json_int_t)x->outstanding_fen));
}

void api_claims_list(struct req *r)
{
    if (list_export_if_asked(r, list_claims_sheet, NULL, "claims.csv"))
        return;
    struct page_ctx c = {.r = r, .items = json_array()};
    api_paging(r, &c.limit, &c.offset);
    int n = servicing_claims(r->db, &r->user, r->today, claim_json, &c);
    reply_json(r, 200, api_list(c.items, n < 0 ? 0 : n));
}

/* Appends one batch. */
static void batch_json(const struct relief_batch *b, void *ctx)
{
    json_array_append_new(ctx, relief_batch_json(b));
}

void api_relief_batches_list(struct req *r)
{
    if (list_export_if_asked(r, record_batches_sheet, NULL, "relief-batches.csv"))
        return;
    int limit, offset;
    api_paging(r, &limit, &offset);
    json_t *items = json_array();
    int n = relief_batch_list(r->db, &r->user, limit, batch_json, items);
    reply_json(r, 200, api_list(items, n < 0 ? 0 : n));
}

/* The descriptions of this file's routes for GET /api/v1/openapi.json (api_doc.h). */
const struct api_doc api_docs_lists[] = {
    {"GET", "/api/v1/loans", "贷款台账：管辖范围内已放款的贷款及其逾期天数、逾期金额、罚息，分页；?format= 导出", "state:string village_id:integer overdue:integer format:string " API_PAGING "", NULL, API_LIST(API_OBJ("\"id\":" API_INT ",\"village_id\":" API_INT ",\"village\":" API_STR ",\"applicant\":" API_STR ",\"contract_no\":" API_STR ",\"disbursed_on\":" API_STR ",\"principal_fen\":" API_INT ",\"state\":{\"enum\":[\"active\",\"settled\",\"compensated\"]},\"settled_on\":{\"type\":[\"string\",\"null\"]},\"outstanding_principal_fen\":" API_INT ",\"dpd\":" API_INT ",\"overdue_fen\":" API_INT ",\"penalty_fen\":" API_INT ",\"product_id\":" API_INT ",\"organisation_id\":{\"type\":[\"integer\",\"null\"]}", "\"id\",\"village_id\",\"village\",\"applicant\",\"contract_no\",\"disbursed_on\",\"principal_fen\",\"state\",\"settled_on\",\"outstanding_principal_fen\",\"dpd\",\"overdue_fen\",\"penalty_fen\",\"product_id\",\"organisation_id\"")), 0, "422:invalid_state 422:invalid_format", API_FORMATS},
    {"GET", "/api/v1/reports/overdue/loans", "逾期贷款清单：每笔的逾期天数、逾期金额、罚息，分页；?format= 导出", "village_id:integer format:string " API_PAGING "", NULL, API_LIST(API_OBJ("\"id\":" API_INT ",\"village_id\":" API_INT ",\"village\":" API_STR ",\"applicant\":" API_STR ",\"contract_no\":" API_STR ",\"disbursed_on\":" API_STR ",\"principal_fen\":" API_INT ",\"state\":{\"enum\":[\"active\",\"settled\",\"compensated\"]},\"settled_on\":{\"type\":[\"string\",\"null\"]},\"outstanding_principal_fen\":" API_INT ",\"dpd\":" API_INT ",\"overdue_fen\":" API_INT ",\"penalty_fen\":" API_INT ",\"product_id\":" API_INT ",\"organisation_id\":{\"type\":[\"integer\",\"null\"]}", "\"id\",\"village_id\",\"village\",\"applicant\",\"contract_no\",\"disbursed_on\",\"principal_fen\",\"state\",\"settled_on\",\"outstanding_principal_fen\",\"dpd\",\"overdue_fen\",\"penalty_fen\",\"product_id\",\"organisation_id\"")), 0, "422:invalid_format", API_FORMATS},
    {"GET", "/api/v1/reports/due", "到期清单：今后 days 天内到期未还的各期及贷款的逾期情况，分页；?format= 导出", "days:integer format:string " API_PAGING "", NULL, API_LIST(API_OBJ("\"loan_id\":" API_INT ",\"village\":" API_STR ",\"applicant\":" API_STR ",\"phone\":" API_STR ",\"contract_no\":" API_STR ",\"n\":" API_INT ",\"due_on\":" API_STR ",\"due_fen\":" API_INT ",\"dpd\":" API_INT ",\"overdue_fen\":" API_INT ",\"penalty_fen\":" API_INT, "\"loan_id\",\"village\",\"applicant\",\"phone\",\"contract_no\",\"n\",\"due_on\",\"due_fen\",\"dpd\",\"overdue_fen\",\"penalty_fen\"")), 0, "422:invalid_days 422:invalid_format", API_FORMATS},
    {"GET", "/api/v1/claims", "可申请担保代偿的贷款（逾期超过代偿期限），分页；?format= 导出", "format:string " API_PAGING "", NULL, API_LIST(API_OBJ("\"loan_id\":" API_INT ",\"village\":" API_STR ",\"applicant\":" API_STR ",\"contract_no\":" API_STR ",\"oldest_due\":" API_STR ",\"dpd\":" API_INT ",\"outstanding_principal_fen\":" API_INT, "\"loan_id\",\"village\",\"applicant\",\"contract_no\",\"oldest_due\",\"dpd\",\"outstanding_principal_fen\"")), 0, "422:invalid_format", API_FORMATS},
    {"GET", "/api/v1/relief-batches", "救助批次列表，最新在前；?format= 导出", "limit:integer format:string", NULL, API_LIST(API_OBJ("\"id\":" API_INT ",\"title\":" API_STR ",\"amount_fen\":" API_INT ",\"applications_total\":" API_INT ",\"states\":" API_ANY_OBJ ",\"paid_fen\":" API_INT, "\"id\",\"title\",\"amount_fen\",\"applications_total\",\"states\",\"paid_fen\"")), 0, "422:invalid_format", API_FORMATS},
    {0},
};
