/* masking.c: masking names, resident IDs and phones by rules (see masking.h). Pure: no I/O. */
#include "masking.h"

#include <string.h>

#define ID_LEN 18

const struct mask_rules mask_defaults = {
    .name_surname = 0,
    .name_last = 1,
    .surnames = MASK_DEFAULT_SURNAMES,
    .id_head = 6,
    .id_tail = 4,
    .phone_head = 3,
    .phone_tail = 4,
};

/* Clamps v into lo..hi. */
static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

void mask_rules_clamp(struct mask_rules *r)
{
    r->name_surname = r->name_surname != 0;
    r->name_last = r->name_last != 0;
    r->surnames[sizeof r->surnames - 1] = '\0';
    r->id_head = clamp(r->id_head, 0, mask_defaults.id_head);
    r->id_tail = clamp(r->id_tail, 0, mask_defaults.id_tail);
    r->phone_head = clamp(r->phone_head, 0, mask_defaults.phone_head);
    r->phone_tail = clamp(r->phone_tail, 0, mask_defaults.phone_tail);
}

/* Length in bytes of the UTF-8 character at s (non-empty): 1 for ASCII and for any byte that does
   not start a complete sequence (a stray continuation byte, a truncated sequence). */
static size_t char_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    for (size_t i = 1; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            return 1;
    return n;
}

/* Number of characters in the first len bytes of s (by char_len). */
static size_t char_count_n(const char *s, size_t len)
{
    size_t count = 0;
    for (const char *end = s + len; s < end && *s; s += char_len(s))
        count++;
    return count;
}

/* Number of characters in s. */
static size_t char_count(const char *s)
{
    return char_count_n(s, strlen(s));
}

/* 1 when every byte of s is ASCII, else 0. */
static int all_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 0;
    return 1;
}

/* Writes count '*' into out (size n, n > 0), as many as fit. Returns out. */
static char *stars(size_t count, char *out, size_t n)
{
    size_t k = 0;
    for (; k < count && k + 1 < n; k++)
        out[k] = '*';
    out[k] = '\0';
    return out;
}

/* Length in bytes of a separator of the surname list at s (space, tab, newline, comma, 、 or ，),
   0 when s is none. */
static size_t separator_at(const char *s)
{
    if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == ',')
        return 1;
    if (strncmp(s, "、", 3) == 0 || strncmp(s, "，", 3) == 0)
        return 3;
    return 0;
}

/* The next compound surname of the list from *p: returns its start and sets *len (0 at the end of
   the list), moving *p past it. */
static const char *next_surname(const char **p, size_t *len)
{
    while (**p && separator_at(*p))
        *p += separator_at(*p);
    const char *start = *p;
    while (**p && !separator_at(*p))
        (*p)++;
    *len = (size_t)(*p - start);
    return start;
}

/* The number of characters of name's surname: the compound surname of the list it starts with,
   else 1. */
static size_t surname_chars(const char *list, const char *name)
{
    size_t len;
    for (const char *p = list, *s; (s = next_surname(&p, &len)), len;)
        if (strncmp(name, s, len) == 0)
            return char_count_n(s, len);
    return 1;
}

int mask_surnames_valid(const char *list)
{
    size_t len, chars;
    for (const char *p = list ? list : "", *s; (s = next_surname(&p, &len)), len;)
        if ((chars = char_count_n(s, len)) < 2 || chars > 4)
            return 0;
    return 1;
}

/* 1 when there is nothing to mask: no room in out (NULL or n 0), or no input (NULL or ""); out
   is then "" when it can be. */
static int empty(const char *in, char *out, size_t n)
{
    if (out && n)
        out[0] = '\0';
    return !out || !n || !in || !*in;
}

char *mask_name_by(const struct mask_rules *r, const char *s, char *out, size_t n)
{
    if (empty(s, out, n))
        return out;
    size_t count = char_count(s), head = r->name_surname ? surname_chars(r->surnames, s) : 1;
    if (head >= count) /* at least one character stays hidden */
        head = 1;
    int tail = r->name_last && count >= head + 2;
    size_t o = 0, i = 0;
    for (const char *p = s; *p; p += char_len(p), i++) {
        size_t len = char_len(p);
        int keep = i < head || (tail && i == count - 1);
        const char *piece = keep ? p : "*";
        size_t plen = keep ? len : 1;
        if (o + plen + 1 > n)
            break;
        memcpy(out + o, piece, plen);
        o += plen;
    }
    out[o] = '\0';
    return out;
}

/* Copies s (len ASCII characters) into out (size n, n > 0) with all but the first head and the
   last tail characters as '*', cut to fit. Returns out. */
static char *keep_ends(const char *s, size_t len, int head, int tail, char *out, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < len && o + 1 < n; i++)
        out[o++] = i < (size_t)head || i + (size_t)tail >= len ? s[i] : '*';
    out[o] = '\0';
    return out;
}

char *mask_id_by(const struct mask_rules *r, const char *id, char *out, size_t n)
{
    if (empty(id, out, n))
        return out;
    if (strlen(id) != ID_LEN || !all_ascii(id))
        return stars(char_count(id), out, n);
    return keep_ends(id, ID_LEN, r->id_head, r->id_tail, out, n);
}

char *mask_phone_by(const struct mask_rules *r, const char *p, char *out, size_t n)
{
    if (empty(p, out, n))
        return out;
    size_t len = strlen(p);
    if (len < 11 || !all_ascii(p))
        return stars(char_count(p), out, n);
    return keep_ends(p, len, r->phone_head, r->phone_tail, out, n);
}

/* 1 for an ASCII digit. */
static int digit(char c)
{
    return c >= '0' && c <= '9';
}

char *mask_text_by(const struct mask_rules *r, const char *text, char *out, size_t n)
{
    if (!out || !n)
        return out;
    size_t o = 0;
    for (const char *p = text ? text : ""; *p && o + 1 < n;) {
        size_t run = 0;
        while (digit(p[run]))
            run++;
        if (run == 17 && (p[run] == 'X' || p[run] == 'x'))
            run++;
        if (run < 11 || (p > text && digit(p[-1]))) { /* not a number to hide: copy one byte */
            out[o++] = *p++;
            continue;
        }
        char piece[64], whole[64];
        size_t take = run < sizeof whole ? run : sizeof whole - 1;
        memcpy(whole, p, take);
        whole[take] = '\0';
        if (run == ID_LEN)
            mask_id_by(r, whole, piece, sizeof piece);
        else
            mask_phone_by(r, whole, piece, sizeof piece);
        for (size_t i = 0; i < run && o + 1 < n; i++) /* same length: digits beyond 63 become '*' */
            out[o++] = i < take ? piece[i] : '*';
        p += run;
    }
    out[o] = '\0';
    return out;
}

char *mask_name(const char *utf8, char *out, size_t n)
{
    return mask_name_by(&mask_defaults, utf8, out, n);
}

char *mask_id(const char *id, char *out, size_t n)
{
    return mask_id_by(&mask_defaults, id, out, n);
}

char *mask_phone(const char *phone, char *out, size_t n)
{
    return mask_phone_by(&mask_defaults, phone, out, n);
}

char *mask_account(const char *account, char *out, size_t n)
{
    if (empty(account, out, n))
        return out;
    size_t len = strlen(account);
    if (!all_ascii(account) || len < 8)
        return stars(char_count(account), out, n);
    return keep_ends(account, len, len >= 16 ? 6 : 0, 4, out, n);
}
