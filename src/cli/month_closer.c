/* month_closer.c: closing the portfolio's months in the background (see month_closer.h). */
#include "month_closer.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#include "clock.h"
#include "loan_bands.h"
#include "log.h"
#include "portfolio_months.h"

#define CLOSE_MONTHS 12     /* the dashboard's chart: eleven closed months and the current one */
#define DEFAULT_INTERVAL 60 /* seconds between looks for a new month */

static const char *closer_db;
static atomic_int stopping;
static pthread_t closer;
static int running;

/* Closes what is not closed yet and counts the loans' bands for a new day; a month already closed
   and bands already counted cost a write transaction each that finds so with one indexed look-up
   and writes nothing. */
static void close_due(struct db *db)
{
    int n = portfolio_months_close(db, clock_today(), CLOSE_MONTHS);
    if (n < 0)
        log_error("month closer: the month figures could not be stored (tried again later): %s", sqlite3_errmsg(db->h));
    else if (n > 0)
        log_note("month closer: %d month(s) closed", n);
    int rolled = loan_bands_roll(db, clock_today());
    if (rolled < 0)
        log_error("month closer: the loans' bands could not be counted for today (tried again later): %s",
                  sqlite3_errmsg(db->h));
    else if (rolled > 0)
        log_note("month closer: the loans' bands counted for today");
    /* this connection's cache is not kept between passes (in the server, the closing's own reads go
       through the shared writing connection inside its write transaction, db.h) */
    sqlite3_db_release_memory(db->h);
}

/* The thread: waits interval seconds in one-second steps (so a stop is prompt), then closes what a new
   month or a reversal left open (the start-up pass ran before the thread). */
static void *run(void *arg)
{
    unsigned interval = *(unsigned *)arg;
    free(arg);
    struct err e = {0};
    struct db *db = db_open(closer_db, 0, &e);
    if (!db) {
        log_error("month closer: %s", e.message);
        return NULL;
    }
    while (!atomic_load(&stopping)) {
        for (unsigned s = 0; s < interval && !atomic_load(&stopping); s++)
            nanosleep(&(struct timespec){1, 0}, NULL);
        if (!atomic_load(&stopping))
            close_due(db);
    }
    db_close(db);
    return NULL;
}

int month_closer_start(const char *db_path)
{
    const char *env = getenv("BANGFU_CLOSE_INTERVAL");
    long interval = env ? strtol(env, NULL, 10) : DEFAULT_INTERVAL;
    unsigned *arg = malloc(sizeof *arg);
    if (!arg)
        return -1;
    *arg = (unsigned)(interval >= 1 && interval <= 3600 ? interval : DEFAULT_INTERVAL);
    closer_db = db_path;
    struct err e = {0};
    struct db *db = db_open(db_path, 0, &e);
    if (db) { /* the start-up pass, before the server answers */
        close_due(db);
        db_close(db);
    } else {
        log_error("month closer: %s", e.message);
    }
    atomic_store(&stopping, 0);
    /* The thread takes no signals: the server's main thread waits for them. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    int rc = pthread_create(&closer, NULL, run, arg);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0) {
        free(arg);
        log_error("month closer: cannot start the thread");
        return -1;
    }
    running = 1;
    return 0;
}

void month_closer_stop(void)
{
    if (!running)
        return;
    atomic_store(&stopping, 1);
    pthread_join(closer, NULL);
    running = 0;
}
