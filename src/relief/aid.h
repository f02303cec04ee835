/*
 * aid.h: aid in kind (慰问品: fertiliser, rice, oil, clothing). Items carry the value of one unit;
 * a distribution gives a household a quantity of an item from a relief fund's goods on a day, at the
 * item's unit value of that day (value = quantity × unit value, to the fen), and is signed for on the
 * 签领表. A distribution is never changed or deleted: a mistake is reversed with a reason. The value is
 * shown beside the fund's cash, never in its balance (docs/domain.md, "Aid in kind").
 */
#ifndef BANGFU_AID_H
#define BANGFU_AID_H
#include <jansson.h>
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "db_row.h"
#include "err.h"
#include "text.h"
#include "user.h"

#define AID_ITEM_NAME_MAX_CHARS 30
#define AID_ITEM_NAME_SIZE TEXT_SIZE(AID_ITEM_NAME_MAX_CHARS)
#define AID_UNIT_MAX_CHARS 4
#define AID_UNIT_SIZE TEXT_SIZE(AID_UNIT_MAX_CHARS)
#define AID_OCCASION_MAX_CHARS 30
#define AID_OCCASION_SIZE TEXT_SIZE(AID_OCCASION_MAX_CHARS)
#define AID_QUANTITY_MAX 1000
#define AID_UNIT_VALUE_MAX_FEN 10000000LL /* one unit: at most 100,000.00 yuan */
#define AID_ITEMS_MAX 100               /* items listed at most (the list says when there are more) */

#define AID_ITEM_ROW(X, _)                                                                                          \
    X("i.id", INT64, id) _ X("i.name", TEXT(AID_ITEM_NAME_SIZE), name) _ X("i.unit", TEXT(AID_UNIT_SIZE), unit) _  \
        X("i.value_fen", MONEY, value_fen) _ X("i.active", INT, active)
struct aid_item {
    DB_ROW_FIELDS(AID_ITEM_ROW)
};
/* Calls fn for each item (active first, by id), at most AID_ITEMS_MAX. Returns the count of all or -1. */
int aid_item_list(struct db *db, void (*fn)(const struct aid_item *, void *), void *ctx);
/* Defines an item (admin): name 1–30 characters, unit 1–4, unit value. Returns its id or -1 with e. Audited. */
int64_t aid_item_create(struct db *db, const struct user_ctx *actor, const char *name, const char *unit,
                        int64_t value_fen, struct err *e);

/* The value of a distribution: quantity × unit value, to the fen (3 × 79.90 = 239.70). Returns it, or -1 when
   the quantity is not 1..AID_QUANTITY_MAX or the unit value not 0.01..AID_UNIT_VALUE_MAX_FEN (pure). */
int64_t aid_value(int64_t quantity, int64_t unit_value_fen);

struct aid_input {
    int64_t household_id, item_id, fund_id;
    int64_t quantity;
    const char *given_on; /* YYYY-MM-DD, not after today */
    const char *occasion; /* optional, at most 30 characters (春节走访慰问) */
};

/* A distribution with its household, item, fund and reversal. */
#define AID_ROW(X, _)                                                                                                \
    X("d.id", INT64, id) _ X("d.household_id", INT64, household_id) _ X("m.name", TEXT(NAME_SIZE), head_name) _   \
        X("v.name", TEXT(NAME_SIZE), village) _ X("d.item_id", INT64, item_id) _                                    \
        X("i.name", TEXT(AID_ITEM_NAME_SIZE), item) _ X("i.unit", TEXT(AID_UNIT_SIZE), unit) _                     \
        X("d.quantity", INT64, quantity) _ X("d.unit_value_fen", MONEY, unit_value_fen) _                          \
        X("d.value_fen", MONEY, value_fen) _ X("d.fund_id", INT64, fund_id) _                                     \
        X("f.name", TEXT(FUND_NAME_SIZE), fund) _ X("d.given_on", DATE, given_on) _                                \
        X("d.occasion", TEXT(AID_OCCASION_SIZE), occasion) _ X("coalesce(u.name, '')", TEXT(NAME_SIZE), given_by) _ \
        X("x.id IS NOT NULL", INT, reversed) _ X("coalesce(x.reason, '')", TEXT(NOTE_SIZE), reverse_reason) _      \
        X("coalesce(x.reversed_on, '')", DATE, reversed_on)
struct aid_row {
    DB_ROW_FIELDS(AID_ROW)
};

/* Checks a distribution without writing it and fills what it would record (for the confirmation
   in words and figures). 0, or -1 with e naming the field (404/403 for the household or the fund). */
int aid_check(struct db *db, const struct user_ctx *actor, const struct aid_input *in, struct date today,
              struct aid_row *out, struct err *e);
/* Records a distribution. Returns its id or -1 with e. Audited. */
int64_t aid_distribute(struct db *db, const struct user_ctx *actor, const struct aid_input *in, struct date today,
                       struct err *e);
/* Reverses a distribution in scope with a reason (2–200 characters), dated today. 0 or -1 with e
   (409 already_reversed). Audited. */
int aid_reverse(struct db *db, const struct user_ctx *actor, int64_t id, const char *reason, struct date today,
                struct err *e);
/* Loads a distribution whose household lies in the actor's scope. 0, or -1 with 404 / 403. */
int aid_get(struct db *db, const struct user_ctx *actor, int64_t id, struct aid_row *out, struct err *e);

/* Which distributions a list holds; the totals are filled by aid_list over every match. */
struct aid_filter {
    int64_t village_id, fund_id; /* 0: any in scope */
    struct date from, to;        /* given between ({0}: open) */
    int limit, offset;
    int64_t count, quantity, value_fen; /* out: over every match; quantity and value of those standing (not reversed) */
    int64_t standing;                   /* out: the matches not reversed */
};
/* Calls fn for the matches from offset (at most limit), newest day first. Returns the count or -1. */
int aid_list(struct db *db, const struct user_ctx *actor, struct aid_filter *f, void (*fn)(const struct aid_row *, void *),
             void *ctx);
/* The value of a fund's standing distributions given in [from, to] (NULL or "": open). */
int64_t aid_fund_value(struct db *db, int64_t fund_id, const char *from, const char *to);
/* The distribution as API JSON (value_capital: the value in 大写). */
json_t *aid_json(const struct aid_row *x);
/* The item as API JSON. */
json_t *aid_item_json(const struct aid_item *x);

#endif
