/* Unit tests for money parsing and formatting, 大写 (money_capital) and exact rates (money.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "money.h"

/* 大写 of an amount in fen. */
static const char *capital(int64_t fen)
{
    static char out[256];
    assert_int_equal(money_capital(fen, out, sizeof out), 0);
    return out;
}

static void test_capital_peoples_bank_examples(void **state)
{
    assert_string_equal(capital(140950), "人民币壹仟肆佰零玖元伍角整");
    assert_string_equal(capital(600714), "人民币陆仟零柒元壹角肆分");
    assert_string_equal(capital(1640902), "人民币壹万陆仟肆佰零玖元零贰分");
    assert_string_equal(capital(32504), "人民币叁佰贰拾伍元零肆分");
    assert_string_equal(capital(168032), "人民币壹仟陆佰捌拾元叁角贰分");
    assert_string_equal(capital(10700053), "人民币壹拾万零柒仟元伍角叁分");
    assert_string_equal(capital(100000), "人民币壹仟元整");
    assert_string_equal(capital(100500), "人民币壹仟零伍元整");
}

static void test_capital_edges(void **state)
{
    assert_string_equal(capital(5), "人民币伍分");
    assert_string_equal(capital(50), "人民币伍角整");
    assert_string_equal(capital(15), "人民币壹角伍分");
    assert_string_equal(capital(0), "人民币零元整");
    assert_string_equal(capital(1000), "人民币壹拾元整");
    assert_string_equal(capital(10000010), "人民币壹拾万元壹角整");
    assert_string_equal(capital(9999999999), "人民币玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分");
    assert_string_equal(capital(10000000000), "人民币壹亿元整");
    assert_string_equal(capital(10000000100), "人民币壹亿零壹元整");
    assert_string_equal(capital(100010000000), "人民币壹拾亿零壹拾万元整");
    assert_string_equal(capital(2000000000), "人民币贰仟万元整");
    assert_string_equal(capital(100000), "人民币壹仟元整");
    assert_string_equal(capital(1000105), "人民币壹万零壹元零伍分");
    assert_string_equal(capital(2000000), "人民币贰万元整");
    char small[8];
    assert_int_equal(money_capital(100000, small, sizeof small), -1);
    assert_int_equal(money_capital(-1, small, sizeof small), -1);
}

/* Only the allowed characters ever appear, and 整 never follows 分. */
static void test_capital_alphabet(void **state)
{
    static const char *allowed[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖", "拾",
                                    "佰", "仟", "万", "亿", "元", "角", "分", "整", "人", "民", "币"};
    for (int64_t v = 0; v < 3000000; v += 997) {
        const char *s = capital(v);
        for (const char *p = s; *p;) {
            int ok = 0;
            for (size_t k = 0; k < sizeof allowed / sizeof *allowed; k++)
                if (!strncmp(p, allowed[k], strlen(allowed[k]))) {
                    p += strlen(allowed[k]);
                    ok = 1;
                    break;
                }
            assert_true(ok);
        }
        assert_null(strstr(s, "分整"));
        assert_null(strstr(s, "零零"));
    }
}

static void test_parse_and_format(void **state)
{
    int64_t f;
    assert_int_equal(money_parse("1234.5", &f), 0);
    assert_int_equal(f, 123450);
    assert_int_equal(money_parse(" 1,234.50 ", &f), 0);
    assert_int_equal(f, 123450);
    assert_int_equal(money_parse("200000", &f), 0);
    assert_int_equal(f, 20000000);
    assert_int_equal(money_parse("0.05", &f), 0);
    assert_int_equal(f, 5);
    const char *bad[] = {"", "-1", "1.234", "1,23.00", "12,3456", ",123", "1..2", "abc", "1.", ".5", "1e5",
                         "1 000", "9999999999999.00"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(money_parse(bad[i], &f), -1);
    char out[64];
    assert_string_equal(money_format(123450, out, sizeof out), "1,234.50");
    assert_string_equal(money_format(20000000, out, sizeof out), "200,000.00");
    assert_string_equal(money_format(5, out, sizeof out), "0.05");
    assert_string_equal(money_format(-123450, out, sizeof out), "-1,234.50");
    assert_string_equal(money_format_plain(123456789, out, sizeof out), "1234567.89");
    for (int64_t v = 0; v < 100000000000LL; v = v * 3 + 7) {
        int64_t back;
        assert_int_equal(money_parse(money_format(v, out, sizeof out), &back), 0);
        assert_int_equal(back, v);
        assert_int_equal(money_parse(money_format_plain(v, out, sizeof out), &back), 0);
        assert_int_equal(back, v);
    }
}

static void test_rates(void **state)
{
    int64_t m;
    char out[32];
    assert_int_equal(rate_parse("4.35", &m), 0);
    assert_int_equal(m, 4350000);
    assert_int_equal(rate_parse("4.275", &m), 0);
    assert_int_equal(m, 4275000);
    assert_int_equal(rate_parse("0", &m), 0);
    assert_int_equal(m, 0);
    assert_int_equal(rate_parse("24", &m), 0);
    assert_int_equal(rate_parse("24.000001", &m), -1);
    assert_int_equal(rate_parse("-1", &m), -1);
    assert_int_equal(rate_parse("3.4567891", &m), -1);
    assert_int_equal(rate_parse("abc", &m), -1);
    assert_string_equal(rate_format(4350000, out, sizeof out), "4.35");
    assert_string_equal(rate_format(4275000, out, sizeof out), "4.275");
    assert_string_equal(rate_format(24000000, out, sizeof out), "24.00");
    assert_string_equal(rate_format(3450001, out, sizeof out), "3.450001");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_capital_peoples_bank_examples), cmocka_unit_test(test_capital_edges),
        cmocka_unit_test(test_capital_alphabet), cmocka_unit_test(test_parse_and_format), cmocka_unit_test(test_rates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
