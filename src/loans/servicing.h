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
#include "keyset.h"
#include "db.h"
#include "db_row.h"
#include "borrower.h"
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

/* A repayment or reversal with who booked it and, when reversed, the reversal. */
#define REPAYMENT_ROW(X, _)                                                                                             \
    X("r.id", INT64, id) _ X("r.paid_on", DATE, paid_on) _ X("r.receipt_no", TEXT(DOC_NO_SIZE), receipt_no) _        \
        X("r.amount_fen", MONEY, amount_fen) _ X("r.penalty_fen", MONEY, penalty_fen) _                               \
        X("r.compound_fen", MONEY, compound_fen) _ X("r.interest_fen", MONEY, interest_fen) _                         \
        X("r.principal_fen", MONEY, principal_fen) _ X("r.prepaid_principal_fen", MONEY, prepaid_principal_fen) _     \
        X("u.name", TEXT(NAME_SIZE), created_by) _                                                                     \
        /* a reversal (冲正, negative amounts): the repayment it cancels; else 0 */                                     \
        X("coalesce(r.reverses_id, 0)", INT64, reverses_id) _                                                          \
        /* a reversed repayment: the reversal's id; else 0 */                                                          \
        X("coalesce(x.id, 0)", INT64, reversed_by) _                                                                   \
        /* the reversal's reason (on both rows) */                                                                     \
        X("coalesce(x.reason, r.reason)", TEXT(TEXT_SIZE(LOAN_REASON_MAX_CHARS)), reason)
struct repayment_row {
    DB_ROW_FIELDS(REPAYMENT_ROW)
};

/* A disbursed loan with its applicant (the head of household) and village. */
#define SERVICED_LOAN_ROW(X, _)                                                                                         \
    X("l.id", INT64, id) _ X("l.application_id", INT64, application_id) _ X("a.household_id", INT64, household_id) _ \
        X("h.village_id", INT64, village_id) _ X(BORROWER_NAME, TEXT(NAME_SIZE), applicant) _                         \
        X("hm.phone", TEXT(PHONE_SIZE), applicant_phone) _ X("v.name", TEXT(NAME_SIZE), village) _                    \
        X("hm.id_number", TEXT(ID_NUMBER_SIZE), applicant_id_number) /* full: mask it wherever printed */ _           \
        X("a.project_name", TEXT(PROJECT_NAME_SIZE), project_name) _                                                   \
        X("l.contract_no", TEXT(CONTRACT_NO_SIZE), contract_no) _ X("l.disbursed_on", DATE, disbursed_on) _           \
        X("l.principal_fen", MONEY, principal_fen) _                                                                   \
        X("l.state", TEXT(CODE_SIZE), state) /* active, settled, compensated */ _                                      \
        X("coalesce(l.settled_on, '')", DATE, settled_on) _ X("a.product_id", INT64, product_id) _                   \
        X("coalesce(a.organisation_id, 0)", INT64, organisation_id)
struct serviced_loan {
    DB_ROW_FIELDS(SERVICED_LOAN_ROW)
    struct repay_loan terms; /* method, rate, dates; rows points at the array below */
    struct repay_row rows[LOAN_MAX_ROWS];
    int nrepayments;                 /* every repayment and reversal, in date order: no cap */
    struct repayment_row *repayments; /* owned: servicing_free */
};

/* A zeroed loan on the heap (the struct is large), or NULL. Free it with servicing_free. */
struct serviced_loan *servicing_alloc(void);
/* Frees a loan from servicing_alloc and its repayments (NULL is fine). */
void servicing_free(struct serviced_loan *l);
/* What every change to a loan starts with: opens a transaction and loads loan id in the actor's
   scope (servicing_get) into a new loan. NULL with e filled and the transaction rolled back (or
   never opened); else the caller commits or rolls back and servicing_frees the loan. */
struct serviced_loan *servicing_open(struct db *db, const struct user_ctx *actor, int64_t id, struct err *e);

