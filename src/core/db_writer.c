/*
 * db_writer.c: write transactions and the process's one writer (see db.h): the ticket queue that
 * serialises every thread's write transactions, and the server's shared writing connection that
 * each of them borrows for its transaction.
 */
#include "db.h"

#include <pthread.h>

#include "log.h"
#include "wal_vfs.h"

/* The process's one writer: every write transaction of every thread's connection holds it from
   db_begin to its commit or rollback, so concurrent bookings wait here instead of polling
   SQLite's lock in the busy handler (which sleeps and retries). A ticket queue: writers are
   served in the order they arrived (a plain mutex lets a late thread overtake ones that have
   waited long, which is what makes the slowest bookings slow). A thread that asks while it holds
   the writer (through a second connection) gets an error, not a deadlock. */
static pthread_mutex_t writer_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t writer_turn = PTHREAD_COND_INITIALIZER;
static unsigned long writer_next, writer_serving; /* the next ticket to give; the ticket served */
static pthread_t writer_holder;
static int writer_held;

/* The server's one writing connection (db_writer_share), or NULL: every write transaction runs on
   it. Only the writer's holder touches it, so the ticket queue guards it too. */
static struct db *shared;

/* Set when a sync of the shared connection's log has failed: every later db_begin is refused
   until another connection is shared, so no booking is written that could not be confirmed. */
static int shared_sync_failed;

/* Waits for this thread's turn at the writer. 0, or -1 when the thread holds it already. */
static int writer_take(void)
{
    pthread_mutex_lock(&writer_lock);
    if (writer_held && pthread_equal(writer_holder, pthread_self())) {
        pthread_mutex_unlock(&writer_lock);
        return -1;
    }
    unsigned long mine = writer_next++;
    while (writer_serving != mine)
        pthread_cond_wait(&writer_turn, &writer_lock);
    writer_held = 1;
    writer_holder = pthread_self();
    pthread_mutex_unlock(&writer_lock);
    return 0;
}

/* Exchanges two connections' SQLite handles and statement caches (each cache belongs to its handle). */
static void swap_handles(struct db *a, struct db *b)
{
    sqlite3 *h = a->h;
    struct db_cached *cache = a->cache;
    a->h = b->h;
    a->cache = b->cache;
    b->h = h;
    b->cache = cache;
}

/* Gives the writer to the next ticket (the caller holds it). */
static void writer_hand_on(void)
{
    pthread_mutex_lock(&writer_lock);
    writer_held = 0;
    writer_serving++;
    pthread_cond_broadcast(&writer_turn);
    pthread_mutex_unlock(&writer_lock);
}

/* Resets (and logs) each statement of the shared connection a transaction left stepping: it would
   keep the connection's snapshot, and every later transaction's BEGIN IMMEDIATE would then fail as
   soon as another connection had written. */
static void reset_left_statements(sqlite3 *h)
{
    for (sqlite3_stmt *st = sqlite3_next_stmt(h, NULL); st; st = sqlite3_next_stmt(h, st))
        if (sqlite3_stmt_busy(st)) {
            log_error("db: a statement was left stepping after its transaction: %s", sqlite3_sql(st));
            sqlite3_reset(st);
        }
}

/* Ends the connection's hold on the process's writer, if it has it: gives the shared connection
   back, then the next ticket's turn. */
static void writer_release(struct db *db)
{
    if (db->writing) {
        db->writing = 0;
        if (db->borrowing) {
            reset_left_statements(db->h);
            swap_handles(db, shared);
            db->borrowing = 0;
        }
        writer_hand_on();
    }
}

/* Logs a failed BEGIN or COMMIT with the message of the handle that failed, before a borrowed
   handle is given back (the caller's db_fail then reads its own connection). */
static void log_transaction_failure(struct db *db, const char *what)
{
    if (db->borrowing)
        log_error("db: %s: %s", what, sqlite3_errmsg(db->h));
}

/* Makes db the connection every transaction borrows (see db.h), holding the writer while it does.
   The shared connection commits with synchronous=NORMAL and db_commit syncs its log after the
   writer has gone on (group commit, wal_vfs.h); a connection no longer shared goes back to FULL. */
int db_writer_share(struct db *db)
{
    if (writer_take() != 0)
        return -1;
    int rc = 0;
    if (shared && shared != db && db_exec(shared, "PRAGMA synchronous=FULL") != SQLITE_OK)
        rc = -1;
    if (db && db_exec(db, "PRAGMA synchronous=NORMAL") != SQLITE_OK)
        rc = -1;
    shared = rc == 0 ? db : NULL;
    __atomic_store_n(&shared_sync_failed, 0, __ATOMIC_SEQ_CST);
    if (rc != 0)
        log_error("db: the shared writing connection's synchronous setting failed; none is shared");
    writer_hand_on();
    return rc;
}

/* Takes the process's writer (and, in the server, its shared connection), then starts a write
   transaction with SQLite's write lock at once (other processes, such as a command run beside
   the server, still meet the busy timeout). */
int db_begin(struct db *db)
{
    if (db->writing || writer_take() != 0)
        return SQLITE_MISUSE;
    db->writing = 1;
    if (shared && __atomic_load_n(&shared_sync_failed, __ATOMIC_SEQ_CST)) {
        log_error("db: a write refused: the log's sync failed earlier");
        writer_release(db);
        return SQLITE_IOERR_FSYNC;
    }
    if (shared && shared != db) {
        swap_handles(db, shared);
        db->borrowing = 1;
    }
    int rc = db_exec(db, "BEGIN IMMEDIATE");
    if (rc != SQLITE_OK) {
        log_transaction_failure(db, "BEGIN IMMEDIATE");
        writer_release(db);
    }
    return rc;
}

