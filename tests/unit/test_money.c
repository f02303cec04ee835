/* Unit tests for money parsing and formatting, 大写 (money_capital) and exact rates (money.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "money.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof *(a))

/* A small deterministic pseudo-random generator (xorshift64*), so failures reproduce. */
static uint64_t next_random(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

/* 大写 of an amount in fen; fails the test when money_capital refuses it. */
static const char *capital(int64_t fen)
{
    static char out[MONEY_CAPITAL_SIZE];
    memset(out, '#', sizeof out);
    if (money_capital(fen, out, sizeof out) != 0)
        fail_msg("money_capital(%lld) failed", (long long)fen);
    return out;
}

/* ---- 大写: the fixed examples ------------------------------------------------------------- */

struct capital_case {
    int64_t fen;
    const char *text;
};

static void check_cases(const struct capital_case *c, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const char *got = capital(c[i].fen);
        if (strcmp(got, c[i].text) != 0)
            fail_msg("%lld fen: got %s, want %s", (long long)c[i].fen, got, c[i].text);
    }
}

/* docs/domain.md's worked examples from the People's Bank rules, in the form this module chose where
   the rules allow two (no optional 零; 整 after 角). */
static void test_capital_domain_examples(void **state)
{
    (void)state;
    static const struct capital_case cases[] = {
        {140950, "人民币壹仟肆佰零玖元伍角整"},
        {600714, "人民币陆仟零柒元壹角肆分"},
        {1640902, "人民币壹万陆仟肆佰零玖元零贰分"},
        {32504, "人民币叁佰贰拾伍元零肆分"},
        {168032, "人民币壹仟陆佰捌拾元叁角贰分"},
        {10700053, "人民币壹拾万柒仟元伍角叁分"},
        {100000, "人民币壹仟元整"},
        {100500, "人民币壹仟零伍元整"},
    };
    check_cases(cases, ARRAY_LEN(cases));
    /* the forms the rules also allow are not the ones produced */
    assert_string_not_equal(capital(168032), "人民币壹仟陆佰捌拾元零叁角贰分");
    assert_string_not_equal(capital(10700053), "人民币壹拾万零柒仟元伍角叁分");
    assert_string_not_equal(capital(10700053), "人民币壹拾万柒仟元零伍角叁分");
    assert_string_not_equal(capital(100500), "人民币壹仟伍元整");
}

/* The programme's own amounts: loan limits, the 双千 minimum, the yearly 独女户 award. */
static void test_capital_programme_amounts(void **state)
{
    (void)state;
    static const struct capital_case cases[] = {
        {2000000, "人民币贰万元整"},        {20000000, "人民币贰拾万元整"},     {100000000, "人民币壹佰万元整"},
        {60000, "人民币陆佰元整"},          {100000, "人民币壹仟元整"},         {2600000, "人民币贰万陆仟元整"},
        {515000, "人民币伍仟壹佰伍拾元整"}, {215000, "人民币贰仟壹佰伍拾元整"}, {300000, "人民币叁仟元整"},
        {1701, "人民币壹拾柒元零壹分"},     {1700, "人民币壹拾柒元整"},         {58, "人民币伍角捌分"},
    };
    check_cases(cases, ARRAY_LEN(cases));
}

/* 角 and 分: 整 after 元 or 角 and never after 分; 元零X分; no 零 before 角; nothing before 角 or
   分 when the integer part is 0. */
static void test_capital_decimals(void **state)
{
    (void)state;
    static const struct capital_case cases[] = {
        {0, "人民币零元整"},
        {1, "人民币壹分"},
        {5, "人民币伍分"},
        {9, "人民币玖分"},
        {10, "人民币壹角整"},
        {15, "人民币壹角伍分"},
        {50, "人民币伍角整"},
        {99, "人民币玖角玖分"},
        {100, "人民币壹元整"},
        {101, "人民币壹元零壹分"},
        {110, "人民币壹元壹角整"},
        {111, "人民币壹元壹角壹分"},
        {1000, "人民币壹拾元整"},
        {1001, "人民币壹拾元零壹分"},
        {1010, "人民币壹拾元壹角整"},
        {1011, "人民币壹拾元壹角壹分"},
        {10000010, "人民币壹拾万元壹角整"},
        {10000001, "人民币壹拾万元零壹分"},
        {10000011, "人民币壹拾万元壹角壹分"},
        {1000105, "人民币壹万零壹元零伍分"},
    };
    check_cases(cases, ARRAY_LEN(cases));
}

