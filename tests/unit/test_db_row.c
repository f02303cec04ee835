/*
 * Unit tests for typed row access (db_row.h) on an in-memory database: one row shape of every
 * type read by index, NULLs as 0 and "", a text one byte longer than its field is an error (and
 * cut between characters, never inside one), the column list is the literal the list spells and
 * the column count points at the first extra column.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_row.h"

enum color { RED, GREEN };
/* "green" is GREEN, anything else RED. */
static int color_parse(const char *s)
{
    return strcmp(s, "green") == 0 ? GREEN : RED;
}

#define SMALL_SIZE 7 /* two CJK characters (6 bytes) and the NUL */
#define TEST_ROW(X, _)                                                                                                 \
    X("n", INT, n) _ X("big", INT64, big) _ X("fen", MONEY, fen) _ X("name", TEXT(SMALL_SIZE), name) _                 \
        X("day", DATE, day) _ X("at", TIME, at) _ X("body", STR, body) _ X("color", ENUM(enum color, color_parse), color)

struct test_row {
    DB_ROW_FIELDS(TEST_ROW)
    int extra;
};
static DB_ROW_READER(test_row_read, TEST_ROW, struct test_row)

/* Steps `SELECT <row columns>, 42 FROM (<values>)` and reads the row; returns the reader's result. */
static int read_one(sqlite3 *h, const char *values, struct test_row *r)
{
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT %s, 42 FROM (%s)", DB_ROW_COLUMNS(TEST_ROW), values);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    memset(r, 0, sizeof *r);
    int rc = test_row_read(st, r);
    r->extra = sqlite3_column_int(st, DB_ROW_NCOLS(TEST_ROW));
    sqlite3_finalize(st);
    return rc;
}

static void test_columns_literal(void **state)
{
    assert_string_equal(DB_ROW_COLUMNS(TEST_ROW), "n, big, fen, name, day, at, body, color");
    assert_int_equal(DB_ROW_NCOLS(TEST_ROW), 8);
}

static void test_every_type(void **state)
{
    sqlite3 *h = *state;
    struct test_row r;
    /* 1 234 567.89 yuan = 123456789 fen; 2^40 = 1099511627776 */
    assert_int_equal(read_one(h,
                              "SELECT 7 AS n, 1099511627776 AS big, 123456789 AS fen, '王芳' AS name, '2026-11-23' AS "
                              "day, '2026-11-23 08:30:00' AS at, '说明' AS body, 'green' AS color",
                              &r),
                     0);
    assert_int_equal(r.n, 7);
    assert_int_equal(r.big, 1099511627776LL);
    assert_int_equal(r.fen, 123456789);
    assert_string_equal(r.name, "王芳");
    assert_string_equal(r.day, "2026-11-23");
    assert_string_equal(r.at, "2026-11-23 08:30:00");
    assert_string_equal(r.body, "说明");
    assert_int_equal(r.color, GREEN);
    assert_int_equal(r.extra, 42);
    free(r.body);
}

static void test_nulls(void **state)
{
    sqlite3 *h = *state;
    struct test_row r;
    assert_int_equal(read_one(h,
                              "SELECT NULL AS n, NULL AS big, NULL AS fen, NULL AS name, NULL AS day, NULL AS at, "
                              "NULL AS body, NULL AS color",
                              &r),
                     0);
    assert_int_equal(r.n, 0);
    assert_int_equal(r.big, 0);
    assert_int_equal(r.fen, 0);
    assert_string_equal(r.name, "");
    assert_string_equal(r.day, "");
    assert_string_equal(r.at, "");
    assert_non_null(r.body);
    assert_string_equal(r.body, "");
    assert_int_equal(r.color, RED);
    assert_int_equal(r.extra, 42);
    free(r.body);
}

static void test_text_too_long_is_error(void **state)
{
    sqlite3 *h = *state;
    struct test_row r;
    /* three characters (9 bytes) into 7 bytes: an error, the later columns still read */
    assert_int_equal(read_one(h,
                              "SELECT 1 AS n, 2 AS big, 3 AS fen, '王芳芳' AS name, '2026-11-23' AS day, '' AS at, "
                              "'' AS body, 'red' AS color",
                              &r),
                     -1);
    assert_string_equal(r.name, "王芳");
    assert_string_equal(r.day, "2026-11-23");
    assert_int_equal(r.extra, 42);
    free(r.body);
    /* exactly the field's size minus the NUL fits */
    assert_int_equal(read_one(h,
                              "SELECT 1 AS n, 2 AS big, 3 AS fen, 'abcdef' AS name, '' AS day, '' AS at, "
                              "'' AS body, 'red' AS color",
                              &r),
                     0);
    assert_string_equal(r.name, "abcdef");
    free(r.body);
}

static int setup(void **state)
{
    sqlite3 *h = NULL;
    assert_int_equal(sqlite3_open(":memory:", &h), SQLITE_OK);
    *state = h;
    return 0;
}

static int teardown(void **state)
{
    sqlite3_close(*state);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_columns_literal),
        cmocka_unit_test_setup_teardown(test_every_type, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nulls, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_too_long_is_error, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
