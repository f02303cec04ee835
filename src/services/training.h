/*
 * training.h: training courses (技术培训) with attendance by household and member, and the counts
 * by village over a period (courses attended, attendances, households reached).
 */
#ifndef BANGFU_TRAINING_H
#define BANGFU_TRAINING_H
#include <jansson.h>
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "db_row.h"
#include "err.h"
#include "text.h"
#include "user_ctx.h"

#define TRAINING_MAX_ATTENDEES 500

struct training_attendee {
    int64_t household_id, member_id; /* member 0: the household, no member named */
    const char *member_name;         /* instead of member_id (the page's form): a member of the household by name */
};
struct training_input {
    const char *title;   /* 1..50 characters */
    const char *on;      /* held on, not after today */
    int64_t unit_id;     /* the organising unit, in the actor's scope */
    const char *place;   /* 1..100 characters */
    const char *trainer; /* 1..30 characters */
    int nattendees;      /* 0..TRAINING_MAX_ATTENDEES */
    const struct training_attendee *attendees; /* households in the actor's scope; a member of that household */
};
/* Records a course with its attendance in one transaction (a household member listed twice is
   refused: 422 duplicate_attendee). Returns the id or -1 with e naming the field. Audited. */
int64_t training_create(struct db *db, const struct user_ctx *actor, const struct training_input *in,
                        struct date today, struct err *e);

/* A course with its unit and attendance in the actor's scope. */
#define TRAINING_ROW(X, _)                                                                                            \
    X("t.id", INT64, id) _ X("t.title", TEXT(PROJECT_NAME_SIZE), title) _ X("t.held_on", DATE, on) _              \
        X("t.unit_id", INT64, unit_id) _ X("n.name", TEXT(NAME_SIZE), unit) _ X("t.place", TEXT(ADDRESS_SIZE), place) _ \
        X("t.trainer", TEXT(NAME_SIZE), trainer) _                                                                 \
        X("(SELECT count(*) FROM training_attendees x WHERE x.training_id = t.id)", INT64, attendances) _          \
        X("(SELECT count(DISTINCT x.household_id) FROM training_attendees x WHERE x.training_id = t.id)", INT64,    \
          households)
struct training_row {
    DB_ROW_FIELDS(TRAINING_ROW)
};
struct training_filter {
    int64_t id;           /* 0 any */
    int64_t household_id; /* 0 any: the courses this household attended */
    const char *from, *to;
    int limit, offset;
};
/* Calls fn for the courses of units in the actor's scope (or attended by a household in it)
   matching f, newest first. Returns the total or -1 with e. */
int64_t training_list(struct db *db, const struct user_ctx *actor, const struct training_filter *f,
                      void (*fn)(const struct training_row *, void *), void *ctx, struct err *e);
json_t *training_json(const struct training_row *t);
void training_json_append(const struct training_row *t, void *ctx);

/* Per village of the actor's scope with attendance in [from, to] (NULL open): courses attended,
   attendances and households reached. */
#define TRAINING_VILLAGE_ROW(X, _)                                                                                    \
    X("v.id", INT64, village_id) _ X("v.name", TEXT(NAME_SIZE), village) _                                        \
        X("count(DISTINCT a.training_id)", INT64, trainings) _ X("count(*)", INT64, attendances) _                 \
        X("count(DISTINCT a.household_id)", INT64, households)
struct training_village_row {
    DB_ROW_FIELDS(TRAINING_VILLAGE_ROW)
};
int training_by_village(struct db *db, const struct user_ctx *actor, const char *from, const char *to,
                        void (*fn)(const struct training_village_row *, void *), void *ctx, struct err *e);

#endif
