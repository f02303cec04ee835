/* test_amort.c: unit tests for src/core/amort.c: hand-checked schedules for every method, the exact
   interest arithmetic, validation, and invariants over many random loans (fixed seed). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "amort.h"

#define MAX_ROWS 360

static struct date D(int y, int m, int d)
{
    return (struct date){y, m, d};
}

/* Asserts that d is y-m-d. */
static void assert_date(struct date d, int y, int m, int dd)
{
    char got[11], want[11];
    date_format(d, got);
    date_format((struct date){y, m, dd}, want);
    assert_string_equal(got, want);
}

/* Asserts one row: number, due date, principal, interest, total and balance in fen. */
static void assert_row(const struct amort_row *r, int n, struct date due, int64_t principal, int64_t interest,
                       int64_t total, int64_t balance)
{
    assert_int_equal(r->n, n);
    assert_int_equal(date_cmp(r->due_on, due), 0);
    assert_int_equal(r->principal_fen, principal);
    assert_int_equal(r->interest_fen, interest);
    assert_int_equal(r->total_fen, total);
    assert_int_equal(r->balance_fen, balance);
}

/* Runs a schedule that must be valid and have `want` rows. */
static int run(struct amort_input in, struct amort_row *rows, int want)
{
    int n = amort_schedule(&in, rows, MAX_ROWS);
    assert_int_equal(n, want);
    assert_int_equal(amort_row_count(&in), want);
    return n;
}

/* ---- methods table ---------------------------------------------------------------------------- */

static void test_method_tables(void **state)
{
    (void)state;
    static const char *const codes[] = {"equal-installment", "equal-principal", "monthly-interest",
                                        "quarterly-interest", "bullet"};
    static const char *const names[] = {"等额本息", "等额本金", "按月付息到期还本", "按季付息到期还本", "利随本清"};
    assert_int_equal(AMORT__MAX, 5);
    for (int m = 0; m < AMORT__MAX; m++) {
        assert_string_equal(amort_method_code(m), codes[m]);
        assert_string_equal(amort_method_name(m), names[m]);
        assert_int_equal(amort_method_parse(codes[m]), m);
    }
    assert_int_equal(amort_method_parse("equal-installment"), AMORT_EQUAL_INSTALLMENT);
    assert_int_equal(amort_method_parse("bullet"), AMORT_BULLET);
    assert_null(amort_method_code(-1));
    assert_null(amort_method_code(AMORT__MAX));
    assert_null(amort_method_name(-1));
    assert_null(amort_method_name(AMORT__MAX));
    assert_int_equal(amort_method_parse(NULL), -1);
    assert_int_equal(amort_method_parse(""), -1);
    assert_int_equal(amort_method_parse("Bullet"), -1);
    assert_int_equal(amort_method_parse("equal_installment"), -1);
    assert_int_equal(amort_method_parse("等额本息"), -1);
    assert_int_equal(amort_method_parse("bullet "), -1);
}

/* ---- exact interest ------------------------------------------------------------------------- */

static void test_interest(void **state)
{
    (void)state;
    /* 200,000.00 at 4.35% for a month: 20,000,000 x 0.0435 / 12 = 72,500 fen = 725.00 */
    assert_int_equal(amort_interest(20000000, 4350000, 1), 72500);
    /* a quarter at 3.45% on 20,000.00: 2,000,000 x 0.0345 x 3 / 12 = 17,250 */
    assert_int_equal(amort_interest(2000000, 3450000, 3), 17250);
    /* a year at 4.35% on 20,000.00: 87,000 */
    assert_int_equal(amort_interest(2000000, 4350000, 12), 87000);
    /* half-up: 100 fen at 6% for a month is exactly 0.5 fen -> 1; 99 fen -> 0.495 -> 0 */
    assert_int_equal(amort_interest(100, 6000000, 1), 1);
    assert_int_equal(amort_interest(99, 6000000, 1), 0);
    assert_int_equal(amort_interest(300, 6000000, 1), 2); /* 1.5 -> 2 */
    /* 4.275%: 8,000 fen x 0.0035625 = 28.5 -> 29; 7,999 -> 28.4964 -> 28; 12,345 -> 43.979 -> 44 */
    assert_int_equal(amort_interest(8000, 4275000, 1), 29);
    assert_int_equal(amort_interest(7999, 4275000, 1), 28);
    assert_int_equal(amort_interest(12345, 4275000, 1), 44);
    /* zero cases */
    assert_int_equal(amort_interest(0, 4350000, 1), 0);
    assert_int_equal(amort_interest(20000000, 0, 12), 0);
    assert_int_equal(amort_interest(20000000, 4350000, 0), 0);
    /* largest validated values over 360 months need 128 bits: 1e11 x 2.4e7 x 360 / 1.2e9 */
    assert_int_equal(amort_interest(AMORT_PRINCIPAL_MAX_FEN, AMORT_RATE_MAX_MICRO, 360), 719999999993LL);
    /* errors */
    assert_int_equal(amort_interest(-1, 4350000, 1), -1);
    assert_int_equal(amort_interest(100, -1, 1), -1);
    assert_int_equal(amort_interest(100, 4350000, -1), -1);
    assert_int_equal(amort_interest(INT64_MAX, 2400000000LL, 1), -1);    /* result does not fit */
    assert_int_equal(amort_interest(INT64_MAX, INT64_MAX, INT32_MAX), -1); /* product > 128 bits */
    assert_int_equal(amort_interest(INT64_MAX, 1200000000LL, 1), INT64_MAX);
}

static void test_daily_and_penalty_interest(void **state)
{
    (void)state;
    /* 100,000.00 at 4.35% for 360 days is a full year: 435,000 fen */
    assert_int_equal(amort_daily_interest(10000000, 4350000, 360), 435000);
    /* one day: 10,000,000 x 0.0435 / 360 = 1,208.33 -> 1,208 */
    assert_int_equal(amort_daily_interest(10000000, 4350000, 1), 1208);
    /* 365 days is more than a year's interest (annual / 360) */
    assert_int_equal(amort_daily_interest(10000000, 4350000, 365), 441042); /* 441,041.67 */
    assert_int_equal(amort_daily_interest(10000000, 4350000, 0), 0);
    /* penalty: 10,000.00 overdue at 4.35% x 1.5 for 30 days = 1,000,000 x 0.06525 x 30 / 360
       = 5,437.5 -> 5,438 fen (half-up) */
    assert_int_equal(amort_penalty_interest(1000000, 4350000, 150, 30), 5438);
    assert_int_equal(amort_penalty_interest(1000000, 4350000, 150, 30), amort_daily_interest(1000000, 6525000, 30));
    /* the x1.5 is exact even when rate x 1.5 is not whole: 720,000,000.00 at 0.000001% for a day:
       72,000,000,000 x 0.0000000150 / 360 = 3 fen; with the rate truncated to 1 it would be 2 */
    assert_int_equal(amort_penalty_interest(72000000000LL, 1, 150, 1), 3);
    assert_int_equal(amort_daily_interest(72000000000LL, 1, 1), 2);
    assert_int_equal(amort_penalty_interest(1000000, 4350000, 150, 0), 0);
    /* errors */
    assert_int_equal(amort_daily_interest(-1, 4350000, 1), -1);
    assert_int_equal(amort_daily_interest(1, -1, 1), -1);
    assert_int_equal(amort_daily_interest(1, 4350000, -1), -1);
    assert_int_equal(amort_penalty_interest(-1, 4350000, 150, 1), -1);
    assert_int_equal(amort_penalty_interest(1, 4350000, 150, -1), -1);
    assert_int_equal(amort_penalty_interest(1, 4350000, 150, INT64_MAX), -1);
    assert_int_equal(amort_penalty_interest(INT64_MAX, INT64_MAX, 150, 1000000000L), -1);
}

