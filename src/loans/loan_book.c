/* loan_book.c: the list of disbursed loans with their figures (see loan_book.h). */
#include "loan_book.h"

#include <stdint.h>
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
    int rc = l ? servicing_get_figures(db, actor, loan_id, l, e) : err_set(e, 500, "out_of_memory", NULL, "内存不足");
    if (rc == 0)
        loan_figures_of(l, as_of, out);
    servicing_free(l);
    return rc;
}

/* The filter's condition, shared by the count and the page, on the loans' carried figures (their
   village and oldest unpaid due date: no application, household or schedule row is read to filter,
   except the schedule of an overdue loan when a period is asked for). The scope is the set of its
   units' ids, read once from the units' path index (`scope_end`, the range form of in_scope), and each
   loan's village is looked up in it: no join before the scope is known. `+` keeps the planner from
   starting at the village (which would sort the whole scope); the book's order index carries the
   village, so rows of other townships are passed over in the index.
   ?1 scope, ?2 state ('' all), ?3 village (NULL all), ?4 overdue (1 only overdue), ?5 the as-of date,
   ?6 and ?7 the period an overdue instalment fell due in ('0000-00-00' and '9999-12-31': open). */
#define LOAN_BOOK_WHERE                                                                                          \
    "FROM loans l WHERE +l.village_id IN (SELECT u.id FROM units u WHERE u.path >= ?1 AND u.path < scope_end(?1)) " \
    "AND (?2 = '' OR l.state = ?2) "                                                                              \
    "AND (?3 IS NULL OR +l.village_id = ?3) AND (?4 = 0 OR (l.state = 'active' AND l.oldest_unpaid_due < ?5 "    \
    "AND ((?6 = '0000-00-00' AND ?7 = '9999-12-31') OR EXISTS (SELECT 1 FROM loan_schedule s WHERE "             \
    "s.loan_id = l.id AND s.settled = 0 AND s.due_on < ?5 AND s.due_on >= ?6 AND s.due_on <= ?7))))"
/* The page in the book's order (newest disbursement first), from the row (?9 disbursed on, ?10 id)
   (the first page: after the largest key, so the index range starts at the cursor either way; an
   `?8 = 0 OR` before the range would make SQLite walk the index from its end to the cursor), ?11
   rows, ?12 offset; ?8 is unused. CMP and ORDER give the direction (the previous page reads backwards). */
#define LOAN_BOOK_PAGE(CMP, ORDER)                                                                              \
    LOAN_BOOK_WHERE " AND (l.disbursed_on, l.id) " CMP " (?9, ?10) ORDER BY l.disbursed_on " \
    ORDER ", l.id " ORDER " LIMIT ?11 OFFSET ?12"

/* The same counts from the figures kept by village, for the filters they answer (kept_count): every loan or one
   state's (loan_state_figures: a row per village and state) and the active overdue ones (active_loan_figures: by
   village and oldest unpaid due day); the period (?6, ?7) only narrows overdue loans, which then are counted from
   the loans. The scope's villages come from the units' path index (`scope_end`). */
static const char *const count_kept_sql[2] = {
    "SELECT coalesce(sum(f.loans), 0) FROM units v JOIN loan_state_figures f ON f.village_id = v.id "
    "WHERE v.path >= ?1 AND v.path < scope_end(?1) AND (?2 = '' OR f.state = ?2) AND (?3 IS NULL OR f.village_id = ?3) "
    "AND ?4 = 0 AND ?5 || ?6 || ?7 IS NOT NULL",
    "SELECT coalesce(sum(f.loans), 0) FROM units v JOIN active_loan_figures f ON f.village_id = v.id "
    "WHERE v.path >= ?1 AND v.path < scope_end(?1) AND ?2 IN ('', 'active') AND (?3 IS NULL OR f.village_id = ?3) "
    "AND (?4 = 0 OR (f.oldest <> '' AND f.oldest < ?5)) AND ?6 || ?7 IS NOT NULL"};

/* Which kept count answers the filter: 0 every loan or one state's, 1 the active overdue ones, -1 none (overdue
   within a period, or overdue and settled or compensated: counted from the loans). */
