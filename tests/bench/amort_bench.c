/*
 * amort_bench.c: `make bench` part for the schedule engine: 1,000,000 schedules of 36 months
 * (each method) on one core, against a baseline measured in the same run: filling the same
 * 36 rows with precomputed values (the memory traffic every schedule has anyway).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "amort.h"

/* Seconds since an arbitrary start (monotonic). */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Runs n schedules of one method; returns seconds. The checksum keeps the work observable. */
static double run(enum amort_method m, long n, int64_t *checksum)
{
    struct amort_row rows[36];
    struct amort_input in = {.rate_micro = 4350000, .term_months = 36, .method = m, .start = {2026, 3, 15}};
    double t0 = now();
    for (long i = 0; i < n; i++) {
        in.principal_fen = 2000000 + (i % 18000) * 1000;
        int k = amort_schedule(&in, rows, 36);
        *checksum += rows[k - 1].total_fen;
    }
    return now() - t0;
}

/* The baseline: the same number of 36-row fills with fixed values. */
static double baseline(long n, int64_t *checksum)
{
    struct amort_row rows[36], proto[36];
    memset(proto, 0, sizeof proto);
    double t0 = now();
    for (long i = 0; i < n; i++) {
        for (int k = 0; k < 36; k++) {
            rows[k] = proto[k];
            rows[k].total_fen = i + k;
        }
        *checksum += rows[35].total_fen;
    }
    return now() - t0;
}

int main(void)
{
    const long n = 1000000;
    int64_t sum = 0;
    double base = baseline(n, &sum);
    printf("baseline (fill 36 rows)      %7.3f s\n", base);
    for (int m = 0; m < AMORT__MAX; m++) {
        double t = run((enum amort_method)m, n, &sum);
        printf("%-28s %7.3f s  (%.1f x baseline; target < 2 s)\n", amort_method_code(m), t, t / base);
    }
    printf("checksum %lld\n", (long long)sum);
    return 0;
}
