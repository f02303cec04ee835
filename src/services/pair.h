/*
 * pair.h: pairing (结对帮扶): a helper — a cadre (an account, or a named person with a unit and a
 * phone), a unit, or a prospering household (富手拉贫手) — paired with a household from a day, with
 * goals (增收, 就业, 技术, ...), until ended with a reason. Scoped by the paired household's village.
 */
#ifndef BANGFU_PAIR_H
#define BANGFU_PAIR_H
#include <stdint.h>

#include <jansson.h>

#include "date.h"
#include "db.h"
#include "db_row.h"
#include "err.h"
#include "text.h"
#include "user_ctx.h"

enum helper_kind { HELPER_CADRE, HELPER_UNIT, HELPER_HOUSEHOLD, HELPER__MAX };
/* The stored code ("cadre", "unit", "household") and the Chinese name (干部, 单位, 帮扶户). */
const char *helper_kind_code(enum helper_kind k);
const char *helper_kind_name(enum helper_kind k);
/* The kind of a code, or -1. */
int helper_kind_parse(const char *code);

/* The goals a pair may have, a bit each; pair_goal_name(i) is the Chinese word (增收, 就业, ...). */
#define PAIR_GOALS 7
const char *pair_goal_name(int i);
/* The bit of a goal word, or -1. */
int pair_goal_parse(const char *word);
/* The goal words of a set joined by 、 into out (PAIR_GOALS_TEXT_SIZE). Returns out. */
#define PAIR_GOALS_TEXT_SIZE 96
char *pair_goals_text(unsigned goals, char *out);

struct pair_input {
    int64_t household_id;
    enum helper_kind kind;
    const char *name;            /* a named cadre */
    int64_t user_id;             /* a cadre with an account (in the actor's scope) */
    int64_t unit_id;             /* the unit, or a named cadre's unit */
    int64_t helper_household_id; /* a prospering household (in the actor's scope) */
    const char *phone;           /* a named cadre's mobile phone */
    const char *from;            /* yyyy-mm-dd, not after today */
    unsigned goals;              /* at least one */
};
/* Pairs a helper with a household in the actor's scope: 409 duplicate_pair when the same helper
   is already paired with it and not ended. Returns the id or -1 with e. Audited. */
int64_t pair_create(struct db *db, const struct user_ctx *actor, const struct pair_input *in, struct date today,
                    struct err *e);
/* Ends a pair on a day (from its start to today) with a reason (1..200 characters): 409
   already_ended when it was. Returns 0 or -1 with e. Audited. */
int pair_end(struct db *db, const struct user_ctx *actor, int64_t id, const char *on, const char *reason,
             struct date today, struct err *e);

/* A pair with its household's head and village. */
#define PAIR_ROW(X, _)                                                                                                \
    X("p.id", INT64, id) _ X("p.household_id", INT64, household_id) _ X("hm.name", TEXT(NAME_SIZE), head) _        \
        X("v.name", TEXT(NAME_SIZE), village) _                                                                    \
        X("p.helper_kind", ENUM(enum helper_kind, helper_kind_parse), kind) _                                      \
        X("p.helper_name", TEXT(NAME_SIZE), helper_name) _ X("coalesce(p.helper_user_id, 0)", INT64, user_id) _    \
        X("coalesce(p.helper_unit_id, 0)", INT64, unit_id) _ X("coalesce(hu.name, '')", TEXT(NAME_SIZE), unit_name) _ \
        X("coalesce(p.helper_household_id, 0)", INT64, helper_household_id) _                                      \
        X("p.helper_phone", TEXT(PHONE_SIZE), phone) _ X("p.from_on", DATE, from) _ X("p.goals", INT, goals) _      \
        X("coalesce(p.ended_on, '')", DATE, ended_on) _ X("coalesce(p.end_reason, '')", TEXT(NOTE_SIZE), end_reason)
struct pair_row {
    DB_ROW_FIELDS(PAIR_ROW)
};

struct pair_filter {
    int64_t household_id;        /* 0 any: the pairs of this household */
    int64_t helper_household_id; /* 0 any: the pairs this household helps in */
    int64_t unit_id;             /* 0 any: households within this unit (in the actor's scope) */
    int64_t helper_unit_id;      /* 0 any: helped by this unit or its cadres */
    int kind;                    /* -1 any, else enum helper_kind */
    int state;                   /* 0 any, 1 going on, 2 ended */
    int64_t id;                  /* 0 any: this pair only */
    int limit, offset;           /* limit 0: every row */
};
/* Calls fn for the pairs in the actor's scope matching f, the going-on ones first, newest first.
   Returns the total matching (before limit/offset) or -1 with e. */
int64_t pair_list(struct db *db, const struct user_ctx *actor, const struct pair_filter *f,
                  void (*fn)(const struct pair_row *, void *), void *ctx, struct err *e);

/* The pair as API JSON: {id, household_id, head, village, helper: {kind, kind_name, name, user_id,
   unit_id, unit, household_id, phone}, from, goals: [word], state, ended_on, end_reason}. New reference. */
json_t *pair_json(const struct pair_row *p);
/* pair_list's callback appending pair_json(p) to the JSON array ctx. */
void pair_json_append(const struct pair_row *p, void *ctx);
/* The state word of a pair: 进行中 or 已结束. */
const char *pair_state_name(const struct pair_row *p);

#endif
