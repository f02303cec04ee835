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
#include "keyset.h"
#include "db.h"
#include "db_row.h"
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

/* An application with its household head, units, category, step users, notice and valid receipt. */
#define RELIEF_APP_ROW(X, _)                                                                                            \
    X("a.id", INT64, id) _ X("a.household_id", INT64, household_id) _ X("a.category_id", INT64, category_id) _       \
        X("coalesce(a.batch_id, 0)", INT64, batch_id) _ X("coalesce(a.notice_id, 0)", INT64, notice_id) _             \
        X("a.amount_fen", MONEY, amount_fen) _ X("v.id", INT64, village_id) _ X("t.id", INT64, township_id) _         \
        X("a.state", ENUM(enum relief_state, relief_state_parse), state) _ X("m.name", TEXT(NAME_SIZE), head_name) _ \
        X("m.id_number", TEXT(ID_NUMBER_SIZE), head_id_number) _ X("v.name", TEXT(NAME_SIZE), village) _            \
        X("t.name", TEXT(NAME_SIZE), township) _ X("c.name", TEXT(RELIEF_CATEGORY_NAME_SIZE), category) _             \
        X("CASE WHEN c.sensitive = 1 AND c.public_name <> '' THEN c.public_name ELSE c.name END",                     \
          TEXT(RELIEF_CATEGORY_NAME_SIZE), category_public) _                                                          \
        X("a.reason", TEXT(LONG_TEXT_SIZE), reason) _ X("a.applied_on", DATE, applied_on) _ X("a.year", INT, year) _  \
        X("coalesce(u0.name, '')", TEXT(NAME_SIZE), created_by) _                                                      \
        X("coalesce(u1.name, '')", TEXT(NAME_SIZE), verified_by) _                                                     \
        X("coalesce(a.verified_on, '')", DATE, verified_on) _                                                          \
        X("coalesce(u2.name, '')", TEXT(NAME_SIZE), reviewed_by) _                                                     \
        X("coalesce(a.reviewed_on, '')", DATE, reviewed_on) _                                                          \
        X("coalesce(u3.name, '')", TEXT(NAME_SIZE), approved_by) _                                                     \
        X("coalesce(a.approved_on, '')", DATE, approved_on) _                                                          \
        X("coalesce(u4.name, '')", TEXT(NAME_SIZE), rejected_by) _                                                     \
        X("coalesce(a.rejected_on, '')", DATE, rejected_on) _ X("a.reject_reason", TEXT(NOTE_SIZE), reject_reason) _ \
        X("a.bank_reason", TEXT(NOTE_SIZE), bank_reason) /* why the bank last refused it ("" none) */ _              \
        X("coalesce(n.ends_on, '')", DATE, notice_ends_on) /* "" when not in a notice */ _                            \
        X("(SELECT count(*) FROM objections o WHERE o.notice_id = a.notice_id AND o.state = 'open' AND "              \
          " (o.item_id IS NULL OR o.item_id IN (SELECT i.id FROM notice_items i WHERE i.relief_id = a.id)))",          \
          INT, open_objections) _                                                                                      \
        X("coalesce((SELECT p.receipt_no FROM relief_payments p WHERE p.application_id = a.id AND NOT EXISTS "        \
          " (SELECT 1 FROM receipt_events x WHERE x.payment_id = p.id AND x.kind = 'void') ORDER BY p.id DESC LIMIT 1), '')", \
          TEXT(DOC_NO_SIZE), receipt_no) /* the valid (not voided) receipt, "" when none */
struct relief_app {
    DB_ROW_FIELDS(RELIEF_APP_ROW)
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
    struct date from, to; /* applied between (inclusive); {0} = open */
    int limit, offset;
    struct keyset *page; /* NULL, or the keyset page of the list (keyset.h; limit and offset then come from it) */
};
/* Lists applications in the actor's scope, newest first, calling fn for each. Returns the total
   matching (with a keyset page: the rows of the page, the count being relief_list_totals'), or -1. */
int64_t relief_list(struct db *db, const struct user_ctx *actor, const struct relief_filter *f,
                    void (*fn)(const struct relief_app *, void *), void *ctx);
/* The number of applications the filter matches (every page) and the sum of their amounts. 0 or -1. */
int relief_list_totals(struct db *db, const struct user_ctx *actor, const struct relief_filter *f, int64_t *count,
                       int64_t *amount_fen);

/* Counts the applications in the actor's scope per state (out[RS__MAX]), and in *approvable those
   in notice whose period ended before today with no objection open. 0 or -1. */
int relief_state_counts(struct db *db, const struct user_ctx *actor, struct date today, int64_t *out,
                        int64_t *approvable);

#endif
