/* loan.c: loan applications and the joint review (see loan.h). */
#include "loan.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "calendar.h"
#include "clock.h"
#include "loan_requested.h"
#include "organisation.h"
#include "product.h"
#include "rating.h"
#include "review_round.h"
#include "servicing.h"
#include "text.h"

/* The row readers of loan.h's row shapes. */
static DB_ROW_READER(loan_app_read, LOAN_APP_ROW, struct loan_app)
static DB_ROW_READER(loan_review_read, LOAN_REVIEW_ROW, struct loan_review_row)
static DB_ROW_READER(loan_row_read, LOAN_LIST_ROW, struct loan_row)

/* Checks who may register for which household: in scope, policy-compliant, nothing open. */
static int eligible(struct db *db, const struct user_ctx *actor, int64_t household_id, struct date today,
                    struct err *e)
{
    sqlite3_stmt *st = db_prep(db, "SELECT h.policy_compliant, in_scope(v.path, ?2) FROM households h "
                                   "JOIN units v ON v.id = h.village_id WHERE h.id = ?1");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "it", household_id, actor->unit_path);
    int found = sqlite3_step(st) == SQLITE_ROW;
    int compliant = found && sqlite3_column_int(st, 0), in_scope = found && sqlite3_column_int(st, 1);
    db_done(st);
    if (!found)
        return err_set(e, 422, "invalid_household", "household_id", "家庭档案不存在");
    if (!in_scope)
        return err_set(e, 403, "out_of_scope", "household_id", "该家庭不在您的管辖范围内");
    if (!compliant)
        return err_set(e, 409, "not_policy_compliant", "household_id", "该家庭不符合生育政策，不能申请计生信贷助富贷款");
    int64_t open = db_int(db, 0,
                          "SELECT id FROM loan_applications WHERE household_id = ? AND organisation_id IS NULL "
                          "AND state IN ('draft', 'in_review', 'more_info', 'approved', 'guaranteed') LIMIT 1",
                          "i", household_id);
    if (open)
        return err_set(e, 409, "application_open", "household_id", "该家庭已有一笔未办结的贷款申请（第 %lld 号）",
                       (long long)open);
    if (servicing_household_blocked(db, household_id, today))
        return err_set(e, 409, "loan_overdue", "household_id", "该家庭有逾期或已代偿的项目贷款，暂不能申请");
    return 0;
}

/* Checks who may register for which organisation (inside the transaction): in scope, nothing
   open for it. Sets *household_id to its legal representative's household. */
static int org_eligible(struct db *db, const struct user_ctx *actor, int64_t org_id, int64_t *household_id,
                        struct err *e)
{
    struct organisation o;
    struct err got = {0};
    if (organisation_get(db, actor, org_id, &o, &got) != 0)
        return got.status == 404 ? err_set(e, 422, "invalid_organisation", "organisation_id", "合作社或示范基地不存在")
                                 : (*e = got, -1);
    int64_t open = db_int(db, 0,
                          "SELECT id FROM loan_applications WHERE organisation_id = ? AND state IN "
                          "('draft', 'in_review', 'more_info', 'approved', 'guaranteed') LIMIT 1",
                          "i", org_id);
    if (open)
        return err_set(e, 409, "application_open", "organisation_id", "该合作社或示范基地已有一笔未办结的贷款申请（第 %lld 号）",
                       (long long)open);
    *household_id = o.legal_rep_household_id;
    return 0;
}

/* Checks the amount, term and kind of borrower against the product (product_id 0: the default),
   with a household's rating and loan record on today. 0, or -1 with 422 in e. */
static int product_check(struct db *db, const struct loan_input *in, int64_t product_id, enum borrower_kind kind,
                         int64_t household_id, struct date today, struct err *e)
{
    struct product p;
    struct borrower_record b = {0};
    return product_for_application(db, product_id, &p, e) != 0 ||
                   (kind == BK_HOUSEHOLD && rating_borrower_record(db, household_id, today, &b, e) != 0) ||
                   product_check_application(&p.terms, p.row.name, kind, &b, in->amount_fen, in->term_months, e) != 0
               ? -1
               : 0;
}

/* Checks the texts and figures of an application other than the product's. 0, or -1 with 422 in e. */
static int input_check(const struct loan_input *in, struct err *e)
{
    int pt = project_type_parse(in->project_type);
    if (pt < 0)
        return err_set(e, 422, "invalid_project_type", "project_type",
                       "项目类型应为 种植、养殖、林果苗木、加工、药材 或 商贸服务");
    if (text_check(in->project_name, 1, PROJECT_NAME_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_project_name", "project_name", "项目名称应为1到50个字");
    if (in->business_plan_md && text_check_multiline(in->business_plan_md, 0, 20000) != 0)
        return err_set(e, 422, "invalid_business_plan", "business_plan_md", "创业方案不能超过20000字");
    if (in->expected_jobs < 0 || in->expected_jobs > 10000)
        return err_set(e, 422, "invalid_jobs", "expected_jobs", "预计带动就业人数应在 0 到 10000 之间");
    if (in->expected_income_fen < 0 || in->expected_income_fen > 100000000000LL)
        return err_set(e, 422, "invalid_income", "expected_income_fen", "预计年收入无效");
    return 0;
}

/* The fields of an application an edit may change, as JSON for the audit log. */
static json_t *input_json(const struct loan_input *in)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:I, s:I, s:I}", "amount_fen", (json_int_t)in->amount_fen, "term_months",
                     (json_int_t)in->term_months, "project_type", in->project_type, "project_name", in->project_name,
                     "expected_jobs", (json_int_t)in->expected_jobs, "expected_income_fen",
                     (json_int_t)in->expected_income_fen, "product_id", (json_int_t)in->product_id);
}

