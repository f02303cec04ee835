/* test_wal_vfs.c: the file layer connections open through (wal_vfs.c). Under it, a counting layer
   in place of the system's default one counts the write() calls each write-ahead log receives.
   A commit of many pages reaches its log in one write; a second connection reads it at once, also
   when the writer runs with synchronous=OFF (no sync at commit: the write comes before the
   shared-memory barrier SQLite passes as it publishes the commit); a transaction that outgrows a tiny page cache (its pages spill into the log and are
   written again, frames rewritten in place) commits or rolls back whole, and a commit of another
   connection where the rolled-back frames were survives the rolled-back one; a transaction larger than what the layer gathers is written whole and the database
   stays sound after it is reopened; a commit rolled back leaves nothing behind; and SQL's 'now'
   is still the program's one clock (the layer builds on the clock's). The group commit of the
   server's shared writing connection: SQLite does not sync inside its commit, and db_commit
   returns only after an fdatasync() of the log (the test's own, in the C library's place, counting
   only the layer's syncs of the test database's log) begun after the commit's write, also with four
   threads committing at once; a failed sync fails its commit and refuses later ones before they
   write. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "clock.h"
#include "temp_db.h"

static char dir[] = "/tmp/bangfu-walvfs-XXXXXX", path[96];

/* ---- the counting layer: the system's layer, with the log's writes counted ---------------- */

static sqlite3_vfs *sys_vfs;
static sqlite3_vfs counting_vfs;
static sqlite3_io_methods counting_wal_methods; /* the system's methods, but xWrite */
static const sqlite3_io_methods *sys_wal_methods;
static sqlite3_io_methods counting_main_methods; /* the system's methods, but xShmBarrier */
static const sqlite3_io_methods *sys_main_methods;
static int wal_writes;              /* write() calls the logs received (atomic: threads commit) */
static int wal_writes_at_barrier;   /* wal_writes when a database last passed its shared-memory barrier */
static __thread int my_barrier;     /* the same, for the last barrier this thread passed */
static int wal_syncs;               /* syncs SQLite asked of the logs */
static int datasyncs;               /* fdatasync() calls (the layer's syncs after a commit) */
static int synced_through;          /* the most wal_writes a finished fdatasync() began after */
static int datasync_fails;          /* while set, fdatasync() fails with EIO */

/* Counts a log's write and passes it on. */
static int counting_write(sqlite3_file *file, const void *data, int amt, sqlite3_int64 off)
{
    __atomic_add_fetch(&wal_writes, 1, __ATOMIC_SEQ_CST);
    return sys_wal_methods->xWrite(file, data, amt, off);
}

/* Counts a sync SQLite asks of a log and passes it on. */
static int counting_sync(sqlite3_file *file, int flags)
{
    __atomic_add_fetch(&wal_syncs, 1, __ATOMIC_SEQ_CST);
    return sys_wal_methods->xSync(file, flags);
}

/* Notes how many log writes came before a database's barrier (SQLite passes one as it publishes
   a commit), and passes it on. */
static void counting_barrier(sqlite3_file *file)
{
    wal_writes_at_barrier = my_barrier = __atomic_load_n(&wal_writes, __ATOMIC_SEQ_CST);
    sys_main_methods->xShmBarrier(file);
}

/* 1 when fd is the layer's own descriptor on the test database's log (read-only; SQLite's own
   descriptors are read-write). */
static int is_layers_log(int fd)
{
    char wal[112];
    struct stat a, b;
    int flags = fcntl(fd, F_GETFL);
    snprintf(wal, sizeof wal, "%s-wal", path);
    return flags >= 0 && (flags & O_ACCMODE) == O_RDONLY && fstat(fd, &a) == 0 && S_ISREG(a.st_mode) &&
           stat(wal, &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev;
}

/* The system's fdatasync (this definition takes the C library's place in the test). The layer's
   syncs of the log after a commit are counted, noting how many log writes they cover, and fail
   while datasync_fails is set; any other file's (SQLite's own) pass as they are. */
int fdatasync(int fd)
{
    if (!is_layers_log(fd))
        return syscall(SYS_fdatasync, fd) == 0 ? 0 : -1;
    int writes = __atomic_load_n(&wal_writes, __ATOMIC_SEQ_CST);
    __atomic_add_fetch(&datasyncs, 1, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&datasync_fails, __ATOMIC_SEQ_CST)) {
        errno = EIO;
        return -1;
    }
    long rc = syscall(SYS_fdatasync, fd);
    if (rc == 0) {
        int seen = __atomic_load_n(&synced_through, __ATOMIC_SEQ_CST);
        while (seen < writes && !__atomic_compare_exchange_n(&synced_through, &seen, writes, 0, __ATOMIC_SEQ_CST,
                                                             __ATOMIC_SEQ_CST))
            ;
    }
    return rc == 0 ? 0 : -1;
}

