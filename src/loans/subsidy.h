/*
 * subsidy.h: the interest subsidy (贴息) claim for a quarter: per loan, the interest actually
 * paid in the quarter, the part of it eligible for the subsidy, and the part the budget pays, by
 * the configured rule (all interest above a borrower rate, or a percentage). Money in fen, rates
 * exact.
 *
 * Not subsidised (DOMAIN: "Interest subsidy", 对展期、逾期的贷款不予贴息):
 *   - interest of an instalment paid after its due date (a repayment's interest goes to the
 *     instalments oldest first, so the part that lands on an instalment already past due is late);
 *   - penalty and compound interest (罚息、复利): never part of the interest counted;
 *   - a loan paid out by the guarantee (代偿): nothing from the quarter of the payout on;
 *   - an extended loan (展期, loans.extended_on): nothing from the quarter of the extension on.
 */
#ifndef BANGFU_SUBSIDY_H
#define BANGFU_SUBSIDY_H
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "err.h"
#include "text.h"
#include "user.h"

/* The subsidy for interest paid on a loan at a contract rate: in 'borrower_rate' mode the share
   (rate − borrower rate) / rate, in 'percent' mode percent / 100; half-up to the fen. Pure. */
int64_t subsidy_of(int64_t interest_fen, int64_t contract_rate_micro, int borrower_mode, int64_t borrower_rate_micro,
                   int64_t percent);

/* One instalment of a loan's schedule (in order) and one repayment (in booking order), as far as
   the subsidy needs them. */
struct subsidy_due {
    struct date due_on;
    int64_t interest_fen;
};
struct subsidy_paid {
    struct date paid_on;
    int64_t interest_fen;
};
/* Of the interest the repayments made in [from, to] paid, the part that went to instalments
   whose due date was before the repayment: each repayment's interest fills the instalments'
   interest oldest first, continuing where the previous repayment stopped (as repay_apply
   allocates); interest beyond the schedule counts against the last instalment. Pure. */
int64_t subsidy_late_interest(const struct subsidy_due *rows, int nrows, const struct subsidy_paid *pays, int npays,
                              struct date from, struct date to);

/* Why (part of) a loan's interest is not subsidised: bits of subsidy_row.excluded. */
enum {
    SUBSIDY_LATE = 1,        /* interest of instalments paid after their due date */
    SUBSIDY_PENALTY = 2,     /* penalty or compound interest was paid */
    SUBSIDY_COMPENSATED = 4, /* paid out by the guarantee in or before the quarter */
    SUBSIDY_EXTENDED = 8,    /* extended in or before the quarter */
};

#define SUBSIDY_REASON_SIZE 256

struct subsidy_row {
    int64_t loan_id;
    char applicant[NAME_SIZE], village[NAME_SIZE], contract_no[CONTRACT_NO_SIZE];
    int64_t rate_micro;
    int64_t interest_paid_fen;     /* contract interest paid in the quarter (no penalty, no compound) */
    int64_t late_interest_fen;     /* the part of it paid after the instalments' due dates */
    int64_t penalty_paid_fen;      /* penalty and compound interest paid in the quarter (never subsidised) */
    int64_t eligible_interest_fen; /* interest_paid − late, or 0 when compensated or extended */
    int64_t subsidy_fen;
    unsigned excluded;             /* SUBSIDY_* bits */
    char compensated_on[11], extended_on[11]; /* "" when not */
};

/* The subsidy rule in force (parameters subsidy_mode, subsidy_borrower_rate, subsidy_percent). */
struct subsidy_rule {
    int borrower_mode;
    int64_t borrower_rate_micro, percent;
};

/* Completes a row from its interest_paid, late_interest, penalty_paid, compensated_on and
   extended_on for a quarter ending on quarter_end: the exclusions, the eligible interest and the
   subsidy. Pure. */
void subsidy_assess(struct subsidy_row *row, const struct subsidy_rule *rule, struct date quarter_end);
/* Writes why a row is (partly) not subsidised, in Chinese ("" when nothing is excluded), e.g.
   "逾期归还的利息 35.00 元不贴息；2026-08-10 担保代偿，本季起不贴息". 0, or -1 when n is too small
   (SUBSIDY_REASON_SIZE always suffices). Pure. */
int subsidy_reason(const struct subsidy_row *row, char *out, size_t n);

struct subsidy_totals {
    int loans;
    int64_t interest_paid_fen, eligible_interest_fen, subsidy_fen;
};

/* Lists the quarter's claim in the actor's scope, calling fn per loan that paid interest (or
   penalty) in the quarter, subsidised or not. Returns the number of loans or -1 with e filled;
   the sums in *totals. */
int subsidy_claim(struct db *db, const struct user_ctx *actor, struct date from, struct date to,
                  void (*fn)(const struct subsidy_row *, void *), void *ctx, struct subsidy_totals *totals,
                  struct err *e);
/* The same, collected: *rows is a malloc'd array (free it; NULL when empty) of the returned
   number of rows, or -1 with e filled and *rows NULL. */
int subsidy_claim_all(struct db *db, const struct user_ctx *actor, struct date from, struct date to,
                      struct subsidy_row **rows, struct subsidy_totals *totals, struct err *e);

#endif
