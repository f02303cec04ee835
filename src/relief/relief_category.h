/*
 * relief_category.h: relief categories (救助类别), editable by the admin: which households are
 * eligible, a standard amount or a by-case range, how many times per household per year, and
 * whether the category is sensitive (计生特殊家庭: never named to the public). Amounts carry the
 * date from which they apply, so a new standard applies from its date and applications made
 * before keep the amount they were made with.
 */
#ifndef BANGFU_RELIEF_CATEGORY_H
#define BANGFU_RELIEF_CATEGORY_H
#include <stdint.h>

#include "db.h"
#include "err.h"
#include "relief_rules.h"
#include "user.h"

struct relief_category {
    int64_t id;
    char code[32];
    char name[RELIEF_CATEGORY_NAME_SIZE];
    char public_name[RELIEF_CATEGORY_NAME_SIZE]; /* the name the public sees ("" = name) */
    int standard, any_household, batch, per_year, sensitive, active;
    unsigned eligible;      /* bit per enum hh_category */
    int64_t min_fen, max_fen; /* the amounts in force on the date asked for */
    char effective_from[11];
};

/* The name to show the public: public_name for a sensitive category, else name. */
const char *relief_category_public(const struct relief_category *c);
/* The category's rule for relief_rules.c. */
void relief_category_rule(const struct relief_category *c, struct relief_rule *out);

/* Calls fn for every category (active ones only when active_only) with the amounts in force on
   as_of (YYYY-MM-DD). Returns the count or -1. */
int relief_category_list(struct db *db, const char *as_of, int active_only,
                         void (*fn)(const struct relief_category *, void *), void *ctx);
/* Loads a category with the amounts in force on as_of. 0, or -1 with 404 (or 422 when no amount
   is in force yet on that date). */
int relief_category_get(struct db *db, int64_t id, const char *as_of, struct relief_category *out, struct err *e);

/* What the administrator gives to define a category (POST /relief-categories). */
struct relief_category_input {
    const char *name;         /* 1–30 characters, unique among categories and programmes */
    int standard;             /* 1: a fixed amount (min = max); 0: by case between min and max */
    int64_t min_fen, max_fen;
    const char *effective_from;
    unsigned eligible;        /* bit per enum hh_category */
    int any_household, batch, per_year;
    int64_t fund_id;          /* the fund its programme pays from (in the actor's scope) */
};
/* Admin: defines a category and its programme (once, household; the eligible categories; the standard or
   the minimum from effective_from), linked by relief_categories.programme_id. Returns the id or -1 with e
   (422 naming the field, 409 duplicate_name). Audited. */
int64_t relief_category_create(struct db *db, const struct user_ctx *actor, const struct relief_category_input *in,
                               struct err *e);

/* Admin: a new amount (standard: min = max) applying from the date on. Replaces a row of the same
   date. Returns 0 or -1. Audited. */
int relief_category_set_amount(struct db *db, const struct user_ctx *actor, int64_t id, const char *from,
                               int64_t min_fen, int64_t max_fen, struct err *e);
/* Admin: eligibility (bit per enum hh_category, or any household), times per year, active. Returns 0 or -1. Audited. */
int relief_category_update(struct db *db, const struct user_ctx *actor, int64_t id, unsigned eligible,
                           int any_household, int per_year, int active, struct err *e);

struct relief_amount_row {
    char effective_from[11];
    int64_t min_fen, max_fen;
};
/* Calls fn for each amount of the category, newest date first. Returns the count or -1. */
int relief_category_amounts(struct db *db, int64_t id, void (*fn)(const struct relief_amount_row *, void *), void *ctx);

#endif
