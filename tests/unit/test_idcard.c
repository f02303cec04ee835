/* Unit tests for resident-ID validation, phone checks and masking (idcard.c) and UTF-8 text checks (text.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "idcard.h"
#include "text.h"

/* A valid ID from its first 17 characters. */
static const char *with_check(const char *first17)
{
    static char id[19];
    snprintf(id, sizeof id, "%s%c", first17, idcard_check_digit(first17));
    return id;
}

static void test_known_check_digits(void **state)
{
    /* GB 11643's own example; the second worked by hand: weighted sum 3*7+7*9+0*10+4*5+0*8+6*4+1*2+
       9*1+8*6+5*3+0*7+3*9+1*10+2*5+4*8+2*4+1*2 = 291, 291 mod 11 = 5 → '7' */
    assert_int_equal(idcard_check_digit("11010519491231002"), 'X');
    assert_int_equal(idcard_check_digit("37040619850312421"), '7');
    struct idcard_info info;
    assert_int_equal(idcard_check("11010519491231002X", &info), IDCARD_OK);
    assert_int_equal(info.year, 1949);
    assert_int_equal(info.month, 12);
    assert_int_equal(info.day, 31);
    assert_int_equal(info.sex, 'F');
    assert_int_equal(idcard_check("370406198503124217", &info), IDCARD_OK);
    assert_int_equal(info.sex, 'M');
}

static void test_each_error(void **state)
{
    char id[20];
    snprintf(id, sizeof id, "%s", with_check("37040619850312421"));
    assert_int_equal(idcard_check(id, NULL), IDCARD_OK);
    assert_int_equal(idcard_check("", NULL), IDCARD_EMPTY);
    assert_int_equal(idcard_check(NULL, NULL), IDCARD_EMPTY);
    assert_int_equal(idcard_check("37040619850312421", NULL), IDCARD_LENGTH);
    assert_int_equal(idcard_check("3704061985031242111", NULL), IDCARD_LENGTH);
    assert_int_equal(idcard_check("37040619850312A211", NULL), IDCARD_CHARS);
    assert_int_equal(idcard_check("37040619850312421x", NULL), IDCARD_CHARS); /* lower case until normalized */
    assert_int_equal(idcard_check(with_check("99040619850312421"), NULL), IDCARD_REGION);
    assert_int_equal(idcard_check(with_check("37040619850230421"), NULL), IDCARD_BIRTH_DATE);
    assert_int_equal(idcard_check(with_check("37040618991231421"), NULL), IDCARD_BIRTH_DATE);
    assert_int_equal(idcard_check(with_check("37040620000229421"), NULL), IDCARD_OK); /* leap day */
    assert_int_equal(idcard_check(with_check("37040619000229421"), NULL), IDCARD_BIRTH_DATE);
    id[17] = id[17] == '0' ? '1' : '0';
    assert_int_equal(idcard_check(id, NULL), IDCARD_CHECKSUM);
    for (int e = 0; e < IDCARD__MAX; e++)
        assert_true(strlen(idcard_error_message((enum idcard_error)e)) > 0);
    assert_non_null(strstr(idcard_error_message(IDCARD_CHECKSUM), "校验位"));
}

static void test_every_position_detects_a_changed_digit(void **state)
{
    char id[20];
    snprintf(id, sizeof id, "%s", with_check("37040619850312421"));
    for (int pos = 0; pos < 17; pos++) {
        char changed[20];
        memcpy(changed, id, sizeof changed);
        changed[pos] = changed[pos] == '9' ? '8' : changed[pos] + 1;
        assert_int_not_equal(idcard_check(changed, NULL), IDCARD_OK);
    }
}

static void test_normalize(void **state)
{
    char id[24] = "  11010519491231002x ";
    idcard_normalize(id);
    assert_string_equal(id, "11010519491231002X");
}

static void test_phone(void **state)
{
    assert_true(phone_valid("13812345678"));
    assert_false(phone_valid("23812345678"));
    assert_false(phone_valid("1381234567"));
    assert_false(phone_valid("138123456789"));
    assert_false(phone_valid("1381234567a"));
    assert_false(phone_valid(""));
    assert_false(phone_valid(NULL));
}

static void test_masking(void **state)
{
    char out[64];
    assert_string_equal(mask_name("张三明", out, sizeof out), "张*明");
    assert_string_equal(mask_name("李四", out, sizeof out), "李*");
    assert_string_equal(mask_name("王", out, sizeof out), "王");
    assert_string_equal(mask_name("欧阳娜娜", out, sizeof out), "欧**娜");
    assert_string_equal(mask_name("司马相如", out, sizeof out), "司**如");
    assert_string_equal(mask_name("", out, sizeof out), "");
    assert_string_equal(mask_id("37040619850312123X", out, sizeof out), "370406********123X");
    assert_string_equal(mask_id("370406198503121234", out, sizeof out), "370406********1234");
    assert_string_equal(mask_id("12345", out, sizeof out), "*****");
    assert_string_equal(mask_phone("13812345678", out, sizeof out), "138****5678");
    assert_string_equal(mask_phone("", out, sizeof out), "");
    assert_string_equal(mask_phone(NULL, out, sizeof out), "");
    char tiny[4];
    mask_name("欧阳娜娜", tiny, sizeof tiny);
    assert_true(strlen(tiny) < sizeof tiny);
}

static void test_text_checks(void **state)
{
    assert_true(text_utf8_valid("张三 abc"));
    assert_false(text_utf8_valid("\xC0\xAF"));         /* overlong */
    assert_false(text_utf8_valid("\xED\xA0\x80"));     /* surrogate */
    assert_false(text_utf8_valid("\xE5\xBC"));         /* truncated */
    assert_int_equal(text_chars("欧阳娜娜"), 4);
    assert_int_equal(text_check("张三", 1, 2), 0);
    assert_int_equal(text_check("张三丰", 1, 2), -1);
    assert_int_equal(text_check("", 1, 2), -1);
    assert_int_equal(text_check("a\nb", 0, 10), -1);
    assert_int_equal(text_check_multiline("a\nb", 0, 10), 0);
    char out[16];
    assert_string_equal(text_trim("  x y \r\n", out, sizeof out), "x y");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_check_digits), cmocka_unit_test(test_each_error),
        cmocka_unit_test(test_every_position_detects_a_changed_digit), cmocka_unit_test(test_normalize),
        cmocka_unit_test(test_phone), cmocka_unit_test(test_masking), cmocka_unit_test(test_text_checks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
