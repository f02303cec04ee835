/* portfolio_months.c: month-end portfolio figures, cached for closed months (see portfolio_months.h). */
#include "portfolio_months.h"

#include <stdio.h>
#include <string.h>

#include "db_row.h"
#include "portfolio.h"

/* Outstanding and PAR30 of the loans x (PORTFOLIO_LOANS_*) as of ?1 (?2: 30 days before) in scope ?3. */
#define MONTH_ROW(X, _)                                                                                            \
    X("coalesce(sum(l.outstanding), 0)", MONEY, outstanding_fen) _                                                \
        X("coalesce(sum(CASE WHEN l.oldest < ?2 THEN l.outstanding END), 0)", MONEY, par30_fen)
#define MONTH_SQL                                                                                                  \
    " SELECT " DB_ROW_COLUMNS(MONTH_ROW) " FROM x l JOIN units v ON v.id = l.village_id WHERE in_scope(v.path, ?3)"

/* Reads a MONTH_ROW. */
static DB_ROW_READER(month_row_read, MONTH_ROW, struct month_figure)
/* A closed month's cached figures. */
#define CACHED_ROW(X, _)                                                                                           \
    X("disbursed_fen", MONEY, disbursed_fen) _ X("outstanding_fen", MONEY, outstanding_fen) _                   \
        X("par30_fen", MONEY, par30_fen)
/* Reads a CACHED_ROW. */
static DB_ROW_READER(cached_row_read, CACHED_ROW, struct month_figure)

/* Computes one month's figures as of `end`: a closed month's last day (rebuilt from the repayments
   made by then), or today for the current month (now = 1: from the figures the loans carry). */
static int compute(struct db *db, const char *scope, const char *month, struct date end, int now, struct month_figure *f)
{
    static const char *const sql[2] = {
        "WITH " PORTFOLIO_LOANS_THEN MONTH_SQL,
        "WITH " PORTFOLIO_LOANS_NOW MONTH_SQL,
    };
    char e[11], e30[11];
    date_format(end, e);
    date_format(date_add_days(end, -30), e30);
    f->disbursed_fen = db_int(db, 0, "SELECT coalesce(sum(l.principal_fen), 0) FROM loans l JOIN units v ON v.id = l.village_id "
                                     "WHERE in_scope(v.path, ?1) AND substr(l.disbursed_on, 1, 7) = ?2",
                              "tt", scope, month);
    sqlite3_stmt *st = db_prep(db, sql[now != 0]);
    if (!st)
        return -1;
    db_bind(st, "ttt", e, e30, scope);
    int ok = sqlite3_step(st) == SQLITE_ROW && month_row_read(st, f) == 0;
    db_done(st);
    return ok ? 0 : -1;
}

/* Reads a closed month from the cache: 1 when found. */
static int cached(struct db *db, const char *scope, struct month_figure *f)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(CACHED_ROW) " FROM month_figures "
                                   "WHERE scope_path = ? AND month = ?");
    if (!st)
        return 0;
    db_bind(st, "tt", scope, f->month);
    int found = sqlite3_step(st) == SQLITE_ROW && cached_row_read(st, f) == 0;
    db_done(st);
    return found;
}

int portfolio_months(struct db *db, const struct user_ctx *actor, struct date end_date, struct date today, int n,
                     struct month_figure *out)
{
    char on[11];
    date_format(today, on);
    for (int i = 0; i < n; i++) {
        struct date first = date_add_months((struct date){end_date.y, end_date.m, 1}, i - (n - 1));
        struct date end = date_add_days(date_add_months(first, 1), -1);
        struct month_figure *f = &out[i];
        memset(f, 0, sizeof *f);
        snprintf(f->month, sizeof f->month, "%04d-%02d", first.y, first.m);
        if (i == n - 1) {
            if (compute(db, actor->unit_path, f->month, end_date, date_cmp(end_date, today) >= 0, f) != 0)
                return -1;
            continue;
        }
        if (cached(db, actor->unit_path, f))
            continue;
        if (compute(db, actor->unit_path, f->month, end, 0, f) != 0)
            return -1;
        /* A cache write that loses a race or meets a read-only moment is harmless: computed again next time. */
        db_run(db, "INSERT OR IGNORE INTO month_figures (scope_path, month, disbursed_fen, outstanding_fen, par30_fen, "
                   "computed_on) VALUES (?, ?, ?, ?, ?, ?)",
               "ttiiit", actor->unit_path, f->month, f->disbursed_fen, f->outstanding_fen, f->par30_fen, on);
    }
    return n;
}
