/*
 * Unit tests for db_end (db.c), which ends every stepping loop: a read that stops on an error part
 * way is reported as -1 with the 500 database error, never taken for a shorter whole list; a read
 * that ran to its end gives back the count.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "temp_db.h"

/* Steps st to its end the way the listers do and returns how many rows came. */
static int rows_of(sqlite3_stmt *st)
{
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW)
        n++;
    return n;
}

/* Two rows, then abs() of the smallest integer overflows on the third: the loop sees 2 rows and
   stops; db_end says -1 and fills e. Two rows read to their end give 2. */
static void a_read_cut_by_an_error_is_not_a_list(void **state)
{
    struct temp_db_fixture *f = *state;
    sqlite3_stmt *st = db_prep(f->db, "SELECT x FROM (SELECT 1 AS x UNION ALL SELECT 2 UNION ALL "
                                      "SELECT abs(-9223372036854775807 - 1)) WHERE x <= ?");
    assert_non_null(st);
    db_bind(st, "i", (int64_t)9);
    int n = rows_of(st);
    assert_int_equal(n, 2);
    struct err e = {0};
    assert_int_equal(db_end(st, n, &e), -1);
    assert_int_equal(e.status, 500);
    assert_string_equal(e.code, "database_error");

    st = db_prep(f->db, "SELECT 1 UNION ALL SELECT 2");
    assert_non_null(st);
    struct err none = {0};
    n = rows_of(st);
    assert_int_equal(db_end(st, n, &none), 2);
    assert_int_equal(none.status, 0);
}

/* Without an err, the failure is still -1. */
static void without_err_still_minus_one(void **state)
{
    struct temp_db_fixture *f = *state;
    sqlite3_stmt *st = db_prep(f->db, "SELECT abs(-9223372036854775807 - 1)");
    assert_non_null(st);
    assert_int_equal(rows_of(st), 0);
    assert_int_equal(db_end(st, 0, NULL), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_read_cut_by_an_error_is_not_a_list, temp_db_setup, temp_db_teardown),
        cmocka_unit_test_setup_teardown(without_err_still_minus_one, temp_db_setup, temp_db_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
