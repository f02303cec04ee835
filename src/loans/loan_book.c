/* loan_book.c: the list of disbursed loans with their figures (see loan_book.h). */
#include "loan_book.h"

#include <string.h>

const char *loan_book_state_name(const char *state)
{
    return !strcmp(state, "active") ? "还款中" : !strcmp(state, "settled") ? "已结清" : "已代偿";
}

void loan_figures_of(const struct serviced_loan *l, struct date as_of, struct loan_figures *out)
{
    struct repay_row rows[LOAN_MAX_ROWS];
    struct repay_loan t = l->terms;
    memcpy(rows, l->rows, sizeof(struct repay_row) * (size_t)t.nrows);
    t.rows = rows;
    memset(out, 0, sizeof *out);
    out->outstanding_fen = repay_outstanding_principal(&t);
    if (strcmp(l->state, "active") != 0)
        return;
    repay_accrue(&t, as_of);
    out->dpd = repay_dpd(&t, as_of);
    out->overdue_fen = repay_overdue(&t, as_of);
    out->penalty_fen = repay_penalty_unpaid(&t, as_of) + repay_compound_unpaid(&t, as_of);
}

int loan_figures_get(struct db *db, const struct user_ctx *actor, int64_t loan_id, struct date as_of,
                     struct loan_figures *out, struct err *e)
{
    struct serviced_loan *l = servicing_alloc();
    int rc = l ? servicing_get(db, actor, loan_id, l, e) : err_set(e, 500, "out_of_memory", NULL, "内存不足");
    if (rc == 0)
        loan_figures_of(l, as_of, out);
    servicing_free(l);
    return rc;
}

/* The filter's condition, shared by the count and the page: ?1 scope, ?2 state ('' all),
   ?3 village (NULL all), ?4 overdue (1 only overdue), ?5 the as-of date, ?8 and ?9 the period the
   overdue instalment fell due in. */
#define LOAN_BOOK_WHERE                                                                                          \
    "FROM loans l JOIN loan_applications a ON a.id = l.application_id JOIN households h ON h.id = a.household_id " \
    "JOIN units v ON v.id = h.village_id WHERE in_scope(v.path, ?1) AND (?2 = '' OR l.state = ?2) "             \
    "AND (?3 IS NULL OR h.village_id = ?3) AND (?4 = 0 OR (l.state = 'active' AND EXISTS (SELECT 1 FROM "       \
    "loan_schedule s WHERE s.loan_id = l.id AND s.settled = 0 AND s.due_on < ?5 AND s.due_on >= ?8 AND " \
    "s.due_on <= ?9)))"

/* Binds the filter's parameters, the limit and offset (?6, ?7: unused by the count). */
static int bind_filter(sqlite3_stmt *st, const struct user_ctx *actor, const struct loan_book_filter *f,
                       const char *on)
{
    char from[11] = "0000-00-00", to[11] = "9999-12-31";
    if (f->from.y)
        date_format(f->from, from);
    if (f->to.y)
        date_format(f->to, to);
    return db_bind(st, "ttIdtddtt", actor->unit_path, f->state ? f->state : "", f->village_id, f->overdue != 0, on,
                   f->limit, f->offset, from, to);
}

int64_t loan_book_list(struct db *db, const struct user_ctx *actor, const struct loan_book_filter *f,
                       struct date as_of, void (*fn)(const struct serviced_loan *, const struct loan_figures *, void *),
                       void *ctx, struct err *e)
{
    if (f->state && *f->state && strcmp(f->state, "active") && strcmp(f->state, "settled") &&
        strcmp(f->state, "compensated"))
        return err_set(e, 422, "invalid_state", "state", "状态应为 active（还款中）、settled（已结清）或 compensated（已代偿）");
    char on[11];
    date_format(as_of, on);
    sqlite3_stmt *count = db_prep(db, "SELECT count(*) " LOAN_BOOK_WHERE);
    if (!count)
        return db_fail(db, e);
    int64_t total = bind_filter(count, actor, f, on) == SQLITE_OK && sqlite3_step(count) == SQLITE_ROW ? sqlite3_column_int64(count, 0) : -1;
    db_done(count);
    sqlite3_stmt *st = total < 0 ? NULL
                                 : db_prep(db, "SELECT l.id " LOAN_BOOK_WHERE
                                               " ORDER BY l.disbursed_on DESC, l.id DESC LIMIT ?6 OFFSET ?7");
    struct serviced_loan *l = st ? servicing_alloc() : NULL;
    if (!l) {
        db_done(st);
        return !st ? db_fail(db, e) : err_set(e, 500, "out_of_memory", NULL, "内存不足");
    }
    int rc = bind_filter(st, actor, f, on) == SQLITE_OK ? 0 : db_fail(db, e);
    while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
        struct loan_figures fig;
        rc = servicing_get(db, actor, sqlite3_column_int64(st, 0), l, e);
        if (rc == 0) {
            loan_figures_of(l, as_of, &fig);
            fn(l, &fig, ctx);
        }
    }
    db_done(st);
    servicing_free(l);
    return rc == 0 ? total : -1;
}