/* Opens the system's file; a log gets the system's methods with the counting write, a database
   with the noting barrier. */
static int counting_open(sqlite3_vfs *self, const char *name, sqlite3_file *file, int flags, int *out)
{
    (void)self;
    int rc = sys_vfs->xOpen(sys_vfs, name, file, flags, out);
    if (rc == SQLITE_OK && (flags & SQLITE_OPEN_WAL) && file->pMethods) {
        if (!sys_wal_methods) {
            sys_wal_methods = file->pMethods;
            counting_wal_methods = *file->pMethods;
            counting_wal_methods.xWrite = counting_write;
            counting_wal_methods.xSync = counting_sync;
        }
        file->pMethods = &counting_wal_methods;
    } else if (rc == SQLITE_OK && (flags & SQLITE_OPEN_MAIN_DB) && file->pMethods) {
        if (!sys_main_methods) {
            sys_main_methods = file->pMethods;
            counting_main_methods = *file->pMethods;
            counting_main_methods.xShmBarrier = counting_barrier;
        }
        file->pMethods = &counting_main_methods;
    }
    return rc;
}

/* Puts the counting layer in as the default, so wal_vfs.c builds on it. */
static void install_counting_layer(void)
{
    sys_vfs = sqlite3_vfs_find(NULL);
    counting_vfs = *sys_vfs;
    counting_vfs.zName = "counting";
    counting_vfs.pNext = NULL;
    counting_vfs.xOpen = counting_open;
    sqlite3_vfs_register(&counting_vfs, 1);
}

/* ---- the tests -------------------------------------------------------------------------- */

/* Inserts n rows of 1,000 characters each (about a page per 4) in one transaction; 0 when committed. */
static int insert_rows(struct db *db, int n)
{
    return db_begin(db) == SQLITE_OK &&
                   db_run(db, "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?) "
                              "INSERT INTO t (v) SELECT hex(randomblob(500)) FROM k", "i", (int64_t)n) == SQLITE_DONE &&
                   db_commit(db) == SQLITE_OK
               ? 0
               : -1;
}

