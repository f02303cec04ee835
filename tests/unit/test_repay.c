/* test_repay.c: unit tests for src/loans/repay.c: hand-checked repayments on docs/domain.md's loans (on time,
   late with penalty interest, partial, prepaid and re-scheduled, refused), DPD, grades and
   buckets, idempotent accrual, and invariants over thousands of random loans and payment
   sequences (fixed seed). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "repay.h"

#define MAX_ROWS 360

static struct date D(int y, int m, int d)
{
    return (struct date){y, m, d};
}

/* A loan under test: its rows and the repay_loan pointing at them. Never copy it by value
   (loan.rows points into it); snapshot rows with save_rows instead. */
struct tloan {
    struct repay_row rows[MAX_ROWS];
    struct repay_loan loan;
    int64_t principal;
};

/* Builds t from amort_schedule for the given terms and day count; nothing paid; penalty rate
   × 1.5. */
static void make_loan_dc(struct tloan *t, int64_t principal, int64_t rate, int term, enum amort_method method,
                         struct date start, enum amort_day_count dc)
{
    static struct amort_row ar[MAX_ROWS];
    struct amort_input in = {principal, rate, term, method, start, dc, AMORT_SETTLE_DUE_DATES};
    int n = amort_schedule(&in, ar, MAX_ROWS);
    assert_true(n > 0);
    memset(t, 0, sizeof *t);
    for (int i = 0; i < n; i++) {
        t->rows[i].n = ar[i].n;
        t->rows[i].due_on = ar[i].due_on;
        t->rows[i].principal_fen = ar[i].principal_fen;
        t->rows[i].interest_fen = ar[i].interest_fen;
    }
    t->loan = (struct repay_loan){.method = method, .day_count = dc, .rate_micro = rate, .penalty_pct = 150,
                                  .disbursed_on = start, .term_months = term, .nrows = n, .rows = t->rows};
    t->principal = principal;
}

/* make_loan_dc with whole-month interest (按月计息). */
static void make_loan(struct tloan *t, int64_t principal, int64_t rate, int term, enum amort_method method,
                      struct date start)
{
    make_loan_dc(t, principal, rate, term, method, start, AMORT_DAYS_MONTH);
}

/* docs/domain.md: 100.00 yuan at 7% over 6 months from 2024-01-01, 等额本息. */
static void domain_loan(struct tloan *t)
{
    make_loan(t, 10000, 7000000, 6, AMORT_EQUAL_INSTALLMENT, D(2024, 1, 1));
}

/* 120,000.00 yuan at 4.35% over 12 months from 2024-01-15, 等额本金: 10,000.00 principal a month,
   interest of row k = (120,000.00 - 10,000.00 (k-1)) × 4.35% / 12 = 435.00 - 36.25 (k-1), exact;
   due 2024-02-15 .. 2025-01-15. */
static void ep_loan(struct tloan *t)
{
    make_loan(t, 12000000, 4350000, 12, AMORT_EQUAL_PRINCIPAL, D(2024, 1, 15));
}

static void save_rows(const struct tloan *t, struct repay_row *copy)
{
    memcpy(copy, t->rows, sizeof(struct repay_row) * (size_t)t->loan.nrows);
}

static void assert_rows_equal(const struct tloan *t, const struct repay_row *copy)
{
    assert_int_equal(memcmp(copy, t->rows, sizeof(struct repay_row) * (size_t)t->loan.nrows), 0);
}

static void assert_date_eq(struct date a, struct date b)
{
    char x[11], y[11];
    assert_string_equal(date_format(a, x), date_format(b, y));
}

/* Applies a repayment that must be accepted; checks the allocation adds up. */
static struct repay_alloc apply_ok(struct tloan *t, struct date on, int64_t amount)
{
    struct repay_alloc a;
    assert_int_equal(repay_apply(&t->loan, on, amount, &a), REPAY_OK);
    assert_int_equal(a.penalty_fen + a.compound_fen + a.interest_fen + a.principal_fen, amount);
    assert_true(a.penalty_fen >= 0 && a.compound_fen >= 0 && a.interest_fen >= 0 && a.principal_fen >= 0);
    assert_true(a.prepaid_principal_fen >= 0 && a.prepaid_principal_fen <= a.principal_fen);
    assert_true(!a.rescheduled || a.prepaid_principal_fen > 0); /* a 利随本清 part prepayment: not re-scheduled */
    return a;
}

/* Asserts an allocation with its compound interest. */
static void assert_alloc_c(struct repay_alloc a, int64_t penalty, int64_t compound, int64_t interest, int64_t principal,
                           int64_t prepaid)
{
    assert_int_equal(a.penalty_fen, penalty);
    assert_int_equal(a.compound_fen, compound);
    assert_int_equal(a.interest_fen, interest);
    assert_int_equal(a.principal_fen, principal);
    assert_int_equal(a.prepaid_principal_fen, prepaid);
    if (prepaid == 0)
        assert_int_equal(a.rescheduled, 0);
}

/* Asserts an allocation without compound interest. */
static void assert_alloc(struct repay_alloc a, int64_t penalty, int64_t interest, int64_t principal, int64_t prepaid)
{
    assert_alloc_c(a, penalty, 0, interest, principal, prepaid);
}

/* The invariants every state of a loan keeps: nothing negative, nothing paid beyond what is due,
   principal parts summing to the loan's principal, paid + outstanding = principal, rows in order. */
static void check_rows(const struct tloan *t)
{
    int64_t sched = 0, paid = 0;
    for (int i = 0; i < t->loan.nrows; i++) {
        const struct repay_row *r = &t->rows[i];
        assert_int_equal(r->n, i + 1);
        if (i > 0)
            assert_true(date_cmp(t->rows[i - 1].due_on, r->due_on) < 0);
        assert_true(r->principal_fen >= 0 && r->interest_fen >= 0 && r->penalty_fen >= 0);
        assert_true(r->paid_principal_fen >= 0 && r->paid_principal_fen <= r->principal_fen);
        assert_true(r->paid_interest_fen >= 0 && r->paid_interest_fen <= r->interest_fen);
        assert_true(r->paid_penalty_fen >= 0 && r->paid_penalty_fen <= r->penalty_fen);
        assert_true(r->paid_compound_fen >= 0 && r->paid_compound_fen <= r->compound_fen);
        sched += r->principal_fen;
        paid += r->paid_principal_fen;
    }
    assert_int_equal(sched, t->principal);
    assert_int_equal(paid + repay_outstanding_principal(&t->loan), t->principal);
}

/* ---- on time ------------------------------------------------------------------------------------ */

/* docs/domain.md's example paid instalment by instalment on each due date: no penalty, each payment is
   the row's interest then its principal, and the loan ends settled. */
