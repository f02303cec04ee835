/* test_extend.c: unit tests for src/loans/extend.c: an extension's new schedule worked by hand to
   the fen (on a due date; between due dates, with the running period's interest carried into the
   first new row; with a new method and rate), a payoff right after it, and every refusal leaving
   the rows as they were. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "extend.h"

#define MAX_ROWS 360

static struct date D(int y, int m, int d)
{
    return (struct date){y, m, d};
}

struct tloan {
    struct repay_row rows[MAX_ROWS];
    struct repay_loan loan;
};

/* The loan of docs/domain.md's servicing example: 120,000.00 at 4.35 %, 等额本金, 12 months from
   2026-01-15, 按月计息: principal 10,000.00 a month; interest 435.00, 398.75, 362.50, 326.25, ...
   Rows 1..paid are paid in full on their due dates. */
static void make_loan(struct tloan *t, int paid)
{
    static struct amort_row ar[MAX_ROWS];
    struct amort_input in = {12000000, 4350000, 12, AMORT_EQUAL_PRINCIPAL, D(2026, 1, 15), AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES};
    int n = amort_schedule(&in, ar, MAX_ROWS);
    assert_int_equal(n, 12);
    memset(t, 0, sizeof *t);
    for (int i = 0; i < n; i++) {
        t->rows[i] = (struct repay_row){.n = ar[i].n, .due_on = ar[i].due_on, .principal_fen = ar[i].principal_fen,
                                        .interest_fen = ar[i].interest_fen};
        if (i < paid) {
            t->rows[i].paid_principal_fen = ar[i].principal_fen;
            t->rows[i].paid_interest_fen = ar[i].interest_fen;
        }
    }
    t->loan = (struct repay_loan){.method = AMORT_EQUAL_PRINCIPAL, .day_count = AMORT_DAYS_MONTH,
                                  .rate_micro = 4350000, .penalty_pct = 150, .disbursed_on = D(2026, 1, 15),
                                  .term_months = 12, .nrows = n, .rows = t->rows};
    if (paid)
        t->loan.last_paid_on = ar[paid - 1].due_on;
}

/* Rows 1-4 paid on time; extended on 2026-05-15 (the 4th due date: nothing has run since) for 12
   months, same method and rate. Outstanding 80,000.00; 80,000.00 / 12 = 6,666.666… → 6,666.67 a
   month, the last 80,000.00 − 11 × 6,666.67 = 6,666.63. Interest: 80,000.00 × 4.35 % / 12 =
   290.00; then 73,333.33 × 0.3625 % = 265.8333… → 265.83; 66,666.66 × 0.3625 % = 241.6666… →
   241.67; the last 6,666.63 × 0.3625 % = 24.1665… → 24.17. Due 2026-06-15 … 2027-05-15, numbered
   5 … 16. */
static void test_extend_on_due_date(void **state)
{
    (void)state;
    static struct tloan t;
    make_loan(&t, 4);
    struct extend_out out;
    assert_int_equal(extend_schedule(&t.loan, D(2026, 5, 15), 12, 4350000, AMORT_EQUAL_PRINCIPAL, MAX_ROWS, &out),
                     EXTEND_OK);
    assert_int_equal(out.first, 4);
    assert_int_equal(out.outstanding_fen, 8000000);
    assert_int_equal(out.accrued_fen, 0);
    assert_int_equal(t.loan.nrows, 16);
    const struct repay_row *r = &t.rows[4];
    assert_int_equal(r->n, 5);
    assert_int_equal(date_cmp(r->due_on, D(2026, 6, 15)), 0);
    assert_int_equal(r->principal_fen, 666667);
    assert_int_equal(r->interest_fen, 29000);
    assert_int_equal(t.rows[5].interest_fen, 26583);
    assert_int_equal(t.rows[6].interest_fen, 24167);
    assert_int_equal(t.rows[15].n, 16);
    assert_int_equal(date_cmp(t.rows[15].due_on, D(2027, 5, 15)), 0);
    assert_int_equal(t.rows[15].principal_fen, 666663);
    assert_int_equal(t.rows[15].interest_fen, 2417);
    int64_t sum = 0;
    for (int i = 0; i < t.loan.nrows; i++)
        sum += t.rows[i].principal_fen;
    assert_int_equal(sum, 12000000); /* the kept rows' 40,000.00 and the new 80,000.00 */
    assert_int_equal(t.rows[3].paid_principal_fen, 1000000); /* the paid rows are untouched */
}

