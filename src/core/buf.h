/*
 * buf.h: a growable byte buffer, the one way output is built (HTML pages, JSON, CSV, SQL-free
 * text). Allocation failure aborts: a township PC that is out of memory has no better option,
 * and no caller would handle it better.
 */
#ifndef BANGFU_BUF_H
#define BANGFU_BUF_H
#include <stdarg.h>
#include <stddef.h>

struct buf {
    char *data; /* always NUL-terminated once anything was written */
    size_t len;
    size_t cap;
};

void buf_init(struct buf *b);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
void buf_put(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
char *buf_detach(struct buf *b, size_t *len);

/* Appends s with &<>"' escaped for HTML text and attribute values. NULL appends nothing. */
void buf_html(struct buf *b, const char *s);
/* Appends s percent-encoded for a URL query value. */
void buf_urlenc(struct buf *b, const char *s);

#endif
