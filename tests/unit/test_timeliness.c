/*
 * Unit tests for 限时办结 (timelimit.c, timeliness.c) on a fresh database with the shipped 2026
 * holiday calendar: the due day of a case across 中秋 and 国庆 and across a weekend worked (调休),
 * and the timeliness figures of a period (handled, on time, late, open late) by village, township
 * and handler, within the actor's scope, worked by hand below.
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
#include "timeliness.h"

struct fixture {
    char dir[64], path[96];
    struct db *db;
};

/* The district (1), 西集镇 (2) with 西集村 (4) and 东集村 (5), 桑村镇 (3) with 桑村 (6); officer 10 of
   西集村 and 11 of 桑村; households 100 and 101 in 西集村, 102 in 桑村. Relief applications (the
   relief_verify step, 5 working days, taken in by their village's officer):
     A 100 applied Tue 2026-09-29, verified 2026-10-12  (due 2026-10-12, see due_across_guoqing: on time)
     B 101 applied Tue 2026-09-29, verified 2026-10-13  (due 2026-10-12: late)
     C 102 applied Tue 2026-09-29, still open            (due 2026-10-12: late once past it)
     D 100 applied Wed 2026-10-14, still open            (due 15, 16, 19, 20, 21 October: 2026-10-21) */
static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/bangfu-timeliness-XXXXXX");
    f->db = temp_db_open(f->dir, f->path, sizeof f->path);
    assert_non_null(f->db);
    assert_int_equal(db_exec(f->db,
                             "INSERT INTO units (id, parent_id, name, kind, path) VALUES (1, NULL, '山亭区', 'district', '/1/'), "
                             "(2, 1, '西集镇', 'township', '/1/2/'), (3, 1, '桑村镇', 'township', '/1/3/'), "
                             "(4, 2, '西集村', 'village', '/1/2/4/'), (5, 2, '东集村', 'village', '/1/2/5/'), "
                             "(6, 3, '桑村', 'village', '/1/3/6/');"
                             "INSERT INTO users (id, username, password_hash, name, role, unit_id) VALUES "
                             "(10, 'v4', 'x', '王专干', 'village', 4), (11, 'v6', 'x', '李专干', 'village', 6);"
                             "INSERT INTO households (id, village_id, policy_compliant) VALUES (100, 4, 1), (101, 4, 1), (102, 6, 1);"
                             "INSERT INTO relief_applications (id, household_id, category_id, amount_fen, state, applied_on, "
                             "year, created_by, verified_by, verified_on) VALUES "
                             "(1, 100, 3, 50000, 'verified', '2026-09-29', 2026, 10, 10, '2026-10-12'), "
                             "(2, 101, 3, 50000, 'verified', '2026-09-29', 2026, 10, 10, '2026-10-13'), "
                             "(3, 102, 3, 50000, 'applied', '2026-09-29', 2026, 11, NULL, NULL), "
                             "(4, 100, 3, 50000, 'applied', '2026-10-14', 2026, 10, NULL, NULL);"),
                     0);
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

/* Asserts a date. */
static void assert_day(struct date d, const char *want)
{
    char s[11];
    assert_string_equal(date_format(d, s), want);
}

/* 5 working days after Tue 2026-09-29: 30 Sep (1); 1–7 Oct 国庆 off; Thu 8 Oct (2); Fri 9 (3);
   Sat 10 Oct 调休 worked (4); Sun 11 off; Mon 12 (5) → 2026-10-12 (weekends alone: 2026-10-06).
   5 after Thu 2026-09-24: Fri 25 – Sun 27 中秋 off; 28 (1), 29 (2), 30 (3); 国庆 off; 8 Oct (4),
   9 Oct (5) → 2026-10-09. 3 after Fri 2026-09-18: Sun 20 Sep 调休 worked (1), Mon 21 (2), Tue 22
   (3) → 2026-09-22 (weekends alone: Wed 23). */
static void due_across_guoqing(void **state)
{
    struct fixture *f = *state;
    struct err e = {0};
    struct user_ctx admin = {.id = 10, .role = ROLE_ADMIN};
    assert_int_equal(timelimit_days(f->db, "relief_verify"), 5);
    assert_day(timelimit_due(f->db, "relief_verify", (struct date){2026, 9, 29}), "2026-10-12");
    assert_day(timelimit_due(f->db, "relief_verify", (struct date){2026, 9, 24}), "2026-10-09");
    assert_int_equal(timelimit_set(f->db, &admin, "guarantee", 3, &e), 0);
    assert_day(timelimit_due(f->db, "guarantee", (struct date){2026, 9, 18}), "2026-09-22");
    /* an unknown service or a limit out of range changes nothing */
    assert_int_equal(timelimit_set(f->db, &admin, "nothing", 3, &e), -1);
    assert_string_equal(e.code, "invalid_service");
    assert_int_equal(timelimit_set(f->db, &admin, "guarantee", 61, &e), -1);
    assert_string_equal(e.code, "invalid_days");
    assert_int_equal(timelimit_days(f->db, "guarantee"), 3);
}

/* The figures collected: one line per row, "unit/handler service handled on_time late open_late". */
struct lines {
    char text[1024];
};

/* Appends a row's line. */
static void collect(const struct timeliness_figures *x, void *ctx)
{
    struct lines *l = ctx;
    size_t n = strlen(l->text);
    snprintf(l->text + n, sizeof l->text - n, "%lld %s %s %lld %lld %lld %lld;", (long long)x->unit_id,
             x->handler_id ? x->handler : x->unit, timelimit_service_code(x->service), (long long)x->handled,
             (long long)x->on_time, (long long)x->late, (long long)x->open_late);
}

