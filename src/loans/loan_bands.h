/*
 * loan_bands.h: today's active loans by village and band of days past due (active_loan_bands,
 * migration 121), the figures the portfolio report, its API and the dashboard read for today. The
 * triggers keep the bands with every write to a loan; a new day moves loans from band to band, so
 * the bands are recounted for it once (loan_bands_roll, from `bangfu serve`'s closer thread). Until
 * then, and for any other day, the reports sum active_loan_figures instead (PORTFOLIO_BANDS_NOW in
 * portfolio.h): the bands only make today cheaper, never different. The same day's overdue
 * instalments by village (overdue_due_figures, migration 122: the overdue list's total) are
 * recounted with them.
 */
#ifndef BANGFU_LOAN_BANDS_H
#define BANGFU_LOAN_BANDS_H

#include "date.h"
#include "db.h"

/* Recounts the bands and the overdue instalments for today unless they are counted for it already
   (one write transaction; a thread or program rolling at once waits and finds them counted). 1 when
   recounted now, 0 when they were counted for today, -1 on error (nothing changed). */
int loan_bands_roll(struct db *db, struct date today);

#endif
