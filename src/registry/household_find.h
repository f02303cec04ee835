/* household_find.h: the staff search box's households: by any member's name (any part), resident
   ID (its start or last digits) or phone, in the actor's scope. */
#ifndef BANGFU_HOUSEHOLD_FIND_H
#define BANGFU_HOUSEHOLD_FIND_H
#include <stdint.h>

#include "db.h"
#include "text.h"
#include "user.h"

struct household_hit {
    int64_t id;
    char head[NAME_SIZE];    /* the household head */
    char member[NAME_SIZE];  /* the member who matched (may be the head) */
    char village[NAME_SIZE];
    int members;
};

/* Calls fn for each of up to FIND_LIMIT households in scope with a member matching q, newest
   first. Returns the number listed, or -1. */
int household_find(struct db *db, const struct user_ctx *actor, const char *q,
                   void (*fn)(const struct household_hit *, void *), void *ctx);

#endif