static void test_domain_example_on_time(void **state)
{
    (void)state;
    static struct tloan t;
    domain_loan(&t);
    static const int64_t interest[6] = {58, 49, 39, 29, 20, 10};
    static const int64_t total[6] = {1701, 1701, 1701, 1701, 1701, 1700};
    assert_int_equal(t.loan.nrows, 6);
    for (int i = 0; i < 6; i++) {
        assert_int_equal(t.rows[i].interest_fen, interest[i]);
        assert_int_equal(t.rows[i].principal_fen + t.rows[i].interest_fen, total[i]);
        assert_date_eq(t.rows[i].due_on, D(2024, 2 + i, 1));
    }
    /* On the disbursement day no interest has run: the principal alone settles the loan. */
    assert_int_equal(repay_owed_now(&t.loan, D(2024, 1, 1)), 10000);
    for (int i = 0; i < 6; i++) {
        struct repay_alloc a = apply_ok(&t, t.rows[i].due_on, total[i]);
        assert_alloc(a, 0, interest[i], total[i] - interest[i], 0);
        assert_int_equal(t.rows[i].penalty_fen, 0);
        assert_int_equal(repay_dpd(&t.loan, t.rows[i].due_on), 0);
        check_rows(&t);
    }
    assert_int_equal(repay_outstanding_principal(&t.loan), 0);
    assert_int_equal(repay_owed_now(&t.loan, D(2024, 7, 1)), 0);
    assert_int_equal(repay_owed_now(&t.loan, D(2026, 1, 1)), 0);
    assert_int_equal(repay_dpd(&t.loan, D(2026, 1, 1)), 0);
    assert_int_equal(repay_overdue(&t.loan, D(2026, 1, 1)), 0);
    struct repay_alloc a;
    assert_int_equal(repay_apply(&t.loan, D(2024, 7, 2), 1, &a), REPAY_SETTLED);
}

/* The 120,000.00 等额本金 loan paid on each due date: interest 435.00, 398.75, ... exactly. */
static void test_equal_principal_on_time(void **state)
{
    (void)state;
    static struct tloan t;
    ep_loan(&t);
    int64_t interest_sum = 0;
    for (int i = 0; i < 12; i++) {
        int64_t interest = 43500 - 3625 * i;
        assert_int_equal(t.rows[i].principal_fen, 1000000);
        assert_int_equal(t.rows[i].interest_fen, interest);
        struct repay_alloc a = apply_ok(&t, t.rows[i].due_on, 1000000 + interest);
        assert_alloc(a, 0, interest, 1000000, 0);
        interest_sum += a.interest_fen;
        check_rows(&t);
    }
    assert_int_equal(interest_sum, 282750); /* 12 × 435.00 − 36.25 × 66 = 2,827.50 */
    assert_int_equal(repay_outstanding_principal(&t.loan), 0);
    assert_int_equal(repay_owed_now(&t.loan, D(2025, 1, 15)), 0);
}

/* An instalment paid a few days early is the current instalment: its scheduled interest in full
   (not prorated), no prepayment, and nothing owed for it when its due date comes. */
static void test_current_instalment_paid_early(void **state)
{
    (void)state;
    static struct tloan t;
    ep_loan(&t);
    struct repay_alloc a = apply_ok(&t, D(2024, 2, 10), 1043500);
    assert_alloc(a, 0, 43500, 1000000, 0);
    /* 2024-02-12: row 1 is paid, so the current row is still row 1 and row 2 is not payable yet. */
    assert_int_equal(repay_owed_now(&t.loan, D(2024, 2, 12)), 11000000);
    assert_int_equal(repay_dpd(&t.loan, D(2024, 2, 20)), 0);
    assert_int_equal(repay_overdue(&t.loan, D(2024, 2, 20)), 0);
    a = apply_ok(&t, D(2024, 3, 12), 1039875);
    assert_alloc(a, 0, 39875, 1000000, 0);
    assert_int_equal(repay_dpd(&t.loan, D(2024, 3, 20)), 0);
    check_rows(&t);
}

/* ---- late: penalty interest --------------------------------------------------------------------- */

/*
 * Instalment 1 of the 120,000.00 loan (10,000.00 principal, 435.00 interest, due 2024-02-15) paid
 * 10 days late, on 2024-02-25. Penalty on the overdue principal only:
 *     10,000.00 × 4.35% × 1.5 / 360 × 10 = 10,000.00 × 0.06525 / 36 = 18.125 yuan = 1,812.5 fen
 * → 1,813 fen (half-up). One day: 181.25 fen → 181.
 * Compound interest on the overdue 435.00 interest at the same rate:
 *     43,500 × 0.06525 / 360 = 7.884375 fen a day: 1 day → 8, 10 days 78.84 → 79.
 * The running row 2 (period from 02-15, balance 110,000.00) has run 10 days by 02-25:
 *     11,000,000 × 0.0435 / 360 × 10 = 13,291.67 → 13,292.
 */
static void test_penalty_ten_days_late(void **state)
{
    (void)state;
    static struct tloan t;
    ep_loan(&t);
    assert_int_equal(amort_penalty_interest(1000000, 4350000, 150, 10), 1813);
    assert_int_equal(amort_penalty_interest(1000000, 4350000, 150, 1), 181);
    /* on the due date nothing is overdue yet; the day after, one day */
    assert_int_equal(repay_dpd(&t.loan, D(2024, 2, 15)), 0);
    assert_int_equal(repay_overdue(&t.loan, D(2024, 2, 15)), 0);
    assert_int_equal(repay_dpd(&t.loan, D(2024, 2, 16)), 1);
    assert_int_equal(repay_overdue(&t.loan, D(2024, 2, 16)), 1000000 + 43500 + 181 + 8);
    /* ten days late */
    assert_int_equal(repay_dpd(&t.loan, D(2024, 2, 25)), 10);
    assert_int_equal(repay_overdue(&t.loan, D(2024, 2, 25)), 1000000 + 43500 + 1813 + 79);
    assert_int_equal(repay_penalty_unpaid(&t.loan, D(2024, 2, 25)), 1813);
    assert_int_equal(repay_compound_unpaid(&t.loan, D(2024, 2, 25)), 79);
    /* payoff: penalty + compound + row 1 interest + row 2's interest for 10 days + all principal */
    assert_int_equal(repay_owed_now(&t.loan, D(2024, 2, 25)), 1813 + 79 + 43500 + 13292 + 12000000);
    struct repay_alloc a = apply_ok(&t, D(2024, 2, 25), 1000000 + 43500 + 1813 + 79);
    assert_alloc_c(a, 1813, 79, 43500, 1000000, 0);
    assert_int_equal(t.rows[0].penalty_fen, 1813);
    assert_int_equal(t.rows[0].paid_penalty_fen, 1813);
    assert_int_equal(t.rows[0].compound_fen, 79);
    assert_int_equal(t.rows[0].paid_compound_fen, 79);
    assert_date_eq(t.rows[0].penalty_through, D(2024, 2, 25));
    assert_int_equal(repay_dpd(&t.loan, D(2024, 2, 25)), 0);
    assert_int_equal(repay_overdue(&t.loan, D(2024, 3, 1)), 0);
    /* instalment 2 on time: no penalty at all */
    a = apply_ok(&t, D(2024, 3, 15), 1039875);
    assert_alloc(a, 0, 39875, 1000000, 0);
    check_rows(&t);
}

/* Paying the instalment late without its penalty leaves principal unpaid (penalty, compound and
   interest come first), which keeps accruing, on the smaller amount only. 1,043,500 on 02-25 pays
   penalty 1,813, compound 79 and interest 43,500 (test above), principal 998,108: 1,892 left. */
