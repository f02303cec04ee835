/* settlement_no.c: 结清证明 numbers (see settlement_no.h). */
#include "settlement_no.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "db_row.h"
#include "docno.h"
#include "unit.h"

/* The loan a number is asked for: its state and number ("" when none yet), its village and
   whether that is in the scope ?2. */
#define SETTLED_LOAN_ROW(X, _)                                                                                       \
    X("l.state", TEXT(16), state) _ X("coalesce(l.settlement_no, '')", TEXT(DOCNO_SIZE), number) _                 \
        X("h.village_id", INT64, village) _ X("in_scope(v.path, ?2)", INT, in_scope)
struct settled_loan {
    DB_ROW_FIELDS(SETTLED_LOAN_ROW)
};
/* Reads a SETTLED_LOAN_ROW. */
static DB_ROW_READER(settled_loan_read, SETTLED_LOAN_ROW, struct settled_loan)

int settlement_no(struct db *db, const struct user_ctx *actor, int64_t loan_id, struct date today, char *out, size_t n,
                  struct err *e)
{
    if (db_begin(db) != 0)
        return db_fail(db, e);
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(SETTLED_LOAN_ROW) " FROM loans l "
                                   "JOIN loan_applications a ON a.id = l.application_id "
                                   "JOIN households h ON h.id = a.household_id JOIN units v ON v.id = h.village_id "
                                   "WHERE l.id = ?1");
    if (!st) {
        db_rollback(db);
        return db_fail(db, e);
    }
    db_bind(st, "it", loan_id, actor->unit_path);
    struct settled_loan loan = {0};
    int found = sqlite3_step(st) == SQLITE_ROW, bad = found && settled_loan_read(st, &loan) != 0;
    db_done(st);
    int rc = bad                              ? db_row_fail(e)
             : !found                         ? err_set(e, 404, "not_found", NULL, "贷款不存在")
             : !loan.in_scope                 ? err_set(e, 403, "out_of_scope", NULL, "该贷款不在您的管辖范围内")
             : strcmp(loan.state, "settled")  ? err_set(e, 409, "not_settled", NULL, "该贷款尚未结清")
             : (size_t)snprintf(out, n, "%s", loan.number) >= n ? err_set(e, 500, "docno_too_long", NULL, "文书编号过长")
                                                                : 0;
    if (rc != 0 || *loan.number) {
        db_rollback(db);
        return rc;
    }
    struct unit township;
    char short_name[64];
    if (unit_get(db, unit_township_of(db, loan.village), &township) != 0) {
        db_rollback(db);
        return err_set(e, 500, "no_township", NULL, "找不到该贷款所属的镇");
    }
    unit_short_name(township.name, short_name, sizeof short_name);
    if (docno_next(db, township.id, DOCNO_SETTLEMENT, today.y, short_name, out, n, e) < 0) {
        db_rollback(db);
        return -1;
    }
    int ok = db_run(db, "UPDATE loans SET settlement_no = ? WHERE id = ? AND settlement_no IS NULL", "ti", out,
                    loan_id) == SQLITE_DONE;
    return audit_commit(db, ok, actor, "settlement_no", "loan", loan_id, NULL, json_pack("{s:s}", "settlement_no", out),
                        e);
}
