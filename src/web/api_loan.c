/* api_loan.c: /api/v1/loan-applications (intake, documents, submit, reviews, guarantee),
   /api/v1/guarantee-fund and /api/v1/holidays. */
#include <stdlib.h>
#include <string.h>

#include "api_doc.h"
#include "api_util.h"
#include "list_filter.h"
#include "loan_book.h"
#include "calendar.h"
#include "guarantee.h"
#include "handlers.h"
#include "keyset_page.h"
#include "admin_sheets.h"
#include "record_sheets.h"
#include "list_sheets.h"
#include "loan.h"
#include "rating.h"
#include "time_limit_view.h"

/* Replies with the application as JSON, or the error. */
static void reply_loan(struct req *r, int status, int64_t id)
{
    struct loan_app *a = calloc(1, sizeof *a);
    struct err e = {0};
    if (!a || loan_get(r->db, &r->user, id, a, &e) != 0) {
        reply_json_error(r, a ? &e : &(struct err){500, "out_of_memory", "内存不足", ""});
        free(a);
        return;
    }
    json_t *o = loan_json(a, r->today);
    /* the household's how-many-th loan this is (第几次贷款, rating.h) */
    json_object_set_new(o, "loan_cycle", json_integer(rating_loan_cycle(r->db, id)));
    json_object_set_new(o, "time_limits", time_limit_steps_json(r, TK_LOAN, id)); /* 限时办结: each step's due day */
    struct guarantee_info g;
    if (guarantee_get(r->db, id, &g) == 0)
        json_object_set_new(o, "guarantee", json_pack("{s:s, s:i, s:I, s:i}", "letter_no", g.letter_no, "coverage_pct",
                                                      g.coverage_pct, "guaranteed_fen", (json_int_t)g.guaranteed_fen,
                                                      "counter_guarantors", g.ncounter));
    loan_app_free(a);
    free(a);
    reply_json(r, status, o);
}

/* Reads an application's fields (all but the household) from the JSON body. 0, or -1 with e. */
static int json_input(json_t *j, struct loan_input *in, struct err *e)
{
    return j && !api_int(j, "amount_fen", 0, &in->amount_fen, e) && !api_int(j, "term_months", 0, &in->term_months, e) &&
                   !api_str(j, "project_type", &in->project_type, e) && !api_str(j, "project_name", &in->project_name, e) &&
                   !api_str(j, "business_plan_md", &in->business_plan_md, e) &&
                   !api_int(j, "expected_jobs", 0, &in->expected_jobs, e) &&
                   !api_int(j, "expected_income_fen", 0, &in->expected_income_fen, e) &&
                   !api_int(j, "product_id", 0, &in->product_id, e)
               ? 0
               : -1;
}

void api_loans_create(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    struct loan_input in = {0};
    int64_t id = -1;
    if (j && !api_int(j, "household_id", 0, &in.household_id, &e) &&
        !api_int(j, "organisation_id", 0, &in.organisation_id, &e) && json_input(j, &in, &e) == 0) {
        if (!in.household_id && !in.organisation_id)
            err_set(&e, 422, "invalid_household", "household_id", "请填写 household_id（家庭）或 organisation_id（合作社、示范基地）");
        else
            id = loan_create(r->db, &r->user, &in, r->today, &e);
    }
    json_decref(j);
    if (id < 0)
        reply_json_error(r, &e);
    else
        reply_loan(r, 201, id);
}

void api_loans_update(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    struct loan_input in = {0};
    int rc = json_input(j, &in, &e) == 0 ? loan_update(r->db, &r->user, r->id[0], &in, &e) : -1;
    json_decref(j);
    if (rc != 0)
        reply_json_error(r, &e);
    else
        reply_loan(r, 200, r->id[0]);
}

void api_loans_show(struct req *r)
{
    reply_loan(r, 200, r->id[0]);
}

/* An application list being answered: the request (for the loans' figures) and the items. */
struct loans_answer {
    struct req *r;
    json_t *items;
};

