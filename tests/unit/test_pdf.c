/*
 * test_pdf.c: unit tests for src/pdf/pdf.c. Builds real documents with Chinese text and checks
 * what a reader would see with poppler: the text (pdftotext -q), its position (pdftotext
 * -bbox), the pages and their sizes (pdfinfo). Also line breaking for Chinese and Latin text,
 * text clean-up, and that an error makes pdf_save fail. Set BANGFU_KEEP_PDF=1 to keep the
 * files in /tmp for a look.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "pdf.h"
#include "pdf_check.h"

/* Saves the document to a new file in /tmp named after tag; returns its path (static buffer). */
static const char *save_tmp(struct pdf *p, const char *tag)
{
    char *data;
    size_t len;
    assert_int_equal(pdf_save(p, &data, &len), 0);
    return pdf_check_write(data, len, tag);
}

/* A new document, failing the test when the font cannot be loaded. */
static struct pdf *new_doc(const char *title)
{
    const char *err = NULL;
    struct pdf *p = pdf_new(title, &err);
    if (!p)
        fail_msg("pdf_new: %s", err);
    assert_null(pdf_error(p));
    return p;
}

static const char *paragraph = "兹收到西集镇东关村张三借款人民币壹仟元整，用于养殖业发展。借款期限为十二个月，"
                               "到期一次还本，按季付息。Loan purpose: breeding pigs in the village cooperative.";

static void test_document_text_and_pages(void **state)
{
    (void)state;
    struct pdf *p = new_doc("领款凭证");
    assert_int_equal(pdf_page_count(p), 0);
    assert_true(pdf_width(p) == 0);

    assert_non_null(pdf_page_a4(p));
    assert_true(fabsf(pdf_width(p) - 595.276f) < 0.5f);
    assert_true(fabsf(pdf_height(p) - 841.89f) < 0.5f);
    pdf_text_center(p, pdf_width(p) / 2, 60, 22, "领款凭证");
    pdf_fill_rect(p, 60, 100, 475, 24, 0.85f);
    pdf_rect(p, 60, 100, 475, 200, 1);
    pdf_line(p, 60, 124, 535, 124, 0.5f);
    pdf_text(p, 70, 105, 12, "金额");
    pdf_text_right(p, 525, 105, 12, "人民币壹仟元整");
    pdf_gray(p, 0.4f);
    pdf_text(p, 70, 130, 10, "经办：西集镇计生协会");
    pdf_gray(p, 0);
    float y = pdf_wrap(p, 70, 150, 455, 12, 18, paragraph, 1);
    int lines = pdf_wrap_measure(p, 455, 12, paragraph);
    assert_true(lines >= 2);
    assert_true(fabsf(y - (150 + 18.0f * (float)lines)) < 0.01f);

    assert_non_null(pdf_page_a5_landscape(p));
    assert_true(fabsf(pdf_width(p) - 595.276f) < 0.5f);
    assert_true(fabsf(pdf_height(p) - 419.528f) < 0.5f);
    pdf_text(p, 40, 40, 16, "第二页 收据 西集镇");
    assert_int_equal(pdf_page_count(p), 2);

    const char *path = save_tmp(p, "doc");
    pdf_free(p);

    char *text = pdf_check_run("pdftotext -q %s -", path);
    assert_non_null(strstr(text, "领款凭证"));
    assert_non_null(strstr(text, "人民币壹仟元整"));
    assert_non_null(strstr(text, "经办：西集镇计生协会"));
    assert_non_null(strstr(text, "第二页 收据 西集镇"));
    assert_non_null(strstr(text, "兹收到西集镇东关村张三"));
    assert_non_null(strstr(text, "cooperative."));
    assert_int_equal(pdf_check_pages(text), 2);
    free(text);

    char *info = pdf_check_run("pdfinfo -f 1 -l 2 %s", path);
    assert_non_null(strstr(info, "Pages:           2"));
    assert_non_null(strstr(info, "Title:           领款凭证"));
    assert_non_null(strstr(info, "Page    1 size:  595.276 x 841.89 pts (A4)"));
    assert_non_null(strstr(info, "Page    2 size:  595.276 x 419.528 pts"));
    free(info);
    pdf_check_drop(path);
}

