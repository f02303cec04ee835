/*
 * visit.h: visits and help given (走访帮扶): each contact with a household — day, what was done
 * (advice, training referral, information, goods in kind, loan or relief referral), a note, the
 * next step and its day — perhaps under one of the household's pairs. A household's visit list
 * also reads its loans' follow-up visits (loan_followups, 贷款回访) as one more kind, where they are
 * stored; they are recorded on the loan account page as before.
 */
#ifndef BANGFU_VISIT_H
#define BANGFU_VISIT_H
#include <jansson.h>
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "db_row.h"
#include "err.h"
#include "text.h"
#include "user_ctx.h"

enum visit_kind { VISIT_ADVICE, VISIT_TRAINING, VISIT_INFORMATION, VISIT_GOODS, VISIT_REFERRAL, VISIT_LOAN_FOLLOWUP,
                  VISIT__MAX };
/* VISIT_LOAN_FOLLOWUP is only read (from loan_followups), never recorded as a visit. */
#define VISIT_RECORDED_KINDS VISIT_LOAN_FOLLOWUP
/* The code ("advice", ..., "loan_followup") and the Chinese name (咨询建议, 培训推荐, 信息服务, 实物帮扶,
   贷款救助转介, 贷款回访). */
const char *visit_kind_code(enum visit_kind k);
const char *visit_kind_name(enum visit_kind k);
/* The kind of a code or a Chinese name, or -1. */
int visit_kind_parse(const char *s);

struct visit_input {
    int64_t household_id;
    int64_t pair_id;       /* 0: none; else a pair of this household, going on that day */
    const char *on;        /* yyyy-mm-dd, not after today */
    int kind;              /* a recorded kind (below VISIT_RECORDED_KINDS) */
    const char *note;      /* 1..500 characters */
    const char *next_step; /* optional, up to 200 characters */
    const char *next_on;   /* optional, not before on; needs next_step */
};
/* Records a visit to a household in the actor's scope. Returns the id or -1 with e. Audited. */
int64_t visit_create(struct db *db, const struct user_ctx *actor, const struct visit_input *in, struct date today,
                     struct err *e);

/* A visit or a loan follow-up visit as the household's list shows it (u: both kinds of record,
   hm: the household's head, v: its village, us: who recorded it). */
#define VISIT_ROW(X, _)                                                                                               \
    X("u.id", INT64, id) _ X("u.household_id", INT64, household_id) _ X("hm.name", TEXT(NAME_SIZE), head) _        \
        X("v.name", TEXT(NAME_SIZE), village) _ X("u.pair_id", INT64, pair_id) _ X("u.visited_on", DATE, on) _     \
        X("u.kind", ENUM(enum visit_kind, visit_kind_parse), kind) _ X("u.note", TEXT(LONG_TEXT_SIZE), note) _     \
        X("u.next_step", TEXT(NOTE_SIZE), next_step) _ X("coalesce(u.next_on, '')", DATE, next_on) _              \
        X("coalesce(us.name, '')", TEXT(NAME_SIZE), by) _ X("u.loan_id", INT64, loan_id) _                         \
        X("u.jobs", INT64, jobs) _ X("u.income_fen", MONEY, income_fen)
struct visit_row {
    DB_ROW_FIELDS(VISIT_ROW)
};

/* The most recent visits a household's page and GET /households/{id} show (the total is given). */
#define HOUSEHOLD_VISITS_SHOWN 100

struct visit_filter {
    int64_t household_id; /* 0 any */
    int64_t unit_id;      /* 0: the actor's scope; else households within this unit (in scope) */
    int64_t pair_id;      /* 0 any */
    int64_t visit_id;     /* 0 any: this recorded visit only */
    int kind;             /* -1 any */
    const char *from, *to; /* visit days, NULL or "" open */
    int limit, offset;    /* limit 0: every row */
};
/* Calls fn for the visits (with the loan follow-up visits) in the actor's scope matching f, newest
   first. Returns the total matching or -1 with e. */
int64_t visit_list(struct db *db, const struct user_ctx *actor, const struct visit_filter *f,
                   void (*fn)(const struct visit_row *, void *), void *ctx, struct err *e);

/* The visit as API JSON. New reference. */
json_t *visit_json(const struct visit_row *v);
/* visit_list's callback appending visit_json(v) to the JSON array ctx. */
void visit_json_append(const struct visit_row *v, void *ctx);

#endif
