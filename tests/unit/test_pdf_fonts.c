/*
 * test_pdf_fonts.c: unit tests for the faces and their embedding (src/pdf/pdf_font.c through
 * src/pdf/pdf.c). A one-page receipt is small (each face subset to the characters used), reads
 * back whole with poppler (rare name characters, 大写 amounts), and poppler reports nothing about
 * it (no "Invalid 'begincidrange' operator in ToUnicode CMap"). Body text is 宋体, titles and
 * strong text 黑体, emphasis 楷体 (upright); a character 宋体 lacks is drawn in 黑体. A subset kept
 * from an earlier document gives the same file as a new one. Set
 * BANGFU_KEEP_PDF=1 to keep the files in /tmp.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pdf.h"
#include "pdf_check.h"
#include "pdf_font.h"
#include "relief_receipt.h"

#define MAX_RECEIPT_BYTES (100 * 1024)

/* What poppler's pdftotext prints on its standard error for path (malloc'd): empty when it found
   nothing wrong. */
static char *poppler_complaints(const char *path)
{
    return pdf_check_run("pdftotext %s /dev/null 2>&1", path);
}

/* A receipt for a recipient whose name has rare characters (䶮 U+4DAE of Extension A, 堃), for
   1,050.00 yuan. */
static struct relief_receipt rare_receipt(void)
{
    struct relief_receipt r = {.amount_fen = 105000};
    snprintf(r.receipt_no, sizeof r.receipt_no, "西集-2026-000777");
    snprintf(r.payer, sizeof r.payer, "西集镇计划生育协会");
    snprintf(r.township, sizeof r.township, "西集镇");
    snprintf(r.village, sizeof r.village, "东马坊村");
    snprintf(r.paid_on, sizeof r.paid_on, "2026-03-15");
    snprintf(r.recipient, sizeof r.recipient, "欧阳䶮堃");
    snprintf(r.id_number, sizeof r.id_number, "37040619800101123X");
    snprintf(r.category, sizeof r.category, "春节走访慰问");
    snprintf(r.fund, sizeof r.fund, "人口和计划生育公益金");
    snprintf(r.method, sizeof r.method, "cash");
    snprintf(r.handler, sizeof r.handler, "李会计");
    snprintf(r.reviewer, sizeof r.reviewer, "张审核");
    snprintf(r.approver, sizeof r.approver, "赵主任");
    return r;
}

/* Removes the spaces poppler puts between Chinese characters, in place; returns t. */
static char *squeeze(char *t)
{
    char *o = t;
    for (const char *s = t; *s; s++)
        if (*s != ' ')
            *o++ = *s;
    *o = '\0';
    return t;
}

static void test_receipt_small_and_whole(void **state)
{
    (void)state;
    struct relief_receipt r = rare_receipt();
    const struct relief_receipt *list[1] = {&r};
    const char *err = NULL;
    size_t len = 0;
    char *pdf = receipt_pdf(list, 1, RECEIPT_A5, NULL, &len, &err);
    if (!pdf)
        fail_msg("receipt_pdf: %s", err);
    if (len > MAX_RECEIPT_BYTES)
        fail_msg("a one-page receipt is %zu bytes (at most %d)", len, MAX_RECEIPT_BYTES);
    const char *path = pdf_check_write(pdf, len, "font_receipt");
    char *text = squeeze(pdf_check_run("pdftotext -q -layout %s -", path));
    assert_int_equal(pdf_check_pages(text), 1);
    const char *want[] = {"计划生育困难家庭救助领款凭证", "欧阳䶮堃", "¥1,050.00", "人民币壹仟零伍拾元整",
                          "西集-2026-000777", "人口和计划生育公益金", "审批人：赵主任"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!strstr(text, want[i]))
            fail_msg("missing %s in:\n%s", want[i], text);
    free(text);
    char *complaints = poppler_complaints(path);
    if (*complaints)
        fail_msg("poppler complains: %s", complaints);
    free(complaints);
    /* the title in 黑体, the rest in 宋体, both embedded as subsets with a ToUnicode map */
    char *fonts = pdf_check_run("pdffonts %s", path);
    assert_non_null(strstr(fonts, "WenQuanYiZenHei"));
    assert_non_null(strstr(fonts, "UMingCN"));
    assert_null(strstr(fonts, " no "));
    free(fonts);
    pdf_check_drop(path);
}

