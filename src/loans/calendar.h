/*
 * calendar.h: the working-day calendar kept in the holidays table (official 2025 and 2026 days
 * ship with the schema; the admin enters later years), loaded for workday.c's pure arithmetic.
 */
#ifndef BANGFU_CALENDAR_H
#define BANGFU_CALENDAR_H
#include "date.h"
#include "db.h"
#include "err.h"
#include "user.h"
#include "workday.h"

#define CALENDAR_MAX_DAYS 2048

struct calendar {
    struct workday_special days[CALENDAR_MAX_DAYS];
    struct workday_calendar cal;
};

/* Loads every special day. Returns 0 or -1. */
int calendar_load(struct db *db, struct calendar *c);
/* The date n working days after start, by the stored calendar (weekends only if it fails). */
struct date calendar_add_working_days(struct db *db, struct date start, int n);
/* Adds or replaces a day (kind "off" or "work", with a name). Audited. 0 or -1 with e. */
int calendar_set(struct db *db, const struct user_ctx *actor, const char *day, const char *kind, const char *name,
                 struct err *e);
/* Removes a day (it becomes an ordinary weekday or weekend again). Audited. 0 or -1 with e. */
int calendar_remove(struct db *db, const struct user_ctx *actor, const char *day, struct err *e);
/* Calls fn(day, kind, name, ctx) for the days of a year, in order. Returns the count. */
int calendar_list(struct db *db, int year, void (*fn)(const char *, const char *, const char *, void *), void *ctx);

#endif