static void test_penalty_on_remaining_principal(void **state)
{
    (void)state;
    static struct tloan t;
    ep_loan(&t);
    struct repay_alloc a = apply_ok(&t, D(2024, 2, 25), 1043500);
    assert_alloc_c(a, 1813, 79, 43500, 998108, 0);
    assert_int_equal(t.rows[0].paid_principal_fen, 998108);
    /* 1,892 fen overdue from 2024-02-25 to 2024-03-15, 19 days:
       1,892 × 0.0435 × 1.5 / 360 × 19 = 6.5156 fen → 7; no interest overdue: no compound */
    assert_int_equal(repay_dpd(&t.loan, D(2024, 3, 15)), 29);
    assert_int_equal(repay_overdue(&t.loan, D(2024, 3, 15)), 1892 + 7);
    a = apply_ok(&t, D(2024, 3, 15), 1892 + 7 + 1039875);
    assert_alloc(a, 7, 39875, 1892 + 1000000, 0);
    assert_int_equal(repay_dpd(&t.loan, D(2024, 3, 16)), 0);
    check_rows(&t);
}

/*
 * A partial payment covers the oldest row's penalty, then its interest, then its principal; the
 * next overdue row is untouched. Nothing paid until 2024-03-25:
 *     row 1 (due 02-15) 39 days: 181.25 × 39 = 7,068.75 fen → 7,069
 *     row 2 (due 03-15) 10 days: 1,812.5 → 1,813
 * and compound interest on the overdue interest:
 *     row 1: 7.884375 × 39 = 307.49 → 307;  row 2: 39,875 × 0.06525 / 360 × 10 = 72.27 → 72
 * Paying 7,069 + 307 + 43,500 + 500,000 leaves row 1 with 5,000.00 principal; from then on row 1
 * accrues on 5,000.00: 10 more days to 04-04 = 906.25 → 906 (no compound: its interest is paid),
 * row 2 on 10,000.00 = 1,813 more penalty and 72 more compound. Row 3 (period from 03-15, balance
 * 100,000.00) has run 20 days by 04-04: 10,000,000 × 0.0435 / 360 × 20 = 24,166.67 → 24,167.
 */
static void test_partial_payment_order(void **state)
{
    (void)state;
    static struct tloan t;
    ep_loan(&t);
    struct date on = D(2024, 3, 25);
    assert_int_equal(repay_overdue(&t.loan, on), 1000000 + 43500 + 7069 + 307 + 1000000 + 39875 + 1813 + 72);
    struct repay_alloc a = apply_ok(&t, on, 7069 + 307 + 43500 + 500000);
    assert_alloc_c(a, 7069, 307, 43500, 500000, 0);
    assert_int_equal(t.rows[0].paid_principal_fen, 500000);
    assert_int_equal(t.rows[1].penalty_fen, 1813); /* accrued, not paid */
    assert_int_equal(t.rows[1].paid_penalty_fen, 0);
    assert_int_equal(t.rows[1].paid_interest_fen, 0);
    assert_int_equal(t.rows[1].paid_principal_fen, 0);
    assert_int_equal(repay_dpd(&t.loan, on), 39);
    assert_int_equal(repay_overdue(&t.loan, on), 500000 + 1000000 + 39875 + 1813 + 72);

    struct date later = D(2024, 4, 4);
    /* owed: penalties 906 + 3,626, compound 144, row 2 interest, row 3's 20 days, all principal */
    assert_int_equal(repay_owed_now(&t.loan, later), 906 + 3626 + 144 + 39875 + 24167 + 11500000);
    /* a payment smaller than the oldest row's penalty only pays (part of) that penalty */
    a = apply_ok(&t, later, 500);
    assert_alloc(a, 500, 0, 0, 0);
    assert_int_equal(t.rows[0].penalty_fen, 7069 + 906);
    assert_int_equal(t.rows[0].paid_penalty_fen, 7069 + 500);
    assert_int_equal(t.rows[1].penalty_fen, 3626);
    assert_int_equal(t.rows[1].paid_penalty_fen, 0);
    /* the rest of row 1, then row 2's penalty and interest and 1 fen of its principal */
    a = apply_ok(&t, later, 406 + 500000 + 3626 + 144 + 39875 + 1);
    assert_alloc_c(a, 406 + 3626, 144, 39875, 500001, 0);
    assert_int_equal(t.rows[1].paid_principal_fen, 1);
    assert_int_equal(repay_dpd(&t.loan, later), 20); /* row 2, due 03-15 */
    check_rows(&t);
}

/* An interest-only row (按月付息) overdue: days past due count, no penalty (no principal is
   overdue) but compound interest on the overdue 250.00: 25,000 × 0.06 × 1.5 / 360 × 5 = 31.25 → 31. */
static void test_overdue_interest_only(void **state)
{
    (void)state;
    static struct tloan t;
    /* 50,000.00 at 6%: 250.00 interest a month, principal with row 12 */
    make_loan(&t, 5000000, 6000000, 12, AMORT_MONTHLY_INTEREST, D(2024, 5, 31));
    assert_int_equal(t.rows[0].interest_fen, 25000);
    assert_date_eq(t.rows[0].due_on, D(2024, 6, 30));
    assert_date_eq(t.rows[1].due_on, D(2024, 7, 31));
    struct date on = D(2024, 7, 5);
    assert_int_equal(repay_dpd(&t.loan, on), 5);
    assert_int_equal(repay_overdue(&t.loan, on), 25000 + 31);
    repay_accrue(&t.loan, on);
    assert_int_equal(t.rows[0].penalty_fen, 0);
    assert_int_equal(t.rows[0].compound_fen, 31);
    /* compound first: 25,000.00 alone leaves 31 fen of interest unpaid, still past due */
    static struct tloan w;
    make_loan(&w, 5000000, 6000000, 12, AMORT_MONTHLY_INTEREST, D(2024, 5, 31));
    assert_alloc_c(apply_ok(&w, on, 25000), 0, 31, 24969, 0, 0);
    assert_int_equal(repay_dpd(&w.loan, on), 5);
    struct repay_alloc a = apply_ok(&t, on, 25031);
    assert_alloc_c(a, 0, 31, 25000, 0, 0);
    assert_int_equal(repay_dpd(&t.loan, on), 0);
    /* at maturity + 10 days, the 50,000.00 principal is overdue:
       5,000,000 × 0.06 × 1.5 / 360 × 10 = 12,500 fen exactly; and the last 250.00 interest:
       25,000 × 0.09 / 360 × 10 = 62.5 → 63 compound */
    static struct tloan u;
    make_loan(&u, 5000000, 6000000, 12, AMORT_MONTHLY_INTEREST, D(2024, 5, 31));
    for (int i = 0; i < 11; i++)
        apply_ok(&u, u.rows[i].due_on, 25000);
    assert_date_eq(u.rows[11].due_on, D(2025, 5, 31));
    struct date late = D(2025, 6, 10);
    assert_int_equal(repay_overdue(&u.loan, late), 5000000 + 25000 + 12500 + 63);
    assert_int_equal(repay_owed_now(&u.loan, late), 5000000 + 25000 + 12500 + 63);
    a = apply_ok(&u, late, 5000000 + 25000 + 12500 + 63);
    assert_alloc_c(a, 12500, 63, 25000, 5000000, 0);
    assert_int_equal(repay_owed_now(&u.loan, late), 0);
    check_rows(&u);
}

