/*
 * rating.h: the yearly credit rating of households (信用户评定: 优秀, 较好, 一般, 差, with a reason;
 * every rating kept, the latest of a year counts) and a household's loan cycle (第几次贷款): its
 * programme loans in order of disbursement (docs/domain.md "Repeat loans and credit rating").
 */
#ifndef BANGFU_RATING_H
#define BANGFU_RATING_H
#include <jansson.h>
#include <stdint.h>
#include "date.h"
#include "db.h"
#include "err.h"
#include "product_rules.h"
#include "user.h"

#define RATING_REASON_MAX_CHARS 200

/* 1 when grade is one of 优秀, 较好, 一般, 差. */
int rating_grade_valid(const char *grade);

/* Rates a household in the actor's scope for a year (2000 .. today's year): 422 invalid_year,
   invalid_grade, invalid_reason; 404/403 as household_get. Audited. Returns the rating id or -1. */
int64_t rating_set(struct db *db, const struct user_ctx *actor, int64_t household_id, int64_t year, const char *grade,
                   const char *reason, struct date today, struct err *e);

/* The loan cycle of an application: 1 + the household's loans disbursed from earlier applications.
   0 on a database error. */
int64_t rating_loan_cycle(struct db *db, int64_t application_id);

/* What a product's checks know of household_id on today (product_rules.h struct borrower_record):
   its latest rating of today's year, else of the year before (rank 0 when neither year is rated);
   second_cycle 1 when its latest programme loan (as a household, not for an organisation) was
   settled on time: settled, never extended (展期), never paid out by the guarantee, and no penalty
   or compound interest ever accrued on it (every instalment paid by its due date). 0, or -1 on a
   database error (e filled). */
int rating_borrower_record(struct db *db, int64_t household_id, struct date today, struct borrower_record *out,
                           struct err *e);

/* The household's credit history as JSON (the caller has checked scope): {"rating": the latest
   year's rating or null, "ratings": every rating newest first, "loans": its programme loans oldest
   first with their cycle, "next_cycle": the cycle of its next loan}. NULL on a database error. */
json_t *rating_history_json(struct db *db, int64_t household_id);
#endif