/* October 2026 judged on 2026-10-20: A on time and B late in 西集村 (both finished in October);
   C open past its due day 2026-10-12 in 桑村; D open but due 2026-10-21, not late. A and B are
   then in 镇审核 (relief_review, 5 days): A's from Mon 12 Oct is due 13, 14, 15, 16, 19 → the 19th,
   late on the 20th; B's from the 13th is due the 20th, not late yet. */
static void report_by_village_township_handler(void **state)
{
    struct fixture *f = *state;
    struct user_ctx district = {.role = ROLE_ADMIN}, sangcun = {.role = ROLE_ADMIN};
    snprintf(district.unit_path, sizeof district.unit_path, "/1/");
    snprintf(sangcun.unit_path, sizeof sangcun.unit_path, "/1/3/");
    struct date from = {2026, 10, 1}, to = {2026, 10, 31}, today = {2026, 10, 20};
    struct lines l = {""};
    assert_int_equal(timeliness_report(f->db, &district, TB_BIT(TB_VILLAGE), from, to, today, collect, &l), 3);
    assert_string_equal(l.text, "4 西集镇西集村 relief_verify 2 1 1 0;4 西集镇西集村 relief_review 0 0 0 1;"
                                "6 桑村镇桑村 relief_verify 0 0 0 1;");
    l.text[0] = '\0';
    assert_int_equal(timeliness_report(f->db, &district, TB_BIT(TB_TOWNSHIP), from, to, today, collect, &l), 3);
    assert_string_equal(l.text, "2 西集镇 relief_verify 2 1 1 0;2 西集镇 relief_review 0 0 0 1;3 桑村镇 relief_verify 0 0 0 1;");
    l.text[0] = '\0';
    assert_int_equal(timeliness_report(f->db, &district, TB_BIT(TB_HANDLER), from, to, today, collect, &l), 3);
    assert_string_equal(l.text, "4 王专干 relief_verify 2 1 1 0;4 王专干 relief_review 0 0 0 1;6 李专干 relief_verify 0 0 0 1;");
    /* two groupings in one pass: the village rows, then the handler rows, the same figures */
    l.text[0] = '\0';
    assert_int_equal(timeliness_report(f->db, &district, TB_BIT(TB_HANDLER) | TB_BIT(TB_VILLAGE), from, to, today,
                                       collect, &l), 6);
    assert_string_equal(l.text, "4 西集镇西集村 relief_verify 2 1 1 0;4 西集镇西集村 relief_review 0 0 0 1;"
                                "6 桑村镇桑村 relief_verify 0 0 0 1;4 王专干 relief_verify 2 1 1 0;"
                                "4 王专干 relief_review 0 0 0 1;6 李专干 relief_verify 0 0 0 1;");
    /* 桑村镇 sees only its own village */
    l.text[0] = '\0';
    assert_int_equal(timeliness_report(f->db, &sangcun, TB_BIT(TB_VILLAGE), from, to, today, collect, &l), 1);
    assert_string_equal(l.text, "6 桑村镇桑村 relief_verify 0 0 0 1;");
    /* Up to the due day itself (to = 2026-10-12): A finished on it is on time; B (finished the
       13th) and C are open on the 12th but not yet late (late only after the due day). */
    l.text[0] = '\0';
    assert_int_equal(timeliness_report(f->db, &district, TB_BIT(TB_VILLAGE), from, (struct date){2026, 10, 12}, today, collect, &l), 1);
    assert_string_equal(l.text, "4 西集镇西集村 relief_verify 1 1 0 0;");
}

/* The open cases' lists ctx collects: "case due late;". */
static void collect_open(const struct timeliness_case *c, void *ctx)
{
    struct lines *l = ctx;
    char due[11];
    size_t n = strlen(l->text);
    snprintf(l->text + n, sizeof l->text - n, "%lld %s %d;", (long long)c->case_id, date_format(c->due_on, due), c->late);
}

/* On 2026-10-20: late (due before today) are A's 镇审核 (due the 19th) and C (the 12th); due from
   today to 2026-10-23 are B's 镇审核 (the 20th) and D (the 21st). */
static void open_late_and_due_soon(void **state)
{
    struct fixture *f = *state;
    struct user_ctx district = {.role = ROLE_ADMIN};
    snprintf(district.unit_path, sizeof district.unit_path, "/1/");
    struct date today = {2026, 10, 20};
    struct lines l = {""};
    struct timeliness_open_query late = {.due_to = {2026, 10, 19}, .services = ~0u, .limit = 10};
    assert_int_equal(timeliness_open(f->db, &district, today, &late, collect_open, &l), 2);
    assert_string_equal(l.text, "3 2026-10-12 1;1 2026-10-19 1;");
    l.text[0] = '\0';
    struct timeliness_open_query soon = {.due_from = today, .due_to = {2026, 10, 23}, .services = ~0u, .limit = 10};
    assert_int_equal(timeliness_open(f->db, &district, today, &soon, collect_open, &l), 2);
    assert_string_equal(l.text, "2 2026-10-20 0;4 2026-10-21 0;");
    /* a service the role may not open is left out, and counted only when limit is 0 */
    l.text[0] = '\0';
    soon.services = 1u << TL_COMPLAINT;
    assert_int_equal(timeliness_open(f->db, &district, today, &soon, collect_open, &l), 0);
    soon.services = ~0u;
    soon.limit = 0;
    assert_int_equal(timeliness_open(f->db, &district, today, &soon, collect_open, &l), 2);
    assert_string_equal(l.text, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(due_across_guoqing, setup, teardown),
        cmocka_unit_test_setup_teardown(report_by_village_township_handler, setup, teardown),
        cmocka_unit_test_setup_teardown(open_late_and_due_soon, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