static void test_positions_from_top_left(void **state)
{
    (void)state;
    struct pdf *p = new_doc(NULL);
    pdf_page_a4(p);
    pdf_text(p, 100, 50, 20, "西集镇");
    pdf_text_right(p, 500, 200, 20, "壹仟元整");
    pdf_text_center(p, 300, 300, 20, "领款凭证");
    assert_true(fabsf(pdf_text_width(p, 20, "西集镇") - 60) < 0.01f); /* full-width: 1 em each */
    assert_true(fabsf(pdf_text_width(p, 10, "中文") - 20) < 0.01f);
    assert_true(pdf_text_width(p, 10, "") == 0 && pdf_text_width(p, 10, NULL) == 0);
    const char *path = save_tmp(p, "pos");
    pdf_free(p);

    double b[4];
    assert_true(pdf_check_word_box(path, "西集镇", b));
    assert_true(fabs(b[0] - 100) < 1 && fabs(b[2] - 160) < 1);
    assert_true(b[1] > 45 && b[1] < 52 && b[3] > 68 && b[3] < 78); /* a 20 pt line whose top is at 50 */
    assert_true(pdf_check_word_box(path, "壹仟元整", b));
    assert_true(fabs(b[2] - 500) < 1 && fabs(b[0] - 420) < 1);
    assert_true(b[1] > 195 && b[1] < 202);
    assert_true(pdf_check_word_box(path, "领款凭证", b));
    assert_true(fabs((b[0] + b[2]) / 2 - 300) < 1);
    pdf_check_drop(path);
}

/* Wraps text at size 10 into a fresh page and returns pdftotext's output (malloc'd). */
static char *wrapped_text(const char *text, float width, int *lines)
{
    struct pdf *p = new_doc(NULL);
    pdf_page_a4(p);
    float y = pdf_wrap(p, 50, 50, width, 10, 20, text, 1);
    *lines = pdf_wrap_measure(p, width, 10, text);
    assert_true(fabsf(y - (50 + 20.0f * (float)*lines)) < 0.01f);
    const char *path = save_tmp(p, "wrap");
    pdf_free(p);
    char *out = pdf_check_run("pdftotext -q %s -", path);
    pdf_check_drop(path);
    return out;
}

static void test_wrap_chinese(void **state)
{
    (void)state;
    struct pdf *p = new_doc(NULL);
    const char *ten = "一二三四五六七八九十"; /* 10 pt each at size 10 */
    assert_int_equal(pdf_wrap_measure(p, 100, 10, ten), 1);
    assert_int_equal(pdf_wrap_measure(p, 50, 10, ten), 2); /* exactly 5 per line */
    assert_int_equal(pdf_wrap_measure(p, 49.9f, 10, ten), 3);
    assert_int_equal(pdf_wrap_measure(p, 10, 10, ten), 10);
    assert_int_equal(pdf_wrap_measure(p, 0, 10, ten), 10); /* at least one character a line */
    assert_int_equal(pdf_wrap_measure(p, 1000, 10, ""), 0);
    assert_int_equal(pdf_wrap_measure(p, 1000, 10, NULL), 0);
    assert_int_equal(pdf_wrap_measure(p, 1000, 10, "一\n二"), 2);
    assert_int_equal(pdf_wrap_measure(p, 1000, 10, "一\r\n\r\n二\n"), 3); /* a blank line; no line after the last \n */
    assert_true(pdf_wrap(p, 0, 30, 100, 10, 15, "", 0) == 30);
    pdf_free(p);

    int lines;
    char *out = wrapped_text(ten, 50, &lines);
    assert_int_equal(lines, 2);
    assert_non_null(strstr(out, "一二三四五\n六七八九十\n"));
    free(out);

    /* closing punctuation does not start a line: 四 moves down with the comma */
    out = wrapped_text("一二三四，五六", 40, &lines);
    assert_int_equal(lines, 2);
    assert_non_null(strstr(out, "一二三\n四，五六\n"));
    free(out);
    /* opening punctuation does not end a line */
    out = wrapped_text("一二三《四》", 40, &lines);
    assert_non_null(strstr(out, "一二三\n《四》\n"));
    free(out);
    /* numbers stay whole next to Chinese text */
    out = wrapped_text("人民币1000元整", 45, &lines); /* 宋体 digits are half an em */
    assert_non_null(strstr(out, "人民币\n1000元整\n"));
    free(out);
}

