/* api_lifecycle.c: the rest of a loan's life in the API — extension (展期) and its approval and
   reversal, write-off (核销) with a second person's approval, the loan's lifecycle history, and
   households' credit ratings (信用户) with their loan cycle. */
#include <string.h>

#include "api_doc.h"
#include "api_util.h"
#include "extension.h"
#include "handlers.h"
#include "household.h"
#include "rating.h"
#include "servicing.h"
#include "write_off.h"

/* Replies with the loan's lifecycle history after checking it is in scope. */
static void reply_lifecycle(struct req *r, int status, int64_t loan_id)
{
    struct serviced_loan *l = servicing_alloc();
    struct err e = {0};
    if (!l || servicing_get(r->db, &r->user, loan_id, l, &e) != 0) {
        if (!l)
            err_set(&e, 500, "out_of_memory", NULL, "内存不足");
        servicing_free(l);
        reply_json_error(r, &e);
        return;
    }
    json_t *ext = extension_list_json(r->db, loan_id), *wo = write_off_json(r->db, loan_id);
    json_t *loan = servicing_json(l, r->today);
    servicing_free(l);
    if (!ext || !wo) {
        json_decref(ext);
        json_decref(wo);
        json_decref(loan);
        reply_fail(r, 500, "database_error", "数据库错误");
        return;
    }
    reply_json(r, status, json_pack("{s:o, s:o, s:o}", "loan", loan, "extensions", ext, "write_off", wo));
}

void api_loan_lifecycle(struct req *r)
{
    reply_lifecycle(r, 200, r->id[0]);
}

void api_loan_extension(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e), *rows = NULL;
    struct extension_input in = {0};
    int64_t id = -1;
    if (j && !api_str(j, "on", &in.on, &e) && !api_int(j, "months", 0, &in.months, &e) &&
        !api_str(j, "annual_rate", &in.annual_rate, &e) && !api_str(j, "method", &in.method, &e) &&
        !api_str(j, "reason", &in.reason, &e))
        id = extension_request(r->db, &r->user, r->id[0], &in, r->today, &rows, &e);
    json_decref(j);
    if (id < 0) {
        reply_json_error(r, &e);
        return;
    }
    const char *state = db_int(r->db, 0, "SELECT state = 'approved' FROM loan_extensions WHERE id = ?", "i", id) == 1
                            ? "approved"
                            : "pending";
    reply_json(r, 201, json_pack("{s:I, s:s, s:o}", "extension_id", (json_int_t)id, "state", state, "schedule", rows));
}

/* Reads {decision: "approve"|"refuse", note} into *approve and *note. 0, or -1 with e filled. */
static int decision_read(json_t *j, int *approve, const char **note, struct err *e)
{
    const char *d = NULL;
    if (!j || api_str(j, "decision", &d, e) || api_str(j, "note", note, e))
        return -1;
    if (!d || (strcmp(d, "approve") && strcmp(d, "refuse")))
        return err_set(e, 422, "invalid_decision", "decision", "审批意见应为 approve（同意）或 refuse（不同意）");
    *approve = !strcmp(d, "approve");
    return 0;
}

/* Reads a decision and hands it to decide (extension_decide or write_off_decide); replies with the
   lifecycle or the refusal. */
static void decided(struct req *r, int64_t (*decide)(struct db *, const struct user_ctx *, int64_t, int, const char *,
                                                     struct err *))
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *note = NULL;
    int approve = 0;
    int64_t id = decision_read(j, &approve, &note, &e) == 0 ? decide(r->db, &r->user, r->id[0], approve, note, &e) : -1;
    json_decref(j);
    if (id < 0)
        reply_json_error(r, &e);
    else
        reply_lifecycle(r, 200, r->id[0]);
}

void api_loan_extension_decide(struct req *r)
{
    decided(r, extension_decide);
}

void api_loan_extension_review(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *decision = NULL, *comment = NULL;
    int64_t id = j && !api_str(j, "decision", &decision, &e) && !api_str(j, "comment", &comment, &e)
                     ? extension_review(r->db, &r->user, r->id[0], decision, comment, &e)
                     : -1;
    json_decref(j);
    if (id < 0)
        reply_json_error(r, &e);
    else
        reply_lifecycle(r, 201, r->id[0]);
}

void api_loan_extension_reverse(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *reason = NULL;
    int64_t id = j && !api_str(j, "reason", &reason, &e) ? extension_reverse(r->db, &r->user, r->id[0], reason, &e) : -1;
    json_decref(j);
    if (id < 0)
        reply_json_error(r, &e);
    else
        reply_lifecycle(r, 200, r->id[0]);
}

void api_loan_write_off(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *on = NULL, *reason = NULL;
    int64_t id = -1;
    if (j && !api_str(j, "on", &on, &e) && !api_str(j, "reason", &reason, &e))
        id = write_off_request(r->db, &r->user, r->id[0], on, reason, r->today, &e);
    json_decref(j);
    if (id < 0)
        reply_json_error(r, &e);
    else
        reply_lifecycle(r, 201, r->id[0]);
}

void api_loan_write_off_decide(struct req *r)
{
    decided(r, write_off_decide);
}

/* Replies with the household's credit history after checking it is in scope. */
static void reply_credit(struct req *r, int status, int64_t household_id)
{
    struct household h;
    struct err e = {0};
    if (household_get(r->db, &r->user, household_id, &h, &e) != 0) {
        reply_json_error(r, &e);
        return;
    }
    json_t *j = rating_history_json(r->db, household_id);
    if (!j)
        reply_fail(r, 500, "database_error", "数据库错误");
    else
        reply_json(r, status, j);
}

