/* Unit tests for the relief rules (relief_rules.c): states and actions, eligibility, amount
   ranges and yearly limits; and the 大写 of the amounts issue 5 names for receipts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "household.h"
#include "money.h"
#include "relief_rules.h"

/* The rule of 独女户/双女绝育户奖励: 600.00 a year, once. */
static const struct relief_rule reward = {1, 0, 1u << HC_ONLY_DAUGHTER | 1u << HC_TWO_DAUGHTERS_STERILISED, 1, 60000,
                                          60000};
/* The rule of 大病救助: by case 500.00 to 20,000.00, twice a year. */
static const struct relief_rule illness = {0, 0, 1u << HC_ONE_CHILD | 1u << HC_TWO_DAUGHTERS, 2, 50000, 2000000};

static void test_states_move_only_forward(void **state)
{
    (void)state;
    assert_int_equal(relief_next_state(RA_VERIFY, RS_APPLIED), RS_VERIFIED);
    assert_int_equal(relief_next_state(RA_REVIEW, RS_VERIFIED), RS_REVIEWED);
    assert_int_equal(relief_next_state(RA_NOTICE, RS_REVIEWED), RS_IN_NOTICE);
    assert_int_equal(relief_next_state(RA_APPROVE, RS_IN_NOTICE), RS_APPROVED);
    assert_int_equal(relief_next_state(RA_PAY, RS_APPROVED), RS_PAID);
    assert_int_equal(relief_next_state(RA_VOID, RS_PAID), RS_APPROVED);
    /* No skipping: approval needs the notice, payment needs approval, review needs verification. */
    assert_int_equal(relief_next_state(RA_APPROVE, RS_REVIEWED), -1);
    assert_int_equal(relief_next_state(RA_PAY, RS_IN_NOTICE), -1);
    assert_int_equal(relief_next_state(RA_REVIEW, RS_APPLIED), -1);
    /* Rejection before approval only; nothing moves a rejected or paid application but a void. */
    for (int s = RS_APPLIED; s <= RS_IN_NOTICE; s++)
        assert_int_equal(relief_next_state(RA_REJECT, (enum relief_state)s), RS_REJECTED);
    assert_int_equal(relief_next_state(RA_REJECT, RS_APPROVED), -1);
    assert_int_equal(relief_next_state(RA_REJECT, RS_PAID), -1);
    for (int a = 0; a < RA__MAX; a++)
        assert_int_equal(relief_next_state((enum relief_action)a, RS_REJECTED), -1);
    assert_int_equal(relief_next_state(RA__MAX, RS_APPLIED), -1);
    assert_int_equal(relief_state_parse("in_notice"), RS_IN_NOTICE);
    assert_int_equal(relief_state_parse("unknown"), -1);
    assert_string_equal(relief_state_name(RS_PAID), "已发放");
}

static void test_eligibility_names_what_is_missing(void **state)
{
    (void)state;
    char why[256];
    assert_int_equal(relief_check_eligible(&reward, 1u << HC_ONLY_DAUGHTER | 1u << HC_MODEL, why, sizeof why), 0);
    assert_int_equal(relief_check_eligible(&reward, 1u << HC_TWO_DAUGHTERS_STERILISED, why, sizeof why), 0);
    assert_int_equal(relief_check_eligible(&reward, 1u << HC_TWO_DAUGHTERS, why, sizeof why), -1);
    assert_string_equal(why, "该户不符合此救助类别的条件：须为独女户、双女绝育户");
    assert_int_equal(relief_check_eligible(&reward, 0, why, sizeof why), -1);
    const struct relief_rule any = {0, 1, 0, 1, 100, 200};
    assert_int_equal(relief_check_eligible(&any, 0, why, sizeof why), 0);
}

/* Categories nest: 独女户 ⊂ 独生子女家庭, 双女绝育户 ⊂ 双女户. A household tagged only 独女户 is
   eligible for 大病救助 (独生子女家庭, 双女户) once its tags are closed; a 独生子女家庭 is not a
   独女户, so the closure never goes downwards (the 独女户 award still refuses it). */