/* Within one group of four digits. */
static void test_capital_within_a_group(void **state)
{
    (void)state;
    static const struct capital_case cases[] = {
        {1100, "人民币壹拾壹元整"},         {2000, "人民币贰拾元整"},           {10000, "人民币壹佰元整"},
        {10100, "人民币壹佰零壹元整"},      {11000, "人民币壹佰壹拾元整"},      {11100, "人民币壹佰壹拾壹元整"},
        {100100, "人民币壹仟零壹元整"},     {101000, "人民币壹仟零壹拾元整"},   {110000, "人民币壹仟壹佰元整"},
        {101100, "人民币壹仟零壹拾壹元整"}, {110100, "人民币壹仟壹佰零壹元整"}, {999900, "人民币玖仟玖佰玖拾玖元整"},
        {500000, "人民币伍仟元整"},         {305000, "人民币叁仟零伍拾元整"},   {300500, "人民币叁仟零伍元整"},
    };
    check_cases(cases, ARRAY_LEN(cases));
}

/* Across 万 and 亿: the 零 rules of money.h. */
static void test_capital_across_groups(void **state)
{
    (void)state;
    static const struct capital_case cases[] = {
        {1000000, "人民币壹万元整"},
        {1000500, "人民币壹万零伍元整"},            /* 1,0005 */
        {1001000, "人民币壹万零壹拾元整"},          /* 1,0010 */
        {1010000, "人民币壹万零壹佰元整"},          /* 1,0100 */
        {1100000, "人民币壹万壹仟元整"},            /* 1,1000 */
        {10000000, "人民币壹拾万元整"},             /* 10,0000 */
        {10000500, "人民币壹拾万零伍元整"},         /* 10,0005 */
        {10010000, "人民币壹拾万零壹佰元整"},       /* 10,0100 */
        {10100000, "人民币壹拾万壹仟元整"},         /* 10,1000: no 零 for the 万 group's 0 */
        {10700000, "人民币壹拾万柒仟元整"},         /* 10,7000 */
        {100100000, "人民币壹佰万壹仟元整"},        /* 100,1000: the 万 group's zeros are silent */
        {100000000, "人民币壹佰万元整"},            /* 100,0000 */
        {100100000000, "人民币壹拾亿零壹佰万元整"}, /* 10,0100,0000 */
        {1000000000, "人民币壹仟万元整"},
        {1000000100, "人民币壹仟万零壹元整"}, /* 1000,0001 */
        {1001000000, "人民币壹仟零壹万元整"}, /* 1001,0000 */
        {2000000000, "人民币贰仟万元整"},
        {9999999999, "人民币玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"},
        {10000000000, "人民币壹亿元整"},                          /* 1,0000,0000 */
        {10000000100, "人民币壹亿零壹元整"},                      /* 1,0000,0001 */
        {10000100000, "人民币壹亿零壹仟元整"},                    /* 1,0000,1000: the empty 万 group gives 零 */
        {10001000000, "人民币壹亿零壹万元整"},                    /* 1,0001,0000 */
        {10010000000, "人民币壹亿零壹拾万元整"},                  /* 1,0010,0000 */
        {10100000000, "人民币壹亿零壹佰万元整"},                  /* 1,0100,0000 */
        {11000000000, "人民币壹亿壹仟万元整"},                    /* 1,1000,0000 */
        {11000000100, "人民币壹亿壹仟万零壹元整"},                /* 1,1000,0001 */
        {11000100000, "人民币壹亿壹仟万壹仟元整"},                /* 1,1000,1000 */
        {10001000100, "人民币壹亿零壹万零壹元整"},                /* 1,0001,0001 */
        {100000000000, "人民币壹拾亿元整"},                       /* 10,0000,0000 */
        {100010000000, "人民币壹拾亿零壹拾万元整"},               /* 10,0010,0000 */
        {101010101000, "人民币壹拾亿壹仟零壹拾万壹仟零壹拾元整"}, /* 10,1010,1010 */
        {1000000000000, "人民币壹佰亿元整"},
        {10000000000000, "人民币壹仟亿元整"},
        {10000000000100, "人民币壹仟亿零壹元整"}, /* 1000,0000,0001 */
        {12345678901234, "人民币壹仟贰佰叁拾肆亿伍仟陆佰柒拾捌万玖仟零壹拾贰元叁角肆分"},
        {MONEY_MAX_FEN, "人民币玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"},
    };
    check_cases(cases, ARRAY_LEN(cases));
}

