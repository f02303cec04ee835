/* portfolio.c: portfolio figures and overdue loans per village (see portfolio.h). */
#include "portfolio.h"

#include <stdio.h>
#include <string.h>

#include "db_row.h"

/* Index of the loan source for a date: 1 (THEN: PORTFOLIO_BANDS_THEN, rebuilt from the repayments made
   by then) when as_of is before today, else 0 (NOW: PORTFOLIO_BANDS_NOW, the bands kept with every
   write to a loan). */
static int source_of(struct date as_of, struct date today)
{
    return date_cmp(as_of, today) < 0;
}

/* The date n days before as_of, as text. */
static char *days_before(struct date as_of, long n, char out[11])
{
    return date_format(date_add_days(as_of, -n), out);
}

int portfolio_bind_days(sqlite3_stmt *st, struct date day)
{
    char t0[11], t30[11], t90[11], t180[11], t360[11];
    return db_bind(st, "ttttt", date_format(day, t0), days_before(day, 30, t30), days_before(day, 90, t90),
                   days_before(day, 180, t180), days_before(day, 360, t360));
}

/* Binds ?1..?5 as portfolio_bind_days for as_of and ?6 the scope. SQLITE_OK or the error. */
static int bind_bands(sqlite3_stmt *st, struct date as_of, const char *scope)
{
    int rc = portfolio_bind_days(st, as_of);
    return rc == SQLITE_OK ? sqlite3_bind_text(st, 6, scope, -1, SQLITE_TRANSIENT) : rc;
}

/* The grade of each band of days past due (portfolio.h): 关注 takes bands 1 and 2 (1-90 days). */
static const enum loan_grade band_grade[] = {GRADE_NORMAL,      GRADE_SPECIAL_MENTION, GRADE_SPECIAL_MENTION,
                                             GRADE_SUBSTANDARD, GRADE_DOUBTFUL,        GRADE_LOSS};
#define PAR30_BAND 2 /* PAR30: the bands from 31 days past due on */

#define IN_SCOPE_VILLAGES PORTFOLIO_SCOPE_VILLAGES

/* One band's figures in the scope ?6 (b: PORTFOLIO_BANDS_*, which are the scope's). */
#define SUMMARY_ROW(X, _)                                                                                          \
    X("band", INT, band) _ X("sum(n)", INT64, loans) _ X("sum(principal_fen)", MONEY, disbursed_fen) _          \
        X("sum(outstanding)", MONEY, outstanding_fen)
struct summary_row {
    DB_ROW_FIELDS(SUMMARY_ROW)
};
/* Reads a SUMMARY_ROW. */
static DB_ROW_READER(summary_row_read, SUMMARY_ROW, struct summary_row)

#define SUMMARY_SQL                                                                                                \
    " SELECT " DB_ROW_COLUMNS(SUMMARY_ROW) " FROM b GROUP BY band"

int portfolio_summary(struct db *db, const struct user_ctx *actor, struct date as_of, struct date today,
                      struct portfolio *out)
{
    static const char *const sql[2] = {"WITH " PORTFOLIO_BANDS_NOW SUMMARY_SQL,
                                       "WITH " PORTFOLIO_BANDS_THEN SUMMARY_SQL};
    sqlite3_stmt *st = db_prep(db, sql[source_of(as_of, today)]);
    if (!st)
        return -1;
    memset(out, 0, sizeof *out);
    int rc = bind_bands(st, as_of, actor->unit_path) == SQLITE_OK ? 0 : -1;
    while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
        struct summary_row r;
        if (summary_row_read(st, &r) != 0 || r.band < 0 || r.band >= (int)(sizeof band_grade / sizeof *band_grade)) {
            rc = -1;
            break;
        }
        enum loan_grade g = band_grade[r.band];
        out->loans += r.loans;
        out->disbursed_fen += r.disbursed_fen;
        out->outstanding_fen += r.outstanding_fen;
        if (r.band >= PAR30_BAND)
            out->par30_fen += r.outstanding_fen;
        out->grade_loans[g] += r.loans;
        out->grade_outstanding_fen[g] += r.outstanding_fen;
    }
    return db_end(st, rc, NULL);
}

/* A village with overdue loans and the oldest unpaid due day among them. */
#define OVERDUE_ROW(X, _)                                                                                          \
    X("v.id", INT64, v.village_id) _ X("v.name", TEXT(NAME_SIZE), v.village) _                                   \
        X("t.name", TEXT(NAME_SIZE), v.township) _ X("sum(l.n)", INT64, v.loans) _                               \
        X("sum(l.outstanding)", MONEY, v.outstanding_fen) _ X("min(l.oldest)", DAY, oldest)
