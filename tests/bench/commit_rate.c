/* commit_rate.c: SQLite's own rate of fsync'd single-row commits on this disk (WAL,
   synchronous=FULL, as Bangfu opens its database), the baseline of the write benchmark in
   tests/bench/run.sh. Usage: commit_rate DB-FILE [MAX-COMMITS] [MAX-SECONDS]; prints
   "commits seconds commits_per_second p99_ms". */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* Monotonic seconds. */
static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Orders doubles. */
static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: commit_rate DB-FILE [MAX-COMMITS] [MAX-SECONDS]\n");
        return 2;
    }
    long max = argc > 2 ? atol(argv[2]) : 20000;
    double limit = argc > 3 ? atof(argv[3]) : 5.0;
    sqlite3 *h;
    if (max < 1 || sqlite3_open(argv[1], &h) != SQLITE_OK ||
        sqlite3_exec(h, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                        "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)", NULL, NULL,
                     NULL) != SQLITE_OK) {
        fprintf(stderr, "commit_rate: cannot set up %s\n", argv[1]);
        return 1;
    }
    sqlite3_stmt *ins;
    double *lat = malloc(sizeof *lat * (size_t)max);
    if (!lat || sqlite3_prepare_v2(h, "INSERT INTO t (v) VALUES (?)", -1, &ins, NULL) != SQLITE_OK)
        return 1;
    double t0 = now();
    long n = 0;
    while (n < max && now() - t0 < limit) {
        double s = now();
        sqlite3_bind_int64(ins, 1, n);
        if (sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK || sqlite3_step(ins) != SQLITE_DONE ||
            sqlite3_reset(ins) != SQLITE_OK || sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
            fprintf(stderr, "commit_rate: %s\n", sqlite3_errmsg(h));
            return 1;
        }
        lat[n++] = (now() - s) * 1000;
    }
    double secs = now() - t0;
    qsort(lat, (size_t)n, sizeof *lat, by_value);
    printf("%ld %.3f %.0f %.2f\n", n, secs, (double)n / secs, lat[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1]);
    sqlite3_finalize(ins);
    sqlite3_close(h);
    free(lat);
    return 0;
}
