/* relief_find.h: the staff search box's relief applications: by the household head's name (any
   part), resident ID (start or last digits) or phone, or by receipt number (any part), in the
   actor's scope. */
#ifndef BANGFU_RELIEF_FIND_H
#define BANGFU_RELIEF_FIND_H
#include <stdint.h>

#include "db.h"
#include "relief_rules.h"
#include "text.h"
#include "user.h"

struct relief_hit {
    int64_t id;
    char head[NAME_SIZE];
    char village[NAME_SIZE];
    char category[NAME_SIZE];
    enum relief_state state;
    int64_t amount_fen;
    char receipt_no[DOC_NO_SIZE]; /* "" before payment */
};

/* Calls fn for each of up to FIND_LIMIT matching applications in scope, newest first. Returns the
   number listed, or -1. */
int relief_find(struct db *db, const struct user_ctx *actor, const char *q,
                void (*fn)(const struct relief_hit *, void *), void *ctx);

#endif