/* ---- prepayment ---------------------------------------------------------------------------------- */

/*
 * On 2024-02-15 the borrower pays instalment 1 (due that day, 10,435.00) and 30,000.00 more. Row 2
 * (due 03-15) is the running period; on its first day no interest has run, so it is closed with
 * interest 0: its 10,000.00 principal is paid and 20,000.00 prepaid (booked on row 2, whose
 * principal becomes 30,000.00). 80,000.00 is left over rows 3..12 (still 10 rows, same due dates),
 * 8,000.00 principal each. Row 3's interest now runs from 02-15:
 *     one month 03-15 → 04-15: 8,000,000 × 4.35% / 12            = 29,000
 *     29 days 02-15 → 03-15:  8,000,000 × 4.35% / 360 × 29 = 28,033.33 → 28,033   → 57,033
 * row 4's 72,000.00 × 4.35% / 12 = 261.00 (whole months as before).
 * Under the old rule row 2 kept 398.75 of interest on 110,000.00 for a month although 30,000.00
 * of it was repaid on the first day.
 */
static void test_prepayment_reschedules(void **state)
{
    (void)state;
    static struct tloan t;
    ep_loan(&t);
    struct repay_row before[MAX_ROWS];
    save_rows(&t, before);
    struct repay_alloc a = apply_ok(&t, D(2024, 2, 15), 1043500 + 3000000);
    assert_alloc(a, 0, 43500, 4000000, 2000000);
    assert_int_equal(a.rescheduled, 1);
    assert_int_equal(t.loan.nrows, 12);
    /* booked on the running row: its principal grows by the prepayment, is paid, no interest */
    assert_int_equal(t.rows[1].principal_fen, 3000000);
    assert_int_equal(t.rows[1].paid_principal_fen, 3000000);
    assert_int_equal(t.rows[1].interest_fen, 0);
    assert_int_equal(t.rows[2].principal_fen, 800000);
    assert_int_equal(t.rows[2].interest_fen, 57033);
    assert_date_eq(t.rows[2].interest_from, D(2024, 2, 15));
    assert_int_equal(t.rows[3].interest_fen, 26100);
    int64_t rest = 0;
    for (int i = 0; i < 12; i++) {
        assert_int_equal(t.rows[i].n, i + 1);
        assert_date_eq(t.rows[i].due_on, before[i].due_on);
        if (i >= 2) {
            assert_int_equal(t.rows[i].principal_fen, 800000);
            assert_int_equal(t.rows[i].paid_principal_fen, 0);
            assert_int_equal(t.rows[i].paid_interest_fen, 0);
            rest += t.rows[i].principal_fen;
        }
    }
    assert_int_equal(rest, 12000000 - 4000000);
    assert_int_equal(repay_outstanding_principal(&t.loan), 8000000);
    check_rows(&t);
    /* rows 4.. are exactly what the engine makes for 80,000.00 over 10 months from row 2's date;
       row 3 the engine's first row plus the 29 days since the prepayment */
    struct amort_row ar[10];
    struct amort_input in = {8000000, 4350000, 10, AMORT_EQUAL_PRINCIPAL, t.rows[1].due_on, AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES};
    assert_int_equal(amort_schedule(&in, ar, 10), 10);
    assert_int_equal(t.rows[2].interest_fen, ar[0].interest_fen + 28033);
    for (int i = 1; i < 10; i++) {
        assert_int_equal(t.rows[2 + i].principal_fen, ar[i].principal_fen);
        assert_int_equal(t.rows[2 + i].interest_fen, ar[i].interest_fen);
    }
    /* a payoff on 03-01 (15 days after the restart) owes 80,000.00 × 4.35% / 360 × 15 = 145.00
       of interest */
    assert_int_equal(repay_owed_now(&t.loan, D(2024, 3, 1)), 8000000 + 14500);
    /* and the lower instalments are then paid on time */
    for (int i = 2; i < 12; i++)
        apply_ok(&t, t.rows[i].due_on, t.rows[i].principal_fen + t.rows[i].interest_fen);
    assert_int_equal(repay_owed_now(&t.loan, D(2025, 1, 15)), 0);
    check_rows(&t);
}

/*
 * The case: a 20,000.00 loan, 按月付息 at 4.35% 按日计息 from 2024-01-10 over 12 months;
 * 10,000.00 prepaid on 2024-01-25, between the disbursement and the first due date (02-10).
 * Interest run on the whole 20,000.00 for the 15 days: 2,000,000 × 4.35% / 360 × 15 = 3,625 fen
 * exactly. What is left of the payment, 996,375, prepays principal; row 2 (02-10 → 03-10) then
 * carries the remaining 1,003,625 from 01-25: 45 days × 4.35% / 360 = 5,457.21 → 5,457.
 * Before, row 1 charged its whole 31 days on 20,000.00 (7,492 fen, 74.92 yuan) and row 2 the
 * whole month on what was left.
 */
static void test_prepayment_between_due_dates(void **state)
{
    (void)state;
    static struct tloan t;
    make_loan_dc(&t, 2000000, 4350000, 12, AMORT_MONTHLY_INTEREST, D(2024, 1, 10), AMORT_DAYS_ACTUAL360);
    assert_int_equal(t.rows[0].interest_fen, 7492); /* 2,000,000 × 0.0435 / 360 × 31 = 7,491.67 */
    assert_int_equal(repay_owed_now(&t.loan, D(2024, 1, 25)), 2000000 + 3625);
    struct repay_alloc a = apply_ok(&t, D(2024, 1, 25), 1000000);
    assert_alloc(a, 0, 3625, 996375, 996375);
    assert_int_equal(t.rows[0].interest_fen, 3625);
    assert_int_equal(repay_outstanding_principal(&t.loan), 1003625);
    assert_int_equal(t.rows[1].interest_fen, 5457);
    assert_int_equal(t.rows[11].principal_fen, 1003625);
    /* settled on the disbursement day: the principal alone */
    make_loan_dc(&t, 2000000, 4350000, 12, AMORT_MONTHLY_INTEREST, D(2024, 1, 10), AMORT_DAYS_ACTUAL360);
    assert_int_equal(repay_owed_now(&t.loan, D(2024, 1, 10)), 2000000);
    a = apply_ok(&t, D(2024, 1, 10), 2000000);
    assert_alloc(a, 0, 0, 2000000, 2000000); /* all of it ahead of schedule */
    assert_int_equal(repay_owed_now(&t.loan, D(2024, 1, 10)), 0);
    assert_int_equal(repay_outstanding_principal(&t.loan), 0);
    check_rows(&t);
}

/* docs/domain.md's 100.00 loan: 50.00 extra with instalment 1, mid-period (2024-01-20, 19 days run).
   Row 1 is closed by the days run: 10,000 × 7% / 360 × 19 = 36.94 → 37 fen; its 16.43 principal
   and 67.01 - 0.37 - 16.43 = 50.21 prepaid. 33.36 is left; row 2's interest runs from 01-20:
   one month 3,336 × 7% / 12 = 19.46 → 19, plus 12 days 3,336 × 7% / 360 × 12 = 7.78 → 8: 27. */
