/*
 * test_loan_bands.c: the active loans' bands of days past due (migration 121, loan_bands.c). The
 * portfolio figures read from the kept bands (and they are what is read when counted for the day)
 * equal the same figures summed from the loans' own figures (the bands not counted for the day), to
 * the fen, for every scope, before and after a write to the loans and a roll to a later day; by
 * hand, a loan due today is current and one due yesterday 1 day past due, and a loan 30, 90, 180
 * and 360 days past due falls in the band below and one a day older in the band above, in the
 * summary, the portfolio report's villages and the overdue list.
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
#include "loan_bands.h"
#include "portfolio.h"
#include "temp_db.h"

#define TODAY ((struct date){2026, 11, 23})
#define MAX_VILLAGES 64

/* The demo database as of TODAY (a struct temp_db_fixture). */
static int setup(void **state)
{
    if (temp_db_setup(state) == 0 && demo_db_fill(((struct temp_db_fixture *)*state)->db, TODAY) == 0)
        return 0;
    temp_db_teardown(state);
    return -1;
}

/* What one scope's reports say on a day: the summary, the villages of the portfolio report and
   of the overdue list. */
struct figures {
    struct portfolio summary;
    struct village_portfolio villages[MAX_VILLAGES];
    struct village_overdue overdue[MAX_VILLAGES];
    int nvillages, noverdue;
    int64_t overdue_rows, overdue_owed; /* the instalments due before the day and what they owe */
};

/* Collects a village of the portfolio report. */
static void add_village(const struct village_portfolio *v, void *ctx)
{
    struct figures *f = ctx;
    assert_true(f->nvillages < MAX_VILLAGES);
    f->villages[f->nvillages++] = *v;
}

/* Collects a village of the overdue list. */
static void add_overdue(const struct village_overdue *v, void *ctx)
{
    struct figures *f = ctx;
    assert_true(f->noverdue < MAX_VILLAGES);
    f->overdue[f->noverdue++] = *v;
}

/* Reads the scope's figures on day (today is TODAY's clock: day may be later). */
static void read_figures(struct db *db, const char *scope, struct date day, struct figures *f)
{
    struct user_ctx u = {0};
    snprintf(u.unit_path, sizeof u.unit_path, "%s", scope);
    memset(f, 0, sizeof *f);
    /* the overdue list's total: every instalment due before day (from the zero date) */
    portfolio_due_summary(db, &u, (struct date){0}, date_add_days(day, -1), &f->overdue_rows, &f->overdue_owed);
    assert_int_equal(portfolio_summary(db, &u, day, TODAY, &f->summary), 0);
    assert_true(portfolio_by_village(db, &u, day, TODAY, NULL, NULL, add_village, f) >= 0);
    assert_true(portfolio_overdue_by_village(db, &u, day, TODAY, add_overdue, f) >= 0);
}

/* The two readings agree to the fen, field by field. */
static void assert_same_figures(const struct figures *a, const struct figures *b)
{
    assert_int_equal(a->overdue_rows, b->overdue_rows);
    assert_int_equal(a->overdue_owed, b->overdue_owed);
    assert_int_equal(a->summary.loans, b->summary.loans);
    assert_int_equal(a->summary.disbursed_fen, b->summary.disbursed_fen);
    assert_int_equal(a->summary.outstanding_fen, b->summary.outstanding_fen);
    assert_int_equal(a->summary.par30_fen, b->summary.par30_fen);
    for (int g = 0; g < GRADE__MAX; g++) {
        assert_int_equal(a->summary.grade_loans[g], b->summary.grade_loans[g]);
        assert_int_equal(a->summary.grade_outstanding_fen[g], b->summary.grade_outstanding_fen[g]);
    }
    assert_int_equal(a->nvillages, b->nvillages);
    for (int i = 0; i < a->nvillages; i++) {
        const struct village_portfolio *x = &a->villages[i], *y = &b->villages[i];
        assert_int_equal(x->village_id, y->village_id);
        assert_int_equal(x->active_loans, y->active_loans);
        assert_int_equal(x->outstanding_fen, y->outstanding_fen);
        assert_int_equal(x->overdue_fen, y->overdue_fen);
        assert_int_equal(x->par30_fen, y->par30_fen);
        for (int g = 0; g < GRADE__MAX; g++)
            assert_int_equal(x->grade_loans[g], y->grade_loans[g]);
    }
    assert_int_equal(a->noverdue, b->noverdue);
    for (int i = 0; i < a->noverdue; i++) {
        assert_int_equal(a->overdue[i].village_id, b->overdue[i].village_id);
        assert_int_equal(a->overdue[i].loans, b->overdue[i].loans);
        assert_int_equal(a->overdue[i].outstanding_fen, b->overdue[i].outstanding_fen);
        assert_int_equal(a->overdue[i].max_dpd, b->overdue[i].max_dpd);
    }
}