int64_t loan_create(struct db *db, const struct user_ctx *actor, const struct loan_input *in, struct date today,
                    struct err *e)
{
    int pt = project_type_parse(in->project_type);
    if (in->household_id && in->organisation_id)
        return err_set(e, 422, "borrower_ambiguous", "organisation_id", "household_id 与 organisation_id 只能填写一个");
    if (input_check(in, e) != 0)
        return -1;
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int64_t household_id = in->household_id;
    enum borrower_kind kind = in->organisation_id ? BK_ORGANISATION : BK_HOUSEHOLD;
    if ((in->organisation_id ? org_eligible(db, actor, in->organisation_id, &household_id, e)
                             : eligible(db, actor, household_id, today, e)) != 0 ||
        product_check(db, in, in->product_id, kind, household_id, today, e) != 0) {
        db_rollback(db);
        return -1;
    }
    int64_t product_id = in->product_id ? in->product_id
                                        : db_int(db, 0, "SELECT id FROM loan_products WHERE is_default = 1", "");
    int ok = db_run(db,
                    "INSERT INTO loan_applications (household_id, amount_fen, term_months, project_type, project_name, "
                    "business_plan_md, expected_jobs, expected_income_fen, handler_id, product_id, organisation_id) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    "iiitttiiiiI", household_id, in->amount_fen, in->term_months, project_type_code(pt),
                    in->project_name, in->business_plan_md ? in->business_plan_md : "", in->expected_jobs,
                    in->expected_income_fen, actor->id, product_id, in->organisation_id) == SQLITE_DONE;
    int64_t id = ok ? sqlite3_last_insert_rowid(db->h) : -1;
    for (int d = 0; ok && d < LD__MAX; d++)
        ok = db_run(db, "INSERT INTO loan_documents (application_id, doc, received) VALUES (?, ?, 0)", "it", id,
                    loan_doc_code(d)) == SQLITE_DONE;
    json_t *after = json_pack("{s:I, s:I, s:I, s:s, s:s, s:I}", "household_id", (json_int_t)household_id, "amount_fen",
                              (json_int_t)in->amount_fen, "term_months", (json_int_t)in->term_months, "project_type",
                              project_type_code(pt), "project_name", in->project_name, "product_id",
                              (json_int_t)product_id);
    if (in->organisation_id)
        json_object_set_new(after, "organisation_id", json_integer(in->organisation_id));
    return audit_commit(db, ok, actor, "create", "loan_application", id, NULL, after, e) == 0 ? id : -1;
}

/* Reads the state of an application in the actor's scope inside a transaction already begun;
   returns the state or -1 with e filled (404/403). */
static int state_in_scope(struct db *db, const struct user_ctx *actor, int64_t id, struct err *e)
{
    sqlite3_stmt *st = db_prep(db, "SELECT a.state, in_scope(v.path, ?2) FROM loan_applications a "
                                   "JOIN households h ON h.id = a.household_id JOIN units v ON v.id = h.village_id "
                                   "WHERE a.id = ?1");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "it", id, actor->unit_path);
    int found = sqlite3_step(st) == SQLITE_ROW;
    int state = found ? loan_state_parse(db_text(st, 0)) : -1, in_scope = found && sqlite3_column_int(st, 1);
    db_done(st);
    if (!found)
        return err_set(e, 404, "not_found", NULL, "贷款申请不存在");
    if (!in_scope)
        return err_set(e, 403, "out_of_scope", NULL, "该申请不在您的管辖范围内");
    return state;
}

/* Begins a transaction and checks scope and that the action is allowed now. Returns the state,
   or -1 with the transaction rolled back and e filled (409 invalid_state). */
static int begin_action(struct db *db, const struct user_ctx *actor, int64_t id, enum loan_action a, struct err *e)
{
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int state = state_in_scope(db, actor, id, e);
    if (state >= 0 && !loan_action_allowed(a, (enum loan_state)state)) {
        err_set(e, 409, "invalid_state", NULL, "%s（当前状态：%s）", loan_action_refusal(a, (enum loan_state)state),
                loan_state_name((enum loan_state)state));
        state = -1;
    }
    if (state < 0)
        db_rollback(db);
    return state;
}

/* The fields of an application an edit may change, as they were (for the audit's before). */
#define LOAN_EDITABLE_ROW(X, _)                                                                                       \
    X("amount_fen", MONEY, amount_fen) _ X("term_months", INT64, term_months) _                                     \
        X("project_type", ENUM(int, project_type_parse), project_type) _                                           \
        X("project_name", TEXT(PROJECT_NAME_SIZE), project_name) _ X("expected_jobs", INT64, expected_jobs) _      \
        X("expected_income_fen", MONEY, expected_income_fen) _ X("product_id", INT64, product_id)
struct loan_editable {
    DB_ROW_FIELDS(LOAN_EDITABLE_ROW)
};
/* Reads a LOAN_EDITABLE_ROW. */
static DB_ROW_READER(loan_editable_read, LOAN_EDITABLE_ROW, struct loan_editable)

