/*
 * subsidy.h: the interest subsidy (贴息) claim for a quarter: per loan, the interest actually
 * paid in the quarter and the part the budget pays, by the configured rule (all interest above a
 * borrower rate, or a percentage). Money in fen, rates exact.
 */
#ifndef BANGFU_SUBSIDY_H
#define BANGFU_SUBSIDY_H
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "err.h"
#include "user.h"

/* The subsidy for interest paid on a loan at a contract rate: in 'borrower_rate' mode the share
   (rate − borrower rate) / rate, in 'percent' mode percent / 100; half-up to the fen. Pure. */
int64_t subsidy_of(int64_t interest_fen, int64_t contract_rate_micro, int borrower_mode, int64_t borrower_rate_micro,
                   int64_t percent);

struct subsidy_row {
    int64_t loan_id;
    char applicant[96], village[64], contract_no[64];
    int64_t rate_micro;
    int64_t interest_paid_fen, subsidy_fen;
};

/* Parses "2026Q3" into the quarter's first and last day. 0 or -1. */
int subsidy_quarter(const char *s, struct date *from, struct date *to);
/* Lists the quarter's claim in the actor's scope, calling fn per loan with interest paid.
   Returns the number of loans or -1 with e filled; totals in *interest and *subsidy. */
int subsidy_claim(struct db *db, const struct user_ctx *actor, struct date from, struct date to,
                  void (*fn)(const struct subsidy_row *, void *), void *ctx, int64_t *interest, int64_t *subsidy,
                  struct err *e);

#endif
