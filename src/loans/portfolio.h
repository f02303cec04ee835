/*
 * portfolio.h: loan portfolio figures for a unit as of a date — loans, disbursed and
 * outstanding principal, PAR30, the five-class grades — and the overdue loans per village. Read
 * from each loan's outstanding principal and oldest unpaid due date (kept with every repayment),
 * so 100,000 loans are summed without reading their schedules.
 */
#ifndef BANGFU_PORTFOLIO_H
#define BANGFU_PORTFOLIO_H
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "repay.h"
#include "user.h"
#include "text.h"

/* SQL: the repayments that stand, for figures rebuilt from the repayments (the portfolio as it
   stood, the subsidy claim): neither a reversed repayment (冲正) nor its reversal (a negative record
   of the same date). Their sums would net out anyway; leaving both out keeps the allocation of each
   repayment to the instalments (the subsidy's late interest) as if the reversed one never was. */
#define COUNTED_REPAYMENTS                                                                                         \
    "(SELECT * FROM repayments WHERE reverses_id IS NULL AND id NOT IN "                                          \
    "(SELECT reverses_id FROM repayments WHERE reverses_id IS NOT NULL))"

/*
 * SQL: common table expressions giving x, the loans of the portfolio as they stood on the date
 * bound to ?1, as rows (id, n = 1, village_id, principal_fen, outstanding, oldest): the loans disbursed
 * by then and not yet settled or paid out by the guarantee (so loans settled or compensated since
 * count, with the balance and days past due they had); outstanding = principal less the principal
 * repaid by then; oldest = the due date of the oldest instalment due before then and not fully
 * paid then (NULL when none): the first whose cumulative scheduled principal and interest exceeds
 * the principal and interest repaid by then (repayments fill the instalments oldest first; penalty
 * is booked apart). Only instalments due before the date are read: that is all DPD needs.
 * Use as "WITH " PORTFOLIO_LOANS_THEN " SELECT ... FROM x l ...".
 */
#define PORTFOLIO_LOANS_THEN                                                                                                 \
    "p AS MATERIALIZED (SELECT l.id, l.village_id, l.principal_fen, "                                             \
    "coalesce((SELECT sum(r.principal_fen) FROM " COUNTED_REPAYMENTS " r WHERE r.loan_id = l.id "                \
    "AND r.paid_on <= ?1), 0) AS pp, "                                                                            \
    "coalesce((SELECT sum(r.principal_fen + r.interest_fen) FROM " COUNTED_REPAYMENTS " r WHERE r.loan_id = l.id " \
    "AND r.paid_on <= ?1), 0) AS paid FROM loans l WHERE l.disbursed_on <= ?1 "                                   \
    "AND (l.settled_on IS NULL OR l.settled_on > ?1)), "                                                          \
    "x AS MATERIALIZED (SELECT p.id, 1 AS n, p.village_id, p.principal_fen, p.principal_fen - p.pp AS outstanding, " \
    "(SELECT min(c.due_on) FROM (SELECT due_on, sum(principal_fen + interest_fen) OVER (ORDER BY n) AS cum "      \
    "FROM loan_schedule WHERE loan_id = p.id AND due_on < ?1) c WHERE c.cum > p.paid) AS oldest FROM p)"
/* The same figures for today, from active_loan_figures (migration 095: the active loans summed by
   village and oldest unpaid due day, kept with every write to a loan; oldest may then be a date after
   today): a row stands for n loans, so queries over x count with sum(l.n), never count(*). */
#define PORTFOLIO_LOANS_NOW                                                                                        \
    "x AS NOT MATERIALIZED (SELECT loans AS n, village_id, principal_fen, outstanding_fen AS outstanding, "      \
    "CASE WHEN oldest <> '' THEN oldest END AS oldest FROM active_loan_figures)" /* no function: no copy per row */

/* SQL: the band of days past due (migration 121: 0 not overdue, 1 1-30 days, 2 31-90, 3 91-180, 4 181-360,
   5 more) on the day bound to ?1 of the oldest unpaid due day o ('' when none); ?2..?5 are the days 30,
   90, 180 and 360 before ?1. */
#define PORTFOLIO_BAND_OF(o)                                                                                       \
    "CASE WHEN " o " = '' OR " o " >= ?1 THEN 0 WHEN " o " >= ?2 THEN 1 WHEN " o " >= ?3 THEN 2 WHEN " o          \
    " >= ?4 THEN 3 WHEN " o " >= ?5 THEN 4 ELSE 5 END"
/* Binds the day to ?1 and the days 30, 90, 180 and 360 before it to ?2..?5 (PORTFOLIO_BAND_OF's
   bounds). SQLITE_OK or the error. */
int portfolio_bind_days(sqlite3_stmt *st, struct date day);
/* SQL: the villages of the scope bound to ?6. */
#define PORTFOLIO_SCOPE_VILLAGES "(SELECT id FROM units WHERE kind = 'village' AND in_scope(path, ?6))"
/* SQL: common table expressions giving b, the portfolio of the villages in the scope ?6 on the day
   bound to ?1 (?2..?5 as for PORTFOLIO_BAND_OF) summed by village and band, as rows (n, village_id,
   principal_fen, outstanding, band). NOW, for today and later: the kept bands (active_loan_bands)
   when they are counted for ?1, else active_loan_figures banded here; both in one statement, so one
   snapshot: a roll to a new day between two reads cannot mix the days. The one-row day table comes
   first (CROSS JOIN), so the arm whose day test fails reads no row; each arm reads the scope's
   villages up its key. THEN, for a past day: PORTFOLIO_LOANS_THEN banded. */
