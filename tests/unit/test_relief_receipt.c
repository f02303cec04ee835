/*
 * test_relief_receipt.c: unit tests for src/pdf/relief_receipt.c. Renders receipts (领款凭证)
 * and sign-for lists (签领表) built in memory and checks what a reader sees with poppler: the
 * number, the masked ID (never the full one), the amount in figures and in 大写, the people, the
 * 作废 and 补打 marks, pages and their sizes, page numbers, and the list's total without the
 * voided receipts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "money.h"
#include "pdf_check.h"
#include "relief_receipt.h"

#define FULL_ID "37040619800101123X"
#define MASKED_ID "370406********123X"

/* A receipt numbered 西集-2026-<seq> for amount fen. */
static struct relief_receipt sample(int seq, int64_t amount_fen)
{
    struct relief_receipt r = {.amount_fen = amount_fen};
    snprintf(r.receipt_no, sizeof r.receipt_no, "西集-2026-%06d", seq);
    snprintf(r.payer, sizeof r.payer, "西集镇计划生育协会");
    snprintf(r.township, sizeof r.township, "西集镇");
    snprintf(r.village, sizeof r.village, "东马坊村");
    snprintf(r.paid_on, sizeof r.paid_on, "2026-03-15");
    snprintf(r.recipient, sizeof r.recipient, "王秀英");
    snprintf(r.id_number, sizeof r.id_number, FULL_ID);
    snprintf(r.category, sizeof r.category, "春节走访慰问");
    snprintf(r.fund, sizeof r.fund, "人口和计划生育公益金");
    snprintf(r.method, sizeof r.method, "cash");
    snprintf(r.handler, sizeof r.handler, "李会计");
    snprintf(r.reviewer, sizeof r.reviewer, "张审核");
    snprintf(r.approver, sizeof r.approver, "赵主任");
    return r;
}

/* Writes a rendered PDF (len and err are read after the call that fills them) to /tmp and returns
   its path (static buffer); frees the bytes. */
static const char *keep(char *pdf, const size_t *len, const char *const *err, const char *tag)
{
    if (!pdf)
        fail_msg("render: %s", *err);
    const char *path = pdf_check_write(pdf, *len, tag);
    return path;
}

/* The text of pages first..last (0: to the end) of path in layout mode (malloc'd), without its
   spaces: poppler drops those between Chinese characters and pads columns with them, so the
   tests look for text without spaces. */
static char *text_of(const char *path, int first, int last)
{
    char *t = last ? pdf_check_run("pdftotext -q -layout -f %d -l %d %s -", first, last, path)
                   : pdf_check_run("pdftotext -q -layout %s -", path);
    char *o = t;
    for (const char *s = t; *s; s++)
        if (*s != ' ')
            *o++ = *s;
    *o = '\0';
    return t;
}

/* Renders one receipt in A5 and returns its text (malloc'd); *stamped tells whether it carries
   the big 作废 stamp (its two characters each more than 40 pt high). */
static char *one_receipt_text(const struct relief_receipt *r, const struct receipt_print *print, int *stamped)
{
    const struct relief_receipt *list[1] = {r};
    const char *err = NULL;
    size_t len;
    const char *path = keep(receipt_pdf(list, 1, RECEIPT_A5, print, &len, &err), &len, &err, "receipt");
    char *text = text_of(path, 0, 0);
    double a[4], b[4];
    *stamped = pdf_check_word_box(path, "作", a) && pdf_check_word_box(path, "废", b) && a[3] - a[1] > 40 && b[3] - b[1] > 40;
    pdf_check_drop(path);
    return text;
}

static void test_receipt_shows_every_field(void **state)
{
    (void)state;
    struct relief_receipt r = sample(123, 100000);
    int stamped;
    char *t = one_receipt_text(&r, NULL, &stamped);
    const char *want[] = {"计划生育困难家庭救助领款凭证", "西集-2026-000123", "付款单位：西集镇计划生育协会",
                          "2026年3月15日", "王秀英", MASKED_ID, "东马坊村", "春节走访慰问", "¥1,000.00",
                          "人民币壹仟元整", "人口和计划生育公益金", "现金", "审批人：赵主任",
                          "审核人：张审核", "经办人：李会计", "领款人签字", "按手印", "第一联"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!strstr(t, want[i]))
            fail_msg("missing %s in:\n%s", want[i], t);
    assert_null(strstr(t, FULL_ID));
    assert_null(strstr(t, "作废"));
    assert_false(stamped);
    assert_null(strstr(t, "补打"));
    free(t);

    snprintf(r.method, sizeof r.method, "bank");
    t = one_receipt_text(&r, NULL, &stamped);
    assert_non_null(strstr(t, "银行转账"));
    free(t);
}