static void test_capital_errors_and_buffers(void **state)
{
    (void)state;
    char out[MONEY_CAPITAL_SIZE];
    strcpy(out, "junk");
    assert_int_equal(money_capital(-1, out, sizeof out), -1);
    assert_string_equal(out, "");
    assert_int_equal(money_capital(INT64_MIN, out, sizeof out), -1);
    assert_int_equal(money_capital(MONEY_MAX_FEN + 1, out, sizeof out), -1);
    assert_string_equal(out, "");
    assert_int_equal(money_capital(INT64_MAX, out, sizeof out), -1);
    assert_int_equal(money_capital(100, NULL, 10), -1);
    assert_int_equal(money_capital(100, out, 0), -1);

    /* "人民币壹仟元整" is 7 characters of 3 bytes: 22 bytes fit, 21 do not (and leave ""). */
    char exact[22];
    assert_int_equal(money_capital(100000, exact, sizeof exact), 0);
    assert_string_equal(exact, "人民币壹仟元整");
    memset(exact, 'x', sizeof exact);
    assert_int_equal(money_capital(100000, exact, sizeof exact - 1), -1);
    assert_string_equal(exact, "");
    char tiny[8];
    assert_int_equal(money_capital(100000, tiny, sizeof tiny), -1);
    assert_string_equal(tiny, "");

    /* every n from 1 up: refused until the text fits with its NUL, then the same text */
    const char *full = "人民币玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分";
    size_t len = strlen(full);
    for (size_t n = 1; n <= len + 1; n++) {
        int rc = money_capital(MONEY_MAX_FEN, out, n);
        if (n <= len) {
            assert_int_equal(rc, -1);
            assert_string_equal(out, "");
        } else {
            assert_int_equal(rc, 0);
            assert_string_equal(out, full);
        }
    }
}

/* ---- 大写: properties over many amounts --------------------------------------------------- */

static const char *const capital_digit[10] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};

/* Index of the numeral at p (0-9), or -1. */
static int numeral_at(const char *p)
{
    for (int d = 0; d < 10; d++)
        if (!strncmp(p, capital_digit[d], 3))
            return d;
    return -1;
}

/* Reads 大写 text back into fen, independently of how it was written (零 carries no value):
   digits times 拾/佰/仟 add to the current section; 万 and 亿 scale it. Returns -1 on anything
   that is not well-formed 大写. */
static int64_t read_capital(const char *s)
{
    if (strncmp(s, "人民币", strlen("人民币")) != 0)
        return -1;
    s += strlen("人民币");
    int64_t yi = 0, wan = 0, section = 0, result = -1;
    int digit = -1;
    int64_t jiao = 0, fen = 0;
    for (const char *p = s; *p; p += 3) {
        int d = numeral_at(p);
        if (d > 0) {
            if (digit >= 0)
                return -1; /* two numerals in a row */
            digit = d;
        } else if (d == 0) {
            if (digit >= 0)
                return -1;
        } else if (!strncmp(p, "拾", 3) || !strncmp(p, "佰", 3) || !strncmp(p, "仟", 3)) {
            if (digit < 0)
                return -1; /* a bare 拾 */
            section += digit * (!strncmp(p, "拾", 3) ? 10 : !strncmp(p, "佰", 3) ? 100 : 1000);
            digit = -1;
        } else if (!strncmp(p, "万", 3)) {
            wan = section + (digit > 0 ? digit : 0);
            section = 0, digit = -1;
        } else if (!strncmp(p, "亿", 3)) {
            yi = section + (digit > 0 ? digit : 0);
            section = 0, digit = -1;
        } else if (!strncmp(p, "元", 3)) {
            section += digit > 0 ? digit : 0;
            result = (yi * 100000000 + wan * 10000 + section) * 100;
            digit = -1;
        } else if (!strncmp(p, "角", 3)) {
            if (digit < 0)
                return -1;
            jiao = digit, digit = -1;
        } else if (!strncmp(p, "分", 3)) {
            if (digit < 0)
                return -1;
            fen = digit, digit = -1;
        } else if (!strncmp(p, "整", 3)) {
            if (p[3])
                return -1; /* 整 only at the end */
        } else {
            return -1;
        }
    }
    if (digit >= 0)
        return -1; /* a numeral without a unit */
    return (result < 0 ? 0 : result) + jiao * 10 + fen;
}

