/*
 * servicing.h: disbursed loans (贷款) from the credit union's contract to settlement: the stored
 * repayment schedule, repayments booked by receipt number (never twice), and the figures as of
 * any date (outstanding, overdue, days past due, grade). The arithmetic is repay.c's; this file
 * holds the SQL, the scope checks and the transactions.
 */
#ifndef BANGFU_SERVICING_H
#define BANGFU_SERVICING_H
#include <jansson.h>
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "err.h"
#include "repay.h"
#include "user.h"
#include "text.h"

#define LOAN_MAX_ROWS 360
#define LOAN_REASON_MAX_CHARS 200 /* a reversal's reason */
#define LOAN_RECEIPT_MAX_CHARS 50 /* the credit union's receipt number */

struct disburse_input {
    int64_t application_id;
    const char *contract_no;
    const char *disbursed_on;
    int64_t principal_fen;
    const char *annual_rate; /* exact decimal percent, "4.35" */
    const char *method;      /* amort method code */
    int64_t term_months;
    const char *day_count;   /* "month" or "actual360"; NULL: the method's default */
};

/* Records the credit union's loan for a guaranteed application and stores its schedule.
   Returns the loan id or -1 with e filled (422 naming the field; 409 wrong state). */
int64_t servicing_disburse(struct db *db, const struct user_ctx *actor, const struct disburse_input *in,
                           struct date today, struct err *e);

struct repayment_row {
    int64_t id;
    char paid_on[11];
    char receipt_no[DOC_NO_SIZE];
    int64_t amount_fen, penalty_fen, compound_fen, interest_fen, principal_fen, prepaid_principal_fen;
    char created_by[NAME_SIZE];
    int64_t reverses_id;   /* a reversal (冲正, negative amounts): the repayment it cancels; else 0 */
    int64_t reversed_by;   /* a reversed repayment: the reversal's id; else 0 */
    char reason[4 * LOAN_REASON_MAX_CHARS + 1]; /* the reversal's reason (on both rows) */
};

struct serviced_loan {
    int64_t id, application_id, household_id, village_id;
    char applicant[NAME_SIZE], applicant_phone[16], village[NAME_SIZE], project_name[PROJECT_NAME_SIZE];
    char contract_no[CONTRACT_NO_SIZE];
    char disbursed_on[11];
    int64_t principal_fen;
    char state[16]; /* active, settled, compensated */
    char settled_on[11];
    struct repay_loan terms; /* method, rate, dates; rows points at the array below */
    struct repay_row rows[LOAN_MAX_ROWS];
    int nrepayments;                 /* every repayment and reversal, in date order: no cap */
    struct repayment_row *repayments; /* owned: servicing_free */
};

/* A zeroed loan on the heap (the struct is large), or NULL. Free it with servicing_free. */
struct serviced_loan *servicing_alloc(void);
/* Frees a loan from servicing_alloc and its repayments (NULL is fine). */
void servicing_free(struct serviced_loan *l);
/* Loads a loan in the actor's scope (404/403) with its rows and all its repayments into a
   struct from servicing_alloc (reusable: a previous loan's repayments are freed). */
int servicing_get(struct db *db, const struct user_ctx *actor, int64_t id, struct serviced_loan *out, struct err *e);
/* The loan as API JSON with figures as of a date (penalty accrued on a copy). New reference. */
json_t *servicing_json(const struct serviced_loan *l, struct date as_of);

#define SERVICING_RECEIPT_MAX 256 /* a receipt number as typed, before trimming (50 characters kept) */

/* Books a repayment after checking the loan is in the actor's scope. The receipt number is
   trimmed and blank is refused; the same number again (ASCII case ignored) with the same date
   and amount books nothing and answers the first booking (*duplicate = 1); with another date
   or amount it is 409 receipt_conflict; on another loan 409 receipt_on_other_loan. Refuses an overpayment (422) and a date
   before the last repayment or after today. Returns the repayment id or -1 with e filled. */
