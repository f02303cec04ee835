/* keyset.c: the cursors of keyset-paged lists (see keyset.h). */
#include "keyset.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Writes s hex-encoded into out (room for 2 * strlen(s) + 1). */
static void hex_of(const char *s, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (; *s; s++) {
        *out++ = digits[(unsigned char)*s >> 4];
        *out++ = digits[(unsigned char)*s & 15];
    }
    *out = 0;
}

/* Decodes the hex of [p, end) into out (size KEYSET_KEY_SIZE). 0, or -1 when not hex or too long. */
static int hex_to(const char *p, const char *end, char *out)
{
    if ((end - p) % 2 || (end - p) / 2 >= KEYSET_KEY_SIZE)
        return -1;
    for (; p < end; p += 2) {
        char pair[3] = {p[0], p[1], 0}, *stop;
        long v = strtol(pair, &stop, 16);
        if (*stop || !v)
            return -1;
        *out++ = (char)v;
    }
    *out = 0;
    return 0;
}

/* The cursor of a row: hex(k1) "." hex(k2) "." id. 0, or -1 when a key is longer than a cursor holds. */
static int cursor_of(const char *k1, const char *k2, int64_t id, char *out)
{
    char a[2 * KEYSET_KEY_SIZE], b[2 * KEYSET_KEY_SIZE];
    if (strlen(k1) >= KEYSET_KEY_SIZE || strlen(k2) >= KEYSET_KEY_SIZE)
        return -1;
    hex_of(k1, a);
    hex_of(k2, b);
    snprintf(out, KEYSET_CURSOR_SIZE, "%s.%s.%" PRId64, a, b, id);
    return 0;
}

int keyset_parse(const char *s, struct keyset *k)
{
    const char *dot1 = strchr(s, '.'), *dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;
    char *stop;
    if (!dot2 || hex_to(s, dot1, k->k1) != 0 || hex_to(dot1 + 1, dot2, k->k2) != 0 || !dot2[1])
        return -1;
    long long id = strtoll(dot2 + 1, &stop, 10);
    if (*stop || id < 0)
        return -1;
    k->id = id;
    k->after = 1;
    return 0;
}

int keyset_row(struct keyset *k, const char *k1, const char *k2, int64_t id)
{
    if (k->rows >= k->limit) {
        k->more = 1;
        return 0;
    }
    if (cursor_of(k1, k2, id, k->next) != 0)
        return -1;
    k->rows++;
    return 1;
}

int keyset_prev(struct keyset *k, int found, const char *k1, const char *k2, int64_t id)
{
    k->has_prev = k->after;
    k->prev[0] = 0;
    return found ? cursor_of(k1, k2, id, k->prev) : 0;
}