/* Reference 大写 from the decimal digits, by the rule of money.h stated differently: a 零 goes
   before a non-zero digit when some zero digit lies between it and the previous non-zero digit
   and that zero is either in the same four-digit group as both, or in a lower group than the
   previous digit (so only trailing zeros of the previous digit's own group are silent). */
static void reference_capital(int64_t fen, char *out, size_t n)
{
    static const char *const place[4] = {"", "拾", "佰", "仟"};
    static const char *const unit[3] = {"", "万", "亿"};
    char digits[24];
    snprintf(digits, sizeof digits, "%lld", (long long)(fen / 100));
    int len = (int)strlen(digits), jiao = (int)(fen / 10 % 10), cents = (int)(fen % 10);
    snprintf(out, n, "人民币");
    int prev = -1; /* index of the previous non-zero digit */
    for (int i = 0; i < len && fen >= 100; i++) {
        int d = digits[i] - '0', p = len - 1 - i;
        if (d == 0)
            continue;
        if (prev >= 0) {
            int gprev = (len - 1 - prev) / 4, gi = p / 4, zero = 0;
            for (int j = prev + 1; j < i; j++) {
                int gj = (len - 1 - j) / 4;
                if (digits[j] == '0' && (gj < gprev || gi == gprev))
                    zero = 1;
            }
            if (zero)
                strncat(out, "零", n - strlen(out) - 1);
        }
        strncat(out, capital_digit[d], n - strlen(out) - 1);
        strncat(out, place[p % 4], n - strlen(out) - 1);
        /* the group's unit after its last non-zero digit */
        int last_in_group = 1;
        for (int j = i + 1; j < len && (len - 1 - j) / 4 == p / 4; j++)
            if (digits[j] != '0')
                last_in_group = 0;
        if (last_in_group)
            strncat(out, unit[p / 4], n - strlen(out) - 1);
        prev = i;
    }
    if (fen >= 100)
        strncat(out, "元", n - strlen(out) - 1);
    if (fen == 0)
        strncat(out, "零元整", n - strlen(out) - 1);
    else if (jiao == 0 && cents == 0)
        strncat(out, "整", n - strlen(out) - 1);
    else if (jiao == 0 && fen >= 100)
        strncat(out, "零", n - strlen(out) - 1);
    if (jiao) {
        strncat(out, capital_digit[jiao], n - strlen(out) - 1);
        strncat(out, "角", n - strlen(out) - 1);
        if (!cents)
            strncat(out, "整", n - strlen(out) - 1);
    }
    if (cents) {
        strncat(out, capital_digit[cents], n - strlen(out) - 1);
        strncat(out, "分", n - strlen(out) - 1);
    }
}

/* The properties every 大写 text must have, whatever the amount. */
static void check_capital_properties(int64_t fen)
{
    static const char *const allowed[] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖",
                                          "拾", "佰", "仟", "万", "亿", "元", "角", "分", "整"};
    const char *s = capital(fen);
    size_t len = strlen(s);
    if (len >= MONEY_CAPITAL_SIZE)
        fail_msg("%lld: %zu bytes", (long long)fen, len);
    assert_int_equal(strncmp(s, "人民币", strlen("人民币")), 0);
    for (const char *p = s + strlen("人民币"); *p;) {
        size_t k = 0;
        while (k < ARRAY_LEN(allowed) && strncmp(p, allowed[k], strlen(allowed[k])) != 0)
            k++;
        if (k == ARRAY_LEN(allowed))
            fail_msg("%lld: unexpected character in %s", (long long)fen, s);
        p += strlen(allowed[k]);
    }
    /* ends with 整 or 分; 整 exactly when 分 is 0, right after 元 or 角 */
    const char *end = s + len - 3;
    assert_true(!strcmp(end, "整") || !strcmp(end, "分"));
    assert_int_equal(!strcmp(end, "整"), fen % 10 == 0);
    assert_null(strstr(s, "分整"));
    if (fen % 10 == 0)
        assert_true(!strcmp(end - 3, "元整") || !strcmp(end - 3, "角整"));
    /* never two 零, never 零 before a unit or at the end of the integer part */
    assert_null(strstr(s, "零零"));
    if (fen != 0)
        assert_null(strstr(s, "零元"));
    assert_null(strstr(s, "零万"));
    assert_null(strstr(s, "零亿"));
    assert_null(strstr(s, "零角"));
    assert_null(strstr(s, "零分"));
    assert_null(strstr(s, "亿万"));
    /* reads back to the same amount */
    if (read_capital(s) != fen)
        fail_msg("%lld: %s reads back as %lld", (long long)fen, s, (long long)read_capital(s));
    /* and agrees with the reference */
    char ref[256];
    reference_capital(fen, ref, sizeof ref);
    if (strcmp(s, ref) != 0)
        fail_msg("%lld: got %s, reference %s", (long long)fen, s, ref);
}

