/* test_member_status.c: hukou, bank accounts and the dates of death and moving out (member_status.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "member_status.h"

static void test_hukou(void **state)
{
    (void)state;
    assert_int_equal(hukou_parse("农业"), HUKOU_RURAL);
    assert_int_equal(hukou_parse("rural"), HUKOU_RURAL);
    assert_int_equal(hukou_parse("非农业"), HUKOU_URBAN);
    assert_int_equal(hukou_parse("urban"), HUKOU_URBAN);
    assert_int_equal(hukou_parse(""), HUKOU_NONE);
    assert_int_equal(hukou_parse(NULL), HUKOU_NONE);
    assert_int_equal(hukou_parse("外籍"), -1);
    assert_null(hukou_code(HUKOU_NONE)); /* stored as NULL */
    assert_string_equal(hukou_name(HUKOU_URBAN), "非农业");
    assert_int_equal(hukou_of_code("bogus"), HUKOU_NONE);
}

static void test_bank_account(void **state)
{
    (void)state;
    char out[BANK_ACCOUNT_SIZE];
    assert_int_equal(bank_account_normalize("6217 9955 0000 1234 567", out, sizeof out), 0);
    assert_string_equal(out, "6217995500001234567");
    assert_int_equal(bank_account_normalize("", out, sizeof out), 0); /* no account */
    assert_string_equal(out, "");
    assert_int_equal(bank_account_normalize("1234567", out, sizeof out), -1);           /* 7 digits */
    assert_int_equal(bank_account_normalize("12345678", out, sizeof out), 0);           /* 8 */
    assert_int_equal(bank_account_normalize("6217-9955-0000", out, sizeof out), -1);    /* a dash */
    assert_int_equal(bank_account_normalize("123456789012345678901234567890123", out, sizeof out), -1); /* 33 */
    assert_int_equal(bank_account_normalize("12345678901234567890123456789012", out, sizeof out), 0);   /* 32 */
}

static void test_status_check(void **state)
{
    (void)state;
    struct date birth = {1960, 3, 15}, today = {2026, 11, 23};
    struct err e = {0};
    struct member_status_input ok = {.hukou = "农业", .bank_name = "农商银行", .bank_account = "12345678",
                                     .died_on = "2026-11-23", .moved_out_on = "1960-03-15"};
    assert_int_equal(member_status_check(&ok, "head", birth, today, &e), 0); /* today and the birth day are bounds */
    struct member_status_input late = {.died_on = "2026-11-24"};
    assert_int_equal(member_status_check(&late, "members[1]", birth, today, &e), -1);
    assert_string_equal(e.field, "members[1].died_on");
    struct member_status_input early = {.moved_out_on = "1960-03-14"};
    assert_int_equal(member_status_check(&early, "head", birth, today, &e), -1);
    assert_string_equal(e.field, "head.moved_out_on");
    struct member_status_input half = {.bank_account = "12345678"};
    assert_int_equal(member_status_check(&half, "head", birth, today, &e), -1);
    assert_string_equal(e.field, "head.bank.name");
    struct member_status_input other = {.bank_name = "农商银行"};
    assert_int_equal(member_status_check(&other, "head", birth, today, &e), -1);
    assert_string_equal(e.field, "head.bank.account");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hukou),
        cmocka_unit_test(test_bank_account),
        cmocka_unit_test(test_status_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
