/*
 * portfolio.h: loan portfolio figures for a unit as of a date — active loans, disbursed and
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

struct portfolio {
    int64_t loans, disbursed_fen, outstanding_fen, par30_fen;
    int64_t grade_loans[GRADE__MAX], grade_outstanding_fen[GRADE__MAX];
};
/* Sums the active loans in the actor's scope as of a date. 0 or -1. */
int portfolio_summary(struct db *db, const struct user_ctx *actor, struct date as_of, struct portfolio *out);

struct village_overdue {
    int64_t village_id;
    char village[64], township[64];
    int64_t loans, outstanding_fen;
    long max_dpd;
};
/* Villages with overdue active loans in scope, most overdue principal first. Returns the count or -1. */
int portfolio_overdue_by_village(struct db *db, const struct user_ctx *actor, struct date as_of,
                                 void (*fn)(const struct village_overdue *, void *), void *ctx);

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
    char village[64], township[64];
    int64_t applications, approved, rejected, decided, decided_on_time; /* applications and decisions in the period */
    int64_t disbursed_loans, disbursed_fen;                              /* loans disbursed in the period */
    int64_t active_loans, outstanding_fen, overdue_fen, par30_fen;       /* active loans as of the date */
    int64_t grade_loans[GRADE__MAX];
    int64_t payouts_fen, recoveries_fen; /* guarantee payouts (代偿) and recoveries (追偿) in the period */
};
/* Adds a village's figures to a sum (a township, or everything). */
void portfolio_add(struct village_portfolio *to, const struct village_portfolio *v);
/* Calls fn for every village in the actor's scope, by township then village. Returns the count or -1. */
int portfolio_by_village(struct db *db, const struct user_ctx *actor, struct date as_of, const char *from,
                         const char *to, void (*fn)(const struct village_portfolio *, void *), void *ctx);

#endif
