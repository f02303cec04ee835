/*
 * loan_book.h: the disbursed loans as a list (贷款台账): filtered by state, village and whether
 * they are overdue, paged with a total, each with its figures as of a date (days past due, the
 * overdue principal and interest, penalty and compound interest unpaid) computed by the same
 * repayment rules as the loan's own page (servicing_get + repay.h).
 */
#ifndef BANGFU_LOAN_BOOK_H
#define BANGFU_LOAN_BOOK_H
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "err.h"
#include "keyset.h"
#include "servicing.h"
#include "user.h"

struct loan_book_filter {
    const char *state;  /* active, settled, compensated; NULL or "" for all */
    int64_t village_id; /* 0 for every village in scope */
    int overdue;        /* 1: only active loans with an instalment unpaid after its due date */
    struct date from, to; /* with overdue: such an instalment fell due in [from, to] ({0}: open) */
    int limit, offset;    /* without page: the rows and where they start (OFFSET walks the rows before) */
    struct keyset *page;  /* NULL, or the keyset page (keyset.h; limit and offset then come from it) */
};

struct loan_figures {
    long dpd;                /* days past the oldest unpaid due date */
    int64_t outstanding_fen; /* principal not yet repaid */
    int64_t overdue_fen;     /* principal and interest fallen due and unpaid */
    int64_t penalty_fen;     /* penalty interest (罚息) and compound interest (复利) unpaid */
};

/* The Chinese name of a loan's state: 还款中, 已结清, 已代偿. */
const char *loan_book_state_name(const char *state);

/* The loan's figures as of a date: zero but the outstanding principal for a loan no longer active. */
void loan_figures_of(const struct serviced_loan *l, struct date as_of, struct loan_figures *out);

/* The figures of one loan in the actor's scope as of a date. 0, or -1 with e filled (404/403). */
int loan_figures_get(struct db *db, const struct user_ctx *actor, int64_t loan_id, struct date as_of,
                     struct loan_figures *out, struct err *e);

/* Calls fn for each loan in the actor's scope matching the filter (newest disbursement first,
   then id), a page (the keyset page, or limit rows from offset), with its figures as of as_of (the loan
   as servicing_get_figures reads it: its latest standing repayment only). Returns the total matching
   (all pages), or -1 with e filled (422 unknown state). */
int64_t loan_book_list(struct db *db, const struct user_ctx *actor, const struct loan_book_filter *f,
                       struct date as_of, void (*fn)(const struct serviced_loan *, const struct loan_figures *, void *),
                       void *ctx, struct err *e);

#endif