/* Appends one list row, with its loan's days overdue and penalty once disbursed (null before). */
static void loan_item(const struct loan_row *l, void *ctx)
{
    struct loans_answer *a = ctx;
    struct loan_figures fig;
    struct err e = {0};
    int has = l->loan_id && loan_figures_get(a->r->db, &a->r->user, l->loan_id, a->r->today, &fig, &e) == 0;
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:I, s:i, s:s, s:s, s:s, s:s}", "id", (json_int_t)l->id, "applicant",
                          l->applicant, "village", l->village, "state", loan_state_code(l->state), "amount_fen",
                          (json_int_t)l->amount_fen, "term_months", l->term_months, "project_type",
                          project_type_code(l->project_type), "project_name", l->project_name, "submitted_on",
                          l->submitted_on, "review_due_on", l->review_due_on);
    json_object_set_new(o, "dpd", has ? json_integer(fig.dpd) : json_null());
    json_object_set_new(o, "penalty_fen", has ? json_integer(fig.penalty_fen) : json_null());
    json_array_append_new(a->items, o);
}

void api_loans_list(struct req *r)
{
    struct loan_filter f = {.state = -1};
    const char *state = req_query(r, "state"), *late = req_query(r, "late"), *queue = req_query(r, "queue");
    struct err e = {0};
    if (state && *state && (f.state = loan_state_parse(state)) < 0) {
        err_set(&e, 422, "invalid_state", "state", "未知的申请状态");
        reply_json_error(r, &e);
        return;
    }
    f.late_only = late && !strcmp(late, "1");
    f.household_id = req_query_int(r, "household_id", 0);
    f.organisation_id = req_query_int(r, "organisation_id", 0);
    if (queue && !strcmp(queue, "mine"))
        f.department = r->user.department_id ? r->user.department_id : -1;
    struct list_where w;
    if (list_where_read(r, &w, &e) != 0) {
        reply_json_error(r, &e);
        return;
    }
    f.village_id = w.village_id, f.from = w.from, f.to = w.to;
    if (list_export_if_asked(r, record_loans_sheet, &f, "loan-applications.csv"))
        return;
    struct keyset k;
    if (keyset_read(r, 50, 500, &k, &e) != 0) {
        reply_json_error(r, &e);
        return;
    }
    f.page = &k;
    struct loans_answer a = {r, json_array()};
    int64_t count = 0, amount = 0;
    if (loan_list(r->db, &r->user, &f, r->today, loan_item, &a, &e) < 0 ||
        loan_list_totals(r->db, &r->user, &f, r->today, &count, &amount, &e) != 0) {
        json_decref(a.items);
        reply_json_error(r, &e);
        return;
    }
    json_t *list = api_list(a.items, count);
    json_object_set_new(list, "amount_fen_total", json_integer(amount));
    keyset_json(list, &k);
    reply_json(r, 200, list);
}

void api_loans_documents(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e), *v;
    const char *key;
    unsigned given = 0, received = 0;
    int rc = j ? 0 : -1;
    json_object_foreach(j, key, v)
    {
        int d = loan_doc_parse(key);
        if (d < 0 || !json_is_boolean(v)) {
            rc = err_set(&e, 422, "invalid_document", key, "未知的材料名称或取值（应为 true/false）：%s", key);
            break;
        }
        given |= 1u << d;
        if (json_is_true(v))
            received |= 1u << d;
    }
    json_decref(j);
    if (rc == 0)
        rc = loan_set_documents(r->db, &r->user, r->id[0], given, received, &e);
    if (rc != 0)
        reply_json_error(r, &e);
    else
        reply_loan(r, 200, r->id[0]);
}

void api_loans_submit(struct req *r)
{
    struct err e = {0};
    if (loan_submit(r->db, &r->user, r->id[0], 0, 0, r->today, &e) != 0) {
        if (!strcmp(e.code, "missing_documents")) {
            struct loan_app *a = calloc(1, sizeof *a);
            json_t *missing = json_array();
            struct err e2;
            if (a && loan_get(r->db, &r->user, r->id[0], a, &e2) == 0) {
                for (int d = 0; d < LD__MAX; d++)
                    if (!(a->documents & (1u << d)))
                        json_array_append_new(missing, json_string(loan_doc_code(d)));
                loan_app_free(a);
            }
            free(a);
            reply_json(r, 422, json_pack("{s:{s:s, s:s, s:s, s:o}}", "error", "code", e.code, "message", e.message,
                                         "field", e.field, "missing_documents", missing));
            return;
        }
        reply_json_error(r, &e);
        return;
    }
    reply_loan(r, 200, r->id[0]);
}

