/*
 * test_csv.c: unit tests for csv.c: encoding detection (UTF-8, UTF-8 with BOM, GB18030 made
 * here with iconv from UTF-8 literals), record reading (quotes, "" escapes, embedded newlines,
 * CRLF, blank lines, a missing final newline), malformed input with the line a user is told,
 * the size limits, and formula-safe escaping.
 */
#include <iconv.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "csv.h"

/* Converts a UTF-8 literal to GB18030 bytes (malloc'd, caller frees) with their length. */
static char *to_gb18030(const char *utf8, size_t *len)
{
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t in_left = strlen(utf8), cap = in_left * 2 + 8, out_left = cap;
    char *buf = malloc(cap), *src = (char *)utf8, *dst = buf;
    assert_non_null(buf);
    assert_int_not_equal(iconv(cd, &src, &in_left, &dst, &out_left), (size_t)-1);
    iconv_close(cd);
    *len = cap - out_left;
    return buf;
}

/* Runs csv_to_utf8 on len bytes and checks the result and the encoding found. */
static void expect_utf8(const char *in, size_t len, const char *want, const char *want_encoding)
{
    char *out = NULL;
    size_t out_len = 0;
    const char *enc = NULL;
    assert_int_equal(csv_to_utf8(in, len, &out, &out_len, &enc), 0);
    assert_string_equal(enc, want_encoding);
    assert_int_equal(out_len, strlen(want));
    assert_memory_equal(out, want, out_len + 1);
    free(out);
}

/* Checks that csv_to_utf8 refuses len bytes and leaves *out NULL. */
static void expect_unreadable(const char *in, size_t len)
{
    char *out = (char *)1;
    size_t out_len = 1;
    const char *enc = NULL;
    assert_int_equal(csv_to_utf8(in, len, &out, &out_len, &enc), -1);
    assert_null(out);
    assert_int_equal(out_len, 0);
}

static void test_utf8_plain_and_bom(void **state)
{
    (void)state;
    const char *text = "姓名,村\n张三,西集村\n";
    expect_utf8(text, strlen(text), text, "UTF-8");
    expect_utf8("\xEF\xBB\xBF姓名,村\n", 3 + strlen("姓名,村\n"), "姓名,村\n", "UTF-8-BOM");
    expect_utf8("", 0, "", "UTF-8");
    expect_utf8("\xEF\xBB\xBF", 3, "", "UTF-8-BOM");
    expect_utf8("abc,123\r\n", 9, "abc,123\r\n", "UTF-8"); /* ASCII is UTF-8 */
}

static void test_gb18030(void **state)
{
    (void)state;
    /* GBK range (2-byte), a 4-byte sequence (U+20BB7 𠮷) and ASCII */
    const char *text = "姓名,村,备注\r\n张三,西集村,\"养殖 𠮷\"\r\n李四,东关村,壹仟元整\r\n";
    size_t len;
    char *gb = to_gb18030(text, &len);
    assert_true(len < strlen(text)); /* really converted: 2 bytes per Han character */
    expect_utf8(gb, len, text, "GB18030");
    free(gb);

    /* a GB18030 BOM (U+FEFF encoded as 84 31 95 33) is dropped */
    char *bom = to_gb18030("\xEF\xBB\xBF张三", &len);
    assert_memory_equal(bom, "\x84\x31\x95\x33", 4);
    expect_utf8(bom, len, "张三", "GB18030");
    free(bom);
}

static void test_unreadable(void **state)
{
    (void)state;
    expect_unreadable("\xFF\xFF\xFF", 3);         /* neither UTF-8 nor GB18030 */
    expect_unreadable("\xD5\xC5\xC8", 3);         /* GB18030 cut in the middle of a character */
    expect_unreadable("a,b\n\x00,c\n", 8);        /* NUL byte */
    expect_unreadable("\xFF\xFE\x61\0,\0", 6);    /* UTF-16 */
    expect_unreadable("\xEF\xBB\xBF\xD5\xC5", 5); /* UTF-8 BOM, then GB bytes */
    expect_unreadable("\xED\xA0\x80", 3);         /* a UTF-8 surrogate is not UTF-8, nor GB18030 */
}