static void test_prepayment_equal_installment(void **state)
{
    (void)state;
    static struct tloan t;
    domain_loan(&t);
    struct repay_alloc a = apply_ok(&t, D(2024, 1, 20), 1701 + 5000);
    assert_alloc(a, 0, 37, 1643 + 5021, 5021);
    assert_int_equal(t.rows[0].principal_fen, 6664);
    assert_int_equal(t.rows[0].interest_fen, 37);
    assert_int_equal(repay_outstanding_principal(&t.loan), 3336);
    assert_int_equal(t.rows[1].interest_fen, 27);
    int64_t inst = amort_installment(3336, 7000000, 5);
    for (int i = 1; i < 5; i++)
        assert_int_equal(t.rows[i].principal_fen + t.rows[i].interest_fen, inst);
    assert_true(inst < 1701);
    int64_t sum = 0;
    for (int i = 1; i < 6; i++)
        sum += t.rows[i].principal_fen;
    assert_int_equal(sum, 3336);
    check_rows(&t);
    /* a second prepayment five days later closes row 2 (restarted on 01-20) by its days:
       3,336 × 7% / 360 × 5 = 3.24 → 3 fen; the rest of the 10.00 pays principal */
    a = apply_ok(&t, D(2024, 1, 25), 1000);
    assert_int_equal(a.interest_fen, 3);
    assert_int_equal(a.principal_fen, 997);
    assert_int_equal(t.rows[1].interest_fen, 3);
    assert_int_equal(repay_outstanding_principal(&t.loan), 3336 - 997);
    check_rows(&t);
}

/* For every re-scheduling method and both day counts, over many loans and prepayment points
   (3 days before a due date, every earlier row paid on its due date): the closed row's interest
   is the days run on its balance; the first re-scheduled row's interest runs from the prepayment
   day; later rows are the engine's (amort_period_interest on the balance before them); 等额本金
   rows repay balance / rows left; interest-only rows repay nothing before the last. */
static void test_prepayment_matches_engine(void **state)
{
    (void)state;
    static struct tloan t;
    static const enum amort_method methods[] = {AMORT_EQUAL_INSTALLMENT, AMORT_EQUAL_PRINCIPAL, AMORT_MONTHLY_INTEREST,
                                                AMORT_QUARTERLY_INTEREST};
    static const int terms[] = {2, 5, 6, 7, 8, 12, 13, 24, 35, 36};
    static const int64_t rates[] = {0, 3450000, 4350000, 24000000};
    long checked = 0;
    for (int dc = 0; dc < AMORT_DAYS__MAX; dc++)
        for (size_t m = 0; m < sizeof methods / sizeof *methods; m++)
            for (size_t k = 0; k < sizeof terms / sizeof *terms; k++)
                for (size_t q = 0; q < sizeof rates / sizeof *rates; q++) {
                    make_loan_dc(&t, 10000000, rates[q], terms[k], methods[m], D(2024, 1, 31), dc);
                    int n = t.loan.nrows;
                    for (int cur = 0; cur + 1 < n; cur++) {
                        make_loan_dc(&t, 10000000, rates[q], terms[k], methods[m], D(2024, 1, 31), dc);
                        for (int i = 0; i < cur; i++)
                            if (t.rows[i].principal_fen + t.rows[i].interest_fen > 0)
                                apply_ok(&t, t.rows[i].due_on, t.rows[i].principal_fen + t.rows[i].interest_fen);
                        if (t.rows[cur].principal_fen + t.rows[cur].interest_fen == 0)
                            continue; /* an interest-only row at 0%: nothing runs on it */
                        struct date prev = cur ? t.rows[cur - 1].due_on : t.loan.disbursed_on;
                        struct date on = date_add_days(t.rows[cur].due_on, -3);
                        int64_t b_cur = 0;
                        for (int i = cur; i < n; i++)
                            b_cur += t.rows[i].principal_fen;
                        int64_t run = amort_daily_interest(b_cur, rates[q], date_diff(on, prev));
                        if (run > t.rows[cur].interest_fen)
                            run = t.rows[cur].interest_fen;
                        struct repay_alloc a =
                            apply_ok(&t, on, t.rows[cur].principal_fen + t.rows[cur].interest_fen + 123456);
                        assert_int_equal(t.rows[cur].interest_fen, run);
                        assert_int_equal(a.interest_fen, run);
                        int64_t balance = repay_outstanding_principal(&t.loan);
                        int64_t first = amort_period_interest(balance, rates[q], dc, t.rows[cur].due_on,
                                                              t.rows[cur + 1].due_on);
                        if (dc == AMORT_DAYS_ACTUAL360)
                            first = amort_daily_interest(balance, rates[q], date_diff(t.rows[cur + 1].due_on, on));
                        else
                            first += amort_daily_interest(balance, rates[q], 3);
                        assert_int_equal(t.rows[cur + 1].interest_fen, first);
                        int64_t left = balance;
                        for (int i = cur + 1; i < n; i++) {
                            if (i > cur + 1)
                                assert_int_equal(t.rows[i].interest_fen,
                                                 amort_period_interest(left, rates[q], dc, t.rows[i - 1].due_on,
                                                                       t.rows[i].due_on));
                            if (methods[m] == AMORT_EQUAL_PRINCIPAL && i < n - 1)
                                assert_int_equal(t.rows[i].principal_fen, (2 * balance + (n - cur - 1)) / (2 * (n - cur - 1)));
                            if ((methods[m] == AMORT_MONTHLY_INTEREST || methods[m] == AMORT_QUARTERLY_INTEREST) &&
                                i < n - 1)
                                assert_int_equal(t.rows[i].principal_fen, 0);
                            left -= t.rows[i].principal_fen;
                            checked++;
                        }
                        assert_int_equal(left, 0);
                        check_rows(&t);
                    }
                }
    assert_true(checked > 2000);
}

/* 利随本清: a single row. 50,000.00 at 6% over 12 months from 2024-03-10 (按月计息 for this
   test): scheduled interest 3,000.00. Paying before maturity pays the interest run so far and
   stops the interest on the part repaid; the rest keeps running to maturity. */
