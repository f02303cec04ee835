/* test_db_writer.c: write transactions are serialised in the process — a second connection's
   db_begin returns only after the first's commit or rollback (a flag the first sets just before
   ending) without ever calling SQLite's busy handler (it queued at the process's writer instead
   of polling the database lock), a connection cannot begin twice, and every way a transaction
   ends releases the writer; and many writers at once, their checkpoints handed to the
   checkpointer (db_checkpoint.c) as the server's connections hand them, all commit, none meets
   SQLite's busy handler, and the checkpointer checkpoints; and with a shared writing connection
   (the server's), every transaction runs on its handle and gives it back however it ends, finds
   the pages another connection's transaction read still in its cache, and a statement a
   transaction left stepping is reset before the next one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db_checkpoint.h"
#include "temp_db.h"

static char dir[] = "/tmp/bangfu-writer-XXXXXX", path[96];
static struct db *db; /* the tests' database, made once for both */
static atomic_int ended, began, busy;

/* Counts SQLite's busy callbacks (a writer that met the lock held) and keeps waiting. */
static int count_busy(void *arg, int n)
{
    (void)arg;
    (void)n;
    atomic_fetch_add(&busy, 1);
    nanosleep(&(struct timespec){0, 1000000}, NULL);
    return 1;
}

/* The second writer: begins (waiting for the first), notes whether the first had ended, commits. */
static void *second(void *arg)
{
    struct err e = {0};
    struct db *own = db_open(path, 0, &e);
    int *saw_end = arg;
    if (own)
        sqlite3_busy_handler(own->h, count_busy, NULL); /* queued at the writer, it never meets SQLite's lock */
    atomic_store(&began, 1);
    if (own && db_begin(own) == SQLITE_OK) {
        *saw_end = atomic_load(&ended);
        db_run(own, "INSERT INTO units (name, kind, path) SELECT '二', 'village', '/9' || count(*) || '/' FROM units", "");
        db_commit(own);
    }
    db_close(own);
    return NULL;
}

static void test_writers_queue(void **state)
{
    (void)state;
    for (int end = 0; end < 2; end++) { /* ended by commit, then by rollback */
        atomic_store(&ended, 0);
        atomic_store(&began, 0);
        int saw_end = -1;
        assert_int_equal(db_begin(db), SQLITE_OK);
        assert_true(db_writing(db));
        assert_int_equal(db_begin(db), SQLITE_MISUSE); /* not twice on one connection */
        assert_true(db_writing(db));
        pthread_t t;
        assert_int_equal(pthread_create(&t, NULL, second, &saw_end), 0);
        while (!atomic_load(&began))
            nanosleep(&(struct timespec){0, 1000000}, NULL);
        nanosleep(&(struct timespec){0, 20000000}, NULL); /* gives the second writer time to reach the lock */
        atomic_store(&ended, 1);
        if (end == 0)
            assert_int_equal(db_commit(db), SQLITE_OK);
        else
            db_rollback(db);
        assert_false(db_writing(db));
        pthread_join(t, NULL);
        assert_int_equal(saw_end, 1); /* the second began only after the first ended */
        assert_int_equal(atomic_load(&busy), 0); /* ... waiting at the process's writer, not polling SQLite */
    }
    assert_int_equal(db_int(db, 0, "SELECT count(*) FROM units WHERE name = '二'", ""), 2);
    /* a commit with nothing open is an error and holds nothing */
    assert_int_equal(db_begin(db), SQLITE_OK);
    db_rollback(db);
    assert_int_equal(db_commit(db), SQLITE_ERROR); /* nothing open: an error, and nothing held */
    assert_false(db_writing(db));
    assert_int_equal(db_begin(db), SQLITE_OK);
    db_close(db); /* closing with a transaction open releases the writer too */
    db = db_open(path, 0, &(struct err){0});
    assert_non_null(db);
    assert_int_equal(db_begin(db), SQLITE_OK);
    assert_int_equal(db_commit(db), SQLITE_OK);
}

enum { WRITERS = 8, COMMITS = 40 };

/* One of many writers: its own connection, checkpoints handed over, COMMITS one-row commits.
   Counts its commits into arg. */
static void *many(void *arg)
{
    struct err e = {0};
    struct db *own = db_open(path, 0, &e);
    int *committed = arg;
    if (!own)
        return NULL;
    sqlite3_busy_handler(own->h, count_busy, NULL);
    db_exec(own, "PRAGMA synchronous=OFF"); /* the locking is under test, not the disk: keeps the test quick */
    if (db_checkpoint_hand_off(own))
        for (int i = 0; i < COMMITS; i++)
            if (db_begin(own) == SQLITE_OK &&
                db_run(own, "INSERT INTO units (name, kind, path) SELECT '多', 'village', '/8' || count(*) || '/' FROM units",
                       "") == SQLITE_DONE &&
                db_commit(own) == SQLITE_OK)
                (*committed)++;
    db_rollback(own);
    db_close(own);
    return NULL;
}

