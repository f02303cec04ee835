/*
 * relief_category.h: relief categories (救助类别), each the relief face of a once/household
 * programme (relief_categories.programme_id). The programme is the one source of who is eligible
 * (its household categories with their nesting, and its rules over the household head), of the
 * amounts with the dates from which they apply and of the fund; the category adds what is relief's
 * own: standard amount or by-case range (up to the programme amount's max_fen), times per household
 * per year, batch, and whether it is sensitive (计生特殊家庭: never named to the public). A new
 * amount applies from its date; applications made before keep the amount they were made with.
 */
#ifndef BANGFU_RELIEF_CATEGORY_H
#define BANGFU_RELIEF_CATEGORY_H
#include <stdint.h>

#include "db.h"
#include "err.h"
#include "household.h"
#include "programme_rules.h"
#include "relief_rules.h"
#include "user.h"

struct relief_category {
    int64_t id;
    char code[32];
    char name[RELIEF_CATEGORY_NAME_SIZE];
    char public_name[RELIEF_CATEGORY_NAME_SIZE]; /* the name the public sees ("" = name) */
    int standard, any_household, batch, per_year, sensitive, active; /* any_household, active: the programme's */
    unsigned eligible;      /* the programme's categories: bit per enum hh_category */
    int64_t min_fen, max_fen; /* the programme's amounts in force on the date asked for */
    char effective_from[11];
    int64_t programme_id, fund_id;
    /* the programme's rules over the household head */
    int min_age, max_age, hukou, alive_resident;
    char age_on[8], sex[4];
    unsigned relations;
};

/* The name to show the public: public_name for a sensitive category, else name. */
const char *relief_category_public(const struct relief_category *c);
/* The category's rule for relief_rules.c. */
void relief_category_rule(const struct relief_category *c, struct relief_rule *out);
/* Whether the household head passes the programme's rules over the head (age on the reference day of
   the year, sex, hukou, relation, alive and resident), the household's categories being checked by
   relief_check_eligible. ROLL_OK, or the rule failed with why (Chinese, size n) naming it. */
enum roll_fail relief_category_check_head(const struct relief_category *c, const struct person_facts *head, int year,
                                          char *why, size_t n);
/* The household head's facts the programme rules read, as RELIEF_HEAD_COLUMNS select them from members m. */
struct relief_head {
    struct person_facts p;
    char relation[MEMBER_RELATION_SIZE];
};
#define RELIEF_HEAD_COLUMNS "m.birth_date, m.sex, m.hukou, m.relation, m.died_on, m.moved_out_on"
/* Reads the RELIEF_HEAD_COLUMNS starting at column col of a row (a relation too long for the buffer
   is kept empty, which fails a relation rule rather than passing it). */
void relief_head_read(sqlite3_stmt *st, int col, struct relief_head *out);

/* Gives a once/household programme just created (in the caller's transaction) its relief face: a
   standard amount, once per household a year. 0, or -1 with e (409 duplicate_name). */
int relief_category_attach(struct db *db, int64_t programme_id, const char *name, struct err *e);

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

/* Admin: a new amount of the category's programme (standard: min = max) applying from the date on.
   Replaces a row of the same date. Returns 0 or -1. Audited. */
int relief_category_set_amount(struct db *db, const struct user_ctx *actor, int64_t id, const char *from,
                               int64_t min_fen, int64_t max_fen, struct err *e);
/* Admin: eligibility (the programme's categories: bit per enum hh_category, or any household), active (the
   programme's), times per year. Returns 0 or -1. Audited. */
int relief_category_update(struct db *db, const struct user_ctx *actor, int64_t id, unsigned eligible,
                           int any_household, int per_year, int active, struct err *e);

struct relief_amount_row {
    char effective_from[11];
    int64_t min_fen, max_fen;
};
/* Calls fn for each amount of the category's programme, newest date first. Returns the count or -1. */
int relief_category_amounts(struct db *db, int64_t id, void (*fn)(const struct relief_amount_row *, void *), void *ctx);

#endif