static void test_installment(void **state)
{
    (void)state;
    /* docs/domain.md: 100.00 at 7% over 6 months -> 17.01 */
    assert_int_equal(amort_installment(10000, 7000000, 6), 1701);
    /* 200,000.00 at 4.275% over 36 months: r = 0.0035625, (1+r)^36 = 1.136581..,
       A = 71,250 x 1.136581 / 0.136581 = 592,929 fen (5,929.29) */
    assert_int_equal(amort_installment(20000000, 4275000, 36), 592929);
    /* 120,000.00 at 4.35% over 12 months: 10,237.19 */
    assert_int_equal(amort_installment(12000000, 4350000, 12), 1023719);
    /* close to the half fen: A* = 163,123.500010 -> 163,124 and 89,068.499996 -> 89,068 (values
       from exact rational arithmetic) */
    assert_int_equal(amort_installment(5496087, 4350000, 36), 163124);
    assert_int_equal(amort_installment(2062700, 3450000, 24), 89068);
    /* one month: principal plus a month's interest */
    assert_int_equal(amort_installment(20000000, 4350000, 1), 20072500);
    /* rate 0: P / n rounded half-up */
    assert_int_equal(amort_installment(10000000, 0, 3), 3333333);
    assert_int_equal(amort_installment(200, 0, 3), 67);  /* 66.67 */
    assert_int_equal(amort_installment(150, 0, 4), 38);  /* 37.5 */
    assert_int_equal(amort_installment(1, 0, 2), 1);     /* 0.5 */
    assert_int_equal(amort_installment(1, 0, 3), 0);     /* 0.33 */
    assert_int_equal(amort_installment(0, 4350000, 12), 0);
    assert_int_equal(amort_installment(-1, 0, 3), -1);
    assert_int_equal(amort_installment(100, -1, 3), -1);
    assert_int_equal(amort_installment(100, 0, 0), -1);
}

/* ---- validation ----------------------------------------------------------------------------- */

static struct amort_input good(void)
{
    return (struct amort_input){20000000, 4350000, 36, AMORT_EQUAL_INSTALLMENT, {2026, 3, 15}, AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES};
}

/* Asserts that `in` is refused naming `field`, by both amort_validate and amort_schedule. */
static void assert_invalid(struct amort_input in, const char *field)
{
    const char *f = "unset";
    const char *msg = amort_validate(&in, &f);
    assert_non_null(msg);
    assert_true(strlen(msg) > 0);
    assert_non_null(f);
    assert_string_equal(f, field);
    assert_non_null(amort_validate(&in, NULL));
    struct amort_row rows[MAX_ROWS];
    rows[0].n = -7;
    assert_int_equal(amort_schedule(&in, rows, MAX_ROWS), -1);
    assert_int_equal(rows[0].n, -7);
}

/* Asserts that `in` is valid. */
static void assert_valid(struct amort_input in)
{
    const char *f = "unset";
    assert_null(amort_validate(&in, &f));
    assert_null(f);
    struct amort_row rows[MAX_ROWS];
    assert_int_equal(amort_schedule(&in, rows, MAX_ROWS), amort_row_count(&in));
}

static void test_validate(void **state)
{
    (void)state;
    struct amort_input in = good();
    assert_valid(in);
    /* principal 1 .. 99,999,999,999 fen */
    in = good(), in.principal_fen = 0, assert_invalid(in, "principal");
    in = good(), in.principal_fen = -100, assert_invalid(in, "principal");
    in = good(), in.principal_fen = AMORT_PRINCIPAL_MAX_FEN + 1, assert_invalid(in, "principal");
    in = good(), in.principal_fen = INT64_MAX, assert_invalid(in, "principal");
    in = good(), in.principal_fen = 1, assert_valid(in);
    in = good(), in.principal_fen = AMORT_PRINCIPAL_MAX_FEN, assert_valid(in);
    /* rate 0 .. 24% */
    in = good(), in.rate_micro = -1, assert_invalid(in, "rate");
    in = good(), in.rate_micro = 24000001, assert_invalid(in, "rate");
    in = good(), in.rate_micro = 0, assert_valid(in);
    in = good(), in.rate_micro = 24000000, assert_valid(in);
    /* term 1 .. 360 */
    in = good(), in.term_months = 0, assert_invalid(in, "term");
    in = good(), in.term_months = -6, assert_invalid(in, "term");
    in = good(), in.term_months = 361, assert_invalid(in, "term");
    in = good(), in.term_months = 1, assert_valid(in);
    in = good(), in.term_months = 360, assert_valid(in);
    /* method */
    in = good(), in.method = (enum amort_method)AMORT__MAX, assert_invalid(in, "method");
    in = good(), in.method = (enum amort_method)-1, assert_invalid(in, "method");
    for (int m = 0; m < AMORT__MAX; m++)
        in = good(), in.method = (enum amort_method)m, assert_valid(in);
    /* start */
    in = good(), in.start = D(2026, 2, 29), assert_invalid(in, "start");
    in = good(), in.start = D(2026, 13, 1), assert_invalid(in, "start");
    in = good(), in.start = D(1899, 12, 31), assert_invalid(in, "start");
    in = good(), in.start = D(0, 0, 0), assert_invalid(in, "start");
    in = good(), in.start = D(2999, 12, 31), assert_valid(in);
    /* the first bad field is named */
    in = good(), in.principal_fen = 0, in.rate_micro = -1, assert_invalid(in, "principal");
    /* the rate message is the one the CLI shows after "--rate" */
    const char *f;
    in = good(), in.rate_micro = 25000000;
    assert_string_equal(amort_validate(&in, &f), "年利率应在 0 到 24 之间");
    /* no input */
    assert_non_null(amort_validate(NULL, &f));
    assert_int_equal(amort_schedule(NULL, NULL, 0), -1);
}

