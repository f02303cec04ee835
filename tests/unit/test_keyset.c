/*
 * test_keyset.c: unit tests for keyset.c, the cursors of the keyset-paged lists (issue 22): a cursor
 * handed out for a row parses back to the same keys (Chinese village names, dates, empty keys, large
 * ids), anything else is refused, a page of limit rows reads limit + 1 and says there is more, and a
 * key longer than a cursor holds fails instead of paging short.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "keyset.h"

/* A page of 2: the first two rows are on it (the cursor follows them), the third only says more. */
static void test_page_of_two(void **state)
{
    (void)state;
    struct keyset k = {.limit = 2};
    assert_int_equal(keyset_row(&k, "西集村", "2026-11-24", 7), 1);
    assert_int_equal(keyset_row(&k, "西集村", "2026-11-30", 9), 1);
    assert_int_equal(k.more, 0);
    assert_int_equal(keyset_row(&k, "东集村", "2026-12-01", 3), 0);
    assert_int_equal(k.rows, 2);
    assert_int_equal(k.more, 1);
    struct keyset back = {0};
    assert_int_equal(keyset_parse(k.next, &back), 0);
    assert_string_equal(back.k1, "西集村");
    assert_string_equal(back.k2, "2026-11-30");
    assert_int_equal(back.id, 9);
    assert_int_equal(back.after, 1);
}

/* Empty second keys and ids up to the largest round-trip; the previous page's cursor too. */
static void test_round_trip(void **state)
{
    (void)state;
    struct keyset k = {.limit = 1, .after = 1};
    assert_int_equal(keyset_row(&k, "2026-03-01", "", INT64_MAX), 1);
    struct keyset back = {0};
    assert_int_equal(keyset_parse(k.next, &back), 0);
    assert_string_equal(back.k1, "2026-03-01");
    assert_string_equal(back.k2, "");
    assert_true(back.id == INT64_MAX);
    assert_int_equal(keyset_prev(&k, 1, "2026-01-01", "", 42), 0);
    assert_int_equal(k.has_prev, 1);
    assert_int_equal(keyset_parse(k.prev, &back), 0);
    assert_int_equal(back.id, 42);
    assert_int_equal(keyset_prev(&k, 0, "", "", 0), 0);
    assert_string_equal(k.prev, ""); /* the first page: the link drops after= */
    struct keyset first = {.limit = 1};
    assert_int_equal(keyset_prev(&first, 0, "", "", 0), 0);
    assert_int_equal(first.has_prev, 0);
}

/* What no cursor looks like: refused, and after stays 0. */
static void test_refused(void **state)
{
    (void)state;
    const char *bad[] = {"", "abc", "zz.1", "41..", "41.42", "41.42.x", "41.42.-3", "4.42.1", "4142.42.1.",
                         "00.42.1", "41.42.1 ", "4G.42.1"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct keyset k = {0};
        assert_int_not_equal(keyset_parse(bad[i], &k), 0);
        assert_int_equal(k.after, 0);
    }
    struct keyset ok = {0};
    assert_int_equal(keyset_parse("41.42.1", &ok), 0); /* "A", "B", 1 */
    assert_string_equal(ok.k1, "A");
    assert_string_equal(ok.k2, "B");
}

/* A key of KEYSET_KEY_SIZE bytes or more cannot be a cursor: the row fails (-1), nothing is counted. */
static void test_key_too_long(void **state)
{
    (void)state;
    char key[KEYSET_KEY_SIZE + 1];
    memset(key, 'a', KEYSET_KEY_SIZE);
    key[KEYSET_KEY_SIZE] = 0;
    struct keyset k = {.limit = 5};
    assert_int_equal(keyset_row(&k, key, "", 1), -1);
    assert_int_equal(k.rows, 0);
    key[KEYSET_KEY_SIZE - 1] = 0; /* the longest that fits */
    assert_int_equal(keyset_row(&k, key, key, 1), 1);
    struct keyset back = {0};
    assert_int_equal(keyset_parse(k.next, &back), 0);
    assert_string_equal(back.k2, key);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page_of_two),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_key_too_long),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
