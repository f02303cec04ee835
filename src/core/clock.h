/*
 * clock.h: the program's one clock. Nothing else reads the wall clock: every "today", every
 * timestamp written to the database (SQLite's 'now' included, through a VFS whose current-time
 * method asks this module) and every time printed comes from here. `--today YYYY-MM-DD` pins the
 * date for training and tests: the clock then runs on that day, keeping the real time of day.
 * Dates and times are China time (UTC+8, no daylight saving) whatever the server's time zone.
 */
#ifndef BANGFU_CLOCK_H
#define BANGFU_CLOCK_H
#include <time.h>

#include "date.h"

/* China time's offset from UTC in seconds. */
#define CLOCK_CHINA_OFFSET (8 * 3600)
/* Room for "YYYY-MM-DD HH:MM:SS" and its terminator. */
#define CLOCK_SQL_TIME_SIZE 20

/* Pins today's date for the rest of the process (from --today). Call once, before any thread
   starts. */
void clock_pin_today(struct date d);
/* Seconds since the epoch: the real time, shifted by whole days onto the pinned date if any. */
time_t clock_now(void);
/* Today's date in China time (the pinned date when --today was given). */
struct date clock_today(void);
/* The broken-down China time of t (tm_gmtoff and tm_zone are not set). */
struct tm clock_china_tm(time_t t);
/* Room for a time stamp "YYYY-MM-DD HH:MM:SS" with its NUL. */
#define CLOCK_STAMP_SIZE 20
/* Writes a stored UTC time stamp ("YYYY-MM-DD HH:MM:SS", as SQLite writes it) in China time into
   out; text that is not such a stamp is copied as it is (cut to fit). Returns out. */
char *clock_china_stamp(const char *utc, char out[CLOCK_STAMP_SIZE]);
/* Seconds from the real (unshifted) time t, such as a file's mtime, to now. */
long clock_seconds_since_real(time_t t);
/* Writes t as SQLite writes its current time ("YYYY-MM-DD HH:MM:SS", UTC) into out. Returns out. */
char *clock_sql_time(time_t t, char out[CLOCK_SQL_TIME_SIZE]);
/* Makes SQLite's 'now' (its date functions, column defaults) follow clock_now(): registers a VFS
   that wraps the default one. Safe to call more than once and from several threads; returns 0 or
   an SQLite error code. */
int clock_install_sqlite(void);

#endif
