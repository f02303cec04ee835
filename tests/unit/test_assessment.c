/* test_assessment.c: unit tests for src/services/assessment.c: the score of one unit worked by
   hand from its figures and the default weights (docs/domain.md "考核"), the items without a base,
   the rounding of the score shown, and the periods a request may ask for. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "assessment.h"

/* The default weights of migration 042: 15, 20, 15, 10, 15, 15, 10. */
static const struct assess_weights defaults = {{15, 20, 15, 10, 15, 15, 10}};

/* A village of 40 households in a quarter: 8 paired, 6 of them visited, 2 of them at a course; it
   got information (1 of its 1 village); 4 cases finished, 3 on time, and 1 open past its due day;
   5 ratings: 3 满意, 1 基本满意, 1 不满意; 10 active loans, 1 overdue. By hand:
     结对覆盖率     15 ×  8/40 =  3.000
     结对户走访率   20 ×  6/8  = 15.000
     结对户参训率   15 ×  2/8  =  3.750
     信息到村率     10 ×  1/1  = 10.000
     按时办结率     15 ×  3/(4+1) = 9.000
     群众满意率     15 × (3+1)/5  = 12.000
     贷款按期率     10 × (10-1)/10 = 9.000
     score = 61.750, shown 61.8 (tenths, half up) */
static void test_score_by_hand(void **state)
{
    (void)state;
    struct assess_figures f = {.households = 40, .villages = 1, .paired = 8, .visited = 6, .trained = 2,
                               .info_villages = 1, .handled = 4, .on_time = 3, .open_late = 1, .satisfied = 3,
                               .basic = 1, .unsatisfied = 1, .loans_active = 10, .loans_overdue = 1};
    assess_score(&f, &defaults);
    int64_t parts[AS__ITEMS] = {3000, 15000, 3750, 10000, 9000, 12000, 9000};
    for (int i = 0; i < AS__ITEMS; i++)
        assert_int_equal(f.part_milli[i], parts[i]);
    assert_int_equal(f.rated, 5);
    assert_int_equal(f.num[AS_TIMELINESS], 3);
    assert_int_equal(f.den[AS_TIMELINESS], 5);
    assert_int_equal(f.score_milli, 61750);
    char s[16];
    assert_string_equal(assess_score_text(f.score_milli, s), "61.8");
}

/* Without a base: the work items score 0 (no household, nothing paired, no village), the fault
   items in full (no case, no rating, no loan): timeliness, satisfaction and overdue 15 + 15 + 10 =
   40.0. A third rounds half up at the thousandth: 20 × 1/3 = 6.667. */
static void test_no_base_and_rounding(void **state)
{
    (void)state;
    struct assess_figures empty = {0};
    assess_score(&empty, &defaults);
    assert_int_equal(empty.score_milli, 40000);
    struct assess_figures third = {.households = 3, .paired = 3, .visited = 1, .villages = 1};
    assess_score(&third, &defaults);
    assert_int_equal(third.part_milli[AS_PAIRING], 15000);
    assert_int_equal(third.part_milli[AS_VISITS], 6667); /* 6.6666… */
    assert_int_equal(third.part_milli[AS_TRAINING], 0);
    assert_int_equal(third.part_milli[AS_INFORMATION], 0);
    char s[16];
    assert_string_equal(assess_score_text(15000 + 6667 + 40000, s), "61.7");
    assert_string_equal(assess_score_text(61650, s), "61.7"); /* half up */
    assert_string_equal(assess_score_text(61649, s), "61.6");
    assert_string_equal(assess_score_text(100000, s), "100.0");
}

/* Quarters and months: their days, the assessment day (the earlier of the last day and today),
   and the refusals. */
static void test_periods(void **state)
{
    (void)state;
    struct date today = {2027, 2, 10};
    struct assess_period p;
    struct err e = {0};
    assert_int_equal(assess_period_parse("2026Q4", NULL, today, &p, &e), 0);
    assert_true(date_cmp(p.from, (struct date){2026, 10, 1}) == 0 && date_cmp(p.to, (struct date){2026, 12, 31}) == 0);
    assert_true(date_cmp(p.asof, p.to) == 0);
    assert_int_equal(assess_period_parse(NULL, "2027-02", today, &p, &e), 0);
    assert_true(date_cmp(p.to, (struct date){2027, 2, 28}) == 0);
    assert_true(date_cmp(p.asof, today) == 0);
    assert_string_equal(p.code, "2027-02");
    assert_int_equal(assess_period_parse(NULL, NULL, today, &p, &e), 0);
    assert_string_equal(p.code, "2027Q1");
    assert_int_equal(assess_period_parse("2027Q2", NULL, today, &p, &e), -1);
    assert_string_equal(e.code, "period_not_begun");
    assert_int_equal(assess_period_parse("2027Q5", NULL, today, &p, &e), -1);
    assert_string_equal(e.code, "invalid_period");
    assert_int_equal(assess_period_parse(NULL, "2027-2", today, &p, &e), -1);
    assert_string_equal(e.code, "invalid_period");
    assert_int_equal(assess_period_parse("2027Q1", "2027-01", today, &p, &e), -1);
    assert_string_equal(e.code, "invalid_period");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_score_by_hand),
        cmocka_unit_test(test_no_base_and_rounding),
        cmocka_unit_test(test_periods),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
