/*
 * repay.c: the pure arithmetic of repayments (see repay.h and docs/domain.md, "Repayments" and
 * "Overdue"). No allocation, no I/O, no globals.
 *
 * The rows are the loan's schedule in due-date order (as amort_schedule makes them). Words used
 * below, for a date `on`:
 *   - a row is DUE on `on` when its due date is on or before `on`, OVERDUE when strictly before;
 *   - the CURRENT row is the first row falling due after `on` (the instalment the borrower is
 *     paying now, often a few days early); it is payable in full, with its scheduled interest
 *     (no proration for the part of the period not yet elapsed);
 *   - the FUTURE rows are the rows after the current one. Nothing is ever paid on them: money
 *     beyond the current row is a prepayment of principal, booked on the current row (its
 *     scheduled principal grows by the amount prepaid) and the future rows are re-scheduled over
 *     the lower balance. So the principal parts of all rows always sum to the loan's principal.
 *
 * Penalty interest (罚息) accrues on a row's unpaid principal for every day in
 * (max(due_on, penalty_through), as_of], at the contract rate × 1.5 with daily rate = annual / 360,
 * rounded half-up to the fen once per accrual (amort_penalty_interest). Only repay_accrue and
 * repay_apply change rows; the read-only functions count the penalty that accruing to their date
 * would add without storing it, so they give the same answers before and after repay_accrue.
 */
#include "repay.h"

#include <stddef.h>
#include <string.h>

/* x, or 0 when x is negative (guards against malformed rows: a part paid beyond its amount). */
static int64_t nonneg(int64_t x)
{
    return x > 0 ? x : 0;
}

/* The unpaid principal of a row (never negative). */
static int64_t unpaid_principal(const struct repay_row *r)
{
    return nonneg(r->principal_fen - r->paid_principal_fen);
}

/* The unpaid scheduled interest of a row (never negative). */
static int64_t unpaid_interest(const struct repay_row *r)
{
    return nonneg(r->interest_fen - r->paid_interest_fen);
}

/* The unpaid penalty interest already accrued on a row (never negative). */
static int64_t unpaid_penalty(const struct repay_row *r)
{
    return nonneg(r->penalty_fen - r->paid_penalty_fen);
}

/* The date from which penalty interest of a row has still to be accrued: the later of its due
   date and penalty_through ({0,0,0} means "nothing accrued yet"). */
static struct date accrual_from(const struct repay_row *r)
{
    if (r->penalty_through.y == 0 || date_cmp(r->penalty_through, r->due_on) < 0)
        return r->due_on;
    return r->penalty_through;
}

/* The penalty interest that accruing row r to as_of would add: the row's unpaid principal for
   the days from accrual_from(r) to as_of. 0 when the row is not overdue on as_of, was accrued
   to as_of or later already, or has no unpaid principal (or when the arithmetic fails, which
   amort_penalty_interest reports only for negative or absurd inputs). */
static int64_t pending_penalty(const struct repay_loan *loan, const struct repay_row *r, struct date as_of)
{
    struct date from = accrual_from(r);
    if (date_cmp(from, as_of) >= 0)
        return 0;
    int64_t principal = unpaid_principal(r);
    if (principal == 0)
        return 0;
    return nonneg(amort_penalty_interest(principal, loan->rate_micro, date_diff(as_of, from)));
}

/*
 * Accrues penalty interest on every overdue row up to as_of: for a row due before as_of whose
 * penalty was accrued up to an earlier date (or never), adds the penalty on its unpaid principal
 * for the days since then (or since the due date) and sets penalty_through = as_of. Rows not
 * overdue on as_of, or already accrued to as_of or later, are left alone: calling it twice with
 * the same date adds nothing, and a date earlier than a previous accrual never takes any back.
 * Does nothing when loan or its rows are NULL.
 */
void repay_accrue(struct repay_loan *loan, struct date as_of)
{
    if (!loan || !loan->rows)
        return;
    for (int i = 0; i < loan->nrows; i++) {
        struct repay_row *r = &loan->rows[i];
        if (date_cmp(accrual_from(r), as_of) >= 0)
            continue;
        r->penalty_fen += pending_penalty(loan, r, as_of);
        r->penalty_through = as_of;
    }
}