int loan_update(struct db *db, const struct user_ctx *actor, int64_t id, const struct loan_input *in, struct err *e)
{
    if (begin_action(db, actor, id, LA_EDIT, e) < 0) /* scope and state first: 403 before any 422 */
        return -1;
    int64_t product_id = in->product_id ? in->product_id
                                        : db_int(db, 0, "SELECT product_id FROM loan_applications WHERE id = ?", "i", id);
    enum borrower_kind kind =
        db_int(db, 0, "SELECT organisation_id IS NOT NULL FROM loan_applications WHERE id = ?", "i", id) ? BK_ORGANISATION
                                                                                                          : BK_HOUSEHOLD;
    int64_t household_id = db_int(db, 0, "SELECT household_id FROM loan_applications WHERE id = ?", "i", id);
    if (input_check(in, e) != 0 || product_check(db, in, product_id, kind, household_id, clock_today(), e) != 0) {
        db_rollback(db);
        return -1;
    }
    struct loan_input before = {0};
    struct loan_editable was = {0};
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(LOAN_EDITABLE_ROW) " FROM loan_applications WHERE id = ?");
    if (!st) {
        db_rollback(db);
        return db_fail(db, e);
    }
    db_bind(st, "i", id);
    int bad = sqlite3_step(st) == SQLITE_ROW && loan_editable_read(st, &was) != 0;
    db_done(st);
    if (bad) {
        db_rollback(db);
        return db_row_fail(e);
    }
    before.amount_fen = was.amount_fen;
    before.term_months = was.term_months;
    before.project_type = project_type_code(was.project_type);
    before.project_name = was.project_name;
    before.expected_jobs = was.expected_jobs;
    before.expected_income_fen = was.expected_income_fen;
    before.product_id = was.product_id;
    struct loan_input after = *in;
    after.product_id = product_id;
    int ok = db_run(db,
                    "UPDATE loan_applications SET amount_fen = ?, term_months = ?, project_type = ?, project_name = ?, "
                    "business_plan_md = ?, expected_jobs = ?, expected_income_fen = ?, product_id = ?, "
                    "updated_at = clock_now() WHERE id = ?",
                    "iitttiiii", in->amount_fen, in->term_months, in->project_type, in->project_name,
                    in->business_plan_md ? in->business_plan_md : "", in->expected_jobs, in->expected_income_fen,
                    product_id, id) == SQLITE_DONE;
    return audit_commit(db, ok, actor, "edit", "loan_application", id, input_json(&before), input_json(&after), e);
}

/* The received-documents bit set of an application. */
static unsigned documents_of(struct db *db, int64_t id)
{
    unsigned bits = 0;
    sqlite3_stmt *st = db_prep(db, "SELECT doc FROM loan_documents WHERE application_id = ? AND received = 1");
    if (!st)
        return 0;
    db_bind(st, "i", id);
    while (sqlite3_step(st) == SQLITE_ROW) {
        int d = loan_doc_parse(db_text(st, 0));
        if (d >= 0)
            bits |= 1u << d;
    }
    return db_end(st, 0, NULL) == 0 ? bits : 0; /* unread documents count as missing */
}

unsigned loan_required_documents(struct db *db, int64_t id)
{
    char codes[PRODUCT_LIST_SIZE] = "";
    unsigned bits = 0;
    sqlite3_stmt *st = db_prep(db, "SELECT p.documents FROM loan_applications a JOIN loan_products p ON p.id = a.product_id "
                                   "WHERE a.id = ?");
    if (!st)
        return (1u << LD__MAX) - 1;
    db_bind(st, "i", id);
    int bad = sqlite3_step(st) == SQLITE_ROW && db_copy(codes, sizeof codes, st, 0) != 0;
    db_done(st);
    return bad || product_codes_bits(codes, loan_doc_parse, &bits) != 0 ? (1u << LD__MAX) - 1 : bits;
}

/* A JSON object {doc: received} for the audit log. */
static json_t *documents_json(unsigned bits)
{
    json_t *o = json_object();
    for (int d = 0; d < LD__MAX; d++)
        json_object_set_new(o, loan_doc_code(d), json_boolean(bits & (1u << d)));
    return o;
}

/* Records each document in given as received or not (bits of received) inside the caller's
   transaction. Returns 1, or 0 on a database error. */
static int documents_write(struct db *db, int64_t id, unsigned given, unsigned received)
{
    int ok = 1;
    for (int d = 0; ok && d < LD__MAX; d++)
        if (given & (1u << d))
            ok = db_run(db, "UPDATE loan_documents SET received = ? WHERE application_id = ? AND doc = ?", "dit",
                        (received & (1u << d)) ? 1 : 0, id, loan_doc_code(d)) == SQLITE_DONE;
    return ok;
}

int loan_set_documents(struct db *db, const struct user_ctx *actor, int64_t id, unsigned given, unsigned received,
                       struct err *e)
{
    if (begin_action(db, actor, id, LA_EDIT_DOCUMENTS, e) < 0)
        return -1;
    unsigned before = documents_of(db, id);
    int ok = documents_write(db, id, given, received);
    ok = ok && db_run(db, "UPDATE loan_applications SET updated_at = clock_now() WHERE id = ?", "i", id) == SQLITE_DONE;
    return audit_commit(db, ok, actor, "documents", "loan_application", id, documents_json(before), documents_json(documents_of(db, id)), e);
}

int loan_set_requested(struct db *db, const struct user_ctx *actor, int64_t id, int64_t requested_id, int received,
                       struct err *e)
{
    if (begin_action(db, actor, id, LA_EDIT_DOCUMENTS, e) < 0)
        return -1;
    if (received != 0 && received != 1) {
        db_rollback(db);
        return err_set(e, 422, "invalid_received", "received", "请给出 received（true 或 false）");
    }
    int ok = db_run(db, "UPDATE loan_requested_documents SET received = ? WHERE id = ? AND application_id = ?", "dii",
                    received ? 1 : 0, requested_id, id) == SQLITE_DONE;
    if (ok && sqlite3_changes(db->h) == 0) {
        db_rollback(db);
        return err_set(e, 404, "not_found", "requested_documents", "没有这项要求补充的材料");
    }
    return audit_commit(db, ok, actor, "requested_document", "loan_application", id, NULL,
                        json_pack("{s:I, s:b}", "id", (json_int_t)requested_id, "received", received), e);
}

