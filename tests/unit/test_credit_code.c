/* Unit tests for the unified social credit code check (credit_code.c, GB 32100-2015). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "credit_code.h"

/* The standard's own worked example: 91350100M000100Y4? with values 9,1,3,5,0,1,0,0,21(M),0,0,0,1,0,0,
   30(Y),4 and weights 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28: 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+
   900+112 = 1640; 1640 mod 31 = 28 (31 × 52 = 1612); 31 - 28 = 3 → '3'. The standard shows 91350100M000100Y4Z
   refused because its last character is not 3. */
static void test_standard_example(void **state)
{
    (void)state;
    assert_int_equal(credit_code_check_char("91350100M000100Y4"), '3');
    assert_true(credit_code_valid("91350100M000100Y43"));
    assert_false(credit_code_valid("91350100M000100Y4Z"));
}

/* Published codes of real companies (their registrations, e.g. the encyclopaedia entries).
   华为技术有限公司 914403001922038216: 9*1+1*3+4*9+4*27+0*19+3*26+0*16+0*17+1*20+9*29+2*25+2*13+0*8+
   3*24+8*10+2*30+1*28 = 831; 831 mod 31 = 25 (31 × 26 = 806); 31 - 25 = 6 → '6'.
   阿里巴巴（中国）有限公司 91330100716105852F: 9*1+1*3+3*9+3*27+0*19+1*26+0*16+0*17+7*20+1*29+6*25+1*13+
   0*8+5*24+8*10+5*30+2*28 = 884; 884 mod 31 = 16 (31 × 28 = 868); 31 - 16 = 15 → 'F' (A=10 … F=15).
   Also 深圳市腾讯计算机系统有限公司 9144030071526726XG and 北京小米科技有限责任公司 91110108551385082Q. */
static void test_published_codes(void **state)
{
    (void)state;
    assert_int_equal(credit_code_check_char("91440300192203821"), '6');
    assert_true(credit_code_valid("914403001922038216"));
    assert_int_equal(credit_code_check_char("91330100716105852"), 'F');
    assert_true(credit_code_valid("91330100716105852F"));
    assert_true(credit_code_valid("9144030071526726XG"));
    assert_true(credit_code_valid("91110108551385082Q"));
    /* one character changed: the check no longer holds */
    assert_false(credit_code_valid("914403001922038217"));
    assert_false(credit_code_valid("914403001922038215"));
    assert_false(credit_code_valid("924403001922038216"));
}

/* A sum divisible by 31 gives check value 31 - 0 = 31, written 0: "00000000000000000" sums to 0. */
static void test_sum_divisible(void **state)
{
    (void)state;
    assert_int_equal(credit_code_check_char("00000000000000000"), '0');
    assert_true(credit_code_valid("000000000000000000"));
}

/* Characters outside the 31-character alphabet, lower case, wrong lengths, NULL. */
static void test_refusals(void **state)
{
    (void)state;
    assert_int_equal(credit_code_check_char(NULL), '\0');
    assert_int_equal(credit_code_check_char("9144030019220382"), '\0');  /* 16 characters */
    assert_int_equal(credit_code_check_char("9144030019220382I"), '\0'); /* I is not in the alphabet */
    assert_false(credit_code_valid(NULL));
    assert_false(credit_code_valid(""));
    assert_false(credit_code_valid("91440300192203821"));   /* 17 */
    assert_false(credit_code_valid("9144030019220382166")); /* 19 */
    assert_false(credit_code_valid("9144030071526726xg"));  /* lower case */
    assert_false(credit_code_valid("91350100O000100Y43"));  /* O for 0 */
    assert_false(credit_code_valid("91350100M000100S43"));  /* S is not in the alphabet */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_standard_example),
        cmocka_unit_test(test_published_codes),
        cmocka_unit_test(test_sum_divisible),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
