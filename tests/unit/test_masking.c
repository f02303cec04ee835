/*
 * test_masking.c: unit tests for masking.c: docs/domain.md's default masks (names by characters,
 * malformed UTF-8, short buffers, IDs and phones of every length) and the admin's rules
 * (compound surnames such as 欧阳, names of two characters, IDs ending in X, absent phones,
 * settings out of range). Whatever the rules, a name of two or more characters always hides one
 * and no ID or phone shows more than the default.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "masking.h"
#include "text.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof *(a))

/* An input and its mask. */
struct mask_case {
    const char *in, *out;
};

/* Checks each case with the mask function (writing into a buffer that starts as junk). */
static void check_cases(char *(*mask)(const char *, char *, size_t), const struct mask_case *cases, size_t n)
{
    char out[64];
    for (size_t i = 0; i < n; i++) {
        memset(out, '#', sizeof out);
        assert_ptr_equal(mask(cases[i].in, out, sizeof out), out);
        if (strcmp(out, cases[i].out) != 0)
            fail_msg("\"%s\" → \"%s\", want \"%s\"", cases[i].in, out, cases[i].out);
    }
}

/* ---- docs/domain.md's defaults ------------------------------------------------------------------------------ */

static void test_mask_name(void **state)
{
    (void)state;
    static const struct mask_case cases[] = {
        {"王", "王"},
        {"李四", "李*"},
        {"张三明", "张*明"},
        {"王小二明", "王**明"},
        {"爱新觉罗溥", "爱***溥"},
        {"欧阳娜娜", "欧**娜"},
        {"欧阳娜", "欧*娜"},
        {"欧阳", "欧*"},
        {"司马相如", "司**如"},
        {"诸葛亮", "诸*亮"},
        {"阿依古丽·买买提", "阿******提"},
        {"Tom", "T*m"},
        {"Li", "L*"},
        {"A", "A"},
        {"张a明", "张*明"},
        {"", ""},
    };
    check_cases(mask_name, cases, ARRAY_LEN(cases));
    char out[64];
    strcpy(out, "junk");
    assert_string_equal(mask_name(NULL, out, sizeof out), "");
    assert_ptr_equal(mask_name("张三", NULL, 0), NULL);
    /* a malformed byte counts as one character and is never shown from the middle */
    assert_string_equal(mask_name("张\xff明", out, sizeof out), "张*明");
    assert_string_equal(mask_name("张\xe4\xb8明", out, sizeof out), "张**明");
}

/* Short buffers: the result is a prefix of the full mask cut at a character boundary. */
static void test_mask_name_short_buffers(void **state)
{
    (void)state;
    const char *full = "欧**娜";
    for (size_t n = 1; n <= strlen(full) + 1; n++) {
        char out[16];
        memset(out, '#', sizeof out);
        mask_name("欧阳娜娜", out, n);
        size_t len = strlen(out);
        assert_true(len < n);
        assert_int_equal(strncmp(out, full, len), 0);
        assert_true(text_utf8_valid(out));
        assert_int_equal(out[n], '#'); /* nothing written past n */
    }
    char exact[9]; /* 欧 + ** + 娜 = 3 + 2 + 3 bytes + NUL */
    assert_string_equal(mask_name("欧阳娜娜", exact, sizeof exact), "欧**娜");
    char less[8];
    assert_string_equal(mask_name("欧阳娜娜", less, sizeof less), "欧**");
    char one[1];
    assert_string_equal(mask_name("欧阳娜娜", one, sizeof one), "");
}