int loan_set_backup(struct db *db, const struct user_ctx *actor, int64_t id, int64_t user_id, struct err *e)
{
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    if (state_in_scope(db, actor, id, e) < 0) {
        db_rollback(db);
        return -1;
    }
    if (user_id && db_int(db, 0,
                          "SELECT 1 FROM users u JOIN units n ON n.id = u.unit_id WHERE u.id = ?1 AND u.active = 1 "
                          "AND u.role = 'association' AND in_scope(n.path, ?2)",
                          "it", user_id, actor->unit_path) != 1) {
        db_rollback(db);
        return err_set(e, 422, "invalid_backup_handler", "backup_handler_id", "B角应为本单位的协会工作人员");
    }
    int ok = db_run(db, "UPDATE loan_applications SET backup_handler_id = ?, updated_at = clock_now() WHERE id = ?",
                    "Ii", user_id, id) == SQLITE_DONE;
    return audit_commit(db, ok, actor, "backup_handler", "loan_application", id, NULL, json_pack("{s:I}", "backup_handler_id", (json_int_t)user_id),
                  e);
}

int loan_submit(struct db *db, const struct user_ctx *actor, int64_t id, unsigned given, unsigned received,
                struct date today, struct err *e)
{
    if (begin_action(db, actor, id, LA_SUBMIT, e) < 0)
        return -1;
    unsigned before = documents_of(db, id);
    if (!documents_write(db, id, given, received)) {
        db_rollback(db);
        return db_fail(db, e);
    }
    unsigned docs = documents_of(db, id), required = loan_required_documents(db, id);
    if ((docs & required) != required) {
        char list[512] = "";
        for (int d = 0; d < LD__MAX; d++)
            if ((required & ~docs) & (1u << d)) {
                strcat(list, *list ? "、" : "");
                strcat(list, loan_doc_name(d));
            }
        db_rollback(db);
        return err_set(e, 422, "missing_documents", "documents", "材料不齐，不能提交评审。缺少：%s", list);
    }
    int asked = loan_requested_missing(db, id);
    if (asked) {
        db_rollback(db);
        return err_set(e, 422, "missing_documents", "requested_documents",
                       "材料不齐，不能提交评审：评审部门要求补充的材料还有 %d 项未收到", asked);
    }
    if (review_round_departments(db, id) == 0) {
        db_rollback(db);
        return err_set(e, 409, "no_departments", NULL, "没有设置评审部门，请联系系统管理员");
    }
    struct date due = calendar_add_working_days(db, today, (int)db_param_int(db, "review_working_days", 10));
    char on[11], due_s[11];
    date_format(today, on);
    date_format(due, due_s);
    int ok = db_run(db,
                    "UPDATE loan_applications SET state = 'in_review', round = round + 1, submitted_on = ?, "
                    "review_due_on = ?, updated_at = clock_now() WHERE id = ?",
                    "tti", on, due_s, id) == SQLITE_DONE &&
             review_round_open(db, id, db_int(db, 0, "SELECT round FROM loan_applications WHERE id = ?", "i", id));
    return audit_commit(db, ok, actor, "submit", "loan_application", id, documents_json(before),
                        json_pack("{s:s, s:s, s:o}", "submitted_on", on, "review_due_on", due_s, "documents",
                                  documents_json(docs)),
                        e);
}

