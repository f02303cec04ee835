/* fragment_cache.c: short-lived, single-flight cache of page fragments (see fragment_cache.h). */
#include "fragment_cache.h"
#include "clock.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 64

static struct {
    char key[FRAGMENT_KEY_SIZE];
    char *data; /* the last value computed, or NULL */
    size_t len;
    time_t at;
    int filling; /* a thread is computing this key's new value */
    unsigned long used; /* when last asked for (SLOTS-wide counter): the least recent makes room */
} slots[SLOTS];
static unsigned long uses;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t filled = PTHREAD_COND_INITIALIZER;

/* The slot of key, or a free or least recently used one that is not being filled (claimed for
   key, its old value dropped), or -1 when all are being filled. Called with the lock held. */
static int slot_for(const char *key)
{
    int pick = -1;
    for (int i = 0; i < SLOTS; i++) {
        if (slots[i].key[0] && strcmp(slots[i].key, key) == 0)
            return i;
        if (!slots[i].filling && (pick < 0 || !slots[i].key[0] || (slots[pick].key[0] && slots[i].used < slots[pick].used)))
            pick = i;
    }
    if (pick >= 0) {
        free(slots[pick].data);
        slots[pick].data = NULL;
        strcpy(slots[pick].key, key);
    }
    return pick;
}

/* Appends a slot's value to out. Called with the lock held. */
static void serve(int i, struct buf *out, time_t *at)
{
    buf_put(out, slots[i].data, slots[i].len);
    *at = slots[i].at;
}

enum fragment_answer fragment_fill(const char *key, int max_age, struct buf *out, void (*fill)(void *ctx, struct buf *out),
                                   void *ctx, time_t *at)
{
    if (strlen(key) >= FRAGMENT_KEY_SIZE || !key[0]) {
        fill(ctx, out);
        *at = clock_now();
        return FRAGMENT_UNCACHED;
    }
    int waited = 0, i;
    pthread_mutex_lock(&lock);
    for (;;) {
        i = slot_for(key);
        if (i < 0)
            break;
        slots[i].used = ++uses;
        if (slots[i].data && (waited || clock_now() - slots[i].at < max_age)) {
            serve(i, out, at);
            pthread_mutex_unlock(&lock);
            return waited ? FRAGMENT_WAITED : FRAGMENT_FRESH;
        }
        if (!slots[i].filling)
            break;
        if (slots[i].data) {
            serve(i, out, at);
            pthread_mutex_unlock(&lock);
            return FRAGMENT_STALE;
        }
        pthread_cond_wait(&filled, &lock);
        waited = 1; /* whatever the filler stored is new enough for a caller that waited for it */
    }
    if (i >= 0)
        slots[i].filling = 1;
    pthread_mutex_unlock(&lock);

    size_t start = out->len;
    fill(ctx, out);
    time_t now = clock_now();
    *at = now;
    if (i < 0)
        return FRAGMENT_UNCACHED;
    char *copy = malloc(out->len - start + 1);
    pthread_mutex_lock(&lock);
    if (copy) {
        memcpy(copy, out->data + start, out->len - start);
        copy[out->len - start] = '\0';
        free(slots[i].data);
        slots[i].data = copy;
        slots[i].len = out->len - start;
        slots[i].at = now;
    }
    slots[i].filling = 0;
    pthread_cond_broadcast(&filled);
    pthread_mutex_unlock(&lock);
    return copy ? FRAGMENT_FILLED : FRAGMENT_UNCACHED;
}

void fragment_forget(const char *key)
{
    pthread_mutex_lock(&lock);
    for (int i = 0; i < SLOTS; i++)
        if (!slots[i].filling && slots[i].key[0] && !strcmp(slots[i].key, key)) {
            free(slots[i].data);
            slots[i].data = NULL;
            slots[i].key[0] = '\0';
        }
    pthread_mutex_unlock(&lock);
}

void fragment_clear(void)
{
    pthread_mutex_lock(&lock);
    for (int i = 0; i < SLOTS; i++) {
        if (slots[i].filling)
            continue;
        free(slots[i].data);
        slots[i].data = NULL;
        slots[i].key[0] = '\0';
    }
    pthread_mutex_unlock(&lock);
}