/* Reads the next record and checks its line and fields (NULL-terminated list). */
static void expect_record(struct csv_reader *r, int line, ...)
{
    struct csv_record rec;
    assert_int_equal(csv_next(r, &rec), 1);
    assert_int_equal(rec.line, line);
    va_list ap;
    va_start(ap, line);
    int i = 0;
    for (const char *want; (want = va_arg(ap, const char *)) != NULL; i++) {
        assert_true(i < rec.nfields);
        assert_string_equal(rec.fields[i], want);
    }
    va_end(ap);
    assert_int_equal(rec.nfields, i);
}

/* Reads text to its end and expects a malformed record starting at rec_line, the problem at
   err_line and the given message. */
static void expect_malformed(const char *text, size_t len, int rec_line, int err_line, const char *msg)
{
    struct csv_reader r;
    struct csv_record rec;
    csv_reader_init(&r, text, len);
    int rc;
    while ((rc = csv_next(&r, &rec)) == 1)
        ;
    assert_int_equal(rc, -1);
    assert_int_equal(rec.line, rec_line);
    assert_int_equal(r.err_line, err_line);
    assert_int_equal(r.line, err_line); /* what household_import reports */
    assert_string_equal(r.err, msg);
    assert_int_equal(csv_next(&r, &rec), -1); /* sticky */
    csv_reader_free(&r);
}

static void test_records(void **state)
{
    (void)state;
    const char *text = "姓名,村,备注\n"
                       "\n"
                       "张三,西集村,\"第一行\n第二行\"\n"
                       "\"李四\",\"东关村\",\"他说\"\"好\"\"\"\n"
                       ",,\n"
                       "王五,\"\",x,\n"
                       "赵六";
    struct csv_reader r;
    csv_reader_init(&r, text, strlen(text));
    expect_record(&r, 1, "姓名", "村", "备注", NULL);
    expect_record(&r, 3, "张三", "西集村", "第一行\n第二行", NULL);
    expect_record(&r, 5, "李四", "东关村", "他说\"好\"", NULL);
    expect_record(&r, 6, "", "", "", NULL);
    expect_record(&r, 7, "王五", "", "x", "", NULL);
    expect_record(&r, 8, "赵六", NULL); /* no final newline */
    struct csv_record rec;
    assert_int_equal(csv_next(&r, &rec), 0);
    assert_int_equal(csv_next(&r, &rec), 0);
    csv_reader_free(&r);
    csv_reader_free(&r);
}

static void test_crlf(void **state)
{
    (void)state;
    const char *text = "a,b\r\n\r\n\r\n\"x\r\ny\",\"1,2\"\r\nc,d\r\n\r\n";
    struct csv_reader r;
    csv_reader_init(&r, text, strlen(text));
    expect_record(&r, 1, "a", "b", NULL);
    expect_record(&r, 4, "x\r\ny", "1,2", NULL); /* data inside quotes is kept as is */
    expect_record(&r, 6, "c", "d", NULL);
    struct csv_record rec;
    assert_int_equal(csv_next(&r, &rec), 0);
    csv_reader_free(&r);

    /* only blank lines, and nothing at all */
    csv_reader_init(&r, "\r\n\n\r\n", 5);
    assert_int_equal(csv_next(&r, &rec), 0);
    csv_reader_free(&r);
    csv_reader_init(&r, NULL, 0);
    assert_int_equal(csv_next(&r, &rec), 0);
    csv_reader_free(&r);
}

/* Regression (found by fuzz_statement): a lone CR, the line end of old Mac "CSV (Macintosh)"
   files, ended the record but not the line, so every row of such a file was reported as line 1. */
static void test_lone_cr(void **state)
{
    (void)state;
    const char *text = "合同号,金额\rXJ-1,1.00\r\rXJ-2,2.00\r\nXJ-3,3.00\r";
    struct csv_reader r;
    csv_reader_init(&r, text, strlen(text));
    expect_record(&r, 1, "合同号", "金额", NULL);
    expect_record(&r, 2, "XJ-1", "1.00", NULL);
    expect_record(&r, 4, "XJ-2", "2.00", NULL); /* after a blank line */
    expect_record(&r, 5, "XJ-3", "3.00", NULL); /* CRLF still counts once */
    struct csv_record rec;
    assert_int_equal(csv_next(&r, &rec), 0);
    csv_reader_free(&r);
}

