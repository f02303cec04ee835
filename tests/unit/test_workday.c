/* test_workday.c: unit tests for src/core/workday.c with the State Council's 2025 and 2026 holiday
   notices (rows copied from /work/shared/data/holidays-cn.csv). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "workday.h"

/* 国务院办公厅关于2025年/2026年部分节假日安排的通知: every row of holidays-cn.csv. */
static const struct workday_special cn_2025_2026[] = {
    {{2025, 1, 1}, WORKDAY_OFF}, /* 元旦 */
    {{2025, 1, 26}, WORKDAY_WORK}, /* 春节调休上班 */
    {{2025, 1, 28}, WORKDAY_OFF}, /* 春节 */
    {{2025, 1, 29}, WORKDAY_OFF}, /* 春节 */
    {{2025, 1, 30}, WORKDAY_OFF}, /* 春节 */
    {{2025, 1, 31}, WORKDAY_OFF}, /* 春节 */
    {{2025, 2, 1}, WORKDAY_OFF}, /* 春节 */
    {{2025, 2, 2}, WORKDAY_OFF}, /* 春节 */
    {{2025, 2, 3}, WORKDAY_OFF}, /* 春节 */
    {{2025, 2, 4}, WORKDAY_OFF}, /* 春节 */
    {{2025, 2, 8}, WORKDAY_WORK}, /* 春节调休上班 */
    {{2025, 4, 4}, WORKDAY_OFF}, /* 清明节 */
    {{2025, 4, 5}, WORKDAY_OFF}, /* 清明节 */
    {{2025, 4, 6}, WORKDAY_OFF}, /* 清明节 */
    {{2025, 4, 27}, WORKDAY_WORK}, /* 劳动节调休上班 */
    {{2025, 5, 1}, WORKDAY_OFF}, /* 劳动节 */
    {{2025, 5, 2}, WORKDAY_OFF}, /* 劳动节 */
    {{2025, 5, 3}, WORKDAY_OFF}, /* 劳动节 */
    {{2025, 5, 4}, WORKDAY_OFF}, /* 劳动节 */
    {{2025, 5, 5}, WORKDAY_OFF}, /* 劳动节 */
    {{2025, 5, 31}, WORKDAY_OFF}, /* 端午节 */
    {{2025, 6, 1}, WORKDAY_OFF}, /* 端午节 */
    {{2025, 6, 2}, WORKDAY_OFF}, /* 端午节 */
    {{2025, 9, 28}, WORKDAY_WORK}, /* 国庆节调休上班 */
    {{2025, 10, 1}, WORKDAY_OFF}, /* 国庆节、中秋节 */
    {{2025, 10, 2}, WORKDAY_OFF}, /* 国庆节、中秋节 */
    {{2025, 10, 3}, WORKDAY_OFF}, /* 国庆节、中秋节 */
    {{2025, 10, 4}, WORKDAY_OFF}, /* 国庆节、中秋节 */
    {{2025, 10, 5}, WORKDAY_OFF}, /* 国庆节、中秋节 */
    {{2025, 10, 6}, WORKDAY_OFF}, /* 国庆节、中秋节 */
    {{2025, 10, 7}, WORKDAY_OFF}, /* 国庆节、中秋节 */
    {{2025, 10, 8}, WORKDAY_OFF}, /* 国庆节、中秋节 */
    {{2025, 10, 11}, WORKDAY_WORK}, /* 国庆节调休上班 */
    {{2026, 1, 1}, WORKDAY_OFF}, /* 元旦 */
    {{2026, 1, 2}, WORKDAY_OFF}, /* 元旦 */
    {{2026, 1, 3}, WORKDAY_OFF}, /* 元旦 */
    {{2026, 1, 4}, WORKDAY_WORK}, /* 元旦调休上班 */
    {{2026, 2, 14}, WORKDAY_WORK}, /* 春节调休上班 */
    {{2026, 2, 15}, WORKDAY_OFF}, /* 春节 */
    {{2026, 2, 16}, WORKDAY_OFF}, /* 春节 */
    {{2026, 2, 17}, WORKDAY_OFF}, /* 春节 */
    {{2026, 2, 18}, WORKDAY_OFF}, /* 春节 */
    {{2026, 2, 19}, WORKDAY_OFF}, /* 春节 */
    {{2026, 2, 20}, WORKDAY_OFF}, /* 春节 */
    {{2026, 2, 21}, WORKDAY_OFF}, /* 春节 */
    {{2026, 2, 22}, WORKDAY_OFF}, /* 春节 */
    {{2026, 2, 23}, WORKDAY_OFF}, /* 春节 */
    {{2026, 2, 28}, WORKDAY_WORK}, /* 春节调休上班 */
    {{2026, 4, 4}, WORKDAY_OFF}, /* 清明节 */
    {{2026, 4, 5}, WORKDAY_OFF}, /* 清明节 */
    {{2026, 4, 6}, WORKDAY_OFF}, /* 清明节 */
    {{2026, 5, 1}, WORKDAY_OFF}, /* 劳动节 */
    {{2026, 5, 2}, WORKDAY_OFF}, /* 劳动节 */
    {{2026, 5, 3}, WORKDAY_OFF}, /* 劳动节 */
    {{2026, 5, 4}, WORKDAY_OFF}, /* 劳动节 */
    {{2026, 5, 5}, WORKDAY_OFF}, /* 劳动节 */
    {{2026, 5, 9}, WORKDAY_WORK}, /* 劳动节调休上班 */
    {{2026, 6, 19}, WORKDAY_OFF}, /* 端午节 */
    {{2026, 6, 20}, WORKDAY_OFF}, /* 端午节 */
    {{2026, 6, 21}, WORKDAY_OFF}, /* 端午节 */
    {{2026, 9, 20}, WORKDAY_WORK}, /* 国庆节调休上班 */
    {{2026, 9, 25}, WORKDAY_OFF}, /* 中秋节 */
    {{2026, 9, 26}, WORKDAY_OFF}, /* 中秋节 */
    {{2026, 9, 27}, WORKDAY_OFF}, /* 中秋节 */
    {{2026, 10, 1}, WORKDAY_OFF}, /* 国庆节 */
    {{2026, 10, 2}, WORKDAY_OFF}, /* 国庆节 */
    {{2026, 10, 3}, WORKDAY_OFF}, /* 国庆节 */
    {{2026, 10, 4}, WORKDAY_OFF}, /* 国庆节 */
    {{2026, 10, 5}, WORKDAY_OFF}, /* 国庆节 */
    {{2026, 10, 6}, WORKDAY_OFF}, /* 国庆节 */
    {{2026, 10, 7}, WORKDAY_OFF}, /* 国庆节 */
    {{2026, 10, 10}, WORKDAY_WORK}, /* 国庆节调休上班 */
};
static const struct workday_calendar cn = {cn_2025_2026, sizeof cn_2025_2026 / sizeof cn_2025_2026[0]};

