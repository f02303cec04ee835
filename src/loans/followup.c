/* followup.c: follow-up visits and the programme's outcomes (see followup.h). */
#include "followup.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "db_row.h"
#include "text.h"

/* The loan a visit is added to: whether it is in the scope ?2, and its disbursement day. */
#define FOLLOWUP_LOAN_ROW(X, _) X("in_scope(v.path, ?2)", INT, in_scope) _ X("l.disbursed_on", DATE, disbursed)
struct followup_loan {
    DB_ROW_FIELDS(FOLLOWUP_LOAN_ROW)
};
/* Reads a FOLLOWUP_LOAN_ROW. */
static DB_ROW_READER(followup_loan_read, FOLLOWUP_LOAN_ROW, struct followup_loan)

/* A visit's columns (f), its author's name (u). */
#define FOLLOWUP_ROW(X, _)                                                                                            \
    X("f.id", INT64, id) _ X("f.visited_on", DATE, visited_on) _ X("f.jobs_created", INT64, jobs) _                \
        X("f.income_fen", MONEY, income_fen) _ X("f.note", TEXT(LONG_TEXT_SIZE), note) _                            \
        X("coalesce(u.name, '')", TEXT(NAME_SIZE), by)
/* Reads a FOLLOWUP_ROW. */
static DB_ROW_READER(followup_row_read, FOLLOWUP_ROW, struct followup_row)

/* An outcome group's columns. */
#define OUTCOME_ROW(X, _)                                                                                             \
    X("a.project_type", TEXT(16), project_type) _ X("v.name", TEXT(NAME_SIZE), village) _                          \
        X("count(*)", INT64, loans) _ X("count(f.id)", INT64, visited) _                                            \
        X("coalesce(sum(f.jobs_created), 0)", INT64, jobs) _ X("coalesce(sum(f.income_fen), 0)", MONEY, income_fen) _ \
        X("sum(l.principal_fen)", MONEY, principal_fen)
/* Reads an OUTCOME_ROW. */
static DB_ROW_READER(outcome_row_read, OUTCOME_ROW, struct outcome_row)

int64_t followup_add(struct db *db, const struct user_ctx *actor, int64_t loan_id, const char *visited_on,
                     int64_t jobs, int64_t income_fen, const char *note, struct date today, struct err *e)
{
    struct date d;
    if (!visited_on || date_parse(visited_on, &d) != 0 || date_cmp(d, today) > 0)
        return err_set(e, 422, "invalid_date", "visited_on", "回访日期应为有效日期，且不晚于今天");
    if (jobs < 0 || jobs > 10000)
        return err_set(e, 422, "invalid_jobs", "jobs_created", "带动就业人数应为 0 到 10000");
    if (income_fen < 0 || income_fen > 100000000000LL)
        return err_set(e, 422, "invalid_income", "income_fen", "收入金额不正确");
    if (note && text_check(note, 0, LONG_TEXT_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_note", "note", "回访情况不能超过500字");
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(FOLLOWUP_LOAN_ROW) " FROM loans l "
                                   "JOIN units v ON v.id = l.village_id WHERE l.id = ?1");
    int found = 0, bad = 0;
    struct followup_loan loan = {0};
    if (st) {
        db_bind(st, "it", loan_id, actor->unit_path);
        found = sqlite3_step(st) == SQLITE_ROW;
        bad = found && followup_loan_read(st, &loan) != 0;
        db_done(st);
    }
    int rc = bad         ? db_row_fail(e)
             : !found    ? err_set(e, 404, "not_found", NULL, "贷款不存在")
             : !loan.in_scope ? err_set(e, 403, "out_of_scope", NULL, "该贷款不在您的管辖范围内")
             : strcmp(visited_on, loan.disbursed) < 0
                 ? err_set(e, 422, "invalid_date", "visited_on", "回访日期不能早于放款日期 %s", loan.disbursed)
                 : 0;
    int64_t id = -1;
    if (rc == 0 && db_run(db, "INSERT INTO loan_followups (loan_id, visited_on, jobs_created, income_fen, note, "
                              "created_by) VALUES (?, ?, ?, ?, ?, ?)",
                          "itiiti", loan_id, visited_on, jobs, income_fen, note ? note : "", actor->id) == SQLITE_DONE)
        id = sqlite3_last_insert_rowid(db->h);
    if (rc != 0) {
        db_rollback(db);
        return -1;
    }
    json_t *after = json_pack("{s:I, s:s, s:I, s:I}", "loan_id", (json_int_t)loan_id, "visited_on", visited_on,
                              "jobs_created", (json_int_t)jobs, "income_fen", (json_int_t)income_fen);
    return audit_commit(db, id > 0, actor, "create", "loan_followup", id, NULL, after, e) == 0 ? id : -1;
}

int followup_list(struct db *db, int64_t loan_id, void (*fn)(const struct followup_row *, void *), void *ctx)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(FOLLOWUP_ROW) " FROM loan_followups f LEFT JOIN users u ON u.id = f.created_by WHERE f.loan_id = ? "
                                   "ORDER BY f.visited_on DESC, f.id DESC");
    if (!st)
        return -1;
    db_bind(st, "i", loan_id);
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct followup_row x = {0};
        if (followup_row_read(st, &x) != 0) {
            n = -1;
            break;
        }
        fn(&x, ctx);
        n++;
    }
    return db_end(st, n, NULL);
}

int followup_outcomes(struct db *db, const struct user_ctx *actor, const char *from, const char *to,
                      void (*fn)(const struct outcome_row *, void *), void *ctx)
{
    sqlite3_stmt *st = db_prep(
        db, "SELECT " DB_ROW_COLUMNS(OUTCOME_ROW) " FROM loans l "
            "JOIN loan_applications a ON a.id = l.application_id JOIN units v ON v.id = l.village_id "
            "LEFT JOIN loan_followups f ON f.id = (SELECT x.id FROM loan_followups x WHERE x.loan_id = l.id "
            "AND (?2 IS NULL OR x.visited_on >= ?2) AND (?3 IS NULL OR x.visited_on <= ?3) "
            "ORDER BY x.visited_on DESC, x.id DESC LIMIT 1) "
            "WHERE in_scope(v.path, ?1) GROUP BY a.project_type, v.name ORDER BY a.project_type, v.name");
    if (!st)
        return -1;
    db_bind(st, "ttt", actor->unit_path, from && *from ? from : NULL, to && *to ? to : NULL);
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct outcome_row x = {0};
        if (outcome_row_read(st, &x) != 0) {
            n = -1;
            break;
        }
        fn(&x, ctx);
        n++;
    }
    return db_end(st, n, NULL);
}

int followup_first_day(struct db *db, const struct user_ctx *actor, struct date *out)
{
    return date_from_number(db_int(db, 0, "SELECT CAST(replace(min(f.visited_on), '-', '') AS INTEGER) FROM loan_followups f "
                                          "JOIN loans l ON l.id = f.loan_id JOIN units v ON v.id = l.village_id "
                                          "WHERE in_scope(v.path, ?)",
                                   "t", actor->unit_path),
                            out);
}