static void test_row_count_and_buffer(void **state)
{
    (void)state;
    struct amort_input in = good();
    static const int terms[] = {1, 2, 3, 4, 5, 6, 7, 10, 12, 35, 36, 360};
    static const int quarterly[] = {1, 1, 1, 2, 2, 2, 3, 4, 4, 12, 12, 120};
    for (size_t i = 0; i < sizeof terms / sizeof terms[0]; i++) {
        in.term_months = terms[i];
        in.method = AMORT_EQUAL_INSTALLMENT, assert_int_equal(amort_row_count(&in), terms[i]);
        in.method = AMORT_EQUAL_PRINCIPAL, assert_int_equal(amort_row_count(&in), terms[i]);
        in.method = AMORT_MONTHLY_INTEREST, assert_int_equal(amort_row_count(&in), terms[i]);
        in.method = AMORT_QUARTERLY_INTEREST, assert_int_equal(amort_row_count(&in), quarterly[i]);
        in.method = AMORT_BULLET, assert_int_equal(amort_row_count(&in), 1);
    }
    in = good(), in.term_months = 0, assert_int_equal(amort_row_count(&in), -1);
    in = good(), in.term_months = 361, assert_int_equal(amort_row_count(&in), -1);
    in = good(), in.method = (enum amort_method)9, assert_int_equal(amort_row_count(&in), -1);
    assert_int_equal(amort_row_count(NULL), -1);
    /* a buffer too small is refused and left untouched; exactly big enough works */
    struct amort_row rows[36];
    memset(rows, 0x5a, sizeof rows);
    in = good();
    assert_int_equal(amort_schedule(&in, rows, 35), -1);
    assert_int_equal(rows[0].n, 0x5a5a5a5a);
    assert_int_equal(amort_schedule(&in, NULL, 36), -1);
    assert_int_equal(amort_schedule(&in, rows, 36), 36);
    in.method = AMORT_BULLET;
    assert_int_equal(amort_schedule(&in, rows, 1), 1);
    in.method = AMORT_QUARTERLY_INTEREST;
    assert_int_equal(amort_schedule(&in, rows, 11), -1);
    assert_int_equal(amort_schedule(&in, rows, 12), 12);
}

/* ---- hand-checked schedules ------------------------------------------------------------------ */

/*
 * docs/domain.md's example: 100.00 at 7% a year over 6 months from 2024-01-01, 等额本息.
 * r = 0.07 / 12; A = 10000 r (1+r)^6 / ((1+r)^6 - 1) = 1700.9 -> 1701 fen.
 *   1: interest 10000 x r = 58.33 -> 58, principal 1643, balance 8357
 *   2: 8357 x r = 48.75 -> 49, principal 1652, balance 6705
 *   3: 6705 x r = 39.11 -> 39, principal 1662, balance 5043
 *   4: 5043 x r = 29.42 -> 29, principal 1672, balance 3371
 *   5: 3371 x r = 19.66 -> 20, principal 1681, balance 1690
 *   6: 1690 x r =  9.86 -> 10, principal 1690 (all that is left), total 1700
 */
static void test_equal_installment_domain_example(void **state)
{
    (void)state;
    struct amort_row r[MAX_ROWS];
    run((struct amort_input){10000, 7000000, 6, AMORT_EQUAL_INSTALLMENT, {2024, 1, 1}, AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES}, r, 6);
    assert_row(&r[0], 1, D(2024, 2, 1), 1643, 58, 1701, 8357);
    assert_row(&r[1], 2, D(2024, 3, 1), 1652, 49, 1701, 6705);
    assert_row(&r[2], 3, D(2024, 4, 1), 1662, 39, 1701, 5043);
    assert_row(&r[3], 4, D(2024, 5, 1), 1672, 29, 1701, 3371);
    assert_row(&r[4], 5, D(2024, 6, 1), 1681, 20, 1701, 1690);
    assert_row(&r[5], 6, D(2024, 7, 1), 1690, 10, 1700, 0);
}

/*
 * 200,000.00 at 4.275% over 36 months from 2026-03-15, 等额本息: r = 0.0035625,
 * A = 592,929 (5,929.29). Row 1: 20,000,000 x r = 71,250 interest, principal 521,679.
 * Row 2: 19,478,321 x r = 69,392.02 -> 69,392, principal 523,537. Last row: balance 590,842,
 * interest 590,842 x r = 2,104.87 -> 2,105, total 592,947 (18 fen more than A).
 */
static void test_equal_installment_rate_4_275(void **state)
{
    (void)state;
    struct amort_row r[MAX_ROWS];
    run((struct amort_input){20000000, 4275000, 36, AMORT_EQUAL_INSTALLMENT, {2026, 3, 15}, AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES}, r, 36);
    assert_row(&r[0], 1, D(2026, 4, 15), 521679, 71250, 592929, 19478321);
    assert_row(&r[1], 2, D(2026, 5, 15), 523537, 69392, 592929, 18954784);
    assert_row(&r[34], 35, D(2029, 2, 15), 588727, 4202, 592929, 590842);
    assert_row(&r[35], 36, D(2029, 3, 15), 590842, 2105, 592947, 0);
    int64_t interest = 0;
    for (int i = 0; i < 36; i++)
        interest += r[i].interest_fen;
    assert_int_equal(interest, 1345462);
}

/* Start on 2024-01-31: due on the 31st or the month's last day, each from the start date.
   120,000.00 at 4.35% over 12 months: A = 10,237.19; first interest 12,000,000 x 0.3625% = 435.00. */
static void test_month_end_rule(void **state)
{
    (void)state;
    struct amort_row r[MAX_ROWS];
    run((struct amort_input){12000000, 4350000, 12, AMORT_EQUAL_INSTALLMENT, {2024, 1, 31}, AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES}, r, 12);
    assert_row(&r[0], 1, D(2024, 2, 29), 980219, 43500, 1023719, 11019781);
    assert_row(&r[1], 2, D(2024, 3, 31), 983772, 39947, 1023719, 10036009);
    assert_row(&r[2], 3, D(2024, 4, 30), 987338, 36381, 1023719, 9048671);
    static const int want_d[12] = {29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 31};
    for (int i = 0; i < 12; i++) {
        assert_int_equal(r[i].due_on.y, i < 11 ? 2024 : 2025);
        assert_int_equal(r[i].due_on.m, i < 11 ? i + 2 : 1);
        assert_int_equal(r[i].due_on.d, want_d[i]);
    }
    assert_row(&r[11], 12, D(2025, 1, 31), 1020019, 3698, 1023717, 0);
    /* quarterly from 2024-01-31 over 6 months at 4.275%: 2024-04-30, 2024-07-31;
       2,000,000 x 0.0035625 x 3 = 21,375 each quarter */
    run((struct amort_input){2000000, 4275000, 6, AMORT_QUARTERLY_INTEREST, {2024, 1, 31}, AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES}, r, 2);
    assert_row(&r[0], 1, D(2024, 4, 30), 0, 21375, 21375, 2000000);
    assert_row(&r[1], 2, D(2024, 7, 31), 2000000, 21375, 2021375, 0);
    /* a start on 29 February: 2025-02-28, then back to the 29th in March */
    run((struct amort_input){2000000, 4350000, 13, AMORT_MONTHLY_INTEREST, {2024, 2, 29}, AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES}, r, 13);
    assert_date(r[0].due_on, 2024, 3, 29);
    assert_date(r[11].due_on, 2025, 2, 28);
    assert_date(r[12].due_on, 2025, 3, 29);
}

/*
 * 等额本金 120,000.00 at 4.35% over 12 months: principal 12,000,000 / 12 = 1,000,000 each
 * (10,000.00); interest on the balance before the row, (13 - k) x 1,000,000 x 0.3625% =
 * (13 - k) x 3,625: 43,500 (435.00), 39,875, ..., 3,625; total interest 3,625 x 78 = 282,750.
 */
