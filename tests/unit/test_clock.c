/* test_clock.c: the one clock — China time whatever TZ says, --today pinning, SQLite's 'now'. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "clock.h"

/* 2026-03-14T16:30:00Z is 2026-03-15 00:30 in Beijing (UTC+8), also when TZ says UTC. */
static void test_china_time(void **state)
{
    (void)state;
    setenv("TZ", "UTC", 1);
    struct tm tm = clock_china_tm((time_t)1773505800);
    assert_int_equal(tm.tm_year + 1900, 2026);
    assert_int_equal(tm.tm_mon + 1, 3);
    assert_int_equal(tm.tm_mday, 15);
    assert_int_equal(tm.tm_hour, 0);
    assert_int_equal(tm.tm_min, 30);
    tm = clock_china_tm((time_t)1773505800 - 3600); /* 23:30 the day before */
    assert_int_equal(tm.tm_mday, 14);
    assert_int_equal(tm.tm_hour, 23);
}

/* SQLite's text form of a time, in UTC. */
/* A stored UTC stamp shown in China time: 2026-11-23 17:30:05 UTC is 2026-11-24 01:30:05 in
   China (UTC+8, across midnight); anything else is copied as it is. */
static void test_china_stamp(void **state)
{
    (void)state;
    char out[CLOCK_STAMP_SIZE];
    assert_string_equal(clock_china_stamp("2026-11-23 17:30:05", out), "2026-11-24 01:30:05");
    assert_string_equal(clock_china_stamp("2026-12-31 16:00:00", out), "2027-01-01 00:00:00");
    assert_string_equal(clock_china_stamp("不是时间", out), "不是时间");
    assert_string_equal(clock_china_stamp(NULL, out), "");
}

static void test_sql_time(void **state)
{
    (void)state;
    char t[CLOCK_SQL_TIME_SIZE];
    assert_string_equal(clock_sql_time(0, t), "1970-01-01 00:00:00");
    assert_string_equal(clock_sql_time((time_t)1773505800, t), "2026-03-14 16:30:00");
}

/* --today pins the date: today, now and SQLite's 'now' (China date of it) all move to that day. */
static void test_pinned(void **state)
{
    (void)state;
    struct date want = {2029, 2, 28};
    clock_pin_today(want);
    struct date today = clock_today();
    assert_int_equal(today.y, 2029);
    assert_int_equal(today.m, 2);
    assert_int_equal(today.d, 28);
    struct tm tm = clock_china_tm(clock_now());
    assert_int_equal(tm.tm_year + 1900, 2029);
    assert_int_equal(tm.tm_mday, 28);

    assert_int_equal(clock_install_sqlite(), SQLITE_OK);
    assert_int_equal(clock_install_sqlite(), SQLITE_OK); /* a second call changes nothing */
    sqlite3 *h = NULL;
    assert_int_equal(sqlite3_open(":memory:", &h), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(h, "SELECT date(datetime('now'), '+8 hours')", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "2029-02-28");
    sqlite3_finalize(st);
    sqlite3_close(h);

    clock_pin_today((struct date){1999, 12, 31}); /* pinning again moves the clock again */
    assert_int_equal(clock_today().y, 1999);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_china_time),
        cmocka_unit_test(test_china_stamp),
        cmocka_unit_test(test_sql_time),
        cmocka_unit_test(test_pinned),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