static int kept_count(const struct loan_book_filter *f)
{
    const char *state = f->state ? f->state : "";
    if (!f->overdue)
        return 0;
    if (f->from.y || f->to.y)
        return -1;
    return !*state || strcmp(state, "active") == 0 ? 1 : -1;
}

/* Binds the filter's seven parameters, and with paged the keyset and page (?8 to ?12). */
static int bind_filter(sqlite3_stmt *st, const struct user_ctx *actor, const struct loan_book_filter *f,
                       const char *on, int paged, int limit, int offset)
{
    char from[11] = "0000-00-00", to[11] = "9999-12-31";
    if (f->from.y)
        date_format(f->from, from);
    if (f->to.y)
        date_format(f->to, to);
    const struct keyset *k = f->page;
    int after = k && k->after;
    /* the first page starts after a key above every loan's: a date after any and the largest id */
    return db_bind(st, paged ? "ttIdtttdtIdd" : "ttIdttt", actor->unit_path, f->state ? f->state : "",
                   f->village_id, f->overdue != 0, on, from, to, after, after ? k->k1 : "9999-12-31~",
                   after ? k->id : INT64_MAX, limit, offset);
}

/* Finds where the page before a keyset page starts (keyset.h). 0, or -1. */
static int book_prev(struct db *db, const struct user_ctx *actor, const struct loan_book_filter *f, const char *on)
{
    if (!f->page->after)
        return keyset_prev(f->page, 0, "", "", 0);
    sqlite3_stmt *st = db_prep(db, "SELECT l.disbursed_on, l.id " LOAN_BOOK_PAGE(">=", "ASC"));
    if (!st)
        return -1;
    bind_filter(st, actor, f, on, 1, 1, f->page->limit);
    int rc = sqlite3_step(st);
    int out = rc == SQLITE_ROW ? keyset_prev(f->page, 1, (const char *)sqlite3_column_text(st, 0), "", sqlite3_column_int64(st, 1))
              : rc == SQLITE_DONE ? keyset_prev(f->page, 0, "", "", 0) : -1;
    db_done(st);
    return out;
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
    int kept = kept_count(f);
    sqlite3_stmt *count = db_prep(db, kept >= 0 ? count_kept_sql[kept] : "SELECT count(*) " LOAN_BOOK_WHERE);
    if (!count)
        return db_fail(db, e);
    int64_t total = bind_filter(count, actor, f, on, 0, 0, 0) == SQLITE_OK && sqlite3_step(count) == SQLITE_ROW ? sqlite3_column_int64(count, 0) : -1;
    db_done(count);
    sqlite3_stmt *st = total < 0 ? NULL : db_prep(db, "SELECT l.id, l.disbursed_on " LOAN_BOOK_PAGE("<", "DESC"));
    struct serviced_loan *l = st ? servicing_alloc() : NULL;
    if (!l) {
        db_done(st);
        return !st ? db_fail(db, e) : err_set(e, 500, "out_of_memory", NULL, "内存不足");
    }
    int rc = bind_filter(st, actor, f, on, 1, f->page ? f->page->limit + 1 : f->limit, f->page ? f->page->offset : f->offset) == SQLITE_OK ? 0 : db_fail(db, e);
    while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
        int on_page = f->page ? keyset_row(f->page, (const char *)sqlite3_column_text(st, 1), "", sqlite3_column_int64(st, 0)) : 1;
        if (on_page < 0)
            rc = err_set(e, 500, "cursor_failed", NULL, "分页游标生成失败");
        if (on_page <= 0)
            continue;
        struct loan_figures fig;
        rc = servicing_get_figures(db, actor, sqlite3_column_int64(st, 0), l, e);
        if (rc == 0) {
            loan_figures_of(l, as_of, &fig);
            fn(l, &fig, ctx);
        }
    }
    if (db_end(st, 0, rc == 0 ? e : NULL) != 0)
        rc = -1;
    servicing_free(l);
    if (rc == 0 && f->page && book_prev(db, actor, f, on) != 0)
        rc = db_fail(db, e);
    return rc == 0 ? total : -1;
}