static void test_equal_principal(void **state)
{
    (void)state;
    struct amort_row r[MAX_ROWS];
    run((struct amort_input){12000000, 4350000, 12, AMORT_EQUAL_PRINCIPAL, {2026, 3, 15}, AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES}, r, 12);
    int64_t interest = 0;
    for (int k = 1; k <= 12; k++) {
        int64_t i = (13 - k) * 3625;
        assert_row(&r[k - 1], k, date_add_months(D(2026, 3, 15), k), 1000000, i, 1000000 + i,
                   12000000 - k * 1000000LL);
        interest += r[k - 1].interest_fen;
    }
    assert_int_equal(r[0].interest_fen, 43500);
    assert_int_equal(interest, 282750);
    /* rounding: 100.00 at 6% over 3 months: 10,000 / 3 = 3,333.33 -> 3,333, the last takes 3,334;
       interest 10,000 x 0.5% = 50, 6,667 x 0.5% = 33.335 -> 33, 3,334 x 0.5% = 16.67 -> 17 */
    run((struct amort_input){10000, 6000000, 3, AMORT_EQUAL_PRINCIPAL, {2026, 1, 1}, AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES}, r, 3);
    assert_row(&r[0], 1, D(2026, 2, 1), 3333, 50, 3383, 6667);
    assert_row(&r[1], 2, D(2026, 3, 1), 3333, 33, 3366, 3334);
    assert_row(&r[2], 3, D(2026, 4, 1), 3334, 17, 3351, 0);
    /* rounding up: 2.00 over 3 months: 66.67 -> 67, 67, and the last 66 */
    run((struct amort_input){200, 6000000, 3, AMORT_EQUAL_PRINCIPAL, {2026, 1, 1}, AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES}, r, 3);
    assert_row(&r[0], 1, D(2026, 2, 1), 67, 1, 68, 133);
    assert_row(&r[1], 2, D(2026, 3, 1), 67, 1, 68, 66);
    assert_row(&r[2], 3, D(2026, 4, 1), 66, 0, 66, 0);
    /* capped: 0.04 over 6 months: 0.67 -> 1 a month would over-pay; rows 5 and 6 repay nothing */
    run((struct amort_input){4, 6000000, 6, AMORT_EQUAL_PRINCIPAL, {2026, 1, 1}, AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES}, r, 6);
    for (int k = 0; k < 6; k++) {
        assert_int_equal(r[k].principal_fen, k < 4 ? 1 : 0);
        assert_int_equal(r[k].balance_fen, k < 4 ? 3 - k : 0);
    }
    /* 4.275%: 20,000.00 over 6 months from 2024-01-31: 333,333 x 5 + 333,335 */
    run((struct amort_input){2000000, 4275000, 6, AMORT_EQUAL_PRINCIPAL, {2024, 1, 31}, AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES}, r, 6);
    assert_row(&r[0], 1, D(2024, 2, 29), 333333, 7125, 340458, 1666667);
    assert_row(&r[1], 2, D(2024, 3, 31), 333333, 5938, 339271, 1333334); /* 5,937.50002 */
    assert_row(&r[5], 6, D(2024, 7, 31), 333335, 1188, 334523, 0);
}

/* 按月付息到期还本 200,000.00 at 4.35% over 36 months from 2026-03-15:
   interest 20,000,000 x 0.0435 / 12 = 72,500 (725.00) every month, principal in row 36. */
static void test_monthly_interest(void **state)
{
    (void)state;
    struct amort_row r[MAX_ROWS];
    run((struct amort_input){20000000, 4350000, 36, AMORT_MONTHLY_INTEREST, {2026, 3, 15}, AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES}, r, 36);
    for (int k = 1; k < 36; k++)
        assert_row(&r[k - 1], k, date_add_months(D(2026, 3, 15), k), 0, 72500, 72500, 20000000);
    assert_date(r[0].due_on, 2026, 4, 15);
    assert_row(&r[35], 36, D(2029, 3, 15), 20000000, 72500, 20072500, 0);
    /* one month */
    run((struct amort_input){20000000, 4350000, 1, AMORT_MONTHLY_INTEREST, {2026, 3, 15}, AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES}, r, 1);
    assert_row(&r[0], 1, D(2026, 4, 15), 20000000, 72500, 20072500, 0);
}

/* 按季付息到期还本 20,000.00 at 3.45% over 10 months from 2026-01-10: 4 rows; a quarter's interest
   2,000,000 x 0.0345 x 3 / 12 = 17,250 (172.50) three times, then 1 month: 5,750 (57.50). */
static void test_quarterly_interest(void **state)
{
    (void)state;
    struct amort_row r[MAX_ROWS];
    run((struct amort_input){2000000, 3450000, 10, AMORT_QUARTERLY_INTEREST, {2026, 1, 10}, AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES}, r, 4);
    assert_row(&r[0], 1, D(2026, 4, 10), 0, 17250, 17250, 2000000);
    assert_row(&r[1], 2, D(2026, 7, 10), 0, 17250, 17250, 2000000);
    assert_row(&r[2], 3, D(2026, 10, 10), 0, 17250, 17250, 2000000);
    assert_row(&r[3], 4, D(2026, 11, 10), 2000000, 5750, 2005750, 0);
    /* 11 months: the last period is 2 months (11,500) */
    run((struct amort_input){2000000, 3450000, 11, AMORT_QUARTERLY_INTEREST, {2026, 1, 10}, AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES}, r, 4);
    assert_row(&r[3], 4, D(2026, 12, 10), 2000000, 11500, 2011500, 0);
    /* 12 months: four whole quarters */
    run((struct amort_input){2000000, 3450000, 12, AMORT_QUARTERLY_INTEREST, {2026, 1, 10}, AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES}, r, 4);
    assert_row(&r[3], 4, D(2027, 1, 10), 2000000, 17250, 2017250, 0);
    /* 1 and 2 months: one row */
    run((struct amort_input){2000000, 3450000, 1, AMORT_QUARTERLY_INTEREST, {2026, 1, 10}, AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES}, r, 1);
    assert_row(&r[0], 1, D(2026, 2, 10), 2000000, 5750, 2005750, 0);
    run((struct amort_input){2000000, 3450000, 2, AMORT_QUARTERLY_INTEREST, {2026, 1, 10}, AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES}, r, 1);
    assert_row(&r[0], 1, D(2026, 3, 10), 2000000, 11500, 2011500, 0);
    /* a quarter's interest is rounded once, not three monthly roundings: 100 fen at 6% is 0.5 a
       month (1 each, 3 in all) but 1.5 a quarter -> 2 */
    run((struct amort_input){100, 6000000, 3, AMORT_QUARTERLY_INTEREST, {2026, 1, 10}, AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES}, r, 1);
    assert_row(&r[0], 1, D(2026, 4, 10), 100, 2, 102, 0);
}

/* 利随本清 20,000.00 at 4.35% over 12 months: 2,000,000 x 0.0435 = 87,000 (870.00), one row.
   1,234,567.89 at 4.275% over 7 months: 123,456,789 x 0.0249375 = 3,078,703.68 -> 3,078,704. */