void api_loans_review(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *decision = NULL, *comment = NULL, *requested = NULL;
    int rc = !j || api_str(j, "decision", &decision, &e) || api_str(j, "comment", &comment, &e) ||
                     api_str(j, "requested_documents", &requested, &e)
                 ? -1
                 : 0;
    if (rc == 0)
        rc = loan_review(r->db, &r->user, r->id[0], decision, comment, requested, &e);
    json_decref(j);
    if (rc != 0)
        reply_json_error(r, &e);
    else
        reply_loan(r, 201, r->id[0]);
}

void api_loans_requested(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    int received = 0;
    int rc = !j || api_bool(j, "received", -1, &received, &e)
                 ? -1
                 : loan_set_requested(r->db, &r->user, r->id[0], r->id[1], received, &e); /* scope first, then the value */
    json_decref(j);
    if (rc != 0)
        reply_json_error(r, &e);
    else
        reply_loan(r, 200, r->id[0]);
}

void api_loans_backup(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    int64_t uid = 0;
    int rc = !j || api_int(j, "backup_handler_id", 0, &uid, &e) ? -1
                                                               : loan_set_backup(r->db, &r->user, r->id[0], uid, &e);
    json_decref(j);
    if (rc != 0)
        reply_json_error(r, &e);
    else
        reply_loan(r, 200, r->id[0]);
}

void api_loans_guarantee(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    struct guarantee_input in = {0};
    int rc = !j || api_int(j, "coverage_pct", 0, &in.coverage_pct, &e) ||
                     api_str(j, "pledged_asset", &in.pledged_asset, &e)
                 ? -1
                 : 0;
    json_t *cg = j ? json_object_get(j, "counter_guarantors") : NULL, *v;
    size_t i;
    if (rc == 0 && cg && (!json_is_array(cg) || json_array_size(cg) > 2))
        rc = err_set(&e, 422, "invalid_counter_guarantors", "counter_guarantors", "反担保人为一至两人");
    json_array_foreach(cg, i, v)
    {
        if (rc != 0)
            break;
        struct counter_guarantor *c = &in.counter[in.ncounter++];
        if (!json_is_object(v) || api_str(v, "name", &c->name, &e) || api_str(v, "id_number", &c->id_number, &e) ||
            api_str(v, "relation", &c->relation, &e) || api_int(v, "income_fen", 0, &c->income_fen, &e))
            rc = e.status ? -1 : err_set(&e, 422, "invalid_counter_guarantors", "counter_guarantors", "反担保人格式错误");
    }
    if (rc == 0 && guarantee_create(r->db, &r->user, r->id[0], &in, r->today, &e) < 0)
        rc = -1;
    json_decref(j);
    if (rc != 0)
        reply_json_error(r, &e);
    else
        reply_loan(r, 201, r->id[0]);
}

/* The fund's figures as JSON. */
static json_t *fund_json(struct db *db)
{
    struct fund_status s;
    guarantee_fund_status(db, &s);
    return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "balance_fen", (json_int_t)s.balance_fen,
                     "guaranteed_outstanding_fen", (json_int_t)s.guaranteed_outstanding_fen, "leverage",
                     (json_int_t)s.leverage, "capacity_fen", (json_int_t)s.capacity_fen, "paid_out_fen",
                     (json_int_t)s.paid_out_fen, "recovered_fen", (json_int_t)s.recovered_fen, "written_off_fen",
                     (json_int_t)s.written_off_fen, "recovered_after_write_off_fen",
                     (json_int_t)s.recovered_after_write_off_fen);
}

void api_guarantee_fund(struct req *r)
{
    reply_json(r, 200, fund_json(r->db));
}

void api_guarantee_fund_entry(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *kind = NULL, *on = NULL, *doc = NULL, *note = NULL;
    int64_t amount = 0, id = -1;
    if (j && !api_str(j, "kind", &kind, &e) && !api_int(j, "amount_fen", 0, &amount, &e) && !api_str(j, "on", &on, &e) &&
        !api_str(j, "document_no", &doc, &e) && !api_str(j, "note", &note, &e))
        id = guarantee_fund_add(r->db, &r->user, kind, amount, on, doc, note, r->today, &e);
    json_decref(j);
    if (id < 0) {
        reply_json_error(r, &e);
        return;
    }
    json_t *o = fund_json(r->db);
    json_object_set_new(o, "entry_id", json_integer(id));
    reply_json(r, 201, o);
}

