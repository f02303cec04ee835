/* api_lists.c: the servicing lists a page shows, in the JSON API with the page's filters and
   scope, paged with a total, and as CSV, Excel or PDF (?format=): GET /api/v1/loans (the loan
   book), /api/v1/reports/due, /api/v1/reports/due-reminders (and its bulk-SMS file),
   /api/v1/reports/overdue/loans, /api/v1/claims, /api/v1/guarantee-fund/entries (the fund's
   ledger); and /api/v1/relief-batches. Each item carries the loan's days past due, overdue amount and penalty. */
#include <string.h>

#include "api_doc.h"
#include "api_util.h"
#include "guarantee_sheet.h"
#include "keyset_page.h"
#include "list_filter.h"
#include "portfolio.h"
#include "handlers.h"
#include "list_sheets.h"
#include "page_due.h"
#include "record_sheets.h"
#include "relief_batch.h"
#include "report_scope.h"

/* A page of the due list being answered. */
struct page_ctx {
    struct req *r;
    json_t *items;
    int reminder; /* 1: the reminder list's items (no overdue figures) */
    int failed;   /* a loan's figures could not be read: the answer is an error, never a short page */
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

/* Adds one loan's figures to the overdue list's totals. */
static void loan_book_sum(const struct serviced_loan *l, const struct loan_figures *fig, void *ctx)
{
    (void)l;
    struct loan_figures *sum = ctx;
    sum->outstanding_fen += fig->outstanding_fen, sum->overdue_fen += fig->overdue_fen;
    sum->penalty_fen += fig->penalty_fen;
}

/* The loan book (overdue 1: only the overdue loans, ?from= and ?to= the period an overdue
   instalment fell due in, with the totals of every matching loan) as JSON or in the asked format. */
static void loans_reply(struct req *r, int overdue, const char *filename)
{
    struct loan_book_filter f = {.state = req_query(r, "state"), .village_id = req_query_int(r, "village_id", 0),
                                 .overdue = overdue || req_query_int(r, "overdue", 0) == 1};
    struct keyset k;
    struct err e = {0};
    struct list_where w = {0};
    if (overdue && list_where_read(r, &w, &e) != 0) {
        reply_json_error(r, &e);
        return;
    }
    if (overdue)
        f.from = w.from, f.to = w.to;
    if (list_export_if_asked(r, list_loans_sheet, &f, filename))
        return;
    if (keyset_read(r, 50, 500, &k, &e) != 0) {
        reply_json_error(r, &e);
        return;
    }
    f.page = &k;
    json_t *items = json_array();
    struct loan_figures sum = {0};
    struct loan_book_filter all = f;
    all.limit = -1, all.offset = 0, all.page = NULL; /* every page (SQLite: no limit), not the keyset page */
    int64_t total = loan_book_list(r->db, &r->user, &f, r->today, loan_book_json, items, &e);
    if (total < 0 || (overdue && loan_book_list(r->db, &r->user, &all, r->today, loan_book_sum, &sum, &e) < 0)) {
        json_decref(items);
        reply_json_error(r, &e);
        return;
    }
    json_t *list = api_list(items, total);
    if (overdue) {
        json_object_set_new(list, "outstanding_principal_fen_total", json_integer(sum.outstanding_fen));
        json_object_set_new(list, "overdue_fen_total", json_integer(sum.overdue_fen));
        json_object_set_new(list, "penalty_fen_total", json_integer(sum.penalty_fen));
    }
    keyset_json(list, &k);
    reply_json(r, 200, list);
}

void api_loan_book(struct req *r)
{
    loans_reply(r, 0, "loans.csv");
}

void api_overdue_loans(struct req *r)
{
    loans_reply(r, 1, "overdue-loans.csv");
}

/* Appends one instalment of the page; on the due list with its loan's figures (the reminder list
   has none: the village officers call before the day). Every instalment counts in the total. */
static void due_json(const struct due_row *d, void *ctx)
{
    struct page_ctx *c = ctx;
    struct loan_figures fig = {0};
    struct err e = {0};
    if (!c->reminder && loan_figures_get(c->r->db, &c->r->user, d->loan_id, c->r->today, &fig, &e) != 0) {
        c->failed = 1;
        return;
    }
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:i, s:s, s:I}", "loan_id", (json_int_t)d->loan_id, "village",
                          d->village, "applicant", d->applicant, "phone", d->phone, "contract_no", d->contract_no, "n",
                          d->n, "due_on", d->due_on, "due_fen", (json_int_t)d->due_fen);
    if (!c->reminder) {
        json_object_set_new(o, "dpd", json_integer(fig.dpd));
        json_object_set_new(o, "overdue_fen", json_integer(fig.overdue_fen));
        json_object_set_new(o, "penalty_fen", json_integer(fig.penalty_fen));
    }
    json_array_append_new(c->items, o);
}

