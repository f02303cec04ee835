/*
 * Unit tests for repayment reversal (冲正) in servicing.c, on a demo database in a temporary
 * directory: a reversal returns the schedule rows, the loan's carried figures and its state to
 * exactly what they were before the repayment (compared byte for byte), a reversed receipt books
 * again with the same allocation, and every refused reversal changes nothing.
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
#include "servicing.h"

#define TODAY ((struct date){2026, 11, 23})

struct fixture {
    char dir[64], path[96];
    struct db *db;
    struct user_ctx liaison, finance;
};

/* A user of the demo by username. */
static void load_user(struct db *db, const char *username, struct user_ctx *u)
{
    int64_t id = db_int(db, 0, "SELECT id FROM users WHERE username = ?", "t", username);
    assert_true(id > 0);
    assert_int_equal(user_load(db, id, u), 0);
}

/* Creates the demo database (as `bangfu demo` does, with fewer households) as of TODAY. */
static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    struct err e = {0};
    snprintf(f->dir, sizeof f->dir, "/tmp/bangfu-servicing-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
    f->db = db_open(f->path, 1, &e);
    assert_non_null(f->db);
    assert_int_equal(db_migrate(f->db, NULL, &e), 0);
    assert_int_equal(demo_db_fill(f->db, TODAY), 0);
    load_user(f->db, "xj_xinyong", &f->liaison);
    load_user(f->db, "xj_caiwu", &f->finance);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    char wal[128], shm[128];
    db_close(f->db);
    snprintf(wal, sizeof wal, "%s-wal", f->path);
    snprintf(shm, sizeof shm, "%s-shm", f->path);
    unlink(f->path);
    unlink(wal);
    unlink(shm);
    rmdir(f->dir);
    free(f);
    return 0;
}

/* What a reversal must restore: the rows, the carried figures, the state. */
struct snapshot {
    struct repay_row rows[LOAN_MAX_ROWS];
    int nrows;
    int64_t outstanding, guarantee_active;
    char oldest[11], state[16], settled_on[11];
};

static void take(struct fixture *f, int64_t loan_id, struct snapshot *s)
{
    struct serviced_loan *l = servicing_alloc();
    struct err e = {0};
    assert_int_equal(servicing_get(f->db, &f->liaison, loan_id, l, &e), 0);
    memset(s, 0, sizeof *s);
    memcpy(s->rows, l->rows, sizeof l->rows);
    s->nrows = l->terms.nrows;
    snprintf(s->state, sizeof s->state, "%s", l->state);
    snprintf(s->settled_on, sizeof s->settled_on, "%s", l->settled_on);
    s->guarantee_active = db_int(f->db, -1, "SELECT active FROM guarantees WHERE application_id = ?", "i",
                                 l->application_id);
    servicing_free(l);
    s->outstanding = db_int(f->db, -1, "SELECT outstanding_principal_fen FROM loans WHERE id = ?", "i", loan_id);
    sqlite3_stmt *st = db_prep(f->db, "SELECT coalesce(oldest_unpaid_due, '') FROM loans WHERE id = ?");
    assert_non_null(st);
    db_bind(st, "i", loan_id);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(s->oldest, sizeof s->oldest, "%s", db_text(st, 0));
    db_done(st);
}

static void assert_same(const struct snapshot *a, const struct snapshot *b)
{
    assert_int_equal(a->nrows, b->nrows);
    assert_memory_equal(a->rows, b->rows, sizeof(struct repay_row) * (size_t)a->nrows);
    assert_int_equal(a->outstanding, b->outstanding);
    assert_string_equal(a->oldest, b->oldest);
    assert_string_equal(a->state, b->state);
    assert_string_equal(a->settled_on, b->settled_on);
    assert_int_equal(a->guarantee_active, b->guarantee_active);
}

/* The demo's first loan (active, repaid on time so far) and its latest repayment's id. */
static int64_t first_loan(struct fixture *f, int64_t *latest)
{
    int64_t id = db_int(f->db, 0, "SELECT min(id) FROM loans WHERE state = 'active' AND EXISTS "
                                  "(SELECT 1 FROM repayments r WHERE r.loan_id = loans.id)", "");
    assert_true(id > 0);
    *latest = db_int(f->db, 0, "SELECT id FROM repayments WHERE loan_id = ? ORDER BY paid_on DESC, id DESC LIMIT 1",
                     "i", id);
    return id;
}

