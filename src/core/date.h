/*
 * date.h: calendar dates without time or time zone (proleptic Gregorian), the way the domain
 * counts them: due dates, notice periods, days past due. Pure functions on a small value type
 * (today's date comes from clock.h).
 */
#ifndef BANGFU_DATE_H
#define BANGFU_DATE_H
#include <time.h>

struct date {
    int y, m, d;
};

/* Parses exactly "YYYY-MM-DD" (no spaces, no signs, two-digit month and day) into *out when it is
   a real calendar date with 1900 <= year <= 2999. Returns 0, or -1 (out untouched). */
int date_parse(const char *s, struct date *out);
/* Writes d as "YYYY-MM-DD" into out and returns out. Fields out of printable range are clamped
   (year 0..9999, month and day 0..99) so the result is always 10 characters. */
char *date_format(struct date d, char out[11]);
/* 1 when d is a real calendar date with 1900 <= year <= 2999 (what date_parse accepts), else 0. */
int date_valid(struct date d);
/* Days in month m (1..12) of year y (proleptic Gregorian leap years); 0 when m is out of range. */
int date_days_in_month(int y, int m);
/* Days since 1970-01-01 (negative before it). d must be a calendar date (month 1..12); days
   beyond the month's end simply count on (2024-02-30 = 2024-03-01). */
long date_to_days(struct date d);
/* The date `days` days after 1970-01-01 (any year representable in an int). */
struct date date_from_days(long days);
/* d plus n days (n may be negative). */
struct date date_add_days(struct date d, long n);
/* a - b in days: positive when a is later. */
long date_diff(struct date a, struct date b);
/* ISO weekday: 1 = Monday .. 7 = Sunday. */
int date_weekday(struct date d);
/* -1, 0 or 1 as a is before, equal to or after b. */
int date_cmp(struct date a, struct date b);
/* start plus `months` months (may be negative) on start's day of month, or on the month's last day
   when it has no such day: 2024-01-31 + 1 = 2024-02-29, + 2 = 2024-03-31. Always compute each
   date from the same start (never chain results: 2024-02-29 + 1 would be 2024-03-29). */
struct date date_add_months(struct date start, int months);

/* The date of a number yyyymmdd (as SQL's CAST(replace(day, '-', '') AS INTEGER) gives it) into
   *out when it is a valid date. 0, or -1 (0 or any invalid number: out untouched). */
int date_from_number(long long yyyymmdd, struct date *out);

/* Room for any date as documents print it ("2026年12月5日", year up to 9999) with its NUL. */
#define DATE_CN_SIZE 32
/* Writes d as documents print it: "2026年12月5日" (no leading zeros). Every printed document
   writes its dates through this. Fields out of range are clamped as in date_format. Returns out. */
char *date_chinese(struct date d, char out[DATE_CN_SIZE]);
/* The same for "YYYY-MM-DD" text (or a time stamp starting with it); text that is not a date is
   copied as it is (cut to fit). */
char *date_chinese_text(const char *iso, char out[DATE_CN_SIZE]);
/* Copies text into out (n bytes) with every valid date YYYY-MM-DD in it (not inside a longer run of
   digits and dashes) written as documents print it ("统计范围：截至 2026-11-23" → "…截至 2026年11月23日").
   Returns 0, or -1 when the result does not fit (out then holds "" ). */
int date_chinese_in(const char *text, char *out, size_t n);
/* Writes quarter q (1..4) of year y as "2026年第三季度". Returns out. */
char *date_quarter_cn(int y, int q, char out[DATE_CN_SIZE]);
/* Parses a quarter "2026Q3" (year 2000..2999, quarter 1..4, nothing after) into its first and
   last day. Returns 0, or -1 (from and to untouched). */
int date_quarter_parse(const char *s, struct date *from, struct date *to);

#endif
