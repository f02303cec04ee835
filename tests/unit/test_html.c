/*
 * Unit tests for html.c's two printf writers: html_printf escapes every %s argument (&<>"' as
 * html_text does) and writes numbers as printf does; html_raw_printf, the deliberate unescaped
 * writer, leaves %s as given.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "html.h"

/* A request with an empty output buffer. */
static struct req *new_req(void)
{
    struct req *r = calloc(1, sizeof *r);
    assert_non_null(r);
    buf_init(&r->out);
    return r;
}

/* Frees the request and its output. */
static void free_req(struct req *r)
{
    buf_free(&r->out);
    free(r);
}

/* A name with markup is escaped; numbers of every width used by the pages are as printf writes them. */
static void test_printf_escapes_strings(void **state)
{
    struct req *r = new_req();
    html_printf(r, "<a href=\"/u/%lld\" title=\"%s\">%s</a> %d %02d-%04d %ld %.2f 100%%", 7LL,
                "\"'><script>alert(1)</script>", "张&三", -3, 5, 26, 12L, 4.35);
    assert_string_equal(r->out.data, "<a href=\"/u/7\" title=\"&quot;&#39;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">"
                                     "张&amp;三</a> -3 05-0026 12 4.35 100%");
    free_req(r);
}

/* Ordinary Chinese text and codes come out unchanged. */
static void test_printf_plain_text_unchanged(void **state)
{
    struct req *r = new_req();
    html_printf(r, "<option value=\"%s\"%s>%s</option>", "paid", " selected", "已发放");
    assert_string_equal(r->out.data, "<option value=\"paid\" selected>已发放</option>");
    free_req(r);
}

/* The raw writer passes markup through: only for our own literals. */
static void test_raw_printf_leaves_markup(void **state)
{
    struct req *r = new_req();
    html_raw_printf(r, "<tr%s><td>%d</td>", " class=\"late\"", 3);
    assert_string_equal(r->out.data, "<tr class=\"late\"><td>3</td>");
    free_req(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_printf_escapes_strings),
        cmocka_unit_test(test_printf_plain_text_unchanged),
        cmocka_unit_test(test_raw_printf_leaves_markup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
