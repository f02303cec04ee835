/*
 * repay.c: the pure arithmetic of repayments (see repay.h and docs/domain.md, "Repayments" and
 * "Overdue"). No allocation, no I/O, no globals.
 *
 * The rows are the loan's schedule in due-date order (as amort_schedule makes them). Words used
 * below, for a date `on`:
 *   - a row is DUE on `on` when its due date is on or before `on`, OVERDUE when strictly before;
 *   - the RUNNING row is the first row falling due after `on` that is not fully paid: the period
 *     whose interest is running on `on`. Its period starts at the previous row's due date (or the
 *     disbursement), or at interest_from when a prepayment restarted it;
 *   - the interest RUN on the running row by `on` is interest_settled_fen + its balance × annual
 *     / 360 × the days from the start of its period to `on` (never more than its scheduled
 *     interest, never less than what was paid on it). The balance is interest_base_fen for a
 *     restarted row, else the principal of this row and the rows after it (overdue principal of
 *     earlier rows bears penalty interest instead);
 *   - the rows after the running one are FUTURE rows: nothing is ever paid on them. Money beyond
 *     the running row is a prepayment of principal, booked on the running row (its scheduled
 *     principal grows by the amount prepaid) and the future rows are re-scheduled over the lower
 *     balance. So the principal parts of all rows always sum to the loan's principal.
 *
 * Penalty interest (罚息) accrues on a row's unpaid principal and compound interest (复利) on its
 * unpaid scheduled interest for every day in (max(due_on, penalty_through), as_of], at the
 * penalty rate (contract rate × penalty_pct / 100) with daily rate = annual / 360, rounded
 * half-up to the fen once per accrual (amort_penalty_interest). Only repay_accrue and
 * repay_apply change rows; the read-only functions count what accruing to their date would add
 * without storing it, so they give the same answers before and after repay_accrue.
 */
#include "repay.h"

#include <stddef.h>
#include <string.h>

#include "money.h"

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

/* The unpaid penalty and compound interest already accrued on a row (never negative). */
static int64_t unpaid_penalty(const struct repay_row *r)
{
    return nonneg(r->penalty_fen - r->paid_penalty_fen);
}
static int64_t unpaid_compound(const struct repay_row *r)
{
    return nonneg(r->compound_fen - r->paid_compound_fen);
}

/* The loan's penalty rate as a percentage of the contract rate (150 when not set). */
static int64_t penalty_pct(const struct repay_loan *loan)
{
    return loan->penalty_pct > 0 ? loan->penalty_pct : REPAY_PENALTY_PCT_DEFAULT;
}

/* The date from which penalty and compound interest of a row have still to be accrued: the
   later of its due date and penalty_through ({0,0,0} means "nothing accrued yet"). */
static struct date accrual_from(const struct repay_row *r)
{
    if (r->penalty_through.y == 0 || date_cmp(r->penalty_through, r->due_on) < 0)
        return r->due_on;
    return r->penalty_through;
}

/* What accruing row r to as_of would add on `amount` (its unpaid principal for penalty, its
   unpaid interest for compound): the days from accrual_from(r) to as_of at the penalty rate.
   0 when the row is not overdue on as_of, was accrued to as_of or later already, or amount is 0. */
static int64_t pending_on(const struct repay_loan *loan, const struct repay_row *r, int64_t amount, struct date as_of)
{
    struct date from = accrual_from(r);
    if (date_cmp(from, as_of) >= 0 || amount == 0)
        return 0;
    return nonneg(amort_penalty_interest(amount, loan->rate_micro, penalty_pct(loan), date_diff(as_of, from)));
}

static int64_t pending_penalty(const struct repay_loan *loan, const struct repay_row *r, struct date as_of)
{
    return pending_on(loan, r, unpaid_principal(r), as_of);
}

static int64_t pending_compound(const struct repay_loan *loan, const struct repay_row *r, struct date as_of)
{
    return pending_on(loan, r, unpaid_interest(r), as_of);
}

/*
 * Accrues penalty and compound interest on every overdue row up to as_of: for a row due before
 * as_of whose accrual stopped at an earlier date (or never started), adds the penalty on its
 * unpaid principal and the compound interest on its unpaid scheduled interest for the days
 * since then (or since the due date) and sets penalty_through = as_of. Rows not overdue on
 * as_of, or already accrued to as_of or later, are left alone: calling it twice with the same
 * date adds nothing, and a date earlier than a previous accrual never takes any back. Does
 * nothing when loan or its rows are NULL.
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
        r->compound_fen += pending_compound(loan, r, as_of);
        r->penalty_through = as_of;
    }
}

/* The index of the first row due after a date, or nrows when every row is due on it. */
static int first_after(const struct repay_loan *loan, struct date on)
{
    int i = 0;
    while (i < loan->nrows && date_cmp(loan->rows[i].due_on, on) <= 0)
        i++;
    return i;
}

