/* workday.c: the working-day calendar (see workday.h). */
#include "workday.h"

#include <string.h>

int workday_calendar_check(const struct workday_calendar *cal, size_t *bad)
{
    if (!cal || cal->count == 0)
        return 0;
    if (!cal->days) {
        if (bad)
            *bad = 0;
        return -1;
    }
    for (size_t i = 0; i < cal->count; i++) {
        const struct workday_special *s = &cal->days[i];
        int ok = date_valid(s->day) && (s->kind == WORKDAY_OFF || s->kind == WORKDAY_WORK) &&
                 (i == 0 || date_cmp(cal->days[i - 1].day, s->day) < 0);
        if (!ok) {
            if (bad)
                *bad = i;
            return -1;
        }
    }
    return 0;
}

int workday_kind_parse(const char *s)
{
    if (!s)
        return -1;
    if (strcmp(s, "off") == 0)
        return WORKDAY_OFF;
    if (strcmp(s, "work") == 0)
        return WORKDAY_WORK;
    return -1;
}

/* Index of the first special day after d (count when none). */
static size_t first_after(const struct workday_calendar *cal, struct date d)
{
    size_t lo = 0, hi = cal->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (date_cmp(cal->days[mid].day, d) <= 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* 1 when the calendar has any special days. */
static int has_specials(const struct workday_calendar *cal)
{
    return cal && cal->days && cal->count > 0;
}

char workday_kind(const struct workday_calendar *cal, struct date d)
{
    if (!has_specials(cal))
        return 0;
    size_t i = first_after(cal, d);
    if (i > 0 && date_cmp(cal->days[i - 1].day, d) == 0)
        return cal->days[i - 1].kind;
    return 0;
}

int workday_is_working(const struct workday_calendar *cal, struct date d)
{
    char k = workday_kind(cal, d);
    if (k == WORKDAY_OFF)
        return 0;
    if (k == WORKDAY_WORK)
        return 1;
    return date_weekday(d) <= 5;
}

struct date workday_add(const struct workday_calendar *cal, struct date start, int n)
{
    long day = date_to_days(start);
    while (n > 0) {
        day++;
        if (workday_is_working(cal, date_from_days(day)))
            n--;
    }
    return date_from_days(day);
}

/* Floor division for a positive divisor. */
static long floor_div(long a, long b)
{
    long q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}

/* Monday-to-Friday days in (anchor, day], counted from the Monday 1970-01-05 (day 4), so that
   the difference of two values is the number of weekdays in between. */
static long weekdays_upto(long day)
{
    long w = day - 4; /* 0 = Monday 1970-01-05 */
    long weeks = floor_div(w, 7);
    long rem = w - weeks * 7; /* 0 = Monday .. 6 = Sunday */
    return weeks * 5 + (rem < 5 ? rem + 1 : 5);
}

int workday_count_between(const struct workday_calendar *cal, struct date from, struct date to)
{
    long a = date_to_days(from), b = date_to_days(to);
    if (b <= a)
        return 0;
    long n = weekdays_upto(b) - weekdays_upto(a);
    if (!has_specials(cal))
        return (int)n;
    for (size_t i = first_after(cal, from); i < cal->count && date_cmp(cal->days[i].day, to) <= 0; i++) {
        int weekday = date_weekday(cal->days[i].day) <= 5;
        if (cal->days[i].kind == WORKDAY_OFF && weekday)
            n--;
        else if (cal->days[i].kind == WORKDAY_WORK && !weekday)
            n++;
    }
    return (int)n;
}