static void test_wrap_latin(void **state)
{
    (void)state;
    struct pdf *p = new_doc(NULL);
    float hw = pdf_text_width(p, 10, "hello world");
    assert_true(hw > 40 && hw < 70);
    assert_int_equal(pdf_wrap_measure(p, hw, 10, "hello world foo"), 2);
    assert_int_equal(pdf_wrap_measure(p, hw - 1, 10, "hello world"), 2);
    /* a word wider than the line breaks between characters */
    float w3 = pdf_text_width(p, 10, "abc");
    assert_int_equal(pdf_wrap_measure(p, w3, 10, "abcdefghi"), 3);
    /* trailing spaces never force a break */
    assert_int_equal(pdf_wrap_measure(p, hw, 10, "hello world      "), 1);
    pdf_free(p);

    int lines;
    char *out = wrapped_text("hello world foo", hw, &lines);
    assert_non_null(strstr(out, "hello world\nfoo\n"));
    free(out);
    /* mixed: Latin breaks at the space, Chinese between characters */
    p = new_doc(NULL);
    float w = pdf_text_width(p, 10, "养殖 pig");
    pdf_free(p);
    out = wrapped_text("养殖 pig farm 西集村", w, &lines);
    assert_int_equal(lines, 3);
    assert_non_null(strstr(out, "养殖 pig\nfarm 西\n集村\n"));
    free(out);
}

static void test_text_cleanup(void **state)
{
    (void)state;
    struct pdf *p = new_doc(NULL);
    pdf_page_a4(p);
    /* invalid and truncated UTF-8, a non-BMP character (the font has it, libharu cannot show it),
       control characters: nothing crashes and each prints as something visible */
    /* "A", ff, "B", 中 cut short, "C张", U+20547, "三", tab, "D", ^A */
    const char *bad = "A\xFF\x42\xE4\xB8\x43张\xF0\xA0\x95\x87三\tD\x01";
    pdf_text(p, 50, 50, 12, bad);
    assert_true(pdf_text_width(p, 10, bad) > 0);
    assert_int_equal(pdf_wrap_measure(p, 0.1f, 10, "中a\xF0\xA0\x95\x87\xE4\xB8"), 5);
    pdf_wrap(p, 50, 100, 0.1f, 10, 12, bad, 1);
    const char *path = save_tmp(p, "clean");
    pdf_free(p);
    char *out = pdf_check_run("pdftotext -q %s -", path);
    assert_non_null(strstr(out, "A?B??C张□三 D"));
    free(out);
    pdf_check_drop(path);
}

static void test_errors_fail_the_save(void **state)
{
    (void)state;
    char *data = (char *)1;
    size_t len = 1;

    struct pdf *p = new_doc(NULL); /* no page */
    assert_int_equal(pdf_save(p, &data, &len), -1);
    assert_null(data);
    assert_int_equal(len, 0);
    assert_non_null(pdf_error(p));
    pdf_free(p);

    p = new_doc(NULL); /* drawing before the first page */
    pdf_text(p, 10, 10, 12, "西集镇");
    assert_non_null(pdf_error(p));
    pdf_page_a4(p);
    pdf_text(p, 10, 10, 12, "西集镇");
    assert_int_equal(pdf_save(p, &data, &len), -1);
    pdf_free(p);

    p = new_doc(NULL); /* a bad font size, then everything is a no-op */
    pdf_page_a4(p);
    pdf_text(p, 10, 10, 0, "西集镇");
    assert_non_null(pdf_error(p));
    assert_null(pdf_page_a4(p));
    pdf_line(p, 0, 0, 10, 10, 1);
    pdf_wrap(p, 10, 10, 100, 12, 14, "西集镇", 1);
    assert_int_equal(pdf_save(p, &data, &len), -1);
    pdf_free(p);

    p = new_doc(NULL); /* libharu's own check: a negative line width */
    pdf_page_a4(p);
    pdf_line(p, 0, 0, 10, 10, -1);
    assert_non_null(strstr(pdf_error(p), "libharu"));
    assert_int_equal(pdf_save(p, &data, &len), -1);
    pdf_free(p);
    pdf_free(NULL);
}

