/*
 * write_off.h: write-off (核销, docs/domain.md "Write-off") of what the guarantee fund paid out for
 * a loan (代偿) and has not recovered, once write_off_after_days have passed since the payout:
 * asked for by one person, approved or refused by another (maker-checker). The fund's balance does
 * not move (the money left it with the payout); recoveries after a write-off still flow into the
 * fund and are reported as recovered after write-off.
 */
#ifndef BANGFU_WRITE_OFF_H
#define BANGFU_WRITE_OFF_H
#include <jansson.h>
#include <stdint.h>
#include "date.h"
#include "db.h"
#include "err.h"
#include "user.h"

#define WRITE_OFF_REASON_MAX_CHARS 200

/* Asks for the write-off of a compensated loan in the actor's scope on `on` (not after today):
   refused 422 invalid_date / invalid_reason, 409 not_compensated, too_early (fewer than
   write_off_after_days since the payout), nothing_to_write_off, write_off_exists. The amount is
   the payout less the recoveries so far. Audited. Returns the write-off id or -1 with e filled. */
int64_t write_off_request(struct db *db, const struct user_ctx *actor, int64_t loan_id, const char *on,
                          const char *reason, struct date today, struct err *e);

/* Approves (approve = 1) or refuses (0, a note required) the loan's pending write-off; by another
   person than who asked (409 same_person). On approval the amount is the unrecovered remainder
   then (409 nothing_to_write_off when a recovery has covered it). Audited. Returns the id or -1. */
int64_t write_off_decide(struct db *db, const struct user_ctx *actor, int64_t loan_id, int approve, const char *note,
                         struct err *e);

/* The loan's write-offs (newest first) as a JSON array with the fund figures of the loan
   (paid_out_fen, recovered_fen, recovered_after_fen): {"items": [...], ...}. The caller has
   checked scope. NULL on a database error. */
json_t *write_off_json(struct db *db, int64_t loan_id);

/* Write-offs of the loans in the actor's scope: approved with a date in [from, to] (their number and
   amount) and recoveries in [from, to] of loans written off before the recovery. from "" = since
   the beginning. 0 or -1. */
struct write_off_totals {
    int64_t loans, written_off_fen, recovered_after_fen;
};
int write_off_totals(struct db *db, const struct user_ctx *actor, const char *from, const char *to,
                     struct write_off_totals *out);
#endif
