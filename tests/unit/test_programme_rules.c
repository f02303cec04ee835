/* test_programme_rules.c: who a programme admits (programme_rules.c), worked by hand. The roll of
   2026 of 农村部分计划生育家庭奖励扶助 (docs/domain.md "Programmes and rolls"): 60 or more on
   2026-12-31, rural hukou, alive and resident on that day. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "member_status.h"
#include "programme_rules.h"

static const struct programme_rules reward = {.min_age = 60, .max_age = -1, .hukou = HUKOU_RURAL,
                                              .alive_resident = 1, .ref = {2026, 12, 31}};

/* A rural man of the household's category, born on day birth, alive and resident. */
static struct person_facts person(int y, int m, int d)
{
    return (struct person_facts){.birth = {y, m, d}, .sex = 'M', .hukou = HUKOU_RURAL, .relation = "户主",
                                 .category_ok = 1};
}

static void test_age_on_reference_day(void **state)
{
    (void)state;
    /* born 1966-12-31: 2026 − 1966 = 60 and the birthday falls on 12-31 itself → 60, admitted */
    struct person_facts p = person(1966, 12, 31);
    assert_int_equal(age_on(p.birth, reward.ref), 60);
    assert_int_equal(programme_rule_check(&reward, &p), ROLL_OK);
    /* born 1967-01-01: 2026 − 1967 = 59, turns 60 on 2027-01-01, a day too late → refused */
    p = person(1967, 1, 1);
    assert_int_equal(age_on(p.birth, reward.ref), 59);
    assert_int_equal(programme_rule_check(&reward, &p), ROLL_AGE_UNDER);
    /* the same person on the 2027 roll (2027-12-31): 60 → admitted */
    struct programme_rules next = reward;
    next.ref = (struct date){2027, 12, 31};
    assert_int_equal(programme_rule_check(&next, &p), ROLL_OK);
    /* born 29 February 1964: on 2026-02-28 still 61, on 2026-03-01 62 */
    assert_int_equal(age_on((struct date){1964, 2, 29}, (struct date){2026, 2, 28}), 61);
    assert_int_equal(age_on((struct date){1964, 2, 29}, (struct date){2026, 3, 1}), 62);
}

static void test_hukou(void **state)
{
    (void)state;
    struct person_facts p = person(1950, 5, 1);
    assert_int_equal(programme_rule_check(&reward, &p), ROLL_OK);
    p.hukou = HUKOU_URBAN; /* 非农业: not for the rural programme */
    assert_int_equal(programme_rule_check(&reward, &p), ROLL_HUKOU);
    p.hukou = HUKOU_NONE; /* not recorded: not admitted either */
    assert_int_equal(programme_rule_check(&reward, &p), ROLL_HUKOU);
    struct programme_rules any = reward;
    any.hukou = HUKOU_NONE; /* a programme without a hukou rule admits both */
    assert_int_equal(programme_rule_check(&any, &p), ROLL_OK);
}

static void test_category_checked_first(void **state)
{
    (void)state;
    /* the caller's SQL decides category_ok with the nesting (a 独女户 is a 独生子女家庭); a
       household outside the categories fails on that before anything else, even when too young */
    struct person_facts p = person(1990, 1, 1);
    p.category_ok = 0;
    assert_int_equal(programme_rule_check(&reward, &p), ROLL_CATEGORY);
}

static void test_died_and_moved(void **state)
{
    (void)state;
    struct person_facts p = person(1950, 5, 1);
    p.died = (struct date){2026, 6, 30}; /* before the reference day → not alive on it */
    assert_int_equal(programme_rule_check(&reward, &p), ROLL_DIED);
    p.died = (struct date){2026, 12, 31}; /* on the day: not alive at its end */
    assert_int_equal(programme_rule_check(&reward, &p), ROLL_DIED);
    p.died = (struct date){2027, 1, 5}; /* after it (recorded in advance of a 2026 roll made in 2027) */
    assert_int_equal(programme_rule_check(&reward, &p), ROLL_OK);
    p.died = (struct date){0};
    p.moved = (struct date){2026, 3, 1};
    assert_int_equal(programme_rule_check(&reward, &p), ROLL_MOVED);
    struct programme_rules anyone = reward;
    anyone.alive_resident = 0; /* a programme that pays the estate too */
    assert_int_equal(programme_rule_check(&anyone, &p), ROLL_OK);
}