static void test_commit_in_one_write(void **state)
{
    (void)state;
    struct err e = {0};
    struct db *w = db_open(path, 1, &e), *r = db_open(path, 0, &e);
    assert_non_null(w);
    assert_non_null(r);
    assert_int_equal(db_exec(w, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"), SQLITE_OK);
    assert_int_equal(insert_rows(w, 4), 0);
    int before = wal_writes;
    assert_int_equal(insert_rows(w, 60), 0); /* about 16 pages: 32 appends without the layer */
    assert_int_equal(wal_writes - before, 1);
    assert_int_equal(db_int(r, -1, "SELECT count(*) FROM t", ""), 64);
    /* synchronous=OFF: no sync at commit; the commit's one write comes before the barrier SQLite
       passes as it publishes the commit (the last one of the transaction), so the other connection,
       in another thread it could be reading then, reads it */
    assert_int_equal(db_exec(w, "PRAGMA synchronous=OFF"), SQLITE_OK);
    before = wal_writes;
    assert_int_equal(insert_rows(w, 60), 0);
    assert_int_equal(wal_writes - before, 1);
    assert_int_equal(wal_writes_at_barrier, wal_writes);
    assert_int_equal(db_int(r, -1, "SELECT count(*) FROM t", ""), 124);
    /* a rolled-back transaction leaves no row */
    assert_int_equal(db_begin(w), SQLITE_OK);
    assert_int_equal(db_run(w, "INSERT INTO t (v) SELECT v FROM t", ""), SQLITE_DONE);
    db_rollback(w);
    assert_int_equal(db_int(r, -1, "SELECT count(*) FROM t", ""), 124);
    db_close(r);
    db_close(w);
}

static void test_clock_kept(void **state)
{
    (void)state;
    struct err e = {0};
    struct db *db = db_open(path, 0, &e);
    assert_non_null(db);
    char today[16];
    sqlite3_stmt *st = db_prep(db, "SELECT date('now', '+8 hours')");
    assert_non_null(st);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(today, sizeof today, "%s", db_text(st, 0));
    db_done(st);
    assert_string_equal(today, "2031-07-09"); /* pinned in main: not the wall clock's date */
    db_close(db);
}

/* The rows' total length as the connection reads it. */
static int64_t total_length(struct db *db)
{
    return db_int(db, -1, "SELECT sum(length(v)) FROM t", "");
}

static void test_spilled_transaction(void **state)
{
    (void)state;
    struct err e = {0};
    struct db *w = db_open(path, 0, &e), *r = db_open(path, 0, &e);
    assert_non_null(w);
    assert_non_null(r);
    assert_int_equal(db_exec(w, "PRAGMA cache_size=8"), SQLITE_OK);
    for (int sync = 0; sync < 2; sync++) {
        assert_int_equal(db_exec(w, sync ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=OFF"), SQLITE_OK);
        int64_t rows = db_int(r, -1, "SELECT count(*) FROM t", ""), length = total_length(r);
        /* rolled back after spilling: nothing of it is read */
        assert_int_equal(db_begin(w), SQLITE_OK);
        assert_int_equal(db_run(w, "UPDATE t SET v = printf('%900s', '') || v", ""), SQLITE_DONE);
        assert_int_equal(db_run(w, "UPDATE t SET v = substr(v, 901)", ""), SQLITE_DONE);
        db_rollback(w);
        assert_int_equal(total_length(r), length);
        /* a smaller one spills a few pages only, all still gathered when it rolls back; another
           connection then commits where they were, and the rolled-back connection reading
           afterwards writes nothing over it */
        assert_int_equal(db_begin(w), SQLITE_OK);
        assert_int_equal(db_run(w, "UPDATE t SET v = printf('%900s', '') || v WHERE id % 40 = 0", ""), SQLITE_DONE);
        db_rollback(w);
        assert_int_equal(db_run(r, "INSERT INTO t (v) VALUES ('R')", ""), SQLITE_DONE);
        assert_int_equal(total_length(w), length + 1);
        assert_int_equal(total_length(r), length + 1);
        assert_int_equal(db_run(r, "DELETE FROM t WHERE v = 'R'", ""), SQLITE_DONE);
        assert_int_equal(total_length(r), length);
        /* committed after spilling and rewriting its pages: all of it is read */
        assert_int_equal(db_begin(w), SQLITE_OK);
        assert_int_equal(db_run(w, "UPDATE t SET v = 'A' || v", ""), SQLITE_DONE);
        assert_int_equal(db_run(w, "UPDATE t SET v = 'B' || substr(v, 2)", ""), SQLITE_DONE);
        assert_int_equal(db_run(w, "INSERT INTO t (v) VALUES ('C')", ""), SQLITE_DONE);
        assert_int_equal(db_commit(w), SQLITE_OK);
        assert_int_equal(db_int(r, -1, "SELECT count(*) FROM t", ""), rows + 1);
        assert_int_equal(db_int(r, -1, "SELECT count(*) FROM t WHERE substr(v, 1, 1) = 'B'", ""), rows);
        assert_int_equal(total_length(r), length + rows + 1);
        assert_int_equal(db_int(r, -1, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'",
                                ""),
                         1);
    }
    db_close(r);
    db_close(w);
}

static void test_large_transaction(void **state)
{
    (void)state;
    struct err e = {0};
    struct db *w = db_open(path, 0, &e);
    assert_non_null(w);
    int before = wal_writes;
    assert_int_equal(insert_rows(w, 2000), 0); /* about 500 pages: several times what is gathered */
    assert_true(wal_writes - before > 1);
    assert_true(wal_writes - before < 500);
    db_close(w);
    struct db *again = db_open(path, 0, &e);
    assert_non_null(again);
    assert_int_equal(db_int(again, -1, "SELECT count(*) FROM t", ""), 2126);
    assert_int_equal(db_int(again, -1, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'", ""),
                     1);
    db_close(again);
}

/* Commits of one thread through the shared connection: each db_commit must return only after a
   finished sync began after the commit's write (the barrier this thread passed). */
struct committer {
    int commits;
    int unsynced; /* commits confirmed before a sync covered them */
    int failed;
};

static void *commit_many(void *arg)
{
    struct committer *c = arg;
    struct err e = {0};
    struct db *db = db_open(path, 0, &e);
    for (int i = 0; db && i < c->commits; i++) {
        if (insert_rows(db, 1) != 0)
            c->failed++;
        else if (__atomic_load_n(&synced_through, __ATOMIC_SEQ_CST) < my_barrier)
            c->unsynced++;
    }
    if (!db)
        c->failed = c->commits;
    db_close(db);
    return NULL;
}

static void test_group_commit(void **state)
{
    (void)state;
    struct err e = {0};
    struct db *shared = db_open(path, 0, &e), *w = db_open(path, 0, &e);
    assert_non_null(shared);
    assert_non_null(w);
    assert_int_equal(db_writer_share(shared), 0);
    assert_int_equal(db_int(shared, -1, "PRAGMA synchronous", ""), 1); /* NORMAL */
    int64_t rows = db_int(w, -1, "SELECT count(*) FROM t", "");
    /* a commit on the shared connection: SQLite does not sync the log inside it; the layer's
       fdatasync after it covers its write before db_commit returns */
    assert_int_equal(insert_rows(w, 8), 0);
    int syncs = wal_syncs, datas = datasyncs;
    assert_int_equal(insert_rows(w, 8), 0);
    assert_int_equal(wal_syncs, syncs);
    assert_true(datasyncs > datas);
    assert_true(synced_through >= my_barrier);
    /* four threads committing at once: none is confirmed before a sync covers it */
    struct committer c[4];
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        c[i] = (struct committer){.commits = 50};
        assert_int_equal(pthread_create(&t[i], NULL, commit_many, &c[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(c[i].failed, 0);
        assert_int_equal(c[i].unsynced, 0);
    }
    assert_int_equal(db_int(w, -1, "SELECT count(*) FROM t", ""), rows + 16 + 200);
    /* a failed sync: that commit is reported failed (it is in the log, not confirmed), and every
       later transaction is refused before it writes anything (the disk's word after a failed sync
       cannot be trusted), until another connection is shared */
    __atomic_store_n(&datasync_fails, 1, __ATOMIC_SEQ_CST);
    assert_int_equal(insert_rows(w, 1), -1);
    __atomic_store_n(&datasync_fails, 0, __ATOMIC_SEQ_CST);
    assert_int_equal(db_begin(w), SQLITE_IOERR_FSYNC);
    assert_false(db_writing(w));
    assert_int_equal(db_int(w, -1, "SELECT count(*) FROM t", ""), rows + 16 + 200 + 1);
    /* no longer shared: FULL again, SQLite syncs inside the commit */
    assert_int_equal(db_writer_share(NULL), 0);
    assert_int_equal(db_int(shared, -1, "PRAGMA synchronous", ""), 2);
    db_close(shared);
    db_close(w);
    struct db *again = db_open(path, 0, &e);
    assert_non_null(again);
    syncs = wal_syncs;
    assert_int_equal(insert_rows(again, 1), 0);
    assert_true(wal_syncs > syncs);
    db_close(again);
}

int main(void)
{
    install_counting_layer();
    clock_pin_today((struct date){2031, 7, 9});
    if (!mkdtemp(dir) || snprintf(path, sizeof path, "%s/t.db", dir) >= (int)sizeof path)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_commit_in_one_write),
        cmocka_unit_test(test_spilled_transaction),
        cmocka_unit_test(test_large_transaction),
        cmocka_unit_test(test_group_commit),
        cmocka_unit_test(test_clock_kept),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    temp_db_remove(NULL, dir, path);
    return failed;
}