/* Asserts that d is y-m-d. */
static void assert_date(struct date d, int y, int m, int dd)
{
    char got[11], want[11];
    date_format(d, got);
    date_format((struct date){y, m, dd}, want);
    assert_string_equal(got, want);
}

static struct date D(int y, int m, int d)
{
    return (struct date){y, m, d};
}

static void test_calendar_data_is_valid(void **state)
{
    (void)state;
    size_t bad = 99;
    assert_int_equal(cn.count, 72);
    assert_int_equal(workday_calendar_check(&cn, &bad), 0);
    assert_int_equal(bad, 99);
    /* every 'work' day of the notices is a weekend day */
    for (size_t i = 0; i < cn.count; i++)
        if (cn.days[i].kind == WORKDAY_WORK)
            assert_true(date_weekday(cn.days[i].day) >= 6);
}

static void test_calendar_check_rejects(void **state)
{
    (void)state;
    size_t bad = 99;
    const struct workday_special unsorted[] = {
        {{2026, 10, 1}, WORKDAY_OFF}, {{2026, 10, 3}, WORKDAY_OFF}, {{2026, 10, 2}, WORKDAY_OFF}};
    assert_int_equal(workday_calendar_check(&(struct workday_calendar){unsorted, 3}, &bad), -1);
    assert_int_equal(bad, 2);
    const struct workday_special twice[] = {{{2026, 10, 1}, WORKDAY_OFF}, {{2026, 10, 1}, WORKDAY_WORK}};
    assert_int_equal(workday_calendar_check(&(struct workday_calendar){twice, 2}, &bad), -1);
    assert_int_equal(bad, 1);
    const struct workday_special kind[] = {{{2026, 10, 1}, 'x'}};
    assert_int_equal(workday_calendar_check(&(struct workday_calendar){kind, 1}, &bad), -1);
    assert_int_equal(bad, 0);
    const struct workday_special date[] = {{{2026, 1, 1}, WORKDAY_OFF}, {{2026, 2, 30}, WORKDAY_OFF}};
    assert_int_equal(workday_calendar_check(&(struct workday_calendar){date, 2}, &bad), -1);
    assert_int_equal(bad, 1);
    assert_int_equal(workday_calendar_check(&(struct workday_calendar){NULL, 3}, NULL), -1);
    assert_int_equal(workday_calendar_check(&(struct workday_calendar){NULL, 0}, NULL), 0);
    assert_int_equal(workday_calendar_check(NULL, NULL), 0);
}

