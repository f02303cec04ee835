/* Unit tests for the interest-subsidy rule (subsidy.c): the share, the exclusions (late
   instalments, penalty, 代偿, 展期) and their reasons, and quarter parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "subsidy.h"

#define D(y, m, d) ((struct date){y, m, d})

/* The 等额本金 loan of the HTTP tests: 120,000.00 at 4.35 %, interest of instalments 1-3. */
static const struct subsidy_due rows[] = {{D(2026, 2, 15), 43500}, {D(2026, 3, 15), 39875}, {D(2026, 4, 15), 36250}};

static void test_domain_example(void **state)
{
    /* 100,000 yuan for a year at 5.15% = 5,150 yuan interest; the borrower pays 2.15% (2,150),
       the budget 3,000 */
    assert_int_equal(subsidy_of(515000, 5150000, 1, 2150000, 0), 300000);
    assert_int_equal(subsidy_of(515000, 5150000, 0, 0, 50), 257500);
    assert_int_equal(subsidy_of(83375, 4350000, 1, 2150000, 0), 42167); /* 83,375 × 2.2 / 4.35 = 42,166.67 */
    assert_int_equal(subsidy_of(1, 4350000, 0, 0, 50), 1);               /* half a fen rounds up */
    assert_int_equal(subsidy_of(100, 2000000, 1, 2150000, 0), 0);        /* rate below the borrower's */
    assert_int_equal(subsidy_of(0, 4350000, 1, 2150000, 0), 0);
}

/* Each repayment's interest fills the instalments oldest first; what lands on an instalment after
   its due date is late, counted in the quarter the repayment was made. */
static void test_late_interest(void **state)
{
    (void)state;
    struct date q1a = D(2026, 1, 1), q1b = D(2026, 3, 31), q2a = D(2026, 4, 1), q2b = D(2026, 6, 30);
    /* 435.00 on 02-15 (on time), 398.75 on 03-25 (ten days after 03-15): 398.75 late in Q1. */
    const struct subsidy_paid a[] = {{D(2026, 2, 15), 43500}, {D(2026, 3, 25), 39875}};
    assert_int_equal(subsidy_late_interest(rows, 3, a, 2, q1a, q1b), 39875);
    assert_int_equal(subsidy_late_interest(rows, 3, a, 2, q2a, q2b), 0); /* nothing paid in Q2 */
    /* 200.00 early on 02-10, then 633.75 on 02-20: 235.00 of it completes instalment 1 five days
       late, 398.75 pays instalment 2 ahead of 03-15: 235.00 late. */
    const struct subsidy_paid b[] = {{D(2026, 2, 10), 20000}, {D(2026, 2, 20), 63375}};
    assert_int_equal(subsidy_late_interest(rows, 3, b, 2, q1a, q1b), 23500);
    /* Q1 on time, then 362.50 + 100.00 on 04-20: instalment 3 late, and the 100.00 beyond the
       schedule counts against it (late too): 462.50 late in Q2. */
    const struct subsidy_paid c[] = {{D(2026, 2, 15), 43500}, {D(2026, 3, 15), 39875}, {D(2026, 4, 20), 46250}};
    assert_int_equal(subsidy_late_interest(rows, 3, c, 3, q2a, q2b), 46250);
    /* On the due date itself is on time. No rows or no payments: nothing late. */
    const struct subsidy_paid d[] = {{D(2026, 4, 15), 36250}};
    assert_int_equal(subsidy_late_interest(rows + 2, 1, d, 1, q2a, q2b), 0);
    assert_int_equal(subsidy_late_interest(rows, 0, d, 1, q2a, q2b), 0);
    assert_int_equal(subsidy_late_interest(rows, 3, d, 0, q2a, q2b), 0);
}

static const struct subsidy_rule rule = {1, 2150000, 0}; /* the budget pays the rate above 2.15 % */

/* A Q1 row of the loan above: 833.75 paid, 398.75 of it late, 18.13 penalty. */
static struct subsidy_row q1_row(const char *compensated_on, const char *extended_on)
{
    struct subsidy_row r = {.loan_id = 7, .rate_micro = 4350000, .interest_paid_fen = 83375, .late_interest_fen = 39875,
                            .penalty_paid_fen = 1813};
    strcpy(r.compensated_on, compensated_on);
    strcpy(r.extended_on, extended_on);
    return r;
}

