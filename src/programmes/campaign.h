/*
 * campaign.h: campaigns (帮扶活动, e.g. 双千帮扶): a target number of households, each to be helped
 * with at least a minimum amount within a period by the payments of one programme, counted over a
 * unit's households (the district: across its townships) whatever unit the batch or roll that paid
 * them belonged to. A household is reached when its payments within the period add up to the
 * minimum (docs/domain.md, "Campaigns").
 */
#ifndef BANGFU_CAMPAIGN_H
#define BANGFU_CAMPAIGN_H
#include <jansson.h>
#include <stdint.h>

#include "programme.h"

#define CAMPAIGN_NAME_MAX_CHARS 40
#define CAMPAIGN_NAME_SIZE TEXT_SIZE(CAMPAIGN_NAME_MAX_CHARS)
#define CAMPAIGN_TARGET_MAX 10000000
#define CAMPAIGN_LIST_MAX 200 /* campaigns listed at most (the list says when there are more) */
#define CAMPAIGN_UNITS_MAX 200 /* units of a campaign's progress (a district's townships) */

struct campaign_input {
    const char *name;
    int64_t target_households;
    int64_t min_amount_fen;
    const char *from, *to; /* YYYY-MM-DD, both included */
    int64_t programme_id;
    int64_t unit_id; /* the district or a township in scope; 0 = the actor's unit */
};

/* Checks and creates a campaign. Returns its id, or -1 with e (422 naming the field, 409
   duplicate_name, 403/404 for the unit or the programme). Audited. */
int64_t campaign_create(struct db *db, const struct user_ctx *actor, const struct campaign_input *in, struct err *e);

#define CAMPAIGN_ROW(X, _)                                                                                           \
    X("k.id", INT64, id) _ X("k.name", TEXT(CAMPAIGN_NAME_SIZE), name) _ X("k.unit_id", INT64, unit_id) _          \
        X("u.name", TEXT(NAME_SIZE), unit_name) _ X("u.kind", TEXT(16), unit_kind) _                               \
        X("u.path", TEXT(160), unit_path) _ X("k.programme_id", INT64, programme_id) _                             \
        X("p.name", TEXT(PROGRAMME_NAME_SIZE), programme) _ X("k.target_households", INT64, target_households) _   \
        X("k.min_amount_fen", MONEY, min_amount_fen) _ X("k.from_on", DATE, from) _ X("k.to_on", DATE, to)
/* One unit's progress: the households paid, those reached and the amount paid. */
struct campaign_unit {
    int64_t unit_id;
    char unit[NAME_SIZE];
    int64_t households_paid, households_reached, amount_fen;
};
struct campaign {
    DB_ROW_FIELDS(CAMPAIGN_ROW)
    /* the progress, filled by campaign_progress: payments dated up to as_of */
    char as_of[11];
    int complete; /* 0: the actor's scope holds only part of the campaign's unit (the figures are that part's) */
    int64_t households_paid, households_reached, amount_fen;
    int nunits;
    struct campaign_unit units[CAMPAIGN_UNITS_MAX];
};

/* Loads a campaign the actor reaches (its unit within the actor's scope, or the actor's unit within
   its unit) with its progress up to its last day. 0, or -1 with 404 / 403. */
int campaign_get(struct db *db, const struct user_ctx *actor, int64_t id, struct campaign *out, struct err *e);
/* Computes the progress of c counting payments dated up to as_of ("" = the campaign's last day; never
   after it), by the units directly below the campaign's unit within the actor's scope. 0 or -1 with e. */
int campaign_progress(struct db *db, const struct user_ctx *actor, struct campaign *c, const char *as_of, struct err *e);
/* Calls fn for each campaign the actor reaches whose period meets [from, to] (NULL: any), newest
   first, at most CAMPAIGN_LIST_MAX, each with its progress up to min(its last day, as_of). The
   campaign handed to fn is valid during the call. Returns the total count or -1. */
int campaign_list(struct db *db, const struct user_ctx *actor, const char *from, const char *to, const char *as_of,
                  void (*fn)(const struct campaign *, void *), void *ctx);
/* The campaign with its progress as API JSON. */
json_t *campaign_json(const struct campaign *c);

#endif