/* Appends one calendar day. */
static void holiday_item(const char *day, const char *kind, const char *name, void *ctx)
{
    json_array_append_new(ctx, json_pack("{s:s, s:s, s:s}", "day", day, "kind", kind, "name", name));
}

void api_holidays_list(struct req *r)
{
    int year = (int)req_query_int(r, "year", r->today.y);
    if (list_export_if_asked(r, admin_holidays_sheet, &year, "holidays.csv"))
        return;
    json_t *items = json_array();
    int n = calendar_list(r->db, year, holiday_item, items);
    api_reply_list(r, items, n, NULL);
}

void api_holidays_set(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *day = NULL, *kind = NULL, *name = NULL;
    int rc = !j || api_str(j, "day", &day, &e) || api_str(j, "kind", &kind, &e) || api_str(j, "name", &name, &e)
                 ? -1
                 : calendar_set(r->db, &r->user, day, kind, name, &e);
    if (rc != 0)
        reply_json_error(r, &e);
    else
        reply_json(r, 201, json_pack("{s:s, s:s, s:s}", "day", day, "kind", kind, "name", name));
    json_decref(j);
}

void api_loans_withdraw(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    int rc = j ? loan_withdraw(r->db, &r->user, r->id[0], json_string_value(json_object_get(j, "reason")), &e) : -1;
    json_decref(j);
    if (rc != 0)
        reply_json_error(r, &e);
    else
        reply_loan(r, 200, r->id[0]);
}

/* The answer of an application (reply_loan): GET /loan-applications/{id} and the writes on one. */
#define LOAN_APP_ANSWER API_OBJ("\"id\":" API_INT ",\"state\":" API_STR ",\"household_id\":" API_INT ",\"applicant\":" API_STR ",\"village\":" API_STR ",\"amount_fen\":" API_INT ",\"term_months\":" API_INT ",\"project_type\":" API_STR ",\"project_name\":" API_STR ",\"business_plan_md\":" API_STR ",\"expected_jobs\":" API_INT ",\"expected_income_fen\":" API_INT ",\"documents\":" API_OBJ("\"id_card\":" API_BOOL ",\"hukou\":" API_BOOL ",\"marriage\":" API_BOOL ",\"family_planning\":" API_BOOL ",\"business_plan\":" API_BOOL ",\"implementation_plan\":" API_BOOL ",\"counter_guarantee\":" API_BOOL "", "\"id_card\",\"hukou\",\"marriage\",\"family_planning\",\"business_plan\",\"implementation_plan\",\"counter_guarantee\"") ",\"missing_documents\":" API_STRS ",\"reviews\":" API_ARRAY(API_OBJ("\"round\":" API_INT ",\"department_id\":" API_INT ",\"department\":" API_STR ",\"decision\":" API_STR_NULL ",\"comment\":" API_STR ",\"reviewer\":" API_STR ",\"at\":" API_STR "", "\"round\",\"department_id\",\"department\",\"decision\",\"comment\",\"reviewer\",\"at\"")) ",\"round\":" API_INT ",\"handler\":" API_OBJ("\"id\":" API_INT ",\"name\":" API_STR "", "\"id\",\"name\"") ",\"backup_handler\":" "{\"type\":[\"object\",\"null\"],\"required\":[\"id\",\"name\"],\"properties\":{\"id\":" API_INT ",\"name\":" API_STR "}}" ",\"submitted_on\":" API_STR_NULL ",\"review_due_on\":" API_STR_NULL ",\"review_late\":" API_BOOL ",\"requested_documents\":" API_ARRAY(API_OBJ("\"id\":" API_INT ",\"name\":" API_STR ",\"department\":" API_STR ",\"round\":" API_INT ",\"received\":" API_BOOL "", "\"id\",\"name\",\"department\",\"round\",\"received\"")) ",\"withdrawn_reason\":" API_STR_NULL ",\"guarantee\":" API_OBJ("\"letter_no\":" API_STR ",\"coverage_pct\":" API_INT ",\"guaranteed_fen\":" API_INT ",\"counter_guarantors\":" API_INT "", "\"letter_no\",\"coverage_pct\",\"guaranteed_fen\",\"counter_guarantors\"") "", "\"id\",\"state\",\"household_id\",\"applicant\",\"village\",\"amount_fen\",\"term_months\",\"project_type\",\"project_name\",\"business_plan_md\",\"expected_jobs\",\"expected_income_fen\",\"documents\",\"missing_documents\",\"reviews\",\"round\",\"handler\",\"backup_handler\",\"submitted_on\",\"review_due_on\",\"review_late\",\"requested_documents\",\"withdrawn_reason\"")