/* The index of the current row for a date (the first row due after it), or nrows when every
   row is due on it. */
static int current_row(const struct repay_loan *loan, struct date on)
{
    int i = 0;
    while (i < loan->nrows && date_cmp(loan->rows[i].due_on, on) <= 0)
        i++;
    return i;
}

/* Everything owed on a date: see repay_owed_now. */
static int64_t owed_on(const struct repay_loan *loan, struct date on)
{
    int current = current_row(loan, on);
    int64_t owed = 0;
    for (int i = 0; i < loan->nrows; i++) {
        const struct repay_row *r = &loan->rows[i];
        owed += unpaid_penalty(r) + pending_penalty(loan, r, on) + unpaid_principal(r);
        if (i <= current)
            owed += unpaid_interest(r);
    }
    return owed;
}

/*
 * Everything owed as of a date, i.e. the amount that settles the loan when paid on that date:
 *     unpaid penalty interest of every row, including what accruing to as_of would add
 *   + unpaid scheduled interest of every row due on or before as_of
 *   + unpaid scheduled interest of the current row (the first row due after as_of), in full
 *   + all outstanding principal (of every row, due or not).
 * Interest of the rows after the current one is not owed: paying the principal early removes it
 * (repay_apply re-schedules those rows to zero). The rows are not changed. 0 when loan or its
 * rows are NULL.
 */
int64_t repay_owed_now(const struct repay_loan *loan, struct date as_of)
{
    if (!loan || !loan->rows)
        return 0;
    return owed_on(loan, as_of);
}

/* The principal not yet repaid: the sum over all rows of scheduled minus paid principal. 0 when
   loan or its rows are NULL. */
int64_t repay_outstanding_principal(const struct repay_loan *loan)
{
    int64_t sum = 0;
    if (!loan || !loan->rows)
        return 0;
    for (int i = 0; i < loan->nrows; i++)
        sum += unpaid_principal(&loan->rows[i]);
    return sum;
}

/* The overdue amount as of a date: unpaid principal + scheduled interest + penalty interest of
   the rows due strictly before as_of, the penalty counted as accrued to as_of (whether or not
   repay_accrue was called). A row due on as_of is not overdue yet. 0 when loan or its rows are
   NULL. */
int64_t repay_overdue(const struct repay_loan *loan, struct date as_of)
{
    int64_t sum = 0;
    if (!loan || !loan->rows)
        return 0;
    for (int i = 0; i < loan->nrows; i++) {
        const struct repay_row *r = &loan->rows[i];
        if (date_cmp(r->due_on, as_of) < 0)
            sum += unpaid_principal(r) + unpaid_interest(r) + unpaid_penalty(r) + pending_penalty(loan, r, as_of);
    }
    return sum;
}

/* Days past due: as_of minus the oldest due date, before as_of, of a row with unpaid principal
   or unpaid scheduled interest (unpaid penalty alone does not make a loan past due). 0 when there
   is none, or when loan or its rows are NULL. */
long repay_dpd(const struct repay_loan *loan, struct date as_of)
{
    long dpd = 0;
    if (!loan || !loan->rows)
        return 0;
    for (int i = 0; i < loan->nrows; i++) {
        const struct repay_row *r = &loan->rows[i];
        if (date_cmp(r->due_on, as_of) < 0 && (unpaid_principal(r) > 0 || unpaid_interest(r) > 0)) {
            long days = date_diff(as_of, r->due_on);
            if (days > dpd)
                dpd = days;
        }
    }
    return dpd;
}

/* Whole months from due date a to due date b (the engine puts due dates on the start's day of
   month or the month's last day, so the calendar months between them are the period's months);
   at least 1. */
static int months_between(struct date a, struct date b)
{
    int m = (b.y - a.y) * 12 + (b.m - a.m);
    return m < 1 ? 1 : m;
}

/* a / b rounded half-up, for a >= 0 and b > 0 (the engine's rounding of P / n). */
static int64_t div_round(int64_t a, int64_t b)
{
    return a / b + ((a % b) >= b - (a % b) ? 1 : 0);
}