static void test_categories_nest(void **state)
{
    (void)state;
    char why[256], json[HH_CATEGORY_JSON_SIZE];
    const unsigned only_daughter = 1u << HC_ONLY_DAUGHTER, sterilised = 1u << HC_TWO_DAUGHTERS_STERILISED;
    assert_int_equal(hh_category_closure(only_daughter), only_daughter | 1u << HC_ONE_CHILD);
    assert_int_equal(hh_category_closure(sterilised), sterilised | 1u << HC_TWO_DAUGHTERS);
    assert_int_equal(hh_category_closure(1u << HC_ONE_CHILD), 1u << HC_ONE_CHILD);
    assert_int_equal(hh_category_closure(1u << HC_HARDSHIP | 1u << 31), 1u << HC_HARDSHIP);
    assert_int_equal(relief_check_eligible(&illness, only_daughter, why, sizeof why), -1); /* as tagged */
    assert_int_equal(relief_check_eligible(&illness, hh_category_closure(only_daughter), why, sizeof why), 0);
    assert_int_equal(relief_check_eligible(&illness, hh_category_closure(sterilised), why, sizeof why), 0);
    assert_int_equal(relief_check_eligible(&reward, hh_category_closure(1u << HC_ONE_CHILD), why, sizeof why), -1);
    /* Downwards, for SQL filters on the tags: who counts as 独生子女家庭 or 双女户. */
    assert_int_equal(hh_category_within(1u << HC_ONE_CHILD), 1u << HC_ONE_CHILD | only_daughter);
    assert_int_equal(hh_category_within(illness.eligible), illness.eligible | only_daughter | sterilised);
    assert_int_equal(hh_category_within(only_daughter), only_daughter);
    assert_int_equal(hh_category_codes_json(hh_category_within(1u << HC_TWO_DAUGHTERS), json, sizeof json), 0);
    assert_string_equal(json, "[\"two_daughters\",\"two_daughters_sterilised\"]");
    assert_int_equal(hh_category_codes_json(0, json, sizeof json), 0);
    assert_string_equal(json, "[]");
    assert_int_equal(hh_category_codes_json((1u << HC__MAX) - 1, json, sizeof json), 0);
    assert_int_equal(hh_category_codes_json(1u << HC_ONE_CHILD, json, 12), -1); /* ["one_child"] is 13 bytes */
    assert_int_equal(hh_category_set_parse("model,only_daughter,nonsense"), 1u << HC_MODEL | only_daughter);
    assert_int_equal(hh_category_set_parse(NULL), 0);
}

static void test_amounts_standard_and_range(void **state)
{
    (void)state;
    char why[256];
    assert_int_equal(relief_check_amount(&reward, 60000, why, sizeof why), 0);
    assert_int_equal(relief_check_amount(&reward, 59999, why, sizeof why), -1);
    assert_string_equal(why, "此类别按标准发放，金额应为 600.00 元");
    assert_int_equal(relief_check_amount(&illness, 50000, why, sizeof why), 0);
    assert_int_equal(relief_check_amount(&illness, 2000000, why, sizeof why), 0);
    assert_int_equal(relief_check_amount(&illness, 49999, why, sizeof why), -1);
    assert_string_equal(why, "金额应在 500.00 元到 20,000.00 元之间");
    assert_int_equal(relief_check_amount(&illness, 2000001, why, sizeof why), -1);
}

static void test_yearly_limit(void **state)
{
    (void)state;
    char why[256];
    assert_int_equal(relief_check_limit(&reward, 0, 2026, why, sizeof why), 0);
    assert_int_equal(relief_check_limit(&reward, 1, 2026, why, sizeof why), -1);
    assert_string_equal(why, "该户 2026 年已申请此类救助 1 次，已达每户每年 1 次的上限");
    assert_int_equal(relief_check_limit(&illness, 1, 2026, why, sizeof why), 0);
    assert_int_equal(relief_check_limit(&illness, 2, 2026, why, sizeof why), -1);
}

/* The receipt amounts issue 5 names, and the People's Bank examples' shapes. */
static void test_capital_receipt_amounts(void **state)
{
    (void)state;
    static const struct {
        int64_t fen;
        const char *text;
    } cases[] = {
        {5, "人民币伍分"},
        {1000, "人民币壹拾元整"},
        {100000, "人民币壹仟元整"},
        {100500, "人民币壹仟零伍元整"},
        {10000010, "人民币壹拾万元壹角整"},
        {9999999999, "人民币玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"},
        {140950, "人民币壹仟肆佰零玖元伍角整"},
        {600714, "人民币陆仟零柒元壹角肆分"},
        {1640902, "人民币壹万陆仟肆佰零玖元零贰分"},
        {32504, "人民币叁佰贰拾伍元零肆分"},
        {60000, "人民币陆佰元整"},
    };
    char out[MONEY_CAPITAL_SIZE];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(money_capital(cases[i].fen, out, sizeof out), 0);
        assert_string_equal(out, cases[i].text);
        /* 整 never after 分; never the characters the rules forbid. */
        size_t n = strlen(out);
        assert_false(n > 6 && strcmp(out + n - 6, "分整") == 0);
        assert_null(strstr(out, "毛"));
        assert_null(strstr(out, "另"));
        assert_null(strstr(out, "一"));
        assert_null(strstr(out, "十"));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_states_move_only_forward),
        cmocka_unit_test(test_eligibility_names_what_is_missing),
        cmocka_unit_test(test_categories_nest),
        cmocka_unit_test(test_amounts_standard_and_range),
        cmocka_unit_test(test_yearly_limit),
        cmocka_unit_test(test_capital_receipt_amounts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