static void test_assess_and_reason(void **state)
{
    (void)state;
    char why[SUBSIDY_REASON_SIZE];
    /* Eligible 833.75 − 398.75 = 435.00; subsidy 435.00 × (4.35 − 2.15) / 4.35 = 220.00. */
    struct subsidy_row r = q1_row("", "");
    subsidy_assess(&r, &rule, D(2026, 3, 31));
    assert_int_equal(r.eligible_interest_fen, 43500);
    assert_int_equal(r.subsidy_fen, 22000);
    assert_int_equal(r.excluded, SUBSIDY_LATE | SUBSIDY_PENALTY);
    assert_int_equal(subsidy_reason(&r, why, sizeof why), 0);
    assert_string_equal(why, "逾期归还的利息 398.75 元不贴息；罚息、复利 18.13 元不贴息");
    /* Paid out by the guarantee within the quarter: nothing from this quarter on. */
    r = q1_row("2026-03-20", "");
    subsidy_assess(&r, &rule, D(2026, 3, 31));
    assert_int_equal(r.eligible_interest_fen, 0);
    assert_int_equal(r.subsidy_fen, 0);
    assert_int_equal(subsidy_reason(&r, why, sizeof why), 0);
    assert_string_equal(why, "逾期归还的利息 398.75 元不贴息；罚息、复利 18.13 元不贴息；2026-03-20 担保代偿，本季起不贴息");
    /* Paid out in a later quarter: this quarter's claim is not touched. */
    r = q1_row("2026-04-02", "");
    subsidy_assess(&r, &rule, D(2026, 3, 31));
    assert_int_equal(r.subsidy_fen, 22000);
    /* Extended (展期) on the quarter's last day: nothing. */
    r = q1_row("", "2026-03-31");
    subsidy_assess(&r, &rule, D(2026, 3, 31));
    assert_int_equal(r.subsidy_fen, 0);
    assert_int_equal(r.excluded, SUBSIDY_LATE | SUBSIDY_PENALTY | SUBSIDY_EXTENDED);
    /* Extended (展期) in the next quarter (2026-04-01): this quarter's 220.00 stands; a claim for
       Q2 of the same loan pays nothing (435.00 paid on time in Q2 would have been 220.00). */
    r = q1_row("", "2026-04-01");
    subsidy_assess(&r, &rule, D(2026, 3, 31));
    assert_int_equal(r.subsidy_fen, 22000);
    struct subsidy_row q2 = {.rate_micro = 4350000, .interest_paid_fen = 43500};
    strcpy(q2.extended_on, "2026-04-01");
    subsidy_assess(&q2, &rule, D(2026, 6, 30));
    assert_int_equal(q2.eligible_interest_fen, 0);
    assert_int_equal(q2.subsidy_fen, 0);
    assert_int_equal(q2.excluded, SUBSIDY_EXTENDED);
    /* Nothing excluded: an empty reason. In percent mode (50 %) of 435.00: 217.50. */
    struct subsidy_row ok = {.rate_micro = 4350000, .interest_paid_fen = 43500};
    const struct subsidy_rule half = {0, 0, 50};
    subsidy_assess(&ok, &half, D(2026, 3, 31));
    assert_int_equal(ok.subsidy_fen, 21750);
    assert_int_equal(subsidy_reason(&ok, why, sizeof why), 0);
    assert_string_equal(why, "");
    /* The longest reason (every exclusion, the largest amounts) fits SUBSIDY_REASON_SIZE; a buffer
       too small is refused, never cut. */
    struct subsidy_row big = q1_row("2026-03-20", "2026-03-21");
    big.late_interest_fen = big.penalty_paid_fen = INT64_MIN; /* money_format's longest text */
    big.excluded = SUBSIDY_LATE | SUBSIDY_PENALTY | SUBSIDY_COMPENSATED | SUBSIDY_EXTENDED;
    assert_int_equal(subsidy_reason(&big, why, sizeof why), 0);
    assert_non_null(strstr(why, "-92,233,720,368,547,758.08 元不贴息；2026-03-20 担保代偿，本季起不贴息；2026-03-21 展期"));
    assert_int_equal(subsidy_reason(&big, why, 40), -1);
}

static void test_quarters(void **state)
{
    struct date a, b;
    assert_int_equal(date_quarter_parse("2026Q1", &a, &b), 0);
    assert_int_equal(a.m, 1);
    assert_int_equal(b.m, 3);
    assert_int_equal(b.d, 31);
    assert_int_equal(date_quarter_parse("2024Q2", &a, &b), 0);
    assert_int_equal(b.d, 30);
    assert_int_equal(date_quarter_parse("2026Q5", &a, &b), -1);
    assert_int_equal(date_quarter_parse("2026Q1x", &a, &b), -1);
    assert_int_equal(date_quarter_parse(NULL, &a, &b), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_domain_example), cmocka_unit_test(test_late_interest),
                                       cmocka_unit_test(test_assess_and_reason), cmocka_unit_test(test_quarters)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
