/*
 * test_portfolio_months.c: closed months are stored once per village and read as sums over a
 * scope; the stored figures equal a fresh recomputation from the repayments and schedules, to the
 * fen, for the district, every township and every village, for the twelve months before today and
 * again after the date moves into the next month (as a server restarted with a later --today).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "demo_db.h"
#include "portfolio_months.h"
#include "temp_db.h"

#define TODAY ((struct date){2026, 11, 23})
#define NEXT_MONTH ((struct date){2026, 12, 2})

/* The demo database as of TODAY (a struct temp_db_fixture). */
static int setup(void **state)
{
    if (temp_db_setup(state) == 0 && demo_db_fill(((struct temp_db_fixture *)*state)->db, TODAY) == 0)
        return 0;
    temp_db_teardown(state);
    return -1;
}

/* For every unit's scope: the twelve months ending with today's month as portfolio_months gives
   them (closed months from the stored village figures) equal fresh recomputation to the fen, and
   at least one closed month has money in it (so the comparison compares something). */
static void assert_stored_equals_fresh(struct db *db, struct date today)
{
    struct month_figure got[12], fresh;
    int64_t money = 0;
    sqlite3_stmt *st = db_prep(db, "SELECT path FROM units ORDER BY id");
    assert_non_null(st);
    int scopes = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct user_ctx u = {0};
        snprintf(u.unit_path, sizeof u.unit_path, "%s", (const char *)sqlite3_column_text(st, 0));
        assert_int_equal(portfolio_months(db, &u, today, today, 12, 1, got), 12);
        for (int i = 0; i < 11; i++) {
            struct date end = date_add_days(date_add_months((struct date){today.y, today.m, 1}, i - 10), -1);
            assert_int_equal(portfolio_month_fresh(db, u.unit_path, end, &fresh), 0);
            assert_string_equal(got[i].month, fresh.month);
            assert_int_equal(got[i].disbursed_fen, fresh.disbursed_fen);
            assert_int_equal(got[i].outstanding_fen, fresh.outstanding_fen);
            assert_int_equal(got[i].par30_fen, fresh.par30_fen);
            money += fresh.outstanding_fen + fresh.disbursed_fen;
        }
        scopes++;
    }
    db_done(st);
    assert_true(scopes > 10);
    assert_true(money > 0);
}

/* Closing stores each of the twelve months before today's once (a second run closes none), and
   the stored figures are those recomputed; the next month's first day closes exactly one more. */
static void test_closed_months_equal_recomputation(void **state)
{
    struct temp_db_fixture *f = *state;
    assert_int_equal(portfolio_months_close(f->db, TODAY, 12), 12);
    assert_int_equal(portfolio_months_close(f->db, TODAY, 12), 0);
    assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM closed_months", ""), 12);
    assert_true(db_int(f->db, 0, "SELECT count(*) FROM village_months WHERE month = '2026-10' AND outstanding_fen > 0", "") > 0);
    assert_stored_equals_fresh(f->db, TODAY);

    assert_int_equal(portfolio_months_close(f->db, NEXT_MONTH, 12), 1);
    assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM closed_months WHERE month = '2026-11'", ""), 1);
    assert_stored_equals_fresh(f->db, NEXT_MONTH);
}

/* A month not closed yet is closed by the first document that needs it; reopening from a date drops
   that month and the later ones only. */
static void test_request_closes_and_reversal_reopens(void **state)
{
    struct temp_db_fixture *f = *state;
    struct user_ctx district = {0};
    struct month_figure m[12];
    snprintf(district.unit_path, sizeof district.unit_path, "/1/");
    assert_int_equal(db_run(f->db, "DELETE FROM village_months", ""), SQLITE_DONE);
    assert_int_equal(db_run(f->db, "DELETE FROM closed_months", ""), SQLITE_DONE);
    assert_int_equal(portfolio_months(f->db, &district, TODAY, TODAY, 12, 1, m), 12);
    assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM closed_months", ""), 11);
    assert_int_equal(db_begin(f->db), SQLITE_OK);
    assert_int_equal(portfolio_months_reopen(f->db, "2026-09-15"), 0);
    assert_int_equal(db_commit(f->db), SQLITE_OK);
    assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM closed_months WHERE month >= '2026-09'", ""), 0);
    assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM village_months WHERE month >= '2026-09'", ""), 0);
    assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM closed_months", ""), 9); /* 2025-12 … 2026-08 */
    assert_stored_equals_fresh(f->db, TODAY);
}

/* A page (close_missing 0) never closes a month: the months not closed are marked pending with no
   figures and nothing is stored; once the closer has closed them, the page's months are exactly the
   document's. */
static void test_page_leaves_open_months_to_the_closer(void **state)
{
    struct temp_db_fixture *f = *state;
    struct user_ctx district = {0};
    struct month_figure page[12], doc[12];
    snprintf(district.unit_path, sizeof district.unit_path, "/1/");
    assert_int_equal(db_run(f->db, "DELETE FROM village_months", ""), SQLITE_DONE);
    assert_int_equal(db_run(f->db, "DELETE FROM closed_months", ""), SQLITE_DONE);
    assert_int_equal(portfolio_months(f->db, &district, TODAY, TODAY, 12, 0, page), 12);
    for (int i = 0; i < 11; i++) {
        assert_int_equal(page[i].pending, 1);
        assert_int_equal(page[i].outstanding_fen + page[i].disbursed_fen + page[i].par30_fen, 0);
    }
    assert_int_equal(page[11].pending, 0); /* today's month: from the carried figures */
    assert_true(page[11].outstanding_fen > 0);
    assert_int_equal(db_int(f->db, -1, "SELECT count(*) FROM closed_months", ""), 0);

    assert_int_equal(portfolio_months_close(f->db, TODAY, 12), 12);
    assert_int_equal(portfolio_months(f->db, &district, TODAY, TODAY, 12, 0, page), 12);
    assert_int_equal(portfolio_months(f->db, &district, TODAY, TODAY, 12, 1, doc), 12);
    for (int i = 0; i < 12; i++) {
        assert_int_equal(page[i].pending, 0);
        assert_string_equal(page[i].month, doc[i].month);
        assert_int_equal(page[i].disbursed_fen, doc[i].disbursed_fen);
        assert_int_equal(page[i].outstanding_fen, doc[i].outstanding_fen);
        assert_int_equal(page[i].par30_fen, doc[i].par30_fen);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_closed_months_equal_recomputation, setup, temp_db_teardown),
        cmocka_unit_test_setup_teardown(test_request_closes_and_reversal_reopens, setup, temp_db_teardown),
        cmocka_unit_test_setup_teardown(test_page_leaves_open_months_to_the_closer, setup, temp_db_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
