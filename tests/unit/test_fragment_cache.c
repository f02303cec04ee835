/* test_fragment_cache.c: the dashboard's fragment cache fills single-flight — one thread computes a
   missing or expired fragment while the others wait for it or serve the previous value. Counts the
   fills; no assertion depends on timing (the fills wait for the other threads to arrive). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include "fragment_cache.h"

#define THREADS 8

static atomic_int fills, entered, stale;
static const char *value;

/* Waits (polling, at most 10 s) until *n reaches want; 1 when it did. */
static int await_count(atomic_int *n, int want)
{
    struct timespec ms = {0, 1000000};
    for (int i = 0; i < 10000; i++) {
        if (atomic_load(n) >= want)
            return 1;
        nanosleep(&ms, NULL);
    }
    return 0;
}

/* A fill that holds on until every caller has come (first test) and appends the current value. */
static void slow_fill(void *ctx, struct buf *out)
{
    atomic_int *until = ctx;
    atomic_fetch_add(&fills, 1);
    if (until == &entered) {
        await_count(&entered, THREADS);
        struct timespec settle = {0, 20000000}; /* lets the others reach the cache; the count holds either way */
        nanosleep(&settle, NULL);
    } else if (until) {
        await_count(until, THREADS - 1);
    }
    buf_puts(out, value);
}

struct caller {
    int max_age;
    atomic_int *until;
    enum fragment_answer answer;
    struct buf got;
};

/* One concurrent caller of fragment_fill. */
static void *call(void *arg)
{
    struct caller *c = arg;
    time_t at;
    buf_init(&c->got);
    atomic_fetch_add(&entered, 1);
    c->answer = fragment_fill("home|1/2|auditor|2026-12-05", c->max_age, &c->got, slow_fill, c->until, &at);
    if (c->answer == FRAGMENT_STALE)
        atomic_fetch_add(&stale, 1);
    return NULL;
}

/* Runs THREADS callers at once and waits for them. */
static void run(struct caller *c, int max_age, atomic_int *until)
{
    pthread_t t[THREADS];
    atomic_store(&fills, 0);
    atomic_store(&entered, 0);
    atomic_store(&stale, 0);
    for (int i = 0; i < THREADS; i++) {
        c[i] = (struct caller){.max_age = max_age, .until = until};
        assert_int_equal(pthread_create(&t[i], NULL, call, &c[i]), 0);
    }
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
}

/* Missing entry, 8 callers at once: one fill; the other 7 wait for it (or, arriving after, find it
   fresh) and all 8 get the same text. */
static void test_missing_fills_once(void **state)
{
    (void)state;
    struct caller c[THREADS];
    fragment_clear();
    value = "第一次统计";
    run(c, 60, &entered);
    assert_int_equal(atomic_load(&fills), 1);
    int filled = 0;
    for (int i = 0; i < THREADS; i++) {
        filled += c[i].answer == FRAGMENT_FILLED;
        assert_true(c[i].answer == FRAGMENT_FILLED || c[i].answer == FRAGMENT_WAITED || c[i].answer == FRAGMENT_FRESH);
        assert_string_equal(c[i].got.data, "第一次统计");
        buf_free(&c[i].got);
    }
    assert_int_equal(filled, 1);
}

/* Expired entry (max_age 0), 8 callers: one recomputes, and its fill only returns once the other 7
   have been served the previous value (stale-while-revalidate); the next caller gets the new one. */
static void test_expired_serves_previous(void **state)
{
    (void)state;
    struct caller c[THREADS];
    fragment_clear();
    value = "旧值";
    run(c, 60, &entered);
    for (int i = 0; i < THREADS; i++)
        buf_free(&c[i].got);
    value = "新值";
    run(c, 0, &stale);
    assert_int_equal(atomic_load(&fills), 1);
    assert_int_equal(atomic_load(&stale), THREADS - 1);
    for (int i = 0; i < THREADS; i++) {
        assert_string_equal(c[i].got.data, c[i].answer == FRAGMENT_FILLED ? "新值" : "旧值");
        buf_free(&c[i].got);
    }
    struct buf b;
    buf_init(&b);
    time_t at;
    atomic_store(&fills, 0);
    assert_int_equal(fragment_fill("home|1/2|auditor|2026-12-05", 60, &b, slow_fill, NULL, &at), FRAGMENT_FRESH);
    assert_string_equal(b.data, "新值");
    assert_int_equal(atomic_load(&fills), 0);
    buf_free(&b);
}

/* A key that does not fit, or an empty one, is computed on every call and never stored. */
static void test_unfit_key_not_cached(void **state)
{
    (void)state;
    char key[FRAGMENT_KEY_SIZE + 1];
    memset(key, 'k', FRAGMENT_KEY_SIZE);
    key[FRAGMENT_KEY_SIZE] = '\0';
    struct buf b;
    buf_init(&b);
    time_t at;
    value = "x";
    atomic_store(&fills, 0);
    assert_int_equal(fragment_fill(key, 60, &b, slow_fill, NULL, &at), FRAGMENT_UNCACHED);
    assert_int_equal(fragment_fill(key, 60, &b, slow_fill, NULL, &at), FRAGMENT_UNCACHED);
    assert_int_equal(fragment_fill("", 60, &b, slow_fill, NULL, &at), FRAGMENT_UNCACHED);
    assert_int_equal(atomic_load(&fills), 3);
    assert_string_equal(b.data, "xxx");
    buf_free(&b);
}

/* A forgotten key (a fill that failed) is computed again on the next call; other keys stay. */
static void test_forget(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b);
    time_t at;
    fragment_clear();
    value = "v";
    atomic_store(&fills, 0);
    assert_int_equal(fragment_fill("public-assessment|2026Q3|7", 600, &b, slow_fill, NULL, &at), FRAGMENT_FILLED);
    assert_int_equal(fragment_fill("public-assessment|2026Q2|7", 600, &b, slow_fill, NULL, &at), FRAGMENT_FILLED);
    fragment_forget("public-assessment|2026Q3|7");
    assert_int_equal(fragment_fill("public-assessment|2026Q3|7", 600, &b, slow_fill, NULL, &at), FRAGMENT_FILLED);
    assert_int_equal(fragment_fill("public-assessment|2026Q2|7", 600, &b, slow_fill, NULL, &at), FRAGMENT_FRESH);
    assert_int_equal(atomic_load(&fills), 3);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_missing_fills_once),
        cmocka_unit_test(test_expired_serves_previous),
        cmocka_unit_test(test_unfit_key_not_cached),
        cmocka_unit_test(test_forget),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
