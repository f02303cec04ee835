/*
 * buf.c: growable byte buffer and the two escaping writers (HTML, URL). The HTML writer is
 * the default for any text that is not a literal of ours.
 */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Sets b to an empty buffer; no allocation until the first write. */
void buf_init(struct buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}

/* Frees b's storage and leaves it empty and reusable. */
void buf_free(struct buf *b)
{
    free(b->data);
    buf_init(b);
}

/* Empties b but keeps its storage. */
void buf_reset(struct buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

/* Makes room for `extra` more bytes plus a NUL; aborts when memory is exhausted. */
static void buf_grow(struct buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        fputs("bangfu: out of memory\n", stderr);
        abort();
    }
    b->data = p;
    b->cap = cap;
}

/* Appends n bytes of s. */
void buf_put(struct buf *b, const char *s, size_t n)
{
    buf_grow(b, n);
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

/* Appends the NUL-terminated string s (NULL appends nothing). */
void buf_puts(struct buf *b, const char *s)
{
    if (s)
        buf_put(b, s, strlen(s));
}

/* Appends one byte. */
void buf_putc(struct buf *b, char c)
{
    buf_put(b, &c, 1);
}

/* Appends printf-formatted text. Never use it with %s for untrusted text in HTML: pages use html_printf. */
void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n <= 0)
        return;
    buf_grow(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

/* Variadic front of buf_vprintf. */
void buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

/* Hands the storage to the caller (who frees it) and leaves b empty; *len gets the length. */
char *buf_detach(struct buf *b, size_t *len)
{
    if (!b->data)
        buf_put(b, "", 0);
    char *p = b->data;
    if (len)
        *len = b->len;
    buf_init(b);
    return p;
}

/* Appends s escaped for HTML: the default writer for any text that is not ours. */
void buf_html(struct buf *b, const char *s)
{
    if (!s)
        return;
    const char *run = s;
    for (; *s; s++) {
        const char *rep = NULL;
        switch (*s) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        buf_put(b, run, (size_t)(s - run));
        buf_puts(b, rep);
        run = s + 1;
    }
    buf_put(b, run, (size_t)(s - run));
}

/* Appends s percent-encoded (RFC 3986 unreserved characters pass through). */
void buf_urlenc(struct buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.' || *p == '~') {
            buf_putc(b, (char)*p);
        } else {
            char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            buf_put(b, e, 3);
        }
    }
}