/* The running row on a date (the first row due after it that is not fully paid), or nrows. */
static int running_row(const struct repay_loan *loan, struct date on)
{
    int i = first_after(loan, on);
    while (i < loan->nrows && unpaid_principal(&loan->rows[i]) == 0 && unpaid_interest(&loan->rows[i]) == 0)
        i++;
    return i;
}

/* The start of row i's period: interest_from when restarted, else the previous due date or the
   disbursement. */
static struct date period_start(const struct repay_loan *loan, int i)
{
    if (loan->rows[i].interest_from.y)
        return loan->rows[i].interest_from;
    return i > 0 ? loan->rows[i - 1].due_on : loan->disbursed_on;
}

/* The interest of row i run by `on` (see the file comment): what the row's interest becomes if
   its period is closed on `on`. */
static int64_t run_interest(const struct repay_loan *loan, int i, struct date on)
{
    const struct repay_row *r = &loan->rows[i];
    int64_t base = r->interest_base_fen, settled = r->interest_settled_fen;
    if (!r->interest_from.y) {
        base = 0;
        for (int k = i; k < loan->nrows; k++)
            base += loan->rows[k].principal_fen;
        settled = 0;
    }
    long days = date_diff(on, period_start(loan, i));
    int64_t x = settled + nonneg(amort_daily_interest(base, loan->rate_micro, days < 0 ? 0 : days));
    if (x > r->interest_fen)
        x = r->interest_fen;
    return x < r->paid_interest_fen ? r->paid_interest_fen : x;
}

/* The unpaid principal of rows [from, nrows). */
static int64_t principal_from(const struct repay_loan *loan, int from)
{
    int64_t sum = 0;
    for (int i = from; i < loan->nrows; i++)
        sum += unpaid_principal(&loan->rows[i]);
    return sum;
}

/* Everything owed on a date: see repay_owed_now. */
static int64_t owed_on(const struct repay_loan *loan, struct date on)
{
    int due = first_after(loan, on), running = running_row(loan, on);
    int64_t owed = 0;
    for (int i = 0; i < loan->nrows; i++) {
        const struct repay_row *r = &loan->rows[i];
        owed += unpaid_penalty(r) + pending_penalty(loan, r, on) + unpaid_compound(r) + pending_compound(loan, r, on) +
                unpaid_principal(r);
        if (i < due)
            owed += unpaid_interest(r);
        else if (i == running)
            owed += run_interest(loan, i, on) - r->paid_interest_fen;
    }
    return owed;
}

/*
 * The payoff as of a date, i.e. the amount that settles the loan when paid on that date:
 *     unpaid penalty and compound interest of every row, including what accruing to as_of adds
 *   + unpaid scheduled interest of every row due on or before as_of
 *   + the interest run on the running row by as_of, less what was paid on it
 *   + all outstanding principal (of every row, due or not).
 * On the disbursement day that is the principal alone. The rows are not changed. 0 when loan or
 * its rows are NULL.
 */
int64_t repay_owed_now(const struct repay_loan *loan, struct date as_of)
{
    if (!loan || !loan->rows)
        return 0;
    return owed_on(loan, as_of);
}

/* Penalty interest accrued and unpaid as of a date, counting what accruing to it would add. */
int64_t repay_penalty_unpaid(const struct repay_loan *loan, struct date as_of)
{
    int64_t sum = 0;
    for (int i = 0; loan && loan->rows && i < loan->nrows; i++)
        sum += unpaid_penalty(&loan->rows[i]) + pending_penalty(loan, &loan->rows[i], as_of);
    return sum;
}

/* Compound interest accrued and unpaid as of a date, counting what accruing to it would add. */
int64_t repay_compound_unpaid(const struct repay_loan *loan, struct date as_of)
{
    int64_t sum = 0;
    for (int i = 0; loan && loan->rows && i < loan->nrows; i++)
        sum += unpaid_compound(&loan->rows[i]) + pending_compound(loan, &loan->rows[i], as_of);
    return sum;
}

/* The principal not yet repaid: the sum over all rows of scheduled minus paid principal. 0 when
   loan or its rows are NULL. */
