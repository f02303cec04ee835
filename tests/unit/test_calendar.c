/*
 * Unit tests for the stored working-day calendar's limit (calendar.c): the admin cannot enter more
 * than CALENDAR_MAX_DAYS special days (a new day is refused with calendar_full, changing a day
 * already there still works), and a database holding more than the limit makes calendar_load fail
 * instead of dropping the days past it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "temp_db.h"

/* A fresh database whose holidays table is filled to exactly CALENDAR_MAX_DAYS rows: the shipped
   days plus made-up days off from 2100-01-01 on. */
static int setup(void **state)
{
    assert_int_equal(temp_db_setup(state), 0);
    struct temp_db_fixture *f = *state;
    int64_t shipped = db_int(f->db, -1, "SELECT count(*) FROM holidays", "");
    assert_true(shipped >= 0 && shipped < CALENDAR_MAX_DAYS);
    assert_int_equal(db_run(f->db,
                            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?) "
                            "INSERT INTO holidays (day, kind, name) SELECT date('2100-01-01', '+' || i || ' days'), "
                            "'off', '测试' FROM n",
                            "i", (int64_t)(CALENDAR_MAX_DAYS - shipped)),
                     SQLITE_DONE);
    assert_int_equal(db_int(f->db, -1, "SELECT count(*) FROM holidays", ""), CALENDAR_MAX_DAYS);
    return 0;
}

/* At the limit a new day is refused (nothing added), an existing day can still be changed, and all
   CALENDAR_MAX_DAYS days load. */
static void full_calendar_refuses_a_new_day(void **state)
{
    struct temp_db_fixture *f = *state;
    struct user_ctx admin = {.id = 10, .role = ROLE_ADMIN};
    struct err e = {0};
    assert_int_equal(calendar_set(f->db, &admin, "2099-06-01", "off", "端午", &e), -1);
    assert_int_equal(e.status, 422);
    assert_string_equal(e.code, "calendar_full");
    assert_string_equal(e.field, "day");
    assert_int_equal(db_int(f->db, -1, "SELECT count(*) FROM holidays", ""), CALENDAR_MAX_DAYS);
    assert_int_equal(db_int(f->db, -1, "SELECT count(*) FROM holidays WHERE day = '2099-06-01'", ""), 0);

    struct err ok = {0};
    assert_int_equal(calendar_set(f->db, &admin, "2100-01-01", "off", "元旦", &ok), 0);
    assert_int_equal(db_int(f->db, -1, "SELECT count(*) FROM holidays WHERE day = '2100-01-01' AND name = '元旦'", ""), 1);

    struct calendar *c = malloc(sizeof *c);
    assert_non_null(c);
    assert_int_equal(calendar_load(f->db, c), 0);
    assert_int_equal(c->cal.count, CALENDAR_MAX_DAYS);
    free(c);
}

/* One day more than the limit, written past calendar_set: loading fails rather than dropping it. */
static void overfull_calendar_fails_to_load(void **state)
{
    struct temp_db_fixture *f = *state;
    assert_int_equal(db_exec(f->db, "INSERT INTO holidays (day, kind, name) VALUES ('2099-06-01', 'off', '端午')"), 0);
    struct calendar *c = malloc(sizeof *c);
    assert_non_null(c);
    assert_int_equal(calendar_load(f->db, c), -1);
    free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(full_calendar_refuses_a_new_day, setup, temp_db_teardown),
        cmocka_unit_test_setup_teardown(overfull_calendar_fails_to_load, setup, temp_db_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
