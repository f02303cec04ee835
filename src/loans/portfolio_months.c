/* portfolio_months.c: month-end portfolio figures, closed months kept per village (see portfolio_months.h). */
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
/* A closed month's figures summed over the villages of a scope. */
#define CLOSED_ROW(X, _)                                                                                           \
    X("coalesce(sum(f.disbursed_fen), 0)", MONEY, disbursed_fen) _                                              \
        X("coalesce(sum(f.outstanding_fen), 0)", MONEY, outstanding_fen) _                                      \
            X("coalesce(sum(f.par30_fen), 0)", MONEY, par30_fen)
/* Reads a CLOSED_ROW. */
static DB_ROW_READER(closed_row_read, CLOSED_ROW, struct month_figure)

/* Computes one month's figures as of `end`: a month's last day (rebuilt from the repayments made
   by then), or today for the current month (now = 1: from the figures the loans carry). */
static int compute(struct db *db, const char *scope, const char *month, struct date end, int now, struct month_figure *f)
{
    static const char *const sql[2] = {
        "WITH " PORTFOLIO_LOANS_THEN MONTH_SQL,
        "WITH " PORTFOLIO_LOANS_NOW MONTH_SQL,
    };
    char e[11], e30[11];
    date_format(end, e);
    date_format(date_add_days(end, -30), e30);
    f->disbursed_fen = db_int(db, 0, "SELECT coalesce(sum(f.disbursed_fen), 0) FROM units v JOIN loan_flow_month_figures f "
                                     "ON f.village_id = v.id WHERE in_scope(v.path, ?1) AND f.month = ?2",
                              "tt", scope, month);
    sqlite3_stmt *st = db_prep(db, sql[now != 0]);
    if (!st)
        return -1;
    db_bind(st, "ttt", e, e30, scope);
    int ok = sqlite3_step(st) == SQLITE_ROW && month_row_read(st, f) == 0;
    db_done(st);
    return ok ? 0 : -1;
}

int portfolio_month_fresh(struct db *db, const char *scope, struct date end, struct month_figure *f)
{
    memset(f, 0, sizeof *f);
    snprintf(f->month, sizeof f->month, "%04d-%02d", end.y, end.m);
    return compute(db, scope, f->month, end, 0, f);
}

/* Reads a closed month's figures for the scope: 1 when the month is closed, 0 when not, -1 on error. */
static int closed(struct db *db, const char *scope, struct month_figure *f)
{
    if (!db_int(db, 0, "SELECT 1 FROM closed_months WHERE month = ?", "t", f->month))
        return 0;
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(CLOSED_ROW) " FROM village_months f JOIN units v "
                                   "ON v.id = f.village_id WHERE f.month = ?1 AND in_scope(v.path, ?2)");
    if (!st)
        return -1;
    db_bind(st, "tt", f->month, scope);
    int ok = sqlite3_step(st) == SQLITE_ROW && closed_row_read(st, f) == 0;
    db_done(st);
    return ok ? 1 : -1;
}

/* Stores every village's figures of the month ending on end, unless another thread or program did
   first. 1 when stored now, 0 when it was closed already, -1 on error (nothing stored). */
static int close_month(struct db *db, struct date end, struct date today)
{
    char month[8], e[11], e30[11], on[11];
    snprintf(month, sizeof month, "%04d-%02d", end.y, end.m);
    date_format(end, e);
    date_format(date_add_days(end, -30), e30);
    date_format(today, on);
    if (db_begin(db) != SQLITE_OK)
        return -1;
    if (db_int(db, 0, "SELECT 1 FROM closed_months WHERE month = ?", "t", month)) {
        db_rollback(db);
        return 0;
    }
    /* the same sums as compute(), grouped by village instead of filtered by scope */
    int ok = db_run(db,
                    "WITH " PORTFOLIO_LOANS_THEN " INSERT INTO village_months (month, village_id, disbursed_fen, "
                    "outstanding_fen, par30_fen) SELECT ?3, village_id, sum(d), sum(o), sum(p) FROM ("
                    "SELECT village_id, principal_fen AS d, 0 AS o, 0 AS p FROM loans WHERE substr(disbursed_on, 1, 7) = ?3 "
                    "UNION ALL SELECT village_id, 0, outstanding, CASE WHEN oldest < ?2 THEN outstanding ELSE 0 END FROM x) "
                    "GROUP BY village_id",
                    "ttt", e, e30, month) == SQLITE_DONE &&
             db_run(db, "INSERT INTO closed_months (month, computed_on) VALUES (?, ?)", "tt", month, on) == SQLITE_DONE;
    if (!ok || db_commit(db) != SQLITE_OK) {
        db_rollback(db);
        return -1;
    }
    return 1;
}

/* The last day of the month i months after date's month (i may be negative). */
static struct date month_end(struct date d, int i)
{
    struct date first = date_add_months((struct date){d.y, d.m, 1}, i);
    return date_add_days(date_add_months(first, 1), -1);
}

int portfolio_months_close(struct db *db, struct date today, int n)
{
    int done = 0;
    for (int i = -n; i < 0; i++) {
        int rc = close_month(db, month_end(today, i), today);
        if (rc < 0)
            return -1;
        done += rc;
    }
    return done;
}

int portfolio_months_reopen(struct db *db, const char *date)
{
    return db_run(db, "DELETE FROM village_months WHERE month >= substr(?, 1, 7)", "t", date) == SQLITE_DONE &&
                   db_run(db, "DELETE FROM closed_months WHERE month >= substr(?, 1, 7)", "t", date) == SQLITE_DONE
               ? 0
               : -1;
}

int portfolio_months(struct db *db, const struct user_ctx *actor, struct date end_date, struct date today, int n,
                     int close_missing, struct month_figure *out)
{
    for (int i = 0; i < n; i++) {
        struct date end = month_end(end_date, i - (n - 1));
        struct month_figure *f = &out[i];
        memset(f, 0, sizeof *f);
        snprintf(f->month, sizeof f->month, "%04d-%02d", end.y, end.m);
        if (i == n - 1) {
            if (compute(db, actor->unit_path, f->month, end_date, date_cmp(end_date, today) >= 0, f) != 0)
                return -1;
            continue;
        }
        if (date_cmp(end, today) >= 0) { /* not closed yet (a month after today's) */
            if (compute(db, actor->unit_path, f->month, end, 0, f) != 0)
                return -1;
            continue;
        }
        int rc = closed(db, actor->unit_path, f);
        if (rc == 0 && !close_missing) {
            f->pending = 1;
            continue;
        }
        /* closed now (single-flight through the process's writer: a thread that waited finds it
           closed); inside a caller's own transaction, or when storing fails, computed without storing */
        if (rc == 0 && !db_writing(db) && close_month(db, end, today) >= 0)
            rc = closed(db, actor->unit_path, f);
        if (rc == 0)
            rc = compute(db, actor->unit_path, f->month, end, 0, f) == 0 ? 1 : -1;
        if (rc < 0)
            return -1;
    }
    return n;
}
