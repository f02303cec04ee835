/*
 * fragment_cache.h: pieces of pages that are expensive to compute and may be a minute old (the
 * dashboard's figures and charts over a million households and half a million payments), kept in
 * memory per scope for a fixed time. The one piece of state shared between server threads besides
 * the connection list, guarded by a mutex. Work queues are never cached.
 *
 * A fill is single-flight: when an entry is missing or too old, exactly one thread computes it;
 * the others serve the previous value while it does (stale-while-revalidate) or, when there is
 * none, wait for it. A server under load thus never computes the same fragment twice at once.
 */
#ifndef BANGFU_FRAGMENT_CACHE_H
#define BANGFU_FRAGMENT_CACHE_H
#include <stddef.h>
#include <time.h>

#include "buf.h"

#define FRAGMENT_TTL_SECONDS 60
/* Room for a key with its NUL; an empty key or one that does not fit is computed and never cached. */
#define FRAGMENT_KEY_SIZE 256

/* How a fragment_fill call was answered. */
enum fragment_answer {
    FRAGMENT_FRESH,   /* a stored value younger than max_age */
    FRAGMENT_STALE,   /* an older value, served while another thread computes the new one */
    FRAGMENT_WAITED,  /* the value another thread was computing, waited for */
    FRAGMENT_FILLED,  /* computed by this call (and stored) */
    FRAGMENT_UNCACHED /* computed by this call, not stored (key too long) */
};

/* Appends the fragment stored under key to out, setting *at to the time it was computed. When
   there is none younger than max_age seconds, one thread (this one, unless another already is)
   calls fill(ctx, out), which appends the fragment to out, and stores what it appended. */
enum fragment_answer fragment_fill(const char *key, int max_age, struct buf *out, void (*fill)(void *ctx, struct buf *out),
                                   void *ctx, time_t *at);
/* Forgets the value stored under key unless it is being computed (a fill that failed). */
void fragment_forget(const char *key);
/* Forgets everything that is not being computed (tests and a changed database). */
void fragment_clear(void);

#endif
