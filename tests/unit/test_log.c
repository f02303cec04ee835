/* Unit tests for the log's path masking (log.c): names and long numbers never reach the log,
   record ids stay readable; a segment with 7 or more digits in all is masked whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "log.h"

/* Masks path into a fresh buffer of size n. */
static const char *mask(const char *path, size_t n)
{
    static char out[512];
    assert_true(n <= sizeof out);
    memset(out, '~', sizeof out);
    return log_mask_path(path, out, n);
}

/* Ids, receipt numbers and ordinary paths are kept as they are. */
static void test_keeps_ids(void **state)
{
    assert_string_equal(mask("/api/v1/loans/12/repayments", 512), "/api/v1/loans/12/repayments");
    assert_string_equal(mask("/households/123456", 512), "/households/123456"); /* six digits: a record id */
    assert_string_equal(mask("/", 512), "/");
    assert_string_equal(mask("", 512), "");
    assert_string_equal(mask(NULL, 512), "");
}

/* Chinese names, resident IDs and phone numbers are masked; control characters too. */
static void test_masks_personal_data(void **state)
{
    assert_string_equal(mask("/households/张三明/x", 512), "/households/*/x");
    assert_string_equal(mask("/households/张三明-12/x", 512), "/households/*-12/x");
    assert_string_equal(mask("/receipts/西集-2026-000123.pdf", 512), "/receipts/#"); /* ten digits in all */
    assert_string_equal(mask("/x/37040619680305123X/y", 512), "/x/#/y");
    assert_string_equal(mask("/x/370406196803051234", 512), "/x/#");
    assert_string_equal(mask("/p/13905321111", 512), "/p/#");
    assert_string_equal(mask("/a\nb\x7f", 512), "/a?b?");
    /* digits split by dashes or spaces count together: seven or more in a segment mask it */
    assert_string_equal(mask("/api/v1/receipts/370406-1985-0724-8655", 512), "/api/v1/receipts/#");
    assert_string_equal(mask("/138 1234 5670", 512), "/#");
    assert_string_equal(mask("/p/138%201234%205670/x", 512), "/p/#/x");
    assert_string_equal(mask("/a/12-34-567/b/1-2-3", 512), "/a/#/b/1-2-3");
}

/* A short buffer is filled and terminated, never overrun. */
static void test_truncates(void **state)
{
    assert_string_equal(mask("/api/v1/loans", 6), "/api/");
    assert_string_equal(mask("/123456", 5), "/123");
    assert_string_equal(mask("abc", 1), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keeps_ids),
        cmocka_unit_test(test_masks_personal_data),
        cmocka_unit_test(test_truncates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
