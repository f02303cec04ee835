/* clock.c: the program's one clock (see clock.h). */
#include "clock.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

/* Whole days added to the real time when --today pins the date; 0 when not pinned. Written once
   by clock_pin_today before threads start, read-only after. */
static long day_shift;

/* The China calendar date of t. */
static struct date china_date(time_t t)
{
    long secs = (long)t + CLOCK_CHINA_OFFSET;
    long days = secs / 86400 - (secs % 86400 < 0);
    return date_from_days(days);
}

/* The one place that reads the wall clock. */
static time_t wall_clock(void)
{
    return time(NULL);
}

void clock_pin_today(struct date d)
{
    day_shift = date_diff(d, china_date(wall_clock()));
}

time_t clock_now(void)
{
    return wall_clock() + (time_t)day_shift * 86400;
}

long clock_seconds_since_real(time_t t)
{
    return (long)(wall_clock() - t);
}

struct date clock_today(void)
{
    return china_date(clock_now());
}

struct tm clock_china_tm(time_t t)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    time_t local = t + CLOCK_CHINA_OFFSET;
    if (!gmtime_r(&local, &tm))
        memset(&tm, 0, sizeof tm);
    return tm;
}

char *clock_china_stamp(const char *utc, char out[CLOCK_STAMP_SIZE])
{
    struct tm tm = {0};
    const char *end = utc ? strptime(utc, "%Y-%m-%d %H:%M:%S", &tm) : NULL;
    if (!end || *end) {
        snprintf(out, CLOCK_STAMP_SIZE, "%s", utc ? utc : "");
        return out;
    }
    struct tm cn = clock_china_tm(timegm(&tm));
    snprintf(out, CLOCK_STAMP_SIZE, "%04d-%02d-%02d %02d:%02d:%02d", (cn.tm_year + 1900) % 10000, (cn.tm_mon + 1) % 100,
             cn.tm_mday % 100, cn.tm_hour % 100, cn.tm_min % 100, cn.tm_sec % 100);
    return out;
}

char *clock_sql_time(time_t t, char out[CLOCK_SQL_TIME_SIZE])
{
    struct tm tm;
    if (!gmtime_r(&t, &tm) || strftime(out, CLOCK_SQL_TIME_SIZE, "%Y-%m-%d %H:%M:%S", &tm) == 0)
        snprintf(out, CLOCK_SQL_TIME_SIZE, "1970-01-01 00:00:00");
    return out;
}

/* ---- SQLite's 'now' ------------------------------------------------------------------------ */

/* The Unix epoch as a Julian day number in milliseconds, SQLite's unit for the current time. */
#define UNIX_EPOCH_JULIAN_MS 210866760000000LL

static sqlite3_vfs clock_vfs;
static pthread_once_t vfs_once = PTHREAD_ONCE_INIT;
static int vfs_rc = SQLITE_OK;

/* xCurrentTimeInt64 of the wrapping VFS: clock_now() in Julian milliseconds. */
static int vfs_time_int64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
    *out = (sqlite3_int64)clock_now() * 1000 + UNIX_EPOCH_JULIAN_MS;
    return SQLITE_OK;
}

/* xCurrentTime of the wrapping VFS (older SQLite callers): clock_now() as a Julian day. */
static int vfs_time(sqlite3_vfs *vfs, double *out)
{
    sqlite3_int64 ms;
    vfs_time_int64(vfs, &ms);
    *out = (double)ms / 86400000.0;
    return SQLITE_OK;
}

/* Registers the wrapping VFS as the default (once). */
static void install_vfs(void)
{
    sqlite3_vfs *base = sqlite3_vfs_find(NULL);
    if (!base) {
        vfs_rc = SQLITE_ERROR;
        return;
    }
    clock_vfs = *base;
    clock_vfs.zName = "bangfu-clock";
    clock_vfs.pNext = NULL;
    clock_vfs.xCurrentTime = vfs_time;
    if (clock_vfs.iVersion >= 2)
        clock_vfs.xCurrentTimeInt64 = vfs_time_int64;
    vfs_rc = sqlite3_vfs_register(&clock_vfs, 1);
}

int clock_install_sqlite(void)
{
    if (pthread_once(&vfs_once, install_vfs) != 0)
        return SQLITE_ERROR;
    return vfs_rc;
}