/* Every refusal leaves the rows, the figures and the repayments as they were. */
static void test_refused_reversals_change_nothing(void **state)
{
    struct fixture *f = *state;
    int64_t latest, id = first_loan(f, &latest);
    int64_t earlier = db_int(f->db, 0, "SELECT min(id) FROM repayments WHERE loan_id = ?", "i", id);
    int64_t count = db_int(f->db, 0, "SELECT count(*) FROM repayments", "");
    struct snapshot before, after;
    take(f, id, &before);
    struct {
        int64_t rid;
        const char *reason;
        int status;
        const char *code;
    } cases[] = {
        {latest, "", 422, "invalid_reason"},
        {latest, NULL, 422, "invalid_reason"},
        {earlier, "录错", 409, "not_latest"},
        {999999, "录错", 404, "not_found"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct err e = {0};
        assert_int_equal(servicing_reverse(f->db, &f->finance, id, cases[i].rid, cases[i].reason, &e), -1);
        assert_int_equal(e.status, cases[i].status);
        assert_string_equal(e.code, cases[i].code);
        take(f, id, &after);
        assert_same(&before, &after);
        assert_int_equal(db_int(f->db, 0, "SELECT count(*) FROM repayments", ""), count);
    }
}

/*
 * A prepayment re-schedules every later row; its reversal puts each row back exactly (byte for
 * byte, penalty accrual dates and restarted periods included), the receipt then books again with
 * the same allocation and the same rows as the first time; reversing the payoff of a loan makes it
 * active again with its guarantee.
 */
static void test_reversal_restores_exactly(void **state)
{
    struct fixture *f = *state;
    int64_t latest, id = first_loan(f, &latest);
    struct snapshot s0, s1, s2, s3;
    take(f, id, &s0);
    struct repay_alloc a1, a2;
    struct err e = {0};
    int dup = 0;
    char today[11];
    date_format(TODAY, today);
    int64_t rid = servicing_repay(f->db, &f->liaison, id, today, 2000000, "UT-REV-1", TODAY, &a1, &dup, &e);
    assert_true(rid > 0);
    assert_true(a1.prepaid_principal_fen > 0 && a1.rescheduled); /* every later row re-scheduled */
    take(f, id, &s1);
    assert_true(memcmp(s0.rows, s1.rows, sizeof s0.rows) != 0);
    int64_t rev = servicing_reverse(f->db, &f->finance, id, rid, "凭证金额录错", &e);
    assert_true(rev > 0);
    take(f, id, &s2);
    assert_same(&s0, &s2);
    /* the reversal is a record: the booking stays, a negative twin cancels it in every sum */
    assert_int_equal(db_int(f->db, -1, "SELECT sum(amount_fen) FROM repayments WHERE receipt_no = 'UT-REV-1'", ""), 0);
    assert_int_equal(db_int(f->db, -1, "SELECT count(*) FROM repayments WHERE receipt_no = 'UT-REV-1'", ""), 2);
    assert_int_equal(servicing_reverse(f->db, &f->finance, id, rid, "再冲", &e), -1);
    assert_string_equal(e.code, "already_reversed");
    int64_t again = servicing_repay(f->db, &f->liaison, id, today, 2000000, "UT-REV-1", TODAY, &a2, &dup, &e);
    assert_true(again > 0);
    assert_int_equal(dup, 0);
    assert_memory_equal(&a1, &a2, sizeof a1);
    take(f, id, &s3);
    assert_same(&s1, &s3);
    /* the payoff settles the loan; its reversal makes it active again, guarantee included */
    struct serviced_loan *l = servicing_alloc();
    assert_int_equal(servicing_get(f->db, &f->liaison, id, l, &e), 0);
    int64_t payoff = repay_owed_now(&l->terms, TODAY);
    servicing_free(l);
    int64_t pid = servicing_repay(f->db, &f->liaison, id, today, payoff, "UT-REV-2", TODAY, &a1, &dup, &e);
    assert_true(pid > 0);
    struct snapshot settled;
    take(f, id, &settled);
    assert_string_equal(settled.state, "settled");
    assert_int_equal(settled.guarantee_active, 0);
    assert_true(servicing_reverse(f->db, &f->liaison, id, pid, "信用社退回", &e) > 0);
    take(f, id, &s2);
    assert_same(&s3, &s2);
    assert_string_equal(s2.state, "active");
    assert_int_equal(s2.guarantee_active, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_refused_reversals_change_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reversal_restores_exactly, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
