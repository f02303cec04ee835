/* Unit tests for resident-ID validation and phone checks (idcard.c) and UTF-8 text checks (text.c);
   masking is tested in test_masking.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "idcard.h"
#include "text.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof *(a))

/* The check character by ISO 7064 MOD 11-2 computed the way the standard states it, independently
   of idcard.c's tables: weight of the i-th character counted from the right (the check character
   is i = 1) is 2^(i-1) mod 11, and the check value c satisfies (sum + c) mod 11 == 1; c = 10 is X. */
static char reference_check(const char *first17)
{
    int sum = 0;
    for (int k = 0; k < 17; k++) {
        int weight = 1;
        for (int e = 0; e < 17 - k; e++) /* 2^(18-(k+1)) for the character at index k */
            weight = weight * 2 % 11;
        sum += (first17[k] - '0') * weight;
    }
    int c = (12 - sum % 11) % 11;
    return c == 10 ? 'X' : (char)('0' + c);
}

/* A valid ID from its first 17 characters (static buffer: copy before the next call). */
static const char *with_check(const char *first17)
{
    static char id[IDCARD_LEN + 1];
    snprintf(id, sizeof id, "%.17s%c", first17, reference_check(first17));
    return id;
}

/* ---- check digits --------------------------------------------------------------------------- */

static void test_known_check_digits(void **state)
{
    (void)state;
    /* GB 11643's own example */
    assert_int_equal(idcard_check_digit("11010519491231002"), 'X');
    /* 山亭区 (370406), born 1985-03-12, worked by hand: 3*7+7*9+0*10+4*5+0*8+6*4+1*2+9*1+8*6+5*3+
       0*7+3*9+1*10+2*5+4*8+2*4+1*2 = 291; 291 mod 11 = 5 → '7' */
    assert_int_equal(idcard_check_digit("37040619850312421"), '7');
    /* ... sequence 409: the same sum with 0*4+9*2 for the last two digits = 299; 299 mod 11 = 2 → X */
    assert_int_equal(idcard_check_digit("37040619850312409"), 'X');
    assert_int_equal(idcard_check_digit("37040619900715002"), '3');
    assert_int_equal(idcard_check_digit("37040219780101123"), '7');
    /* the first 17 of a full ID work too: only 17 characters are read */
    assert_int_equal(idcard_check_digit("370406198503124217"), '7');
    /* not 17 digits */
    assert_int_equal(idcard_check_digit(NULL), '\0');
    assert_int_equal(idcard_check_digit(""), '\0');
    assert_int_equal(idcard_check_digit("3704061985031242"), '\0');
    assert_int_equal(idcard_check_digit("3704061985031242a"), '\0');
    assert_int_equal(idcard_check_digit("37040619850312 21"), '\0');
}

/* The table-driven check digit agrees with the standard's formula on many random bodies. */
static void test_check_digit_matches_the_formula(void **state)
{
    (void)state;
    uint64_t s = 0x9e3779b97f4a7c15ULL;
    int seen[11] = {0};
    for (int i = 0; i < 20000; i++) {
        char body[18];
        for (int k = 0; k < 17; k++) {
            s ^= s << 13, s ^= s >> 7, s ^= s << 17;
            body[k] = (char)('0' + s % 10);
        }
        body[17] = '\0';
        char c = idcard_check_digit(body);
        assert_int_equal(c, reference_check(body));
        seen[c == 'X' ? 10 : c - '0']++;
    }
    for (int k = 0; k < 11; k++) /* every check character occurs */
        assert_true(seen[k] > 0);
}

/* ---- idcard_check --------------------------------------------------------------------------- */

