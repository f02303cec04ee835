/*
 * portfolio_months.h: the portfolio month by month for the dashboard's charts and the quarterly
 * report — principal disbursed in the month, outstanding and PAR30 at its end — from the
 * repayments and schedules (not the carried figures, which only know today). A closed month is
 * computed once for every village together and kept (closed_months, village_months); a scope's
 * figures are then the sum of its villages'. The current month is computed on each request.
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
    int pending; /* a past month not closed yet, left to the background closer (its figures are 0) */
};

/* Fills out[0..n-1] with the n months ending with end's month, oldest first, for the actor's
   scope: each closed month as of its last day, the last month as of end (from the figures the
   loans carry when end is today, else rebuilt from the repayments made by end). A past month not
   closed yet (a new month, a reversal that reopened it, an upgrade) is closed first with
   close_missing (a document waits for exact figures); without it, it is marked pending and left
   to the month closer, so a page never waits for a month's history to be recounted. Returns n, or -1. */
int portfolio_months(struct db *db, const struct user_ctx *actor, struct date end, struct date today, int n,
                     int close_missing, struct month_figure *out);
/* Closes each of the n months before today's month that is not closed yet: computes every
   village's figures as of the month's last day and stores them, one write transaction per month
   (another thread or program closing the same month at once waits and finds it closed). Returns
   the number of months closed now, or -1. */
int portfolio_months_close(struct db *db, struct date today, int n);
/* Reopens the closed months from the month of date on (a reversal changed what they counted):
   the next request or the closer computes them again. Part of the caller's transaction. 0 or -1. */
int portfolio_months_reopen(struct db *db, const char *date);
/* Computes one month's figures for a scope path afresh as of end (rebuilt from the repayments
   made by then), as a closed month's figures are computed, without reading or storing any. */
int portfolio_month_fresh(struct db *db, const char *scope, struct date end, struct month_figure *f);

#endif
