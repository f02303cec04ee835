/* date.c: calendar arithmetic (see date.h). Day numbers use Howard Hinnant's civil-date
   algorithms, exact for the whole proleptic Gregorian calendar. */
#include "date.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DATE_YEAR_MIN 1900
#define DATE_YEAR_MAX 2999

/* Floor division for a positive divisor (C division truncates toward zero). */
static long floor_div(long a, long b)
{
    long q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}

/* 1 when y is a Gregorian leap year. */
static int is_leap(long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int date_valid(struct date d)
{
    return d.y >= DATE_YEAR_MIN && d.y <= DATE_YEAR_MAX && d.m >= 1 && d.m <= 12 && d.d >= 1 &&
           d.d <= date_days_in_month(d.y, d.m);
}

/* Reads n ASCII digits at s into *v; returns 0, or -1 when any is not a digit. */
static int read_digits(const char *s, int n, int *v)
{
    int x = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        x = x * 10 + (s[i] - '0');
    }
    *v = x;
    return 0;
}

int date_parse(const char *s, struct date *out)
{
    struct date d;
    if (!s || !out)
        return -1;
    for (int i = 0; i < 10; i++)
        if (s[i] == '\0')
            return -1;
    if (s[10] != '\0' || s[4] != '-' || s[7] != '-')
        return -1;
    if (read_digits(s, 4, &d.y) || read_digits(s + 5, 2, &d.m) || read_digits(s + 8, 2, &d.d))
        return -1;
    if (!date_valid(d))
        return -1;
    *out = d;
    return 0;
}

/* Clamps v into lo..hi. */
static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Writes v (0..10^width-1) as exactly `width` decimal digits at out. */
static void put_digits(char *out, int v, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        out[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

char *date_format(struct date d, char out[11])
{
    put_digits(out, clamp(d.y, 0, 9999), 4);
    out[4] = '-';
    put_digits(out + 5, clamp(d.m, 0, 99), 2);
    out[7] = '-';
    put_digits(out + 8, clamp(d.d, 0, 99), 2);
    out[10] = '\0';
    return out;
}

long date_to_days(struct date d)
{
    long y = (long)d.y - (d.m <= 2);
    long era = floor_div(y, 400);
    long yoe = y - era * 400;                                    /* 0..399 */
    long mp = (d.m + 9) % 12;                                    /* March = 0 */
    long doy = (153 * mp + 2) / 5 + d.d - 1;                     /* 0..365 */
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            /* 0..146096 */
    return era * 146097 + doe - 719468;
}

struct date date_from_days(long days)
{
    long z = days + 719468;
    long era = floor_div(z, 146097);
    long doe = z - era * 146097;                                 /* 0..146096 */
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);          /* 0..365 */
    long mp = (5 * doy + 2) / 153;                               /* March = 0 */
    struct date r;
    r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
    r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
    r.y = (int)(yoe + era * 400 + (r.m <= 2));
    return r;
}

struct date date_add_days(struct date d, long n)
{
    return date_from_days(date_to_days(d) + n);
}

long date_diff(struct date a, struct date b)
{
    return date_to_days(a) - date_to_days(b);
}

int date_weekday(struct date d)
{
    /* 1970-01-01 was a Thursday (4). */
    long w = date_to_days(d) % 7;
    return (int)((w + 7 + 3) % 7) + 1;
}

int date_cmp(struct date a, struct date b)
{
    if (a.y != b.y)
        return a.y < b.y ? -1 : 1;
    if (a.m != b.m)
        return a.m < b.m ? -1 : 1;
    if (a.d != b.d)
        return a.d < b.d ? -1 : 1;
    return 0;
}

struct date date_add_months(struct date start, int months)
{
    long total = (long)start.y * 12 + (start.m - 1) + months;
    long y = floor_div(total, 12);
    struct date r;
    r.y = (int)y;
    r.m = (int)(total - y * 12) + 1;
    int last = date_days_in_month(r.y, r.m);
    r.d = start.d > last ? last : start.d;
    return r;
}

char *date_chinese(struct date d, char out[DATE_CN_SIZE])
{
    snprintf(out, DATE_CN_SIZE, "%d年%d月%d日", clamp(d.y, 0, 9999), clamp(d.m, 0, 99), clamp(d.d, 0, 99));
    return out;
}

char *date_chinese_text(const char *iso, char out[DATE_CN_SIZE])
{
    char day[11];
    struct date d;
    snprintf(day, sizeof day, "%s", iso ? iso : "");
    if (date_parse(day, &d) == 0)
        return date_chinese(d, out);
    snprintf(out, DATE_CN_SIZE, "%.*s", DATE_CN_SIZE - 1, iso ? iso : "");
    return out;
}

/* 1 when c is an ASCII digit or a dash (a date never begins or ends next to one). */
static int digit_or_dash(char c)
{
    return (c >= '0' && c <= '9') || c == '-';
}

int date_chinese_in(const char *text, char *out, size_t n)
{
    size_t len = 0;
    for (const char *s = text ? text : ""; *s;) {
        char day[11], cn[DATE_CN_SIZE];
        struct date d;
        const char *piece = s;
        size_t take = 1;
        snprintf(day, sizeof day, "%s", s);
        if ((s == text || !digit_or_dash(s[-1])) && strlen(day) == 10 && !digit_or_dash(s[10]) &&
            date_parse(day, &d) == 0) {
            piece = date_chinese(d, cn);
            take = strlen(piece);
            s += 10;
        } else {
            s++;
        }
        if (len + take >= n) {
            if (n)
                out[0] = '\0';
            return -1;
        }
        memcpy(out + len, piece, take);
        len += take;
    }
    if (!n)
        return -1;
    out[len] = '\0';
    return 0;
}

char *date_quarter_cn(int y, int q, char out[DATE_CN_SIZE])
{
    static const char *const names[] = {"一", "二", "三", "四"};
    snprintf(out, DATE_CN_SIZE, "%d年第%s季度", clamp(y, 0, 9999), names[clamp(q, 1, 4) - 1]);
    return out;
}

int date_quarter_parse(const char *s, struct date *from, struct date *to)
{
    if (!s || strlen(s) != 6 || s[4] != 'Q' || s[5] < '1' || s[5] > '4')
        return -1;
    for (int i = 0; i < 4; i++)
        if (s[i] < '0' || s[i] > '9')
            return -1;
    int y = atoi(s), q = s[5] - '0';
    if (y < 2000 || y > 2999)
        return -1;
    *from = (struct date){y, 3 * q - 2, 1};
    *to = (struct date){y, 3 * q, date_days_in_month(y, 3 * q)};
    return 0;
}

int date_from_number(long long yyyymmdd, struct date *out)
{
    struct date d = {(int)(yyyymmdd / 10000), (int)(yyyymmdd / 100 % 100), (int)(yyyymmdd % 100)};
    if (yyyymmdd <= 0 || yyyymmdd > 99991231 || !date_valid(d))
        return -1;
    *out = d;
    return 0;
}
