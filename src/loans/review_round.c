/* review_round.c: a joint review round of the departments (see review_round.h). */
#include "review_round.h"

#include "product.h"

int64_t review_round_departments(struct db *db, int64_t application_id)
{
    return db_int(db, 0,
                  "SELECT count(*) FROM departments d JOIN loan_applications a ON a.id = ? "
                  "JOIN loan_products p ON p.id = a.product_id WHERE d.active = 1 AND "
                  PRODUCT_DEPARTMENTS_MATCH("d.id", "p.departments"),
                  "i", application_id);
}

int review_round_open(struct db *db, int64_t application_id, int64_t round)
{
    return db_run(db,
                  "INSERT INTO loan_round_departments (application_id, round, department_id) "
                  "SELECT a.id, ?, d.id FROM loan_applications a JOIN loan_products p ON p.id = a.product_id "
                  "JOIN departments d WHERE a.id = ? AND d.active = 1 AND "
                  PRODUCT_DEPARTMENTS_MATCH("d.id", "p.departments"),
                  "ii", round, application_id) == SQLITE_DONE;
}

int review_round_opinion(struct db *db, const struct user_ctx *actor, int64_t application_id, int64_t round,
                         enum review_decision d, const char *comment, struct err *e)
{
    if (!actor->department_id)
        return err_set(e, 403, "no_department", NULL, "您的账号不属于任何评审部门");
    if (db_int(db, 0, "SELECT 1 FROM loan_round_departments WHERE application_id = ? AND round = ? AND department_id = ?",
               "iii", application_id, round, actor->department_id) != 1)
        return err_set(e, 403, "department_not_reviewing", NULL, "您的部门不参加本轮评审");
    if (db_int(db, 0, "SELECT 1 FROM loan_reviews WHERE application_id = ? AND round = ? AND department_id = ?", "iii",
               application_id, round, actor->department_id) == 1)
        return err_set(e, 409, "already_reviewed", NULL, "本部门在本轮已经提出意见，不能重复提交");
    if (db_run(db,
               "INSERT INTO loan_reviews (application_id, round, department_id, reviewer_id, decision, comment) "
               "VALUES (?, ?, ?, ?, ?, ?)",
               "iiiitt", application_id, round, actor->department_id, actor->id, review_decision_code(d),
               comment ? comment : "") != SQLITE_DONE)
        return db_fail(db, e);
    enum review_decision got[REVIEW_ROUND_MAX_OPINIONS];
    int n = 0, rc = SQLITE_ERROR;
    sqlite3_stmt *st = db_prep(db, "SELECT decision FROM loan_reviews WHERE application_id = ? AND round = ?");
    if (st) {
        db_bind(st, "ii", application_id, round);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < REVIEW_ROUND_MAX_OPINIONS)
            got[n++] = (enum review_decision)review_decision_parse(db_text(st, 0));
        db_done(st);
    }
    if (rc != SQLITE_DONE)
        return rc == SQLITE_ROW ? err_set(e, 500, "too_many_reviews", NULL, "本轮评审意见超过 %d 条", REVIEW_ROUND_MAX_OPINIONS)
                                : db_fail(db, e);
    int required = (int)db_int(db, 0, "SELECT count(*) FROM loan_round_departments WHERE application_id = ? AND round = ?",
                               "ii", application_id, round);
    return (int)loan_round_outcome(got, n, required);
}
