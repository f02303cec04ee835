/* Unit tests for relief over a programme's rules on the household head (relief_category.c,
   relief_category_check_head), worked by hand. The category 老年慰问: the programme admits a head of
   60 or more on 31 December of the application's year, rural hukou, alive and resident that day. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "member_status.h"
#include "relief_category.h"

static struct relief_category elderly(void)
{
    struct relief_category c;
    memset(&c, 0, sizeof c);
    strcpy(c.name, "老年慰问");
    c.min_age = 60;
    c.max_age = -1;
    c.hukou = HUKOU_RURAL;
    c.alive_resident = 1;
    strcpy(c.age_on, "12-31");
    return c;
}

/* A rural head born on day `birth`. */
static struct person_facts head(int y, int m, int d)
{
    struct person_facts p = {.birth = {y, m, d}, .sex = 'M', .hukou = HUKOU_RURAL, .relation = "户主"};
    return p;
}

static void test_age_on_the_reference_day(void **state)
{
    (void)state;
    struct relief_category c = elderly();
    char why[256] = "";
    /* born 1966-12-31: 2026-12-31 − 1966-12-31 = 60 years on the day itself → admitted in 2026 */
    struct person_facts p = head(1966, 12, 31);
    assert_int_equal(relief_category_check_head(&c, &p, 2026, why, sizeof why), ROLL_OK);
    /* born 1967-01-01: 59 on 2026-12-31 → under age in 2026, admitted in 2027 */
    p = head(1967, 1, 1);
    assert_int_equal(relief_category_check_head(&c, &p, 2026, why, sizeof why), ROLL_AGE_UNDER);
    assert_string_equal(why, "户主不符合扶助项目“老年慰问”的条件：未达到年龄");
    assert_int_equal(relief_category_check_head(&c, &p, 2027, why, sizeof why), ROLL_OK);
}

static void test_hukou_and_death(void **state)
{
    (void)state;
    struct relief_category c = elderly();
    char why[256];
    struct person_facts p = head(1950, 5, 5);
    p.hukou = HUKOU_URBAN;
    assert_int_equal(relief_category_check_head(&c, &p, 2026, why, sizeof why), ROLL_HUKOU);
    p = head(1950, 5, 5);
    p.died = (struct date){2026, 3, 1};
    assert_int_equal(relief_category_check_head(&c, &p, 2026, why, sizeof why), ROLL_DIED);
    assert_string_equal(why, "户主不符合扶助项目“老年慰问”的条件：已死亡");
    /* a category open to any head (the seed categories: no age, no hukou, alive not asked) admits the dead head's household */
    struct relief_category any;
    memset(&any, 0, sizeof any);
    any.min_age = any.max_age = -1;
    assert_int_equal(relief_category_check_head(&any, &p, 2026, why, sizeof why), ROLL_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_age_on_the_reference_day),
        cmocka_unit_test(test_hukou_and_death),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