/*
 * Re-schedules rows [first, nrows) over `balance` (first >= 1), keeping their number and due
 * dates: the same computation as amort_schedule for `balance` over the remaining months from
 * the due date of row first - 1, with the loan's method:
 *   - every row's interest = amort_interest(balance before it, rate, months since the previous
 *     due date) (按季付息: 3 months, a final shorter quarter its months);
 *   - 等额本息: principal = A - interest, A = amort_installment(balance, rate, rows left);
 *     等额本金: principal = balance / rows left, half-up; interest-only methods: 0;
 *     never below 0 nor above the balance; the last row repays what is left.
 * The caller makes sure nothing was paid on these rows; their paid parts are set to 0.
 */
static void reschedule(struct repay_loan *loan, int first, int64_t balance)
{
    const int left = loan->nrows - first;
    if (first < 1 || left < 1)
        return;
    int64_t each = 0;
    if (loan->method == AMORT_EQUAL_INSTALLMENT)
        each = nonneg(amort_installment(balance, loan->rate_micro, left));
    else if (loan->method == AMORT_EQUAL_PRINCIPAL)
        each = div_round(balance, left);
    struct date prev = loan->rows[first - 1].due_on;
    for (int i = first; i < loan->nrows; i++) {
        struct repay_row *r = &loan->rows[i];
        int64_t interest = nonneg(amort_interest(balance, loan->rate_micro, months_between(prev, r->due_on)));
        int64_t principal = 0;
        if (loan->method == AMORT_EQUAL_INSTALLMENT)
            principal = each - interest;
        else if (loan->method == AMORT_EQUAL_PRINCIPAL)
            principal = each;
        if (principal < 0)
            principal = 0;
        if (principal > balance || i == loan->nrows - 1)
            principal = balance;
        r->principal_fen = principal;
        r->interest_fen = interest;
        r->paid_principal_fen = 0;
        r->paid_interest_fen = 0;
        balance -= principal;
        prev = r->due_on;
    }
}

/* Pays min(*left, due) into *paid and takes it from *left. Returns what was paid (0 when due
   or *left is not positive). */
static int64_t pay(int64_t *left, int64_t due, int64_t *paid)
{
    int64_t x = due < *left ? due : *left;
    if (x <= 0)
        return 0;
    *paid += x;
    *left -= x;
    return x;
}

/*
 * Applies a repayment of amount_fen made on paid_on, updating the rows in place, and fills *out
 * (when not NULL) with the allocation. Steps:
 *   1. accrue penalty interest to paid_on (repay_accrue);
 *   2. row by row, oldest first, over every row due on or before paid_on and then the current
 *      row: pay its penalty, then its interest, then its principal (the current row's interest
 *      is its scheduled interest, not prorated);
 *   3. pay any penalty left on later rows (only there when rows were accrued to a later date);
 *   4. what is left is a partial prepayment of principal: it is booked on the current row
 *      (scheduled and paid principal both grow by it) and the rows after it are re-scheduled over
 *      the remaining principal with the loan's method, keeping their number and due dates
 *      (lower instalments, lower interest; out->rescheduled = 1, out->prepaid_principal_fen).
 *      利随本清 has a single row, which is always due or current, so it is never re-scheduled:
 *      a payment before maturity pays the whole term's interest (fixed by the contract) first
 *      and then reduces the principal due at maturity; paying early never lowers the interest
 *      (the same rule as the current instalment of every method, and what repay_owed_now owes).
 * out->penalty_fen + interest_fen + principal_fen == amount_fen exactly.
 *
 * Returns REPAY_OK, or, with the rows left exactly as they were (no accrual either) and *out
 * zeroed: REPAY_BAD_AMOUNT when amount_fen <= 0; REPAY_BAD_DATE when paid_on is before the
 * disbursement, or before a repayment already applied (a row after the current one has been
 * paid: repayments must be applied in date order); REPAY_SETTLED when nothing is owed;
 * REPAY_OVERPAYMENT when amount_fen > repay_owed_now(loan, paid_on). Paying exactly
 * repay_owed_now(loan, paid_on) settles the loan.
 */
