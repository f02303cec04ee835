/* loan_find.h: the staff search box's loan applications and loans: by the applicant's name (any
   part), resident ID (start or last digits) or phone, by contract number (any part) or by the
   credit union's receipt number of a repayment, in the actor's scope. */
#ifndef BANGFU_LOAN_FIND_H
#define BANGFU_LOAN_FIND_H
#include <stdint.h>

#include "db.h"
#include "loan_rules.h"
#include "servicing.h"
#include "text.h"
#include "user.h"

struct loan_hit {
    int64_t id;      /* the application */
    int64_t loan_id; /* the disbursed loan, or 0 */
    char applicant[NAME_SIZE];
    char village[NAME_SIZE];
    enum loan_state state;
    int64_t amount_fen;
    char contract_no[CONTRACT_NO_SIZE];
};

/* Calls fn for each of up to FIND_LIMIT matching applications in scope, newest first. Returns the
   number listed, or -1. */
int loan_find(struct db *db, const struct user_ctx *actor, const char *q, void (*fn)(const struct loan_hit *, void *),
              void *ctx);

#endif
