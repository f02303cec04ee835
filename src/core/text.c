/* text.c: UTF-8 validity and length checks for input (see text.h). Pure: no I/O. */
#include "text.h"

#include <string.h>

int text_utf8_valid(const char *str)
{
    const unsigned char *s = (const unsigned char *)str;
    while (*s) {
        unsigned c = *s;
        int n;
        unsigned min;
        if (c < 0x80) {
            s++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 1, min = 0x80, c &= 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2, min = 0x800, c &= 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3, min = 0x10000, c &= 0x07;
        } else {
            return 0;
        }
        for (int i = 1; i <= n; i++) {
            if ((s[i] & 0xC0) != 0x80)
                return 0;
            c = (c << 6) | (s[i] & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            return 0;
        s += n + 1;
    }
    return 1;
}

size_t text_chars(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

/* Shared body of text_check and text_check_multiline. */
static int check(const char *s, size_t min, size_t max, int multiline)
{
    if (!s)
        s = "";
    if (!text_utf8_valid(s))
        return -1;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p < 0x20 && !(multiline && (*p == '\n' || *p == '\r' || *p == '\t'))) || *p == 0x7F)
            return -1;
    size_t n = text_chars(s);
    return n >= min && n <= max ? 0 : -1;
}

int text_check(const char *s, size_t min, size_t max)
{
    return check(s, min, max, 0);
}

int text_check_multiline(const char *s, size_t min, size_t max)
{
    return check(s, min, max, 1);
}

char *text_trim(const char *s, char *out, size_t n)
{
    if (!n)
        return out;
    if (!s)
        s = "";
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    size_t len = strlen(s);
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r' || s[len - 1] == '\n'))
        len--;
    if (len >= n)
        len = n - 1;
    memcpy(out, s, len);
    out[len] = '\0';
    return out;
}

int text_append(char *out, size_t n, size_t *used, const char *s)
{
    size_t len = s ? strlen(s) : 0;
    if (!out || !used || *used >= n || len >= n - *used)
        return -1;
    memcpy(out + *used, s ? s : "", len);
    *used += len;
    out[*used] = '\0';
    return 0;
}

int text_copy(char *out, size_t n, const char *s)
{
    size_t used = 0;
    if (out && n)
        out[0] = '\0';
    return text_append(out, n, &used, s);
}
