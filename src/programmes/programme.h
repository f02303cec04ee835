/*
 * programme.h: programmes (扶助项目) the administrator defines: a name, a beneficiary (a person or
 * a household), a period (once, every year, every month), amounts that change from dates, the
 * relief fund that pays, and the rules (programme_rules.h) that admit people. Rolls (roll.h) apply
 * them to the registry, one unit and year at a time.
 */
#ifndef BANGFU_PROGRAMME_H
#define BANGFU_PROGRAMME_H
#include <jansson.h>
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "db_row.h"
#include "err.h"
#include "household.h"
#include "member_status.h"
#include "programme_rules.h"
#include "relief_fund.h"
#include "text.h"
#include "user.h"

#define PROGRAMME_NAME_MAX_CHARS 40
#define PROGRAMME_NAME_SIZE TEXT_SIZE(PROGRAMME_NAME_MAX_CHARS)
#define PROGRAMME_MAX_FEN 100000000LL /* one payment: at most 1,000,000.00 yuan */
#define PROGRAMME_RELATIONS_JSON_SIZE 160
#define PROGRAMME_LIST_MAX 200        /* programmes listed at most (the list says when there are more) */

struct programme_input {
    const char *name;
    const char *beneficiary; /* "person" | "household" */
    const char *period;      /* "once" | "year" | "month" */
    int64_t amount_fen;      /* per period */
    const char *effective_from;
    int64_t fund_id;
    unsigned categories;     /* bit per enum hh_category: any of them (closure); 0 = any household */
    int min_age, max_age;    /* -1: none */
    const char *age_on;      /* "MM-DD", NULL or "" = "12-31" */
    const char *sex;         /* NULL/"" any, M/F/男/女 */
    const char *hukou;       /* NULL/"" any, rural/urban/农业/非农业 */
    unsigned relations;      /* bit per programme_relation; 0 = any */
    int alive_resident;      /* 1: alive and resident on the reference day */
};

/* Checks and defines a programme (admin) with its first amount. Returns the id, or -1 with e
   (422 naming the field, 409 duplicate_name, 403/404 for the fund). Audited. */
int64_t programme_create(struct db *db, const struct user_ctx *actor, const struct programme_input *in,
                         struct date today, struct err *e);
/* Adds an amount from a date (admin). Returns 0 or -1 with e. Audited (set_amount). */
int programme_set_amount(struct db *db, const struct user_ctx *actor, int64_t id, int64_t amount_fen,
                         const char *effective_from, struct date today, struct err *e);

#define PROGRAMME_ROW(X, _)                                                                                             \
    X("p.id", INT64, id) _ X("p.name", TEXT(PROGRAMME_NAME_SIZE), name) _                                             \
        X("p.beneficiary", TEXT(CODE_SIZE), beneficiary) _ X("p.period", TEXT(CODE_SIZE), period) _                  \
        X("p.fund_id", INT64, fund_id) _ X("f.name", TEXT(FUND_NAME_SIZE), fund_name) _                              \
        X("p.categories", ENUM(unsigned, programme_categories_parse), categories) _                                   \
        X("coalesce(p.min_age, -1)", INT, min_age) _ X("coalesce(p.max_age, -1)", INT, max_age) _                    \
        X("p.age_on", TEXT(8), age_on) _ X("coalesce(p.sex, '')", TEXT(4), sex) _                                    \
        X("coalesce(p.hukou, '')", ENUM(int, hukou_of_code), hukou) _                                                 \
        X("coalesce(p.relations, '')", ENUM(unsigned, programme_relations_parse), relations) _                        \
        X("p.alive_resident", INT, alive_resident) _ X("p.active", INT, active)
struct programme {
    DB_ROW_FIELDS(PROGRAMME_ROW)
};

/* Loads a programme the actor reaches: its fund's unit within the actor's scope, or the actor's
   unit within the fund's (a district programme is every township's). 0, or -1 with 404 / 403. */
int programme_get(struct db *db, const struct user_ctx *actor, int64_t id, struct programme *out, struct err *e);
/* Calls fn for each programme the actor reaches, active first, by id; at most
   PROGRAMME_LIST_MAX. Returns the total count or -1. */
int programme_list(struct db *db, const struct user_ctx *actor, void (*fn)(const struct programme *, void *),
                   void *ctx);
/* The amount per period in force on day on, or 0 when none is. */
int64_t programme_amount_on(struct db *db, int64_t id, const char *on);
/* The rules of a programme for a year's reference day. 0, or -1 when age_on is not a day. */
int programme_rules_of(const struct programme *p, int year, struct programme_rules *out);
/* The programme as API JSON with its amounts (effective_from, amount_fen) and the rules. */
json_t *programme_json(struct db *db, const struct programme *p);
/* 中文: 个人/家庭, 一次性/每年/每月. */
const char *programme_beneficiary_name(const char *code);
const char *programme_period_name(const char *code);

#endif
