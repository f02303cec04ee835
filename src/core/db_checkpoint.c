/* db_checkpoint.c: the server's WAL checkpoints in a thread of their own (see db_checkpoint.h). */
#include "db_checkpoint.h"

#include <pthread.h>
#include <signal.h>

#include "log.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static struct db *ckpt_db; /* the checkpointer's own connection */
static int threshold, running, wanted, stopping, done;
static pthread_t thread;

/* SQLite's WAL hook, called after each commit of a handed-over connection with the log's size
   in pages: past the threshold, wakes the checkpointer. */
static int on_commit(void *arg, sqlite3 *h, const char *schema, int pages)
{
    (void)arg;
    (void)h;
    (void)schema;
    if (pages >= threshold) {
        pthread_mutex_lock(&lock);
        wanted = 1;
        pthread_cond_signal(&wake);
        pthread_mutex_unlock(&lock);
    }
    return SQLITE_OK;
}

/* The thread: waits to be woken, checkpoints; a stop still runs a checkpoint asked for before it. */
static void *run(void *arg)
{
    struct db *db = arg;
    pthread_mutex_lock(&lock);
    for (;;) {
        while (!wanted && !stopping)
            pthread_cond_wait(&wake, &lock);
        if (!wanted)
            break;
        wanted = 0;
        pthread_mutex_unlock(&lock);
        /* the bulk beside the writers, then what they added meanwhile holding the writer (db.h) */
        int log_pages = 0, copied = 0;
        int rc = sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_PASSIVE, &log_pages, &copied);
        if (rc == SQLITE_OK)
            rc = db_checkpoint_serialised(db, &log_pages, &copied);
        if (rc != SQLITE_OK && rc != SQLITE_BUSY) /* busy: another checkpoint runs; the next commit asks again */
            log_error("checkpointer: %s", sqlite3_errmsg(db->h));
        pthread_mutex_lock(&lock);
        done++;
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

int db_checkpointer_start(const char *db_path, int pages)
{
    struct err e = {0};
    struct db *db = db_open(db_path, 0, &e);
    if (!db) {
        log_error("checkpointer: %s", e.message);
        return -1;
    }
    pthread_mutex_lock(&lock);
    threshold = pages > 0 ? pages : DB_CHECKPOINT_PAGES;
    wanted = stopping = done = 0;
    /* The thread takes no signals: the server's main thread waits for them. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    int rc = running ? -1 : pthread_create(&thread, NULL, run, db);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc == 0) {
        running = 1;
        ckpt_db = db;
    }
    pthread_mutex_unlock(&lock);
    if (rc != 0) {
        log_error("checkpointer: cannot start the thread");
        db_close(db);
    }
    return rc == 0 ? 0 : -1;
}

int db_checkpointer_stop(void)
{
    pthread_mutex_lock(&lock);
    if (!running) {
        pthread_mutex_unlock(&lock);
        return 0;
    }
    stopping = 1;
    pthread_cond_signal(&wake);
    pthread_mutex_unlock(&lock);
    pthread_join(thread, NULL);
    pthread_mutex_lock(&lock);
    running = 0;
    int n = done;
    pthread_mutex_unlock(&lock);
    db_close(ckpt_db);
    ckpt_db = NULL;
    return n;
}

int db_checkpoint_hand_off(struct db *db)
{
    pthread_mutex_lock(&lock);
    int on = running && !stopping;
    pthread_mutex_unlock(&lock);
    if (on)
        sqlite3_wal_hook(db->h, on_commit, NULL); /* replaces the automatic checkpoint, which is a WAL hook too */
    return on;
}