static void test_bullet(void **state)
{
    (void)state;
    struct amort_row r[MAX_ROWS];
    run((struct amort_input){2000000, 4350000, 12, AMORT_BULLET, {2026, 3, 15}, AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES}, r, 1);
    assert_row(&r[0], 1, D(2027, 3, 15), 2000000, 87000, 2087000, 0);
    run((struct amort_input){123456789, 4275000, 7, AMORT_BULLET, {2024, 1, 31}, AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES}, r, 1);
    assert_row(&r[0], 1, D(2024, 8, 31), 123456789, 3078704, 126535493, 0);
    /* the largest loan over 30 years (needs 128-bit intermediates) */
    run((struct amort_input){AMORT_PRINCIPAL_MAX_FEN, 24000000, 360, AMORT_BULLET, {2026, 1, 1}, AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES}, r, 1);
    assert_row(&r[0], 1, D(2056, 1, 1), AMORT_PRINCIPAL_MAX_FEN, 719999999993LL, 819999999992LL, 0);
}

/* Rate 0: no interest; 等额本息 is P / n rounded half-up with the remainder in the last row. */
static void test_rate_zero(void **state)
{
    (void)state;
    struct amort_row r[MAX_ROWS];
    run((struct amort_input){10000000, 0, 3, AMORT_EQUAL_INSTALLMENT, {2026, 1, 1}, AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES}, r, 3);
    assert_row(&r[0], 1, D(2026, 2, 1), 3333333, 0, 3333333, 6666667);
    assert_row(&r[1], 2, D(2026, 3, 1), 3333333, 0, 3333333, 3333334);
    assert_row(&r[2], 3, D(2026, 4, 1), 3333334, 0, 3333334, 0);
    /* 200,000.00 over 36 months: 555,555.56 -> 555,556 x 35, the last 555,540 (16 = 36 x 0.44 less) */
    run((struct amort_input){20000000, 0, 36, AMORT_EQUAL_INSTALLMENT, {2026, 1, 1}, AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES}, r, 36);
    assert_int_equal(r[0].total_fen, 555556);
    assert_int_equal(r[34].total_fen, 555556);
    assert_row(&r[35], 36, D(2029, 1, 1), 555540, 0, 555540, 0);
    /* tiny loan, capped: 0.04 over 6 months -> 1,1,1,1,0,0 */
    run((struct amort_input){4, 0, 6, AMORT_EQUAL_INSTALLMENT, {2026, 1, 1}, AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES}, r, 6);
    for (int k = 0; k < 6; k++)
        assert_int_equal(r[k].total_fen, k < 4 ? 1 : 0);
    assert_int_equal(r[5].balance_fen, 0);
    for (int m = 0; m < AMORT__MAX; m++) {
        int n = run((struct amort_input){2000000, 0, 12, (enum amort_method)m, {2026, 1, 1}, AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES}, r,
                    m == AMORT_QUARTERLY_INTEREST ? 4 : m == AMORT_BULLET ? 1 : 12);
        for (int k = 0; k < n; k++)
            assert_int_equal(r[k].interest_fen, 0);
    }
}

/* One month, every method: a single row, principal plus one month's interest. */
static void test_one_month(void **state)
{
    (void)state;
    struct amort_row r[MAX_ROWS];
    for (int m = 0; m < AMORT__MAX; m++) {
        run((struct amort_input){2000000, 4350000, 1, (enum amort_method)m, {2026, 1, 31}, AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES}, r, 1);
        assert_row(&r[0], 1, D(2026, 2, 28), 2000000, 7250, 2007250, 0);
    }
}

/* ---- invariants over random loans ----------------------------------------------------------- */

