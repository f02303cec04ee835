/*
 * stash.h: uploaded files kept between "check" and "confirm" of an import (households, repayment
 * statements), per user and kind, for a day at most.
 */
#ifndef BANGFU_STASH_H
#define BANGFU_STASH_H
#include <stdint.h>

#include "db.h"
#include "user.h"

/* Keeps a checked file (UTF-8 text) of a kind; returns its id or -1. */
int64_t stash_put(struct db *db, const struct user_ctx *actor, const char *kind, const char *utf8);
/* Takes back (and removes) a file this user stashed under the kind: a malloc'd copy the caller
   frees, or NULL when there is none. */
char *stash_take(struct db *db, const struct user_ctx *actor, const char *kind, int64_t id);

#endif