static void test_fields_are_bytes_not_strings(void **state)
{
    (void)state;
    /* the reader stops at len, not at a NUL, and the buffer need not be terminated */
    char buf[] = {'a', ',', 'b', '\n', 'c', 'X'};
    struct csv_reader r;
    csv_reader_init(&r, buf, 5);
    expect_record(&r, 1, "a", "b", NULL);
    expect_record(&r, 2, "c", NULL);
    struct csv_record rec;
    assert_int_equal(csv_next(&r, &rec), 0);
    csv_reader_free(&r);
}

static void test_malformed(void **state)
{
    (void)state;
    const char *unterminated = "a,b\nc,d\n\"张三,西集村\n王五,东关村\n";
    expect_malformed(unterminated, strlen(unterminated), 3, 3, "引号没有闭合");

    const char *late_quote = "a,b\nc,d\ne,\"x\ny\nz\n";
    expect_malformed(late_quote, strlen(late_quote), 3, 3, "引号没有闭合");

    const char *bare = "a,b\n\nc,d\ne,f\"g\n";
    expect_malformed(bare, strlen(bare), 4, 4, "未加引号的字段中有引号");

    const char *after = "a,b\n\"x\ny\"z,1\n";
    expect_malformed(after, strlen(after), 2, 3, "引号后还有其他字符");

    expect_malformed("a,b\nc\0d\n", 8, 2, 2, "文件中有空字符");
    expect_malformed("\"a\0\"\n", 5, 1, 1, "文件中有空字符");

    /* the records before the problem are read normally */
    struct csv_reader r;
    struct csv_record rec;
    csv_reader_init(&r, unterminated, strlen(unterminated));
    expect_record(&r, 1, "a", "b", NULL);
    expect_record(&r, 2, "c", "d", NULL);
    assert_int_equal(csv_next(&r, &rec), -1);
    csv_reader_free(&r);
}

/* Builds a record of n fields "f0,f1,..." (malloc'd). */
static char *fields_line(int n)
{
    char *s = malloc((size_t)n * 8 + 2), *p = s;
    for (int i = 0; i < n; i++)
        p += sprintf(p, "%sf%d", i ? "," : "", i);
    strcpy(p, "\n");
    return s;
}

static void test_field_count_limit(void **state)
{
    (void)state;
    char *ok = fields_line(CSV_MAX_FIELDS), *over = fields_line(CSV_MAX_FIELDS + 1);
    struct csv_reader r;
    struct csv_record rec;
    csv_reader_init(&r, ok, strlen(ok));
    assert_int_equal(csv_next(&r, &rec), 1);
    assert_int_equal(rec.nfields, 64);
    assert_string_equal(rec.fields[63], "f63");
    csv_reader_free(&r);

    size_t len = strlen(over);
    char *text = malloc(len + 5);
    memcpy(text, "a,b\n", 4);
    memcpy(text + 4, over, len + 1);
    expect_malformed(text, len + 4, 2, 2, "字段超过 64 个");
    free(text);
    free(ok);
    free(over);
}

static void test_size_limits(void **state)
{
    (void)state;
    struct csv_reader r;
    struct csv_record rec;
    /* a field of exactly 4096 bytes, quoted and not; 4097 is too long */
    char *big = malloc(CSV_MAX_FIELD + 16);
    memset(big, 'x', CSV_MAX_FIELD);
    strcpy(big + CSV_MAX_FIELD, "\n");
    csv_reader_init(&r, big, strlen(big));
    assert_int_equal(csv_next(&r, &rec), 1);
    assert_int_equal(strlen(rec.fields[0]), CSV_MAX_FIELD);
    csv_reader_free(&r);
    strcpy(big + CSV_MAX_FIELD, "x\n");
    expect_malformed(big, strlen(big), 1, 1, "字段超过 4096 字节");
    big[0] = '"';
    strcpy(big + CSV_MAX_FIELD, "xx\"\n"); /* 4097 inside the quotes */
    expect_malformed(big, strlen(big), 1, 1, "字段超过 4096 字节");
    free(big);

    /* a record of 17 fields of 4000 bytes is over 64 KiB, though each field is fine */
    size_t n = 17 * 4001 + 8;
    char *wide = malloc(n), *p = wide;
    memcpy(p, "a\nb\n", 4);
    p += 4;
    for (int i = 0; i < 17; i++) {
        memset(p, 'y', 4000);
        p += 4000;
        *p++ = i < 16 ? ',' : '\n';
    }
    expect_malformed(wide, (size_t)(p - wide), 3, 3, "一行超过 64 KB");
    free(wide);
}

