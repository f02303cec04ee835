/* Unit tests for the value of aid in kind (aid.c, docs/domain.md "Aid in kind"): quantity × the unit
   value of the day, to the fen, and the bounds of both. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "aid.h"

/* 3 bags of fertiliser at 160.00: 3 × 16,000 fen = 48,000 fen = 480.00;
   3 cans of oil at 79.90: 3 × 7,990 fen = 23,970 fen = 239.70 (never a float: 79.9 × 3 = 239.70000000000002);
   1 padded coat at 199.00 = 199.00; the largest: 1000 × 100,000.00 = 100,000,000.00. */
static void test_value_to_the_fen(void **state)
{
    (void)state;
    assert_int_equal(aid_value(3, 16000), 48000);
    assert_int_equal(aid_value(3, 7990), 23970);
    assert_int_equal(aid_value(1, 19900), 19900);
    assert_int_equal(aid_value(AID_QUANTITY_MAX, AID_UNIT_VALUE_MAX_FEN), 10000000000LL);
}

/* Quantities 1..1000 and unit values 0.01..100,000.00 only: 0, 1001, a negative quantity, a free item and
   100,000.01 are refused. */
static void test_bounds(void **state)
{
    (void)state;
    assert_int_equal(aid_value(0, 16000), -1);
    assert_int_equal(aid_value(1001, 16000), -1);
    assert_int_equal(aid_value(-2, 16000), -1);
    assert_int_equal(aid_value(1, 0), -1);
    assert_int_equal(aid_value(1, AID_UNIT_VALUE_MAX_FEN + 1), -1);
    assert_int_equal(aid_value(1, 1), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_value_to_the_fen),
        cmocka_unit_test(test_bounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