/* The days a due list looks ahead (?days=, default 7: the dashboard card's week, as the pages), or -1 after
   replying 422 invalid_days. */
static int due_days_of(struct req *r)
{
    int64_t days = req_query_int(r, "days", 7);
    if (days < 1 || days > 366) {
        reply_fail(r, 422, "invalid_days", "days 应为 1 到 366");
        return -1;
    }
    return (int)days;
}

/* The due list, or the village officers' reminder list, as JSON or in the asked format, narrowed
   to ?village_id= (or ?unit_id=) within the user's scope, as its page; the due list's period is
   ?from= / ?to= as the page takes them (due_query_period), its total the sum of every instalment. */
static void due_reply(struct req *r, int reminder)
{
    int days = due_days_of(r);
    if (days < 0 || report_narrow_to(r, req_query_int(r, "village_id", req_query_int(r, "unit_id", 0))) != 0)
        return;
    struct due_query q = {r->today, date_add_days(r->today, days), reminder ? "贷款到期提醒名单" : "到期清单", reminder,
                          NULL};
    struct err e = {0};
    if (!reminder && due_query_period(r, days, &q, &e) != 0) {
        reply_json_error(r, &e);
        return;
    }
    if (list_export_if_asked(r, list_due_sheet, &q, reminder ? "reminders.csv" : "due.csv"))
        return;
    struct keyset k;
    if (keyset_read(r, 50, 500, &k, &e) != 0) {
        reply_json_error(r, &e);
        return;
    }
    struct page_ctx c = {.r = r, .items = json_array(), .reminder = reminder};
    int64_t total = 0, total_fen = 0;
    int n = servicing_due_list(r->db, &r->user, q.from, q.to, r->today, &k, due_json, &c);
    if (n < 0 || c.failed) {
        json_decref(c.items);
        reply_fail(r, 500, "db_error", "读取到期清单失败");
        return;
    }
    portfolio_due_summary(r->db, &r->user, q.from, q.to, &total, &total_fen);
    json_t *list = api_list(c.items, total);
    json_object_set_new(list, "due_fen_total", json_integer(total_fen));
    keyset_json(list, &k);
    reply_json(r, 200, list);
}

void api_due_list(struct req *r)
{
    due_reply(r, 0);
}

void api_due_reminders(struct req *r)
{
    due_reply(r, 1);
}

void api_due_sms(struct req *r)
{
    int days = due_days_of(r);
    if (days < 0 || report_narrow_to(r, req_query_int(r, "village_id", req_query_int(r, "unit_id", 0))) != 0)
        return;
    struct sheet s;
    if (due_sms_sheet(r, days, &s) != 0)
        reply_fail(r, 500, "db_error", "读取到期提醒名单失败");
    else
        sheet_reply_csv(r, &s, "sms.csv");
    sheet_free(&s);
}

/* Appends one entry of the guarantee fund's ledger. */
static void guarantee_entry_json(const struct guarantee_entry *x, void *ctx)
{
    json_t *o = json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:I, s:s}", "id", (json_int_t)x->id, "kind", x->kind, "on",
                          x->on, "amount_fen", (json_int_t)x->amount_fen, "document_no", x->document_no, "note", x->note,
                          "balance_after_fen", (json_int_t)x->balance_after_fen, "by", x->by);
    json_object_set_new(o, "loan", x->loan_id ? json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)x->loan_id,
                                                         "contract_no", x->contract_no, "applicant", x->applicant,
                                                         "village", x->village)
                                              : json_null());
    json_array_append_new(ctx, o);
}

