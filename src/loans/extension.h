/*
 * extension.h: extensions (展期) of disbursed loans (docs/domain.md "Extension"): asked for with a
 * reason, approved by a second person (parameter extension_needs_approval; 0: in force when asked
 * for) or, when the loan's product says extension_review 'joint', by the departments' joint review
 * in a round of the loan's application (review_round.h), the unpaid rows replaced by a new schedule (extend.h) and kept as superseded, the loan's
 * extended_on set (no interest subsidy from that quarter on, subsidy.h), reversible (冲正) with a
 * reason while nothing has been paid on the new schedule.
 */
#ifndef BANGFU_EXTENSION_H
#define BANGFU_EXTENSION_H
#include <jansson.h>
#include <stdint.h>
#include "date.h"
#include "db.h"
#include "err.h"
#include "user.h"

#define EXTENSION_REASON_MAX_CHARS 200

struct extension_input {
    const char *on;     /* the extension date, yyyy-mm-dd, not after today */
    int64_t months;     /* the new schedule's term from that date, 1..360 */
    const char *annual_rate; /* NULL: the loan's rate */
    const char *method;      /* NULL: the loan's method */
    const char *reason;      /* 1..200 characters */
};

/* Asks for an extension of a loan in the actor's scope; checks it could be applied now (422
   invalid_*, 409 loan_not_active, extension_pending, overdue_first, paid_ahead). Pending until a
   second person approves; in force at once when extension_needs_approval is 0. Audited. Returns
   the extension id or -1 with e filled; *schedule (when not NULL) gets the new rows as a JSON
   array (n, due_on, principal_fen, interest_fen, total_fen; new reference) on success. */
int64_t extension_request(struct db *db, const struct user_ctx *actor, int64_t loan_id, const struct extension_input *in,
                          struct date today, json_t **schedule, struct err *e);

/* Approves (approve = 1) or refuses (0, with a note) the loan's pending extension: another person
   than who asked (409 same_person); approval applies the new schedule (refused 409 as
   extension_request when the loan changed since). An extension under joint review is refused
   (409 joint_review). Audited. Returns the extension id or -1. */
int64_t extension_decide(struct db *db, const struct user_ctx *actor, int64_t loan_id, int approve, const char *note,
                         struct err *e);

/* Records the actor's department's opinion (decision "approve" or "reject", a comment required for
   reject) on the loan's pending extension under joint review (404 no_extension when there is none;
   403/409 as a review round refuses it). When the round is decided, an approval puts the new
   schedule in force (refused, the opinion with it, as extension_decide when the loan changed
   since) and a rejection refuses the extension. Audited. Returns the extension id or -1. */
int64_t extension_review(struct db *db, const struct user_ctx *actor, int64_t loan_id, const char *decision,
                         const char *comment, struct err *e);

/* Reverses the loan's extension in force with a reason: the superseded rows come back exactly,
   the loan's method, rate and extended_on return to what they were. Refused 409 repaid_since when
   anything was paid on the new schedule, 404 no_extension. Audited. Returns the extension id or -1. */
int64_t extension_reverse(struct db *db, const struct user_ctx *actor, int64_t loan_id, const char *reason,
                          struct err *e);

/* The loan's extensions, newest first, each with its superseded rows, as a JSON array (the caller
   has checked scope). NULL on a database error. */
json_t *extension_list_json(struct db *db, int64_t loan_id);
#endif