static void test_bullet(void **state)
{
    (void)state;
    static struct tloan t;
    make_loan(&t, 5000000, 6000000, 12, AMORT_BULLET, D(2024, 3, 10));
    assert_int_equal(t.loan.nrows, 1);
    assert_int_equal(t.rows[0].interest_fen, 300000);
    assert_date_eq(t.rows[0].due_on, D(2025, 3, 10));
    /* on the disbursement day: the principal alone */
    assert_int_equal(repay_owed_now(&t.loan, D(2024, 3, 10)), 5000000);
    /* 10,000.00 on 06-10, 92 days: interest run 5,000,000 × 6% / 360 × 92 = 76,666.67 → 76,667;
       principal 923,333, so 4,076,667 is left and runs 273 days to 2025-03-10:
       4,076,667 × 6% / 360 × 273 = 185,488.35 → 185,488; the row's interest 262,155 */
    struct repay_alloc a = apply_ok(&t, D(2024, 6, 10), 1000000);
    assert_alloc(a, 0, 76667, 923333, 923333);
    assert_int_equal(t.rows[0].principal_fen, 5000000);
    assert_int_equal(t.rows[0].interest_fen, 76667 + 185488);
    /* 07-01, 21 days later: 4,076,667 × 6% / 360 × 21 = 14,268.33 → 14,268 of interest */
    assert_int_equal(repay_owed_now(&t.loan, D(2024, 7, 1)), 4076667 + 14268);
    /* 10 days late: penalty 4,076,667 × 9% / 360 × 10 = 10,191.67 → 10,192;
       compound on the unpaid 185,488 interest: 185,488 × 9% / 360 × 10 = 463.72 → 464 */
    struct date late = D(2025, 3, 20);
    assert_int_equal(repay_dpd(&t.loan, late), 10);
    assert_int_equal(repay_overdue(&t.loan, late), 4076667 + 185488 + 10192 + 464);
    a = apply_ok(&t, late, 4076667 + 185488 + 10192 + 464);
    assert_alloc_c(a, 10192, 464, 185488, 4076667, 0);
    assert_int_equal(repay_owed_now(&t.loan, late), 0);
    check_rows(&t);
    /* settled early in one payment on 04-01, 22 days: 5,000,000 × 6% / 360 × 22 = 18,333.33 */
    make_loan(&t, 5000000, 6000000, 12, AMORT_BULLET, D(2024, 3, 10));
    assert_int_equal(repay_owed_now(&t.loan, D(2024, 4, 1)), 5018333);
    struct repay_alloc over;
    assert_int_equal(repay_apply(&t.loan, D(2024, 4, 1), 5300000, &over), REPAY_OVERPAYMENT);
    a = apply_ok(&t, D(2024, 4, 1), 5018333);
    assert_alloc(a, 0, 18333, 5000000, 0);
    assert_int_equal(repay_owed_now(&t.loan, D(2024, 4, 1)), 0);
}

/* ---- refusals ------------------------------------------------------------------------------------ */

/* Every refusal leaves the rows exactly as they were (no accrual either) and a zeroed allocation;
   paying exactly what is owed is accepted and settles the loan. */