struct overdue_row {
    struct village_overdue v;
    struct date oldest;
};
/* Reads an OVERDUE_ROW. */
static DB_ROW_READER(overdue_row_read, OVERDUE_ROW, struct overdue_row)

/* The overdue loans o of the scope ?6 on ?1: NOW the bands from 1 on that hold a loan (an emptied
   band keeps its row), each with its village's oldest unpaid due day up active_loan_figures' key;
   THEN the loans x due before ?1 and not paid. */
#define OVERDUE_NOW                                                                                                \
    "(SELECT village_id, n, outstanding, (SELECT min(f.oldest) FROM active_loan_figures f "                        \
    "WHERE f.village_id = b.village_id AND f.oldest > '') AS oldest FROM b WHERE band >= 1 AND n > 0)"
#define OVERDUE_THEN                                                                                               \
    "(SELECT village_id, n, outstanding, oldest FROM x WHERE oldest < ?1 AND village_id IN " IN_SCOPE_VILLAGES ")"
#define OVERDUE_SQL(o)                                                                                             \
    " SELECT " DB_ROW_COLUMNS(OVERDUE_ROW) " FROM " o " l JOIN units v ON v.id = l.village_id "                   \
    "JOIN units t ON t.id = v.parent_id GROUP BY v.id ORDER BY sum(l.outstanding) DESC, v.id"

int portfolio_overdue_by_village(struct db *db, const struct user_ctx *actor, struct date as_of, struct date today,
                                 void (*fn)(const struct village_overdue *, void *), void *ctx)
{
    static const char *const sql[2] = {"WITH " PORTFOLIO_BANDS_NOW OVERDUE_SQL(OVERDUE_NOW),
                                       "WITH " PORTFOLIO_LOANS_THEN OVERDUE_SQL(OVERDUE_THEN)};
    sqlite3_stmt *st = db_prep(db, sql[source_of(as_of, today)]);
    if (!st)
        return -1;
    if (bind_bands(st, as_of, actor->unit_path) != SQLITE_OK)
        return db_end(st, -1, NULL);
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct overdue_row r = {0};
        if (overdue_row_read(st, &r) != 0) {
            n = -1;
            break;
        }
        r.v.max_dpd = r.oldest.y ? date_diff(as_of, r.oldest) : 0;
        fn(&r.v, ctx);
        n++;
    }
    return db_end(st, n, NULL);
}

/* A village's figures: applications created and decisions and disbursements in [?7, ?8] (z: kept by day), its
   loans as of ?1 by band (y), guarantee payouts, recoveries and write-offs (核销, approved) in the period (w). */
#define BY_VILLAGE_ROW(X, _)                                                                                       \
    X("v.id", INT64, village_id) _ X("v.name", TEXT(NAME_SIZE), village) _                                       \
        X("t.name", TEXT(NAME_SIZE), township) _ X("coalesce(z.created, 0)", INT64, applications) _             \
        X("coalesce(z.approved, 0)", INT64, approved) _ X("coalesce(z.rejected, 0)", INT64, rejected) _         \
        X("coalesce(z.approved + z.rejected, 0)", INT64, decided) _                                             \
        X("coalesce(z.decided_on_time, 0)", INT64, decided_on_time) _                                           \
        X("coalesce(z.disbursed_loans, 0)", INT64, disbursed_loans) _                                           \
        X("coalesce(z.disbursed_fen, 0)", MONEY, disbursed_fen) _                                               \
        X("coalesce(y.loans, 0)", INT64, active_loans) _ X("coalesce(y.outstanding, 0)", MONEY, outstanding_fen) _ \
        X("coalesce(y.overdue, 0)", MONEY, overdue_fen) _ X("coalesce(y.par30, 0)", MONEY, par30_fen) _           \
        X("coalesce(y.special_mention, 0)", INT64, grade_loans[GRADE_SPECIAL_MENTION]) _                        \
        X("coalesce(y.substandard, 0)", INT64, grade_loans[GRADE_SUBSTANDARD]) _                                \
        X("coalesce(y.doubtful, 0)", INT64, grade_loans[GRADE_DOUBTFUL]) _                                      \
        X("coalesce(y.loss, 0)", INT64, grade_loans[GRADE_LOSS]) _                                              \
        X("coalesce(w.payouts, 0)", MONEY, payouts_fen) _ X("coalesce(w.recoveries, 0)", MONEY, recoveries_fen) _ \
        X("coalesce(w.written_off, 0)", MONEY, written_off_fen)
