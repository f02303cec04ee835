/* Unit tests for the loan product rules (product_rules.c): the edges of each range worked by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "amort.h"
#include "loan_rules.h"
#include "product_rules.h"

/* The small-loan product of the demo: 5,000.00-20,000.00 yuan = 500,000-2,000,000 fen, 3-24 months,
   等额本息 or 利随本清, 3.45 %-6.00 % a year, 按月计息, households only. */
static struct product_terms small(void)
{
    return (struct product_terms){.min_fen = 500000, .max_fen = 2000000, .min_months = 3, .max_months = 24,
                                  .methods = 1u << AMORT_EQUAL_INSTALLMENT | 1u << AMORT_BULLET,
                                  .min_rate_micro = 3450000, .max_rate_micro = 6000000, .day_count = AMORT_DAYS_MONTH,
                                  .settlement = PS_DUE_DATES, .penalty_pct = 0, .subsidy_eligible = 1,
                                  .borrower_kinds = 1u << BK_HOUSEHOLD, .documents = (1u << LD__MAX) - 1,
                                  .second_min_rate_micro = -1};
}

/* Amounts: 5,000.00 yuan (the minimum) and 20,000.00 (the maximum) pass; 4,999.99 (499,999 fen, one
   fen below) and 20,000.01 (2,000,001 fen, one fen above) are refused naming amount_fen. */
static void test_amount_edges(void **state)
{
    (void)state;
    struct product_terms p = small();
    struct err e = {0};
    assert_int_equal(product_check_application(&p, "小额", BK_HOUSEHOLD, NULL, 500000, 12, &e), 0);
    assert_int_equal(product_check_application(&p, "小额", BK_HOUSEHOLD, NULL, 2000000, 12, &e), 0);
    assert_int_equal(product_check_application(&p, "小额", BK_HOUSEHOLD, NULL, 499999, 12, &e), -1);
    assert_string_equal(e.code, "invalid_amount");
    assert_string_equal(e.field, "amount_fen");
    assert_string_equal(e.message, "贷款金额应在 5000 元到 20000 元之间（产品：小额）");
    assert_int_equal(product_check_application(&p, "小额", BK_HOUSEHOLD, NULL, 2000001, 12, &e), -1);
    assert_string_equal(e.code, "invalid_amount");
    /* a minimum with cents is written with them: 5,000.50 yuan */
    p.min_fen = 500050;
    assert_int_equal(product_check_application(&p, "小额", BK_HOUSEHOLD, NULL, 500049, 12, &e), -1);
    assert_string_equal(e.message, "贷款金额应在 5000.50 元到 20000 元之间（产品：小额）");
}

/* Terms: 3 and 24 months pass; 2 and 25 are refused naming term_months. */
static void test_term_edges(void **state)
{
    (void)state;
    struct product_terms p = small();
    struct err e = {0};
    assert_int_equal(product_check_application(&p, "小额", BK_HOUSEHOLD, NULL, 1000000, 3, &e), 0);
    assert_int_equal(product_check_application(&p, "小额", BK_HOUSEHOLD, NULL, 1000000, 24, &e), 0);
    assert_int_equal(product_check_application(&p, "小额", BK_HOUSEHOLD, NULL, 1000000, 2, &e), -1);
    assert_string_equal(e.field, "term_months");
    assert_string_equal(e.message, "贷款期限应为 3 到 24 个月（产品：小额）");
    assert_int_equal(product_check_application(&p, "小额", BK_HOUSEHOLD, NULL, 1000000, 25, &e), -1);
    assert_string_equal(e.code, "invalid_term");
}

/* Borrower kind: an organisation under a household-only product is refused before the amount. */
static void test_borrower_kind(void **state)
{
    (void)state;
    struct product_terms p = small();
    struct err e = {0};
    assert_int_equal(product_check_application(&p, "小额", BK_ORGANISATION, NULL, 1, 1, &e), -1);
    assert_string_equal(e.code, "borrower_not_allowed");
    assert_string_equal(e.field, "product_id");
    p.borrower_kinds |= 1u << BK_ORGANISATION;
    assert_int_equal(product_check_application(&p, "小额", BK_ORGANISATION, NULL, 1000000, 12, &e), 0);
}

/* Disbursement: method, rate 3.45 % and 6.00 % pass, 3.449999 % (one millionth below) and
   6.000001 % refused naming annual_rate; the day count fixed to 按月计息. */
