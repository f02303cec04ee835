/*
 * roll.h: yearly rolls (资格确认名册) of a programme for a unit: computed from the registry in one
 * set-based INSERT … SELECT (the rules of programme_rules.c run as the SQL function roll_fail), each
 * person or household new, continued (on last year's roll) or excluded with the rule it fails
 * (an exit when it was on last year's roll); staff add or remove a row with a reason while the
 * roll is a draft; the public notice (notice.c) freezes it; it is approved after the notice.
 */
#ifndef BANGFU_ROLL_H
#define BANGFU_ROLL_H
#include <jansson.h>
#include <stdint.h>

#include "programme.h"

#define ROLL_REASON_MAX_CHARS 200
#define ROLL_REASON_SIZE TEXT_SIZE(ROLL_REASON_MAX_CHARS)
#define ROLL_PAGE_MAX 500 /* rows answered at most per request (paged) */

/* Computes and stores the roll of a programme for a unit (township or village in the actor's
   scope, within the fund's unit) and a year (2000 .. next year). Returns its id, or -1 with e
   (409 roll_exists, no_amount, fund_out_of_scope). Audited with its counts. */
int64_t roll_create(struct db *db, const struct user_ctx *actor, int64_t programme_id, int year, int64_t unit_id,
                    struct date today, struct err *e);

#define ROLL_ROW(X, _)                                                                                                  \
    X("r.id", INT64, id) _ X("r.programme_id", INT64, programme_id) _ X("p.name", TEXT(PROGRAMME_NAME_SIZE), programme) _ \
        X("p.beneficiary", TEXT(CODE_SIZE), beneficiary) _ X("p.fund_id", INT64, fund_id) _                          \
        X("r.unit_id", INT64, unit_id) _ X("u.name", TEXT(NAME_SIZE), unit_name) _ X("r.year", INT, year) _         \
        X("r.ref_date", DATE, ref_date) _ X("r.amount_fen", MONEY, amount_fen) _                                      \
        X("r.state", TEXT(CODE_SIZE), state) _ X("coalesce(r.notice_id, 0)", INT64, notice_id) _                     \
        X("coalesce(n.ends_on, '')", DATE, notice_ends_on) _ X("coalesce(r.approved_on, '')", DATE, approved_on) _   \
        X("r.created_at", TIME, created_at)
struct roll {
    DB_ROW_FIELDS(ROLL_ROW)
    /* counted after: the rows by status, the total of the rows on the roll, payment */
    int64_t n_new, n_continued, n_added, n_excluded, n_removed, n_exits;
    int64_t total_fen, paid_fen, n_paid, n_failed;
};
/* 1 for the statuses on the roll (new, continued, added). */
int roll_status_included(const char *status);
/* 中文 of a roll state (草稿, 公示中, 已批准) and a row status (新增, 继续, 补录, 不符合, 移出). */
const char *roll_state_name(const char *state);
const char *roll_status_name(const char *status);

/* Loads a roll whose unit lies in the actor's scope (a village officer also reads the rolls of
   their township). 0, or -1 with 404 / 403. */
int roll_get(struct db *db, const struct user_ctx *actor, int64_t id, struct roll *out, struct err *e);

#define ROLL_LIST_MAX 200
/* Calls fn for the rolls in the actor's scope (of one programme, or all for 0), newest first, at
   most ROLL_LIST_MAX, each with its counts. Returns the number of such rolls in all, or -1. */
int64_t roll_list(struct db *db, const struct user_ctx *actor, int64_t programme_id,
                  void (*fn)(const struct roll *, void *), void *ctx);

/* A row with the person (or the household's head), their village and bank account. */
#define ROLL_LINE_ROW(X, _)                                                                                             \
    X("x.id", INT64, id) _ X("x.household_id", INT64, household_id) _ X("coalesce(x.member_id, 0)", INT64, member_id) _ \
        X("m.name", TEXT(NAME_SIZE), name) _ X("m.id_number", TEXT(ID_NUMBER_SIZE), id_number) _                     \
        X("v.name", TEXT(NAME_SIZE), village) _ X("x.status", TEXT(CODE_SIZE), status) _                              \
        X("x.reason", TEXT(ROLL_REASON_SIZE), reason) _ X("x.amount_fen", MONEY, amount_fen) _                       \
        X("x.pay_state", TEXT(CODE_SIZE), pay_state) _ X("x.pay_reason", TEXT(ROLL_REASON_SIZE), pay_reason) _        \
        X("coalesce(x.paid_on, '')", DATE, paid_on) _ X("x.was_on_roll", INT, was_on_roll) _                         \
        X("m.bank_name", TEXT(BANK_NAME_SIZE), bank_name) _ X("m.bank_account", TEXT(BANK_ACCOUNT_SIZE), bank_account)
struct roll_line {
    DB_ROW_FIELDS(ROLL_LINE_ROW)
};
enum roll_which { ROLL_INCLUDED, ROLL_EXCLUDED, ROLL_PAYABLE };
/* Calls fn for the roll's rows on it (ROLL_INCLUDED), excluded or removed (ROLL_EXCLUDED), or on
   it and not yet paid (ROLL_PAYABLE), in row order (household and person in the registry's order as
   computed; rows added later at the end): those after row id `after` (0: from the first), skipping `offset`,
   `limit` rows (-1 all). Every page costs the same (index roll_rows_kind). Returns the number of
   such rows in all pages, or -1. */
int64_t roll_lines(struct db *db, int64_t roll_id, enum roll_which which, int64_t after, int limit, int offset,
                   void (*fn)(const struct roll_line *, void *), void *ctx);

/* Adds a person (person programme) or a household (household programme) to a draft roll with a
   reason (2..200 characters): a new row, or an excluded/removed one put back, status added.
   Returns the row id or -1 with e. Audited (add_row). */
int64_t roll_add(struct db *db, const struct user_ctx *actor, int64_t roll_id, int64_t member_id,
                 int64_t household_id, const char *reason, struct err *e);
/* Removes a row from a draft roll with a reason: status removed. 0 or -1. Audited (remove_row). */
int roll_remove(struct db *db, const struct user_ctx *actor, int64_t roll_id, int64_t row_id, const char *reason,
                struct err *e);
/* Approves a roll after its notice ended (today after its last day) with no open objection
   (association, admin; not whoever created the roll). 0 or -1 (409 notice_not_over,
   open_objections, not_in_notice). Audited. */
int roll_approve(struct db *db, const struct user_ctx *actor, int64_t roll_id, struct date today, struct err *e);

struct keyset;
/* Appends a keyset page (keyset.h; after, limit, offset) of the roll's rows of one kind to items as
   API JSON (names masked), setting k's next and more. Returns the number of such rows in all
   pages, or -1. */
int64_t roll_page_json(struct db *db, int64_t roll_id, enum roll_which which, struct keyset *k, json_t *items);
/* The roll as API JSON (names masked), with a page of its rows and excluded rows (limit from
   offset) and, for each list, the cursor its next page starts after (rows_next, excluded_next). */
json_t *roll_json(struct db *db, const struct roll *r, int limit, int offset);

#endif
