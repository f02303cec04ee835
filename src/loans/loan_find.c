/* loan_find.c: loans for the staff search box (see loan_find.h). */
#include "loan_find.h"

static DB_ROW_READER(loan_hit_read, LOAN_HIT_ROW, struct loan_hit)

int loan_find(struct db *db, const struct user_ctx *actor, const char *q, void (*fn)(const struct loan_hit *, void *),
              void *ctx)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(LOAN_HIT_ROW)
                                   " FROM loan_applications a JOIN households h ON h.id = a.household_id "
                                   "JOIN members hm ON hm.household_id = h.id AND hm.is_head = 1 "
                                   "JOIN units v ON v.id = h.village_id LEFT JOIN loans l ON l.application_id = a.id " BORROWER_JOIN
                                   "WHERE in_scope(v.path, ?2) AND (person_matches(?1, hm.name, hm.id_number, hm.phone) "
                                   "OR instr(o.name, ?1) > 0 OR o.credit_code = upper(?1) "
                                   "OR instr(l.contract_no, ?1) > 0 "
                                   "OR EXISTS (SELECT 1 FROM repayments p WHERE p.loan_id = l.id AND p.receipt_no = ?1)) "
                                   "ORDER BY a.id DESC LIMIT ?3");
    if (!st)
        return -1;
    db_bind(st, "ttd", q, actor->unit_path, FIND_LIMIT);
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct loan_hit h = {0};
        if (loan_hit_read(st, &h) != 0)
            break;
        fn(&h, ctx);
        n++;
    }
    db_done(st);
    return rc == SQLITE_DONE ? n : -1;
}