static void test_mask_id(void **state)
{
    (void)state;
    static const struct mask_case cases[] = {
        {"37040619850312409X", "370406********409X"},
        {"370406198503124217", "370406********4217"},
        {"11010519491231002X", "110105********002X"},
        {"37040619850312409x", "370406********409x"}, /* invalid but 18 characters: still 6 + 4 */
        {"370406850312421", "***************"},       /* old 15-digit ID: nothing shown */
        {"12345", "*****"},
        {"3704061985031242171", "*******************"}, /* 19 */
        {"张三四五六七", "******"},                     /* 18 bytes, 6 characters */
        {"", ""},
    };
    check_cases(mask_id, cases, ARRAY_LEN(cases));
    char out[64];
    strcpy(out, "junk");
    assert_string_equal(mask_id(NULL, out, sizeof out), "");
    char exact[19];
    assert_string_equal(mask_id("37040619850312409X", exact, sizeof exact), "370406********409X");
    char small[10];
    assert_string_equal(mask_id("37040619850312409X", small, sizeof small), "370406***");
    char tiny[3];
    assert_string_equal(mask_id("12345", tiny, sizeof tiny), "**");
    assert_ptr_equal(mask_id("12345", NULL, 0), NULL);
    /* never more than 6 + 4 characters of any ID shown */
    for (size_t len = 1; len <= 30; len++) {
        char id[32];
        memset(id, '7', len);
        id[len] = '\0';
        mask_id(id, out, sizeof out);
        assert_int_equal(strlen(out), len);
        size_t shown = 0;
        for (const char *p = out; *p; p++)
            shown += *p != '*';
        assert_true(shown == (len == 18 ? 10u : 0u));
    }
}

/* Bank accounts (docs/domain.md, masking): 16+ characters keep the card prefix (6) and the last 4,
   8 to 15 the last 4, shorter ones nothing. */
static void test_mask_account(void **state)
{
    (void)state;
    static const struct mask_case cases[] = {
        {"6217995500001234567", "621799*********4567"}, /* 19: 6 + 9 stars + 4 */
        {"6228480000000001", "622848******0001"},       /* 16 */
        {"123456789012345", "***********2345"},         /* 15: the last 4 only */
        {"12345678", "****5678"},
        {"1234567", "*******"},
        {"", ""},
    };
    check_cases(mask_account, cases, ARRAY_LEN(cases));
    char out[8];
    assert_string_equal(mask_account("6217995500001234567", out, sizeof out), "621799*"); /* cut, never more shown */
}

static void test_mask_phone(void **state)
{
    (void)state;
    static const struct mask_case cases[] = {
        {"13812345678", "138****5678"},
        {"19900001111", "199****1111"},
        {"063244123456", "063*****3456"}, /* a 12-character landline */
        {"0632-4412345", "063*****2345"},
        {"1381234567", "**********"}, /* 10: nothing shown */
        {"4412345", "*******"},
        {"12", "**"},
        {"１３８１２３４５６７８", "***********"}, /* full-width: one * per character */
        {"", ""},
    };
    check_cases(mask_phone, cases, ARRAY_LEN(cases));
    char out[64];
    strcpy(out, "junk");
    assert_string_equal(mask_phone(NULL, out, sizeof out), ""); /* absent phone */
    char small[6];
    assert_string_equal(mask_phone("13812345678", small, sizeof small), "138**");
    assert_ptr_equal(mask_phone("13812345678", NULL, 0), NULL);
}

/* ---- the admin's rules ---------------------------------------------------------------- */

/* The default rules with the surname and last-character settings given. */
static struct mask_rules name_rules(int surname, int last)
{
    struct mask_rules r = mask_defaults;
    r.name_surname = surname;
    r.name_last = last;
    return r;
}

