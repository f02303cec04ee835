/*
 * csv.c: CSV reading and escaping (see csv.h). Owns encoding detection and conversion to UTF-8,
 * the record parser with its size limits and error lines, and formula-safe field escaping.
 * No I/O besides iconv; self-contained so the fuzz target links it alone.
 */
#include "csv.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* 1 if s[0..len) is well-formed UTF-8 without NUL bytes (no overlongs, no surrogates, nothing
   above U+10FFFF), else 0. */
static int utf8_valid(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        if (c == 0)
            return 0;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        unsigned min;
        if ((c & 0xE0) == 0xC0)
            n = 1, min = 0x80, c &= 0x1F;
        else if ((c & 0xF0) == 0xE0)
            n = 2, min = 0x800, c &= 0x0F;
        else if ((c & 0xF8) == 0xF0)
            n = 3, min = 0x10000, c &= 0x07;
        else
            return 0;
        if (len - i <= n)
            return 0;
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            c = (c << 6) | (s[i + k] & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            return 0;
        i += n + 1;
    }
    return 1;
}

/* Converts bytes from one encoding to a malloc'd NUL-terminated string in another (caller frees).
   Returns it with *out_len set, or NULL when the input is not valid or memory runs out. */
static char *convert(const char *in, size_t len, const char *to, const char *from, size_t *out_len)
{
    if (len > SIZE_MAX / 4 - 16)
        return NULL;
    iconv_t cd = iconv_open(to, from);
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = len * 2 + 16, used = 0, left_in = len;
    char *buf = malloc(cap), *src = (char *)in;
    for (;;) {
        if (!buf)
            break;
        char *dst = buf + used;
        size_t left_out = cap - used - 1; /* room for the NUL */
        size_t rc = iconv(cd, &src, &left_in, &dst, &left_out);
        used = (size_t)(dst - buf);
        if (rc != (size_t)-1 && left_in == 0) {
            iconv_close(cd);
            buf[used] = '\0';
            *out_len = used;
            return buf;
        }
        if (rc != (size_t)-1 || errno != E2BIG)
            break; /* EILSEQ (invalid) or EINVAL (truncated sequence at the end) */
        char *bigger = realloc(buf, cap * 2);
        if (!bigger)
            break;
        buf = bigger;
        cap *= 2;
    }
    iconv_close(cd);
    free(buf);
    return NULL;
}

int csv_to_utf8(const char *in, size_t len, char **out, size_t *out_len, const char **encoding)
{
    *out = NULL;
    *out_len = 0;
    *encoding = "UTF-8";
    if (!in)
        len = 0, in = "";
    int bom = len >= 3 && !memcmp(in, "\xEF\xBB\xBF", 3);
    if (bom) {
        in += 3, len -= 3;
        *encoding = "UTF-8-BOM";
    }
    if (memchr(in, '\0', len))
        return -1;
    if (utf8_valid((const unsigned char *)in, len)) {
        char *copy = malloc(len + 1);
        if (!copy)
            return -1;
        memcpy(copy, in, len);
        copy[len] = '\0';
        *out = copy;
        *out_len = len;
        return 0;
    }
    if (bom)
        return -1; /* declared UTF-8 but is not */
    size_t n = 0;
    char *utf8 = convert(in, len, "UTF-8", "GB18030", &n);
    if (!utf8)
        return -1;
    if (!utf8_valid((const unsigned char *)utf8, n)) { /* defensive: iconv output is UTF-8 */
        free(utf8);
        return -1;
    }
    if (n >= 3 && !memcmp(utf8, "\xEF\xBB\xBF", 3)) { /* the GB18030 BOM 84 31 95 33 */
        memmove(utf8, utf8 + 3, n - 3 + 1);
        n -= 3;
    }
    *out = utf8;
    *out_len = n;
    *encoding = "GB18030";
    return 0;
}

void csv_reader_init(struct csv_reader *r, const char *text, size_t len)
{
    memset(r, 0, sizeof *r);
    r->p = text ? text : "";
    r->end = r->p + (text ? len : 0);
    r->line = 1;
}

void csv_reader_free(struct csv_reader *r)
{
    free(r->store);
    r->store = NULL;
    r->cap = 0;
}

/* Appends one byte to the record's storage, growing it. Returns 0, or -1 out of memory. */
static int put(struct csv_reader *r, size_t *len, char c)
{
    if (*len + 1 > r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 256;
        char *p = realloc(r->store, cap);
        if (!p)
            return -1;
        r->store = p;
        r->cap = cap;
    }
    r->store[(*len)++] = c;
    return 0;
}

