/* repay.c: the pure arithmetic of repayments (see repay.h). */
#include "repay.h"

#include <string.h>

/* Unpaid parts of a row. */
static int64_t unpaid_principal(const struct repay_row *r)
{
    return r->principal_fen - r->paid_principal_fen;
}

static int64_t unpaid_interest(const struct repay_row *r)
{
    return r->interest_fen - r->paid_interest_fen;
}

static int64_t unpaid_penalty(const struct repay_row *r)
{
    return r->penalty_fen - r->paid_penalty_fen;
}

void repay_accrue(struct repay_loan *loan, struct date as_of)
{
    for (int i = 0; i < loan->nrows; i++) {
        struct repay_row *r = &loan->rows[i];
        struct date from = r->penalty_through.y ? r->penalty_through : r->due_on;
        if (date_cmp(r->due_on, as_of) >= 0 || date_cmp(from, as_of) >= 0)
            continue;
        if (unpaid_principal(r) > 0)
            r->penalty_fen += amort_penalty_interest(unpaid_principal(r), loan->rate_micro, date_diff(as_of, from));
        r->penalty_through = as_of;
    }
}

/* The index of the first row falling due after the date, or nrows. */
static int next_row(const struct repay_loan *loan, struct date on)
{
    int i = 0;
    while (i < loan->nrows && date_cmp(loan->rows[i].due_on, on) <= 0)
        i++;
    return i;
}

/* What is owed as of the date on rows already accrued to it (see repay_owed_now). */
static int64_t owed_accrued(const struct repay_loan *loan, struct date on)
{
    int next = next_row(loan, on);
    int64_t owed = 0;
    for (int i = 0; i < loan->nrows; i++) {
        const struct repay_row *r = &loan->rows[i];
        owed += unpaid_penalty(r) + unpaid_principal(r) + (i <= next ? unpaid_interest(r) : 0);
    }
    return owed;
}

/* A working copy of the rows (nrows ≤ 360 by the engine's limits). */
struct rows_copy {
    struct repay_row rows[360];
    struct repay_loan loan;
};

/* Copies a loan so it can be accrued without touching the caller's rows. */
static void copy_loan(const struct repay_loan *src, struct rows_copy *c)
{
    c->loan = *src;
    c->loan.nrows = src->nrows > 360 ? 360 : src->nrows;
    memcpy(c->rows, src->rows, sizeof(struct repay_row) * (size_t)c->loan.nrows);
    c->loan.rows = c->rows;
}

/* Owed as of a date: unpaid penalty (accrued to the date) on every row, unpaid interest of the
   rows due on or before it and of the next row to fall due (the current instalment), and all
   outstanding principal. Paying exactly this settles the loan. */
int64_t repay_owed_now(const struct repay_loan *loan, struct date as_of)
{
    struct rows_copy c;
    copy_loan(loan, &c);
    repay_accrue(&c.loan, as_of);
    return owed_accrued(&c.loan, as_of);
}

int64_t repay_outstanding_principal(const struct repay_loan *loan)
{
    int64_t sum = 0;
    for (int i = 0; i < loan->nrows; i++)
        sum += unpaid_principal(&loan->rows[i]);
    return sum;
}

int64_t repay_overdue(const struct repay_loan *loan, struct date as_of)
{
    int64_t sum = 0;
    for (int i = 0; i < loan->nrows; i++) {
        const struct repay_row *r = &loan->rows[i];
        if (date_cmp(r->due_on, as_of) < 0)
            sum += unpaid_principal(r) + unpaid_interest(r) + unpaid_penalty(r);
    }
    return sum;
}

long repay_dpd(const struct repay_loan *loan, struct date as_of)
{
    for (int i = 0; i < loan->nrows; i++) {
        const struct repay_row *r = &loan->rows[i];
        if (date_cmp(r->due_on, as_of) >= 0)
            break;
        if (unpaid_principal(r) > 0 || unpaid_interest(r) > 0)
            return date_diff(as_of, r->due_on);
    }
    return 0;
}

/* Months between two due dates (the engine keeps the day of month, or the month's end). */
static int months_between(struct date a, struct date b)
{
    int m = (b.y - a.y) * 12 + (b.m - a.m);
    return m < 1 ? 1 : m;
}

/* Re-schedules rows [first, nrows) over balance, keeping their due dates, with the loan's
   method (same term, lower instalments). Rows there have nothing paid yet. */