void api_household_credit(struct req *r)
{
    reply_credit(r, 200, r->id[0]);
}

void api_household_rate(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *grade = NULL, *reason = NULL;
    int64_t year = 0, id = -1;
    if (j && !api_int(j, "year", 0, &year, &e) && !api_str(j, "grade", &grade, &e) && !api_str(j, "reason", &reason, &e))
        id = rating_set(r->db, &r->user, r->id[0], year, grade, reason, r->today, &e);
    json_decref(j);
    if (id < 0)
        reply_json_error(r, &e);
    else
        reply_credit(r, 200, r->id[0]);
}

#define LIFECYCLE_ANSWER                                                                                                \
    API_OBJ("\"loan\":" API_ANY_OBJ ",\"extensions\":{\"type\":\"array\"},\"write_off\":" API_ANY_OBJ,                 \
            "\"loan\",\"extensions\",\"write_off\"")
#define CREDIT_ANSWER                                                                                                   \
    API_OBJ("\"ratings\":{\"type\":\"array\"},\"loans\":{\"type\":\"array\"},\"next_cycle\":" API_INT,                  \
            "\"ratings\",\"loans\",\"next_cycle\"")
#define DECISION_BODY API_OBJ("\"decision\":" API_STR ",\"note\":" API_STR, "\"decision\"")

/* The descriptions of this file's routes for GET /api/v1/openapi.json (api_doc.h). */
const struct api_doc api_docs_lifecycle[] = {
    {"GET", "/api/v1/loans/{id}/lifecycle", "一笔贷款的展期（含被取代的原还款计划）和核销记录", NULL, NULL, LIFECYCLE_ANSWER, 0, "404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/loans/{id}/extension", "申请展期：从展期日起按新期限重排剩余本金；答复新的还款计划", NULL, API_OBJ("\"on\":" API_STR ",\"months\":" API_INT ",\"reason\":" API_STR ",\"annual_rate\":" API_STR ",\"method\":" API_STR, "\"on\",\"months\",\"reason\""), API_OBJ("\"extension_id\":" API_INT ",\"state\":" API_STR ",\"schedule\":{\"type\":\"array\"}", "\"extension_id\",\"state\",\"schedule\""), 201, "422:invalid_reason 422:invalid_date 422:invalid_months 409:overdue_first 409:paid_ahead 409:extension_pending 409:loan_not_active 409:no_departments 404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/loans/{id}/extension/approve", "审批待批的展期（另一人）：approve 生效，refuse 须写理由", NULL, DECISION_BODY, LIFECYCLE_ANSWER, 0, "409:same_person 409:joint_review 404:no_extension 409:overdue_first 422:invalid_note", NULL},
    {"POST", "/api/v1/loans/{id}/extension/reviews", "联合评审待批的展期（产品的展期审批为 joint 时）：本部门意见 approve 或 reject（须写理由）；各部门都同意则新计划生效，任一不同意则不予展期", NULL, API_OBJ("\"decision\":{\"enum\":[\"approve\",\"reject\"]},\"comment\":" API_STR, "\"decision\""), LIFECYCLE_ANSWER, 201, "422:invalid_decision 422:invalid_comment 403:department_not_reviewing 403:no_department 409:already_reviewed 404:no_extension 409:overdue_first", NULL},
    {"POST", "/api/v1/loans/{id}/extension/reverse", "冲正生效的展期（须写原因；新计划已有还款时不可）", NULL, API_OBJ("\"reason\":" API_STR, "\"reason\""), LIFECYCLE_ANSWER, 0, "409:repaid_since 404:no_extension 422:invalid_reason", NULL},
    {"POST", "/api/v1/loans/{id}/write-off", "申请核销代偿后未追回的部分", NULL, API_OBJ("\"on\":" API_STR ",\"reason\":" API_STR, "\"on\",\"reason\""), LIFECYCLE_ANSWER, 201, "409:not_compensated 409:too_early 409:nothing_to_write_off 409:write_off_exists 422:invalid_date 422:invalid_reason 404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/loans/{id}/write-off/approve", "审批核销（申请人以外的另一人）", NULL, DECISION_BODY, LIFECYCLE_ANSWER, 0, "409:same_person 409:nothing_to_write_off 404:no_write_off 422:invalid_note", NULL},
    {"GET", "/api/v1/households/{id}/credit-rating", "农户的信用评定、贷款次数和历次贷款", NULL, NULL, CREDIT_ANSWER, 0, "404:not_found 403:out_of_scope", NULL},
    {"PUT", "/api/v1/households/{id}/credit-rating", "评定信用户（年度、等级 优秀/较好/一般/差、理由；历次评定均保留）", NULL, API_OBJ("\"year\":" API_INT ",\"grade\":" API_STR ",\"reason\":" API_STR, "\"year\",\"grade\",\"reason\""), CREDIT_ANSWER, 0, "422:invalid_year 422:invalid_grade 422:invalid_reason 404:not_found 403:out_of_scope", NULL},
    {"GET", "/api/v1/reports/due/letters.pdf", "催收通知书 PDF：逾期或今后 days 天内到期的每笔贷款一页（A4），可按村", "days:integer village_id:integer", NULL, NULL, 0, "422:invalid_days 404:not_found 403:out_of_scope", "pdf"},
    {0},
};