/* The faces by style and size, and a character 宋体 lacks (U+9FCB) drawn in 黑体 in body text. */
static void test_faces_by_style(void **state)
{
    (void)state;
    assert_null(pdf_font_init());
    assert_int_equal(pdf_font_face_for(PDF_FACE_SONG, 0x4E2D), PDF_FACE_SONG); /* 中 */
    assert_int_equal(pdf_font_face_for(PDF_FACE_SONG, 0x9FCB), PDF_FACE_HEI);
    assert_int_equal(pdf_font_face_for(PDF_FACE_KAI, 0x4E2D), PDF_FACE_KAI);
    /* 宋体 Latin is half an em wide, 黑体 digits 0.6 em: the widths follow the face */
    const char *err = NULL;
    struct pdf *p = pdf_new("字体", &err);
    assert_non_null(p);
    assert_true(pdf_text_width(p, 10, "1000") == 20.0f);
    pdf_style(p, PDF_BOLD);
    assert_true(pdf_text_width(p, 10, "1000") > 23.0f);
    pdf_style(p, 0);
    assert_true(pdf_text_width(p, PDF_HEADING_SIZE, "1000") > 2.3f * PDF_HEADING_SIZE); /* a title: 黑体 */
    pdf_style(p, PDF_REGULAR);
    assert_true(pdf_text_width(p, PDF_HEADING_SIZE, "1000") == 2.0f * PDF_HEADING_SIZE);

    pdf_page_a4(p);
    pdf_style(p, 0);
    pdf_text(p, 60, 60, 12, "正文宋体\xE9\xBF\x8B字");
    pdf_style(p, PDF_OBLIQUE);
    pdf_text(p, 60, 90, 12, "强调楷体");
    char *data;
    size_t len;
    assert_int_equal(pdf_save(p, &data, &len), 0);
    pdf_text(p, 60, 120, 12, "保存之后"); /* the fonts are in the file: an error */
    assert_non_null(pdf_error(p));
    pdf_free(p);
    const char *path = pdf_check_write(data, len, "font_faces");
    char *text = pdf_check_run("pdftotext -q %s -", path);
    assert_non_null(strstr(text, "正文宋体\xE9\xBF\x8B字"));
    assert_non_null(strstr(text, "强调楷体"));
    free(text);
    double box[4]; /* upright 楷体: four ems of 12 pt from x = 60 */
    assert_true(pdf_check_word_box(path, "强调楷体", box));
    assert_true(box[0] > 59.9 && box[0] < 60.1 && box[2] > 107.9 && box[2] < 108.1);
    char *fonts = pdf_check_run("pdffonts %s", path);
    assert_non_null(strstr(fonts, "UMingCN"));
    assert_non_null(strstr(fonts, "UKaiCN"));
    assert_non_null(strstr(fonts, "WenQuanYiZenHei")); /* only for U+9FCB */
    free(fonts);
    char *complaints = poppler_complaints(path);
    assert_string_equal(complaints, "");
    free(complaints);
    pdf_check_drop(path);
}

/* The receipt for recipient name, laid out and read back with poppler: 1 when the name and the
   大写 amount read back whole. *len gets the file's size. */
static int receipt_reads_back(const char *name, size_t *len, char **data)
{
    struct relief_receipt r = rare_receipt();
    snprintf(r.recipient, sizeof r.recipient, "%s", name);
    const struct relief_receipt *list[1] = {&r};
    const char *err = NULL;
    char *pdf = receipt_pdf(list, 1, RECEIPT_A5, NULL, len, &err);
    if (!pdf)
        fail_msg("receipt_pdf: %s", err);
    *data = malloc(*len);
    assert_non_null(*data);
    memcpy(*data, pdf, *len);
    const char *path = pdf_check_write(pdf, *len, "font_kept");
    char *text = squeeze(pdf_check_run("pdftotext -q -layout %s -", path));
    int whole = strstr(text, name) && strstr(text, "人民币壹仟零伍拾元整");
    free(text);
    pdf_check_drop(path);
    return whole;
}

/* Kept subsets: the same receipt printed again reuses the subsets of the first and gives the
   same bytes; receipts with other characters get their own subsets (more sets than are kept per
   face, so the first ones are evicted) and each reads back whole, the first one too when it is
   printed once more. */
static void test_kept_subsets(void **state)
{
    (void)state;
    size_t first_len, again_len, len;
    char *first, *again, *other;
    assert_true(receipt_reads_back("欧阳䶮堃", &first_len, &first));
    assert_true(receipt_reads_back("欧阳䶮堃", &again_len, &again));
    assert_int_equal(again_len, first_len);
    assert_memory_equal(again, first, first_len);
    free(again);
    static const char *const others[] = {"甲乙丙", "丁戊己", "庚辛壬", "癸子丑", "寅卯辰",
                                         "巳午未", "申酉戌", "亥春夏", "秋冬雪", "霜露雾"};
    for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
        if (!receipt_reads_back(others[i], &len, &other))
            fail_msg("the receipt for %s does not read back whole", others[i]);
        free(other);
    }
    assert_true(receipt_reads_back("欧阳䶮堃", &again_len, &again));
    assert_int_equal(again_len, first_len);
    assert_memory_equal(again, first, first_len);
    free(again);
    free(first);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_receipt_small_and_whole),
        cmocka_unit_test(test_faces_by_style),
        cmocka_unit_test(test_kept_subsets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