static void test_rules_compound_surnames(void **state)
{
    (void)state;
    static const struct {
        int surname, last;
        const char *in, *out;
    } cases[] = {
        {1, 1, "欧阳娜娜", "欧阳*娜"},
        {1, 0, "欧阳娜娜", "欧阳**"},
        {1, 1, "欧阳娜", "欧阳*"},
        {1, 1, "欧阳", "欧*"},
        {1, 0, "欧阳", "欧*"},
        {1, 1, "司马相如", "司马*如"},
        {1, 1, "诸葛亮", "诸葛*"},
        {1, 1, "上官婉儿", "上官*儿"},
        {1, 1, "张三明", "张*明"},
        {1, 0, "张三明", "张**"},
        {1, 1, "欧明", "欧*"},
        {0, 1, "欧阳娜娜", "欧**娜"},
        {0, 0, "欧阳娜娜", "欧***"},
        {0, 0, "李四", "李*"},
        {1, 1, "王", "王"},
        {1, 1, "", ""},
    };
    char out[64];
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        struct mask_rules r = name_rules(cases[i].surname, cases[i].last);
        memset(out, '#', sizeof out);
        assert_ptr_equal(mask_name_by(&r, cases[i].in, out, sizeof out), out);
        if (strcmp(out, cases[i].out) != 0)
            fail_msg("surname=%d last=%d \"%s\" → \"%s\", want \"%s\"", cases[i].surname, cases[i].last, cases[i].in,
                     out, cases[i].out);
    }
    /* the admin's own list, with the separators people type */
    struct mask_rules r = name_rules(1, 1);
    snprintf(r.surnames, sizeof r.surnames, "%s", "司徒、端木，令狐,  完颜");
    assert_string_equal(mask_name_by(&r, "完颜阿骨打", out, sizeof out), "完颜**打");
    assert_string_equal(mask_name_by(&r, "司徒雷登", out, sizeof out), "司徒*登");
    assert_string_equal(mask_name_by(&r, "欧阳娜娜", out, sizeof out), "欧**娜"); /* not in this list */
    r.surnames[0] = '\0';
    assert_string_equal(mask_name_by(&r, "欧阳娜娜", out, sizeof out), "欧**娜");
    assert_string_equal(mask_name_by(&r, NULL, out, sizeof out), "");
    /* what the admin may save */
    assert_true(mask_surnames_valid(MASK_DEFAULT_SURNAMES));
    assert_true(mask_surnames_valid("司徒、端木，令狐,\n完颜"));
    assert_true(mask_surnames_valid(""));
    assert_true(mask_surnames_valid(" 、 "));
    assert_false(mask_surnames_valid("欧阳 王"));
    assert_false(mask_surnames_valid("欧阳、爱新觉罗氏"));
}

/* Counts the characters of a masked name that are not '*'. */
static size_t shown_chars(const char *masked)
{
    size_t n = 0;
    for (const char *p = masked; *p; p++)
        n += *p != '*' && ((unsigned char)*p & 0xC0) != 0x80;
    return n;
}

static void test_rules_never_show_a_whole_name(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        size_t chars;
    } names[] = {{"李四", 2},     {"张三明", 3}, {"王小二明", 4}, {"欧阳", 2}, {"欧阳娜", 3},          {"欧阳娜娜", 4},
                 {"司马相如", 4}, {"诸葛亮", 3}, {"Li", 2},       {"Tom", 3},  {"阿依古丽·买买提", 8}, {"张\xff", 2}};
    char out[64];
    for (int surname = 0; surname < 2; surname++)
        for (int last = 0; last < 2; last++)
            for (size_t i = 0; i < ARRAY_LEN(names); i++) {
                struct mask_rules r = name_rules(surname, last);
                mask_name_by(&r, names[i].name, out, sizeof out);
                assert_true(strchr(out, '*') != NULL);
                assert_true(shown_chars(out) < names[i].chars);
                assert_true(shown_chars(out) <= 3);
            }
}

static void test_rules_ids(void **state)
{
    (void)state;
    struct mask_rules r = mask_defaults;
    char out[32];
    assert_string_equal(mask_id_by(&r, "37040619850312409X", out, sizeof out), "370406********409X");
    r.id_head = 3, r.id_tail = 1;
    assert_string_equal(mask_id_by(&r, "37040619850312409X", out, sizeof out), "370**************X");
    r.id_head = 0, r.id_tail = 0;
    assert_string_equal(mask_id_by(&r, "37040619850312409X", out, sizeof out), "******************");
    r.id_head = 6, r.id_tail = 0;
    assert_string_equal(mask_id_by(&r, "11010519491231002X", out, sizeof out), "110105************");
    assert_string_equal(mask_id_by(&r, "370406850312421", out, sizeof out), "***************");
    assert_string_equal(mask_id_by(&r, NULL, out, sizeof out), "");
    /* never more than head + tail characters of an ID shown, whatever the rule */
    for (int h = 0; h <= 6; h++)
        for (int t = 0; t <= 4; t++) {
            r.id_head = h, r.id_tail = t;
            mask_id_by(&r, "37040619850312409X", out, sizeof out);
            assert_int_equal(strlen(out), 18);
            assert_int_equal(shown_chars(out), h + t);
        }
}

