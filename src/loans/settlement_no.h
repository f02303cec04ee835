/*
 * settlement_no.h: the number of a settled loan's 结清证明, from the numbering service (docno)
 * per township, kind and year: given when the certificate is first printed, kept on the loan
 * and printed again on every later copy.
 */
#ifndef BANGFU_SETTLEMENT_NO_H
#define BANGFU_SETTLEMENT_NO_H
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "err.h"
#include "user.h"

/* Writes the certificate number of the loan (in the actor's scope: 404/403) into out (size n,
   DOCNO_SIZE suffices), taking the next one of the loan's township for today's year the first
   time (audited as settlement_no). A loan not settled is 409 not_settled and gets none. Returns
   0 or -1 with e. */
int settlement_no(struct db *db, const struct user_ctx *actor, int64_t loan_id, struct date today, char *out, size_t n,
                  struct err *e);
#endif