int loan_withdraw(struct db *db, const struct user_ctx *actor, int64_t id, const char *reason, struct err *e)
{
    if (text_check(reason, 1, LOAN_WITHDRAW_REASON_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_reason", "reason", "请写明撤回原因（%d字以内）", LOAN_WITHDRAW_REASON_MAX_CHARS);
    int state = begin_action(db, actor, id, LA_WITHDRAW, e);
    if (state < 0)
        return -1;
    int ok = db_run(db,
                    "UPDATE loan_applications SET state = 'withdrawn', withdrawn_reason = ?, "
                    "updated_at = clock_now() WHERE id = ?",
                    "ti", reason, id) == SQLITE_DONE;
    return audit_commit(db, ok, actor, "withdraw", "loan_application", id,
                        json_pack("{s:s}", "state", loan_state_code((enum loan_state)state)),
                        json_pack("{s:s, s:s}", "state", "withdrawn", "reason", reason), e);
}

int loan_review_check(const char *decision, const char *comment, const char *requested, struct err *e)
{
    int d = review_decision_parse(decision);
    if (d < 0)
        return err_set(e, 422, "invalid_decision", "decision", "请选择评审意见：同意（approve）、不同意（reject）或补充材料（more_info）");
    if (requested && *requested && d != RD_MORE_INFO)
        return err_set(e, 422, "requested_needs_more_info", "requested_documents", "只有要求补充材料时才能列出需补充的材料");
    if (text_check_multiline(comment, d == RD_APPROVE ? 0 : 1, COMMENT_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_comment", "comment",
                       d == RD_APPROVE ? "意见说明不能超过1000字" : "不同意或要求补充材料时，请写明理由（1000字以内）");
    return 0;
}

int loan_review(struct db *db, const struct user_ctx *actor, int64_t id, const char *decision, const char *comment,
                const char *requested, struct err *e)
{
    if (loan_review_check(decision, comment, requested, e) != 0)
        return -1;
    int d = review_decision_parse(decision);
    if (!actor->department_id)
        return err_set(e, 403, "no_department", NULL, "您的账号不属于任何评审部门");
    if (begin_action(db, actor, id, LA_REVIEW, e) < 0)
        return -1;
    int64_t round = db_int(db, 0, "SELECT round FROM loan_applications WHERE id = ?", "i", id);
    int next = review_round_opinion(db, actor, id, round, (enum review_decision)d, comment, e);
    if (next < 0 || loan_requested_add(db, id, (int)round, actor->department_id, actor->id, requested, e) < 0) {
        db_rollback(db);
        return -1;
    }
    int ok = next == LS_IN_REVIEW ||
             db_run(db, "UPDATE loan_applications SET state = ?, decided_on = clock_today(), updated_at = clock_now() "
                        "WHERE id = ?",
                    "ti", loan_state_code((enum loan_state)next), id) == SQLITE_DONE;
    json_t *after = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "round", (json_int_t)round, "department",
                              actor->department_name, "decision", review_decision_code(d), "comment",
                              comment ? comment : "", "requested_documents", requested ? requested : "", "state",
                              loan_state_code((enum loan_state)next));
    return audit_commit(db, ok, actor, "review", "loan_application", id, NULL, after, e);
}

/* ---- reads ------------------------------------------------------------------------------ */

void loan_app_free(struct loan_app *a)
{
    free(a->business_plan_md);
    a->business_plan_md = NULL;
}

int loan_get(struct db *db, const struct user_ctx *actor, int64_t id, struct loan_app *a, struct err *e)
{
    sqlite3_stmt *st = db_prep(
        db, "SELECT " DB_ROW_COLUMNS(LOAN_APP_ROW) ", in_scope(v.path, ?2) "
            "FROM loan_applications a JOIN households h ON h.id = a.household_id "
            "JOIN members hm ON hm.household_id = h.id AND hm.is_head = 1 JOIN units v ON v.id = h.village_id "
            "JOIN units t ON t.id = v.parent_id JOIN users hu ON hu.id = a.handler_id "
            "LEFT JOIN users bu ON bu.id = a.backup_handler_id " BORROWER_JOIN
            "JOIN loan_products p ON p.id = a.product_id WHERE a.id = ?1");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "it", id, actor->unit_path);
    memset(a, 0, sizeof *a);
    int found = sqlite3_step(st) == SQLITE_ROW, in_scope = found && sqlite3_column_int(st, DB_ROW_NCOLS(LOAN_APP_ROW));
    int bad = found && in_scope && loan_app_read(st, a) != 0;
    db_done(st);
    if (bad) {
        loan_app_free(a);
        return db_row_fail(e);
    }
    if (!found)
        return err_set(e, 404, "not_found", NULL, "贷款申请不存在");
    if (!in_scope)
        return err_set(e, 403, "out_of_scope", NULL, "该申请不在您的管辖范围内");
    a->documents = documents_of(db, id);
    a->required = loan_required_documents(db, id);
    if (loan_requested_load(db, a->id, a->requested, &a->nrequested) != 0)
        return db_fail(db, e);
    /* every round's opinions, and for the current round the departments still to speak */
    st = db_prep(db, "SELECT " DB_ROW_COLUMNS(LOAN_REVIEW_ROW) " FROM loan_round_departments rd "
                     "JOIN departments d ON d.id = rd.department_id LEFT JOIN loan_reviews r ON "
                     "r.application_id = rd.application_id AND r.round = rd.round AND r.department_id = rd.department_id "
                     "LEFT JOIN users u ON u.id = r.reviewer_id WHERE rd.application_id = ? "
                     "ORDER BY rd.round DESC, d.sort, d.id");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "i", id);
    while (!bad && sqlite3_step(st) == SQLITE_ROW && a->nreviews < LOAN_MAX_REVIEWS)
        bad = loan_review_read(st, &a->reviews[a->nreviews++]) != 0;
    if (db_end(st, bad ? db_row_fail(e) : 0, e) != 0) {
        loan_app_free(a);
        return -1;
    }
    return 0;
}

int loan_review_late(const struct loan_app *a, struct date today)
{
    struct date due;
    return a->state == LS_IN_REVIEW && date_parse(a->review_due_on, &due) == 0 && date_cmp(today, due) > 0;
}

