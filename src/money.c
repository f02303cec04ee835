/* money.c: parsing and printing money and rates (see money.h). Pure. */
#include "money.h"

#include <stdio.h>
#include <string.h>

/* Skips ASCII spaces. */
static const char *skip_spaces(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

int money_parse(const char *s, int64_t *fen)
{
    if (!s)
        return -1;
    s = skip_spaces(s);
    int64_t yuan = 0;
    int digits = 0, group = 0, commas = 0;
    for (; (*s >= '0' && *s <= '9') || *s == ','; s++) {
        if (*s == ',') {
            if (!digits || (commas ? group != 3 : group > 3))
                return -1;
            commas++, group = 0;
            continue;
        }
        yuan = yuan * 10 + (*s - '0');
        if (yuan > MONEY_MAX_FEN / 100)
            return -1;
        digits++, group++;
    }
    if (!digits || (commas && group != 3))
        return -1;
    int64_t cents = 0;
    if (*s == '.') {
        s++;
        int d = 0;
        for (; *s >= '0' && *s <= '9'; s++, d++) {
            if (d >= 2)
                return -1;
            cents = cents * 10 + (*s - '0');
        }
        if (d == 0)
            return -1;
        if (d == 1)
            cents *= 10;
    }
    if (*skip_spaces(s))
        return -1;
    *fen = yuan * 100 + cents;
    return 0;
}

char *money_format(int64_t fen, char *out, size_t n)
{
    char digits[32];
    uint64_t v = fen < 0 ? (uint64_t)(-(fen + 1)) + 1 : (uint64_t)fen;
    snprintf(digits, sizeof digits, "%llu", (unsigned long long)(v / 100));
    char grouped[48];
    size_t len = strlen(digits), o = 0;
    for (size_t i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            grouped[o++] = ',';
        grouped[o++] = digits[i];
    }
    grouped[o] = '\0';
    snprintf(out, n, "%s%s.%02u", fen < 0 ? "-" : "", grouped, (unsigned)(v % 100));
    return out;
}

char *money_format_plain(int64_t fen, char *out, size_t n)
{
    uint64_t v = fen < 0 ? (uint64_t)(-(fen + 1)) + 1 : (uint64_t)fen;
    snprintf(out, n, "%s%llu.%02u", fen < 0 ? "-" : "", (unsigned long long)(v / 100), (unsigned)(v % 100));
    return out;
}

static const char *const numeral[10] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};

/* Appends s to out (capacity n, length *o). Returns 0 or -1 when it does not fit. */
static int append(char *out, size_t n, size_t *o, const char *s)
{
    size_t len = strlen(s);
    if (*o + len + 1 > n)
        return -1;
    memcpy(out + *o, s, len + 1);
    *o += len;
    return 0;
}

int money_capital(int64_t fen, char *out, size_t n)
{
    static const char *const place[4] = {"", "拾", "佰", "仟"};
    static const char *const section[4] = {"", "万", "亿", "万亿"};
    if (fen < 0 || !out || !n)
        return -1;
    int64_t yuan = fen / 100;
    int jiao = (int)(fen / 10 % 10), cents = (int)(fen % 10);
    size_t o = 0;
    int rc = append(out, n, &o, "人民币");
    if (yuan > 0) {
        int digits[20], nd = 0;
        for (int64_t v = yuan; v; v /= 10)
            digits[nd++] = (int)(v % 10);
        int pending_zero = 0, wrote = 0;
        for (int i = nd - 1; i >= 0; i--) {
            int d = digits[i], pos = i % 4, sec = i / 4;
            if (d == 0) {
                pending_zero = wrote; /* a zero after something written: maybe a 零 later */
            } else {
                if (pending_zero)
                    rc |= append(out, n, &o, "零");
                rc |= append(out, n, &o, numeral[d]);
                rc |= append(out, n, &o, place[pos]);
                pending_zero = 0;
                wrote = 1;
            }
            if (pos == 0 && sec > 0) {
                /* close the section (万/亿) if any of its four digits is non-zero */
                int any = 0;
                for (int k = i; k < i + 4 && k < nd; k++)
                    any |= digits[k] != 0;
                if (any)
                    rc |= append(out, n, &o, section[sec]);
            }
        }
        rc |= append(out, n, &o, "元");
        if (jiao == 0 && cents == 0)
            rc |= append(out, n, &o, "整");
        else if (jiao == 0 || digits[0] == 0)
            rc |= append(out, n, &o, jiao == 0 ? "零" : "");
    } else if (jiao == 0 && cents == 0) {
        rc |= append(out, n, &o, "零元整");
    }
    if (jiao) {
        rc |= append(out, n, &o, numeral[jiao]);
        rc |= append(out, n, &o, "角");
        if (!cents)
            rc |= append(out, n, &o, "整");
    }
    if (cents) {
        rc |= append(out, n, &o, numeral[cents]);
        rc |= append(out, n, &o, "分");
    }
    return rc ? -1 : 0;
}

int rate_parse(const char *s, int64_t *micro)
{
    if (!s)
        return -1;
    s = skip_spaces(s);
    int64_t whole = 0, frac = 0;
    int digits = 0, decimals = 0;
    for (; *s >= '0' && *s <= '9'; s++, digits++)
        if ((whole = whole * 10 + (*s - '0')) > 24)
            return -1;
    if (!digits)
        return -1;
    if (*s == '.') {
        s++;
        for (; *s >= '0' && *s <= '9'; s++) {
            if (++decimals > 6)
                return -1;
            frac = frac * 10 + (*s - '0');
        }
        if (!decimals)
            return -1;
    }
    if (*skip_spaces(s))
        return -1;
    for (int i = decimals; i < 6; i++)
        frac *= 10;
    int64_t v = whole * 1000000 + frac;
    if (v > 24000000)
        return -1;
    *micro = v;
    return 0;
}

char *rate_format(int64_t micro, char *out, size_t n)
{
    char frac[8];
    snprintf(frac, sizeof frac, "%06lld", (long long)(micro % 1000000));
    int len = 6;
    while (len > 2 && frac[len - 1] == '0')
        len--;
    frac[len] = '\0';
    snprintf(out, n, "%lld.%s", (long long)(micro / 1000000), frac);
    return out;
}
