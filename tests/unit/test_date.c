/* test_date.c: unit tests for src/core/date.c (parsing, formatting, day numbers, month arithmetic). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"

/* Asserts that d is y-m-d. */
static void assert_date(struct date d, int y, int m, int dd)
{
    char got[11], want[11];
    date_format(d, got);
    date_format((struct date){y, m, dd}, want);
    assert_string_equal(got, want);
}

static void test_parse_valid(void **state)
{
    (void)state;
    struct date d;
    assert_int_equal(date_parse("2026-03-15", &d), 0);
    assert_date(d, 2026, 3, 15);
    assert_int_equal(date_parse("1900-01-01", &d), 0);
    assert_date(d, 1900, 1, 1);
    assert_int_equal(date_parse("2999-12-31", &d), 0);
    assert_date(d, 2999, 12, 31);
    assert_int_equal(date_parse("2024-02-29", &d), 0); /* leap year */
    assert_date(d, 2024, 2, 29);
    assert_int_equal(date_parse("2000-02-29", &d), 0); /* divisible by 400 */
    assert_date(d, 2000, 2, 29);
    assert_int_equal(date_parse("2025-12-31", &d), 0);
    assert_date(d, 2025, 12, 31);
}

static void test_parse_invalid(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "",            "2026",        "2026-3-15",   "2026-03-5",   "26-03-15",     "2026/03/15",
        "2026-03-15 ", " 2026-03-15", "2026-03-15x", "2026-13-01",  "2026-00-10",   "2026-01-00",
        "2026-01-32",  "2026-04-31",  "2025-02-29",  "1900-02-29",  "2100-02-29",   "1899-12-31",
        "3000-01-01",  "0000-01-01",  "+026-03-15",  "2026-+3-15",  "2026-03-1a",   "20260315",
        "2026--03-15", "2026-03-15\n", "２０２６-03-15", "2026_03_15", "-026-03-15",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct date d = {7, 7, 7};
        if (date_parse(bad[i], &d) != -1)
            fail_msg("accepted \"%s\"", bad[i]);
        assert_int_equal(d.y, 7); /* untouched */
        assert_int_equal(d.m, 7);
        assert_int_equal(d.d, 7);
    }
    struct date d;
    assert_int_equal(date_parse(NULL, &d), -1);
    assert_int_equal(date_parse("2026-03-15", NULL), -1);
}

static void test_format(void **state)
{
    (void)state;
    char out[11];
    assert_string_equal(date_format((struct date){2026, 3, 5}, out), "2026-03-05");
    assert_string_equal(date_format((struct date){1900, 1, 1}, out), "1900-01-01");
    assert_string_equal(date_format((struct date){999, 12, 31}, out), "0999-12-31");
    /* out-of-range fields are clamped, never overflow the buffer */
    assert_string_equal(date_format((struct date){123456, 1000, -5}, out), "9999-99-00");
    assert_string_equal(date_format((struct date){-1, 0, 0}, out), "0000-00-00");
    assert_ptr_equal(date_format((struct date){2026, 1, 1}, out), out);
}

static void test_valid(void **state)
{
    (void)state;
    assert_true(date_valid((struct date){2026, 2, 28}));
    assert_false(date_valid((struct date){2026, 2, 29}));
    assert_true(date_valid((struct date){2028, 2, 29}));
    assert_false(date_valid((struct date){2026, 0, 1}));
    assert_false(date_valid((struct date){2026, 13, 1}));
    assert_false(date_valid((struct date){2026, 1, 0}));
    assert_false(date_valid((struct date){2026, 6, 31}));
    assert_true(date_valid((struct date){2026, 7, 31}));
    assert_false(date_valid((struct date){1899, 12, 31}));
    assert_true(date_valid((struct date){1900, 1, 1}));
    assert_true(date_valid((struct date){2999, 12, 31}));
    assert_false(date_valid((struct date){3000, 1, 1}));
}

static void test_days_in_month(void **state)
{
    (void)state;
    static const int y2025[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int m = 1; m <= 12; m++) {
        assert_int_equal(date_days_in_month(2025, m), y2025[m - 1]);
        assert_int_equal(date_days_in_month(2024, m), m == 2 ? 29 : y2025[m - 1]);
    }
    assert_int_equal(date_days_in_month(1900, 2), 28);
    assert_int_equal(date_days_in_month(2000, 2), 29);
    assert_int_equal(date_days_in_month(2100, 2), 28);
    assert_int_equal(date_days_in_month(2400, 2), 29);
    assert_int_equal(date_days_in_month(2026, 0), 0);
    assert_int_equal(date_days_in_month(2026, 13), 0);
}