/* splitmix64: a small deterministic generator, so failures reproduce. */
static uint64_t rng_state;
static uint64_t rng(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
/* Uniform in lo..hi. */
static int64_t rng_range(int64_t lo, int64_t hi)
{
    return lo + (int64_t)(rng() % (uint64_t)(hi - lo + 1));
}

struct stats {
    long schedules, rows, capped;
    int64_t max_last_diff;     /* largest |last total - A| seen, 等额本息 */
    int max_last_diff_n;       /* ... and its term */
    long last_diff_over_n;     /* schedules where |last total - A| > n */
    int64_t max_last_diff_36;  /* largest |last total - A| with a term of at most 36 months */
    long last_diff_over_n_36;  /* ... and how many exceed n fen */
};

/* Months covered by row k (1-based) of a schedule with `count` rows. */
static int row_months(const struct amort_input *in, int k, int count)
{
    switch (in->method) {
    case AMORT_QUARTERLY_INTEREST:
        return k < count ? 3 : in->term_months - 3 * (count - 1);
    case AMORT_BULLET:
        return in->term_months;
    default:
        return 1;
    }
}

/*
 * Checks every invariant of one schedule:
 * - the row count, numbers 1..count, due dates start + months (from the start, never chained),
 *   strictly increasing;
 * - principal parts >= 0 summing exactly to P; balances never increase, end at 0;
 *   total = principal + interest; interest exactly amort_interest(previous balance, rate, months);
 * - 等额本金: each row but the last repays min(round(P/n), balance);
 *   按月/按季付息, 利随本清: principal only in the last row;
 * - 等额本息: every row but the last totals A = amort_installment() unless the loan is so small that
 *   A over-pays it (then that row repays the balance and the later rows are 0); the last row
 *   differs from A by less than ((1+r)^n - 1)/r fen (n/2 fen when r = 0): see the bound below.
 */
static void check_schedule(const struct amort_input *in, struct stats *st)
{
    struct amort_row rows[MAX_ROWS];
    const int count = amort_schedule(in, rows, MAX_ROWS);
    const int n = in->term_months;
    const int64_t p = in->principal_fen, rate = in->rate_micro;
    assert_int_equal(count, amort_row_count(in));
    assert_int_equal(count, in->method == AMORT_QUARTERLY_INTEREST ? (n + 2) / 3
                            : in->method == AMORT_BULLET           ? 1
                                                                   : n);
    const int64_t a = amort_installment(p, rate, n);
    const int64_t q = (p + n / 2) / n; /* p / n rounded half-up */
    int64_t sum = 0, balance = p;
    int months = 0, capped = 0;
    struct date prev = in->start;
    for (int k = 1; k <= count; k++) {
        const struct amort_row *r = &rows[k - 1];
        const int64_t before = balance;
        const int m = row_months(in, k, count);
        months += m;
        assert_int_equal(r->n, k);
        assert_int_equal(date_cmp(r->due_on, date_add_months(in->start, months)), 0);
        assert_true(date_cmp(r->due_on, prev) > 0);
        prev = r->due_on;
        assert_true(r->principal_fen >= 0);
        assert_true(r->interest_fen >= 0);
        assert_true(r->principal_fen <= balance);
        assert_int_equal(r->interest_fen, amort_interest(balance, rate, m));
        assert_int_equal(r->total_fen, r->principal_fen + r->interest_fen);
        assert_int_equal(r->balance_fen, balance - r->principal_fen);
        assert_true(r->balance_fen <= balance);
        balance = r->balance_fen;
        sum += r->principal_fen;
        if (k == count)
            break;
        switch (in->method) {
        case AMORT_EQUAL_INSTALLMENT:
            if (capped) {
                assert_int_equal(r->total_fen, 0);
            } else if (r->total_fen != a) {
                /* over-paying A: the row repays the whole balance instead */
                assert_int_equal(r->balance_fen, 0);
                assert_true(a - r->interest_fen > r->principal_fen);
                capped = 1;
            }
            break;
        case AMORT_EQUAL_PRINCIPAL:
            assert_int_equal(r->principal_fen, q < before ? q : before);
            capped |= r->balance_fen == 0;
            break;
        default:
            assert_int_equal(r->principal_fen, 0);
            break;
        }
    }
    assert_int_equal(sum, p);
    assert_int_equal(balance, 0);
    assert_int_equal(months, n);
    if (in->method != AMORT_EQUAL_INSTALLMENT && in->method != AMORT_EQUAL_PRINCIPAL)
        assert_int_equal(rows[count - 1].principal_fen, p);
    if (in->method == AMORT_EQUAL_INSTALLMENT) {
        /* A cross-checked against an independent evaluation with powl */
        long double r = (long double)rate / 1200000000.0L;
        long double exact = rate ? (long double)p * r * powl(1 + r, n) / (powl(1 + r, n) - 1) : (long double)p / n;
        assert_true(fabsl((long double)a - exact) <= 0.5L + 1e-6L);
        if (fabsl(exact - floorl(exact) - 0.5L) > 1e-6L)
            assert_int_equal(a, (int64_t)floorl(exact + 0.5L)); /* half-up, away from a tie */
        long double bound = rate ? (powl(1 + r, n) - 1) / r : n / 2.0L;
        /* A cannot over-pay when A* / (1+r) > ((1+r)^(n-1) - 1) / r (see the bound): no cap then */
        long double bound_n1 = rate ? (powl(1 + r, n - 1) - 1) / r : (n - 1) / 2.0L;
        if (exact / (1 + r) > bound_n1 + 1)
            assert_false(capped);
        if (!capped) {
            int64_t diff = llabs(rows[count - 1].total_fen - a);
            if (rate)
                assert_true((long double)diff < bound + 1e-6L);
            else
                assert_true((long double)diff <= bound);
            if (diff > st->max_last_diff) {
                st->max_last_diff = diff;
                st->max_last_diff_n = n;
            }
            st->last_diff_over_n += diff > n;
            if (n <= 36) {
                if (diff > st->max_last_diff_36)
                    st->max_last_diff_36 = diff;
                st->last_diff_over_n_36 += diff > n;
            }
        }
    }
    st->capped += capped;
    st->schedules++;
    st->rows += count;
}

/* A rate 0..24% with up to 3 decimals; now and then exactly 0 or 24. */
static int64_t random_rate(void)
{
    uint64_t pick = rng() % 50;
    if (pick == 0)
        return 0;
    if (pick == 1)
        return AMORT_RATE_MAX_MICRO;
    return rng_range(0, 24000) * 1000;
}

/* A term 1..360, half of them in the programme's 6..36 months. */
static int random_term(void)
{
    return rng() % 2 ? (int)rng_range(6, 36) : (int)rng_range(1, 360);
}

/* A start date in 2000..2099, often at a month's end. */
static struct date random_start(void)
{
    struct date d = {(int)rng_range(2000, 2099), (int)rng_range(1, 12), 1};
    int last = date_days_in_month(d.y, d.m);
    d.d = rng() % 3 == 0 ? last - (int)rng_range(0, 2) : (int)rng_range(1, last);
    return d;
}

/* The programme's amounts, 20,000.00 .. 200,000.00 yuan (terms 1..360, half of them 6..36),
   6,000 loans per method. */
static void test_invariants_programme_amounts(void **state)
{
    (void)state;
    struct stats st = {0};
    rng_state = 20260315;
    for (int m = 0; m < AMORT__MAX; m++) {
        for (int i = 0; i < 6000; i++) {
            struct amort_input in = {rng_range(2000000, 20000000), random_rate(), random_term(),
                                     (enum amort_method)m, random_start(), AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES};
            check_schedule(&in, &st);
        }
    }
    assert_int_equal(st.schedules, 30000);
    assert_int_equal(st.capped, 0); /* never capped in the programme's range */
    print_message("programme amounts: %ld schedules, %ld rows; 等额本息 max |last - A| = %lld fen (n = %d), "
                  "%ld with |last - A| > n; terms <= 36: max %lld fen, %ld with |last - A| > n\n",
                  st.schedules, st.rows, (long long)st.max_last_diff, st.max_last_diff_n, st.last_diff_over_n,
                  (long long)st.max_last_diff_36, st.last_diff_over_n_36);
}

/* Everything the engine accepts: 1 fen .. 999,999,999.99 yuan (log-uniform), 6,000 per method. */
static void test_invariants_wide_range(void **state)
{
    (void)state;
    struct stats st = {0};
    rng_state = 42;
    for (int m = 0; m < AMORT__MAX; m++) {
        for (int i = 0; i < 6000; i++) {
            int digits = (int)rng_range(0, 11);
            int64_t hi = 1;
            for (int d = 0; d < digits; d++)
                hi *= 10;
            int64_t p = rng_range(1, hi > AMORT_PRINCIPAL_MAX_FEN ? AMORT_PRINCIPAL_MAX_FEN : hi);
            if (i == 0)
                p = AMORT_PRINCIPAL_MAX_FEN;
            struct amort_input in = {p, random_rate(), random_term(), (enum amort_method)m, random_start(),
                                     AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES};
            if (i == 1)
                in.rate_micro = AMORT_RATE_MAX_MICRO, in.term_months = 360;
            check_schedule(&in, &st);
        }
    }
    assert_int_equal(st.schedules, 30000);
    print_message("wide range: %ld schedules, %ld rows, %ld capped (tiny loans); 等额本息 max |last - A| = "
                  "%lld fen (n = %d)\n",
                  st.schedules, st.rows, st.capped, (long long)st.max_last_diff, st.max_last_diff_n);
}

/* The bound is not loose by much at the extremes: the largest loan at 24% over 360 months. */
static void test_last_row_bound_extreme(void **state)
{
    (void)state;
    struct stats st = {0};
    struct amort_input in = {AMORT_PRINCIPAL_MAX_FEN, AMORT_RATE_MAX_MICRO, 360, AMORT_EQUAL_INSTALLMENT,
                             {2026, 1, 31}, AMORT_DAYS_MONTH, AMORT_SETTLE_DUE_DATES};
    check_schedule(&in, &st);
    in.principal_fen = 2000000;
    check_schedule(&in, &st);
    in.term_months = 36;
    check_schedule(&in, &st);
    assert_int_equal(st.schedules, 3);
}

/* ---- day count (计息方式) ------------------------------------------------------------------------ */

static void test_day_count_tables(void **state)
{
    (void)state;
    assert_string_equal(amort_day_count_code(AMORT_DAYS_MONTH), "month");
    assert_string_equal(amort_day_count_code(AMORT_DAYS_ACTUAL360), "actual360");
    assert_string_equal(amort_day_count_name(AMORT_DAYS_MONTH), "按月计息");
    assert_null(amort_day_count_code(AMORT_DAYS__MAX));
    assert_null(amort_day_count_name(-1));
    assert_int_equal(amort_day_count_parse("month"), AMORT_DAYS_MONTH);
    assert_int_equal(amort_day_count_parse("actual360"), AMORT_DAYS_ACTUAL360);
    assert_int_equal(amort_day_count_parse("Actual360"), -1);
    assert_int_equal(amort_day_count_parse(NULL), -1);
    /* defaults: whole months for the amortising methods, actual days for the others */
    assert_int_equal(amort_default_day_count(AMORT_EQUAL_INSTALLMENT), AMORT_DAYS_MONTH);
    assert_int_equal(amort_default_day_count(AMORT_EQUAL_PRINCIPAL), AMORT_DAYS_MONTH);
    assert_int_equal(amort_default_day_count(AMORT_MONTHLY_INTEREST), AMORT_DAYS_ACTUAL360);
    assert_int_equal(amort_default_day_count(AMORT_QUARTERLY_INTEREST), AMORT_DAYS_ACTUAL360);
    assert_int_equal(amort_default_day_count(AMORT_BULLET), AMORT_DAYS_ACTUAL360);
    struct amort_input in = {2000000, 4350000, 12, AMORT_MONTHLY_INTEREST, {2024, 1, 10}, (enum amort_day_count)2, AMORT_SETTLE_DUE_DATES};
    const char *field = NULL;
    assert_non_null(amort_validate(&in, &field));
    assert_string_equal(field, "day_count");
    struct amort_row r[MAX_ROWS];
    assert_int_equal(amort_schedule(&in, r, MAX_ROWS), -1);
}

/* 按日计息 schedules by hand (balance × annual / 360 × the days between due dates). */
static void test_actual360_schedules(void **state)
{
    (void)state;
    struct amort_row r[MAX_ROWS];
    /* 按月付息 20,000.00 at 4.35% from 2024-01-10: 2,000,000 × 0.0435 / 360 = 241.667 fen a day;
       Jan 10 → Feb 10 31 days 7,491.67 → 7,492; → Mar 10 29 days (leap year) 7,008.33 → 7,008;
       → Apr 10 31 days 7,492 */
    run((struct amort_input){2000000, 4350000, 3, AMORT_MONTHLY_INTEREST, {2024, 1, 10}, AMORT_DAYS_ACTUAL360, AMORT_SETTLE_DUE_DATES}, r, 3);
    assert_row(&r[0], 1, D(2024, 2, 10), 0, 7492, 7492, 2000000);
    assert_row(&r[1], 2, D(2024, 3, 10), 0, 7008, 7008, 2000000);
    assert_row(&r[2], 3, D(2024, 4, 10), 2000000, 7492, 2007492, 0);
    /* 按季付息 100,000.00 at 3.6% over 7 months from 2024-01-31: 1,000 fen a day exactly;
       → Apr 30 90 days, → Jul 31 92 days, the last month → Aug 31 31 days */
    run((struct amort_input){10000000, 3600000, 7, AMORT_QUARTERLY_INTEREST, {2024, 1, 31}, AMORT_DAYS_ACTUAL360, AMORT_SETTLE_DUE_DATES}, r, 3);
    assert_row(&r[0], 1, D(2024, 4, 30), 0, 90000, 90000, 10000000);
    assert_row(&r[1], 2, D(2024, 7, 31), 0, 92000, 92000, 10000000);
    assert_row(&r[2], 3, D(2024, 8, 31), 10000000, 31000, 10031000, 0);
    /* 利随本清 50,000.00 at 4.35% for 12 months from 2024-01-10: 366 days (leap year)
       5,000,000 × 0.0435 / 360 × 366 = 221,125 exactly (按月计息 would be 217,500) */
    run((struct amort_input){5000000, 4350000, 12, AMORT_BULLET, {2024, 1, 10}, AMORT_DAYS_ACTUAL360, AMORT_SETTLE_DUE_DATES}, r, 1);
    assert_row(&r[0], 1, D(2025, 1, 10), 5000000, 221125, 5221125, 0);
    /* 等额本金 120,000.00 at 3.6% over 3 months from 2024-01-31: 40,000.00 a month; 1,200, 800,
       400 fen a day on the balances; 29, 31, 30 days → 34,800, 24,800, 12,000 */
    run((struct amort_input){12000000, 3600000, 3, AMORT_EQUAL_PRINCIPAL, {2024, 1, 31}, AMORT_DAYS_ACTUAL360, AMORT_SETTLE_DUE_DATES}, r, 3);
    assert_row(&r[0], 1, D(2024, 2, 29), 4000000, 34800, 4034800, 8000000);
    assert_row(&r[1], 2, D(2024, 3, 31), 4000000, 24800, 4024800, 4000000);
    assert_row(&r[2], 3, D(2024, 4, 30), 4000000, 12000, 4012000, 0);
    /* 等额本息 the docs/domain.md 100.00 at 7% from 2024-01-01, by days: A = 17.01 as by months; interest
       10,000 × 0.07 / 360 × 31 = 60.28 → 60; 8,359 × 29 days = 47.13 → 47; 6,705 × 31 = 40.42 → 40;
       5,044 × 30 = 29.42 → 29; 3,372 × 31 = 20.33 → 20; last 1,691 × 30 = 9.86 → 10 */
    run((struct amort_input){10000, 7000000, 6, AMORT_EQUAL_INSTALLMENT, {2024, 1, 1}, AMORT_DAYS_ACTUAL360, AMORT_SETTLE_DUE_DATES}, r, 6);
    assert_row(&r[0], 1, D(2024, 2, 1), 1641, 60, 1701, 8359);
    assert_row(&r[1], 2, D(2024, 3, 1), 1654, 47, 1701, 6705);
    assert_row(&r[2], 3, D(2024, 4, 1), 1661, 40, 1701, 5044);
    assert_row(&r[3], 4, D(2024, 5, 1), 1672, 29, 1701, 3372);
    assert_row(&r[4], 5, D(2024, 6, 1), 1681, 20, 1701, 1691);
    assert_row(&r[5], 6, D(2024, 7, 1), 1691, 10, 1701, 0);
    /* amort_period_interest: month counts calendar months, actual360 days */
    assert_int_equal(amort_period_interest(2000000, 4350000, AMORT_DAYS_MONTH, D(2024, 1, 10), D(2024, 2, 10)), 7250);
    assert_int_equal(amort_period_interest(2000000, 4350000, AMORT_DAYS_ACTUAL360, D(2024, 1, 10), D(2024, 2, 10)),
                     7492);
}

/* 按日计息 over random programme loans of every method: principal parts >= 0 summing to P, the
   balance 0 after the last row, each row's interest = the days since the previous due date (or
   the start) on the balance before it. */
static void test_actual360_invariants(void **state)
{
    (void)state;
    static struct amort_row r[MAX_ROWS];
    rng_state = 360;
    for (int m = 0; m < AMORT__MAX; m++)
        for (int i = 0; i < 3000; i++) {
            struct amort_input in = {rng_range(2000000, 20000000), random_rate(), random_term(),
                                     (enum amort_method)m, random_start(), AMORT_DAYS_ACTUAL360, AMORT_SETTLE_DUE_DATES};
            int n = amort_schedule(&in, r, MAX_ROWS);
            assert_int_equal(n, amort_row_count(&in));
            int64_t balance = in.principal_fen, sum = 0;
            struct date prev = in.start;
            for (int k = 0; k < n; k++) {
                assert_true(r[k].principal_fen >= 0 && r[k].principal_fen <= balance);
                assert_int_equal(r[k].interest_fen,
                                 amort_daily_interest(balance, in.rate_micro, date_diff(r[k].due_on, prev)));
                balance -= r[k].principal_fen;
                sum += r[k].principal_fen;
                assert_int_equal(r[k].balance_fen, balance);
                prev = r[k].due_on;
            }
            assert_int_equal(sum, in.principal_fen);
            assert_int_equal(balance, 0);
        }
}

/* The penalty factor is a parameter: × 2 (200%) for 10 days on 10,000.00 at 4.35%:
   1,000,000 × 0.0435 × 2 / 360 × 10 = 2,416.67 → 2,417 fen. */
static void test_penalty_factor(void **state)
{
    (void)state;
    assert_int_equal(amort_penalty_interest(1000000, 4350000, 200, 10), 2417);
    assert_int_equal(amort_penalty_interest(1000000, 4350000, 100, 10), amort_daily_interest(1000000, 4350000, 10));
    assert_int_equal(amort_penalty_interest(1000000, 4350000, -1, 10), -1);
}

/* 按季结息: interest on 03-20, 06-20, 09-20, 12-20 and at maturity, by days / 360, principal at maturity. */
static void test_quarter_settlement(void **state)
{
    (void)state;
    struct amort_row r[MAX_ROWS];
    /* 100,000.00 按月付息到期还本 at 4.35% for 12 months from 2026-01-10 (maturity 2027-01-10):
       10,000,000 × 0.0435 / 360 = 1,208.333 fen a day;
         01-10 → 03-20: 21 + 28 + 20 = 69 days   83,375.00 → 83,375
         03-20 → 06-20: 11 + 30 + 31 + 20 = 92    111,166.67 → 111,167
         06-20 → 09-20: 10 + 31 + 31 + 20 = 92    111,167
         09-20 → 12-20: 10 + 31 + 30 + 20 = 91    109,958.33 → 109,958
         12-20 → 2027-01-10: 11 + 10 = 21         25,375.00 → 25,375
       365 days in all; interest 441,042 (one rounding over the year would be 441,041.67). */
    struct amort_input in = {10000000, 4350000, 12, AMORT_MONTHLY_INTEREST, {2026, 1, 10}, AMORT_DAYS_ACTUAL360,
                             AMORT_SETTLE_QUARTER_20TH};
    assert_int_equal(amort_row_count(&in), 5);
    run(in, r, 5);
    assert_row(&r[0], 1, D(2026, 3, 20), 0, 83375, 83375, 10000000);
    assert_row(&r[1], 2, D(2026, 6, 20), 0, 111167, 111167, 10000000);
    assert_row(&r[2], 3, D(2026, 9, 20), 0, 111167, 111167, 10000000);
    assert_row(&r[3], 4, D(2026, 12, 20), 0, 109958, 109958, 10000000);
    assert_row(&r[4], 5, D(2027, 1, 10), 10000000, 25375, 10025375, 0);
    /* the other methods that repay at maturity give the same rows: the settlement places the interest */
    in.method = AMORT_BULLET;
    run(in, r, 5);
    assert_row(&r[4], 5, D(2027, 1, 10), 10000000, 25375, 10025375, 0);
    in.method = AMORT_QUARTERLY_INTEREST;
    run(in, r, 5);
    assert_row(&r[0], 1, D(2026, 3, 20), 0, 83375, 83375, 10000000);
    /* Disbursed on a settlement day (2026-03-20) for 6 months: the first settlement is the next
       one, 06-20 (92 days); the maturity 09-20 is itself a settlement day, so one row (92 days):
       20,000.00 at 3.6%: 200 fen a day → 18,400 each. */
    run((struct amort_input){2000000, 3600000, 6, AMORT_BULLET, {2026, 3, 20}, AMORT_DAYS_ACTUAL360,
                             AMORT_SETTLE_QUARTER_20TH}, r, 2);
    assert_row(&r[0], 1, D(2026, 6, 20), 0, 18400, 18400, 2000000);
    assert_row(&r[1], 2, D(2026, 9, 20), 2000000, 18400, 2018400, 0);
    /* across the year end: from 2026-12-21, 1 month → 2027-01-21, no settlement day between: one
       row of 31 days = 6,200; from 2026-12-19 the 12-20 settlement (1 day, 200) comes first */
    run((struct amort_input){2000000, 3600000, 1, AMORT_BULLET, {2026, 12, 21}, AMORT_DAYS_ACTUAL360,
                             AMORT_SETTLE_QUARTER_20TH}, r, 1);
    assert_row(&r[0], 1, D(2027, 1, 21), 2000000, 6200, 2006200, 0);
    run((struct amort_input){2000000, 3600000, 1, AMORT_BULLET, {2026, 12, 19}, AMORT_DAYS_ACTUAL360,
                             AMORT_SETTLE_QUARTER_20TH}, r, 2);
    assert_row(&r[0], 1, D(2026, 12, 20), 0, 200, 200, 2000000);
    assert_row(&r[1], 2, D(2027, 1, 19), 2000000, 6000, 2006000, 0);
    /* refused: an amortising method, or 按月计息 */
    const char *field = NULL;
    in.method = AMORT_EQUAL_INSTALLMENT;
    assert_non_null(amort_validate(&in, &field));
    assert_string_equal(field, "method");
    assert_int_equal(amort_schedule(&in, r, MAX_ROWS), -1);
    in.method = AMORT_MONTHLY_INTEREST;
    in.day_count = AMORT_DAYS_MONTH;
    assert_non_null(amort_validate(&in, &field));
    assert_string_equal(field, "day_count");
    /* too few rows given: refused, nothing written */
    in.day_count = AMORT_DAYS_ACTUAL360;
    assert_int_equal(amort_schedule(&in, r, 4), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_method_tables),
        cmocka_unit_test(test_interest),
        cmocka_unit_test(test_daily_and_penalty_interest),
        cmocka_unit_test(test_installment),
        cmocka_unit_test(test_validate),
        cmocka_unit_test(test_row_count_and_buffer),
        cmocka_unit_test(test_equal_installment_domain_example),
        cmocka_unit_test(test_equal_installment_rate_4_275),
        cmocka_unit_test(test_month_end_rule),
        cmocka_unit_test(test_equal_principal),
        cmocka_unit_test(test_monthly_interest),
        cmocka_unit_test(test_quarterly_interest),
        cmocka_unit_test(test_bullet),
        cmocka_unit_test(test_rate_zero),
        cmocka_unit_test(test_one_month),
        cmocka_unit_test(test_invariants_programme_amounts),
        cmocka_unit_test(test_invariants_wide_range),
        cmocka_unit_test(test_last_row_bound_extreme),
        cmocka_unit_test(test_day_count_tables),
        cmocka_unit_test(test_actual360_schedules),
        cmocka_unit_test(test_actual360_invariants),
        cmocka_unit_test(test_penalty_factor),
        cmocka_unit_test(test_quarter_settlement),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
