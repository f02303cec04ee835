/*
 * followup.h: follow-up visits (回访) to funded projects — jobs created and yearly income the
 * household reports — and the programme's outcomes (帮扶成效) by project type and village, from
 * each loan's latest visit within a period.
 */
#ifndef BANGFU_FOLLOWUP_H
#define BANGFU_FOLLOWUP_H
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "err.h"
#include "user.h"
#include "text.h"

/* Records a visit to a loan in the actor's scope: date not after today, jobs 0..10000, income
   >= 0, note up to 500 characters. Returns the id or -1 with e. Audited. */
int64_t followup_add(struct db *db, const struct user_ctx *actor, int64_t loan_id, const char *visited_on,
                     int64_t jobs, int64_t income_fen, const char *note, struct date today, struct err *e);

struct followup_row {
    int64_t id;
    char visited_on[11];
    int64_t jobs, income_fen;
    char note[LONG_TEXT_SIZE], by[NAME_SIZE];
};
/* Calls fn for a loan's visits, newest first. Returns the count or -1. */
int followup_list(struct db *db, int64_t loan_id, void (*fn)(const struct followup_row *, void *), void *ctx);

struct outcome_row {
    char project_type[16]; /* code */
    char village[NAME_SIZE];
    int64_t loans, visited, jobs, income_fen, principal_fen;
};
/* Outcomes per project type and village for the loans disbursed in the actor's scope: loans,
   those visited within [from, to], and from each one's latest visit there, jobs and income.
   Calls fn per group (type, then village). Returns the count or -1. */
int followup_outcomes(struct db *db, const struct user_ctx *actor, const char *from, const char *to,
                      void (*fn)(const struct outcome_row *, void *), void *ctx);

/* The first day a loan in the actor's scope was visited: the outcomes report's period starts there
   when no start is asked for. 0, or -1 when there is none. */
int followup_first_day(struct db *db, const struct user_ctx *actor, struct date *out);

#endif
