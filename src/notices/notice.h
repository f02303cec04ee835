/*
 * notice.h: public notices (公示). A relief notice puts every township-reviewed application of a
 * unit into a notice period (default 7 days); an application can be approved only after the
 * period ends and when no objection (异议) on it is open. A loan notice lists the loans approved
 * in a period, for information. What a notice shows (masked name, village, category or project,
 * amount) is frozen when it is published, the name masked by the admin's rules in force then
 * (mask_config.h); a correction is a new notice that replaces it.
 * Objections come from the public (no login) and are resolved by staff: upheld rejects the item,
 * dismissed lets it go on.
 */
#ifndef BANGFU_NOTICE_H
#define BANGFU_NOTICE_H
#include <jansson.h>
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "err.h"
#include "user.h"
#include "text.h"

struct notice_input {
    const char *kind;     /* "relief" or "loan" */
    int64_t unit_id;      /* a township or village in the actor's scope */
    const char *from, *to; /* loan notices: approvals in this period */
    int days;             /* notice period; 0 = the parameter notice_days (7) */
    int64_t replaces_id;  /* a correction: the notice this one replaces (0 = none) */
};

/* Publishes a notice and freezes its items. Relief: every reviewed application of the unit (and
   those of the replaced notice still in it) goes in_notice. Returns the id, or -1 with e (409
   nothing_to_notice when there is nothing to list). Audited. */
int64_t notice_create(struct db *db, const struct user_ctx *actor, const struct notice_input *in, struct date today,
                      struct err *e);

struct notice {
    int64_t id, unit_id, replaces_id, replaced_by;
    char kind[8];
    char title[160];
    char unit_name[NAME_SIZE];
    char period_from[11], period_to[11];
    char starts_on[11], ends_on[11];
    char office[128], phone[32];
    char created_at[24];
    int items, open_objections;
    int64_t total_fen;
};
struct notice_item {
    int64_t id;
    int n;
    int64_t relief_id, loan_app_id;
    char masked_name[96], village[NAME_SIZE], label[96];
    int64_t amount_fen;
    int term_months;
    char state[16]; /* the application's state now (relief), "" for loans */
    int open_objections;
};
struct objection {
    int64_t id, item_id;
    int item_n; /* 0: the whole notice */
    char text[LONG_TEXT_SIZE], contact[TEXT_SIZE(50)], filed_at[24], state[12], resolution[NOTE_SIZE],
        resolved_by[NAME_SIZE], resolved_at[24];
};

/* Loads a notice (public: no scope). 0, or -1 with 404. */
int notice_get(struct db *db, int64_t id, struct notice *out, struct err *e);
/* 1 if the notice's unit is within the actor's scope. */
int notice_in_scope(struct db *db, const struct user_ctx *actor, const struct notice *n);
/* Calls fn for each item in printed order. Returns the count or -1. */
int notice_items(struct db *db, int64_t id, void (*fn)(const struct notice_item *, void *), void *ctx);
/* Calls fn for each objection, oldest first. Returns the count or -1. */
int notice_objections(struct db *db, int64_t id, void (*fn)(const struct objection *, void *), void *ctx);
/* Who reads objections: the public (no contact; IDs and phones in the text masked), staff in
   scope who see masked IDs (village officers: contact and text with their numbers masked),
   staff in scope who see full IDs (everything as written). */
enum notice_contacts { NOTICE_CONTACTS_NONE, NOTICE_CONTACTS_MASKED, NOTICE_CONTACTS_FULL };
/* The notice with its items and objections as JSON, the objections as with_contacts (enum
   notice_contacts) allows. */
json_t *notice_json(struct db *db, const struct notice *n, int with_contacts);

/* Lists notices: for staff (actor set) every notice in scope, newest first; for the public
   (actor NULL) those of the unit's subtree and ancestors whose period includes today. */
int notice_list(struct db *db, const struct user_ctx *actor, int64_t unit_id, struct date today, int limit,
                void (*fn)(const struct notice *, void *), void *ctx);

/* Files an objection from the public: text 5..500 characters, contact up to 50, item_n 0 for the
   whole notice. At most 5 per client address per hour (429). Only during the notice period.
   Returns the id or -1 with e. */
int64_t notice_object(struct db *db, int64_t notice_id, int item_n, const char *text, const char *contact,
                      const char *client, struct date today, struct err *e);
/* Resolves an objection (staff in scope): upheld rejects the relief items it concerns that are
   still in notice, with the resolution as the reason; dismissed lets them go on. Audited. */
int notice_resolve(struct db *db, const struct user_ctx *actor, int64_t objection_id, int upheld,
                   const char *resolution, struct date today, struct err *e);

/* The open objections on notices in the actor's scope, and the notices whose period ends within
   `days` days of today. */
int64_t notice_open_objections(struct db *db, const struct user_ctx *actor);
int64_t notice_ending_soon(struct db *db, const struct user_ctx *actor, struct date today, int days);

/* The notice an objection belongs to, or 0. */
int64_t notice_of_objection(struct db *db, int64_t objection_id);


#endif