static void test_capital_reader_and_reference_agree_with_examples(void **state)
{
    (void)state;
    /* the test's own helpers must be right before they judge anything */
    char ref[256];
    reference_capital(10700053, ref, sizeof ref);
    assert_string_equal(ref, "人民币壹拾万柒仟元伍角叁分");
    reference_capital(100010000000, ref, sizeof ref);
    assert_string_equal(ref, "人民币壹拾亿零壹拾万元整");
    reference_capital(10000100000, ref, sizeof ref);
    assert_string_equal(ref, "人民币壹亿零壹仟元整");
    assert_int_equal(read_capital("人民币壹拾万柒仟元伍角叁分"), 10700053);
    assert_int_equal(read_capital("人民币壹拾亿零壹拾万元整"), 100010000000);
    assert_int_equal(read_capital("人民币伍分"), 5);
    assert_int_equal(read_capital("人民币零元整"), 0);
    assert_int_equal(read_capital("人民币拾元整"), -1);
    assert_int_equal(read_capital("人民币一元整"), -1);
}

static void test_capital_every_small_amount(void **state)
{
    (void)state;
    for (int64_t fen = 0; fen <= 200000; fen++) /* every amount up to 2,000.00 */
        check_capital_properties(fen);
    for (int64_t yuan = 0; yuan <= 200000; yuan++) /* every whole yuan up to the loan maximum */
        check_capital_properties(yuan * 100 + (yuan % 7 == 0 ? 0 : yuan % 100));
}

static void test_capital_digit_patterns(void **state)
{
    (void)state;
    /* every 12-digit pattern of 0 and 1 (4096 of them) covers every arrangement of zero runs
       across 个, 万 and 亿; then the same with 9 and with mixed decimals */
    for (int mask = 0; mask < 4096; mask++) {
        int64_t ones = 0, nines = 0;
        for (int b = 11; b >= 0; b--) {
            ones = ones * 10 + ((mask >> b) & 1);
            nines = nines * 10 + ((mask >> b) & 1) * 9;
        }
        check_capital_properties(ones * 100);
        check_capital_properties(nines * 100 + 99);
        check_capital_properties(ones * 100 + mask % 100);
        check_capital_properties(nines * 100 + (mask % 10) * 10);
    }
}

static void test_capital_random_amounts(void **state)
{
    (void)state;
    uint64_t seed = 0x2026beefULL;
    for (int i = 0; i < 100000; i++) {
        uint64_t r = next_random(&seed);
        /* spread over the magnitudes: a random number of digits, then a random value */
        int digits = 1 + (int)(r % 14);
        int64_t limit = 1;
        for (int k = 0; k < digits; k++)
            limit *= 10;
        int64_t fen = (int64_t)(next_random(&seed) % (uint64_t)limit);
        if (fen > MONEY_MAX_FEN)
            fen = MONEY_MAX_FEN;
        check_capital_properties(fen);
    }
}

/* ---- money_parse ------------------------------------------------------------------------- */

static void test_parse_good(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int64_t fen;
    } good[] = {
        {"1234.5", 123450},
        {"1,234.50", 123450},
        {"20000", 2000000},
        {"200000", 20000000},
        {"200,000.00", 20000000},
        {"0.05", 5},
        {" 0.05 ", 5},
        {"\t1,234\t", 123400},
        {"  20,000  ", 2000000},
        {"0", 0},
        {"0.0", 0},
        {"0.00", 0},
        {"00.50", 50},
        {"0123", 12300},
        {"1", 100},
        {"12.3", 1230},
        {"1.01", 101},
        {"999", 99900},
        {"1,000", 100000},
        {"12,345", 1234500},
        {"123,456", 12345600},
        {"1,234,567.89", 123456789},
        {"999999999999.99", MONEY_MAX_FEN},
        {"999,999,999,999.99", MONEY_MAX_FEN},
        {"999,999,999,999", MONEY_MAX_FEN - 99},
    };
    for (size_t i = 0; i < ARRAY_LEN(good); i++) {
        int64_t fen = -7;
        if (money_parse(good[i].text, &fen) != 0)
            fail_msg("refused \"%s\"", good[i].text);
        if (fen != good[i].fen)
            fail_msg("\"%s\": %lld, want %lld", good[i].text, (long long)fen, (long long)good[i].fen);
    }
}

