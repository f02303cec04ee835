/* household_find.h: the staff search box's households: by any member's name (any part), resident
   ID (its start or last digits) or phone, in the actor's scope. */
#ifndef BANGFU_HOUSEHOLD_FIND_H
#define BANGFU_HOUSEHOLD_FIND_H
#include <stdint.h>

#include "db.h"
#include "db_row.h"
#include "text.h"
#include "user.h"

/* A household found: the head, the member who matched (may be the head), the village, the size. */
#define HOUSEHOLD_HIT_ROW(X, _)                                                                                        \
    X("h.id", INT64, id) _ X("hm.name", TEXT(NAME_SIZE), head) _ X("min(m.name)", TEXT(NAME_SIZE), member) _          \
        X("v.name", TEXT(NAME_SIZE), village) _                                                                       \
        X("(SELECT count(*) FROM members WHERE household_id = h.id)", INT, members)
struct household_hit {
    DB_ROW_FIELDS(HOUSEHOLD_HIT_ROW)
};

/* Calls fn for each of up to FIND_LIMIT households in scope with a member matching q, newest
   first. Returns the number listed, or -1. */
int household_find(struct db *db, const struct user_ctx *actor, const char *q,
                   void (*fn)(const struct household_hit *, void *), void *ctx);

#endif