static void test_day_numbers(void **state)
{
    (void)state;
    assert_int_equal(date_to_days((struct date){1970, 1, 1}), 0);
    assert_int_equal(date_to_days((struct date){1970, 1, 2}), 1);
    assert_int_equal(date_to_days((struct date){1969, 12, 31}), -1);
    assert_int_equal(date_to_days((struct date){2000, 1, 1}), 10957);
    assert_int_equal(date_to_days((struct date){2000, 3, 1}), 11017);
    assert_int_equal(date_to_days((struct date){2024, 2, 29}), 19782);
    assert_int_equal(date_to_days((struct date){2026, 3, 15}), 20527);
    assert_int_equal(date_to_days((struct date){1900, 1, 1}), -25567);
    assert_int_equal(date_to_days((struct date){2999, 12, 31}), 376199);
    assert_int_equal(date_to_days((struct date){1, 1, 1}), -719162);
    assert_date(date_from_days(0), 1970, 1, 1);
    assert_date(date_from_days(-1), 1969, 12, 31);
    assert_date(date_from_days(19782), 2024, 2, 29);
    assert_date(date_from_days(20527), 2026, 3, 15);
    assert_date(date_from_days(-25567), 1900, 1, 1);
    assert_date(date_from_days(-719162), 1, 1, 1);
}

/* Every day from 1890 to 3010: to_days/from_days round-trip, consecutive, weekday cycles. */
static void test_day_numbers_exhaustive(void **state)
{
    (void)state;
    struct date d = {1890, 1, 1};
    long n = date_to_days(d);
    int wd = date_weekday(d);
    while (d.y < 3010) {
        assert_int_equal(date_to_days(d), n);
        struct date back = date_from_days(n);
        assert_int_equal(date_cmp(back, d), 0);
        assert_int_equal(date_weekday(d), wd);
        /* next calendar day by hand */
        struct date next = d;
        if (++next.d > date_days_in_month(next.y, next.m)) {
            next.d = 1;
            if (++next.m > 12) {
                next.m = 1;
                next.y++;
            }
        }
        assert_int_equal(date_cmp(date_add_days(d, 1), next), 0);
        assert_int_equal(date_diff(next, d), 1);
        assert_int_equal(date_cmp(d, next), -1);
        d = next;
        n++;
        wd = wd % 7 + 1;
    }
}

static void test_add_days_diff(void **state)
{
    (void)state;
    assert_date(date_add_days((struct date){2024, 2, 28}, 1), 2024, 2, 29);
    assert_date(date_add_days((struct date){2025, 2, 28}, 1), 2025, 3, 1);
    assert_date(date_add_days((struct date){2025, 12, 31}, 1), 2026, 1, 1);
    assert_date(date_add_days((struct date){2026, 1, 1}, -1), 2025, 12, 31);
    assert_date(date_add_days((struct date){2026, 3, 15}, 0), 2026, 3, 15);
    assert_date(date_add_days((struct date){2026, 3, 15}, 365), 2027, 3, 15);
    assert_date(date_add_days((struct date){2024, 3, 15}, -366), 2023, 3, 15);
    assert_date(date_add_days((struct date){2026, 1, 1}, 1000), 2028, 9, 27);
    assert_int_equal(date_diff((struct date){2026, 1, 1}, (struct date){2025, 1, 1}), 365);
    assert_int_equal(date_diff((struct date){2025, 1, 1}, (struct date){2024, 1, 1}), 366);
    assert_int_equal(date_diff((struct date){2024, 1, 1}, (struct date){2025, 1, 1}), -366);
    assert_int_equal(date_diff((struct date){2026, 10, 8}, (struct date){2026, 9, 30}), 8);
    assert_int_equal(date_diff((struct date){2999, 12, 31}, (struct date){1900, 1, 1}), 401766);
}