static void test_refusals_leave_rows_unchanged(void **state)
{
    (void)state;
    static struct tloan t;
    ep_loan(&t);
    struct repay_row before[MAX_ROWS];
    struct date on = D(2024, 4, 20); /* rows 1-3 overdue: accruing would change them */
    save_rows(&t, before);
    int64_t owed = repay_owed_now(&t.loan, on);
    assert_rows_equal(&t, before);
    assert_true(owed > 12000000);
    struct {
        struct date on;
        int64_t amount;
        enum repay_result want;
    } cases[] = {
        {on, 0, REPAY_BAD_AMOUNT},
        {on, -100, REPAY_BAD_AMOUNT},
        {on, INT64_MIN, REPAY_BAD_AMOUNT},
        {D(2024, 1, 14), 100, REPAY_BAD_DATE},
        {D(1999, 12, 31), 100, REPAY_BAD_DATE},
        {on, owed + 1, REPAY_OVERPAYMENT},
        {on, INT64_MAX, REPAY_OVERPAYMENT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct repay_alloc a;
        memset(&a, 0x55, sizeof a);
        assert_int_equal(repay_apply(&t.loan, cases[i].on, cases[i].amount, &a), cases[i].want);
        assert_rows_equal(&t, before);
        assert_int_equal(a.penalty_fen, 0);
        assert_int_equal(a.interest_fen, 0);
        assert_int_equal(a.principal_fen, 0);
        assert_int_equal(a.prepaid_principal_fen, 0);
        assert_int_equal(a.rescheduled, 0);
    }
    /* the disbursement day itself is a valid date */
    struct repay_alloc a = apply_ok(&t, D(2024, 1, 15), 100);
    assert_alloc(a, 0, 100, 0, 0);
    owed = repay_owed_now(&t.loan, on);
    a = apply_ok(&t, on, owed);
    assert_int_equal(a.principal_fen, 12000000);
    assert_int_equal(repay_outstanding_principal(&t.loan), 0);
    assert_int_equal(repay_owed_now(&t.loan, on), 0);
    check_rows(&t);
    /* settled: refused, unchanged, also much later */
    save_rows(&t, before);
    assert_int_equal(repay_apply(&t.loan, on, 1, &a), REPAY_SETTLED);
    assert_int_equal(repay_apply(&t.loan, D(2030, 1, 1), 1, NULL), REPAY_SETTLED);
    assert_rows_equal(&t, before);
    /* a NULL allocation is allowed */
    ep_loan(&t);
    assert_int_equal(repay_apply(&t.loan, D(2024, 2, 15), 1043500, NULL), REPAY_OK);
    assert_int_equal(t.rows[0].paid_principal_fen, 1000000);
}

/* A repayment dated before one already applied is refused (BAD_DATE), rows unchanged; a later one
   in the same period is fine. */
static void test_out_of_order_refused(void **state)
{
    (void)state;
    static struct tloan t;
    ep_loan(&t);
    for (int i = 0; i < 3; i++)
        apply_ok(&t, t.rows[i].due_on, 1000000 + t.rows[i].interest_fen);
    apply_ok(&t, D(2024, 4, 20), 1000000 + 32625); /* row 4 (due 05-15), early */
    struct repay_row before[MAX_ROWS];
    save_rows(&t, before);
    struct repay_alloc a;
    assert_int_equal(repay_apply(&t.loan, D(2024, 4, 10), 100, &a), REPAY_BAD_DATE);
    assert_rows_equal(&t, before);
    /* a later date in the same period is fine: row 4 is paid, so 1.00 is an early part of
       instalment 5 (its scheduled interest first) */
    a = apply_ok(&t, D(2024, 4, 25), 100);
    assert_alloc(a, 0, 100, 0, 0);
    check_rows(&t);
}

/* ---- DPD, grades, buckets ------------------------------------------------------------------------- */

static void test_grade_and_bucket_boundaries(void **state)
{
    (void)state;
    static const struct {
        long dpd;
        enum loan_grade grade;
        int bucket;
    } cases[] = {
        {-5, GRADE_NORMAL, 0},          {0, GRADE_NORMAL, 0},           {1, GRADE_SPECIAL_MENTION, 1},
        {30, GRADE_SPECIAL_MENTION, 1}, {31, GRADE_SPECIAL_MENTION, 2}, {90, GRADE_SPECIAL_MENTION, 2},
        {91, GRADE_SUBSTANDARD, 3},     {180, GRADE_SUBSTANDARD, 3},    {181, GRADE_DOUBTFUL, 4},
        {360, GRADE_DOUBTFUL, 4},       {361, GRADE_LOSS, 4},           {100000, GRADE_LOSS, 4},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        assert_int_equal(repay_grade(cases[i].dpd), cases[i].grade);
        assert_int_equal(repay_bucket(cases[i].dpd), cases[i].bucket);
    }
    static const char *const codes[] = {"normal", "special_mention", "substandard", "doubtful", "loss"};
    static const char *const names[] = {"正常", "关注", "次级", "可疑", "损失"};
    assert_int_equal(GRADE__MAX, 5);
    for (int g = 0; g < GRADE__MAX; g++) {
        assert_string_equal(repay_grade_code((enum loan_grade)g), codes[g]);
        assert_string_equal(repay_grade_name((enum loan_grade)g), names[g]);
    }
    assert_null(repay_grade_code(GRADE__MAX));
    assert_null(repay_grade_name(GRADE__MAX));
    assert_null(repay_grade_code((enum loan_grade)(-1)));
    assert_null(repay_grade_name((enum loan_grade)(-1)));
}

/* DPD of a real loan at each boundary: counted from the oldest unpaid due date (row 1, then, once
   row 1 is paid, row 2). */
static void test_dpd_boundaries(void **state)
{
    (void)state;
    static struct tloan t;
    ep_loan(&t);
    static const long days[] = {0, 1, 30, 31, 90, 91, 180, 181, 360, 361};
    static const enum loan_grade grades[] = {
        GRADE_NORMAL,      GRADE_SPECIAL_MENTION, GRADE_SPECIAL_MENTION, GRADE_SPECIAL_MENTION, GRADE_SPECIAL_MENTION,
        GRADE_SUBSTANDARD, GRADE_SUBSTANDARD,     GRADE_DOUBTFUL,        GRADE_DOUBTFUL,        GRADE_LOSS};
    static const int buckets[] = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
    assert_int_equal(repay_dpd(&t.loan, D(2024, 1, 15)), 0);
    assert_int_equal(repay_dpd(&t.loan, D(2024, 2, 14)), 0);
    for (size_t i = 0; i < sizeof days / sizeof *days; i++) {
        struct date on = date_add_days(t.rows[0].due_on, days[i]);
        long dpd = repay_dpd(&t.loan, on);
        assert_int_equal(dpd, days[i]);
        assert_int_equal(repay_grade(dpd), grades[i]);
        assert_int_equal(repay_bucket(dpd), buckets[i]);
    }
    /* 2024-03-20, row 1 is 34 days overdue: penalty 181.25 × 34 = 6,162.5 → 6,163 fen; compound
       on its 435.00 interest 7.884375 × 34 = 268.07 → 268. Paying all of row 1 but 1 fen of its
       principal keeps the loan past due from row 1. */
    struct date on = D(2024, 3, 20);
    assert_int_equal(amort_penalty_interest(1000000, 4350000, 150, 34), 6163);
    assert_int_equal(amort_penalty_interest(43500, 4350000, 150, 34), 268);
    struct repay_alloc a = apply_ok(&t, on, 6163 + 268 + 43500 + 999999);
    assert_alloc_c(a, 6163, 268, 43500, 999999, 0);
    assert_int_equal(repay_dpd(&t.loan, on), 34);
    /* row 1 settled: DPD from row 2 (due 03-15) */
    a = apply_ok(&t, on, 1);
    assert_alloc(a, 0, 0, 1, 0);
    assert_int_equal(repay_dpd(&t.loan, on), 5);
    assert_int_equal(repay_dpd(&t.loan, D(2024, 3, 15)), 0);
}

/* ---- accrual ------------------------------------------------------------------------------------- */

static void test_accrue_idempotent(void **state)
{
    (void)state;
    static struct tloan t, fresh;
    struct repay_row before[MAX_ROWS];
    ep_loan(&t);
    ep_loan(&fresh);
    /* nothing before or on a due date */
    repay_accrue(&t.loan, D(2024, 2, 15));
    assert_rows_equal(&t, fresh.rows);
    struct date on = D(2024, 3, 25);
    int64_t overdue = repay_overdue(&t.loan, on), owed = repay_owed_now(&t.loan, on);
    repay_accrue(&t.loan, on);
    assert_int_equal(t.rows[0].penalty_fen, 7069);
    assert_int_equal(t.rows[1].penalty_fen, 1813);
    assert_int_equal(t.rows[2].penalty_fen, 0);
    assert_date_eq(t.rows[0].penalty_through, on);
    assert_date_eq(t.rows[1].penalty_through, on);
    assert_int_equal(t.rows[2].penalty_through.y, 0);
    /* the read-only functions already counted it */
    assert_int_equal(repay_overdue(&t.loan, on), overdue);
    assert_int_equal(repay_owed_now(&t.loan, on), owed);
    save_rows(&t, before);
    repay_accrue(&t.loan, on);
    assert_rows_equal(&t, before);
    /* never backwards */
    repay_accrue(&t.loan, D(2024, 3, 1));
    repay_accrue(&t.loan, D(2024, 2, 20));
    assert_rows_equal(&t, before);
    /* incrementally, one rounding per accrual: 03-25 → 04-04 adds 10 days on each row */
    repay_accrue(&t.loan, D(2024, 4, 4));
    assert_int_equal(t.rows[0].penalty_fen, 7069 + 1813);
    assert_int_equal(t.rows[1].penalty_fen, 1813 + 1813);
    assert_date_eq(t.rows[0].penalty_through, D(2024, 4, 4));
    /* NULL loans are ignored */
    repay_accrue(NULL, on);
    assert_int_equal(repay_owed_now(NULL, on), 0);
    assert_int_equal(repay_outstanding_principal(NULL), 0);
    assert_int_equal(repay_overdue(NULL, on), 0);
    assert_int_equal(repay_dpd(NULL, on), 0);
    assert_int_equal(repay_apply(NULL, on, 1, NULL), REPAY_SETTLED);
}

/* A penalty_through earlier than the due date (or unset) accrues from the due date only. */
static void test_accrue_from_due_date(void **state)
{
    (void)state;
    static struct tloan t;
    ep_loan(&t);
    t.rows[0].penalty_through = D(2024, 1, 20);
    repay_accrue(&t.loan, D(2024, 2, 25));
    assert_int_equal(t.rows[0].penalty_fen, 1813);
}

/* ---- invariants over random loans and payment sequences ------------------------------------------ */

/* splitmix64: a small deterministic generator, so failures reproduce. */
static uint64_t rng_state;
static uint64_t rng(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Uniform in lo..hi. */
static int64_t rng_range(int64_t lo, int64_t hi)
{
    return lo + (int64_t)(rng() % (uint64_t)(hi - lo + 1));
}

/* Sum of everything paid on the rows. */
static int64_t paid_total(const struct tloan *t)
{
    int64_t s = 0;
    for (int i = 0; i < t->loan.nrows; i++)
        s += t->rows[i].paid_penalty_fen + t->rows[i].paid_compound_fen + t->rows[i].paid_interest_fen +
             t->rows[i].paid_principal_fen;
    return s;
}

/*
 * 4,000 random loans (every method and day count; programme-sized and tiny principals; rates
 * 0..24%; terms 1..60 months), each with a random sequence of up to 20 repayments on non-decreasing dates
 * (on time, late, early, partial, prepayments, refused overpayments), then settled by paying
 * repay_owed_now. After every step: the allocation equals the amount, nothing is negative, the
 * principal parts sum to the principal, paid + outstanding principal = principal, what is owed
 * drops by the amount paid (less only the part of an instalment paid early that exceeds the
 * interest run so far: an early instalment pays its scheduled interest), due dates and the number of rows never change; refusals
 * change nothing; at the end nothing is outstanding or owed, ever after.
 */
static void test_random_payment_sequences(void **state)
{
    (void)state;
    static struct tloan t;
    static struct repay_row due_dates[MAX_ROWS], before[MAX_ROWS];
    long applied = 0, prepaid = 0, penalised = 0, refused = 0, settled_mid = 0;
    rng_state = 20240315;
    for (int loan = 0; loan < 4000; loan++) {
        enum amort_method method = (enum amort_method)(rng() % AMORT__MAX);
        int64_t principal = rng() % 8 ? rng_range(2000000, 20000000) : rng_range(1, 50000);
        int64_t rate = rng() % 20 == 0 ? 0 : rng_range(0, 24000) * 1000;
        int term = rng() % 4 ? (int)rng_range(6, 36) : (int)rng_range(1, 60);
        struct date start = {(int)rng_range(2000, 2090), (int)rng_range(1, 12), 1};
        start.d = rng() % 3 ? (int)rng_range(1, 28) : date_days_in_month(start.y, start.m);
        enum amort_day_count dc = (enum amort_day_count)(rng() % AMORT_DAYS__MAX);
        make_loan_dc(&t, principal, rate, term, method, start, dc);
        save_rows(&t, due_dates);
        int64_t total_paid = 0;
        struct date on = start;
        int settled = 0;
        for (int step = 0; step < 20 && !settled; step++) {
            /* advance: mostly to around the next unpaid due date, sometimes far */
            switch (rng() % 4) {
            case 0:
                break;
            case 1:
                on = date_add_days(on, rng_range(1, 40));
                break;
            case 2:
                on = date_add_days(on, rng_range(20, 35));
                break;
            default:
                on = date_add_days(on, rng_range(1, 200));
                break;
            }
            int64_t owed = repay_owed_now(&t.loan, on);
            assert_true(owed > 0);
            int64_t overdue = repay_overdue(&t.loan, on);
            assert_true(overdue >= 0 && overdue <= owed);
            long dpd = repay_dpd(&t.loan, on);
            assert_true(dpd >= 0);
            if (dpd > 0)
                assert_true(overdue > 0);
            int64_t amount;
            uint64_t pick = rng() % 20;
            if (pick == 0) { /* settle */
                amount = owed;
            } else if (pick <= 3) { /* refused: overpayment or no amount */
                save_rows(&t, before);
                struct repay_alloc a;
                int64_t bad = rng() % 2 ? owed + rng_range(1, 100000) : -rng_range(0, 1000);
                enum repay_result rr = repay_apply(&t.loan, on, bad, &a);
                assert_int_equal(rr, bad > 0 ? REPAY_OVERPAYMENT : REPAY_BAD_AMOUNT);
                assert_rows_equal(&t, before);
                assert_int_equal(a.penalty_fen + a.interest_fen + a.principal_fen + a.prepaid_principal_fen, 0);
                assert_int_equal(repay_owed_now(&t.loan, on), owed);
                refused++;
                continue;
            } else if (pick <= 11) { /* the overdue amount plus the current instalment, often a bit more or less */
                int cur = 0;
                while (cur < t.loan.nrows && date_cmp(t.rows[cur].due_on, on) <= 0)
                    cur++;
                amount = overdue;
                if (cur < t.loan.nrows)
                    amount += t.rows[cur].principal_fen - t.rows[cur].paid_principal_fen + t.rows[cur].interest_fen -
                              t.rows[cur].paid_interest_fen;
                if (rng() % 2)
                    amount += rng_range(-5000, 5000);
                if (amount <= 0 || amount > owed)
                    amount = rng_range(1, owed);
            } else if (pick <= 15) { /* small */
                amount = rng_range(1, owed < 5000 ? owed : 5000);
            } else if (pick <= 17) {
                amount = rng_range(1, owed);
            } else {
                amount = rng_range(1, owed / 3 + 1);
            }
            struct repay_alloc a = apply_ok(&t, on, amount);
            applied++;
            prepaid += a.rescheduled;
            penalised += a.penalty_fen > 0;
            total_paid += amount;
            assert_int_equal(paid_total(&t), total_paid);
            int64_t after = repay_owed_now(&t.loan, on);
            assert_true(after >= owed - amount && after <= owed - amount + a.interest_fen);
            if (a.prepaid_principal_fen > 0 || amount == owed)
                assert_int_equal(after, owed - amount); /* closed by the days run: exact */
            assert_int_equal(t.loan.nrows,
                             amort_row_count(&(struct amort_input){principal, rate, term, method, start, dc, AMORT_SETTLE_DUE_DATES}));
            for (int i = 0; i < t.loan.nrows; i++)
                assert_int_equal(date_cmp(t.rows[i].due_on, due_dates[i].due_on), 0);
            check_rows(&t);
            if (amount == owed) {
                settled = 1;
                settled_mid++;
            }
        }
        if (!settled) {
            on = date_add_days(on, rng_range(0, 400));
            int64_t owed = repay_owed_now(&t.loan, on);
            struct repay_alloc a = apply_ok(&t, on, owed);
            total_paid += owed;
            assert_int_equal(paid_total(&t), total_paid);
            (void)a;
        }
        check_rows(&t);
        assert_int_equal(repay_outstanding_principal(&t.loan), 0);
        assert_int_equal(repay_owed_now(&t.loan, on), 0);
        struct date much_later = date_add_days(on, 1000);
        assert_int_equal(repay_owed_now(&t.loan, much_later), 0);
        assert_int_equal(repay_overdue(&t.loan, much_later), 0);
        assert_int_equal(repay_dpd(&t.loan, much_later), 0);
        save_rows(&t, before);
        assert_int_equal(repay_apply(&t.loan, much_later, 1, NULL), REPAY_SETTLED);
        assert_rows_equal(&t, before);
    }
    /* the sequences did exercise every path */
    print_message("random sequences: %ld applied, %ld prepaid, %ld with penalty, %ld refused, %ld settled early\n",
                  applied, prepaid, penalised, refused, settled_mid);
    assert_true(applied > 20000);
    assert_true(prepaid > 1000);
    assert_true(penalised > 1000);
    assert_true(refused > 1000);
    assert_true(settled_mid > 500);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_domain_example_on_time),
        cmocka_unit_test(test_equal_principal_on_time),
        cmocka_unit_test(test_current_instalment_paid_early),
        cmocka_unit_test(test_penalty_ten_days_late),
        cmocka_unit_test(test_penalty_on_remaining_principal),
        cmocka_unit_test(test_partial_payment_order),
        cmocka_unit_test(test_overdue_interest_only),
        cmocka_unit_test(test_prepayment_reschedules),
        cmocka_unit_test(test_prepayment_between_due_dates),
        cmocka_unit_test(test_prepayment_equal_installment),
        cmocka_unit_test(test_prepayment_matches_engine),
        cmocka_unit_test(test_bullet),
        cmocka_unit_test(test_refusals_leave_rows_unchanged),
        cmocka_unit_test(test_out_of_order_refused),
        cmocka_unit_test(test_grade_and_bucket_boundaries),
        cmocka_unit_test(test_dpd_boundaries),
        cmocka_unit_test(test_accrue_idempotent),
        cmocka_unit_test(test_accrue_from_due_date),
        cmocka_unit_test(test_random_payment_sequences),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
