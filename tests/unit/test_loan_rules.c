/* Unit tests for the loan application state machine and the review-round outcome (loan_rules.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "loan_rules.h"

static void test_actions_by_state(void **state)
{
    /* documents and submission only before or between review rounds */
    for (int s = 0; s < LS__MAX; s++) {
        int before_review = s == LS_DRAFT || s == LS_MORE_INFO;
        assert_int_equal(loan_action_allowed(LA_EDIT_DOCUMENTS, (enum loan_state)s), before_review);
        assert_int_equal(loan_action_allowed(LA_SUBMIT, (enum loan_state)s), before_review);
        assert_int_equal(loan_action_allowed(LA_REVIEW, (enum loan_state)s), s == LS_IN_REVIEW);
        assert_int_equal(loan_action_allowed(LA_GUARANTEE, (enum loan_state)s), s == LS_APPROVED);
        assert_int_equal(loan_action_allowed(LA_DISBURSE, (enum loan_state)s), s == LS_GUARANTEED);
        /* edited before submission; withdrawn (撤回) only before a decision */
        assert_int_equal(loan_action_allowed(LA_EDIT, (enum loan_state)s), before_review);
        assert_int_equal(loan_action_allowed(LA_WITHDRAW, (enum loan_state)s), before_review || s == LS_IN_REVIEW);
        for (int a = 0; a < LA__MAX; a++)
            assert_true((loan_action_refusal((enum loan_action)a, (enum loan_state)s) == NULL) ==
                        loan_action_allowed((enum loan_action)a, (enum loan_state)s));
    }
    assert_false(loan_action_allowed(LA__MAX, LS_DRAFT));
    assert_false(loan_action_allowed(LA_SUBMIT, LS__MAX));
}

static void test_round_outcome(void **state)
{
    enum review_decision d[3] = {RD_APPROVE, RD_APPROVE, RD_APPROVE};
    assert_int_equal(loan_round_outcome(d, 0, 3), LS_IN_REVIEW);
    d[0] = RD_APPROVE;
    assert_int_equal(loan_round_outcome(d, 1, 3), LS_IN_REVIEW);
    d[1] = RD_APPROVE;
    assert_int_equal(loan_round_outcome(d, 2, 3), LS_IN_REVIEW);
    d[2] = RD_APPROVE;
    assert_int_equal(loan_round_outcome(d, 3, 3), LS_APPROVED);
    d[1] = RD_MORE_INFO;
    assert_int_equal(loan_round_outcome(d, 2, 3), LS_MORE_INFO); /* more information sends it back at once */
    d[2] = RD_REJECT;
    assert_int_equal(loan_round_outcome(d, 3, 3), LS_REJECTED); /* any reject wins over more information */
    d[0] = RD_REJECT;
    assert_int_equal(loan_round_outcome(d, 1, 3), LS_REJECTED);
    assert_int_equal(loan_round_outcome(d, 0, 0), LS_IN_REVIEW); /* no departments: never approved by default */
}

static void test_codes_round_trip(void **state)
{
    for (int s = 0; s < LS__MAX; s++)
        assert_int_equal(loan_state_parse(loan_state_code((enum loan_state)s)), s);
    for (int d = 0; d < LD__MAX; d++)
        assert_int_equal(loan_doc_parse(loan_doc_code((enum loan_doc)d)), d);
    for (int p = 0; p < PT__MAX; p++) {
        assert_int_equal(project_type_parse(project_type_code((enum project_type)p)), p);
        assert_int_equal(project_type_parse(project_type_name((enum project_type)p)), p);
    }
    for (int d = 0; d < RD__MAX; d++)
        assert_int_equal(review_decision_parse(review_decision_code((enum review_decision)d)), d);
    assert_int_equal(loan_state_parse("paid"), -1);
    assert_int_equal(loan_doc_parse(NULL), -1);
    assert_string_equal(loan_doc_name(LD_FAMILY_PLANNING), "计划生育证明");
    assert_true(loan_state_open(LS_GUARANTEED));
    assert_false(loan_state_open(LS_REJECTED));
    assert_false(loan_state_open(LS_WITHDRAWN)); /* a withdrawn application frees the household */
    assert_string_equal(loan_state_name(LS_WITHDRAWN), "已撤回");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_actions_by_state),
        cmocka_unit_test(test_round_outcome),
        cmocka_unit_test(test_codes_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