/* SQL: how many rows of the kept bands (a band emptied keeps a row of 0) and of the kept overdue
   instalments differ from their recounts, both ways (0 when equal to the fen). */
#define BANDS_DRIFT                                                                                                    \
    "SELECT count(*) FROM (SELECT * FROM (SELECT * FROM active_loan_bands WHERE loans <> 0 "                           \
    "EXCEPT SELECT * FROM active_loan_band_recount) UNION ALL SELECT * FROM (SELECT * FROM active_loan_band_recount "  \
    "EXCEPT SELECT * FROM active_loan_bands WHERE loans <> 0))"
#define OVERDUE_DRIFT                                                                                                  \
    "SELECT count(*) FROM (SELECT * FROM (SELECT * FROM overdue_due_figures EXCEPT SELECT * FROM "                     \
    "overdue_due_recount) "                                                                                            \
    "UNION ALL SELECT * FROM (SELECT * FROM overdue_due_recount EXCEPT SELECT * FROM overdue_due_figures))"

/* For every unit's scope, the figures on day from the kept bands (rolled to day) equal those summed
   from active_loan_figures (the bands' day set to another); the bands equal their recount from the
   loans. Returns the district's overdue outstanding principal (so a caller knows it compared
   something). */
static int64_t assert_bands_equal_loans(struct db *db, struct date day)
{
    char on[11];
    assert_int_equal(db_run(db, "UPDATE active_loan_band_day SET day = '1999-01-01'", ""), SQLITE_DONE);
    assert_int_equal(loan_bands_roll(db, day), 1);
    assert_int_equal(loan_bands_roll(db, day), 0); /* counted already */
    assert_int_equal(db_int(db, -1, "SELECT day = ? FROM active_loan_band_day", "t", date_format(day, on)), 1);
    assert_int_equal(db_int(db, -1, BANDS_DRIFT, ""), 0);
    assert_int_equal(db_int(db, -1, OVERDUE_DRIFT, ""), 0);
    sqlite3_stmt *st = db_prep(db, "SELECT path FROM units ORDER BY id");
    assert_non_null(st);
    int scopes = 0;
    int64_t overdue = 0;
    static struct figures kept, summed;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *scope = (const char *)sqlite3_column_text(st, 0);
        read_figures(db, scope, day, &kept);
        assert_int_equal(db_run(db, "UPDATE active_loan_band_day SET day = '1999-01-01'", ""), SQLITE_DONE);
        read_figures(db, scope, day, &summed);
        assert_int_equal(loan_bands_roll(db, day), 1);
        assert_same_figures(&kept, &summed);
        if (scopes++ == 0)
            overdue = kept.summary.outstanding_fen - kept.summary.grade_outstanding_fen[GRADE_NORMAL];
    }
    db_done(st);
    assert_true(scopes > 10);
    return overdue;
}

/* The demo's figures from the bands equal those from the loans, today and 100 days later (every
   loan a band or more further on), and still after loans change (a repayment's new figures,
   written as servicing writes them: the triggers move them between bands). */
static void test_bands_equal_loans(void **state)
{
    struct temp_db_fixture *f = *state;
    assert_true(assert_bands_equal_loans(f->db, TODAY) > 0);
    assert_true(assert_bands_equal_loans(f->db, date_add_days(TODAY, 100)) > 0);
    assert_int_equal(db_run(f->db,
                            "UPDATE loans SET outstanding_principal_fen = outstanding_principal_fen - 1000, "
                            "oldest_unpaid_due = date(oldest_unpaid_due, '+1 month') "
                            "WHERE id IN (SELECT id FROM loans WHERE state = 'active' ORDER BY id LIMIT 5)",
                            ""),
                     SQLITE_DONE);
    assert_int_equal(db_int(f->db, -1, BANDS_DRIFT, ""), 0);
    static struct figures before, after, summed;
    struct date later = date_add_days(TODAY, 100); /* the bands' day now */
    read_figures(f->db, "/1/", later, &before);
    /* an instalment due before the day paid in part (as a repayment writes it): the kept overdue total follows */
    assert_int_equal(
        db_run(f->db,
               "UPDATE loan_schedule SET paid_interest_fen = paid_interest_fen + 1 WHERE (loan_id, n) = "
               "(SELECT s.loan_id, s.n FROM loan_schedule s JOIN loans l ON l.id = s.loan_id WHERE "
               "l.state = 'active' AND s.settled = 0 AND s.due_on < (SELECT day FROM active_loan_band_day) "
               "AND s.paid_interest_fen < s.interest_fen LIMIT 1)",
               ""),
        SQLITE_DONE);
    assert_int_equal(sqlite3_changes(f->db->h), 1);
    assert_int_equal(db_int(f->db, -1, OVERDUE_DRIFT, ""), 0);
    /* the overdue list's total read from the kept figures is one fen less, as summed by day */
    read_figures(f->db, "/1/", later, &after);
    assert_int_equal(after.overdue_owed, before.overdue_owed - 1);
    assert_int_equal(after.overdue_rows, before.overdue_rows);
    assert_int_equal(db_run(f->db, "UPDATE active_loan_band_day SET day = '1999-01-01'", ""), SQLITE_DONE);
    read_figures(f->db, "/1/", later, &summed);
    assert_int_equal(after.overdue_owed, summed.overdue_owed);
    assert_int_equal(after.overdue_rows, summed.overdue_rows);
    assert_true(assert_bands_equal_loans(f->db, TODAY) > 0);
}