static void test_receipt_amount_in_capitals(void **state)
{
    (void)state;
    static const struct {
        int64_t fen;
        const char *figures, *capital;
    } cases[] = {
        {100000, "¥1,000.00", "人民币壹仟元整"},
        {100500, "¥1,005.00", "人民币壹仟零伍元整"},
        {5, "¥0.05", "人民币伍分"},
        {10000010, "¥100,000.10", "人民币壹拾万元壹角整"},
        {168032, "¥1,680.32", "人民币壹仟陆佰捌拾元叁角贰分"},
        {MONEY_MAX_FEN, "¥999,999,999,999.99", "人民币玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct relief_receipt r = sample(200 + (int)i, cases[i].fen);
        int stamped;
        char *t = one_receipt_text(&r, NULL, &stamped);
        if (!strstr(t, cases[i].figures) || !strstr(t, cases[i].capital))
            fail_msg("amount %lld: want %s and %s in:\n%s", (long long)cases[i].fen, cases[i].figures,
                     cases[i].capital, t);
        free(t);
    }
}

/* Fails unless the character ch (a name of NAME_MAX_CHARS of it) occurs exactly NAME_MAX_CHARS
   times in t: the name printed whole, not cut. */
static void assert_printed_whole(const char *t, const char *ch)
{
    int n = 0;
    for (const char *s = strstr(t, ch); s; s = strstr(s + 1, ch))
        n++;
    if (n != NAME_MAX_CHARS)
        fail_msg("%s printed %d times, want %d, in:\n%s", ch, n, NAME_MAX_CHARS, t);
}

/* Names of the maximum length (30 characters; the payer is the township's name and 计划生育协会)
   print whole, shrunk to their cells. */
static void test_receipt_longest_names(void **state)
{
    (void)state;
    struct relief_receipt r = sample(124, 100000);
    r.recipient[0] = r.village[0] = r.township[0] = r.handler[0] = '\0';
    for (int i = 0; i < NAME_MAX_CHARS; i++) {
        strcat(r.recipient, "鑫");
        strcat(r.village, "淼");
        strcat(r.handler, "焱");
    }
    int stamped;
    char *t = one_receipt_text(&r, NULL, &stamped);
    for (const char *ch[] = {"鑫", "淼", "焱"}, **c = ch; c < ch + 3; c++)
        assert_printed_whole(t, *c);
    free(t);
}

static void test_void_and_reprint_marks(void **state)
{
    (void)state;
    struct relief_receipt r = sample(124, 100500);
    r.voided = 1;
    snprintf(r.void_reason, sizeof r.void_reason, "金额录入错误");
    snprintf(r.voided_on, sizeof r.voided_on, "2026-03-20 10:11:12");
    int stamped;
    char *t = one_receipt_text(&r, NULL, &stamped);
    assert_non_null(strstr(t, "西集-2026-000124")); /* the number stays */
    assert_true(stamped);
    assert_non_null(strstr(t, "本凭证已于2026年3月20日作废，作废原因：金额录入错误"));
    assert_null(strstr(t, "补打"));
    free(t);

    r = sample(125, 100000);
    const struct receipt_print first = {1, "2026-03-16", "李会计"}, second = {2, "2026-12-05", "李会计"};
    t = one_receipt_text(&r, &first, &stamped); /* the first print is the original */
    assert_null(strstr(t, "补打"));
    free(t);
    t = one_receipt_text(&r, &second, &stamped);
    assert_non_null(strstr(t, "补打·第2次打印·2026年12月5日·操作员李会计"));
    assert_non_null(strstr(t, "西集-2026-000125"));
    assert_null(strstr(t, "作废"));
    assert_false(stamped);
    free(t);
}

static void test_batch_pages(void **state)
{
    (void)state;
    struct relief_receipt r[3] = {sample(301, 100000), sample(302, 50000), sample(303, 20000)};
    const struct relief_receipt *list[3] = {&r[0], &r[1], &r[2]};
    const char *err = NULL;
    size_t len;

    const char *path = keep(receipt_pdf(list, 3, RECEIPT_A5, NULL, &len, &err), &len, &err, "a5");
    char *info = pdf_check_run("pdfinfo -f 1 -l 3 %s", path);
    assert_non_null(strstr(info, "Pages:           3"));
    assert_non_null(strstr(info, "Page    3 size:  595.276 x 419.528 pts"));
    free(info);
    for (int page = 1; page <= 3; page++) { /* one receipt a page, in order */
        char *t = text_of(path, page, page), no[32];
        snprintf(no, sizeof no, "西集-2026-%06d", 300 + page);
        assert_non_null(strstr(t, no));
        assert_int_equal(strstr(t, "领款凭证") != NULL, 1);
        free(t);
    }
    pdf_check_drop(path);

    path = keep(receipt_pdf(list, 3, RECEIPT_A4_TWO, NULL, &len, &err), &len, &err, "a4two");
    info = pdf_check_run("pdfinfo -f 1 -l 2 %s", path);
    assert_non_null(strstr(info, "Pages:           2"));
    assert_non_null(strstr(info, "Page    1 size:  595.276 x 841.89 pts (A4)"));
    free(info);
    char *t = text_of(path, 1, 1);
    assert_non_null(strstr(t, "西集-2026-000301"));
    assert_non_null(strstr(t, "西集-2026-000302"));
    assert_non_null(strstr(t, "沿虚线剪开"));
    assert_null(strstr(t, "西集-2026-000303"));
    free(t);
    t = text_of(path, 2, 2);
    assert_non_null(strstr(t, "西集-2026-000303"));
    free(t);
    pdf_check_drop(path);

    assert_null(receipt_pdf(list, 0, RECEIPT_A5, NULL, &len, &err));
    assert_string_equal(err, "没有可打印的领款凭证");
}

/* Renders a sign-for list of n receipts (amounts 1,000.00 + 5.00 * i; those whose index is in
   voided[] void) and returns the path of the PDF. */
static const char *signlist(int n, const int *voided, int nvoided, struct relief_receipt *r,
                            const struct relief_receipt **list)
{
    for (int i = 0; i < n; i++) {
        r[i] = sample(1000 + i, 100000 + 500 * i);
        list[i] = &r[i];
    }
    for (int k = 0; k < nvoided; k++)
        r[voided[k]].voided = 1;
    const char *err = NULL;
    size_t len;
    return keep(signlist_pdf("2026年春节走访慰问（西集镇）", list, n, &len, &err), &len, &err, "signlist");
}

/* The page count pdfinfo reports for path. */
static int pages_of(const char *path)
{
    char *info = pdf_check_run("pdfinfo %s", path);
    const char *at = strstr(info, "Pages:");
    assert_non_null(at);
    int n = atoi(at + 6);
    free(info);
    return n;
}

static void test_signlist_of_60(void **state)
{
    (void)state;
    static struct relief_receipt r[60];
    const struct relief_receipt *list[60];
    const int voided[] = {1, 40};
    const char *path = signlist(60, voided, 2, r, list);
    assert_int_equal(pages_of(path), 4); /* 16 rows a page; the last has 12 and the total */
    for (int page = 1; page <= 4; page++) {
        char *t = text_of(path, page, page), want[40];
        snprintf(want, sizeof want, "第%d页共4页", page);
        assert_non_null(strstr(t, want));
        assert_non_null(strstr(t, "2026年春节走访慰问（西集镇）"));
        const char *heads[] = {"序号", "凭证号", "村", "户主姓名", "身份证号", "金额（元）", "领款人签字", "日期"};
        for (size_t c = 0; c < sizeof heads / sizeof *heads; c++)
            assert_non_null(strstr(t, heads[c]));
        assert_non_null(strstr(t, MASKED_ID));
        assert_null(strstr(t, FULL_ID));
        assert_int_equal(strstr(t, "合计") != NULL, page == 4);
        free(t);
    }
    char *t = text_of(path, 0, 0);
    assert_non_null(strstr(t, "西集-2026-001000"));
    assert_non_null(strstr(t, "西集-2026-001059"));
    assert_non_null(strstr(t, "1,295.00"));
    /* 60 x 1,000.00 + 5.00 x (0 + ... + 59) = 68,850.00, less the void 1,005.00 and 1,200.00 */
    assert_non_null(strstr(t, "合计：58户"));
    assert_non_null(strstr(t, "66,645.00"));
    assert_non_null(strstr(t, "合计金额（大写）：人民币陆万陆仟陆佰肆拾伍元整"));
    assert_non_null(strstr(t, "另有作废凭证2张，不计入合计"));
    assert_non_null(strstr(t, "作废"));
    free(t);
    pdf_check_drop(path);
}

static void test_signlist_page_breaks(void **state)
{
    (void)state;
    static struct relief_receipt r[32];
    const struct relief_receipt *list[32];
    /* the two total rows stay together on the last page: 14 rows fit with them, 15 do not */
    const struct {
        int n, pages;
    } cases[] = {{0, 1}, {1, 1}, {14, 1}, {15, 2}, {16, 2}, {30, 2}, {31, 3}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *path = signlist(cases[i].n, NULL, 0, r, list);
        if (pages_of(path) != cases[i].pages)
            fail_msg("%d rows: %d pages, want %d", cases[i].n, pages_of(path), cases[i].pages);
        char *t = text_of(path, cases[i].pages, cases[i].pages);
        assert_non_null(strstr(t, "合计金额（大写）"));
        if (cases[i].n == 0) {
            assert_non_null(strstr(t, "合计：0户"));
            assert_non_null(strstr(t, "人民币零元整"));
        }
        free(t);
        pdf_check_drop(path);
    }
}

/* The sign list's total at the longest 大写: two receipts adding up to MONEY_MAX_FEN
   (999,999,999,899.99 + 100.00 = 999,999,999,999.99) print the total whole in figures and 大写. */
static void test_signlist_longest_capital(void **state)
{
    (void)state;
    static struct relief_receipt r[2];
    r[0] = sample(2000, MONEY_MAX_FEN - 10000);
    r[1] = sample(2001, 10000);
    const struct relief_receipt *list[2] = {&r[0], &r[1]};
    const char *err = NULL;
    size_t len;
    const char *path = keep(signlist_pdf("2026年春节走访慰问（西集镇）", list, 2, &len, &err), &len, &err, "signlist_max");
    char *t = text_of(path, 0, 0);
    assert_non_null(strstr(t, "合计：2户"));
    assert_non_null(strstr(t, "999,999,999,999.99"));
    if (!strstr(t, "合计金额（大写）：人民币玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"))
        fail_msg("the longest 大写 total is not whole in:\n%s", t);
    free(t);
    pdf_check_drop(path);
}

/* The sign list at its limits: a head and a village of the maximum length (30 characters)
   print whole in their columns, every character once. */
static void test_signlist_longest_names(void **state)
{
    (void)state;
    static struct relief_receipt r[1];
    r[0] = sample(2100, 100000);
    r[0].recipient[0] = r[0].village[0] = '\0';
    for (int i = 0; i < NAME_MAX_CHARS; i++) {
        strcat(r[0].recipient, "鑫");
        strcat(r[0].village, "淼");
    }
    const struct relief_receipt *list[1] = {&r[0]};
    const char *err = NULL;
    size_t len;
    const char *path = keep(signlist_pdf("2026年春节走访慰问（西集镇）", list, 1, &len, &err), &len, &err, "signlist_names");
    char *t = text_of(path, 0, 0);
    for (const char *ch[] = {"鑫", "淼"}, **c = ch; c < ch + 2; c++)
        assert_printed_whole(t, *c);
    free(t);
    pdf_check_drop(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_receipt_shows_every_field), cmocka_unit_test(test_receipt_amount_in_capitals),
        cmocka_unit_test(test_receipt_longest_names),
        cmocka_unit_test(test_void_and_reprint_marks),    cmocka_unit_test(test_batch_pages),
        cmocka_unit_test(test_signlist_of_60),            cmocka_unit_test(test_signlist_page_breaks),
        cmocka_unit_test(test_signlist_longest_capital),
        cmocka_unit_test(test_signlist_longest_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
