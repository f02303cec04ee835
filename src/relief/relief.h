/*
 * relief.h: relief applications (救助申请), one household and one category each: eligibility,
 * amount and yearly limit checked at application; then village verification (村审核), township
 * review (镇审核), public notice (公示, see notice.h), approval after the notice period, and
 * payment (relief_pay.h). Every step records who and when; a rejection records why. Scoped to the
 * actor's unit; every step is one transaction with its audit record.
 */
#ifndef BANGFU_RELIEF_H
#define BANGFU_RELIEF_H
#include <jansson.h>
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "err.h"
#include "relief_rules.h"
#include "user.h"
#include "text.h"

struct relief_input {
    int64_t household_id;
    int64_t category_id;
    int64_t amount_fen; /* 0: the category's standard amount */
    const char *reason;
};

/* Registers an application in its own transaction after checking that the household is in scope,
   eligible, within the yearly limit and the amount within the category's rule in force today.
   Returns the id or -1 with e (422 naming the field; 409 not_eligible / yearly_limit_reached). */
int64_t relief_apply(struct db *db, const struct user_ctx *actor, const struct relief_input *in, struct date today,
                     struct err *e);
/* The same checks and insert inside the caller's transaction (batches), tagged with batch_id. */
int64_t relief_apply_in_txn(struct db *db, const struct user_ctx *actor, const struct relief_input *in,
                            int64_t batch_id, struct date today, struct err *e);

struct relief_app {
    int64_t id, household_id, category_id, batch_id, notice_id, amount_fen;
    int64_t village_id, township_id;
    enum relief_state state;
    char head_name[NAME_SIZE];
    char head_id_number[20];
    char village[NAME_SIZE], township[NAME_SIZE];
    char category[64], category_public[64];
    char reason[LONG_TEXT_SIZE];
    char applied_on[11];
    int year;
    char created_by[NAME_SIZE];
    char verified_by[64], verified_on[11];
    char reviewed_by[64], reviewed_on[11];
    char approved_by[64], approved_on[11];
    char rejected_by[64], rejected_on[11], reject_reason[256];
    char notice_ends_on[11]; /* "" when not in a notice */
    int open_objections;
    char receipt_no[DOC_NO_SIZE]; /* the valid (not voided) receipt, "" when none */
};

/* Loads an application the actor may see: 0, or -1 with 404 / 403. */
int relief_get(struct db *db, const struct user_ctx *actor, int64_t id, struct relief_app *out, struct err *e);
/* The application as API JSON (resident ID masked unless full_ids). New reference. */
json_t *relief_json(const struct relief_app *a, int full_ids);

/* Moves one application by RA_VERIFY, RA_REVIEW, RA_APPROVE or RA_REJECT (reason required).
   Township review needs a township or district user; approval needs the notice period over and
   no objection open. Returns 0 or -1 with e (409 invalid_state / notice_not_over / objection_open). */
int relief_step(struct db *db, const struct user_ctx *actor, int64_t id, enum relief_action a, const char *reason,
                struct date today, struct err *e);
/* The same inside the caller's transaction (batches and objections). */
int relief_step_in_txn(struct db *db, const struct user_ctx *actor, int64_t id, enum relief_action a,
                       const char *reason, struct date today, struct err *e);

struct relief_filter {
    int state;          /* -1 = any */
    int64_t category_id; /* 0 = any */
    int64_t batch_id;
    int64_t village_id;
    int64_t household_id;
    int limit, offset;
};
/* Lists applications in the actor's scope, newest first, calling fn for each. Returns the total
   matching, or -1. */
int64_t relief_list(struct db *db, const struct user_ctx *actor, const struct relief_filter *f,
                    void (*fn)(const struct relief_app *, void *), void *ctx);

/* Counts the applications in the actor's scope per state (out[RS__MAX]), and in *approvable those
   in notice whose period ended before today with no objection open. 0 or -1. */
int relief_state_counts(struct db *db, const struct user_ctx *actor, struct date today, int64_t *out,
                        int64_t *approvable);

#endif
