/*
 * portfolio_months.h: the portfolio month by month for the dashboard's charts — principal
 * disbursed in the month, outstanding and PAR30 at its end — from the repayments and schedules
 * (not the carried figures, which only know today). A closed month is computed once, when first
 * asked for, and kept in month_figures; the current month is computed on each request.
 */
#ifndef BANGFU_PORTFOLIO_MONTHS_H
#define BANGFU_PORTFOLIO_MONTHS_H
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "user.h"

struct month_figure {
    char month[8]; /* YYYY-MM */
    int64_t disbursed_fen, outstanding_fen, par30_fen;
};

/* Fills out[0..n-1] with the n months ending with end's month, oldest first, for the actor's
   scope: each closed month as of its last day, the last month as of end (from the figures the
   loans carry when end is today, else rebuilt from the repayments made by end). Returns n, or -1. */
int portfolio_months(struct db *db, const struct user_ctx *actor, struct date end, struct date today, int n,
                     struct month_figure *out);

#endif