static void test_weekday(void **state)
{
    (void)state;
    assert_int_equal(date_weekday((struct date){1970, 1, 1}), 4);  /* Thursday */
    assert_int_equal(date_weekday((struct date){1969, 12, 31}), 3); /* Wednesday */
    assert_int_equal(date_weekday((struct date){1969, 12, 28}), 7); /* Sunday */
    assert_int_equal(date_weekday((struct date){2000, 1, 1}), 6);  /* Saturday */
    assert_int_equal(date_weekday((struct date){1900, 1, 1}), 1);  /* Monday */
    assert_int_equal(date_weekday((struct date){2026, 3, 15}), 7); /* Sunday */
    assert_int_equal(date_weekday((struct date){2026, 2, 14}), 6); /* Saturday (调休 working) */
    assert_int_equal(date_weekday((struct date){2026, 10, 1}), 4); /* Thursday */
    assert_int_equal(date_weekday((struct date){2025, 1, 26}), 7); /* Sunday */
    assert_int_equal(date_weekday((struct date){2024, 2, 29}), 4); /* Thursday */
}

static void test_cmp(void **state)
{
    (void)state;
    struct date a = {2026, 3, 15};
    assert_int_equal(date_cmp(a, a), 0);
    assert_int_equal(date_cmp(a, (struct date){2026, 3, 16}), -1);
    assert_int_equal(date_cmp(a, (struct date){2026, 3, 14}), 1);
    assert_int_equal(date_cmp(a, (struct date){2026, 4, 1}), -1);
    assert_int_equal(date_cmp(a, (struct date){2026, 2, 28}), 1);
    assert_int_equal(date_cmp(a, (struct date){2027, 1, 1}), -1);
    assert_int_equal(date_cmp(a, (struct date){2025, 12, 31}), 1);
}

static void test_add_months_month_end(void **state)
{
    (void)state;
    struct date s = {2024, 1, 31};
    assert_date(date_add_months(s, 0), 2024, 1, 31);
    assert_date(date_add_months(s, 1), 2024, 2, 29);
    assert_date(date_add_months(s, 2), 2024, 3, 31);
    assert_date(date_add_months(s, 3), 2024, 4, 30);
    assert_date(date_add_months(s, 4), 2024, 5, 31);
    assert_date(date_add_months(s, 13), 2025, 2, 28);
    assert_date(date_add_months(s, 11), 2024, 12, 31);
    assert_date(date_add_months(s, 12), 2025, 1, 31);
    assert_date(date_add_months(s, -1), 2023, 12, 31);
    assert_date(date_add_months(s, -11), 2023, 2, 28);
    assert_date(date_add_months(s, -12), 2023, 1, 31);
    assert_date(date_add_months(s, -13), 2022, 12, 31);
    /* chaining would drift: 2024-02-29 + 1 is 2024-03-29, not 03-31 */
    assert_date(date_add_months(date_add_months(s, 1), 1), 2024, 3, 29);
    assert_date(date_add_months((struct date){2024, 2, 29}, 12), 2025, 2, 28);
    assert_date(date_add_months((struct date){2024, 2, 29}, 48), 2028, 2, 29);
    assert_date(date_add_months((struct date){2026, 3, 15}, 36), 2029, 3, 15);
    assert_date(date_add_months((struct date){2026, 3, 30}, 11), 2027, 2, 28);
    assert_date(date_add_months((struct date){2026, 8, 31}, 1), 2026, 9, 30);
    assert_date(date_add_months((struct date){2026, 12, 15}, 1), 2027, 1, 15);
    assert_date(date_add_months((struct date){2026, 1, 15}, 360), 2056, 1, 15);
    struct date neg = date_add_months((struct date){2026, 1, 15}, -24315); /* before year 1 */
    assert_int_equal(neg.y, -1);
    assert_int_equal(neg.m, 10);
    assert_int_equal(neg.d, 15);
}

/* add_months(s, k) is always in the right month, never before s's day unless the month is short. */
static void test_add_months_property(void **state)
{
    (void)state;
    for (struct date s = {1999, 1, 1}; s.y < 2031; s = date_add_days(s, 1)) {
        for (int k = -30; k <= 400; k += 7) {
            struct date r = date_add_months(s, k);
            long total = (long)s.y * 12 + s.m - 1 + k;
            assert_int_equal(r.y, total / 12);
            assert_int_equal(r.m, total % 12 + 1);
            int last = date_days_in_month(r.y, r.m);
            assert_int_equal(r.d, s.d <= last ? s.d : last);
            assert_true(date_valid(r));
        }
    }
}

