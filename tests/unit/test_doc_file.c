/* Unit tests for the type check of uploaded documents by their first bytes (doc_file.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "doc_file.h"

static void test_kind_by_magic_bytes(void **state)
{
    static const unsigned char pdf[] = "%PDF-1.7\n", jpg[] = {0xFF, 0xD8, 0xFF, 0xE0, 0},
                               png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0};
    assert_string_equal(doc_file_kind(pdf, sizeof pdf - 1), "pdf");
    assert_string_equal(doc_file_kind(jpg, 4), "jpg");
    assert_string_equal(doc_file_kind(png, 8), "png");
    /* too short for the magic, a name-only disguise, HTML, a GIF, nothing */
    assert_null(doc_file_kind(png, 7));
    assert_null(doc_file_kind(pdf, 4));
    assert_null(doc_file_kind((const unsigned char *)"<html><script>", 14));
    assert_null(doc_file_kind((const unsigned char *)"GIF89a", 6));
    assert_null(doc_file_kind(NULL, 0));
    assert_null(doc_file_kind((const unsigned char *)" %PDF-", 6)); /* the magic must come first */
}

static void test_mime_and_label(void **state)
{
    assert_string_equal(doc_file_mime("pdf"), "application/pdf");
    assert_string_equal(doc_file_mime("jpg"), "image/jpeg");
    assert_string_equal(doc_file_mime("png"), "image/png");
    assert_null(doc_file_mime("html"));
    assert_null(doc_file_mime(NULL));
    assert_string_equal(doc_file_label("png"), "PNG 图片");
    assert_string_equal(doc_file_label("exe"), "文件");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kind_by_magic_bytes),
        cmocka_unit_test(test_mime_and_label),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
