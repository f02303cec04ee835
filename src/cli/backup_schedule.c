/* backup_schedule.c: the daily backup thread of `bangfu serve` and the pruning of old copies
   (see backup_schedule.h). */
#include "backup_schedule.h"

#include <dirent.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "backup.h"
#include "clock.h"
#include "log.h"

#define DEFAULT_INTERVAL 300 /* seconds between looks for today's backup */

static struct {
    const char *db_path, *dir;
    int keep;
    unsigned interval;
    int running, stop;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
} sched = {.lock = PTHREAD_MUTEX_INITIALIZER};

typedef char backup_file[32];

/* Newest first. */
static int newest_first(const void *a, const void *b)
{
    return strcmp(b, a);
}

/* 1 when name is a temporary copy ("bangfu-….db.tmp") of a backup cut off over an hour ago. */
static int stale_temp(const char *dir, const char *name)
{
    size_t len = strlen(name);
    char base[32], path[PATH_MAX];
    struct stat st;
    if (len != 29 || strcmp(name + 25, ".tmp") != 0)
        return 0;
    snprintf(base, sizeof base, "%.25s", name);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return backup_name_matches(base, NULL) && stat(path, &st) == 0 && clock_seconds_since_real(st.st_mtime) > 3600;
}

int backup_prune(const char *dir, int keep)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    backup_file *names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    char path[PATH_MAX];
    while ((de = readdir(d))) {
        if (stale_temp(dir, de->d_name)) {
            snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
            unlink(path);
        }
        if (!backup_name_matches(de->d_name, NULL))
            continue;
        if (n == cap) {
            backup_file *more = realloc(names, (cap = cap ? cap * 2 : 16) * sizeof *names);
            if (!more)
                break;
            names = more;
        }
        snprintf(names[n++], sizeof *names, "%s", de->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, newest_first);
    int deleted = 0;
    for (size_t i = (size_t)keep; i < n; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (unlink(path) == 0) {
            log_note("backup: deleted old copy %s", path);
            deleted++;
        } else {
            log_error("backup: cannot delete old copy %s", path);
        }
    }
    free(names);
    return deleted;
}

/* 1 when dir already holds a backup taken today (local date). */
static int has_todays_backup(const char *dir)
{
    char day[16];
    struct tm tm = clock_china_tm(clock_now());
    if (strftime(day, sizeof day, "%Y%m%d", &tm) == 0)
        return 0;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int found = 0;
    struct dirent *de;
    while (!found && (de = readdir(d)))
        found = backup_name_matches(de->d_name, day);
    closedir(d);
    return found;
}

/* Takes today's backup when there is none yet, then prunes. Errors are logged. */
static void backup_if_due(void)
{
    if (has_todays_backup(sched.dir))
        return;
    char path[PATH_MAX];
    int64_t size = 0;
    struct err e = {0};
    if (backup_into_dir(sched.db_path, sched.dir, path, sizeof path, &size, &e) != 0) {
        log_error("backup: %s %s", e.code, e.message);
        return;
    }
    log_note("backup: %s %lld bytes, integrity ok", path, (long long)size);
    backup_prune(sched.dir, sched.keep);
}

/* The thread: a backup when due, then a wait of sched.interval seconds or until stopped. */
static void *run(void *arg)
{
    pthread_mutex_lock(&sched.lock);
    while (!sched.stop) {
        pthread_mutex_unlock(&sched.lock);
        backup_if_due();
        pthread_mutex_lock(&sched.lock);
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until); /* an interval, not a date: the wake condition uses it */
        until.tv_sec += sched.interval;
        while (!sched.stop && pthread_cond_timedwait(&sched.wake, &sched.lock, &until) == 0)
            ;
    }
    pthread_mutex_unlock(&sched.lock);
    return NULL;
}

int backup_schedule_start(const char *db_path, const char *dir, int keep)
{
    const char *env = getenv("BANGFU_BACKUP_INTERVAL");
    long interval = env ? strtol(env, NULL, 10) : DEFAULT_INTERVAL;
    sched.db_path = db_path;
    sched.dir = dir;
    sched.keep = keep;
    sched.interval = (unsigned)(interval >= 1 && interval <= 86400 ? interval : DEFAULT_INTERVAL);
    sched.stop = 0;
    pthread_condattr_t attr;
    if (pthread_condattr_init(&attr) != 0 || pthread_condattr_setclock(&attr, CLOCK_MONOTONIC) != 0 ||
        pthread_cond_init(&sched.wake, &attr) != 0) {
        log_error("backup: cannot set up the schedule's timer");
        return -1;
    }
    pthread_condattr_destroy(&attr);
    /* The thread takes no signals: the server's main thread waits for them. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    int rc = pthread_create(&sched.thread, NULL, run, NULL);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0) {
        log_error("backup: cannot start the backup thread");
        return -1;
    }
    sched.running = 1;
    return 0;
}

void backup_schedule_stop(void)
{
    if (!sched.running)
        return;
    pthread_mutex_lock(&sched.lock);
    sched.stop = 1;
    pthread_cond_signal(&sched.wake);
    pthread_mutex_unlock(&sched.lock);
    pthread_join(sched.thread, NULL);
    pthread_cond_destroy(&sched.wake);
    sched.running = 0;
}