json_t *loan_json(const struct loan_app *a, struct date today)
{
    json_t *missing = json_array(), *docs = json_object(), *reviews = json_array();
    for (int d = 0; d < LD__MAX; d++) {
        json_object_set_new(docs, loan_doc_code(d), json_boolean(a->documents & (1u << d)));
        if ((a->required & ~a->documents) & (1u << d))
            json_array_append_new(missing, json_string(loan_doc_code(d)));
    }
    for (int i = 0; i < a->nreviews; i++) {
        const struct loan_review_row *r = &a->reviews[i];
        json_array_append_new(reviews, json_pack("{s:i, s:I, s:s, s:o, s:s, s:s, s:s}", "round", r->round,
                                                 "department_id", (json_int_t)r->department_id, "department",
                                                 r->department, "decision",
                                                 *r->decision ? json_string(r->decision) : json_null(), "comment",
                                                 r->comment, "reviewer", r->reviewer, "at", r->at));
    }
    json_t *o = json_pack("{s:I, s:s, s:I, s:s, s:s, s:I, s:i, s:s, s:s, s:s, s:I, s:I, s:o, s:o, s:o, s:i}", "id",
                          (json_int_t)a->id, "state", loan_state_code(a->state), "household_id",
                          (json_int_t)a->household_id, "applicant", a->applicant, "village", a->village, "amount_fen",
                          (json_int_t)a->amount_fen, "term_months", a->term_months, "project_type",
                          project_type_code(a->project_type), "project_name", a->project_name, "business_plan_md",
                          a->business_plan_md ? a->business_plan_md : "", "expected_jobs",
                          (json_int_t)a->expected_jobs, "expected_income_fen", (json_int_t)a->expected_income_fen,
                          "documents", docs, "missing_documents", missing, "reviews", reviews, "round", a->round);
    json_object_set_new(o, "handler", json_pack("{s:I, s:s}", "id", (json_int_t)a->handler_id, "name", a->handler));
    json_object_set_new(o, "backup_handler", a->backup_handler_id ? json_pack("{s:I, s:s}", "id",
                                                                              (json_int_t)a->backup_handler_id, "name",
                                                                              a->backup_handler)
                                                                  : json_null());
    json_object_set_new(o, "submitted_on", *a->submitted_on ? json_string(a->submitted_on) : json_null());
    json_object_set_new(o, "review_due_on", *a->review_due_on ? json_string(a->review_due_on) : json_null());
    json_object_set_new(o, "review_late", json_boolean(loan_review_late(a, today)));
    json_t *asked = json_array();
    for (int i = 0; i < a->nrequested; i++)
        json_array_append_new(asked, json_pack("{s:I, s:s, s:s, s:i, s:b}", "id", (json_int_t)a->requested[i].id, "name",
                                               a->requested[i].name, "department", a->requested[i].department, "round",
                                               a->requested[i].round, "received", a->requested[i].received));
    json_object_set_new(o, "requested_documents", asked);
    json_object_set_new(o, "withdrawn_reason", *a->withdrawn_reason ? json_string(a->withdrawn_reason) : json_null());
    json_object_set_new(o, "product", json_pack("{s:I, s:s}", "id", (json_int_t)a->product_id, "name", a->product));
    json_object_set_new(o, "product_id", json_integer(a->product_id));
    json_object_set_new(o, "borrower_kind", json_string(borrower_kind_code(a->organisation_id ? BK_ORGANISATION : BK_HOUSEHOLD)));
    json_object_set_new(o, "organisation_id", a->organisation_id ? json_integer(a->organisation_id) : json_null());
    json_t *required = json_array();
    for (int d = 0; d < LD__MAX; d++)
        if (a->required & (1u << d))
            json_array_append_new(required, json_string(loan_doc_code(d)));
    json_object_set_new(o, "required_documents", required);
    return o;
}

/* The columns and joins every application list shares (fills a loan_row). */
#define LOAN_LIST_FROM                                                                                               \
    "SELECT " DB_ROW_COLUMNS(LOAN_LIST_ROW) " "                                                                    \
    "FROM loan_applications a JOIN households h ON h.id = a.household_id "                                           \
    "JOIN members hm ON hm.household_id = h.id AND hm.is_head = 1 JOIN units v ON v.id = h.village_id "             \
    "JOIN users u ON u.id = a.handler_id " BORROWER_JOIN
/* The count and the sum of the amounts. */
#define LOAN_COUNT_FROM                                                                                              \
    "SELECT count(*), coalesce(sum(a.amount_fen), 0) FROM loan_applications a JOIN households h ON "              \
    "h.id = a.household_id JOIN units v ON v.id = h.village_id "
/* The village (?9) and submission period (?10, ?11) every list and count also filters by; ?12 is the
   organisation (0 in every statement but the organisation's own). */
#define LOAN_MORE                                                                                                    \
    " AND (?9 = 0 OR h.village_id = ?9) AND (?10 IS NULL OR a.submitted_on >= ?10) "                              \
    "AND (?11 IS NULL OR a.submitted_on <= ?11) "
/* The lists' scope: the applicant household's village among the scope's units, read once from the units'
   path index (`scope_end`: the range form of in_scope), so that no application's village row is read to
   decide it; `+` keeps the planner from starting at the villages (it would then sort the whole scope). */
#define LOAN_SCOPE "+h.village_id IN (SELECT su.id FROM units su WHERE su.path >= ?1 AND su.path < scope_end(?1)) "

/* Keyset paging (keyset.h) of the lists newest first: the page starts below the cursor's id (?13; the first
   page below the largest id), so a page walks the primary key from its cursor; PREV reads up from the cursor
   to the row the page before starts after (limit rows up: ?6 is then the page's length). */
#define NEWEST_NEXT "AND a.id < ?13 ORDER BY a.id DESC LIMIT ?6 OFFSET ?7"
#define NEWEST_PREV "AND a.id >= ?13 ORDER BY a.id LIMIT 1 OFFSET ?6"
/* The same for the lists by a date key K (the review deadline) then the id (in DIR order; ID compares the
   id with the cursor's ?13 when K equals the cursor's ?14). */
#define BY_KEY_NEXT(K, ID, DIR)                                                                                      \
    "AND (" K " > ?14 OR (" K " = ?14 AND a.id " ID " ?13)) ORDER BY " K ", a.id " DIR " LIMIT ?6 OFFSET ?7"
#define BY_KEY_PREV(K, ID, DIR)                                                                                      \
    "AND (" K " < ?14 OR (" K " = ?14 AND a.id " ID " ?13)) ORDER BY " K " DESC, a.id " DIR " LIMIT 1 OFFSET ?6"
/* The review queues' key: the deadline (queue of a department), or for one state the deadline only when the
   list is the late one (?3), else nothing (the state's list is newest first). */
#define QUEUE_KEY "coalesce(a.review_due_on, '')"
#define STATE_KEY "coalesce(CASE WHEN ?3 THEN a.review_due_on END, '')"