static void test_parse_bad(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "",
        " ",
        "\t",
        "-1",
        "-0.01",
        "+1",
        "1.234",
        "0.001",
        "1,23.00",
        "12,3456",
        "1234,567",
        ",123",
        "1,",
        "1,.00",
        "1,,234",
        "1,234,",
        "1,234,5",
        "0,123",
        "00,123",
        "1..2",
        "1.2.3",
        "abc",
        "1.",
        ".5",
        ".",
        "1e5",
        "1E5",
        "0x10",
        "1 000",
        "1,234 .50",
        "1,234. 50",
        "1_000",
        "12a",
        "a12",
        "¥12",
        "12元",
        "１２３",
        "1,234.5,0",
        "1.5.",
        "1000000000000",
        "1,000,000,000,000.00",
        "9999999999999.00",
        "99999999999999999999999999999999",
        "1\n",
        "\n1",
        "NaN",
        "inf",
    };
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        int64_t fen = 4242;
        if (money_parse(bad[i], &fen) != -1)
            fail_msg("accepted \"%s\" as %lld", bad[i], (long long)fen);
        assert_int_equal(fen, 4242); /* untouched */
    }
    int64_t fen = 1;
    assert_int_equal(money_parse(NULL, &fen), -1);
    assert_int_equal(money_parse("1", NULL), -1);
}

/* ---- money_format ------------------------------------------------------------------------ */

static void test_format(void **state)
{
    (void)state;
    static const struct {
        int64_t fen;
        const char *grouped, *plain;
    } cases[] = {
        {0, "0.00", "0.00"},
        {1, "0.01", "0.01"},
        {5, "0.05", "0.05"},
        {10, "0.10", "0.10"},
        {99, "0.99", "0.99"},
        {100, "1.00", "1.00"},
        {123450, "1,234.50", "1234.50"},
        {99999, "999.99", "999.99"},
        {100000, "1,000.00", "1000.00"},
        {2000000, "20,000.00", "20000.00"},
        {20000000, "200,000.00", "200000.00"},
        {10000000, "100,000.00", "100000.00"},
        {100000000, "1,000,000.00", "1000000.00"},
        {123456789, "1,234,567.89", "1234567.89"},
        {MONEY_MAX_FEN, "999,999,999,999.99", "999999999999.99"},
        {-5, "-0.05", "-0.05"},
        {-100, "-1.00", "-1.00"},
        {-123450, "-1,234.50", "-1234.50"},
        {-100000, "-1,000.00", "-1000.00"},
        {-99999, "-999.99", "-999.99"},
        {INT64_MAX, "92,233,720,368,547,758.07", "92233720368547758.07"},
        {INT64_MIN, "-92,233,720,368,547,758.08", "-92233720368547758.08"},
    };
    char out[MONEY_TEXT_SIZE];
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        assert_ptr_equal(money_format(cases[i].fen, out, sizeof out), out);
        assert_string_equal(out, cases[i].grouped);
        assert_ptr_equal(money_format_plain(cases[i].fen, out, sizeof out), out);
        assert_string_equal(out, cases[i].plain);
    }
    /* a short buffer truncates and stays terminated */
    char small[4];
    assert_string_equal(money_format(123450, small, sizeof small), "1,2");
    assert_string_equal(money_format_plain(123450, small, sizeof small), "123");
    assert_ptr_equal(money_format(1, NULL, 0), NULL);
}

