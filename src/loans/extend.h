/*
 * extend.h: the pure arithmetic of an extension (展期, docs/domain.md "Extension"): the new
 * schedule of a loan's remaining principal from the extension date. No SQL, no I/O.
 *
 * On the extension date E every row due on or before E must be paid in full (principal,
 * interest, penalty and compound interest) and nothing may have been paid on the rows after it.
 * Those rows are replaced by amort_schedule(outstanding principal, the new rate, `months`, the new
 * method, start E, the loan's day count), numbered on from the last row kept. The interest the
 * running period had earned by E at the old rate (balance × old annual / 360 × the days from the
 * period's start to E, as a payoff on E would charge it) is added to the first new row's interest,
 * which is marked as restarted on E (interest_from = E, settled = that interest, base = the
 * outstanding principal), so a payoff between E and the first new due date charges exactly it
 * plus the days run since E.
 */
#ifndef BANGFU_EXTEND_H
#define BANGFU_EXTEND_H
#include <stdint.h>
#include "amort.h"
#include "date.h"
#include "repay.h"

enum extend_result {
    EXTEND_OK,
    EXTEND_BAD_DATE,   /* on or before the disbursement, or before the latest repayment */
    EXTEND_OVERDUE,    /* something due on or before the date is unpaid */
    EXTEND_PAID_AHEAD, /* a row due after the date has been paid in part */
    EXTEND_SETTLED,    /* nothing is outstanding */
    EXTEND_BAD_TERMS,  /* the new term, rate or method is invalid, or too many rows */
};

struct extend_out {
    int first;               /* index of the first replaced row (rows [first, nrows) are replaced) */
    int64_t outstanding_fen; /* the principal rescheduled */
    int64_t accrued_fen;     /* interest of the running period earned by the date, added to row `first` */
};

/* Replaces the unpaid rows of `loan` (in place, nrows changes) by the new schedule from `on` over
   `months` months at rate_micro with `method`; `max_rows` is the capacity of loan->rows. The
   loan's method and rate become the new ones. On a refusal nothing changes. */
enum extend_result extend_schedule(struct repay_loan *loan, struct date on, int months, int64_t rate_micro,
                                   enum amort_method method, int max_rows, struct extend_out *out);
#endif
