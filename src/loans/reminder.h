/*
 * reminder.h: the loans to remind (催收): each active loan in scope with an instalment unpaid and
 * due within `days` days of a date (or already overdue), with what a reminder letter states — the
 * next instalment in the window, the overdue principal and interest, the penalty and compound
 * interest so far, days past due (loan_book.h's figures) — and the township association that signs.
 */
#ifndef BANGFU_REMINDER_H
#define BANGFU_REMINDER_H
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "err.h"
#include "loan_book.h"
#include "servicing.h"
#include "user.h"

struct reminder {
    const struct serviced_loan *loan; /* borrowed for the callback */
    struct loan_figures fig;          /* as of the date */
    int next_n;                       /* the first unpaid instalment due in [as_of, as_of + days]; 0 when none */
    char next_due_on[11];
    int64_t next_due_fen;             /* its unpaid principal and interest */
    char office[NAME_SIZE];           /* the township whose association signs */
};

/* Calls fn for each loan to remind, by village then contract number: active loans in the actor's
   scope (and village_id when not 0) with a row unpaid due on or before as_of + days. Returns the
   count or -1 with e filled. */
int reminder_list(struct db *db, const struct user_ctx *actor, int64_t village_id, struct date as_of, int days,
                  void (*fn)(const struct reminder *, void *), void *ctx, struct err *e);
#endif