/* The descriptions of this file's routes for GET /api/v1/openapi.json (api_doc.h). */
const struct api_doc api_docs_loan[] = {
    {"PUT", "/api/v1/loan-applications/{id}", "提交评审前修改申请（与登记相同的字段，不含 household_id、organisation_id；product_id 不填则不变），按产品重新检查", NULL, API_ANY_OBJ,
     API_OBJ("\"id\":" API_INT ",\"state\":" API_STR, "\"id\",\"state\""), 0, "409:invalid_state 404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/loan-applications/{id}/withdraw", "撤回申请（决定之前，写明原因）", NULL,
     API_OBJ("\"reason\":" API_STR, "\"reason\""), API_OBJ("\"id\":" API_INT ",\"state\":" API_STR, "\"id\",\"state\""), 0,
     "422:invalid_reason 409:invalid_state 404:not_found 403:out_of_scope", NULL},
    {"PUT", "/api/v1/loan-applications/{id}/requested-documents/{id}", "登记评审部门要求补充的材料已收到", NULL,
     API_OBJ("\"received\":{\"type\":\"boolean\"}", "\"received\""), API_ANY_OBJ, 0, "409:invalid_state 404:not_found 403:out_of_scope",
     NULL},
    {"GET", "/api/v1/loan-applications", "贷款申请列表（状态、超期、待我评审、村、提交日期 from/to），按编号从新到旧（待我评审与只看超期的按评审期限），keyset 分页（after 为上一页的 next；offset 仍可用）；已放款的带逾期天数 dpd 与罚息复利 penalty_fen；total 与 amount_fen_total 为全部符合条件的条数与金额合计；?format= 以同样条件导出", "state:string late:integer queue:string household_id:integer organisation_id:integer village_id:integer from:date to:date format:string " API_KEYSET "", NULL, "{\"type\":\"object\",\"required\":[\"items\",\"total\",\"amount_fen_total\",\"next\",\"limit\"],\"properties\":{\"next\":{\"type\":[\"string\",\"null\"]},\"limit\":{\"type\":\"integer\"},\"items\":{\"type\":\"array\",\"items\":" API_OBJ("\"id\":" API_INT ",\"applicant\":" API_STR ",\"village\":" API_STR ",\"state\":" API_STR ",\"amount_fen\":" API_INT ",\"term_months\":" API_INT ",\"project_type\":" API_STR ",\"project_name\":" API_STR ",\"submitted_on\":" API_STR ",\"review_due_on\":" API_STR ",\"dpd\":{\"type\":[\"integer\",\"null\"]},\"penalty_fen\":{\"type\":[\"integer\",\"null\"]}", "\"id\",\"applicant\",\"village\",\"state\",\"amount_fen\",\"term_months\",\"project_type\",\"project_name\",\"submitted_on\",\"review_due_on\",\"dpd\",\"penalty_fen\"") "},\"total\":" API_INT ",\"amount_fen_total\":" API_INT "}}", 0, "422:invalid_state 422:invalid_cursor 422:invalid_format 422:invalid_date 422:invalid_period 422:export_too_large", API_FORMATS},
    {"POST", "/api/v1/loan-applications", "登记贷款申请：家庭（household_id）或合作社、示范基地（organisation_id），按所选贷款产品（product_id，不填为默认产品）检查金额、期限和借款人类别", NULL, API_OBJ("\"household_id\":" API_INT ",\"organisation_id\":" API_INT ",\"product_id\":" API_INT ",\"amount_fen\":" API_INT ",\"term_months\":" API_INT ",\"project_type\":" API_STR ",\"project_name\":" API_STR, "\"amount_fen\",\"term_months\",\"project_type\",\"project_name\""), API_OBJ("\"id\":" API_INT ",\"state\":" API_STR ",\"product_id\":" API_INT ",\"borrower_kind\":{\"enum\":[\"household\",\"organisation\"]},\"organisation_id\":{\"type\":[\"integer\",\"null\"]}", "\"id\",\"state\",\"product_id\",\"borrower_kind\",\"organisation_id\""), 201, "422:invalid_amount 422:invalid_term 422:invalid_product 422:borrower_not_allowed 422:invalid_organisation 422:borrower_ambiguous 422:invalid_household 422:invalid_project_type 422:invalid_project_name 422:invalid_business_plan 422:invalid_jobs 422:invalid_income 422:invalid_type 409:not_policy_compliant 409:application_open 409:loan_overdue 403:out_of_scope", NULL},
    {"GET", "/api/v1/loan-applications/{id}", "一笔贷款申请（材料、评审、担保）", NULL, NULL, LOAN_APP_ANSWER, 0, "404:not_found 403:out_of_scope", NULL},
    {"PUT", "/api/v1/loan-applications/{id}/documents", "登记申请材料（只改给出的项）", NULL, "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{\"id_card\":" API_BOOL ",\"hukou\":" API_BOOL ",\"marriage\":" API_BOOL ",\"family_planning\":" API_BOOL ",\"business_plan\":" API_BOOL ",\"implementation_plan\":" API_BOOL ",\"counter_guarantee\":" API_BOOL "}}", API_ANY_OBJ, 0, "409:invalid_state 404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/loan-applications/{id}/submit", "提交评审（材料不齐时 422 missing_documents，error 带缺少的材料 missing_documents）", NULL, NULL, LOAN_APP_ANSWER, 0, "422:missing_documents 409:invalid_state 409:no_departments 404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/loan-applications/{id}/backup-handler", "指定备用经办人（B角，本单位的协会工作人员；0 为取消）", NULL, API_OBJ("\"backup_handler_id\":" API_INT, "\"backup_handler_id\""), LOAN_APP_ANSWER, 0, "422:invalid_backup_handler 422:invalid_type 404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/loan-applications/{id}/reviews", "部门评审意见", NULL, API_OBJ("\"decision\":{\"enum\":[\"approve\",\"reject\",\"more_info\"]},\"comment\":" API_STR, "\"decision\""), API_ANY_OBJ, 201, "409:invalid_state 409:already_reviewed 404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/loan-applications/{id}/guarantee", "出具担保（反担保人）", NULL, API_OBJ("\"coverage_pct\":" API_INT ",\"pledged_asset\":" API_STR ",\"counter_guarantors\":{\"type\":\"array\",\"items\":" API_OBJ("\"name\":" API_STR ",\"id_number\":" API_STR ",\"relation\":" API_STR ",\"income_fen\":" API_INT, "\"name\",\"id_number\",\"relation\"") "}", "\"counter_guarantors\""), API_ANY_OBJ, 201, "409:guarantee_capacity_exceeded 409:invalid_state 404:not_found 403:out_of_scope", NULL},
    {"GET", "/api/v1/guarantee-fund", "担保基金余额与担保能力", NULL, NULL, API_OBJ("\"balance_fen\":" API_INT ",\"guaranteed_outstanding_fen\":" API_INT ",\"leverage\":" API_INT ",\"capacity_fen\":" API_INT, "\"balance_fen\",\"guaranteed_outstanding_fen\",\"leverage\",\"capacity_fen\""), 0, NULL, NULL},
    {"POST", "/api/v1/guarantee-fund/entries", "担保基金收入或调整", NULL, API_OBJ("\"kind\":{\"enum\":[\"income\",\"adjustment\"]},\"amount_fen\":" API_INT ",\"on\":" API_STR ",\"document_no\":" API_STR, "\"kind\",\"amount_fen\",\"on\",\"document_no\""), API_ANY_OBJ, 201, "422:invalid_amount 409:insufficient_funds", NULL},
    {"GET", "/api/v1/holidays", "节假日与调休；?format= 导出", "year:integer" " format:string", NULL, API_LIST(API_OBJ("\"day\":" API_STR ",\"kind\":" "{\"enum\":[\"off\",\"work\"]}" ",\"name\":" API_STR "", "\"day\",\"kind\",\"name\"")), 0, "422:invalid_format", API_FORMATS},
    {"POST", "/api/v1/holidays", "设置节假日或调休", NULL, API_OBJ("\"day\":" API_STR ",\"kind\":{\"enum\":[\"off\",\"work\"]},\"name\":" API_STR, "\"day\",\"kind\""), API_ANY_OBJ, 0, "422:invalid_date 422:not_a_weekend 422:calendar_full", NULL},
    {0},
};
