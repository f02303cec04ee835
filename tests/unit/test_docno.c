/*
 * Unit tests for the numbering service (docno.c) on a fresh database in a temporary directory:
 * numbers run 1, 2, 3 … without gaps per unit, kind and year, each of the three keys starts its
 * own run, a rolled-back transaction gives its number back, and the formats are the printed ones.
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

#include "docno.h"
#include "temp_db.h"

struct fixture {
    char dir[64], path[96];
    struct db *db;
};

/* A migrated database with the district (1) and two townships (2 and 3). */
static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/bangfu-docno-XXXXXX");
    f->db = temp_db_open(f->dir, f->path, sizeof f->path);
    assert_non_null(f->db);
    assert_int_equal(db_run(f->db, "INSERT INTO units (id, name, kind, path) VALUES (1, '山亭区', 'district', '/1/')", ""),
                     SQLITE_DONE);
    assert_int_equal(db_run(f->db, "INSERT INTO units (id, parent_id, name, kind, path) VALUES "
                                   "(2, 1, '西集镇', 'township', '/1/2/'), (3, 1, '桑村镇', 'township', '/1/3/')", ""),
                     SQLITE_DONE);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    temp_db_remove(f->db, f->dir, f->path);
    free(f);
    return 0;
}

/* Takes one number in its own transaction; returns the sequence and checks the formatted number. */
static int64_t take(struct db *db, int64_t unit, enum docno_kind kind, int year, const char *short_name,
                    const char *want)
{
    struct err e = {0};
    char no[DOCNO_SIZE];
    assert_int_equal(db_begin(db), SQLITE_OK);
    int64_t seq = docno_next(db, unit, kind, year, short_name, no, sizeof no, &e);
    assert_int_equal(db_commit(db), SQLITE_OK);
    assert_string_equal(no, want);
    return seq;
}

/* 1, 2, 3 for one unit, kind and year; another unit, kind or year starts again at 1 and does not
   disturb the first run. */
static void test_gapless_per_unit_kind_year(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(take(f->db, 2, DOCNO_RELIEF_RECEIPT, 2026, "西集", "西集-2026-000001"), 1);
    assert_int_equal(take(f->db, 2, DOCNO_RELIEF_RECEIPT, 2026, "西集", "西集-2026-000002"), 2);
    assert_int_equal(take(f->db, 3, DOCNO_RELIEF_RECEIPT, 2026, "桑村", "桑村-2026-000001"), 1);
    assert_int_equal(take(f->db, 2, DOCNO_GUARANTEE_LETTER, 2026, "西集", "西集担〔2026〕001号"), 1);
    assert_int_equal(take(f->db, 2, DOCNO_RELIEF_RECEIPT, 2027, "西集", "西集-2027-000001"), 1);
    assert_int_equal(take(f->db, 2, DOCNO_RELIEF_RECEIPT, 2026, "西集", "西集-2026-000003"), 3);
    assert_int_equal(take(f->db, 2, DOCNO_GUARANTEE_LETTER, 2026, "西集", "西集担〔2026〕002号"), 2);
    /* settlement certificates run on their own from 001, beside the letters of the same unit and year */
    assert_int_equal(take(f->db, 2, DOCNO_SETTLEMENT, 2026, "西集", "西集结〔2026〕001号"), 1);
    assert_int_equal(take(f->db, 2, DOCNO_GUARANTEE_LETTER, 2026, "西集", "西集担〔2026〕003号"), 3);
    assert_int_equal(take(f->db, 3, DOCNO_NOTICE, 2026, "龙山村", "龙山村公示〔2026〕001号"), 1);
    assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM docno_counters", ""), 6);
}

/* A number taken in a transaction that rolls back is given again: no gap. */
static void test_rollback_gives_number_back(void **state)
{
    struct fixture *f = *state;
    struct err e = {0};
    char no[DOCNO_SIZE];
    assert_int_equal(take(f->db, 2, DOCNO_RELIEF_RECEIPT, 2026, "西集", "西集-2026-000001"), 1);
    assert_int_equal(db_begin(f->db), SQLITE_OK);
    assert_int_equal(docno_next(f->db, 2, DOCNO_RELIEF_RECEIPT, 2026, "西集", no, sizeof no, &e), 2);
    db_rollback(f->db);
    assert_int_equal(take(f->db, 2, DOCNO_RELIEF_RECEIPT, 2026, "西集", "西集-2026-000002"), 2);
}

/* A number that does not fit is refused (no counter taken, nothing cut). */
static void test_too_long_is_refused(void **state)
{
    struct fixture *f = *state;
    struct err e = {0};
    char no[12];
    assert_int_equal(db_begin(f->db), SQLITE_OK);
    assert_int_equal(docno_next(f->db, 2, DOCNO_RELIEF_RECEIPT, 2026, "西集", no, sizeof no, &e), -1);
    assert_string_equal(e.code, "docno_too_long");
    db_rollback(f->db);
    assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM docno_counters", ""), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_gapless_per_unit_kind_year, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rollback_gives_number_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_too_long_is_refused, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