/* Escapes field into a CSV_ESCAPE_SIZE buffer and checks the output. */
static void expect_escape(const char *field, const char *want)
{
    char out[256];
    assert_true(CSV_ESCAPE_SIZE(strlen(field)) <= sizeof out);
    assert_int_equal(csv_escape(field, out, CSV_ESCAPE_SIZE(strlen(field))), strlen(want));
    assert_string_equal(out, want);
}

static void test_escape(void **state)
{
    (void)state;
    expect_escape("张三", "张三");
    expect_escape("", "");
    expect_escape("西集村,三组", "\"西集村,三组\"");
    expect_escape("他说\"好\"", "\"他说\"\"好\"\"\"");
    expect_escape("一\r\n二", "\"一\r\n二\"");
    /* formulas are defused with a ' inside the quotes */
    expect_escape("=SUM(A1:A9)", "\"'=SUM(A1:A9)\"");
    expect_escape("+1+1", "\"'+1+1\"");
    expect_escape("-2+3", "\"'-2+3\"");
    expect_escape("@cmd", "\"'@cmd\"");
    expect_escape("\t=1", "\"'\t=1\"");
    expect_escape("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    expect_escape("-", "\"'-\"");
    /* plain numbers stay numbers */
    expect_escape("-1234.50", "-1234.50");
    expect_escape("-1,234.50", "\"-1,234.50\""); /* quoted for the comma, no ' */
    expect_escape("+86", "+86");
    expect_escape("a=b", "a=b"); /* only a leading character matters */
    char out[8];
    assert_int_equal(csv_escape(NULL, out, sizeof out), 0);
    assert_string_equal(out, "");
}

static void test_escape_small_buffer(void **state)
{
    (void)state;
    char out[8];
    assert_int_equal(csv_escape("1234567", out, 8), 7);
    assert_string_equal(out, "1234567");
    assert_int_equal(csv_escape("12345678", out, 8), 0); /* no room for the NUL */
    assert_string_equal(out, "");
    assert_int_equal(csv_escape("a,b,c,d", out, 8), 0); /* needs 10 */
    assert_int_equal(csv_escape("x", out, 0), 0);
    /* worst case: every byte a quote, plus the formula prefix */
    char worst[] = "=\"\"\"\"";
    char big[CSV_ESCAPE_SIZE(5)];
    assert_int_equal(csv_escape(worst, big, sizeof big), 1 + 1 + 1 + 8 + 1);
}

/* Escaping then reading gives the fields back (a formula keeps its ' prefix). */
static void test_round_trip(void **state)
{
    (void)state;
    const char *fields[] = {"张三", "西集村,三组", "他说\"好\"", "第一行\r\n第二行", "", "=1+2", "-1,234.50"};
    const char *back[] = {"张三", "西集村,三组", "他说\"好\"", "第一行\r\n第二行", "", "'=1+2", "-1,234.50"};
    int n = (int)(sizeof fields / sizeof *fields);
    char line[512] = "", buf[128];
    for (int i = 0; i < n; i++) {
        assert_true(csv_escape(fields[i], buf, sizeof buf) > 0 || !fields[i][0]);
        strcat(line, i ? "," : "");
        strcat(line, buf);
    }
    strcat(line, "\r\n");
    struct csv_reader r;
    struct csv_record rec;
    csv_reader_init(&r, line, strlen(line));
    assert_int_equal(csv_next(&r, &rec), 1);
    assert_int_equal(rec.nfields, n);
    for (int i = 0; i < n; i++)
        assert_string_equal(rec.fields[i], back[i]);
    assert_int_equal(csv_next(&r, &rec), 0);
    csv_reader_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_plain_and_bom),
        cmocka_unit_test(test_gb18030),
        cmocka_unit_test(test_unreadable),
        cmocka_unit_test(test_records),
        cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_lone_cr),
        cmocka_unit_test(test_fields_are_bytes_not_strings),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_field_count_limit),
        cmocka_unit_test(test_size_limits),
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_escape_small_buffer),
        cmocka_unit_test(test_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