/* Counts with separators: 1418 → 1,418 (the household count), none below a thousand. */
static void test_count_format(void **state)
{
    (void)state;
    char out[MONEY_TEXT_SIZE];
    assert_string_equal(money_count_format(0, out, sizeof out), "0");
    assert_string_equal(money_count_format(999, out, sizeof out), "999");
    assert_string_equal(money_count_format(1418, out, sizeof out), "1,418");
    assert_string_equal(money_count_format(1234567, out, sizeof out), "1,234,567");
    assert_string_equal(money_count_format(-1000, out, sizeof out), "-1,000");
    assert_string_equal(money_count_format(INT64_MIN, out, sizeof out), "-9,223,372,036,854,775,808");
}

static void test_format_parse_round_trip(void **state)
{
    (void)state;
    char out[MONEY_TEXT_SIZE];
    int64_t back;
    /* every amount up to 1,000.00, then random amounts of every magnitude up to the maximum */
    for (int64_t fen = 0; fen <= 100000; fen++) {
        assert_int_equal(money_parse(money_format(fen, out, sizeof out), &back), 0);
        assert_int_equal(back, fen);
        assert_int_equal(money_parse(money_format_plain(fen, out, sizeof out), &back), 0);
        assert_int_equal(back, fen);
    }
    uint64_t seed = 12345;
    for (int i = 0; i < 50000; i++) {
        int digits = 1 + (int)(next_random(&seed) % 14);
        int64_t limit = 1;
        for (int k = 0; k < digits; k++)
            limit *= 10;
        int64_t fen = (int64_t)(next_random(&seed) % (uint64_t)limit);
        if (fen > MONEY_MAX_FEN)
            fen = MONEY_MAX_FEN;
        if (money_parse(money_format(fen, out, sizeof out), &back) != 0 || back != fen)
            fail_msg("%lld: \"%s\" does not read back", (long long)fen, out);
        if (money_parse(money_format_plain(fen, out, sizeof out), &back) != 0 || back != fen)
            fail_msg("%lld: \"%s\" does not read back", (long long)fen, out);
        /* a single decimal and no decimals read back too */
        if (fen % 10 == 0) {
            snprintf(out, sizeof out, "%lld.%lld", (long long)(fen / 100), (long long)(fen / 10 % 10));
            assert_int_equal(money_parse(out, &back), 0);
            assert_int_equal(back, fen);
        }
        if (fen % 100 == 0) {
            snprintf(out, sizeof out, "%lld", (long long)(fen / 100));
            assert_int_equal(money_parse(out, &back), 0);
            assert_int_equal(back, fen);
        }
    }
    /* negatives format but never parse */
    assert_int_equal(money_parse(money_format(-123450, out, sizeof out), &back), -1);
}

/* ---- rates ------------------------------------------------------------------------------- */

static void test_rate_parse(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int64_t micro;
    } good[] = {
        {"4.35", 4350000},     {"3.45", 3450000},   {"4.275", 4275000},      {"0", 0},
        {"24", 24000000},      {"24.0", 24000000},  {"24.000000", 24000000}, {"0.000001", 1},
        {" 4.35 ", 4350000},   {"\t3.65", 3650000}, {"04.35", 4350000},      {"5.15", 5150000},
        {"2.15", 2150000},     {"7", 7000000},      {"0.5", 500000},         {"23.999999", 23999999},
        {"3.450001", 3450001},
    };
    for (size_t i = 0; i < ARRAY_LEN(good); i++) {
        int64_t m = -7;
        if (rate_parse(good[i].text, &m) != 0)
            fail_msg("refused \"%s\"", good[i].text);
        if (m != good[i].micro)
            fail_msg("\"%s\": %lld, want %lld", good[i].text, (long long)m, (long long)good[i].micro);
    }
    static const char *const bad[] = {
        "",     "  ",      "-1",    "-0",    "+1",   "24.000001", "24.1",  "25",    "100",   "3.4567891",
        "abc",  "4.",      ".5",    "4.35%", "4,35", "1e1",       "4 .35", "4. 35", "4.3.5", "99999999999999999999",
        "0x10", "４.３５", "4.35a", "１",
    };
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        int64_t m = 4242;
        if (rate_parse(bad[i], &m) != -1)
            fail_msg("accepted \"%s\" as %lld", bad[i], (long long)m);
        assert_int_equal(m, 4242);
    }
    int64_t m;
    assert_int_equal(rate_parse(NULL, &m), -1);
    assert_int_equal(rate_parse("4.35", NULL), -1);
}