static void test_disbursement(void **state)
{
    (void)state;
    struct product_terms p = small();
    struct err e = {0};
    assert_int_equal(product_check_disbursement(&p, "小额", 0, AMORT_BULLET, 3450000, AMORT_DAYS_MONTH, &e), 0);
    assert_int_equal(product_check_disbursement(&p, "小额", 0, AMORT_EQUAL_INSTALLMENT, 6000000, AMORT_DAYS_MONTH, &e), 0);
    assert_int_equal(product_check_disbursement(&p, "小额", 0, AMORT_EQUAL_PRINCIPAL, 4350000, AMORT_DAYS_MONTH, &e), -1);
    assert_string_equal(e.field, "method");
    assert_string_equal(e.message, "产品“小额”的还款方式只能是：等额本息、利随本清");
    assert_int_equal(product_check_disbursement(&p, "小额", 0, AMORT_BULLET, 3449999, AMORT_DAYS_MONTH, &e), -1);
    assert_string_equal(e.field, "annual_rate");
    assert_string_equal(e.message, "年利率应在 3.45% 到 6.00% 之间（产品：小额）");
    assert_int_equal(product_check_disbursement(&p, "小额", 0, AMORT_BULLET, 6000001, AMORT_DAYS_MONTH, &e), -1);
    assert_string_equal(e.code, "invalid_rate");
    assert_int_equal(product_check_disbursement(&p, "小额", 0, AMORT_BULLET, 4350000, AMORT_DAYS_ACTUAL360, &e), -1);
    assert_string_equal(e.field, "day_count");
    p.day_count = -1; /* not fixed: any */
    assert_int_equal(product_check_disbursement(&p, "小额", 0, AMORT_BULLET, 4350000, AMORT_DAYS_ACTUAL360, &e), 0);
}

/* A product's own figures: each inconsistency named; 按季结息 refused as not computed. */
static void test_validate(void **state)
{
    (void)state;
    struct err e = {0};
    struct product_terms p = small();
    assert_int_equal(product_validate(&p, &e), 0);
    p.min_fen = 2000001; /* above the maximum */
    assert_int_equal(product_validate(&p, &e), -1);
    assert_string_equal(e.code, "invalid_amount_range");
    p = small();
    p.max_months = 2;
    assert_int_equal(product_validate(&p, &e), -1);
    assert_string_equal(e.code, "invalid_term_range");
    p = small();
    p.methods = 0;
    assert_int_equal(product_validate(&p, &e), -1);
    assert_string_equal(e.field, "methods");
    p = small();
    p.max_rate_micro = 24000001;
    assert_int_equal(product_validate(&p, &e), -1);
    assert_string_equal(e.code, "invalid_rate_range");
    p = small();
    p.penalty_pct = 99;
    assert_int_equal(product_validate(&p, &e), -1);
    assert_string_equal(e.code, "invalid_penalty");
    p.penalty_pct = 200;
    assert_int_equal(product_validate(&p, &e), 0);
    p.borrower_kinds = 0;
    assert_int_equal(product_validate(&p, &e), -1);
    assert_string_equal(e.code, "invalid_borrower_kinds");
    /* 按季结息: the small product's 等额本息 is refused, then its 按月计息; 利随本清 by days passes */
    p = small();
    p.settlement = PS_QUARTER_20TH;
    assert_int_equal(product_validate(&p, &e), -1);
    assert_string_equal(e.code, "invalid_settlement_methods");
    p.methods = 1u << AMORT_BULLET | 1u << AMORT_MONTHLY_INTEREST;
    assert_int_equal(product_validate(&p, &e), -1);
    assert_string_equal(e.code, "invalid_settlement_day_count");
    p.day_count = -1;
    assert_int_equal(product_validate(&p, &e), -1);
    assert_string_equal(e.code, "invalid_settlement_day_count");
    p.day_count = AMORT_DAYS_ACTUAL360;
    assert_int_equal(product_validate(&p, &e), 0);
    p.settlement = 2;
    assert_int_equal(product_validate(&p, &e), -1);
    assert_string_equal(e.code, "invalid_settlement");
}

/* The stored lists: codes to bits and back; unknown, repeated and empty codes refused. */
static void test_code_lists(void **state)
{
    (void)state;
    unsigned bits = 0;
    char out[PRODUCT_LIST_SIZE];
    assert_int_equal(product_codes_bits("equal-installment,bullet", amort_method_parse, &bits), 0);
    assert_int_equal(bits, 1u << AMORT_EQUAL_INSTALLMENT | 1u << AMORT_BULLET);
    assert_int_equal(product_bits_codes(bits, amort_method_code, AMORT__MAX, out, sizeof out), 0);
    assert_string_equal(out, "equal-installment,bullet");
    assert_int_equal(product_codes_bits("", amort_method_parse, &bits), 0);
    assert_int_equal(bits, 0);
    assert_int_equal(product_codes_bits("bullet,bullet", amort_method_parse, &bits), -1);
    assert_int_equal(product_codes_bits("bullet,", amort_method_parse, &bits), -1);
    assert_int_equal(product_codes_bits(",bullet", amort_method_parse, &bits), -1);
    assert_int_equal(product_codes_bits("weekly", amort_method_parse, &bits), -1);
    assert_int_equal(product_codes_bits("household,organisation", borrower_kind_parse, &bits), 0);
    assert_int_equal(bits, 3);
    assert_int_equal(product_bits_codes(3, borrower_kind_code, BK__MAX, out, 10), -1); /* does not fit */
    assert_string_equal(out, "");
}

/* Ratings and second-cycle terms: the small product asking 较好 or better, and second-cycle
   households up to 30,000.00 yuan (3,000,000 fen) at a floor of 3.00 % instead of 3.45 %. */