/* The conditions of each list (see list_sql) before its keyset and order. */
#define LIST_ALL                                                                                                     \
    "WHERE " LOAN_SCOPE "AND (?2 IS NULL OR a.state = ?2) "                                                         \
    "AND (?3 = 0 OR (a.state = 'in_review' AND a.review_due_on < ?4)) AND ?5 = 0 AND ?12 = 0" LOAN_MORE
#define LIST_QUEUE                                                                                                   \
    "JOIN loan_round_departments rd ON rd.application_id = a.id "                                                   \
    "AND rd.round = a.round AND rd.department_id = ?5 WHERE " LOAN_SCOPE                                             \
    "AND a.state = 'in_review' AND (?2 IS NULL OR a.state = ?2) AND (?3 = 0 OR a.review_due_on < ?4) "             \
    "AND NOT EXISTS (SELECT 1 FROM loan_reviews r WHERE r.application_id = a.id AND r.round = a.round "              \
    "AND r.department_id = ?5) AND ?8 = 0 AND ?12 = 0" LOAN_MORE
#define LIST_HOUSEHOLD                                                                                               \
    "WHERE a.household_id = ?8 AND a.organisation_id IS NULL AND " LOAN_SCOPE                                      \
    "AND (?2 IS NULL OR a.state = ?2) AND ?12 = 0" LOAN_MORE
#define LIST_STATE                                                                                                   \
    "WHERE a.state = ?2 AND (?3 = 0 OR a.review_due_on < ?4) AND " LOAN_SCOPE "AND ?5 = 0 AND ?12 = 0" LOAN_MORE
#define LIST_ORGANISATION "WHERE a.organisation_id = ?12 AND " LOAN_SCOPE "AND (?2 IS NULL OR a.state = ?2)" LOAN_MORE

static const char *const list_sql[5] = {
    /* all applications in scope, filtered by state and lateness, newest first: walked down the primary key from
       the cursor and stopped at the page (a late-only filter comes here only with a state other than in review,
       which nothing matches; the late list itself is statement 3) */
    LOAN_LIST_FROM LIST_ALL NEWEST_NEXT,
    /* the queue of one department: in review, its opinion missing this round, oldest deadline first */
    LOAN_LIST_FROM LIST_QUEUE BY_KEY_NEXT(QUEUE_KEY, ">", "ASC"),
    /* one household's applications (its page), by the household index */
    LOAN_LIST_FROM LIST_HOUSEHOLD NEWEST_NEXT,
    /* one state (the work queues), by the state index rather than every application; the late ones oldest
       deadline first */
    LOAN_LIST_FROM LIST_STATE BY_KEY_NEXT(STATE_KEY, "<", "DESC"),
    /* one organisation's applications (its page) */
    LOAN_LIST_FROM LIST_ORGANISATION NEWEST_NEXT,
};
/* The row the page before a keyset page starts after, for each of list_sql (the same parameters). */
#define LOAN_PREV_FROM                                                                                               \
    "SELECT a.id, " QUEUE_KEY ", " STATE_KEY " FROM loan_applications a JOIN households h ON h.id = a.household_id "
static const char *const prev_sql[5] = {
    LOAN_PREV_FROM LIST_ALL NEWEST_PREV,
    LOAN_PREV_FROM LIST_QUEUE BY_KEY_PREV(QUEUE_KEY, "<=", "DESC"),
    LOAN_PREV_FROM LIST_HOUSEHOLD NEWEST_PREV,
    LOAN_PREV_FROM LIST_STATE BY_KEY_PREV(STATE_KEY, ">=", "ASC"),
    LOAN_PREV_FROM LIST_ORGANISATION NEWEST_PREV,
};
static const char *const count_sql[5] = {
    LOAN_COUNT_FROM "WHERE in_scope(v.path, ?1) AND (?2 IS NULL OR a.state = ?2) "
    "AND (?3 = 0 OR (a.state = 'in_review' AND a.review_due_on < ?4)) AND ?5 = 0 AND ?6 = 0 AND ?12 = 0" LOAN_MORE,
    LOAN_COUNT_FROM "JOIN loan_round_departments rd ON rd.application_id = a.id "
    "AND rd.round = a.round AND rd.department_id = ?5 WHERE in_scope(v.path, ?1) "
    "AND a.state = 'in_review' AND (?2 IS NULL OR a.state = ?2) AND (?3 = 0 OR a.review_due_on < ?4) "
    "AND NOT EXISTS (SELECT 1 FROM loan_reviews r WHERE r.application_id = a.id AND r.round = a.round "
    "AND r.department_id = ?5) AND ?6 = 0 AND ?12 = 0" LOAN_MORE,
    LOAN_COUNT_FROM "WHERE a.household_id = ?6 AND a.organisation_id IS NULL AND in_scope(v.path, ?1) "
    "AND (?2 IS NULL OR a.state = ?2) AND ?12 = 0" LOAN_MORE,
    LOAN_COUNT_FROM "WHERE a.state = ?2 AND (?3 = 0 OR a.review_due_on < ?4) AND in_scope(v.path, ?1) "
    "AND ?5 = 0 AND ?6 = 0 AND ?12 = 0" LOAN_MORE,
    LOAN_COUNT_FROM "WHERE a.organisation_id = ?12 AND in_scope(v.path, ?1) AND (?2 IS NULL OR a.state = ?2)" LOAN_MORE,
};

/* The count and sum of count_sql[0] and [3] without the late-only filter, from the figures kept by village,
   state and day submitted (loan_application_figures, migration 096): the same parameters. */
