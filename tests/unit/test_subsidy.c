/* Unit tests for the interest-subsidy rule (subsidy.c) and quarter parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "subsidy.h"

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

static void test_quarters(void **state)
{
    struct date a, b;
    assert_int_equal(subsidy_quarter("2026Q1", &a, &b), 0);
    assert_int_equal(a.m, 1);
    assert_int_equal(b.m, 3);
    assert_int_equal(b.d, 31);
    assert_int_equal(subsidy_quarter("2024Q2", &a, &b), 0);
    assert_int_equal(b.d, 30);
    assert_int_equal(subsidy_quarter("2026Q5", &a, &b), -1);
    assert_int_equal(subsidy_quarter("2026Q1x", &a, &b), -1);
    assert_int_equal(subsidy_quarter(NULL, &a, &b), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_domain_example), cmocka_unit_test(test_quarters)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
