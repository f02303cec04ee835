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
#include "table_doc.h"

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
    snprintf(d.quarter, sizeof d.quarter, "2026年第三季度");
    snprintf(d.maker, sizeof d.maker, "张三");
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

/* A ledger of n entries of 1.00 each (balance after entry i: i yuan) and two total rows. */
static char *ledger_text(int n, int landscape)
{
    static char cells[200][3][32];
    static const char *texts[200 * 3];
    static int64_t fen[200 * 3];
    assert_true(n + 2 <= 200);
    for (int i = 0; i < n + 2; i++) {
        int entry = i < n;
        snprintf(cells[i][0], 32, entry ? "第%d行" : i == n ? "本期收入合计" : "期末余额", i + 1);
        snprintf(cells[i][1], 32, "%s", entry || i == n ? "1.00" : "");
        if (i == n)
            snprintf(cells[i][1], 32, "%d.00", n);
        snprintf(cells[i][2], 32, i == n ? "" : "%d.00", entry ? i + 1 : n);
        for (int c = 0; c < 3; c++)
            texts[i * 3 + c] = cells[i][c];
        fen[i * 3 + 1] = entry ? 100 : 0;
        fen[i * 3 + 2] = entry ? (int64_t)(i + 1) * 100 : 0;
    }
    struct table_doc d = {.title = "明细账", .ncols = 3, .heads = {"摘要", "收入（元）", "余额（元）"}, .right = {0, 1, 1},
                          .nrows = n + 2, .cells = texts, .total_rows = 2, .landscape = landscape,
                          .carry = {CARRY_NONE, CARRY_SUM, CARRY_BALANCE}, .fen = fen, .maker = "张三",
                          .made = {2026, 12, 5}};
    char *pdf = NULL;
    size_t len = 0;
    const char *err = NULL;
    assert_int_equal(report_table(&d, &pdf, &len, &err), 0);
    const char *path = pdf_check_write(pdf, len, "ledger");
    char *t = pdf_check_run("pdftotext -q -layout %s -", path);
    pdf_check_drop(path);
    return t;
}

/* The carry rows of a ledger, by hand: every entry is 1.00, so a page's 本页小计 is the number
   of entries on it, and 过次页 (and the next page's 承前页) the entries so far and, as the
   balance, the same number of yuan. The totals stay with the last entry, the signatures end it. */
static void test_ledger_carries(void **state)
{
    (void)state;
    char *t = ledger_text(100, 0);
    int pages = count(t, "\f"), so_far = 0, seen = 0;
    assert_true(pages >= 3);
    for (char *page = t, *next; page && *page; page = next ? next + 1 : NULL) {
        next = strchr(page, '\f');
        if (next)
            *next = '\0';
        int carried = 0, sub = 0, total = 0, balance = 0;
        char *at = strstr(page, "承前页");
        if (seen) {
            assert_non_null(at);
            assert_int_equal(sscanf(at + strlen("承前页"), " %d.00 %d.00", &carried, &balance), 2);
            assert_int_equal(carried, so_far);
            assert_int_equal(balance, so_far);
        } else {
            assert_null(at);
        }
        at = strstr(page, "本页小计");
        assert_non_null(at);
        assert_int_equal(sscanf(at + strlen("本页小计"), " %d.00", &sub), 1);
        so_far += sub;
        at = strstr(page, "过次页");
        if (so_far < 100) {
            assert_non_null(at);
            assert_int_equal(sscanf(at + strlen("过次页"), " %d.00 %d.00", &total, &balance), 2);
            assert_int_equal(total, so_far);
            assert_int_equal(balance, so_far);
        } else {
            assert_null(at);
            assert_non_null(strstr(page, "本期收入合计"));
            assert_non_null(strstr(page, "第100行"));
            assert_non_null(strstr(page, "制表人：张三"));
            assert_non_null(strstr(page, "制表日期：2026年12月5日"));
        }
        seen++;
    }
    assert_int_equal(so_far, 100);
    assert_int_equal(seen, pages);
    free(t);
}

/* Whatever the number of entries, the totals are printed on the page of the last entry. */
static void test_totals_never_alone(void **state)
{
    (void)state;
    for (int n = 15; n <= 60; n++) {
        char *t = ledger_text(n, 1), last[32];
        snprintf(last, sizeof last, "第%d行", n);
        char *total = strstr(t, "本期收入合计"), *entry = strstr(t, last);
        assert_non_null(total);
        assert_non_null(entry);
        for (char *s = entry; s < total; s++)
            if (*s == '\f')
                fail_msg("%d entries: the totals start a page without an entry", n);
        free(t);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_subsidy_doc_at_its_limits),
                                       cmocka_unit_test(test_subsidy_doc_issue_amount),
                                       cmocka_unit_test(test_quarterly_doc_at_its_limits),
                                       cmocka_unit_test(test_ledger_carries),
                                       cmocka_unit_test(test_totals_never_alone)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
