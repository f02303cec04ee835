/* relief_find.h: the staff search box's relief applications: by the household head's name (any
   part), resident ID (start or last digits) or phone, or by receipt number (any part), in the
   actor's scope. */
#ifndef BANGFU_RELIEF_FIND_H
#define BANGFU_RELIEF_FIND_H
#include <stdint.h>

#include "db.h"
#include "db_row.h"
#include "relief_rules.h"
#include "text.h"
#include "user.h"

/* A relief application found, with its latest receipt number ("" before payment). */
#define RELIEF_HIT_ROW(X, _)                                                                                           \
    X("a.id", INT64, id) _ X("hm.name", TEXT(NAME_SIZE), head) _ X("v.name", TEXT(NAME_SIZE), village) _             \
        X("c.name", TEXT(NAME_SIZE), category) _ X("a.state", ENUM(enum relief_state, relief_state_parse), state) _   \
        X("a.amount_fen", MONEY, amount_fen) _                                                                        \
        X("coalesce((SELECT receipt_no FROM relief_payments WHERE application_id = a.id ORDER BY id DESC LIMIT 1), '')", \
          TEXT(DOC_NO_SIZE), receipt_no)
struct relief_hit {
    DB_ROW_FIELDS(RELIEF_HIT_ROW)
};

/* Calls fn for each of up to FIND_LIMIT matching applications in scope, newest first. Returns the
   number listed, or -1. */
int relief_find(struct db *db, const struct user_ctx *actor, const char *q,
                void (*fn)(const struct relief_hit *, void *), void *ctx);

#endif