static void test_rating_and_second_cycle(void **state)
{
    (void)state;
    struct product_terms p = small();
    struct err e = {0};
    p.min_rating = product_rating_rank("较好");
    p.second_max_fen = 3000000;
    p.second_min_rate_micro = 3000000;
    assert_int_equal(product_validate(&p, &e), 0);
    assert_int_equal(product_rating_rank("优秀"), 4);
    assert_int_equal(product_rating_rank("差"), 1);
    assert_int_equal(product_rating_rank(""), 0);
    struct borrower_record unrated = {0}, fair = {product_rating_rank("一般"), 2026, 0},
                           good = {product_rating_rank("较好"), 2025, 0}, second = {product_rating_rank("优秀"), 2026, 1};
    assert_int_equal(product_check_application(&p, "小额", BK_HOUSEHOLD, &unrated, 1000000, 12, &e), -1);
    assert_string_equal(e.code, "rating_required");
    assert_string_equal(e.field, "household_id");
    assert_string_equal(e.message, "产品“小额”要求家庭信用评定为较好及以上（本年或上年）；该户本年和上年都没有评定");
    assert_int_equal(product_check_application(&p, "小额", BK_HOUSEHOLD, &fair, 1000000, 12, &e), -1);
    assert_string_equal(e.message, "产品“小额”要求家庭信用评定为较好及以上（本年或上年）；该户 2026 年评定为一般");
    assert_int_equal(product_check_application(&p, "小额", BK_HOUSEHOLD, &good, 1000000, 12, &e), 0);
    /* organisations are not rated: the rule is a household's */
    p.borrower_kinds |= 1u << BK_ORGANISATION;
    assert_int_equal(product_check_application(&p, "小额", BK_ORGANISATION, NULL, 1000000, 12, &e), 0);
    /* 20,000.00 is every rated household's maximum; 20,000.01 .. 30,000.00 only a second cycle's */
    assert_int_equal(product_check_application(&p, "小额", BK_HOUSEHOLD, &good, 2000000, 12, &e), 0);
    assert_int_equal(product_check_application(&p, "小额", BK_HOUSEHOLD, &good, 2000001, 12, &e), -1);
    assert_string_equal(e.code, "second_cycle_required");
    assert_string_equal(e.field, "amount_fen");
    assert_string_equal(e.message,
                        "贷款金额超过 20000 元、最高 30000 元的，只贷给上一笔贷款按期还清的家庭（第二轮贷款，产品：小额）");
    assert_int_equal(product_check_application(&p, "小额", BK_HOUSEHOLD, &second, 3000000, 12, &e), 0);
    assert_int_equal(product_check_application(&p, "小额", BK_HOUSEHOLD, &second, 3000001, 12, &e), -1);
    assert_string_equal(e.code, "invalid_amount");
    assert_string_equal(e.message, "贷款金额应在 5000 元到 30000 元之间（产品：小额）");
    assert_int_equal(product_check_application(&p, "小额", BK_HOUSEHOLD, &good, 3000001, 12, &e), -1);
    assert_string_equal(e.code, "invalid_amount");
    /* rates: 3.00 % for a second cycle; a first cycle is told why 3.00 is refused */
    assert_int_equal(product_check_disbursement(&p, "小额", 1, AMORT_BULLET, 3000000, AMORT_DAYS_MONTH, &e), 0);
    assert_int_equal(product_check_disbursement(&p, "小额", 1, AMORT_BULLET, 2999999, AMORT_DAYS_MONTH, &e), -1);
    assert_string_equal(e.message, "年利率应在 3.00% 到 6.00% 之间（产品：小额）");
    assert_int_equal(product_check_disbursement(&p, "小额", 0, AMORT_BULLET, 3000000, AMORT_DAYS_MONTH, &e), -1);
    assert_string_equal(e.code, "invalid_rate");
    assert_string_equal(e.message, "年利率应在 3.45% 到 6.00% 之间（产品：小额）；低至 3.00% 的利率只给上一笔贷款按期还清的家庭（第二轮贷款）");
    assert_int_equal(product_check_disbursement(&p, "小额", 0, AMORT_BULLET, 3450000, AMORT_DAYS_MONTH, &e), 0);
    /* the product's own figures */
    p.second_max_fen = 1999999;
    assert_int_equal(product_validate(&p, &e), -1);
    assert_string_equal(e.code, "invalid_second_cycle_max");
    p.second_max_fen = 0;
    p.second_min_rate_micro = 3450001;
    assert_int_equal(product_validate(&p, &e), -1);
    assert_string_equal(e.code, "invalid_second_cycle_rate");
    p.second_min_rate_micro = -1;
    p.min_rating = product_rating_rank("差");
    assert_int_equal(product_validate(&p, &e), -1);
    assert_string_equal(e.code, "invalid_min_rating");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_amount_edges), cmocka_unit_test(test_term_edges),
        cmocka_unit_test(test_borrower_kind), cmocka_unit_test(test_disbursement),
        cmocka_unit_test(test_validate),     cmocka_unit_test(test_code_lists),
        cmocka_unit_test(test_rating_and_second_cycle),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
