/* loan_find.h: the staff search box's loan applications and loans: by the applicant's name (any
   part), resident ID (start or last digits) or phone, by contract number (any part) or by the
   credit union's receipt number of a repayment, in the actor's scope. */
#ifndef BANGFU_LOAN_FIND_H
#define BANGFU_LOAN_FIND_H
#include <stdint.h>

#include "borrower.h"
#include "db.h"
#include "db_row.h"
#include "loan_rules.h"
#include "text.h"
#include "user.h"

/* An application found, with its loan (0 and "" before disbursement). */
#define LOAN_HIT_ROW(X, _)                                                                                             \
    X("a.id", INT64, id) _ X("coalesce(l.id, 0)", INT64, loan_id) _ X(BORROWER_NAME, TEXT(NAME_SIZE), applicant) _        \
        X("v.name", TEXT(NAME_SIZE), village) _ X("a.state", ENUM(enum loan_state, loan_state_parse), state) _        \
        X("a.amount_fen", MONEY, amount_fen) _ X("coalesce(l.contract_no, '')", TEXT(CONTRACT_NO_SIZE), contract_no)
struct loan_hit {
    DB_ROW_FIELDS(LOAN_HIT_ROW)
};

/* Calls fn for each of up to FIND_LIMIT matching applications in scope, newest first. Returns the
   number listed, or -1. */
int loan_find(struct db *db, const struct user_ctx *actor, const char *q, void (*fn)(const struct loan_hit *, void *),
              void *ctx);

#endif