static void test_valid_ids_and_info(void **state)
{
    (void)state;
    struct idcard_info info;
    assert_int_equal(idcard_check("11010519491231002X", &info), IDCARD_OK);
    assert_int_equal(info.year, 1949);
    assert_int_equal(info.month, 12);
    assert_int_equal(info.day, 31);
    assert_int_equal(info.sex, 'F'); /* 17th digit 2 */

    assert_int_equal(idcard_check("370406198503124217", &info), IDCARD_OK);
    assert_int_equal(info.year, 1985);
    assert_int_equal(info.month, 3);
    assert_int_equal(info.day, 12);
    assert_int_equal(info.sex, 'M'); /* 17th digit 1 */

    memset(&info, 0, sizeof info);
    assert_int_equal(idcard_check("37040619850312409X", &info), IDCARD_OK); /* ends in X */
    assert_int_equal(info.year, 1985);
    assert_int_equal(info.sex, 'M'); /* 17th digit 9 */

    assert_int_equal(idcard_check("370406199007150023", &info), IDCARD_OK);
    assert_int_equal(info.year, 1990);
    assert_int_equal(info.month, 7);
    assert_int_equal(info.day, 15);
    assert_int_equal(info.sex, 'F'); /* 17th digit 2 */

    assert_int_equal(idcard_check("370402197801011237", NULL), IDCARD_OK); /* info may be NULL */

    /* sex from every 17th digit */
    for (int d = 0; d <= 9; d++) {
        char body[18];
        snprintf(body, sizeof body, "3704061985031242%d", d);
        assert_int_equal(idcard_check(with_check(body), &info), IDCARD_OK);
        assert_int_equal(info.sex, d % 2 ? 'M' : 'F');
    }
}

static void test_empty_and_length(void **state)
{
    (void)state;
    assert_int_equal(idcard_check(NULL, NULL), IDCARD_EMPTY);
    assert_int_equal(idcard_check("", NULL), IDCARD_EMPTY);
    assert_int_equal(idcard_check(" ", NULL), IDCARD_LENGTH);
    assert_int_equal(idcard_check("37040619850312421", NULL), IDCARD_LENGTH);   /* 17 */
    assert_int_equal(idcard_check("3704061985031242171", NULL), IDCARD_LENGTH); /* 19 */
    assert_int_equal(idcard_check("370406850312421", NULL), IDCARD_LENGTH);     /* old 15-digit ID */
    assert_int_equal(idcard_check(" 370406198503124217", NULL), IDCARD_LENGTH); /* not normalised */
    assert_int_equal(idcard_check("370406198503124217 ", NULL), IDCARD_LENGTH);
    /* full-width digits are three bytes each */
    assert_int_equal(idcard_check("３７０４０６１９８５０３１２４２１７", NULL), IDCARD_LENGTH);
}

static void test_chars(void **state)
{
    (void)state;
    assert_int_equal(idcard_check("37040619850312A217", NULL), IDCARD_CHARS);
    assert_int_equal(idcard_check("X70406198503124217", NULL), IDCARD_CHARS);
    assert_int_equal(idcard_check("3704061985031240X9", NULL), IDCARD_CHARS); /* X only last */
    assert_int_equal(idcard_check("37040619850312409x", NULL), IDCARD_CHARS); /* lower case until normalised */
    assert_int_equal(idcard_check("37040619850312409Y", NULL), IDCARD_CHARS);
    assert_int_equal(idcard_check("370406 98503124217", NULL), IDCARD_CHARS);
    assert_int_equal(idcard_check("370406-9850312421 ", NULL), IDCARD_CHARS);
    /* characters are checked before the region */
    assert_int_equal(idcard_check("99040619850312A217", NULL), IDCARD_CHARS);
}

static void test_region(void **state)
{
    (void)state;
    static const int valid[] = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43,
                                44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83};
    for (int code = 0; code <= 99; code++) {
        char body[18];
        snprintf(body, sizeof body, "%02d040619850312421", code);
        int expect_ok = 0;
        for (size_t i = 0; i < ARRAY_LEN(valid); i++)
            expect_ok |= valid[i] == code;
        enum idcard_error e = idcard_check(with_check(body), NULL);
        if (e != (expect_ok ? IDCARD_OK : IDCARD_REGION))
            fail_msg("province %02d: %d", code, e);
    }
    /* the region is checked before the birth date and the check digit */
    assert_int_equal(idcard_check(with_check("99040619851312421"), NULL), IDCARD_REGION);
    assert_int_equal(idcard_check("990406198503124210", NULL), IDCARD_REGION);
}

