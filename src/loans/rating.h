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

/* The household's credit history as JSON (the caller has checked scope): {"rating": the latest
   year's rating or null, "ratings": every rating newest first, "loans": its programme loans oldest
   first with their cycle, "next_cycle": the cycle of its next loan}. NULL on a database error. */
json_t *rating_history_json(struct db *db, int64_t household_id);
#endif