static void test_kind_parse(void **state)
{
    (void)state;
    assert_int_equal(workday_kind_parse("off"), 'o');
    assert_int_equal(workday_kind_parse("work"), 'w');
    assert_int_equal(workday_kind_parse("OFF"), -1);
    assert_int_equal(workday_kind_parse(""), -1);
    assert_int_equal(workday_kind_parse("offx"), -1);
    assert_int_equal(workday_kind_parse(NULL), -1);
}

static void test_kind_lookup(void **state)
{
    (void)state;
    assert_int_equal(workday_kind(&cn, D(2025, 1, 1)), 'o');   /* first entry */
    assert_int_equal(workday_kind(&cn, D(2026, 10, 10)), 'w'); /* last entry */
    assert_int_equal(workday_kind(&cn, D(2026, 2, 14)), 'w');
    assert_int_equal(workday_kind(&cn, D(2026, 2, 19)), 'o');
    assert_int_equal(workday_kind(&cn, D(2026, 2, 24)), 0);
    assert_int_equal(workday_kind(&cn, D(2024, 12, 31)), 0); /* before the first */
    assert_int_equal(workday_kind(&cn, D(2027, 1, 1)), 0);   /* after the last; 2027 not announced */
    assert_int_equal(workday_kind(NULL, D(2026, 10, 1)), 0);
}

static void test_is_working(void **state)
{
    (void)state;
    /* ordinary days */
    assert_true(workday_is_working(&cn, D(2026, 3, 16)));  /* Monday */
    assert_true(workday_is_working(&cn, D(2026, 3, 20)));  /* Friday */
    assert_false(workday_is_working(&cn, D(2026, 3, 21))); /* Saturday */
    assert_false(workday_is_working(&cn, D(2026, 3, 22))); /* Sunday */
    /* public holidays on weekdays and weekends */
    assert_false(workday_is_working(&cn, D(2026, 10, 1)));  /* Thursday, 国庆 */
    assert_false(workday_is_working(&cn, D(2026, 10, 3)));  /* Saturday, 国庆 */
    assert_false(workday_is_working(&cn, D(2026, 9, 25)));  /* Friday, 中秋 */
    assert_false(workday_is_working(&cn, D(2026, 2, 16)));  /* Monday, 春节 */
    assert_false(workday_is_working(&cn, D(2025, 1, 1)));   /* Wednesday, 元旦 */
    /* 调休: adjusted working weekend days */
    assert_true(workday_is_working(&cn, D(2026, 9, 20)));  /* Sunday */
    assert_true(workday_is_working(&cn, D(2026, 10, 10))); /* Saturday */
    assert_true(workday_is_working(&cn, D(2026, 2, 14)));  /* Saturday */
    assert_true(workday_is_working(&cn, D(2026, 2, 28)));  /* Saturday */
    assert_true(workday_is_working(&cn, D(2026, 1, 4)));   /* Sunday */
    assert_true(workday_is_working(&cn, D(2025, 1, 26)));  /* Sunday */
    /* the ordinary weekend next to a 调休 day is still off */
    assert_false(workday_is_working(&cn, D(2026, 10, 11))); /* Sunday */
    assert_false(workday_is_working(&cn, D(2026, 9, 19)));  /* Saturday */
    /* weekends only without a calendar */
    assert_true(workday_is_working(NULL, D(2026, 10, 1)));
    assert_false(workday_is_working(NULL, D(2026, 10, 10)));
    const struct workday_calendar empty = {NULL, 0};
    assert_true(workday_is_working(&empty, D(2026, 2, 16)));
    assert_false(workday_is_working(&empty, D(2026, 2, 14)));
}