static void test_birth_date(void **state)
{
    (void)state;
    static const struct {
        const char *date;
        int ok;
    } dates[] = {
        {"19850312", 1}, {"19000101", 1}, {"20991231", 1}, {"18991231", 0}, {"21000101", 0}, {"00000000", 0},
        {"19850012", 0}, {"19851312", 0}, {"19850300", 0}, {"19850332", 0}, {"19850131", 1}, {"19850431", 0},
        {"19850430", 1}, {"19850631", 0}, {"19850931", 0}, {"19851131", 0}, {"19851231", 1}, {"19850229", 0},
        {"19850228", 1}, {"19840229", 1}, {"20000229", 1}, {"19000229", 0}, {"20240229", 1}, {"20230229", 0},
        {"20960229", 1}, {"19850230", 0}, {"19859912", 0}, {"20250101", 1}, /* future dates are the caller's check */
    };
    for (size_t i = 0; i < ARRAY_LEN(dates); i++) {
        char body[18];
        snprintf(body, sizeof body, "370406%s421", dates[i].date);
        struct idcard_info info = {-1, -1, -1, '?'};
        enum idcard_error e = idcard_check(with_check(body), &info);
        if (e != (dates[i].ok ? IDCARD_OK : IDCARD_BIRTH_DATE))
            fail_msg("birth %s: %d", dates[i].date, e);
        if (!dates[i].ok) { /* info untouched on error */
            assert_int_equal(info.year, -1);
            assert_int_equal(info.sex, '?');
        }
    }
    /* the birth date is checked before the check digit */
    assert_int_equal(idcard_check("370406198502304210", NULL), IDCARD_BIRTH_DATE);
}

static void test_checksum(void **state)
{
    (void)state;
    static const char *const valid[] = {"370406198503124217", "37040619850312409X", "11010519491231002X",
                                        "370406199007150023"};
    static const char checks[] = "0123456789X";
    for (size_t i = 0; i < ARRAY_LEN(valid); i++) {
        assert_int_equal(idcard_check(valid[i], NULL), IDCARD_OK);
        for (const char *c = checks; *c; c++) {
            char id[IDCARD_LEN + 1];
            memcpy(id, valid[i], sizeof id);
            if (*c == id[17])
                continue;
            id[17] = *c;
            struct idcard_info info = {-1, -1, -1, '?'};
            assert_int_equal(idcard_check(id, &info), IDCARD_CHECKSUM);
            assert_int_equal(info.year, -1);
        }
    }
}

/* MOD 11-2 catches every single changed digit and every swap of two adjacent different digits. */
static void test_typing_mistakes_are_caught(void **state)
{
    (void)state;
    const char *id = "370406198503124217";
    for (int pos = 0; pos < 18; pos++)
        for (char d = '0'; d <= '9'; d++) {
            char changed[IDCARD_LEN + 1];
            memcpy(changed, id, sizeof changed);
            if (changed[pos] == d)
                continue;
            changed[pos] = d;
            assert_int_not_equal(idcard_check(changed, NULL), IDCARD_OK);
        }
    for (int pos = 0; pos + 1 < 17; pos++) {
        char swapped[IDCARD_LEN + 1];
        memcpy(swapped, id, sizeof swapped);
        if (swapped[pos] == swapped[pos + 1])
            continue;
        char t = swapped[pos];
        swapped[pos] = swapped[pos + 1];
        swapped[pos + 1] = t;
        assert_int_not_equal(idcard_check(swapped, NULL), IDCARD_OK);
    }
}