/* Dates as documents print them: no leading zeros; quarters in words. */
static void test_chinese(void **state)
{
    (void)state;
    char out[DATE_CN_SIZE];
    assert_string_equal(date_chinese((struct date){2026, 12, 5}, out), "2026年12月5日");
    assert_string_equal(date_chinese((struct date){2026, 1, 31}, out), "2026年1月31日");
    assert_string_equal(date_chinese((struct date){99999, 123, -4}, out), "9999年99月0日");
    assert_string_equal(date_chinese_text("2026-03-08", out), "2026年3月8日");
    assert_string_equal(date_chinese_text("2026-03-08 10:15:00", out), "2026年3月8日");
    assert_string_equal(date_chinese_text("2026-02-30", out), "2026-02-30");
    assert_string_equal(date_chinese_text(NULL, out), "");
    char text[64];
    assert_int_equal(date_chinese_in("截至 2026-11-23 · 2026-01-05 至 2026-02-30", text, sizeof text), 0);
    assert_string_equal(text, "截至 2026年11月23日 · 2026年1月5日 至 2026-02-30");
    assert_int_equal(date_chinese_in("2026-03-08 10:15:00", text, sizeof text), 0);
    assert_string_equal(text, "2026年3月8日 10:15:00");
    /* inside a longer number (a receipt number) nothing changes */
    assert_int_equal(date_chinese_in("JZ-2026-03-08-0001 12026-03-08 2026-03-081", text, sizeof text), 0);
    assert_string_equal(text, "JZ-2026-03-08-0001 12026-03-08 2026-03-081");
    char small[8];
    assert_int_equal(date_chinese_in("2026-03-08", small, sizeof small), -1);
    assert_string_equal(small, "");
    assert_int_equal(date_chinese_in(NULL, text, sizeof text), 0);
    assert_string_equal(text, "");
    assert_string_equal(date_quarter_cn(2026, 3, out), "2026年第三季度");
    assert_string_equal(date_quarter_cn(2027, 1, out), "2027年第一季度");
}

/* Quarters: exactly YYYYQn with n 1..4; their first and last days. */
static void test_quarter_parse(void **state)
{
    (void)state;
    struct date a = {0}, b = {0};
    assert_int_equal(date_quarter_parse("2024Q1", &a, &b), 0);
    assert_true(date_cmp(a, (struct date){2024, 1, 1}) == 0 && date_cmp(b, (struct date){2024, 3, 31}) == 0);
    assert_int_equal(date_quarter_parse("2026Q4", &a, &b), 0);
    assert_true(date_cmp(a, (struct date){2026, 10, 1}) == 0 && date_cmp(b, (struct date){2026, 12, 31}) == 0);
    const char *bad[] = {"2026Q5", "2026Q0", "2026Q", "2026Q3x", "26Q3", "1999Q4", "+026Q3", "2026q3", "", "garbage"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(date_quarter_parse(bad[i], &a, &b), -1);
    assert_int_equal(date_quarter_parse(NULL, &a, &b), -1);
}

/* yyyymmdd numbers as SQL gives them. */
static void test_from_number(void **state)
{
    (void)state;
    struct date d = {0};
    assert_int_equal(date_from_number(20260128, &d), 0);
    assert_true(date_cmp(d, (struct date){2026, 1, 28}) == 0);
    assert_int_equal(date_from_number(0, &d), -1);
    assert_int_equal(date_from_number(20260230, &d), -1);
    assert_int_equal(date_from_number(-20260101, &d), -1);
    assert_true(date_cmp(d, (struct date){2026, 1, 28}) == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_valid),
        cmocka_unit_test(test_parse_invalid),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_days_in_month),
        cmocka_unit_test(test_day_numbers),
        cmocka_unit_test(test_day_numbers_exhaustive),
        cmocka_unit_test(test_add_days_diff),
        cmocka_unit_test(test_weekday),
        cmocka_unit_test(test_cmp),
        cmocka_unit_test(test_add_months_month_end),
        cmocka_unit_test(test_add_months_property),
        cmocka_unit_test(test_chinese),
        cmocka_unit_test(test_quarter_parse),
        cmocka_unit_test(test_from_number),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