/*
 * 10 working days from Friday 2026-09-25 (中秋, itself not counted):
 *   09-26 Sat off (中秋), 09-27 Sun off (中秋), 09-28 Mon 1, 09-29 Tue 2, 09-30 Wed 3,
 *   10-01..10-07 off (国庆), 10-08 Thu 4, 10-09 Fri 5, 10-10 Sat 6 (调休), 10-11 Sun off,
 *   10-12 Mon 7, 10-13 8, 10-14 9, 10-15 Thu 10  ->  2026-10-15 (20 calendar days).
 * Weekends only it would be 2026-10-09.
 */
static void test_add_across_national_day_2026(void **state)
{
    (void)state;
    assert_date(workday_add(&cn, D(2026, 9, 25), 10), 2026, 10, 15);
    assert_date(workday_add(NULL, D(2026, 9, 25), 10), 2026, 10, 9);
    assert_date(workday_add(&cn, D(2026, 9, 25), 1), 2026, 9, 28);
    assert_date(workday_add(&cn, D(2026, 9, 25), 3), 2026, 9, 30);
    assert_date(workday_add(&cn, D(2026, 9, 25), 4), 2026, 10, 8);
    assert_date(workday_add(&cn, D(2026, 9, 25), 6), 2026, 10, 10); /* the 调休 Saturday */
    assert_date(workday_add(&cn, D(2026, 9, 25), 7), 2026, 10, 12);
    assert_date(workday_add(&cn, D(2026, 9, 30), 1), 2026, 10, 8);
    /* Saturday 09-19 + 1 is the 调休 Sunday 09-20 */
    assert_date(workday_add(&cn, D(2026, 9, 19), 1), 2026, 9, 20);
    assert_date(workday_add(&cn, D(2026, 9, 18), 1), 2026, 9, 20);
    assert_date(workday_add(&cn, D(2026, 9, 18), 2), 2026, 9, 21);
}

/*
 * 春节 2026: Sat 02-14 worked (调休), 02-15 (Sun) .. 02-23 (Mon) off, Sat 02-28 worked.
 * From Friday 02-13: 1 -> 02-14, 2 -> Tue 02-24. From Friday 02-27: 1 -> Sat 02-28.
 */
static void test_add_spring_festival_2026(void **state)
{
    (void)state;
    assert_date(workday_add(&cn, D(2026, 2, 13), 1), 2026, 2, 14);
    assert_date(workday_add(&cn, D(2026, 2, 13), 2), 2026, 2, 24);
    assert_date(workday_add(&cn, D(2026, 2, 14), 1), 2026, 2, 24);
    assert_date(workday_add(&cn, D(2026, 2, 20), 1), 2026, 2, 24); /* start on a holiday */
    assert_date(workday_add(&cn, D(2026, 2, 27), 1), 2026, 2, 28);
    assert_date(workday_add(&cn, D(2026, 2, 27), 2), 2026, 3, 2);
    /* 10 working days from Tue 02-10: 11,12,13,14(Sat),24,25,26,27,28(Sat),03-02 */
    assert_date(workday_add(&cn, D(2026, 2, 10), 10), 2026, 3, 2);
}

static void test_add_other_holidays(void **state)
{
    (void)state;
    /* 元旦 2026: Thu 01-01..Sat 01-03 off, Sun 01-04 worked */
    assert_date(workday_add(&cn, D(2025, 12, 31), 1), 2026, 1, 4);
    assert_date(workday_add(&cn, D(2025, 12, 31), 2), 2026, 1, 5);
    /* 劳动节 2026: 05-01..05-05 off, Sat 05-09 worked */
    assert_date(workday_add(&cn, D(2026, 4, 30), 1), 2026, 5, 6);
    assert_date(workday_add(&cn, D(2026, 4, 30), 4), 2026, 5, 9);
    /* 春节 2025: Sun 01-26 worked, 01-28..02-04 off, Sat 02-08 worked */
    assert_date(workday_add(&cn, D(2025, 1, 24), 1), 2025, 1, 26);
    assert_date(workday_add(&cn, D(2025, 1, 24), 2), 2025, 1, 27);
    assert_date(workday_add(&cn, D(2025, 1, 24), 3), 2025, 2, 5);
    assert_date(workday_add(&cn, D(2025, 1, 24), 10), 2025, 2, 13);
    /* 国庆 2025: 10-01..10-08 off, Sat 10-11 worked */
    assert_date(workday_add(&cn, D(2025, 9, 30), 1), 2025, 10, 9);
    assert_date(workday_add(&cn, D(2025, 9, 30), 3), 2025, 10, 11);
    /* n <= 0: start unchanged */
    assert_date(workday_add(&cn, D(2026, 10, 1), 0), 2026, 10, 1);
    assert_date(workday_add(&cn, D(2026, 10, 1), -3), 2026, 10, 1);
}