/* Reads a BY_VILLAGE_ROW. */
static DB_ROW_READER(by_village_read, BY_VILLAGE_ROW, struct village_portfolio)

/* The period [?7, ?8]'s flow figures of the scope's villages, one row per village and month or day: the months
   wholly inside it from the month figures (migration 119), the days of the months it starts and ends in from the
   day figures (096), each an index range (the end month's days only when it is another month). */
#define FLOW_COLUMNS "created, approved, rejected, decided_on_time, disbursed_loans, disbursed_fen"
#define PERIOD_FLOWS                                                                                              \
    "SELECT village_id, " FLOW_COLUMNS " FROM loan_flow_month_figures WHERE village_id IN " IN_SCOPE_VILLAGES     \
    " AND month > substr(?7, 1, 7) AND month < substr(?8, 1, 7) "                                                 \
    "UNION ALL SELECT village_id, " FLOW_COLUMNS " FROM loan_day_figures WHERE village_id IN " IN_SCOPE_VILLAGES  \
    " AND day >= ?7 AND day <= min(?8, substr(?7, 1, 7) || '-31') "                                               \
    "UNION ALL SELECT village_id, " FLOW_COLUMNS " FROM loan_day_figures WHERE village_id IN " IN_SCOPE_VILLAGES  \
    " AND substr(?8, 1, 7) > substr(?7, 1, 7) AND day >= max(?7, substr(?8, 1, 7) || '-01') AND day <= ?8"
/* The bands b summed by village in one pass (y), the period's flow figures (z) likewise, and its
   guarantee payouts, recoveries and approved write-offs (核销) by village (w), read up their kind's
   and day's index. */
#define BY_VILLAGE_LOANS                                                                                          \
    ", y AS (SELECT village_id, sum(n) AS loans, sum(outstanding) AS outstanding, "                               \
    "sum(CASE WHEN band >= 1 THEN outstanding ELSE 0 END) AS overdue, "                                           \
    "sum(CASE WHEN band >= 2 THEN outstanding ELSE 0 END) AS par30, "                                             \
    "sum(CASE WHEN band IN (1, 2) THEN n ELSE 0 END) AS special_mention, "                                        \
    "sum(CASE WHEN band = 3 THEN n ELSE 0 END) AS substandard, "                                                  \
    "sum(CASE WHEN band = 4 THEN n ELSE 0 END) AS doubtful, "                                                     \
    "sum(CASE WHEN band = 5 THEN n ELSE 0 END) AS loss FROM b GROUP BY village_id), "                         \
    "z AS (SELECT village_id, sum(created) AS created, sum(approved) AS approved, sum(rejected) AS rejected, "    \
    "sum(decided_on_time) AS decided_on_time, sum(disbursed_loans) AS disbursed_loans, "                         \
    "sum(disbursed_fen) AS disbursed_fen FROM (" PERIOD_FLOWS ") GROUP BY village_id), "                          \
    "w AS (SELECT l.village_id, sum(CASE WHEN e.kind = 'payout' THEN -e.amount_fen ELSE 0 END) AS payouts, "     \
    "sum(CASE WHEN e.kind = 'recovery' THEN e.amount_fen ELSE 0 END) AS recoveries, "                            \
    "sum(e.written_off) AS written_off "                                                                          \
    "FROM (SELECT kind, loan_id, amount_fen, 0 AS written_off FROM guarantee_fund_entries "                      \
    "WHERE kind IN ('payout', 'recovery') AND on_date BETWEEN ?7 AND ?8 UNION ALL "                                \
    "SELECT 'write_off', loan_id, 0, amount_fen FROM loan_write_offs WHERE state = 'approved' "                  \
    "AND on_date BETWEEN ?7 AND ?8) e JOIN loans l ON l.id = e.loan_id "                                          \
    "WHERE l.village_id IN " IN_SCOPE_VILLAGES " GROUP BY l.village_id)"
#define BY_VILLAGE_SQL                                                                                             \
    BY_VILLAGE_LOANS " SELECT " DB_ROW_COLUMNS(BY_VILLAGE_ROW) " "                                                 \
    "FROM units v JOIN units t ON t.id = v.parent_id LEFT JOIN y ON y.village_id = v.id "                         \
    "LEFT JOIN z ON z.village_id = v.id LEFT JOIN w ON w.village_id = v.id "                                      \
    "WHERE v.kind = 'village' AND in_scope(v.path, ?6) ORDER BY t.id, v.id"