static void reschedule(struct repay_loan *loan, int first, int64_t balance)
{
    int m = loan->nrows - first;
    if (m <= 0)
        return;
    struct date prev = first > 0 ? loan->rows[first - 1].due_on : loan->disbursed_on;
    int64_t installment = loan->method == AMORT_EQUAL_INSTALLMENT ? amort_installment(balance, loan->rate_micro, m) : 0;
    int64_t even = (balance * 2 / m + 1) / 2; /* equal principal, half-up */
    for (int i = first; i < loan->nrows; i++) {
        struct repay_row *r = &loan->rows[i];
        int last = i == loan->nrows - 1;
        int64_t interest = amort_interest(balance, loan->rate_micro, months_between(prev, r->due_on));
        int64_t principal;
        switch (loan->method) {
        case AMORT_EQUAL_INSTALLMENT: principal = installment - interest; break;
        case AMORT_EQUAL_PRINCIPAL: principal = even; break;
        default: principal = 0; break; /* interest-only methods and bullet repay at the end */
        }
        if (last || principal > balance)
            principal = balance;
        if (principal < 0)
            principal = 0;
        r->principal_fen = principal;
        r->interest_fen = interest < 0 ? 0 : interest;
        r->paid_principal_fen = r->paid_interest_fen = 0;
        balance -= principal;
        prev = r->due_on;
    }
}

/* Pays up to *left of `due` into *paid; returns what was paid. */
static int64_t pay(int64_t *left, int64_t due, int64_t *paid)
{
    int64_t x = due < *left ? due : *left;
    if (x <= 0)
        return 0;
    *paid += x;
    *left -= x;
    return x;
}

enum repay_result repay_apply(struct repay_loan *loan, struct date paid_on, int64_t amount_fen,
                              struct repay_alloc *out)
{
    memset(out, 0, sizeof *out);
    if (amount_fen <= 0)
        return REPAY_BAD_AMOUNT;
    if (date_cmp(paid_on, loan->disbursed_on) < 0)
        return REPAY_BAD_DATE;
    struct rows_copy c;
    copy_loan(loan, &c);
    repay_accrue(&c.loan, paid_on);
    int64_t owed = owed_accrued(&c.loan, paid_on);
    if (owed == 0)
        return REPAY_SETTLED;
    if (amount_fen > owed)
        return REPAY_OVERPAYMENT;
    int next = next_row(&c.loan, paid_on);
    int64_t left = amount_fen;
    for (int i = 0; i <= next && i < c.loan.nrows && left > 0; i++) {
        struct repay_row *r = &c.rows[i];
        out->penalty_fen += pay(&left, unpaid_penalty(r), &r->paid_penalty_fen);
        out->interest_fen += pay(&left, unpaid_interest(r), &r->paid_interest_fen);
        out->principal_fen += pay(&left, unpaid_principal(r), &r->paid_principal_fen);
    }
    for (int i = next + 1; i < c.loan.nrows && left > 0; i++) /* penalties never accrue on future rows */
        out->penalty_fen += pay(&left, unpaid_penalty(&c.rows[i]), &c.rows[i].paid_penalty_fen);
    if (left > 0 && next + 1 < c.loan.nrows) {
        /* a partial prepayment: booked against the current row, the rest re-scheduled */
        int64_t rest = 0;
        for (int i = next + 1; i < c.loan.nrows; i++)
            rest += unpaid_principal(&c.rows[i]);
        int64_t prepay = left < rest ? left : rest;
        c.rows[next].principal_fen += prepay;
        c.rows[next].paid_principal_fen += prepay;
        reschedule(&c.loan, next + 1, rest - prepay);
        out->principal_fen += prepay;
        out->prepaid_principal_fen = prepay;
        out->rescheduled = 1;
        left -= prepay;
    }
    if (left != 0) /* cannot happen when amount ≤ owed; refuse rather than lose a fen */
        return REPAY_OVERPAYMENT;
    memcpy(loan->rows, c.rows, sizeof(struct repay_row) * (size_t)c.loan.nrows);
    return REPAY_OK;
}

enum loan_grade repay_grade(long dpd)
{
    return dpd <= 0 ? GRADE_NORMAL : dpd <= 90 ? GRADE_SPECIAL_MENTION : dpd <= 180 ? GRADE_SUBSTANDARD
                                   : dpd <= 360 ? GRADE_DOUBTFUL : GRADE_LOSS;
}

const char *repay_grade_code(enum loan_grade g)
{
    static const char *const codes[GRADE__MAX] = {"normal", "special_mention", "substandard", "doubtful", "loss"};
    return (unsigned)g < GRADE__MAX ? codes[g] : NULL;
}

const char *repay_grade_name(enum loan_grade g)
{
    static const char *const names[GRADE__MAX] = {"正常", "关注", "次级", "可疑", "损失"};
    return (unsigned)g < GRADE__MAX ? names[g] : NULL;
}

int repay_bucket(long dpd)
{
    return dpd <= 0 ? 0 : dpd <= 30 ? 1 : dpd <= 90 ? 2 : dpd <= 180 ? 3 : 4;
}