static const char *const count_kept_sql =
    "SELECT coalesce(sum(f.applications), 0), coalesce(sum(f.amount_fen), 0) FROM units v "
    "JOIN loan_application_figures f ON f.village_id = v.id WHERE in_scope(v.path, ?1) AND (?2 IS NULL OR f.state = ?2) "
    "AND (?9 = 0 OR f.village_id = ?9) AND (?10 IS NULL OR f.submitted_on >= ?10) "
    "AND (?11 IS NULL OR (f.submitted_on <> '' AND f.submitted_on <= ?11)) AND ?12 = 0";

/* Which statement answers the filter (see list_sql); a late-only filter is the in-review state's. */
static int loan_list_query(const struct loan_filter *f, const char **state)
{
    if (f->organisation_id)
        return 4;
    if (f->household_id)
        return 2;
    if (f->department)
        return 1;
    if (f->late_only && (!*state || strcmp(*state, "in_review") == 0)) {
        *state = "in_review";
        return 3;
    }
    return *state && !f->late_only ? 3 : 0;
}

int loan_list_totals(struct db *db, const struct user_ctx *actor, const struct loan_filter *f, struct date today,
                     int64_t *count, int64_t *amount_fen, struct err *e)
{
    char today_s[11], from[11], to[11];
    date_format(today, today_s);
    const char *state = f->state >= 0 ? loan_state_code((enum loan_state)f->state) : NULL;
    int q = loan_list_query(f, &state);
    sqlite3_stmt *st = db_prep(db, (q == 0 || q == 3) && !f->late_only ? count_kept_sql : count_sql[q]);
    if (!st)
        return db_fail(db, e);
    db_bind(st, "ttitiinnitti", actor->unit_path, state, (int64_t)f->late_only, today_s, f->department,
            f->household_id, f->village_id, f->from.y ? date_format(f->from, from) : NULL,
            f->to.y ? date_format(f->to, to) : NULL, f->organisation_id);
    int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : -1;
    *count = rc ? 0 : sqlite3_column_int64(st, 0);
    *amount_fen = rc ? 0 : sqlite3_column_int64(st, 1);
    db_done(st);
    return rc ? db_fail(db, e) : 0;
}

/* Binds a list or previous-page statement's parameters: the filter's, the page's length and offset, and
   where the page starts (?13 the id, ?14 the key of the cursor; the first page: before every row). */
static void loan_list_bind(sqlite3_stmt *st, const struct user_ctx *actor, const struct loan_filter *f, int q,
                           const char *state, const char *today, int limit, int offset)
{
    char from[11], to[11];
    const struct keyset *k = f->page;
    int after = k && k->after;
    db_bind(st, "ttitiddiittiit", actor->unit_path, state, (int64_t)f->late_only, today, f->department, limit,
            offset, f->household_id, f->village_id, f->from.y ? date_format(f->from, from) : NULL,
            f->to.y ? date_format(f->to, to) : NULL, f->organisation_id,
            after ? k->id : q == 1 ? (int64_t)0 : INT64_MAX, after ? k->k1 : "");
}

/* Finds where the page before a keyset page starts (keyset.h). 0, or -1. */
static int loan_list_prev(struct db *db, const struct user_ctx *actor, const struct loan_filter *f, int q,
                          const char *state, const char *today)
{
    if (!f->page->after)
        return keyset_prev(f->page, 0, "", "", 0);
    sqlite3_stmt *st = db_prep(db, prev_sql[q]);
    if (!st)
        return -1;
    loan_list_bind(st, actor, f, q, state, today, f->page->limit, 0);
    int rc = sqlite3_step(st);
    int out = rc == SQLITE_ROW ? keyset_prev(f->page, 1, (const char *)sqlite3_column_text(st, q == 1 ? 1 : 2), "",
                                             sqlite3_column_int64(st, 0))
              : rc == SQLITE_DONE ? keyset_prev(f->page, 0, "", "", 0) : -1;
    db_done(st);
    return out;
}

int64_t loan_list(struct db *db, const struct user_ctx *actor, const struct loan_filter *f, struct date today,
                  void (*fn)(const struct loan_row *, void *), void *ctx, struct err *e)
{
    char today_s[11];
    date_format(today, today_s);
    const char *state = f->state >= 0 ? loan_state_code((enum loan_state)f->state) : NULL;
    int q = loan_list_query(f, &state);
    int64_t total = 0, amount = 0;
    if (loan_list_totals(db, actor, f, today, &total, &amount, e) != 0)
        return -1;
    sqlite3_stmt *st = db_prep(db, list_sql[q]);
    if (!st)
        return db_fail(db, e);
    struct keyset *k = f->page;
    loan_list_bind(st, actor, f, q, state, today_s, k ? k->limit + 1 : f->limit, k ? k->offset : f->offset);
    int bad = 0;
    while (!bad && sqlite3_step(st) == SQLITE_ROW) {
        struct loan_row r = {0};
        int on_page = 1;
        bad = loan_row_read(st, &r) != 0;
        /* the cursor's key: the deadline in the lists ordered by it (keyset_row: -1 cannot happen, a date fits) */
        if (!bad && k)
            bad = (on_page = keyset_row(k, q == 1 || (q == 3 && f->late_only) ? r.review_due_on : "", "", r.id)) < 0;
        if (!bad && on_page)
            fn(&r, ctx);
    }
    if (db_end(st, bad ? db_row_fail(e) : 0, e) != 0)
        return -1;
    if (k && loan_list_prev(db, actor, f, q, state, today_s) != 0)
        return db_fail(db, e);
    return total;
}
