/*
 * information.h: information services (信息服务): an item of market prices, jobs or technology,
 * sent by a unit on a day to whole villages or to single households (who received it), and the
 * counts by village over a period, read beside the training counts.
 */
#ifndef BANGFU_INFORMATION_H
#define BANGFU_INFORMATION_H
#include <jansson.h>
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "db_row.h"
#include "err.h"
#include "text.h"
#include "user_ctx.h"

enum info_kind { INFO_MARKET, INFO_JOBS, INFO_TECHNOLOGY, INFO__MAX };
/* The code ("market", "jobs", "technology") and the Chinese name (市场价格, 用工信息, 实用技术). */
const char *info_kind_code(int k);
const char *info_kind_name(int k);
/* The kind of a code or a Chinese name, or -1. */
int info_kind_parse(const char *s);

#define INFO_MAX_RECIPIENTS 500
/* A recipient: a household (household_id > 0, its village found here) or a whole village
   (household_id 0, village_id > 0). */
struct info_recipient {
    int64_t village_id, household_id;
};
struct info_input {
    const char *title; /* 1..50 characters */
    int kind;          /* enum info_kind */
    const char *on;    /* sent on, not after today */
    int64_t unit_id;   /* the sending unit, in the actor's scope */
    const char *text;  /* 1..500 characters */
    int nrecipients;   /* 1..INFO_MAX_RECIPIENTS */
    const struct info_recipient *recipients; /* each in the actor's scope, none twice */
};
/* Records an item with its recipients in one transaction. Returns the id or -1 with e naming the
   field (recipients[i] for the i-th recipient). Audited. */
int64_t info_create(struct db *db, const struct user_ctx *actor, const struct info_input *in, struct date today,
                    struct err *e);

/* An item with its sending unit and how many villages (whole) and households received it. */
#define INFO_ROW(X, _)                                                                                                \
    X("i.id", INT64, id) _ X("i.title", TEXT(PROJECT_NAME_SIZE), title) _ X("i.kind", TEXT(CODE_SIZE), kind) _     \
        X("i.sent_on", DATE, on) _ X("i.unit_id", INT64, unit_id) _ X("n.name", TEXT(NAME_SIZE), unit) _          \
        X("i.text", TEXT(LONG_TEXT_SIZE), text) _                                                                  \
        X("(SELECT count(*) FROM information_recipients x WHERE x.item_id = i.id AND x.household_id = 0)", INT64,   \
          villages) _                                                                                              \
        X("(SELECT count(*) FROM information_recipients x WHERE x.item_id = i.id AND x.household_id <> 0)", INT64,  \
          households)
struct info_row {
    DB_ROW_FIELDS(INFO_ROW)
};
struct info_filter {
    int64_t id;           /* 0 any */
    int64_t household_id; /* 0 any: the items this household received (itself or its whole village) */
    int kind;             /* -1 any */
    const char *from, *to;
    int limit, offset;
};
/* Calls fn for the items sent by a unit in the actor's scope or received in it, matching f, newest
   first. Returns the total or -1 with e. */
int64_t info_list(struct db *db, const struct user_ctx *actor, const struct info_filter *f,
                  void (*fn)(const struct info_row *, void *), void *ctx, struct err *e);

/* One recipient of an item: the village, and the household's head when it went to one household. */
#define INFO_RECIPIENT_ROW(X, _)                                                                                      \
    X("r.village_id", INT64, village_id) _ X("v.name", TEXT(NAME_SIZE), village) _                                \
        X("r.household_id", INT64, household_id) _ X("coalesce(hm.name, '')", TEXT(NAME_SIZE), head)
struct info_recipient_row {
    DB_ROW_FIELDS(INFO_RECIPIENT_ROW)
};
/* Calls fn for the recipients of item id within the actor's scope (villages by path, then
   households). Returns their number or -1 with e. */
int info_recipients(struct db *db, const struct user_ctx *actor, int64_t id,
                    void (*fn)(const struct info_recipient_row *, void *), void *ctx, struct err *e);

/* An item as JSON with its recipients in the actor's scope. NULL when they could not be read. */
json_t *info_json(struct db *db, const struct user_ctx *actor, const struct info_row *t);
/* info_list's callback appending info_json to items; failed set when recipients could not be read. */
struct info_json_ctx {
    struct db *db;
    const struct user_ctx *actor;
    json_t *items;
    int failed;
};
void info_json_append(const struct info_row *t, void *ctx);

/* Per village of the actor's scope reached in [from, to] (NULL open): items received (whole
   village or one of its households) and households reached one by one. */
#define INFO_VILLAGE_ROW(X, _)                                                                                        \
    X("v.id", INT64, village_id) _ X("v.name", TEXT(NAME_SIZE), village) _                                        \
        X("count(DISTINCT r.item_id)", INT64, items) _                                                             \
        X("count(DISTINCT nullif(r.household_id, 0))", INT64, households)
struct info_village_row {
    DB_ROW_FIELDS(INFO_VILLAGE_ROW)
};
int info_by_village(struct db *db, const struct user_ctx *actor, const char *from, const char *to,
                    void (*fn)(const struct info_village_row *, void *), void *ctx, struct err *e);

#endif