void api_guarantee_entries(struct req *r)
{
    struct guarantee_entry_filter f = guarantee_filter_of(r);
    struct err e = {0};
    if (guarantee_filter_check(&f, &e) != 0) {
        reply_json_error(r, &e);
        return;
    }
    if (list_export_if_asked(r, guarantee_ledger_sheet, &f, "guarantee-fund.csv"))
        return;
    api_paging(r, &f.limit, &f.offset);
    json_t *items = json_array();
    int64_t total = guarantee_ledger_list(r->db, &r->user, &f, guarantee_entry_json, items, &e);
    api_reply_list(r, items, total, &e);
}

/* Appends one loan past the claim threshold of the page. */
static void claim_json(const struct claim_row *x, void *ctx)
{
    json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:I}", "loan_id", (json_int_t)x->loan_id,
                                         "village", x->village, "applicant", x->applicant, "contract_no", x->contract_no,
                                         "oldest_due", x->oldest_due, "dpd", (json_int_t)x->dpd,
                                         "outstanding_principal_fen", (json_int_t)x->outstanding_fen));
}

void api_claims_list(struct req *r)
{
    if (list_export_if_asked(r, list_claims_sheet, NULL, "claims.csv"))
        return;
    struct keyset k;
    struct err e = {0};
    if (keyset_read(r, 50, 500, &k, &e) != 0) {
        reply_json_error(r, &e);
        return;
    }
    json_t *items = json_array();
    int64_t total = portfolio_claimable(r->db, &r->user, r->today);
    if (total < 0 || servicing_claims(r->db, &r->user, r->today, &k, claim_json, items) < 0) {
        json_decref(items);
        reply_fail(r, 500, "db_error", "读取可代偿贷款失败");
        return;
    }
    json_t *list = api_list(items, total);
    keyset_json(list, &k);
    reply_json(r, 200, list);
}

/* Appends one batch. */
static void batch_json(const struct relief_batch *b, void *ctx)
{
    json_array_append_new(ctx, relief_batch_json(b));
}

void api_relief_batches_list(struct req *r)
{
    struct list_where w;
    struct err e = {0};
    if (list_where_read(r, &w, &e) != 0) {
        reply_json_error(r, &e);
        return;
    }
    int limit, offset;
    api_paging(r, &limit, &offset);
    struct batch_filter f = {.village_id = w.village_id, .from = w.from, .to = w.to, .limit = limit};
    if (list_export_if_asked(r, record_batches_sheet, &f, "relief-batches.csv"))
        return;
    json_t *items = json_array();
    if (relief_batch_list(r->db, &r->user, &f, batch_json, items) < 0) {
        json_decref(items);
        reply_fail(r, 500, "database_error", "读取数据失败，请稍后再试");
        return;
    }
    json_t *list = api_list(items, f.count);
    json_object_set_new(list, "households_total", json_integer(f.households));
    json_object_set_new(list, "paid_fen_total", json_integer(f.paid_fen));
    reply_json(r, 200, list);
}