static void test_rate_format(void **state)
{
    (void)state;
    static const struct {
        int64_t micro;
        const char *text;
    } cases[] = {
        {4350000, "4.35"},    {4275000, "4.275"},      {24000000, "24.00"}, {0, "0.00"},          {1, "0.000001"},
        {10, "0.00001"},      {3450001, "3.450001"},   {4300000, "4.30"},   {5000000, "5.00"},    {500000, "0.50"},
        {5150000, "5.15"},    {4125000, "4.125"},      {4123400, "4.1234"}, {4123450, "4.12345"}, {-500000, "-0.50"},
        {-4275000, "-4.275"}, {23999999, "23.999999"},
    };
    char out[RATE_TEXT_SIZE];
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        assert_ptr_equal(rate_format(cases[i].micro, out, sizeof out), out);
        assert_string_equal(out, cases[i].text);
    }
    rate_format(INT64_MIN, out, sizeof out);
    assert_string_equal(out, "-9223372036854.775808");
    char small[4];
    assert_string_equal(rate_format(4350000, small, sizeof small), "4.3");
}

static void test_rate_round_trip(void **state)
{
    (void)state;
    char out[RATE_TEXT_SIZE];
    for (int64_t micro = 0; micro <= RATE_MAX_MICRO; micro += 997) {
        int64_t back = -1;
        rate_format(micro, out, sizeof out);
        if (rate_parse(out, &back) != 0 || back != micro)
            fail_msg("%lld: \"%s\" does not read back", (long long)micro, out);
        /* shortest: at least two decimals, no trailing zero past the second */
        const char *dot = strchr(out, '.');
        assert_non_null(dot);
        size_t decimals = strlen(dot + 1);
        assert_true(decimals >= 2 && decimals <= 6);
        if (decimals > 2)
            assert_true(out[strlen(out) - 1] != '0');
    }
    /* every rate with up to two decimals */
    for (int hundredths = 0; hundredths <= 2400; hundredths++) {
        char in[16];
        int64_t back;
        snprintf(in, sizeof in, "%d.%02d", hundredths / 100, hundredths % 100);
        assert_int_equal(rate_parse(in, &back), 0);
        assert_int_equal(back, hundredths * 10000LL);
        assert_string_equal(rate_format(back, out, sizeof out), in);
    }
}

/* money_div_round: half-up at the exact half and just below it, exact quotients, zero.
   200,000.00 元 = 20,000,000 fen over 36 months:
   36 × 555,555 = 19,999,980, remainder 20 ≥ 36 / 2 → 555,556 fen; 100 / 8 = 12.5 → 13;
   99 / 8 = 12.375 → 12; 96 / 8 = 12 exactly; 7 / 2 = 3.5 → 4; 1 / 3 → 0; 2 / 3 → 1; 0 / 5 → 0;
   and at the top of the range without overflow: INT64_MAX / 2 = …3.5 → …4. */
static void test_div_round(void **state)
{
    assert_int_equal(money_div_round(20000000, 36), 555556);
    assert_int_equal(money_div_round(100, 8), 13);
    assert_int_equal(money_div_round(99, 8), 12);
    assert_int_equal(money_div_round(96, 8), 12);
    assert_int_equal(money_div_round(7, 2), 4);
    assert_int_equal(money_div_round(1, 3), 0);
    assert_int_equal(money_div_round(2, 3), 1);
    assert_int_equal(money_div_round(0, 5), 0);
    assert_int_equal(money_div_round(INT64_MAX, 1), INT64_MAX);
    assert_int_equal(money_div_round(INT64_MAX, 2), INT64_MAX / 2 + 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_capital_domain_examples),
        cmocka_unit_test(test_capital_programme_amounts),
        cmocka_unit_test(test_capital_decimals),
        cmocka_unit_test(test_capital_within_a_group),
        cmocka_unit_test(test_capital_across_groups),
        cmocka_unit_test(test_capital_errors_and_buffers),
        cmocka_unit_test(test_capital_reader_and_reference_agree_with_examples),
        cmocka_unit_test(test_capital_every_small_amount),
        cmocka_unit_test(test_capital_digit_patterns),
        cmocka_unit_test(test_capital_random_amounts),
        cmocka_unit_test(test_parse_good),
        cmocka_unit_test(test_parse_bad),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_count_format),
        cmocka_unit_test(test_format_parse_round_trip),
        cmocka_unit_test(test_rate_parse),
        cmocka_unit_test(test_rate_format),
        cmocka_unit_test(test_rate_round_trip),
        cmocka_unit_test(test_div_round),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
