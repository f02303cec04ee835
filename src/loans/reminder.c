/* reminder.c: the loans to remind and their letter figures (see reminder.h). */
#include "reminder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

/* Reads the ids of the loans to remind into *ids (malloc'd). Returns the count or -1. */
static int loan_ids(struct db *db, const struct user_ctx *actor, int64_t village_id, const char *to, int64_t **ids)
{
    sqlite3_stmt *st = db_prep(
        db, "SELECT l.id FROM loans l JOIN units v ON v.id = l.village_id WHERE l.state = 'active' "
            "AND in_scope(v.path, ?1) AND (?2 = 0 OR l.village_id = ?2) AND EXISTS (SELECT 1 FROM loan_schedule s "
            "WHERE s.loan_id = l.id AND s.settled = 0 AND (s.paid_principal_fen < s.principal_fen "
            "OR s.paid_interest_fen < s.interest_fen) AND s.due_on <= ?3) ORDER BY v.name, l.contract_no, l.id");
    if (!st)
        return -1;
    db_bind(st, "tit", actor->unit_path, village_id, to);
    int n = 0, cap = 0, rc;
    *ids = NULL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            int64_t *p = realloc(*ids, sizeof *p * (size_t)(cap = cap ? 2 * cap : 64));
            if (!p) {
                rc = SQLITE_NOMEM;
                break;
            }
            *ids = p;
        }
        (*ids)[n++] = sqlite3_column_int64(st, 0);
    }
    db_done(st);
    return rc == SQLITE_DONE ? n : -1;
}

int reminder_list(struct db *db, const struct user_ctx *actor, int64_t village_id, struct date as_of, int days,
                  void (*fn)(const struct reminder *, void *), void *ctx, struct err *e)
{
    char to[11];
    struct date last = date_add_days(as_of, days);
    date_format(last, to);
    int64_t *ids = NULL;
    int n = loan_ids(db, actor, village_id, to, &ids);
    struct serviced_loan *l = n >= 0 ? servicing_alloc() : NULL;
    if (n < 0 || !l) {
        free(ids);
        return n < 0 ? db_fail(db, e) : err_set(e, 500, "out_of_memory", NULL, "内存不足");
    }
    int rc = 0;
    for (int i = 0; rc == 0 && i < n; i++) {
        struct reminder m = {.loan = l};
        struct unit office;
        rc = servicing_get(db, actor, ids[i], l, e);
        if (rc == 0 && unit_get(db, unit_township_of(db, l->village_id), &office) != 0)
            rc = err_set(e, 500, "database_error", NULL, "读取乡镇失败");
        if (rc != 0)
            break;
        snprintf(m.office, sizeof m.office, "%s", office.name);
        loan_figures_of(l, as_of, &m.fig);
        for (int k = 0; k < l->terms.nrows && !m.next_n; k++) {
            const struct repay_row *r = &l->rows[k];
            int64_t unpaid = r->principal_fen - r->paid_principal_fen + r->interest_fen - r->paid_interest_fen;
            if (unpaid > 0 && date_cmp(r->due_on, as_of) >= 0 && date_cmp(r->due_on, last) <= 0) {
                m.next_n = r->n;
                m.next_due_fen = unpaid;
                date_format(r->due_on, m.next_due_on);
            }
        }
        fn(&m, ctx);
    }
    servicing_free(l);
    free(ids);
    return rc == 0 ? n : -1;
}
