/*
 * commit_wait.c: the parked requests and the thread that syncs their commits (see commit_wait.h).
 */
#include "commit_wait.h"

#include <microhttpd.h>
#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER; /* a request parked, a batch ended, or stop */
static struct commit_parking *parked; /* requests waiting for the thread, newest first */
static int syncing;         /* the thread holds a batch it has not resumed yet */
static int accepting;       /* requests may park (between start and drain) */
static int quitting;        /* the thread is to end */
static pthread_t thread;
static int started;

/* Syncs each request's commit of the batch (the first sync covers every commit written before it,
   so the others find theirs done) and resumes its connection. After the resume the request
   belongs to its server thread again, so it is not touched afterwards. */
static void confirm_batch(struct commit_parking *batch)
{
    while (batch) {
        struct commit_parking *p = batch;
        batch = p->next;
        p->next = NULL;
        p->rc = db_commit_confirm(&p->commit);
        MHD_resume_connection(p->conn);
    }
}

/* The syncing thread: takes every parked request at once, confirms them, and again. */
static void *sync_parked(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock);
    for (;;) {
        while (!parked && !quitting)
            pthread_cond_wait(&changed, &lock);
        if (!parked)
            break;
        struct commit_parking *batch = parked;
        parked = NULL;
        syncing = 1;
        pthread_mutex_unlock(&lock);
        confirm_batch(batch);
        pthread_mutex_lock(&lock);
        syncing = 0;
        pthread_cond_broadcast(&changed);
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

int commit_wait_start(void)
{
    pthread_mutex_lock(&lock);
    quitting = 0;
    started = pthread_create(&thread, NULL, sync_parked, NULL) == 0;
    accepting = started;
    pthread_mutex_unlock(&lock);
    return started ? 0 : -1;
}

int commit_wait_park(struct commit_parking *p)
{
    pthread_mutex_lock(&lock);
    if (!accepting) {
        pthread_mutex_unlock(&lock);
        return -1;
    }
    /* suspended before the thread can see it, so its resume always follows the suspend */
    MHD_suspend_connection(p->conn);
    p->next = parked;
    parked = p;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
    return 0;
}

void commit_wait_drain(void)
{
    pthread_mutex_lock(&lock);
    accepting = 0;
    while (started && (parked || syncing))
        pthread_cond_wait(&changed, &lock);
    pthread_mutex_unlock(&lock);
}

void commit_wait_stop(void)
{
    commit_wait_drain();
    pthread_mutex_lock(&lock);
    quitting = 1;
    pthread_cond_broadcast(&changed);
    int join = started;
    started = 0;
    pthread_mutex_unlock(&lock);
    if (join)
        pthread_join(thread, NULL);
}
