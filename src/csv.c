/* csv.c: CSV reading and escaping (see csv.h). */
#include "csv.h"

#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

int csv_to_utf8(const char *in, size_t len, char **out, size_t *out_len, const char **encoding)
{
    *out = NULL;
    *out_len = 0;
    if (len >= 3 && !memcmp(in, "\xEF\xBB\xBF", 3)) {
        in += 3, len -= 3;
        *encoding = "UTF-8-BOM";
    } else {
        *encoding = "UTF-8";
    }
    if (memchr(in, '\0', len))
        return -1;
    char *copy = malloc(len + 1);
    if (!copy)
        return -1;
    memcpy(copy, in, len);
    copy[len] = '\0';
    if (text_utf8_valid(copy)) {
        *out = copy;
        *out_len = len;
        return 0;
    }
    free(copy);
    if (!strcmp(*encoding, "UTF-8-BOM"))
        return -1;
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1)
        return -1;
    size_t cap = len * 2 + 4, left_in = len, left_out = cap;
    char *buf = malloc(cap + 1), *src = (char *)in, *dst = buf;
    int ok = buf && iconv(cd, &src, &left_in, &dst, &left_out) != (size_t)-1 && left_in == 0;
    iconv_close(cd);
    if (!ok) {
        free(buf);
        return -1;
    }
    *dst = '\0';
    *out = buf;
    *out_len = (size_t)(dst - buf);
    *encoding = "GB18030";
    return 0;
}

void csv_reader_init(struct csv_reader *r, const char *text, size_t len)
{
    memset(r, 0, sizeof *r);
    r->p = text;
    r->end = text + len;
    r->line = 1;
}

void csv_reader_free(struct csv_reader *r)
{
    free(r->store);
    r->store = NULL;
}

/* Appends one byte to the record's storage. Returns 0 or -1. */
static int put(struct csv_reader *r, size_t *len, char c)
{
    if (*len + 1 >= r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 1024;
        char *p = realloc(r->store, cap);
        if (!p)
            return -1;
        r->store = p;
        r->cap = cap;
    }
    r->store[(*len)++] = c;
    return 0;
}

int csv_next(struct csv_reader *r, struct csv_record *rec)
{
    while (r->p < r->end && (*r->p == '\n' || *r->p == '\r')) { /* blank lines */
        if (*r->p == '\n')
            r->line++;
        r->p++;
    }
    if (r->p >= r->end)
        return 0;
    rec->nfields = 0;
    rec->line = r->line;
    size_t len = 0, starts[CSV_MAX_FIELDS];
    for (;;) {
        if (rec->nfields >= CSV_MAX_FIELDS)
            return -1;
        starts[rec->nfields++] = len;
        size_t field_start = len;
        if (r->p < r->end && *r->p == '"') {
            r->p++;
            for (;;) {
                if (r->p >= r->end)
                    return -1; /* unterminated quote */
                char c = *r->p++;
                if (c == '"') {
                    if (r->p < r->end && *r->p == '"')
                        r->p++;
                    else
                        break;
                } else if (c == '\n') {
                    r->line++;
                }
                if (put(r, &len, c) != 0 || len - field_start > CSV_MAX_FIELD)
                    return -1;
            }
            if (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r')
                return -1; /* text after a closing quote */
        } else {
            while (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r') {
                if (*r->p == '"')
                    return -1;
                if (put(r, &len, *r->p++) != 0 || len - field_start > CSV_MAX_FIELD)
                    return -1;
            }
        }
        if (put(r, &len, '\0') != 0)
            return -1;
        if (r->p < r->end && *r->p == ',') {
            r->p++;
            continue;
        }
        if (r->p < r->end && *r->p == '\r')
            r->p++;
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

size_t csv_escape(const char *field, char *out, size_t n)
{
    if (!field)
        field = "";
    int formula = strchr("=+-@", field[0]) && field[0];
    int quote = formula || strpbrk(field, ",\"\r\n") != NULL;
    size_t o = 0;
#define EMIT(c)                                                                                                        \
    do {                                                                                                               \
        if (o + 1 >= n)                                                                                                \
            return 0;                                                                                                  \
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
    out[o] = '\0';
    return o;
}