/* Sets the demo's two active loans' oldest unpaid due days to a and b (every other active loan made
   current) and reads the district's figures on TODAY from the bands, checking them against the
   figures summed from the loans; fen[] gets the two loans' outstanding principal. */
static void two_loans(struct db *db, const char *a, const char *b, int64_t fen[2], struct figures *kept)
{
    static struct figures summed;
    const char *oldest[2] = {a, b};
    assert_int_equal(loan_bands_roll(db, TODAY), 1);
    assert_int_equal(db_run(db, "UPDATE loans SET oldest_unpaid_due = NULL WHERE state = 'active'", ""), SQLITE_DONE);
    for (int i = 0; i < 2; i++) {
        int64_t id = db_int(db, 0,
                            "SELECT id FROM loans WHERE state = 'active' AND outstanding_principal_fen > 0 "
                            "ORDER BY id LIMIT 1 OFFSET ?",
                            "d", i);
        assert_true(id > 0);
        assert_int_equal(db_run(db, "UPDATE loans SET oldest_unpaid_due = ? WHERE id = ?", "ti", oldest[i], id),
                         SQLITE_DONE);
        fen[i] = db_int(db, -1, "SELECT outstanding_principal_fen FROM loans WHERE id = ?", "i", id);
        assert_true(fen[i] > 0);
    }
    read_figures(db, "/1/", TODAY, kept);
    assert_int_equal(db_run(db, "UPDATE active_loan_band_day SET day = '1999-01-01'", ""), SQLITE_DONE);
    read_figures(db, "/1/", TODAY, &summed);
    assert_same_figures(kept, &summed);
}

/* The longest days past due on the overdue list. */
static long longest_overdue(const struct figures *f)
{
    long longest = 0;
    for (int i = 0; i < f->noverdue; i++)
        longest = f->overdue[i].max_dpd > longest ? f->overdue[i].max_dpd : longest;
    return longest;
}

/* The bounds, by hand, two loans at a time on TODAY (2026-11-23), every other loan current:
   - due today and yesterday (2026-11-23, 11-22): band 0, current (正常), and band 1 (1 day), 关注;
   - 30 and 31 days past due (oldest 2026-10-24 and 10-23): bands 1 (1-30) and 2 (31-90), both 关注;
     PAR30 (over 30 days) only the second's outstanding principal;
   - 90 and 91 days (2026-08-25 and 08-24): bands 2 and 3, 关注 and 次级; PAR30 both;
   - 180 and 181 days (2026-05-27 and 05-26): bands 3 and 4, 次级 and 可疑; PAR30 both;
   - 360 and 361 days (2025-11-28 and 11-27): bands 4 and 5, 可疑 and 损失; PAR30 both.
   The summary and the portfolio report's villages summed say so; the overdue list's longest is the
   older loan's days, its loans and amount those of the loans past due. */