/* The columns that hold a schedule row's state (everything a reversal restores), as the SQL that
   copies rows between loan_schedule, a repayment's snapshot (repayment_rows_before) and the rows
   an extension superseded (loan_schedule_superseded) names them. */
#define SCHEDULE_STATE_COLUMNS                                                                                          \
    "principal_fen, interest_fen, paid_principal_fen, paid_interest_fen, penalty_fen, paid_penalty_fen, "             \
    "compound_fen, paid_compound_fen, penalty_through, interest_from, interest_settled_fen, interest_base_fen, settled"
/* Loads a loan in the actor's scope (404/403) with its rows and all its repayments into a
   struct from servicing_alloc (reusable: a previous loan's repayments are freed). */
int servicing_get(struct db *db, const struct user_ctx *actor, int64_t id, struct serviced_loan *out, struct err *e);
/* servicing_get with only the latest standing repayment (nrepayments 0 or 1): what the figures as of a
   date need (the schedule and the last payment day), for lists that show figures, not the repayments. */
int servicing_get_figures(struct db *db, const struct user_ctx *actor, int64_t id, struct serviced_loan *out,
                          struct err *e);
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

/* An unpaid schedule row of an active loan, with whom to call. */
#define DUE_ROW(X, _)                                                                                                   \
    X("l.id", INT64, loan_id) _ X(BORROWER_NAME, TEXT(NAME_SIZE), applicant) _ X("hm.phone", TEXT(PHONE_SIZE), phone) _ \
        X("v.name", TEXT(NAME_SIZE), village) _ X("v.id", INT64, village_id) _ X("l.contract_no", TEXT(CONTRACT_NO_SIZE), contract_no) _             \
        X("s.n", INT, n) _ X("s.due_on", DATE, due_on) _                                                               \
        X("s.principal_fen - s.paid_principal_fen + s.interest_fen - s.paid_interest_fen", MONEY,                     \
          due_fen) /* unpaid principal + interest of the row */
struct due_row {
    DB_ROW_FIELDS(DUE_ROW)
    long days_overdue;   /* as_of minus the due date when it has passed, else 0 */
    int64_t penalty_fen; /* the row's penalty and compound interest unpaid as of as_of (0 when not overdue) */
};
/* Unpaid rows of active loans in scope falling due in [from, to]
   (overdue: due before `to` when from is {0,0,0}), ordered by village then due date, with days
   overdue and penalty as of as_of; page NULL: every row, else the keyset page (keyset.h; cursor:
   village name, village id, due date, loan id, instalment: each page reads only its own rows).
   Returns the rows given to fn or -1. */
int servicing_due_list(struct db *db, const struct user_ctx *actor, struct date from, struct date to,
                       struct date as_of, struct keyset *page, void (*fn)(const struct due_row *, void *), void *ctx);

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

/* An active loan past due, its oldest unpaid due date and outstanding principal. */
#define CLAIM_ROW(X, _)                                                                                                 \
    X("l.id", INT64, loan_id) _ X(BORROWER_NAME, TEXT(NAME_SIZE), applicant) _ X("v.name", TEXT(NAME_SIZE), village) _ \
        X("l.contract_no", TEXT(CONTRACT_NO_SIZE), contract_no) _ X("l.oldest_unpaid_due", DATE, oldest_due) _         \
        X("l.outstanding_principal_fen", MONEY, outstanding_fen)
struct claim_row {
    DB_ROW_FIELDS(CLAIM_ROW)
    long dpd;
};
/* Active loans in scope more than claim_dpd days past due as of a date (the credit union may
   claim the guarantee), oldest first, read from each loan's carried oldest unpaid due date and
   outstanding principal. page NULL: all of them; else the keyset page (keyset.h: rows after its
   cursor, at most its limit, and the previous page's cursor). Returns the rows given to fn or -1. */
int servicing_claims(struct db *db, const struct user_ctx *actor, struct date as_of, struct keyset *page,
                     void (*fn)(const struct claim_row *, void *), void *ctx);

#endif