int64_t servicing_repay(struct db *db, const struct user_ctx *actor, int64_t loan_id, const char *paid_on,
                        int64_t amount_fen, const char *receipt_no, struct date today, struct repay_alloc *out,
                        int *duplicate, struct err *e);

/* Reverses (冲正) a loan's latest live repayment with a reason: the schedule rows, the loan's
   carried figures and state return exactly to what they were before it, and a negative record of
   the same receipt, dated as the repayment, is appended (so every sum over repayments returns
   too, and cached month-end figures from its month on are dropped, to be computed again); the
   receipt number may then be booked again. Audited. Refused, changing nothing: 422
   invalid_reason; 404 not_found (not a repayment of this loan); 409 already_reversed,
   not_latest (a later repayment must be reversed first), loan_compensated, no_snapshot (booked
   before reversals were kept). Returns the reversal's id or -1 with e filled. */
int64_t servicing_reverse(struct db *db, const struct user_ctx *actor, int64_t loan_id, int64_t repayment_id,
                          const char *reason, struct err *e);
/* 1 while a booking of the receipt number stands (booked and not reversed). */
int servicing_receipt_live(struct db *db, const char *receipt_no);

/* 1 when the household has a programme loan overdue as of today, or paid out by the guarantee. */
int servicing_household_blocked(struct db *db, int64_t household_id, struct date today);

struct due_row {
    int64_t loan_id;
    char applicant[NAME_SIZE], phone[16], village[NAME_SIZE], contract_no[CONTRACT_NO_SIZE];
    int n;
    char due_on[11];
    int64_t due_fen;     /* unpaid principal + interest of the row */
    long days_overdue;   /* as_of minus the due date when it has passed, else 0 */
    int64_t penalty_fen; /* the row's penalty and compound interest unpaid as of as_of (0 when not overdue) */
};
/* Unpaid rows of active loans in scope falling due in [from, to]
   (overdue: due before `to` when from is {0,0,0}), ordered by village then due date, with days
   overdue and penalty as of as_of. Returns the count or -1. */
int servicing_due_list(struct db *db, const struct user_ctx *actor, struct date from, struct date to,
                       struct date as_of, void (*fn)(const struct due_row *, void *), void *ctx);

/* The loan id of an application, or 0 when it has not been disbursed. */
int64_t servicing_loan_of(struct db *db, int64_t application_id);

/* Pays the credit union's claim (代偿) from the guarantee fund for a loan more than claim_dpd
   days past due on `on`: the covered part (coverage %) of the outstanding principal, unpaid
   interest, penalty and compound interest. Refused with 409 not_claimable / insufficient_funds; the loan becomes
   compensated and its guarantee inactive. Returns the fund entry id or -1; *paid_fen gets the amount. */
int64_t servicing_compensate(struct db *db, const struct user_ctx *actor, int64_t loan_id, const char *on,
                             struct date today, int64_t *paid_fen, struct err *e);
/* Records a recovery (追偿) from the borrower or a counter-guarantor into the fund, at most what
   was paid out less earlier recoveries. Returns the fund entry id or -1. */
int64_t servicing_recover(struct db *db, const struct user_ctx *actor, int64_t loan_id, const char *on,
                          int64_t amount_fen, const char *source, const char *document_no, struct date today,
                          struct err *e);

struct claim_row {
    int64_t loan_id;
    char applicant[NAME_SIZE], village[NAME_SIZE], contract_no[CONTRACT_NO_SIZE], oldest_due[11];
    long dpd;
    int64_t outstanding_fen;
};
/* Active loans in scope more than claim_dpd days past due as of a date (the credit union may
   claim the guarantee), oldest first. Returns the count or -1. */
int servicing_claims(struct db *db, const struct user_ctx *actor, struct date as_of,
                     void (*fn)(const struct claim_row *, void *), void *ctx);

#endif
