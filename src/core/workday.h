/*
 * workday.h: China's working-day calendar for time limits (限时办结, review deadlines): Monday to
 * Friday are working days and weekends are off, except the special days of the State Council's
 * yearly notice: public holidays ('o', off even on a weekday) and adjusted working days ('w', 调休:
 * a Saturday or Sunday that is worked). Pure: the caller owns the array of special days (for
 * example loaded from the holidays table); nothing here allocates.
 */
#ifndef BANGFU_WORKDAY_H
#define BANGFU_WORKDAY_H
#include <stddef.h>

#include "date.h"

#define WORKDAY_OFF 'o'  /* public holiday: not worked, even on a weekday */
#define WORKDAY_WORK 'w' /* adjusted working day (调休): worked, even on a weekend */

struct workday_special {
    struct date day;
    char kind; /* WORKDAY_OFF or WORKDAY_WORK */
};

/* A calendar is a view of the caller's array, sorted by day with no day twice (see
   workday_calendar_check). { NULL, 0 } or a NULL calendar pointer means weekends only. */
struct workday_calendar {
    const struct workday_special *days;
    size_t count;
};

/* Checks that the special days are valid dates, strictly increasing, of kind 'o' or 'w'.
   Returns 0, or -1 and sets *bad (when not NULL) to the index of the first bad entry. */
int workday_calendar_check(const struct workday_calendar *cal, size_t *bad);
/* The kind a CSV/table spelling stands for: "off" -> 'o', "work" -> 'w'; -1 for anything else. */
int workday_kind_parse(const char *s);
/* The special kind of d ('o' or 'w'), or 0 when d is an ordinary day. O(log count). */
char workday_kind(const struct workday_calendar *cal, struct date d);
/* 1 when d is a working day: a weekday that is not 'o', or a weekend day that is 'w'; else 0. */
int workday_is_working(const struct workday_calendar *cal, struct date d);
/* The n-th working day after start (start itself never counts, whether working or not): n = 1 is
   the next working day. n <= 0 returns start unchanged. */
struct date workday_add(const struct workday_calendar *cal, struct date start, int n);
/* Number of working days in (from, to]: from excluded, to included; 0 when to <= from.
   workday_count_between(c, s, workday_add(c, s, n)) == n for n >= 1. */
int workday_count_between(const struct workday_calendar *cal, struct date from, struct date to);

#endif
