/*
 * review_round.h: a joint review round (联合评审) of the departments, as an application's review
 * and an extension's joint review (展期联合评审) both hold it: the departments that must speak in a
 * round are fixed when it opens (the product's reviewing departments, or every active one), each
 * gives one opinion, and the opinions so far decide the round (loan_round_outcome). The rounds are
 * numbered per application (loan_round_departments, loan_reviews); an extension's round is the
 * next number of its loan's application.
 */
#ifndef BANGFU_REVIEW_ROUND_H
#define BANGFU_REVIEW_ROUND_H
#include <stdint.h>

#include "db.h"
#include "err.h"
#include "loan_rules.h"
#include "user.h"

#define REVIEW_ROUND_MAX_OPINIONS 64 /* opinions a round holds (one per department) */

/* The number of active departments that would review under application_id's product (0: none,
   and no round can open). */
int64_t review_round_departments(struct db *db, int64_t application_id);

/* Fixes the departments of round `round` of application_id (inside the caller's transaction).
   1 on success, 0 on a database error. */
int review_round_open(struct db *db, int64_t application_id, int64_t round);

/* Records the actor's department's opinion d (comment as given) in round `round` of
   application_id, inside the caller's transaction, and returns the round's outcome so far:
   LS_IN_REVIEW while departments have still to speak, else LS_APPROVED, LS_REJECTED or
   LS_MORE_INFO. -1 with e filled: 403 no_department / department_not_reviewing, 409
   already_reviewed, 500 when the round holds more than REVIEW_ROUND_MAX_OPINIONS opinions, or a
   database error (the caller rolls back). */
int review_round_opinion(struct db *db, const struct user_ctx *actor, int64_t application_id, int64_t round,
                         enum review_decision d, const char *comment, struct err *e);
#endif
