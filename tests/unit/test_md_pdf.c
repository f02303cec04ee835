/*
 * test_md_pdf.c: unit tests for src/pdf/md_pdf.c, read back with poppler (pdftotext): every kind
 * of block and inline from cmark's tree, links as text with the address (never a javascript:
 * one), raw HTML left out, Chinese and Latin line breaking, text flowing over numbered pages, and
 * hostile input (deep nesting, 1 MB of text, malformed UTF-8, a megabyte without a space) that
 * still gives a PDF in bounded time. The times are printed (docs/performance.md).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "md_pdf.h"
#include "pdf_check.h"

/* Seconds since an arbitrary start. */
static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Renders markdown (len bytes) with a title and returns pdftotext's output with the options
   (malloc'd); *seconds (if not NULL) gets the rendering time, *pages (if not NULL) the number of
   pages. */
static char *render(const char *tag, const char *title, const char *md, size_t len, const char *pdftotext_options,
                    double *seconds, int *pages)
{
    struct md_pdf_doc d = {title, "西集镇 · 2026-11-23 起", md, len, "西集镇计划生育协会\n2026年11月23日", 0};
    char *pdf = NULL;
    size_t n = 0;
    const char *err = NULL;
    double t0 = now();
    int rc = md_pdf_render(&d, &pdf, &n, &err);
    if (seconds)
        *seconds = now() - t0;
    if (rc != 0)
        fail_msg("md_pdf_render: %s", err);
    const char *path = pdf_check_write(pdf, n, tag);
    char *text = pdf_check_run("pdftotext -q %s %s -", pdftotext_options, path);
    if (pages) {
        char *info = pdf_check_run("pdfinfo %s", path), *p = strstr(info, "Pages:");
        assert_non_null(p);
        *pages = atoi(p + 6);
        free(info);
    }
    pdf_check_drop(path);
    return text;
}

/* Fails unless every string of the NULL-terminated list is in text. */
static void has_all(const char *text, const char *const *list)
{
    for (; *list; list++)
        if (!strstr(text, *list))
            fail_msg("\"%s\" not in the PDF text:\n%s", *list, text);
}

/* Fails if any string of the NULL-terminated list is in text. */
static void has_none(const char *text, const char *const *list)
{
    for (; *list; list++)
        if (strstr(text, *list))
            fail_msg("\"%s\" is in the PDF text", *list);
}

static const char sample[] = "为帮助计生家庭发展生产，现将**计生信贷助富**贷款有关事项公告如下。\n"
                             "\n"
                             "## 一、申请条件\n"
                             "\n"
                             "1. 符合*计划生育政策*；\n"
                             "2. 有创业方案；\n"
                             "\n"
                             "- 金额 `20,000` 至 200,000 元\n"
                             "  - 第二层\n"
                             "\n"
                             "> 不收取任何费用。\n"
                             "\n"
                             "详见 [区协会网站](https://example.gov.cn/loan) 或 <https://example.gov.cn>，"
                             "[别点](javascript:alert(1))，[也别点](JavaScript:alert(2))。\n"
                             "\n"
                             "```\n"
                             "材料:\n"
                             "  身份证\n"
                             "```\n"
                             "\n"
                             "***\n"
                             "\n"
                             "<div onclick=\"x()\">原始HTML块</div>\n"
                             "\n"
                             "行内<b>标签</b>与图片 ![说明文字](http://x/y.png)。第一行  \n"
                             "硬换行之后\n";

static void test_blocks_and_inlines(void **state)
{
    (void)state;
    char *text = render("blocks", "关于计生信贷助富贷款的公告", sample, strlen(sample), "", NULL, NULL);
    static const char *const expected[] = {"关于计生信贷助富贷款的公告",
                                           "西集镇 · 2026-11-23 起",
                                           "计生信贷助富",
                                           "一、申请条件",
                                           "1.",
                                           "2.",
                                           "符合计划生育政策",
                                           "20,000",
                                           "第二层",
                                           "不收取任何费用",
                                           "区协会网站",
                                           "(https://example.gov.cn/loan)",
                                           "别点",
                                           "也别点",
                                           "身份证",
                                           "标签",
                                           "[图片：说明文字]",
                                           "硬换行之后",
                                           "西集镇计划生育协会",
                                           "2026年11月23日",
                                           NULL};
    has_all(text, expected);
    static const char *const absent[] = {"javascript", "JavaScript", "onclick", "原始HTML块", "<b>", NULL};
    has_none(text, absent);
    /* an autolink is printed once, not followed by itself */
    assert_null(strstr(text, "https://example.gov.cn (https://example.gov.cn)"));
    assert_int_equal(pdf_check_pages(text), 1);
    free(text);
}

static void test_line_breaking(void **state)
{
    (void)state;
    char md[8192] = "";
    for (int i = 0; i < 12; i++)
        strcat(md, "计生信贷助富项目帮助计划生育家庭发展生产，增收致富。");
    strcat(md, "\n\nThe credit union lends to households with a business plan and a project implementation plan "
               "after the joint review, and the association guarantees every approved loan.\n");
    char *text = render("breaking", "断行", md, strlen(md), "-layout", NULL, NULL);
    /* no line starts with closing punctuation */
    for (const char *line = text; *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : line + strlen(line)) {
        const char *p = line + strspn(line, " ");
        assert_false(strncmp(p, "，", 3) == 0 || strncmp(p, "。", 3) == 0);
    }
    /* Latin words stay whole; the Chinese paragraph took several lines and lost nothing */
    static const char *const words[] = {"implementation", "association", "guarantees", "approved", NULL};
    has_all(text, words);
    int lines = 0, found = 0;
    char *o = text;
    for (const char *p = text; *p; p++) {
        lines += *p == '\n' && strstr(text, "增收") < p && !found;
        if (*p != '\n' && *p != ' ')
            *o++ = *p;
        found |= strncmp(p, "The credit", 10) == 0;
    }
    *o = '\0';
    for (const char *p = text; (p = strstr(p, "增收致富")); p++)
        found++;
    assert_int_equal(found, 13); /* 12, and 1 for having seen the Latin paragraph */
    assert_true(lines >= 8);
    free(text);
}

static void test_pages_are_numbered(void **state)
{
    (void)state;
    size_t cap = 200000, len = 0;
    char *md = malloc(cap);
    assert_non_null(md);
    for (int i = 1; i <= 300; i++)
        len += (size_t)snprintf(md + len, cap - len, "第%d段：借款人按合同约定按期还款，逾期的按日计收罚息。\n\n", i);
    char *text = render("pages", "很长的公告", md, len, "", NULL, NULL);
    int pages = pdf_check_pages(text);
    assert_true(pages > 5);
    char foot[64];
    for (int i = 1; i <= pages; i++) { /* pdftotext may drop the spaces of the footer */
        snprintf(foot, sizeof foot, "第 %d 页 / 共 %d 页", i, pages);
        char tight[64];
        snprintf(tight, sizeof tight, "第%d页/共%d页", i, pages);
        if (!strstr(text, foot) && !strstr(text, tight))
            fail_msg("no footer %s", foot);
    }
    assert_non_null(strstr(text, "第300段"));
    free(text);
    free(md);
}

/* Renders md and fails unless it gives a PDF within `limit` seconds; prints the time and returns
   the text of the first two pages (malloc'd) and the number of pages in *pages. */
static char *hostile(const char *tag, const char *md, size_t len, double limit, int *pages)
{
    double s;
    int n;
    char *text = render(tag, "恶意输入", md, len, "-f 1 -l 2", &s, &n);
    printf("md_pdf %-12s %8zu bytes %7.0f ms %5d pages\n", tag, len, s * 1000, n);
    assert_true(s < limit);
    if (pages)
        *pages = n;
    return text;
}

static void test_hostile_input(void **state)
{
    (void)state;
    size_t n = 200000, len;
    char *md = malloc(n + 64);
    assert_non_null(md);
    /* 100,000 nested quotes, 50,000 nested lists */
    memset(md, '>', 100000);
    strcpy(md + 100000, " 深层引用\n");
    char *text = hostile("quotes", md, strlen(md), 20, NULL);
    assert_non_null(strstr(text, "深层引用"));
    free(text);
    for (len = 0; len < 100000; len += 2)
        memcpy(md + len, "- ", 2);
    strcpy(md + len, "深层列表\n");
    text = hostile("lists", md, strlen(md), 20, NULL);
    assert_non_null(strstr(text, "深层列表"));
    free(text);
    /* indented nesting, 200 levels */
    len = 0;
    for (int i = 0; i < 200 && len < n - 1000; i++)
        len += (size_t)snprintf(md + len, n - len, "%*s- 第%d层\n", 2 * i, "", i);
    int pages;
    text = hostile("indented", md, len, 20, &pages);
    assert_non_null(strstr(text, "第10层"));
    assert_true(pages > 5); /* every level on its own line */
    free(text);
    /* malformed UTF-8, NULs and control characters */
    static const char junk[] = "坏\xff\xfe字节\x01\x02\x7f\xc3\x28 **未闭合 [链接](\n\0在零之后";
    text = hostile("junk", junk, sizeof junk - 1, 20, NULL);
    assert_non_null(strstr(text, "字节"));
    assert_non_null(strstr(text, "在零之后"));
    free(text);
    /* emphasis (楷体) and strong text (黑体) holding only characters their faces lack: a zero-width
       space, a full-width U+FF00, a half-width kana (found by fuzz_md_pdf: an empty character map
       made libharu refuse the font, so the whole PDF failed) */
    static const char lacking[] = "前文 *\xe2\x80\x8b* *\xef\xbc\x80* **\xef\xbd\xb1** 后文";
    text = hostile("lacking", lacking, sizeof lacking - 1, 20, NULL);
    assert_non_null(strstr(text, "后文"));
    free(text);
    free(md);
}

static void test_one_megabyte(void **state)
{
    (void)state;
    size_t n = 1 << 20, len = 0;
    char *md = malloc(n + 256);
    assert_non_null(md);
    /* a realistic megabyte: headings, paragraphs, lists, quotes, emphasis, links */
    static const char chunk[] =
        "## 第%d部分\n\n为帮助计生家庭发展生产、增收致富，现将**计生信贷助富**贷款有关事项公告如下，"
        "详见 [网站](https://example.gov.cn/%d)。\n\n1. 符合*计划生育政策*；\n2. 有创业方案。\n\n"
        "> 不收取任何费用。\n\n";
    for (int i = 1; len + 600 < n; i++)
        len += (size_t)snprintf(md + len, n + 256 - len, chunk, i, i);
    int pages;
    char *text = hostile("1MB-mixed", md, len, 60, &pages);
    assert_true(pages > 300);
    assert_non_null(strstr(text, "第1部分"));
    free(text);
    /* a megabyte of one Chinese paragraph, and one without a single space */
    for (len = 0; len + 3 <= n; len += 3)
        memcpy(md + len, "帮", 3);
    text = hostile("1MB-chinese", md, len, 60, &pages);
    assert_true(pages > 300);
    free(text);
    memset(md, 'a', n);
    text = hostile("1MB-oneword", md, n, 60, &pages);
    assert_true(pages > 100);
    free(text);
    free(md);
}

static void test_empty_and_defaults(void **state)
{
    (void)state;
    struct md_pdf_doc d = {NULL, NULL, NULL, 0, NULL, 0};
    char *pdf = NULL;
    size_t n = 0;
    const char *err = NULL;
    assert_int_equal(md_pdf_render(&d, &pdf, &n, &err), 0);
    const char *path = pdf_check_write(pdf, n, "empty");
    char *text = pdf_check_run("pdftotext -q %s -", path);
    assert_non_null(strstr(text, "公告"));
    assert_int_equal(pdf_check_pages(text), 1);
    free(text);
    pdf_check_drop(path);
}

/* A title breaks between phrases (after punctuation), never inside a word: the long title of a
   relief announcement keeps 双女绝育户 on one line; a title without any punctuation that is wider
   than the page is set smaller on one line. */
static void test_title_breaks_between_phrases(void **state)
{
    (void)state;
    char *t = render("title_phrases", "关于2026年度双女绝育户、独生子女伤残家庭和计生特殊困难家庭扶助金发放的公告（第一批）",
                     "正文。", strlen("正文。"), "", NULL, NULL);
    has_all(t, (const char *const[]){"双女绝育户", NULL});
    /* every line of the title ends at a phrase: after 、 or ） or before （ */
    char *end = strstr(t, "正文");
    assert_non_null(end);
    for (char *nl = strchr(t, '\n'); nl && nl < end; nl = strchr(nl + 1, '\n')) {
        if (nl == t || nl[-1] == '\n' || nl[1] == '\n' || strncmp(nl + 1, "西集镇", 9) == 0)
            continue;
        int at_phrase = strncmp(nl - 3, "、", 3) == 0 || strncmp(nl - 3, "）", 3) == 0 || strncmp(nl + 1, "（", 3) == 0 ||
                        strncmp(nl - 3, "，", 3) == 0;
        if (!at_phrase && nl + 1 < end && nl[1] != '\f')
            fail_msg("the title breaks inside a phrase: %.*s", (int)(end - t), t);
    }
    free(t);
    char *one = render("title_shrinks", "双女绝育户独生子女伤残家庭计生特殊困难家庭扶助金发放公告双女绝育户独生子女", "正文。",
                       strlen("正文。"), "", NULL, NULL);
    has_all(one, (const char *const[]){"双女绝育户独生子女伤残家庭计生特殊困难家庭扶助金发放公告双女绝育户独生子女", NULL});
    free(one);
}

/* Renders md in the fuzz target's document (its title, subtitle and signature) and fails unless it
   saves; returns the text (malloc'd). */
static char *fuzz_document(const char *tag, const char *md)
{
    struct md_pdf_doc d = {"模糊测试", "副标题", md, strlen(md), "落款\n日期", 0};
    char *pdf = NULL;
    size_t n = 0;
    const char *err = NULL;
    if (md_pdf_render(&d, &pdf, &n, &err) != 0)
        fail_msg("md_pdf_render(%s): %s", tag, err);
    const char *path = pdf_check_write(pdf, n, tag);
    char *text = pdf_check_run("pdftotext -q %s -", path);
    pdf_check_drop(path);
    return text;
}

/* Found by fuzz_md_pdf: "坏\x01" (cleaned to "坏 ") in this document gives a 宋体 subset that
   libharu rebuilds at save to exactly 8,192 bytes with an empty 'prep' table last; its seek to the
   end of its 4,096-byte memory blocks failed (HPDF_INVALID_OBJECT, the whole PDF refused). Every
   subset now carries a 'prep' of its own. A sweep of 300 other characters in the same place checks
   that no other size hits the boundary. */
static void test_font_rebuilt_on_a_block_boundary(void **state)
{
    (void)state;
    char *text = fuzz_document("block", "坏\x01");
    assert_non_null(strstr(text, "坏"));
    assert_non_null(strstr(text, "落款"));
    free(text);
    for (long c = 0x4E00; c < 0x4E00 + 300; c++) {
        char md[8] = {(char)(0xE0 | c >> 12), (char)(0x80 | (c >> 6 & 0x3F)), (char)(0x80 | (c & 0x3F)), 1, 0};
        free(fuzz_document("sweep", md));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_blocks_and_inlines), cmocka_unit_test(test_line_breaking),
        cmocka_unit_test(test_pages_are_numbered), cmocka_unit_test(test_hostile_input),
        cmocka_unit_test(test_one_megabyte),       cmocka_unit_test(test_empty_and_defaults),
        cmocka_unit_test(test_title_breaks_between_phrases),
        cmocka_unit_test(test_font_rebuilt_on_a_block_boundary),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
