/*
 * test_relief_report.c: unit tests for src/relief/relief_report.c over the figures of migration 105:
 * payments, amounts and households once per group for day ranges, with a payment dated back before
 * a household's earlier ones and a void of a household's middle day (the repeated days' chain).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo_db.h"
#include "relief_report.h"
#include "temp_db.h"

#define TODAY ((struct date){2026, 11, 23})

struct fixture {
    char dir[64], path[96];
    struct db *db;
    struct user_ctx admin; /* the district's scope */
    int64_t h1, h2, category;
};

/* The demo database as of TODAY (demo_db_fill pays no relief); the test removes it at its end. */
static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/bangfu-relief-XXXXXX");
    f->db = temp_db_open(f->dir, f->path, sizeof f->path);
    assert_non_null(f->db);
    assert_int_equal(demo_db_fill(f->db, TODAY), 0);
    assert_int_equal(user_load(f->db, 1, &f->admin), 0);
    f->h1 = db_int(f->db, 0, "SELECT min(id) FROM households", "");
    f->h2 = db_int(f->db, 0, "SELECT max(id) FROM households", "");
    f->category = db_int(f->db, 0, "SELECT min(id) FROM relief_categories", "");
    assert_true(f->h1 > 0 && f->h2 > f->h1 && f->category > 0);
    *state = f;
    return 0;
}

/* Pays household h amount_fen on day paid_on (an application of f's category of its own); returns the payment. */
static int64_t pay(struct fixture *f, int64_t h, const char *paid_on, int64_t amount_fen)
{
    static int seq;
    char receipt[32];
    snprintf(receipt, sizeof receipt, "T-%d", ++seq);
    assert_int_equal(db_run(f->db, "INSERT INTO relief_applications (household_id, category_id, amount_fen, state, "
                                   "applied_on, year) VALUES (?, ?, ?, 'paid', '2026-01-02', 2026)",
                            "iii", h, f->category, amount_fen),
                     SQLITE_DONE);
    int64_t app = sqlite3_last_insert_rowid(f->db->h);
    assert_int_equal(db_run(f->db, "INSERT INTO relief_payments (application_id, fund_id, township_id, year, seq, "
                                   "receipt_no, amount_fen, paid_on, method, handler_id) SELECT ?, (SELECT min(id) "
                                   "FROM relief_funds), v.parent_id, 2026, ?, ?, ?, ?, 'cash', 1 FROM households h "
                                   "JOIN units v ON v.id = h.village_id WHERE h.id = ?",
                            "iititi", app, (int64_t)seq, receipt, amount_fen, paid_on, h),
                     SQLITE_DONE);
    return sqlite3_last_insert_rowid(f->db->h);
}

/* Sums the report's groups by category for [from, to]. */
struct sums {
    int64_t payments, households, amount_fen;
    int groups;
};
static void add(const struct relief_report_row *x, void *ctx)
{
    struct sums *s = ctx;
    s->payments += x->payments, s->households += x->households, s->amount_fen += x->amount_fen, s->groups++;
}
static struct sums report(struct fixture *f, enum relief_group g, const char *from, const char *to)
{
    struct sums s = {0};
    assert_true(relief_report(f->db, &f->admin, g, from, to, add, &s) >= 0);
    return s;
}

/* The kept unit rows equal their recount (the chain of previous days included). */
static void assert_units_recounted(struct fixture *f)
{
    assert_int_equal(db_int(f->db, -1, "SELECT count(*) FROM (SELECT * FROM relief_household_units EXCEPT SELECT * "
                                       "FROM relief_household_unit_recount) UNION ALL SELECT count(*) FROM (SELECT * "
                                       "FROM relief_household_unit_recount EXCEPT SELECT * FROM relief_household_units)",
                            ""),
                     0);
    assert_int_equal(db_int(f->db, -1, "SELECT count(*) FROM (SELECT * FROM relief_unit_figures WHERE units <> 0 "
                                       "EXCEPT SELECT * FROM relief_unit_recount)",
                            ""),
                     0);
}

static void test_households_once_per_group_and_period(void **state)
{
    struct fixture *f = *state;
    /* h1 paid 100.00 on 03-10 and 03-20, then 03-01 dated back (before both); h2 paid 50.00 on 03-10. */
    pay(f, f->h1, "2026-03-10", 10000);
    pay(f, f->h1, "2026-03-20", 10000);
    pay(f, f->h2, "2026-03-10", 5000);
    pay(f, f->h1, "2026-03-01", 10000);
    assert_units_recounted(f);
    /* Whole time: 4 payments; households h1 and h2 = 2; 100 + 100 + 50 + 100 = 350.00 = 35,000 fen. */
    struct sums s = report(f, RG_CATEGORY, NULL, NULL);
    assert_int_equal(s.groups, 1);
    assert_int_equal(s.payments, 4);
    assert_int_equal(s.households, 2);
    assert_int_equal(s.amount_fen, 35000);
    /* 03-05 to 03-20: h1's 03-10 and 03-20, h2's 03-10 = 3 payments, 2 households (h1's 03-20 repeats its
       03-10, inside the period: 3 units - 1 repeated = 2), 250.00. */
    s = report(f, RG_CATEGORY, "2026-03-05", "2026-03-20");
    assert_int_equal(s.payments, 3);
    assert_int_equal(s.households, 2);
    assert_int_equal(s.amount_fen, 25000);
    /* 03-11 to 03-31: h1's 03-20 only; its previous day 03-10 is before the period, so it counts: 1 and 1. */
    s = report(f, RG_CATEGORY, "2026-03-11", "2026-03-31");
    assert_int_equal(s.payments, 1);
    assert_int_equal(s.households, 1);
    /* By year: the same households, 2; by village: each household once in its village, 2 in all. */
    assert_int_equal(report(f, RG_YEAR, NULL, NULL).households, 2);
    assert_int_equal(report(f, RG_VILLAGE, "2026-03-01", "2026-03-10").households, 2);
    /* h1's middle day 03-10 voided: its 03-20 now follows 03-01. 03-05 to 03-20: h1's 03-20 (previous 03-01,
       before the period) and h2's 03-10: 2 payments, 2 households, 150.00. Whole time: 3, 2, 250.00. */
    int64_t mid = db_int(f->db, 0, "SELECT p.id FROM relief_payments p JOIN relief_applications a ON a.id = "
                                   "p.application_id WHERE a.household_id = ? AND p.paid_on = '2026-03-10'", "i", f->h1);
    assert_int_equal(db_run(f->db, "INSERT INTO receipt_events (payment_id, kind, reason, user_id) VALUES (?, 'void', "
                                   "'测试', 1)", "i", mid),
                     SQLITE_DONE);
    assert_units_recounted(f);
    assert_int_equal(db_int(f->db, 0, "SELECT prev_on = '2026-03-01' FROM relief_household_units WHERE dim = "
                                      "'category' AND household_id = ? AND paid_on = '2026-03-20'", "i", f->h1),
                     1);
    s = report(f, RG_CATEGORY, "2026-03-05", "2026-03-20");
    assert_int_equal(s.payments, 2);
    assert_int_equal(s.households, 2);
    assert_int_equal(s.amount_fen, 15000);
    s = report(f, RG_CATEGORY, NULL, NULL);
    assert_int_equal(s.payments, 3);
    assert_int_equal(s.households, 2);
    assert_int_equal(s.amount_fen, 25000);
    temp_db_remove(f->db, f->dir, f->path);
    free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_households_once_per_group_and_period, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