int64_t repay_outstanding_principal(const struct repay_loan *loan)
{
    if (!loan || !loan->rows)
        return 0;
    return principal_from(loan, 0);
}

/* The overdue amount as of a date: unpaid principal + scheduled interest + penalty + compound
   interest of the rows due strictly before as_of, penalty and compound counted as accrued to
   as_of (whether or not repay_accrue was called). A row due on as_of is not overdue yet. 0 when
   loan or its rows are NULL. */
int64_t repay_overdue(const struct repay_loan *loan, struct date as_of)
{
    int64_t sum = 0;
    if (!loan || !loan->rows)
        return 0;
    for (int i = 0; i < loan->nrows; i++) {
        const struct repay_row *r = &loan->rows[i];
        if (date_cmp(r->due_on, as_of) < 0)
            sum += unpaid_principal(r) + unpaid_interest(r) + unpaid_penalty(r) + pending_penalty(loan, r, as_of) +
                   unpaid_compound(r) + pending_compound(loan, r, as_of);
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

/*
 * Re-schedules rows [first, nrows) over `balance` (first >= 1) after a prepayment on `from`,
 * keeping their number and due dates: the same computation as amort_schedule for `balance`
 * over the remaining rows, with the loan's method and day count, except that the first row's
 * interest runs from `from` (the prepayment day) rather than from the previous due date:
 *   - row first: 按日计息 balance × annual / 360 × days(from, its due date); 按月计息 its months
 *     × annual / 12 + balance × annual / 360 × days(from, the previous due date); it is marked
 *     restarted (interest_from = from, base = balance, settled = 0);
 *   - the other rows: amort_period_interest(balance before, previous due date, due date);
 *   - 等额本息: principal = A - interest, A = amort_installment(balance, rate, rows left);
 *     等额本金: principal = balance / rows left, half-up; interest-only methods: 0;
 *     never below 0 nor above the balance; the last row repays what is left.
 * The caller makes sure nothing was paid on these rows; their paid parts are set to 0.
 */
static void reschedule(struct repay_loan *loan, int first, int64_t balance, struct date from)
{
    const int left = loan->nrows - first;
    if (first < 1 || left < 1)
        return;
    int64_t each = 0;
    if (loan->method == AMORT_EQUAL_INSTALLMENT)
        each = nonneg(amort_installment(balance, loan->rate_micro, left));
    else if (loan->method == AMORT_EQUAL_PRINCIPAL)
        each = money_div_round(balance, left);
    struct date prev = loan->rows[first - 1].due_on;
    for (int i = first; i < loan->nrows; i++) {
        struct repay_row *r = &loan->rows[i];
        int64_t interest = nonneg(amort_period_interest(balance, loan->rate_micro, loan->day_count, prev, r->due_on));
        r->interest_from = (struct date){0, 0, 0};
        r->interest_settled_fen = r->interest_base_fen = 0;
        if (i == first) {
            if (loan->day_count == AMORT_DAYS_ACTUAL360)
                interest = nonneg(amort_daily_interest(balance, loan->rate_micro, date_diff(r->due_on, from)));
            else
                interest += nonneg(amort_daily_interest(balance, loan->rate_micro, date_diff(prev, from)));
            r->interest_from = from;
            r->interest_base_fen = balance;
        }
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

/* Pays a row's penalty, compound interest, scheduled interest and principal, in that order. */
static void pay_row(struct repay_row *r, int64_t *left, struct repay_alloc *out)
{
    out->penalty_fen += pay(left, unpaid_penalty(r), &r->paid_penalty_fen);
    out->compound_fen += pay(left, unpaid_compound(r), &r->paid_compound_fen);
    out->interest_fen += pay(left, unpaid_interest(r), &r->paid_interest_fen);
    out->principal_fen += pay(left, unpaid_principal(r), &r->paid_principal_fen);
}

/*
 * Closes the running row a on `on` by the days run (a payoff or a prepayment): its interest
 * becomes the interest run by `on` (run_interest; 0 when its period starts after `on`, because
 * the instalment before it was paid early, and then `on` is taken as that start below), paid with
 * its principal; then
 *   - not the last row: what is left prepays the principal of the future rows (booked on row a),
 *     which are re-scheduled over the remaining balance from `on`;
 *   - the last row: the principal still unpaid after this payment keeps running from `on` to the
 *     due date (the row is restarted on `on`: settled = the interest run, base = that principal),
 *     so a part payment of a 利随本清 loan stops the interest on the part repaid.
 */
static void close_running(struct repay_loan *loan, int a, struct date on, int64_t *left, struct repay_alloc *out)
{
    struct repay_row *r = &loan->rows[a];
    int64_t run = run_interest(loan, a, on);
    struct date start = period_start(loan, a);
    if (date_cmp(start, on) > 0)
        on = start; /* an instalment paid early covers the days to here: the balance left runs from its end */
    r->interest_fen = run;
    out->interest_fen += pay(left, unpaid_interest(r), &r->paid_interest_fen);
    int64_t principal = pay(left, unpaid_principal(r), &r->paid_principal_fen);
    out->principal_fen += principal;
    if (a + 1 < loan->nrows) {
        int64_t rest = principal_from(loan, a + 1);
        int64_t prepay = *left < rest ? *left : rest;
        r->principal_fen += prepay;
        r->paid_principal_fen += prepay;
        *left -= prepay;
        reschedule(loan, a + 1, rest - prepay, on);
        out->principal_fen += prepay;
        out->prepaid_principal_fen = prepay;
        out->rescheduled = prepay > 0;
        return;
    }
    int64_t open = unpaid_principal(r);
    if (open > 0) {
        out->prepaid_principal_fen = principal;
        int64_t tail = nonneg(amort_daily_interest(open, loan->rate_micro, date_diff(r->due_on, on)));
        r->interest_fen = run + tail;
        r->interest_from = on;
        r->interest_settled_fen = run;
        r->interest_base_fen = open;
    }
}

/*
 * Applies a repayment of amount_fen made on paid_on, updating the rows in place, and fills *out
 * (when not NULL) with the allocation. Steps:
 *   1. accrue penalty and compound interest to paid_on (repay_accrue);
 *   2. row by row, oldest first, over every row due on or before paid_on: pay its penalty, its
 *      compound interest, its interest, then its principal;
 *   3. pay any penalty or compound interest left on later rows (only there when rows were
 *      accrued to a later date);
 *   4. the running row a: when what is left is at most its unpaid instalment (interest +
 *      principal), it is not the last row and the payment does not settle the loan, the
 *      instalment is being paid early: its scheduled interest, then its principal, as on the
 *      due date;
 *   5. otherwise (a payoff, a prepayment, or a payment on the last instalment) the row is closed
 *      by the days run (close_running): interest only for the days elapsed, the rest prepays
 *      principal and the future rows are re-scheduled from paid_on.
 * out->penalty_fen + compound_fen + interest_fen + principal_fen == amount_fen exactly.
 *
 * Returns REPAY_OK, or, with the rows left exactly as they were (no accrual either) and *out
 * zeroed: REPAY_BAD_AMOUNT when amount_fen <= 0; REPAY_BAD_DATE when paid_on is before the
 * disbursement, or before the latest repayment applied (loan->last_paid_on: repayments must be
 * applied in date order; set to paid_on on success); REPAY_SETTLED when nothing
 * is owed; REPAY_OVERPAYMENT when amount_fen > repay_owed_now(loan, paid_on). Paying exactly
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
    if (loan->last_paid_on.y && date_cmp(paid_on, loan->last_paid_on) < 0)
        return REPAY_BAD_DATE;
    const int due = first_after(loan, paid_on), a = running_row(loan, paid_on);
    int64_t owed = owed_on(loan, paid_on);
    if (owed == 0)
        return REPAY_SETTLED;
    if (amount_fen > owed)
        return REPAY_OVERPAYMENT;

    /* From here on every fen of amount_fen finds a place (amount_fen <= owed), so no refusal. */
    repay_accrue(loan, paid_on);
    loan->last_paid_on = paid_on;
    int64_t left = amount_fen;
    for (int i = 0; i < due && left > 0; i++)
        pay_row(&loan->rows[i], &left, out);
    for (int i = due; i < loan->nrows && left > 0; i++) {
        out->penalty_fen += pay(&left, unpaid_penalty(&loan->rows[i]), &loan->rows[i].paid_penalty_fen);
        out->compound_fen += pay(&left, unpaid_compound(&loan->rows[i]), &loan->rows[i].paid_compound_fen);
    }
    if (left <= 0 || a >= loan->nrows)
        return REPAY_OK;
    struct repay_row *r = &loan->rows[a];
    int settles = left >= run_interest(loan, a, paid_on) - r->paid_interest_fen + principal_from(loan, a);
    if (!settles && a + 1 < loan->nrows && left <= unpaid_interest(r) + unpaid_principal(r))
        pay_row(r, &left, out);
    else
        close_running(loan, a, paid_on, &left, out);
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