static void test_many_writers(void **state)
{
    (void)state;
    atomic_store(&busy, 0);
    assert_int_equal(db_checkpointer_start(path, 8), 0); /* a checkpoint every 8 pages of log */
    pthread_t t[WRITERS];
    int committed[WRITERS] = {0};
    for (int i = 0; i < WRITERS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, many, &committed[i]), 0);
    for (int i = 0; i < WRITERS; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(committed[i], COMMITS);
    }
    assert_true(db_checkpointer_stop() >= 1);
    assert_false(db_checkpoint_hand_off(db)); /* none runs now: the connection keeps checkpointing itself */
    assert_int_equal(atomic_load(&busy), 0);
    assert_int_equal(db_int(db, 0, "SELECT count(*) FROM units WHERE name = '多'", ""), WRITERS * COMMITS);
    assert_int_equal(db_int(db, 0, "SELECT count(DISTINCT path) FROM units WHERE name = '多'", ""), WRITERS * COMMITS);
}

/* Pages the connection's handle read from the file since the last call. */
static int cache_misses(sqlite3 *h)
{
    int cur = 0, high = 0;
    sqlite3_db_status(h, SQLITE_DBSTATUS_CACHE_MISS, &cur, &high, 1);
    return cur;
}

/* Adds a unit on the connection in a transaction of its own; 0 when committed. */
static int add_unit(struct db *c)
{
    return db_begin(c) == SQLITE_OK &&
                   db_run(c, "INSERT INTO units (name, kind, path) SELECT '共', 'village', '/7' || count(*) || '/' "
                             "FROM units", "") == SQLITE_DONE &&
                   sqlite3_last_insert_rowid(c->h) > 0 && db_commit(c) == SQLITE_OK
               ? 0
               : -1;
}

static void test_shared_writer(void **state)
{
    (void)state;
    struct err e = {0};
    struct db *w = db_open(path, 0, &e), *a = db_open(path, 0, &e), *b = db_open(path, 0, &e);
    assert_non_null(w);
    assert_non_null(a);
    assert_non_null(b);
    sqlite3 *wh = w->h, *ah = a->h, *bh = b->h;
    /* Without a shared connection, each connection's cache is emptied by the other's commit. */
    assert_int_equal(add_unit(a), 0);
    assert_int_equal(add_unit(b), 0);
    cache_misses(ah);
    assert_int_equal(add_unit(a), 0);
    assert_true(cache_misses(ah) > 0);
    /* Shared: the transaction runs on the writer's handle and its statements ... */
    assert_int_equal(db_writer_share(w), 0);
    assert_int_equal(db_begin(a), SQLITE_OK);
    assert_ptr_equal(a->h, wh);
    assert_ptr_equal(w->h, ah);
    db_rollback(a); /* ... and gives them back at a rollback ... */
    assert_ptr_equal(a->h, ah);
    assert_ptr_equal(w->h, wh);
    assert_int_equal(add_unit(a), 0); /* ... and at a commit */
    assert_ptr_equal(a->h, ah);
    cache_misses(wh);
    assert_int_equal(add_unit(b), 0); /* b's transaction finds the pages a's read */
    assert_int_equal(cache_misses(wh), 0);
    assert_ptr_equal(b->h, bh);
    /* a statement left stepping in a transaction is reset when the writer is handed on */
    assert_int_equal(db_begin(a), SQLITE_OK);
    sqlite3_stmt *left = db_prep(a, "SELECT id FROM units");
    assert_non_null(left);
    assert_int_equal(sqlite3_step(left), SQLITE_ROW);
    assert_true(sqlite3_stmt_busy(left));
    assert_int_equal(db_commit(a), SQLITE_OK);
    assert_false(sqlite3_stmt_busy(left));
    assert_int_equal(db_begin(b), SQLITE_OK);
    db_close(b); /* closing in a transaction gives the handle back before closing its own */
    assert_ptr_equal(w->h, wh);
    assert_int_equal(db_writer_share(NULL), 0);
    assert_int_equal(db_begin(a), SQLITE_OK); /* none shared: a writes on its own handle again */
    assert_ptr_equal(a->h, ah);
    db_rollback(a);
    assert_int_equal(db_int(w, 0, "SELECT count(*) FROM units WHERE name = '共'", ""), 5);
    db_close(a);
    db_close(w);
}

/* Makes the tests' database. */
static int setup(void **state)
{
    (void)state;
    db = temp_db_open(dir, path, sizeof path);
    return db ? 0 : -1;
}

/* Removes it. */
static int teardown(void **state)
{
    (void)state;
    temp_db_remove(db, dir, path);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_writers_queue),
        cmocka_unit_test(test_many_writers),
        cmocka_unit_test(test_shared_writer),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
