/* test_public_limit.c: the rate limit of public reads (src/web/public_limit.c): 30 reads by one
   client in any 60 seconds, the 31st refused until the oldest is a minute old; clients counted
   apart; a refused read is not counted. Times are passed in, so nothing depends on the clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "public_limit.h"

/* 30 reads at t = 1000..1029 pass; at 1030 and 1059 the 31st is refused (the oldest, at 1000, is
   not yet a minute old); at 1060 it is, so one more passes, and the next is refused again until
   1061 (when the read of 1001 is a minute old). */
static void test_thirty_a_minute(void **state)
{
    (void)state;
    for (int i = 0; i < PUBLIC_READS_PER_MINUTE; i++)
        assert_int_equal(public_limit_take("10.0.0.1", 1000 + i), 1);
    assert_int_equal(public_limit_take("10.0.0.1", 1030), 0);
    assert_int_equal(public_limit_take("10.0.0.1", 1059), 0);
    assert_int_equal(public_limit_take("10.0.0.1", 1060), 1);
    assert_int_equal(public_limit_take("10.0.0.1", 1060), 0);
    assert_int_equal(public_limit_take("10.0.0.1", 1061), 1);
    /* another client is counted apart */
    assert_int_equal(public_limit_take("10.0.0.2", 1061), 1);
}

/* As many other clients as the table holds besides it, within the same minute: the two clients
   of the first test (seen least recently) make room, the busy client keeps its count and stays
   refused. */
static void test_many_clients(void **state)
{
    (void)state;
    for (int i = 0; i < PUBLIC_READS_PER_MINUTE; i++)
        assert_int_equal(public_limit_take("busy", 5000), 1);
    char name[32];
    for (int i = 0; i < PUBLIC_LIMIT_CLIENTS - 1; i++) {
        snprintf(name, sizeof name, "c%d", i);
        assert_int_equal(public_limit_take(name, 5001), 1);
        assert_int_equal(public_limit_take("busy", 5001), 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_thirty_a_minute),
        cmocka_unit_test(test_many_clients),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