static void test_save_twice(void **state)
{
    (void)state;
    struct pdf *p = new_doc("两次");
    pdf_page_a5_landscape(p);
    pdf_text(p, 40, 40, 14, "西集镇");
    char *a, *b;
    size_t alen, blen;
    assert_int_equal(pdf_save(p, &a, &alen), 0);
    assert_int_equal(pdf_save(p, &b, &blen), 0);
    assert_int_equal(alen, blen);
    assert_memory_equal(a, b, alen);
    free(a);
    free(b);
    pdf_free(p);
}

/* Bold and slanted text (the font has neither) is still text a reader can copy; the line-breaking
   rule is the one pdf_wrap uses. */
static void test_styles_and_breaking_rule(void **state)
{
    (void)state;
    struct pdf *p = new_doc("样式");
    pdf_page_a4(p);
    pdf_style(p, PDF_BOLD);
    pdf_text(p, 60, 60, 16, "加粗的文字");
    pdf_style(p, PDF_OBLIQUE);
    pdf_text(p, 60, 90, 16, "倾斜的文字");
    pdf_style(p, PDF_BOLD | PDF_OBLIQUE);
    pdf_text(p, 60, 120, 16, "Bold slanted");
    pdf_style(p, 0);
    pdf_line(p, 60, 150, 300, 150, 1);
    pdf_text(p, 60, 160, 16, "普通的文字");
    const char *path = save_tmp(p, "styles");
    pdf_free(p);
    char *text = pdf_check_run("pdftotext -q %s -", path);
    for (const char *s = "加粗的文字\0倾斜的文字\0Bold slanted\0普通的文字\0"; *s; s += strlen(s) + 1)
        if (!strstr(text, s))
            fail_msg("\"%s\" not in %s", s, text);
    free(text);
    pdf_check_drop(path);
    assert_true(pdf_breakable(0x4E2D, 0x6587));  /* 中|文 */
    assert_false(pdf_breakable(0x4E2D, 0xFF0C)); /* no line starts with ， */
    assert_false(pdf_breakable(0x300A, 0x4E2D)); /* no line ends with 《 */
    assert_false(pdf_breakable('a', 'b'));
    assert_true(pdf_breakable('a', 0x4E2D));
    assert_true(pdf_wide_char(0x4E2D) && !pdf_wide_char('a'));
    size_t n;
    assert_int_equal(pdf_utf8_char("中", &n), 0x4E2D);
    assert_int_equal(n, 3);
    assert_int_equal(pdf_utf8_char("\xC0\xAF", &n), -1);
    assert_int_equal(n, 1);
}

/* A4 landscape pages, dashed lines and stamps: the stamp's text is there, later text keeps its
   colour and size, and nothing records an error. */
static void test_landscape_dashes_stamps(void **state)
{
    (void)state;
    struct pdf *p = new_doc(NULL);
    assert_non_null(pdf_page_a4_landscape(p));
    assert_true(fabsf(pdf_width(p) - 841.89f) < 0.5f);
    assert_true(fabsf(pdf_height(p) - 595.276f) < 0.5f);
    pdf_text(p, 40, 40, 12, "签领表");
    pdf_line_dashed(p, 20, 300, 820, 300, 0.6f, 4);
    pdf_stamp(p, 420, 200, 48, 15, "作废");
    pdf_stamp(p, 100, 400, 12, 0, "补打（第1次）");
    pdf_text(p, 40, 500, 12, "合计金额");
    pdf_stamp(p, 100, 100, 12, 0, NULL); /* nothing to stamp: nothing drawn */
    assert_null(pdf_error(p));
    const char *path = save_tmp(p, "stamp");
    pdf_free(p);
    char *text = pdf_check_run("pdftotext -q %s -", path);
    assert_non_null(strstr(text, "作废"));
    assert_non_null(strstr(text, "补打（第1次）"));
    assert_non_null(strstr(text, "合计金额"));
    free(text);
    char *info = pdf_check_run("pdfinfo %s", path);
    assert_non_null(strstr(info, "841.89 x 595.276"));
    free(info);
    pdf_check_drop(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_styles_and_breaking_rule),
        cmocka_unit_test(test_document_text_and_pages),
        cmocka_unit_test(test_positions_from_top_left),
        cmocka_unit_test(test_wrap_chinese),
        cmocka_unit_test(test_wrap_latin),
        cmocka_unit_test(test_text_cleanup),
        cmocka_unit_test(test_errors_fail_the_save),
        cmocka_unit_test(test_save_twice),
        cmocka_unit_test(test_landscape_dashes_stamps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
