/* Unit tests for the 贴息申报表 (subsidy_doc.c) and the quarterly report (quarterly_doc.c) at their
   limits: the longest 大写 (MONEY_MAX_FEN) and names, villages and contract numbers of the maximum
   length print whole; an amount that has no 大写 makes the document fail, never print it empty. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "money.h"
#include "pdf_check.h"
#include "quarterly_doc.h"
#include "subsidy_doc.h"

#define MAX_CAPITAL "人民币玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"

/* n copies of a UTF-8 character into out (NAME_SIZE or larger). */
static char *repeat(char *out, size_t size, const char *ch, int n)
{
    out[0] = '\0';
    for (int i = 0; i < n; i++)
        assert_true(strlen(out) + strlen(ch) < size && strcat(out, ch));
    return out;
}

/* The PDF's text (malloc'd) without white space: poppler breaks lines and pads columns. */
static char *text_of(char *pdf, size_t len, const char *tag)
{
    const char *path = pdf_check_write(pdf, len, tag);
    char *t = pdf_check_run("pdftotext -q %s -", path);
    pdf_check_drop(path);
    char *o = t;
    for (const char *s = t; *s; s++)
        if (*s != ' ' && *s != '\n' && *s != '\f')
            *o++ = *s;
    *o = '\0';
    return t;
}

/* Number of times needle occurs in hay. */
static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *s = strstr(hay, needle); s; s = strstr(s + strlen(needle), needle))
        n++;
    return n;
}

/* A claim row with the longest name (30 × 鑫), village (30 × 淼) and contract number (50 × 9). */
static struct subsidy_row long_row(void)
{
    struct subsidy_row r = {.loan_id = 1, .rate_micro = 4350000, .interest_paid_fen = 98765, .late_interest_fen = 100,
                            .eligible_interest_fen = 98665, .subsidy_fen = 49898, .excluded = SUBSIDY_LATE};
    repeat(r.applicant, sizeof r.applicant, "鑫", NAME_MAX_CHARS);
    repeat(r.village, sizeof r.village, "淼", NAME_MAX_CHARS);
    repeat(r.contract_no, sizeof r.contract_no, "9", CONTRACT_NO_MAX_CHARS);
    return r;
}

static void test_subsidy_doc_at_its_limits(void **state)
{
    (void)state;
    struct subsidy_row rows[2] = {long_row(), long_row()};
    struct subsidy_doc d = {.quarter = "2026Q2", .nrows = 2, .rows = rows,
                            .totals = {2, 197530, 197330, MONEY_MAX_FEN}};
    repeat(d.unit, sizeof d.unit, "垚", NAME_MAX_CHARS);
    char *pdf = NULL;
    size_t len = 0;
    const char *err = NULL;
    assert_int_equal(report_subsidy(&d, (struct date){2026, 7, 3}, &pdf, &len, &err), 0);
    char *t = text_of(pdf, len, "subsidy_limits");
    /* Every character of every name is printed (wrapped in its cell, none cut). */
    assert_int_equal(count(t, "鑫"), 2 * NAME_MAX_CHARS);
    assert_int_equal(count(t, "淼"), 2 * NAME_MAX_CHARS);
    assert_int_equal(count(t, "垚"), NAME_MAX_CHARS);
    assert_non_null(strstr(t, "申请贴息金额（大写）：" MAX_CAPITAL));
    assert_non_null(strstr(t, "999,999,999,999.99"));
    assert_non_null(strstr(t, "逾期归还的利息1.00元不贴息"));
    free(t);
    /* Beyond MONEY_MAX_FEN there is no 大写: the document fails instead of printing it empty. */
    d.totals.subsidy_fen = MONEY_MAX_FEN + 1;
    pdf = NULL;
    assert_int_equal(report_subsidy(&d, (struct date){2026, 7, 3}, &pdf, &len, &err), -1);
    assert_null(pdf);
    assert_non_null(err);
}

/* The 1,076.57 of the issue: 人民币壹仟零柒拾陆元伍角柒分 (42 bytes) printed whole. */
static void test_subsidy_doc_issue_amount(void **state)
{
    (void)state;
    struct subsidy_row rows[1] = {long_row()};
    struct subsidy_doc d = {.quarter = "2026Q2", .unit = "西集镇", .nrows = 1, .rows = rows,
                            .totals = {1, 98765, 98665, 107657}};
    char *pdf = NULL;
    size_t len = 0;
    const char *err = NULL;
    assert_int_equal(report_subsidy(&d, (struct date){2026, 7, 3}, &pdf, &len, &err), 0);
    char *t = text_of(pdf, len, "subsidy_issue");
    assert_non_null(strstr(t, "申请贴息金额（大写）：人民币壹仟零柒拾陆元伍角柒分"));
    free(t);
}

static void test_quarterly_doc_at_its_limits(void **state)
{
    (void)state;
    struct subsidy_row rows[1] = {long_row()};
    static struct quarterly_doc d;
    memset(&d, 0, sizeof d);
    snprintf(d.quarter, sizeof d.quarter, "2026Q3");
    snprintf(d.from, sizeof d.from, "2026-07-01");
    snprintf(d.to, sizeof d.to, "2026-09-30");
    repeat(d.unit, sizeof d.unit, "垚", NAME_MAX_CHARS);
    for (int i = 0; i < QUARTERLY_MONTHS; i++)
        snprintf(d.months[i].month, sizeof d.months[i].month, "2025-%02d", i + 1);
    d.nclaims = 1;
    d.claims = rows;
    d.claim = (struct subsidy_totals){1, 98765, 98665, MONEY_MAX_FEN};
    char *pdf = NULL;
    size_t len = 0;
    const char *err = NULL;
    assert_int_equal(report_quarterly(&d, (struct date){2026, 10, 8}, &pdf, &len, &err), 0);
    char *t = text_of(pdf, len, "quarterly_limits");
    assert_non_null(strstr(t, "申请贴息金额（大写）：" MAX_CAPITAL));
    assert_int_equal(count(t, "垚"), NAME_MAX_CHARS); /* the title, shrunk to fit the page, whole */
    free(t);
    d.claim.subsidy_fen = -1;
    pdf = NULL;
    assert_int_equal(report_quarterly(&d, (struct date){2026, 10, 8}, &pdf, &len, &err), -1);
    assert_null(pdf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_subsidy_doc_at_its_limits),
                                       cmocka_unit_test(test_subsidy_doc_issue_amount),
                                       cmocka_unit_test(test_quarterly_doc_at_its_limits)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