#define PORTFOLIO_BANDS_NOW                                                                                        \
    "b AS NOT MATERIALIZED (SELECT f.loans AS n, f.village_id, f.principal_fen, f.outstanding_fen AS outstanding, " \
    "f.band FROM active_loan_band_day d CROSS JOIN active_loan_bands f WHERE d.day = ?1 AND f.village_id IN "      \
    PORTFOLIO_SCOPE_VILLAGES " UNION ALL SELECT f.loans, f.village_id, f.principal_fen, f.outstanding_fen, "       \
    PORTFOLIO_BAND_OF("f.oldest") " FROM active_loan_band_day d CROSS JOIN active_loan_figures f "                 \
    "WHERE d.day IS NOT ?1 AND f.village_id IN " PORTFOLIO_SCOPE_VILLAGES ")"
#define PORTFOLIO_BANDS_THEN                                                                                       \
    PORTFOLIO_LOANS_THEN ", b AS (SELECT n, village_id, principal_fen, outstanding, "                             \
    PORTFOLIO_BAND_OF("coalesce(oldest, '')") " AS band FROM x WHERE village_id IN " PORTFOLIO_SCOPE_VILLAGES ")"

struct portfolio {
    int64_t loans, disbursed_fen, outstanding_fen, par30_fen;
    int64_t grade_loans[GRADE__MAX], grade_outstanding_fen[GRADE__MAX];
};
/* Sums the loans in the actor's scope as they stood on as_of: for a date before today, rebuilt
   from the repayments made by then (loans settled or paid out since count as they were then). */
int portfolio_summary(struct db *db, const struct user_ctx *actor, struct date as_of, struct date today,
                      struct portfolio *out);

struct village_overdue {
    int64_t village_id;
    char village[NAME_SIZE], township[NAME_SIZE];
    int64_t loans, outstanding_fen;
    long max_dpd;
};
/* Villages with loans overdue on as_of in scope (as they stood then, as portfolio_summary), most
   overdue principal first. Returns the count or -1. */
int portfolio_overdue_by_village(struct db *db, const struct user_ctx *actor, struct date as_of, struct date today,
                                 void (*fn)(const struct village_overdue *, void *), void *ctx);

/* One loan as it stood on a past date (PORTFOLIO_LOANS_THEN): in_portfolio 0 before its
   disbursement or from the day it was settled or paid out; outstanding principal, days past due
   and grade then. */
struct loan_stood {
    int in_portfolio;
    int64_t outstanding_fen;
    long dpd;
    enum loan_grade grade;
};
/* Fills *out for the loan on as_of. 0, or -1 (no such loan, database error). */
int portfolio_loan_stood(struct db *db, int64_t loan_id, struct date as_of, struct loan_stood *out);

/* Active loans in scope whose oldest unpaid instalment fell due within the `days` days before
   as_of (newly overdue). */
int64_t portfolio_newly_overdue(struct db *db, const struct user_ctx *actor, struct date as_of, int days);

/* Unpaid instalments of active loans in scope falling due in [from, to]: their number and the
   principal and interest still due on them. */
void portfolio_due_summary(struct db *db, const struct user_ctx *actor, struct date from, struct date to, int64_t *rows,
                           int64_t *fen);
/* Active loans in scope more than claim_dpd days past due as of a date (the claims list's count). */
int64_t portfolio_claimable(struct db *db, const struct user_ctx *actor, struct date as_of);

/* One village of the portfolio report: flows within [from, to], stocks as of a date. */
struct village_portfolio {
    int64_t village_id;
    char village[NAME_SIZE], township[NAME_SIZE];
    int64_t applications, approved, rejected, decided, decided_on_time; /* applications and decisions in the period */
    int64_t disbursed_loans, disbursed_fen;                              /* loans disbursed in the period */
    int64_t active_loans, outstanding_fen, overdue_fen, par30_fen;       /* active loans as of the date */
    int64_t grade_loans[GRADE__MAX];
    int64_t payouts_fen, recoveries_fen; /* guarantee payouts (代偿) and recoveries (追偿) in the period */
    int64_t written_off_fen;             /* payouts written off (核销, approved) with a date in the period */
};
/* Adds a village's figures to a sum (a township, or everything). */
void portfolio_add(struct village_portfolio *to, const struct village_portfolio *v);
/* Calls fn for every village in the actor's scope, by township then village; the stocks as they
   stood on as_of (as portfolio_summary). Returns the count or -1. */
int portfolio_by_village(struct db *db, const struct user_ctx *actor, struct date as_of, struct date today,
                         const char *from, const char *to, void (*fn)(const struct village_portfolio *, void *),
                         void *ctx);

/* The first day an application in the actor's scope was decided or a loan disbursed (the
   portfolio's flows start with these): the report's period starts there when no start is asked for. 0, or -1 when
   there is none. */
int portfolio_first_day(struct db *db, const struct user_ctx *actor, struct date *out);

#endif