int portfolio_by_village(struct db *db, const struct user_ctx *actor, struct date as_of, struct date today,
                         const char *from, const char *to, void (*fn)(const struct village_portfolio *, void *),
                         void *ctx)
{
    static const char *const sql[2] = {"WITH " PORTFOLIO_BANDS_NOW BY_VILLAGE_SQL,
                                       "WITH " PORTFOLIO_BANDS_THEN BY_VILLAGE_SQL};
    sqlite3_stmt *st = db_prep(db, sql[source_of(as_of, today)]);
    if (!st)
        return -1;
    if (bind_bands(st, as_of, actor->unit_path) != SQLITE_OK ||
        sqlite3_bind_text(st, 7, from && *from ? from : "0000-01-01", -1, SQLITE_TRANSIENT) != SQLITE_OK ||
        sqlite3_bind_text(st, 8, to && *to ? to : "9999-12-31", -1, SQLITE_TRANSIENT) != SQLITE_OK)
        return db_end(st, -1, NULL);
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct village_portfolio v = {0};
        if (by_village_read(st, &v) != 0) {
            n = -1;
            break;
        }
        v.grade_loans[GRADE_NORMAL] = v.active_loans - v.grade_loans[GRADE_SPECIAL_MENTION] -
                                      v.grade_loans[GRADE_SUBSTANDARD] - v.grade_loans[GRADE_DOUBTFUL] -
                                      v.grade_loans[GRADE_LOSS];
        fn(&v, ctx);
        n++;
    }
    return db_end(st, n, NULL);
}

/* How a loan stood on ?1 (x): whether it was in the portfolio, its outstanding principal and
   oldest unpaid due day, and whether the loan exists at all. */
#define STOOD_ROW(X, _)                                                                                            \
    X("(SELECT count(*) FROM x WHERE id = ?2)", INT, in_portfolio) _                                             \
        X("(SELECT outstanding FROM x WHERE id = ?2)", MONEY, outstanding_fen) _                                 \
        X("(SELECT oldest FROM x WHERE id = ?2)", DAY, oldest) _                                                 \
        X("EXISTS (SELECT 1 FROM loans WHERE id = ?2)", INT, exists)
struct stood_row {
    DB_ROW_FIELDS(STOOD_ROW)
};
/* Reads a STOOD_ROW. */
static DB_ROW_READER(stood_row_read, STOOD_ROW, struct stood_row)

int portfolio_loan_stood(struct db *db, int64_t loan_id, struct date as_of, struct loan_stood *out)
{
    char on[11];
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = db_prep(db, "WITH " PORTFOLIO_LOANS_THEN " SELECT " DB_ROW_COLUMNS(STOOD_ROW));
    if (!st)
        return -1;
    db_bind(st, "ti", date_format(as_of, on), loan_id);
    struct stood_row r = {0};
    int rc = sqlite3_step(st) == SQLITE_ROW && stood_row_read(st, &r) == 0 && r.exists ? 0 : -1;
    if (rc == 0 && r.in_portfolio) {
        out->in_portfolio = 1;
        out->outstanding_fen = r.outstanding_fen;
        if (r.oldest.y && date_cmp(r.oldest, as_of) < 0)
            out->dpd = date_diff(as_of, r.oldest);
    }
    out->grade = repay_grade(out->dpd);
    db_done(st);
    return rc;
}

int64_t portfolio_newly_overdue(struct db *db, const struct user_ctx *actor, struct date as_of, int days)
{
    char t0[11], since[11];
    return db_int(db, 0, "SELECT coalesce(sum(f.loans), 0) FROM units v JOIN active_loan_figures f ON f.village_id = v.id "
                         "WHERE v.kind = 'village' AND in_scope(v.path, ?1) AND f.oldest <> '' AND f.oldest < ?2 "
                         "AND f.oldest >= ?3",
                  "ttt", actor->unit_path, date_format(as_of, t0), days_before(as_of, days, since));
}