static void test_band_bounds(void **state)
{
    static const struct {
        const char *oldest[2];
        enum loan_grade grade[2];
        int par30[2];
        long longest;
    } cases[] = {
        {{"2026-11-23", "2026-11-22"}, {GRADE_NORMAL, GRADE_SPECIAL_MENTION}, {0, 0}, 1},
        {{"2026-10-24", "2026-10-23"}, {GRADE_SPECIAL_MENTION, GRADE_SPECIAL_MENTION}, {0, 1}, 31},
        {{"2026-08-25", "2026-08-24"}, {GRADE_SPECIAL_MENTION, GRADE_SUBSTANDARD}, {1, 1}, 91},
        {{"2026-05-27", "2026-05-26"}, {GRADE_SUBSTANDARD, GRADE_DOUBTFUL}, {1, 1}, 181},
        {{"2025-11-28", "2025-11-27"}, {GRADE_DOUBTFUL, GRADE_LOSS}, {1, 1}, 361},
    };
    struct temp_db_fixture *f = *state;
    static struct figures kept;
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        int64_t fen[2], loans[GRADE__MAX] = {0}, outstanding[GRADE__MAX] = {0}, par30 = 0, overdue = 0, late = 0;
        two_loans(f->db, cases[c].oldest[0], cases[c].oldest[1], fen, &kept);
        for (int i = 0; i < 2; i++) {
            loans[cases[c].grade[i]]++;
            outstanding[cases[c].grade[i]] += fen[i];
            par30 += cases[c].par30[i] ? fen[i] : 0;
            overdue += cases[c].grade[i] != GRADE_NORMAL ? fen[i] : 0;
            late += cases[c].grade[i] != GRADE_NORMAL;
        }
        struct village_portfolio all = {0};
        for (int i = 0; i < kept.nvillages; i++)
            portfolio_add(&all, &kept.villages[i]);
        for (int g = GRADE_SPECIAL_MENTION; g < GRADE__MAX; g++) {
            assert_int_equal(kept.summary.grade_loans[g], loans[g]);
            assert_int_equal(kept.summary.grade_outstanding_fen[g], outstanding[g]);
            assert_int_equal(all.grade_loans[g], loans[g]);
        }
        assert_int_equal(kept.summary.par30_fen, par30);
        assert_int_equal(all.par30_fen, par30);
        assert_int_equal(all.overdue_fen, overdue);
        int64_t listed = 0, listed_fen = 0;
        for (int i = 0; i < kept.noverdue; i++)
            listed += kept.overdue[i].loans, listed_fen += kept.overdue[i].outstanding_fen;
        assert_int_equal(listed, late);
        assert_int_equal(listed_fen, overdue);
        assert_int_equal(longest_overdue(&kept), cases[c].longest);
    }
    /* Both paid up to date: their bands are empty (kept as rows of 0), nothing is overdue, no
       village on the overdue list. */
    assert_int_equal(loan_bands_roll(f->db, TODAY), 1);
    assert_int_equal(db_run(f->db, "UPDATE loans SET oldest_unpaid_due = NULL WHERE state = 'active'", ""),
                     SQLITE_DONE);
    assert_true(db_int(f->db, 0, "SELECT count(*) FROM active_loan_bands WHERE band > 0 AND loans = 0", "") > 0);
    read_figures(f->db, "/1/", TODAY, &kept);
    assert_int_equal(kept.noverdue, 0);
    assert_int_equal(kept.summary.grade_loans[GRADE_NORMAL], kept.summary.loans);
    assert_int_equal(kept.summary.par30_fen, 0);
}

/* When the bands are counted for the day, they are what the reports read: a band changed by hand
   (one fen more outstanding, not current) shows in the summary, the village's report row and
   `bangfu check`'s recount differs; for another day the reports sum the loans and do not see it. */
static void test_bands_are_read(void **state)
{
    struct temp_db_fixture *f = *state;
    static struct figures before, after, later;
    assert_int_equal(loan_bands_roll(f->db, TODAY), 1);
    read_figures(f->db, "/1/", TODAY, &before);
    int64_t village = db_int(f->db, 0, "SELECT min(village_id) FROM active_loan_bands WHERE loans > 0", "");
    assert_true(village > 0);
    assert_int_equal(db_run(f->db,
                            "UPDATE active_loan_bands SET outstanding_fen = outstanding_fen + 1 "
                            "WHERE village_id = ? AND band = (SELECT min(band) FROM active_loan_bands "
                            "WHERE village_id = ? AND loans > 0)",
                            "ii", village, village),
                     SQLITE_DONE);
    read_figures(f->db, "/1/", TODAY, &after);
    assert_int_equal(after.summary.outstanding_fen, before.summary.outstanding_fen + 1);
    assert_int_equal(db_int(f->db, -1, BANDS_DRIFT, ""), 2); /* the changed row, and its recount */
    int64_t row = 0;
    for (int i = 0; i < after.nvillages; i++)
        if (after.villages[i].village_id == village)
            row = after.villages[i].outstanding_fen - before.villages[i].outstanding_fen;
    assert_int_equal(row, 1);
    read_figures(f->db, "/1/", date_add_days(TODAY, 1), &later); /* not counted for tomorrow: summed */
    assert_int_equal(later.summary.outstanding_fen, before.summary.outstanding_fen);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_bands_equal_loans, setup, temp_db_teardown),
        cmocka_unit_test_setup_teardown(test_band_bounds, setup, temp_db_teardown),
        cmocka_unit_test_setup_teardown(test_bands_are_read, setup, temp_db_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