static void test_error_messages(void **state)
{
    (void)state;
    assert_string_equal(idcard_error_message(IDCARD_OK), "身份证号有效");
    assert_string_equal(idcard_error_message(IDCARD_EMPTY), "请填写身份证号");
    assert_string_equal(idcard_error_message(IDCARD_LENGTH), "身份证号应为18位");
    assert_string_equal(idcard_error_message(IDCARD_CHARS), "身份证号前17位应为数字，最后一位为数字或X");
    assert_string_equal(idcard_error_message(IDCARD_REGION), "身份证号前两位不是有效的省份代码");
    assert_string_equal(idcard_error_message(IDCARD_BIRTH_DATE), "身份证号中的出生日期无效");
    assert_string_equal(idcard_error_message(IDCARD_CHECKSUM), "身份证号校验位错误，请核对");
    assert_string_equal(idcard_error_message(IDCARD__MAX), "身份证号无效");
    assert_string_equal(idcard_error_message((enum idcard_error) - 1), "身份证号无效");
    /* every message is distinct */
    for (int a = 0; a < IDCARD__MAX; a++)
        for (int b = a + 1; b < IDCARD__MAX; b++)
            assert_string_not_equal(idcard_error_message((enum idcard_error)a),
                                    idcard_error_message((enum idcard_error)b));
}

static void test_normalize(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"  11010519491231002x ", "11010519491231002X"},
        {"37040619850312409x", "37040619850312409X"},
        {"\t370406198503124217\r\n", "370406198503124217"},
        {"　37040619850312409x　", "37040619850312409X"}, /* ideographic spaces U+3000 */
        {"　 37040619850312409X 　", "37040619850312409X"},
        {"370406198503124217", "370406198503124217"},
        {"3704061985031240x", "3704061985031240x"},     /* 17 characters: left as typed */
        {"370406198503124x17", "370406198503124x17"},   /* x inside: left for idcard_check */
        {"370406 198503124217", "370406 198503124217"}, /* inner spaces stay */
        {"", ""},
        {"   ", ""},
        {"　", ""},
        {"x", "x"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char id[64];
        snprintf(id, sizeof id, "%s", cases[i].in);
        idcard_normalize(id);
        if (strcmp(id, cases[i].out) != 0)
            fail_msg("\"%s\" → \"%s\", want \"%s\"", cases[i].in, id, cases[i].out);
    }
    idcard_normalize(NULL);
    char typed[] = " 37040619850312409x ";
    idcard_normalize(typed);
    assert_int_equal(idcard_check(typed, NULL), IDCARD_OK);
}

/* ---- phones ------------------------------------------------------------------------------- */

static void test_phone(void **state)
{
    (void)state;
    assert_true(phone_valid("13812345678"));
    assert_true(phone_valid("19912345678"));
    assert_true(phone_valid("10000000000"));
    assert_false(phone_valid("23812345678"));
    assert_false(phone_valid("03812345678"));
    assert_false(phone_valid("1381234567"));
    assert_false(phone_valid("138123456789"));
    assert_false(phone_valid("1381234567a"));
    assert_false(phone_valid("138-1234-5678"));
    assert_false(phone_valid("138 1234 5678"));
    assert_false(phone_valid(" 13812345678"));
    assert_false(phone_valid("+8613812345678"));
    assert_false(phone_valid("１３８１２３４５６７８"));
    assert_false(phone_valid(""));
    assert_false(phone_valid(NULL));
}

/* ---- text.c (kept here from before; it has no test file of its own) ---------------------- */

static void test_text_checks(void **state)
{
    (void)state;
    assert_true(text_utf8_valid("张三 abc"));
    assert_false(text_utf8_valid("\xC0\xAF"));     /* overlong */
    assert_false(text_utf8_valid("\xED\xA0\x80")); /* surrogate */
    assert_false(text_utf8_valid("\xE5\xBC"));     /* truncated */
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
        cmocka_unit_test(test_known_check_digits),
        cmocka_unit_test(test_check_digit_matches_the_formula),
        cmocka_unit_test(test_valid_ids_and_info),
        cmocka_unit_test(test_empty_and_length),
        cmocka_unit_test(test_chars),
        cmocka_unit_test(test_region),
        cmocka_unit_test(test_birth_date),
        cmocka_unit_test(test_checksum),
        cmocka_unit_test(test_typing_mistakes_are_caught),
        cmocka_unit_test(test_error_messages),
        cmocka_unit_test(test_normalize),
        cmocka_unit_test(test_phone),
        cmocka_unit_test(test_text_checks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