void portfolio_add(struct village_portfolio *to, const struct village_portfolio *v)
{
    to->applications += v->applications, to->approved += v->approved, to->rejected += v->rejected;
    to->decided += v->decided, to->decided_on_time += v->decided_on_time;
    to->disbursed_loans += v->disbursed_loans, to->disbursed_fen += v->disbursed_fen;
    to->active_loans += v->active_loans, to->outstanding_fen += v->outstanding_fen;
    to->overdue_fen += v->overdue_fen, to->par30_fen += v->par30_fen;
    for (int g = 0; g < GRADE__MAX; g++)
        to->grade_loans[g] += v->grade_loans[g];
    to->payouts_fen += v->payouts_fen, to->recoveries_fen += v->recoveries_fen;
    to->written_off_fen += v->written_off_fen;
}

/* The unsettled instalments of active loans due in [?1, ?2] in the scope ?3: how many and what they
   still owe. When ?4 is the day the loans' bands are counted for (the period runs from the first day
   to the day before it: the overdue list's total), from the kept overdue figures, a row a village
   (migration 122); else from the figures kept by village and day (due_day_figures, migration 097).
   One statement, one snapshot (as PORTFOLIO_BANDS_NOW); the one-row day table first (CROSS JOIN),
   so the arm whose day test fails reads nothing, then the scope's units, then each village's rows up
   the figures' key (left to itself SQLite read every village's every day and looked each row's unit
   up to test the scope). */
#define DUE_SUMMARY_ROW(X, _) X("coalesce(sum(f.rows), 0)", INT64, rows) _ X("coalesce(sum(f.fen), 0)", MONEY, fen)
struct due_summary_row {
    DB_ROW_FIELDS(DUE_SUMMARY_ROW)
};
/* Reads a DUE_SUMMARY_ROW. */
static DB_ROW_READER(due_summary_read, DUE_SUMMARY_ROW, struct due_summary_row)

void portfolio_due_summary(struct db *db, const struct user_ctx *actor, struct date from, struct date to, int64_t *rows,
                           int64_t *fen)
{
    char f[11], t[11], counted[11];
    *rows = *fen = 0;
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(DUE_SUMMARY_ROW) " FROM ("
                                   "SELECT o.rows, o.fen FROM active_loan_band_day d CROSS JOIN units v "
                                   "CROSS JOIN overdue_due_figures o ON o.village_id = v.id "
                                   "WHERE d.day = ?4 AND in_scope(v.path, ?3) "
                                   "UNION ALL SELECT x.rows, x.fen FROM active_loan_band_day d CROSS JOIN units v "
                                   "CROSS JOIN due_day_figures x ON x.village_id = v.id "
                                   "WHERE d.day IS NOT ?4 AND x.due_on BETWEEN ?1 AND ?2 AND in_scope(v.path, ?3)) f");
    if (!st)
        return;
    /* from the first day (a zero date) to a day: the kept figures serve it if counted for the day after */
    const char *kept_day = from.y == 0 ? date_format(date_add_days(to, 1), counted) : NULL;
    struct due_summary_row r = {0};
    if (db_bind(st, "tttt", date_format(from, f), date_format(to, t), actor->unit_path, kept_day) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW && due_summary_read(st, &r) == 0) {
        *rows = r.rows;
        *fen = r.fen;
    }
    db_done(st);
}

int64_t portfolio_claimable(struct db *db, const struct user_ctx *actor, struct date as_of)
{
    char limit[11];
    return db_int(db, 0, "SELECT coalesce(sum(f.loans), 0) FROM units v JOIN active_loan_figures f ON f.village_id = v.id "
                         "WHERE v.kind = 'village' AND in_scope(v.path, ?1) AND f.oldest <> '' AND f.oldest < ?2",
                  "tt", actor->unit_path, days_before(as_of, db_param_int(db, "claim_dpd", 90), limit));
}

int portfolio_first_day(struct db *db, const struct user_ctx *actor, struct date *out)
{
    /* each day the first in scope up its index (decisions by day, loans by disbursement day), not a pass over all */
    return date_from_number(db_int(db, 0, "SELECT CAST(replace(min(d), '-', '') AS INTEGER) FROM ("
                                          "SELECT (SELECT a.decided_on FROM loan_applications a JOIN households h "
                                          "ON h.id = a.household_id JOIN units v ON v.id = h.village_id WHERE "
                                          "a.decided_on IS NOT NULL AND in_scope(v.path, ?1) ORDER BY a.decided_on LIMIT 1) AS d "
                                          "UNION ALL SELECT (SELECT l.disbursed_on FROM loans l JOIN units v ON v.id = l.village_id "
                                          "WHERE l.disbursed_on IS NOT NULL AND in_scope(v.path, ?1) ORDER BY l.disbursed_on LIMIT 1))",
                                   "t", actor->unit_path),
                            out);
}