static void test_count_between(void **state)
{
    (void)state;
    assert_int_equal(workday_count_between(&cn, D(2026, 9, 25), D(2026, 10, 15)), 10);
    assert_int_equal(workday_count_between(&cn, D(2026, 9, 24), D(2026, 10, 15)), 10); /* 09-25 off */
    assert_int_equal(workday_count_between(&cn, D(2026, 9, 25), D(2026, 10, 14)), 9);
    assert_int_equal(workday_count_between(&cn, D(2026, 9, 30), D(2026, 10, 8)), 1);
    assert_int_equal(workday_count_between(&cn, D(2026, 2, 13), D(2026, 2, 28)), 6);
    assert_int_equal(workday_count_between(&cn, D(2026, 1, 31), D(2026, 2, 28)), 16);
    /* whole years: 2025 and 2026 each have 248 working days */
    assert_int_equal(workday_count_between(&cn, D(2024, 12, 31), D(2025, 12, 31)), 248);
    assert_int_equal(workday_count_between(&cn, D(2025, 12, 31), D(2026, 12, 31)), 248);
    /* weekends only: 2026 has 261 weekdays */
    assert_int_equal(workday_count_between(NULL, D(2025, 12, 31), D(2026, 12, 31)), 261);
    /* a 调休 Sunday counts: (Sat 09-19, Sun 09-20] */
    assert_int_equal(workday_count_between(&cn, D(2026, 9, 19), D(2026, 9, 20)), 1);
    assert_int_equal(workday_count_between(NULL, D(2026, 9, 19), D(2026, 9, 20)), 0);
    /* empty and reversed ranges */
    assert_int_equal(workday_count_between(&cn, D(2026, 3, 16), D(2026, 3, 16)), 0);
    assert_int_equal(workday_count_between(&cn, D(2026, 3, 17), D(2026, 3, 16)), 0);
    /* before 1970 (negative day numbers) */
    assert_int_equal(workday_count_between(NULL, D(1969, 12, 28), D(1970, 1, 4)), 5);
    assert_int_equal(workday_count_between(NULL, D(1969, 12, 26), D(1970, 1, 5)), 6);
}

/* Brute force: count_between equals counting day by day, and add/count are inverse, for many
   ranges across 2024..2027 (the years around the calendar's data). */
static void test_count_and_add_match_brute_force(void **state)
{
    (void)state;
    const struct workday_calendar *cals[] = {&cn, NULL};
    for (int c = 0; c < 2; c++) {
        for (struct date from = D(2024, 11, 1); date_cmp(from, D(2027, 2, 1)) < 0; from = date_add_days(from, 3)) {
            int n = 0;
            struct date to = from;
            for (int k = 1; k <= 60; k++) {
                to = date_add_days(to, 1);
                n += workday_is_working(cals[c], to);
                assert_int_equal(workday_count_between(cals[c], from, to), n);
            }
            for (int k = 1; k <= 25; k++) {
                struct date r = workday_add(cals[c], from, k);
                assert_true(workday_is_working(cals[c], r));
                assert_int_equal(workday_count_between(cals[c], from, r), k);
                assert_int_equal(workday_count_between(cals[c], from, date_add_days(r, -1)), k - 1);
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_calendar_data_is_valid),
        cmocka_unit_test(test_calendar_check_rejects),
        cmocka_unit_test(test_kind_parse),
        cmocka_unit_test(test_kind_lookup),
        cmocka_unit_test(test_is_working),
        cmocka_unit_test(test_add_across_national_day_2026),
        cmocka_unit_test(test_add_spring_festival_2026),
        cmocka_unit_test(test_add_other_holidays),
        cmocka_unit_test(test_count_between),
        cmocka_unit_test(test_count_and_add_match_brute_force),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