enum repay_result repay_apply(struct repay_loan *loan, struct date paid_on, int64_t amount_fen, struct repay_alloc *out)
{
    struct repay_alloc scratch;
    if (!out)
        out = &scratch;
    memset(out, 0, sizeof *out);
    if (amount_fen <= 0)
        return REPAY_BAD_AMOUNT;
    if (!loan || !loan->rows || loan->nrows < 1)
        return REPAY_SETTLED;
    if (date_cmp(paid_on, loan->disbursed_on) < 0)
        return REPAY_BAD_DATE;
    const int current = current_row(loan, paid_on);
    for (int i = current + 1; i < loan->nrows; i++)
        if (loan->rows[i].paid_principal_fen != 0 || loan->rows[i].paid_interest_fen != 0)
            return REPAY_BAD_DATE;
    int64_t owed = owed_on(loan, paid_on);
    if (owed == 0)
        return REPAY_SETTLED;
    if (amount_fen > owed)
        return REPAY_OVERPAYMENT;

    /* From here on every fen of amount_fen finds a place (amount_fen <= owed), so no refusal. */
    repay_accrue(loan, paid_on);
    int64_t left = amount_fen;
    for (int i = 0; i <= current && i < loan->nrows && left > 0; i++) {
        struct repay_row *r = &loan->rows[i];
        out->penalty_fen += pay(&left, unpaid_penalty(r), &r->paid_penalty_fen);
        out->interest_fen += pay(&left, unpaid_interest(r), &r->paid_interest_fen);
        out->principal_fen += pay(&left, unpaid_principal(r), &r->paid_principal_fen);
    }
    for (int i = current + 1; i < loan->nrows && left > 0; i++)
        out->penalty_fen += pay(&left, unpaid_penalty(&loan->rows[i]), &loan->rows[i].paid_penalty_fen);
    if (left > 0 && current + 1 < loan->nrows) {
        int64_t rest = 0;
        for (int i = current + 1; i < loan->nrows; i++)
            rest += unpaid_principal(&loan->rows[i]);
        int64_t prepay = left < rest ? left : rest;
        struct repay_row *c = &loan->rows[current];
        c->principal_fen += prepay;
        c->paid_principal_fen += prepay;
        reschedule(loan, current + 1, rest - prepay);
        out->principal_fen += prepay;
        out->prepaid_principal_fen = prepay;
        out->rescheduled = 1;
    }
    return REPAY_OK;
}

/* The five-class grade (五级分类) for a number of days past due: 0 (or less) normal, 1-90 special
   mention, 91-180 substandard, 181-360 doubtful, 361 and more loss. */
enum loan_grade repay_grade(long dpd)
{
    if (dpd <= 0)
        return GRADE_NORMAL;
    if (dpd <= 90)
        return GRADE_SPECIAL_MENTION;
    if (dpd <= 180)
        return GRADE_SUBSTANDARD;
    if (dpd <= 360)
        return GRADE_DOUBTFUL;
    return GRADE_LOSS;
}

/* The stable code of a grade ("normal" .. "loss"), or NULL when g is out of range. */
const char *repay_grade_code(enum loan_grade g)
{
    static const char *const codes[GRADE__MAX] = {"normal", "special_mention", "substandard", "doubtful", "loss"};
    return (unsigned)g < GRADE__MAX ? codes[g] : NULL;
}

/* The Chinese name of a grade (正常 .. 损失), or NULL when g is out of range. */
const char *repay_grade_name(enum loan_grade g)
{
    static const char *const names[GRADE__MAX] = {"正常", "关注", "次级", "可疑", "损失"};
    return (unsigned)g < GRADE__MAX ? names[g] : NULL;
}

/* The overdue bucket for a number of days past due: 0 current (0 or less), 1 for 1-30, 2 for
   31-90, 3 for 91-180, 4 for 181 and more. */
int repay_bucket(long dpd)
{
    if (dpd <= 0)
        return 0;
    if (dpd <= 30)
        return 1;
    if (dpd <= 90)
        return 2;
    if (dpd <= 180)
        return 3;
    return 4;
}
