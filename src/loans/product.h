/*
 * product.h: loan products (贷款产品) as stored: the admin creates, changes and deactivates them
 * (audited); every application names one (the default product when none is given) and is checked
 * against it when registered and edited, its disbursement when the credit union lends
 * (product_rules.h holds the pure checks). Products are district-wide: every staff role reads them.
 */
#ifndef BANGFU_PRODUCT_H
#define BANGFU_PRODUCT_H
#include <jansson.h>
#include <stdint.h>

#include "db.h"
#include "db_row.h"
#include "err.h"
#include "product_rules.h"
#include "user.h"

/* A product's row as stored (the lists as comma-separated codes). */
#define PRODUCT_ROW(X, _)                                                                                             \
    X("p.id", INT64, id) _ X("p.name", TEXT(NAME_SIZE), name) _ X("p.min_fen", MONEY, min_fen) _                     \
        X("p.max_fen", MONEY, max_fen) _ X("p.min_months", INT64, min_months) _                                        \
        X("p.max_months", INT64, max_months) _ X("p.methods", TEXT(PRODUCT_LIST_SIZE), methods) _                     \
        X("p.min_rate_micro", INT64, min_rate_micro) _ X("p.max_rate_micro", INT64, max_rate_micro) _                 \
        X("p.day_count", TEXT(CODE_SIZE), day_count) _ X("p.settlement", TEXT(CODE_SIZE), settlement) _               \
        X("coalesce(p.penalty_pct, 0)", INT64, penalty_pct) _ X("p.subsidy_eligible", INT, subsidy_eligible) _        \
        X("p.borrower_kinds", TEXT(PRODUCT_LIST_SIZE), borrower_kinds) _                                              \
        X("p.documents", TEXT(PRODUCT_LIST_SIZE), documents) _                                                        \
        X("p.departments", TEXT(PRODUCT_DEPARTMENTS_SIZE), departments) _ X("p.is_default", INT, is_default) _        \
        X("p.active", INT, active) _ X("p.min_rating", TEXT(CODE_SIZE), min_rating) _                                 \
        X("coalesce(p.second_max_fen, 0)", MONEY, second_max_fen) _                                                  \
        X("coalesce(p.second_min_rate_micro, -1)", INT64, second_min_rate_micro) _                                   \
        X("p.extension_review", TEXT(CODE_SIZE), extension_review)
struct product_row {
    DB_ROW_FIELDS(PRODUCT_ROW)
};

/* A product: its row and its terms read from the row. */
struct product {
    struct product_row row;
    struct product_terms terms;
};

/* What the admin gives for a product (strings NULL when absent). */
struct product_input {
    const char *name;
    int64_t min_fen, max_fen, min_months, max_months;
    const char *methods;        /* method codes, comma-separated */
    const char *min_rate, *max_rate; /* exact decimal percentages, "3.45" */
    const char *day_count;      /* "", "month", "actual360" */
    const char *settlement;     /* "due_dates" (default), "quarter_20th" (按季结息) */
    int64_t penalty_pct;        /* 0: the parameter penalty_rate_pct */
    int subsidy_eligible;       /* 0 or 1 */
    const char *borrower_kinds; /* "household", "organisation", comma-separated */
    const char *documents;      /* required document codes, comma-separated; NULL: all seven */
    const char *departments;    /* reviewing department ids, comma-separated; "" or NULL: every active one */
    int active;                 /* 0 or 1 (update only) */
    const char *min_rating;     /* "一般", "较好", "优秀"; "" or NULL: no rating required */
    int64_t second_max_fen;     /* second-cycle maximum; 0: none */
    const char *second_min_rate; /* second-cycle rate floor, exact decimal; "" or NULL: none */
    const char *extension_review; /* "association" (default) or "joint" (展期联合评审) */
};

/* Creates a product (admin). Returns the id or -1 with e filled (422 naming the field, 409
   duplicate_name). Audited. */
int64_t product_create(struct db *db, const struct user_ctx *actor, const struct product_input *in, struct err *e);
/* Replaces a product's terms and active flag (admin); the default product cannot be deactivated
   (409 default_product). Applications already registered keep their product. Audited with before
   and after. 404 not_found. */
int product_update(struct db *db, const struct user_ctx *actor, int64_t id, const struct product_input *in,
                   struct err *e);
/* Loads a product (404 not_found). */
int product_get(struct db *db, int64_t id, struct product *out, struct err *e);
/* The product an application chooses: id, or the default product when id is 0. 422
   invalid_product (field product_id) when it does not exist or is inactive. */
int product_for_application(struct db *db, int64_t id, struct product *out, struct err *e);
/* Lists the products (active_only: only active ones), the default first, then by name. Returns
   the count or -1 with e filled. */
int product_list(struct db *db, int active_only, void (*fn)(const struct product *, void *), void *ctx,
                 struct err *e);
/* The product as API JSON (new reference). */
json_t *product_json(const struct product *p);
/* An SQL condition (a literal): department dept_col reviews under a product whose departments
   column is products_col (every active department when the list is empty). */
#define PRODUCT_DEPARTMENTS_MATCH(dept_col, products_col)                                                           \
    "(" products_col " = '' OR instr(',' || " products_col " || ',', ',' || " dept_col " || ',') > 0)"

#endif
