/*
 * relief_batch.h: relief batches (春节走访慰问, 双千帮扶, 独女户/双女绝育户奖励): a category and an
 * amount for every eligible household of a township or village. The preview lists who would be
 * included and who is excluded and why; creating makes all the applications in one transaction;
 * the steps (verify, review, approve, pay) then move every application of the batch that is
 * ready for them, all or nothing.
 */
#ifndef BANGFU_RELIEF_BATCH_H
#define BANGFU_RELIEF_BATCH_H
#include <jansson.h>
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "db_row.h"
#include "err.h"
#include "relief_pay.h"
#include "relief_rules.h"
#include "user.h"
#include "text.h"

struct batch_input {
    int64_t category_id;
    int64_t amount_fen; /* 0: the category's standard amount */
    int64_t unit_id;    /* a township or village in scope; 0 = the actor's own unit */
};

struct batch_candidate {
    int64_t household_id;
    char head_name[NAME_SIZE];
    char village[NAME_SIZE];
    const char *excluded; /* NULL when included, else why not */
};

/* Lists every household of the unit whose categories make it eligible, with those that cannot be
   included (yearly limit reached) marked and explained. Returns the number included, or -1 with e. */
int relief_batch_preview(struct db *db, const struct user_ctx *actor, const struct batch_input *in, struct date today,
                         void (*fn)(const struct batch_candidate *, void *), void *ctx, struct err *e);
/* Creates the batch and one application per included household. *included gets their count;
   the excluded are reported through fn (may be NULL). Returns the batch id or -1 with e (409
   nothing_to_do when no household can be included). Audited. */
int64_t relief_batch_create(struct db *db, const struct user_ctx *actor, const struct batch_input *in,
                            struct date today, int *included, void (*fn)(const struct batch_candidate *, void *),
                            void *ctx, struct err *e);

/* Moves every application of the batch that is ready for the action (RA_VERIFY, RA_REVIEW,
   RA_APPROVE) and within the actor's scope. *moved gets the count. All or nothing. */
int relief_batch_step(struct db *db, const struct user_ctx *actor, int64_t batch_id, enum relief_action a,
                      struct date today, int *moved, struct err *e);
/* Pays every approved application of the batch from one fund; all or nothing (409
   insufficient_funds when the fund cannot cover all of them). *paid gets the count. */
int relief_batch_disburse(struct db *db, const struct user_ctx *actor, int64_t batch_id,
                          const struct relief_pay_input *in, int *paid, struct err *e);

#define RELIEF_BATCH_TITLE_SIZE 160 /* the category, unit and date the batch is named by */

/* A batch with its category, unit and who created it (the counts are summed after). */
#define RELIEF_BATCH_ROW(X, _)                                                                                          \
    X("b.id", INT64, id) _ X("b.category_id", INT64, category_id) _ X("b.unit_id", INT64, unit_id) _                 \
        X("b.amount_fen", MONEY, amount_fen) _ X("b.title", TEXT(RELIEF_BATCH_TITLE_SIZE), title) _                  \
        X("c.name", TEXT(RELIEF_CATEGORY_NAME_SIZE), category) _ X("u.name", TEXT(NAME_SIZE), unit_name) _           \
        X("b.created_at", TIME, created_at) _ X("coalesce(cu.name, '')", TEXT(NAME_SIZE), created_by)
struct relief_batch {
    DB_ROW_FIELDS(RELIEF_BATCH_ROW)
    int count[RS__MAX]; /* applications per state */
    int total;
    int64_t paid_fen;
};
/* Loads a batch in scope. 0, or -1 with 404 / 403. */
int relief_batch_get(struct db *db, const struct user_ctx *actor, int64_t id, struct relief_batch *out, struct err *e);
/* Which batches a list holds and, filled by relief_batch_list, their totals. */
struct batch_filter {
    int64_t village_id;   /* batches of this village (0: every unit in scope) */
    struct date from, to; /* created between (China time; {0} open) */
    int limit;            /* the first `limit` are handed to fn; the totals count every match */
    int64_t count, households, paid_fen; /* out: batches, applications and amount paid over every match */
};
/* Calls fn for the first f->limit batches in the actor's scope that f matches, newest first, and
   fills f's totals over all of them. Returns the number of matches or -1. */
int relief_batch_list(struct db *db, const struct user_ctx *actor, struct batch_filter *f,
                      void (*fn)(const struct relief_batch *, void *), void *ctx);
/* The batch as API JSON. */
json_t *relief_batch_json(const struct relief_batch *b);

#endif
