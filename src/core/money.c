/* money.c: parsing and printing money and rates (see money.h). Pure: no I/O, no globals. */
#include "money.h"

#include <stdio.h>
#include <string.h>

/* Skips ASCII spaces and tabs. Returns the first other character. */
static const char *skip_spaces(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The magnitude of v as unsigned (well defined for INT64_MIN too). */
static uint64_t magnitude(int64_t v)
{
    return v < 0 ? (uint64_t)(-(v + 1)) + 1 : (uint64_t)v;
}

int money_parse(const char *s, int64_t *fen)
{
    if (!s || !fen)
        return -1;
    s = skip_spaces(s);
    const char *start = s;
    int64_t yuan = 0;
    int digits = 0, group = 0, commas = 0;
    for (; is_digit(*s) || *s == ','; s++) {
        if (*s == ',') {
            /* the first group has 1..3 digits, every later one exactly 3 */
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
    if (commas && *start == '0') /* "0,123" */
        return -1;
    int64_t cents = 0;
    if (*s == '.') {
        s++;
        int d = 0;
        for (; is_digit(*s); s++, d++) {
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

/* Writes v with thousands separators into grouped (size MONEY_TEXT_SIZE). */
static void group_digits(uint64_t v, char grouped[MONEY_TEXT_SIZE])
{
    char digits[24];
    snprintf(digits, sizeof digits, "%llu", (unsigned long long)v);
    size_t len = strlen(digits), o = 0;
    for (size_t i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            grouped[o++] = ',';
        grouped[o++] = digits[i];
    }
    grouped[o] = '\0';
}

char *money_format(int64_t fen, char *out, size_t n)
{
    uint64_t v = magnitude(fen);
    char grouped[MONEY_TEXT_SIZE];
    group_digits(v / 100, grouped);
    if (out && n)
        snprintf(out, n, "%s%s.%02u", fen < 0 ? "-" : "", grouped, (unsigned)(v % 100));
    return out;
}

char *money_count_format(int64_t count, char *out, size_t n)
{
    char grouped[MONEY_TEXT_SIZE];
    group_digits(magnitude(count), grouped);
    if (out && n)
        snprintf(out, n, "%s%s", count < 0 ? "-" : "", grouped);
    return out;
}

char *money_format_plain(int64_t fen, char *out, size_t n)
{
    uint64_t v = magnitude(fen);
    if (out && n)
        snprintf(out, n, "%s%llu.%02u", fen < 0 ? "-" : "", (unsigned long long)(v / 100), (unsigned)(v % 100));
    return out;
}

static const char *const numeral[10] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};

/* Output being built: a buffer of capacity n, its length o, and whether anything overflowed. */
struct sink {
    char *out;
    size_t n, o;
    int overflow;
};

/* Appends s to the sink (always NUL-terminated); marks overflow when it does not fit. */
static void put(struct sink *k, const char *s)
{
    size_t len = strlen(s);
    if (k->overflow || k->o + len + 1 > k->n) {
        k->overflow = 1;
        return;
    }
    memcpy(k->out + k->o, s, len + 1);
    k->o += len;
}

int money_capital(int64_t fen, char *out, size_t n)
{
    static const char *const place[4] = {"", "拾", "佰", "仟"};
    static const char *const unit[3] = {"", "万", "亿"};
    if (!out || !n)
        return -1;
    out[0] = '\0';
    if (fen < 0 || fen > MONEY_MAX_FEN)
        return -1;
    struct sink k = {out, n, 0, 0};
    int64_t yuan = fen / 100;
    int jiao = (int)(fen / 10 % 10), fen_digit = (int)(fen % 10);

    put(&k, "人民币");
    if (yuan > 0) {
        int group[3]; /* [0] 个, [1] 万, [2] 亿: four digits each; MONEY_MAX_FEN needs 12 digits */
        int64_t v = yuan;
        for (int g = 0; g < 3; g++, v /= 10000)
            group[g] = (int)(v % 10000);
        int written = 0; /* a non-zero digit has been written */
        int zero = 0;    /* zero digits seen since the last written digit: 零 before the next one */
        for (int g = 2; g >= 0; g--) {
            if (group[g] == 0) {
                zero |= written;
                continue;
            }
            for (int pos = 3, scale = 1000; pos >= 0; pos--, scale /= 10) {
                int d = group[g] / scale % 10;
                if (d == 0) {
                    zero |= written;
                    continue;
                }
                if (zero)
                    put(&k, "零");
                put(&k, numeral[d]);
                put(&k, place[pos]);
                written = 1;
                zero = 0;
            }
            put(&k, unit[g]);
            zero = 0; /* the unit closes the group: its trailing zeros write no 零 */
        }
        put(&k, "元");
        if (jiao == 0 && fen_digit == 0)
            put(&k, "整");
        else if (jiao == 0)
            put(&k, "零");
    } else if (jiao == 0 && fen_digit == 0) {
        put(&k, "零元整");
    }
    if (jiao) {
        put(&k, numeral[jiao]);
        put(&k, "角");
        if (!fen_digit)
            put(&k, "整");
    }
    if (fen_digit) {
        put(&k, numeral[fen_digit]);
        put(&k, "分");
    }
    if (k.overflow) {
        out[0] = '\0';
        return -1;
    }
    return 0;
}

int rate_parse(const char *s, int64_t *micro)
{
    if (!s || !micro)
        return -1;
    s = skip_spaces(s);
    int64_t whole = 0, frac = 0;
    int digits = 0, decimals = 0;
    for (; is_digit(*s); s++, digits++)
        if ((whole = whole * 10 + (*s - '0')) > 24)
            return -1;
    if (!digits)
        return -1;
    if (*s == '.') {
        s++;
        for (; is_digit(*s); s++) {
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
    if (v > RATE_MAX_MICRO)
        return -1;
    *micro = v;
    return 0;
}

char *rate_format(int64_t micro, char *out, size_t n)
{
    uint64_t v = magnitude(micro);
    char frac[8];
    snprintf(frac, sizeof frac, "%06u", (unsigned)(v % 1000000));
    int len = 6;
    while (len > 2 && frac[len - 1] == '0')
        len--;
    frac[len] = '\0';
    if (out && n)
        snprintf(out, n, "%s%llu.%s", micro < 0 ? "-" : "", (unsigned long long)(v / 1000000), frac);
    return out;
}

int64_t money_div_round(int64_t a, int64_t b)
{
    return a / b + ((a % b) >= b - (a % b) ? 1 : 0);
}
