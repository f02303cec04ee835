/*
 * fragment_cache.h: pieces of pages that are expensive to compute and may be a minute old (the
 * dashboard's figures and charts over a million households and half a million payments), kept in
 * memory per scope for a fixed time. The one piece of state shared between server threads besides
 * the connection list, guarded by a mutex. Work queues are never cached.
 */
#ifndef BANGFU_FRAGMENT_CACHE_H
#define BANGFU_FRAGMENT_CACHE_H
#include <stddef.h>
#include <time.h>

#define FRAGMENT_TTL_SECONDS 60

/* Copies the fragment stored under key into a malloc'd string (*out, *len) and its time into *at
   when one younger than FRAGMENT_TTL_SECONDS exists. Returns 1 when found, else 0. */
int fragment_get(const char *key, char **out, size_t *len, time_t *at);
/* Stores a copy of the fragment under key (replacing an older one; the oldest entry makes room). */
void fragment_put(const char *key, const char *data, size_t len);
/* Forgets everything (tests and a changed database). */
void fragment_clear(void);

#endif