/* The descriptions of this file's routes for GET /api/v1/openapi.json (api_doc.h). */
const struct api_doc api_docs_lists[] = {
    {"GET", "/api/v1/loans", "贷款台账：管辖范围内已放款的贷款及其逾期天数、逾期金额、罚息，分页；?format= 导出", "state:string village_id:integer overdue:integer format:string " API_KEYSET "", NULL, API_KEYSET_LIST(API_OBJ("\"id\":" API_INT ",\"village_id\":" API_INT ",\"village\":" API_STR ",\"applicant\":" API_STR ",\"contract_no\":" API_STR ",\"disbursed_on\":" API_STR ",\"principal_fen\":" API_INT ",\"state\":{\"enum\":[\"active\",\"settled\",\"compensated\"]},\"settled_on\":{\"type\":[\"string\",\"null\"]},\"outstanding_principal_fen\":" API_INT ",\"dpd\":" API_INT ",\"overdue_fen\":" API_INT ",\"penalty_fen\":" API_INT ",\"product_id\":" API_INT ",\"organisation_id\":{\"type\":[\"integer\",\"null\"]}", "\"id\",\"village_id\",\"village\",\"applicant\",\"contract_no\",\"disbursed_on\",\"principal_fen\",\"state\",\"settled_on\",\"outstanding_principal_fen\",\"dpd\",\"overdue_fen\",\"penalty_fen\",\"product_id\",\"organisation_id\"")), 0, "422:invalid_cursor 422:invalid_state 422:invalid_format", API_FORMATS},
    {"GET", "/api/v1/reports/overdue/loans", "逾期贷款清单：每笔的逾期天数、逾期金额、罚息，分页；from/to：有一期逾期未还的应还日在此期间内的贷款；total 与 *_total 为全部符合条件的贷款的合计；?format= 以同样条件导出（带合计行）", "village_id:integer from:date to:date format:string " API_KEYSET "", NULL, API_KEYSET_TOTALS(API_OBJ("\"id\":" API_INT ",\"village_id\":" API_INT ",\"village\":" API_STR ",\"applicant\":" API_STR ",\"contract_no\":" API_STR ",\"disbursed_on\":" API_STR ",\"principal_fen\":" API_INT ",\"state\":{\"enum\":[\"active\",\"settled\",\"compensated\"]},\"settled_on\":{\"type\":[\"string\",\"null\"]},\"outstanding_principal_fen\":" API_INT ",\"dpd\":" API_INT ",\"overdue_fen\":" API_INT ",\"penalty_fen\":" API_INT ",\"product_id\":" API_INT ",\"organisation_id\":{\"type\":[\"integer\",\"null\"]}", "\"id\",\"village_id\",\"village\",\"applicant\",\"contract_no\",\"disbursed_on\",\"principal_fen\",\"state\",\"settled_on\",\"outstanding_principal_fen\",\"dpd\",\"overdue_fen\",\"penalty_fen\",\"product_id\",\"organisation_id\""), "\"outstanding_principal_fen_total\":" API_INT ",\"overdue_fen_total\":" API_INT ",\"penalty_fen_total\":" API_INT, "\"outstanding_principal_fen_total\",\"overdue_fen_total\",\"penalty_fen_total\""), 0, "422:invalid_cursor 422:invalid_format 422:invalid_date 422:invalid_period", API_FORMATS},
    {"GET", "/api/v1/reports/due", "到期清单：应还日在 from（缺省今天）至 to（缺省 from 加 days 天）之间未还的各期及贷款的逾期情况，可按村，分页；total 与 due_fen_total 为全部符合条件的各期的条数与应还本息合计；?format= 以同样条件导出", "days:integer from:date to:date village_id:integer unit_id:integer format:string " API_KEYSET "", NULL, API_KEYSET_TOTALS(API_OBJ("\"loan_id\":" API_INT ",\"village\":" API_STR ",\"applicant\":" API_STR ",\"phone\":" API_STR ",\"contract_no\":" API_STR ",\"n\":" API_INT ",\"due_on\":" API_STR ",\"due_fen\":" API_INT ",\"dpd\":" API_INT ",\"overdue_fen\":" API_INT ",\"penalty_fen\":" API_INT, "\"loan_id\",\"village\",\"applicant\",\"phone\",\"contract_no\",\"n\",\"due_on\",\"due_fen\",\"dpd\",\"overdue_fen\",\"penalty_fen\""), "\"due_fen_total\":" API_INT, "\"due_fen_total\""), 0, "422:invalid_cursor 422:invalid_days 422:invalid_date 422:invalid_period 422:invalid_format 403:out_of_scope 404:unit_not_found", API_FORMATS},
    {"GET", "/api/v1/reports/due-reminders", "到期提醒名单：今后 days 天内要还款的各期（村计生专干逐户提醒），可按村，分页；?format= 导出", "days:integer village_id:integer unit_id:integer format:string " API_KEYSET "", NULL, API_KEYSET_LIST(API_OBJ("\"loan_id\":" API_INT ",\"village\":" API_STR ",\"applicant\":" API_STR ",\"phone\":" API_STR ",\"contract_no\":" API_STR ",\"n\":" API_INT ",\"due_on\":" API_STR ",\"due_fen\":" API_INT, "\"loan_id\",\"village\",\"applicant\",\"phone\",\"contract_no\",\"n\",\"due_on\",\"due_fen\"")), 0, "422:invalid_cursor 422:invalid_days 422:invalid_format 403:out_of_scope 404:unit_not_found", API_FORMATS},
    {"GET", "/api/v1/reports/due-reminders/sms.csv", "到期提醒短信群发表（CSV：电话、姓名、短信内容；无电话的不列）", "days:integer village_id:integer unit_id:integer", NULL, NULL, 0, "422:invalid_days 403:out_of_scope 404:unit_not_found", "csv"},
    {"GET", "/api/v1/guarantee-fund/entries", "担保基金明细账：收入、调整、代偿、追偿及记账后余额（本辖区），分页；?format= 导出", "kind:string from:date to:date format:string " API_PAGING "", NULL, API_LIST(API_OBJ("\"id\":" API_INT ",\"kind\":{\"enum\":[\"income\",\"adjustment\",\"payout\",\"recovery\"]},\"on\":" API_STR ",\"amount_fen\":" API_INT ",\"document_no\":" API_STR ",\"note\":" API_STR ",\"balance_after_fen\":" API_INT ",\"by\":" API_STR ",\"loan\":{\"type\":[\"object\",\"null\"],\"required\":[\"id\",\"contract_no\",\"applicant\",\"village\"],\"properties\":{\"id\":" API_INT ",\"contract_no\":" API_STR ",\"applicant\":" API_STR ",\"village\":" API_STR "}}", "\"id\",\"kind\",\"on\",\"amount_fen\",\"document_no\",\"note\",\"balance_after_fen\",\"by\",\"loan\"")), 0, "422:invalid_kind 422:invalid_date 422:invalid_format", API_FORMATS},
    {"GET", "/api/v1/claims", "可申请担保代偿的贷款（逾期超过代偿期限），分页；?format= 导出", "format:string " API_KEYSET "", NULL, API_KEYSET_LIST(API_OBJ("\"loan_id\":" API_INT ",\"village\":" API_STR ",\"applicant\":" API_STR ",\"contract_no\":" API_STR ",\"oldest_due\":" API_STR ",\"dpd\":" API_INT ",\"outstanding_principal_fen\":" API_INT, "\"loan_id\",\"village\",\"applicant\",\"contract_no\",\"oldest_due\",\"dpd\",\"outstanding_principal_fen\"")), 0, "422:invalid_cursor 422:invalid_format", API_FORMATS},
    {"GET", "/api/v1/relief-batches", "救助批次列表（村、建立日期 from/to 筛选），最新在前；total、households_total、paid_fen_total 为全部符合条件的合计；?format= 以同样条件导出", "village_id:integer from:date to:date limit:integer format:string", NULL, "{\"type\":\"object\",\"required\":[\"items\",\"total\",\"households_total\",\"paid_fen_total\"],\"properties\":{\"items\":{\"type\":\"array\",\"items\":" API_OBJ("\"id\":" API_INT ",\"title\":" API_STR ",\"amount_fen\":" API_INT ",\"applications_total\":" API_INT ",\"states\":" API_ANY_OBJ ",\"paid_fen\":" API_INT, "\"id\",\"title\",\"amount_fen\",\"applications_total\",\"states\",\"paid_fen\"") "},\"total\":" API_INT ",\"households_total\":" API_INT ",\"paid_fen_total\":" API_INT "}}", 0, "422:invalid_format 422:invalid_date 422:invalid_period 422:export_too_large", API_FORMATS},
    {0},
};