/* Rows 1-4 paid; extended on 2026-06-01, 17 days into the 5th period, for 6 months 按月付息 at
   3.85 %. Earned by then at the old rate: 80,000.00 × 4.35 % / 360 × 17 = 164.333… → 164.33. The new
   rows: interest 80,000.00 × 3.85 % / 12 = 256.666… → 256.67 a month; the first row 256.67 +
   164.33 = 421.00; principal 0 until the last row (2026-12-01), 80,000.00. A payoff on 2026-06-01
   costs 80,000.00 + 164.33; on 2026-06-11 also 80,000.00 × 3.85 % / 360 × 10 = 85.5555… → 85.56. */
static void test_extend_between_due_dates(void **state)
{
    (void)state;
    static struct tloan t;
    make_loan(&t, 4);
    struct extend_out out;
    assert_int_equal(extend_schedule(&t.loan, D(2026, 6, 1), 6, 3850000, AMORT_MONTHLY_INTEREST, MAX_ROWS, &out),
                     EXTEND_OK);
    assert_int_equal(out.accrued_fen, 16433);
    assert_int_equal(t.loan.nrows, 10);
    assert_int_equal(t.loan.method, AMORT_MONTHLY_INTEREST);
    assert_int_equal(t.loan.rate_micro, 3850000);
    assert_int_equal(t.rows[4].interest_fen, 42100);
    assert_int_equal(t.rows[4].principal_fen, 0);
    assert_int_equal(date_cmp(t.rows[4].due_on, D(2026, 7, 1)), 0);
    assert_int_equal(t.rows[5].interest_fen, 25667);
    assert_int_equal(t.rows[9].principal_fen, 8000000);
    assert_int_equal(date_cmp(t.rows[9].due_on, D(2026, 12, 1)), 0);
    assert_int_equal(repay_owed_now(&t.loan, D(2026, 6, 1)), 8000000 + 16433);
    assert_int_equal(repay_owed_now(&t.loan, D(2026, 6, 11)), 8000000 + 16433 + 8556);
}

/* Refusals leave every row as it was: a date with an instalment unpaid before it (rows 1-3 paid,
   the 4th due 05-15 not), a row after the date paid in part, a date before the latest repayment,
   a settled loan, a term that cannot be scheduled. */
static void test_extend_refusals(void **state)
{
    (void)state;
    static struct tloan t, before;
    struct extend_out out;
    make_loan(&t, 3);
    before = t;
    assert_int_equal(extend_schedule(&t.loan, D(2026, 5, 20), 12, 4350000, AMORT_EQUAL_PRINCIPAL, MAX_ROWS, &out),
                     EXTEND_OVERDUE);
    assert_memory_equal(t.rows, before.rows, sizeof t.rows);
    assert_int_equal(t.loan.nrows, 12);
    t.rows[3].paid_interest_fen = 100;
    assert_int_equal(extend_schedule(&t.loan, D(2026, 5, 1), 12, 4350000, AMORT_EQUAL_PRINCIPAL, MAX_ROWS, &out),
                     EXTEND_PAID_AHEAD);
    t.rows[3].paid_interest_fen = 0;
    assert_int_equal(extend_schedule(&t.loan, D(2026, 4, 1), 12, 4350000, AMORT_EQUAL_PRINCIPAL, MAX_ROWS, &out),
                     EXTEND_BAD_DATE);
    assert_int_equal(extend_schedule(&t.loan, D(2026, 5, 1), 0, 4350000, AMORT_EQUAL_PRINCIPAL, MAX_ROWS, &out),
                     EXTEND_BAD_TERMS);
    assert_int_equal(extend_schedule(&t.loan, D(2026, 5, 1), 350, 4350000, AMORT_EQUAL_PRINCIPAL, 300, &out),
                     EXTEND_BAD_TERMS);
    assert_memory_equal(t.rows, before.rows, sizeof t.rows);
    make_loan(&t, 12);
    assert_int_equal(extend_schedule(&t.loan, D(2027, 1, 20), 12, 4350000, AMORT_EQUAL_PRINCIPAL, MAX_ROWS, &out),
                     EXTEND_SETTLED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_extend_on_due_date),
        cmocka_unit_test(test_extend_between_due_dates),
        cmocka_unit_test(test_extend_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