/* A PASSIVE checkpoint between two write transactions (see db.h): takes the writer, releases it. */
int db_checkpoint_serialised(struct db *db, int *log_pages, int *copied)
{
    if (db->writing || writer_take() != 0)
        return SQLITE_MISUSE;
    int rc = sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_PASSIVE, log_pages, copied);
    db->writing = 1; /* so that writer_release hands the writer on */
    writer_release(db);
    return rc;
}

/* Marks where the log ends while db holds the writer, when db's transaction ran on the shared
   connection (group commit, wal_vfs.h): SQLITE_OK with *mark set, or left empty when nothing is
   to be synced afterwards; an error when the log could not be written or synced (logged, and
   every later db_begin refused: the commit is published already). */
static int mark_log(struct db *db, struct wal_vfs_mark *mark)
{
    *mark = (struct wal_vfs_mark){0};
    if (!db->borrowing && !(shared && db == shared))
        return SQLITE_OK;
    int rc = wal_vfs_commit_mark(db->h, mark);
    if (rc == SQLITE_NOTFOUND)
        return SQLITE_OK; /* no log: not in WAL mode, the commit synced what it needed */
    if (rc != SQLITE_OK) {
        log_error("db: a commit's log could not be written or synced: %s", sqlite3_errstr(rc));
        __atomic_store_n(&shared_sync_failed, 1, __ATOMIC_SEQ_CST);
    }
    return rc;
}

/* After the writer has been handed on: what db_commit or db_rollback leaves unconfirmed (wrote: a
   commit; failed: the code when its mark failed after the commit was published). Confirmed now;
   or, on a connection that defers its syncs, added to what it keeps for db_commit_pending (a later
   mark on the same log covers an earlier one). SQLITE_OK, or the failed sync's code. */
static int confirm_or_keep(struct db *db, struct wal_vfs_mark *mark, int wrote, int failed)
{
    if (!mark->sync && !failed)
        return SQLITE_OK; /* nothing to confirm (not in WAL mode, or synced in place) */
    if (!db->defer_sync)
        return db_commit_confirm(&(struct db_unconfirmed){.mark = *mark, .wrote = wrote, .failed = failed});
    struct db_unconfirmed *kept = &db->pending;
    kept->wrote |= wrote;
    if (failed && !kept->failed)
        kept->failed = failed;
    if (mark->sync) {
        if (kept->mark.sync == mark->sync)
            wal_vfs_mark_release(&kept->mark);
        else if (kept->mark.sync && wal_vfs_commit_sync(&kept->mark) != SQLITE_OK && !kept->failed)
            kept->failed = SQLITE_IOERR_FSYNC;
        kept->mark = *mark;
    }
    return SQLITE_OK;
}

/* Commits the open transaction; the writer is released once the transaction has ended (a failed
   COMMIT that leaves it open keeps it until db_rollback). A commit on the shared connection is
   written to the log but not synced: its place in the log is marked, the writer handed on, and
   only then is the log synced through the mark (wal_vfs.h), so the next transaction runs during
   this one's sync. It returns once the commit is on the disk either way (or, on a connection that
   defers its syncs, once it is published: db_commit_pending); when the sync fails (the commit is
   in the database but not confirmed), later transactions are refused at db_begin. */
int db_commit(struct db *db)
{
    int rc = db_exec(db, "COMMIT");
    if (!sqlite3_get_autocommit(db->h))
        return rc;
    struct wal_vfs_mark mark = {0};
    int published = rc == SQLITE_OK;
    if (!published)
        log_transaction_failure(db, "COMMIT");
    else
        rc = mark_log(db, &mark);
    writer_release(db);
    if (!published)
        return rc;
    int confirmed = confirm_or_keep(db, &mark, 1, rc);
    return db->defer_sync ? SQLITE_OK : confirmed;
}

void db_defer_syncs(struct db *db)
{
    db->defer_sync = 1;
}

int db_commit_pending(struct db *db, struct db_unconfirmed *out)
{
    if (!db->pending.mark.sync && !db->pending.failed)
        return 0;
    *out = db->pending;
    db->pending = (struct db_unconfirmed){0};
    return 1;
}

int db_commit_confirm(struct db_unconfirmed *u)
{
    int rc = u->failed;
    if (u->mark.sync) {
        int synced = wal_vfs_commit_sync(&u->mark);
        if (synced != SQLITE_OK && rc == SQLITE_OK)
            rc = synced;
    }
    if (rc != SQLITE_OK)
        __atomic_store_n(&shared_sync_failed, 1, __ATOMIC_SEQ_CST);
    return rc;
}

/* Rolls back the open transaction, if any, and releases the writer. A transaction on the shared
   connection may have read commits not yet synced (and been refused because of them): its end is
   confirmed like a commit's, so that refusal is not answered before what it rests on is on disk. */
void db_rollback(struct db *db)
{
    if (!sqlite3_get_autocommit(db->h))
        db_exec(db, "ROLLBACK");
    struct wal_vfs_mark mark = {0};
    int failed = db->writing ? mark_log(db, &mark) : SQLITE_OK;
    writer_release(db);
    confirm_or_keep(db, &mark, 0, failed);
}

int db_writing(const struct db *db)
{
    return db->writing;
}