static void test_sex_relation_max_age_once(void **state)
{
    (void)state;
    /* 特别扶助 for mothers from 49: female, 49 or more, head or spouse */
    struct programme_rules special = {.min_age = 49, .max_age = -1, .sex = 'F',
                                      .relations = 1u << 0 | 1u << 1, .alive_resident = 1, .ref = {2026, 12, 31}};
    struct person_facts p = person(1977, 12, 31); /* 49 on the day */
    assert_int_equal(programme_rule_check(&special, &p), ROLL_SEX);
    p.sex = 'F';
    assert_int_equal(programme_rule_check(&special, &p), ROLL_OK);
    p.relation = "子女";
    assert_int_equal(programme_rule_check(&special, &p), ROLL_RELATION);
    p.relation = "配偶";
    assert_int_equal(programme_rule_check(&special, &p), ROLL_OK);
    struct programme_rules young = {.min_age = -1, .max_age = 17, .ref = {2026, 12, 31}};
    struct person_facts child = person(2009, 1, 1); /* 17 on 2026-12-31 */
    assert_int_equal(programme_rule_check(&young, &child), ROLL_OK);
    child.birth = (struct date){2008, 12, 31}; /* 18 on the day */
    assert_int_equal(programme_rule_check(&young, &child), ROLL_AGE_OVER);
    struct programme_rules once = {.min_age = -1, .max_age = -1, .once = 1, .ref = {2026, 12, 31}};
    child.paid_before = 1;
    assert_int_equal(programme_rule_check(&once, &child), ROLL_ALREADY_PAID);
}

static void test_reference_day_and_names(void **state)
{
    (void)state;
    struct date d;
    assert_int_equal(programme_ref_date(2026, "12-31", &d), 0);
    assert_true(d.y == 2026 && d.m == 12 && d.d == 31);
    assert_int_equal(programme_ref_date(2027, "02-29", &d), 0); /* not a leap year: the 28th */
    assert_int_equal(d.d, 28);
    assert_int_equal(programme_ref_date(2028, "02-29", &d), 0);
    assert_int_equal(d.d, 29);
    assert_int_equal(programme_ref_date(2026, "02-30", &d), -1);
    assert_int_equal(programme_ref_date(2026, "12-31x", &d), -1);
    assert_int_equal(programme_ref_date(2026, "13-01", &d), -1);
    assert_string_equal(roll_fail_code(ROLL_MOVED), "moved_out");
    assert_string_equal(roll_fail_name(ROLL_HUKOU), "户籍不符");
    assert_int_equal(programme_relation("配偶"), 1);
    assert_int_equal(programme_relation("邻居"), -1);
}

/* The roll reads its candidates as "born on or before" a day: that day must admit exactly the
   people age_on finds old enough. */
static void test_born_by(void **state)
{
    (void)state;
    char by[11];
    /* 60 on 2026-12-31: born on or before 1966-12-31 (1966-12-31 is 60 that day, 1967-01-01 59) */
    assert_string_equal(programme_born_by(&reward, by), "1966-12-31");
    struct programme_rules feb = reward;
    feb.ref = (struct date){2027, 2, 28}; /* a reference day 02-29 in 2027 is the 28th */
    assert_string_equal(programme_born_by(&feb, by), "1967-02-28");
    struct programme_rules none = reward;
    none.min_age = -1;
    assert_string_equal(programme_born_by(&none, by), "9999-12-31");
    /* every birth day of 1964–1969 against reference days around the year's ends and 29 February:
       "born <= by" as text and age_on >= min_age agree */
    static const struct date refs[] = {{2026, 12, 31}, {2027, 2, 28}, {2028, 2, 29}, {2026, 1, 1}, {2026, 3, 1}};
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
        struct programme_rules r = reward;
        r.ref = refs[i];
        programme_born_by(&r, by);
        for (struct date b = {1964, 1, 1}; b.y < 1970; b = date_add_days(b, 1)) {
            char born[11];
            date_format(b, born);
            assert_int_equal(strcmp(born, by) <= 0, age_on(b, r.ref) >= 60);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_age_on_reference_day), cmocka_unit_test(test_hukou),
        cmocka_unit_test(test_category_checked_first), cmocka_unit_test(test_died_and_moved),
        cmocka_unit_test(test_sex_relation_max_age_once), cmocka_unit_test(test_reference_day_and_names),
        cmocka_unit_test(test_born_by),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