/* Marks the reader failed with a message and the line of the problem. Returns -1. */
static int fail(struct csv_reader *r, int line, const char *msg)
{
    r->err = msg;
    r->err_line = line;
    r->line = line;
    r->p = r->end;
    return -1;
}

int csv_next(struct csv_reader *r, struct csv_record *rec)
{
    rec->nfields = 0;
    if (r->err) {
        rec->line = r->err_line;
        return -1;
    }
    while (r->p < r->end && (*r->p == '\n' || *r->p == '\r')) { /* blank lines: LF, CRLF or a lone CR */
        if (*r->p == '\n' || r->p + 1 >= r->end || r->p[1] != '\n')
            r->line++;
        r->p++;
    }
    rec->line = r->line;
    if (r->p >= r->end)
        return 0;
    const char *start = r->p;
    size_t len = 0, starts[CSV_MAX_FIELDS];
    for (;;) {
        if (rec->nfields >= CSV_MAX_FIELDS)
            return fail(r, r->line, "字段超过 64 个");
        starts[rec->nfields++] = len;
        size_t field_start = len;
        if (r->p < r->end && *r->p == '"') {
            int quote_line = r->line;
            r->p++;
            for (;;) {
                if (r->p >= r->end)
                    return fail(r, quote_line, "引号没有闭合");
                if (r->p - start >= CSV_MAX_LINE)
                    return fail(r, r->line, "一行超过 64 KB");
                char c = *r->p++;
                if (c == '"') {
                    if (r->p < r->end && *r->p == '"')
                        r->p++;
                    else
                        break;
                } else if (c == '\n') {
                    r->line++;
                } else if (c == '\0') {
                    return fail(r, r->line, "文件中有空字符");
                }
                if (len - field_start >= CSV_MAX_FIELD)
                    return fail(r, r->line, "字段超过 4096 字节");
                if (put(r, &len, c) != 0)
                    return fail(r, r->line, "内存不足");
            }
            if (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r')
                return fail(r, r->line, "引号后还有其他字符");
        } else {
            while (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r') {
                if (*r->p == '"')
                    return fail(r, r->line, "未加引号的字段中有引号");
                if (*r->p == '\0')
                    return fail(r, r->line, "文件中有空字符");
                if (r->p - start >= CSV_MAX_LINE)
                    return fail(r, r->line, "一行超过 64 KB");
                if (len - field_start >= CSV_MAX_FIELD)
                    return fail(r, r->line, "字段超过 4096 字节");
                if (put(r, &len, *r->p++) != 0)
                    return fail(r, r->line, "内存不足");
            }
        }
        if (put(r, &len, '\0') != 0)
            return fail(r, r->line, "内存不足");
        if (r->p < r->end && *r->p == ',') {
            r->p++;
            continue;
        }
        if (r->p < r->end && *r->p == '\r' && ++r->p < r->end && *r->p != '\n')
            r->line++; /* a lone CR ends the line (old Mac "CSV (Macintosh)" files) */
        if (r->p < r->end && *r->p == '\n') {
            r->p++;
            r->line++;
        }
        break;
    }
    for (int i = 0; i < rec->nfields; i++)
        rec->fields[i] = r->store + starts[i];
    return 1;
}

/* 1 if s is a plain number (optional sign, digits with thousands commas, an optional decimal
   part), which a spreadsheet cannot run as a formula. */
static int plain_number(const char *s)
{
    if (*s == '+' || *s == '-')
        s++;
    int digits = 0, dot = 0;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9')
            digits++;
        else if (*s == ',' && digits && !dot)
            continue;
        else if (*s == '.' && !dot)
            dot = 1;
        else
            return 0;
    }
    return digits > 0;
}

size_t csv_escape(const char *field, char *out, size_t n)
{
    if (!field)
        field = "";
    int formula = field[0] && strchr("=+-@\t\r", field[0]) && !plain_number(field);
    int quote = formula || strpbrk(field, ",\"\r\n") != NULL;
    size_t o = 0;
#define EMIT(c)                                                                                                        \
    do {                                                                                                               \
        if (o + 1 >= n) {                                                                                              \
            if (n)                                                                                                     \
                out[0] = '\0';                                                                                         \
            return 0;                                                                                                  \
        }                                                                                                              \
        out[o++] = (c);                                                                                                \
    } while (0)
    if (quote)
        EMIT('"');
    if (formula)
        EMIT('\'');
    for (const char *p = field; *p; p++) {
        if (*p == '"')
            EMIT('"');
        EMIT(*p);
    }
    if (quote)
        EMIT('"');
#undef EMIT
    if (n)
        out[o] = '\0';
    return o;
}

char *csv_to_gb18030(const char *utf8, size_t len, size_t *out_len)
{
    return convert(utf8, len, "GB18030", "UTF-8", out_len);
}
