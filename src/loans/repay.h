/*
 * repay.h: the pure arithmetic of repaying a loan (no SQL, no I/O): penalty interest (罚息) on
 * overdue principal and compound interest (复利) on overdue interest, allocation of a repayment
 * (oldest period first; within a period penalty, compound, interest, principal), payoff and
 * partial prepayment of principal with interest only for the days run, the rest of the schedule
 * recomputed (same term, lower instalment), days past due, the five-class grade and the
 * overdue bucket. Money is integer fen; rates are millionths of a percent per year (amort.h).
 *
 * The caller keeps one struct repay_row per schedule period (as stored with the loan) and
 * applies repayments in date order; each call updates the rows in place.
 */
#ifndef BANGFU_REPAY_H
#define BANGFU_REPAY_H
#include <stdint.h>

#include "amort.h"
#include "date.h"

#define REPAY_PENALTY_PCT_DEFAULT 150 /* penalty rate = contract rate × 1.5 (银发〔2003〕251号) */

struct repay_row {
    int n;                      /* 1..term rows */
    struct date due_on;
    int64_t principal_fen;      /* scheduled */
    int64_t interest_fen;       /* scheduled */
    int64_t paid_principal_fen;
    int64_t paid_interest_fen;
    int64_t penalty_fen;        /* penalty interest (罚息) on overdue principal accrued so far */
    int64_t paid_penalty_fen;
    int64_t compound_fen;       /* compound interest (复利) on overdue interest accrued so far */
    int64_t paid_compound_fen;
    struct date penalty_through; /* penalty and compound accrued up to this date; {0,0,0} = from the due date */
    /* Set when a prepayment restarted the row's period on a day between due dates: from that day
       the row's interest runs on interest_base_fen, after interest_settled_fen fixed for the days
       before it. {0,0,0}: the period runs from the previous due date (or the disbursement) on the
       principal of this row and the rows after it. */
    struct date interest_from;
    int64_t interest_settled_fen, interest_base_fen;
};

struct repay_loan {
    enum amort_method method;
    enum amort_day_count day_count;
    enum amort_settlement settlement; /* 按季结息 or on the due dates: kept by an extension's new schedule */
    int64_t rate_micro;         /* the contract rate */
    int64_t penalty_pct;        /* penalty and compound rate, % of the contract rate; <= 0: 150 */
    struct date disbursed_on;
    struct date last_paid_on;   /* the latest repayment applied ({0,0,0}: none): earlier dates are refused */
    int term_months;
    int nrows;
    struct repay_row *rows;     /* caller's array, nrows long, capacity for the full term */
};

struct repay_alloc {
    int64_t penalty_fen, compound_fen, interest_fen, principal_fen;
    int64_t prepaid_principal_fen; /* part of principal_fen that was paid ahead of schedule */
    int rescheduled;               /* 1 if a prepayment recomputed the remaining rows */
};

enum repay_result {
    REPAY_OK,
    REPAY_BAD_AMOUNT,  /* amount <= 0 */
    REPAY_BAD_DATE,    /* before the disbursement, or before the latest repayment applied (last_paid_on) */
    REPAY_OVERPAYMENT, /* more than everything still owed as of paid_on */
    REPAY_SETTLED,     /* nothing is owed */
};

/* Accrues penalty interest on each row's overdue principal and compound interest on its overdue
   scheduled interest up to as_of (penalty rate = contract rate × penalty_pct / 100 per year,
   daily rate = annual / 360, half-up to the fen per accrual). Idempotent for a date. */
void repay_accrue(struct repay_loan *loan, struct date as_of);

/* Allocates a repayment made on paid_on: accrues to paid_on, then pays the rows due on or before
   it oldest first (penalty, compound, interest, principal), then the instalment running on
   paid_on. A payment up to that instalment pays it early (its scheduled interest); a payment
   beyond it, or one that settles the loan, pays the running period's interest for the days
   elapsed only, and the rest prepays principal: the remaining balance is re-scheduled over the
   remaining rows (same due dates, the loan's method, interest from paid_on), lowering the
   instalments. Refuses an overpayment (nothing changes). */
enum repay_result repay_apply(struct repay_loan *loan, struct date paid_on, int64_t amount_fen,
                              struct repay_alloc *out);

/* The payoff (今日结清需还): everything owed as of a date, the amount that settles the loan when
   paid then (rows not changed): all penalty and compound interest (as if accrued to as_of)
   + unpaid interest of the rows due on or before as_of + the running period's interest for the
   days elapsed since its start (balance × annual / 360 × days) + all outstanding principal. */
int64_t repay_owed_now(const struct repay_loan *loan, struct date as_of);
/* Penalty (罚息) and compound (复利) interest accrued and unpaid as of a date (as if accrued to it). */
int64_t repay_penalty_unpaid(const struct repay_loan *loan, struct date as_of);
int64_t repay_compound_unpaid(const struct repay_loan *loan, struct date as_of);
/* The principal not yet repaid. */
int64_t repay_outstanding_principal(const struct repay_loan *loan);
/* The overdue amount as of a date: unpaid principal + interest + penalty + compound (as if
   accrued to as_of) of rows due before it. */
int64_t repay_overdue(const struct repay_loan *loan, struct date as_of);
/* Days past due: as_of minus the oldest due date with anything unpaid; 0 when none. */
long repay_dpd(const struct repay_loan *loan, struct date as_of);

enum loan_grade { GRADE_NORMAL, GRADE_SPECIAL_MENTION, GRADE_SUBSTANDARD, GRADE_DOUBTFUL, GRADE_LOSS, GRADE__MAX };
/* 正常 0 DPD, 关注 1–90, 次级 91–180, 可疑 181–360, 损失 361+. */
enum loan_grade repay_grade(long dpd);
const char *repay_grade_code(enum loan_grade g); /* normal, special_mention, substandard, doubtful, loss */
const char *repay_grade_name(enum loan_grade g); /* 正常, 关注, 次级, 可疑, 损失 */
/* The overdue bucket: 0 (current), 1 (1–30), 2 (31–90), 3 (91–180), 4 (181+). */
int repay_bucket(long dpd);

#endif