static void test_rules_phones(void **state)
{
    (void)state;
    struct mask_rules r = mask_defaults;
    char out[32];
    assert_string_equal(mask_phone_by(&r, "13812345678", out, sizeof out), "138****5678");
    r.phone_head = 0;
    assert_string_equal(mask_phone_by(&r, "13812345678", out, sizeof out), "*******5678");
    r.phone_tail = 2;
    assert_string_equal(mask_phone_by(&r, "13812345678", out, sizeof out), "*********78");
    /* absent phones: nothing to show, whatever the rule */
    strcpy(out, "junk");
    assert_string_equal(mask_phone_by(&r, NULL, out, sizeof out), "");
    strcpy(out, "junk");
    assert_string_equal(mask_phone_by(&r, "", out, sizeof out), "");
    assert_string_equal(mask_phone_by(&r, "4412345", out, sizeof out), "*******");
}

static void test_numbers_in_text(void **state)
{
    (void)state;
    struct mask_rules r = mask_defaults;
    char out[128];
    assert_string_equal(mask_text_by(&r, "请核实张某，电话13812345678，身份证37040619850312409X。", out, sizeof out),
                        "请核实张某，电话138****5678，身份证370406********409X。");
    assert_string_equal(mask_text_by(&r, "id 37040619850312409x end", out, sizeof out), "id 370406********409x end");
    assert_string_equal(mask_text_by(&r, "2026年11月23日领取1000元，分机8811234", out, sizeof out),
                        "2026年11月23日领取1000元，分机8811234");
    assert_string_equal(mask_text_by(&r, "063244123456", out, sizeof out), "063*****3456");
    r.phone_head = 0, r.id_head = 0, r.id_tail = 0;
    assert_string_equal(mask_text_by(&r, "13812345678/370406198503124217", out, sizeof out),
                        "*******5678/******************");
    assert_string_equal(mask_text_by(&r, NULL, out, sizeof out), "");
    char small[8];
    assert_string_equal(mask_text_by(&r, "13812345678", small, sizeof small), "*******");
    /* a very long run of digits keeps its length and shows no more than a phone's tail */
    char digits[200], masked[200];
    memset(digits, '7', 150);
    digits[150] = '\0';
    mask_text_by(&r, digits, masked, sizeof masked);
    assert_int_equal(strlen(masked), 150);
    assert_true(shown_chars(masked) <= 4);
}

static void test_rules_clamped(void **state)
{
    (void)state;
    struct mask_rules r = mask_defaults;
    r.id_head = 18, r.id_tail = -3, r.phone_head = 11, r.phone_tail = 9, r.name_surname = 7, r.name_last = -1;
    memset(r.surnames, 'x', sizeof r.surnames); /* no terminator */
    mask_rules_clamp(&r);
    int got[] = {r.id_head, r.id_tail, r.phone_head, r.phone_tail, r.name_surname, r.name_last};
    int want[] = {6, 0, 3, 4, 1, 1};
    assert_memory_equal(got, want, sizeof want);
    assert_int_equal(strlen(r.surnames), sizeof r.surnames - 1);
    char out[32];
    assert_string_equal(mask_name_by(&r, "张三明", out, sizeof out), "张*明");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mask_name),
        cmocka_unit_test(test_mask_name_short_buffers),
        cmocka_unit_test(test_mask_id),
        cmocka_unit_test(test_mask_phone),
        cmocka_unit_test(test_mask_account),
        cmocka_unit_test(test_rules_compound_surnames),
        cmocka_unit_test(test_rules_never_show_a_whole_name),
        cmocka_unit_test(test_rules_ids),
        cmocka_unit_test(test_rules_phones),
        cmocka_unit_test(test_numbers_in_text),
        cmocka_unit_test(test_rules_clamped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
