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
#include "docno.h"
#include "db_row.h"
#include "err.h"
#include "user.h"
#include "text.h"

struct notice_input {
    const char *kind;     /* "relief", "loan" or "roll" (a programme's roll, roll_id) */
    int64_t unit_id;      /* a township or village in the actor's scope */
    const char *from, *to; /* loan notices: approvals in this period */
    int days;             /* notice period; 0 = the parameter notice_days (7) */
    int64_t replaces_id;  /* a correction: the notice this one replaces (0 = none) */
    int64_t roll_id;      /* kind "roll": the draft roll (its unit is the notice's) */
};

/* Publishes a notice and freezes its items. Relief: every reviewed application of the unit (and
   those of the replaced notice still in it) goes in_notice. Roll: every row on the draft roll
   (names masked), and the roll goes in_notice (the notice is stored as a relief notice; its kind
   reads "roll"). Returns the id, or -1 with e (409
   nothing_to_notice when there is nothing to list). Audited. */
int64_t notice_create(struct db *db, const struct user_ctx *actor, const struct notice_input *in, struct date today,
                      struct err *e);

struct notice_item;
/* What notice_create would publish, without publishing it: builds the notice in a transaction, calls
   fn for each item exactly as it would be frozen (names masked by the rules in force), then rolls
   everything back (its number too). Returns the number of items, or -1 with e as notice_create. */
int notice_preview(struct db *db, const struct user_ctx *actor, const struct notice_input *in, struct date today,
                   void (*fn)(const struct notice_item *, void *), void *ctx, struct err *e);

#define NOTICE_KIND_SIZE 8     /* "relief", "loan" or "roll" */
#define NOTICE_TITLE_SIZE 336  /* a title built from the unit's name and the kind, or a roll's programme and year */
#define NOTICE_OFFICE_SIZE 128 /* the office to object to, from the unit */
#define NOTICE_PHONE_SIZE 32   /* the office's phone (unit.h) */
#define NOTICE_ITEM_TEXT_SIZE 96 /* a masked name, a category or project label */

/* A notice with its unit, its replacement, its item count, open objections and total. */
#define NOTICE_ROW(X, _)                                                                                                \
    X("n.id", INT64, id) _ X("n.unit_id", INT64, unit_id) _ X("coalesce(n.replaces_id, 0)", INT64, replaces_id) _   \
        X("coalesce((SELECT r.id FROM notices r WHERE r.replaces_id = n.id), 0)", INT64, replaced_by) _              \
        X("CASE WHEN EXISTS (SELECT 1 FROM rolls rl WHERE rl.notice_id = n.id) THEN 'roll' ELSE n.kind END",         \
          TEXT(NOTICE_KIND_SIZE), kind) _ X("n.title", TEXT(NOTICE_TITLE_SIZE), title) _                    \
        X("u.name", TEXT(NAME_SIZE), unit_name) _ X("coalesce(n.period_from, '')", DATE, period_from) _              \
        X("coalesce(n.period_to, '')", DATE, period_to) _ X("n.starts_on", DATE, starts_on) _                        \
        X("n.ends_on", DATE, ends_on) _ X("n.office", TEXT(NOTICE_OFFICE_SIZE), office) _                            \
        X("n.phone", TEXT(NOTICE_PHONE_SIZE), phone) _ X("n.created_at", TIME, created_at) _                         \
        X("(SELECT count(*) FROM notice_items i WHERE i.notice_id = n.id)", INT, items) _                             \
        X("(SELECT count(*) FROM objections o WHERE o.notice_id = n.id AND o.state = 'open')", INT, open_objections) _ \
        X("(SELECT coalesce(sum(amount_fen), 0) FROM notice_items i WHERE i.notice_id = n.id)", MONEY, total_fen) _   \
        /* from the numbering service; "" for notices published before numbers */                                    \
        X("coalesce(n.doc_no, '')", TEXT(DOCNO_SIZE), doc_no)
struct notice {
    DB_ROW_FIELDS(NOTICE_ROW)
};
/* One frozen line of a notice, with its application's state now and its open objections. */
#define NOTICE_ITEM_ROW(X, _)                                                                                           \
    X("i.id", INT64, id) _ X("i.n", INT, n) _ X("coalesce(i.relief_id, 0)", INT64, relief_id) _                      \
        X("coalesce(i.loan_app_id, 0)", INT64, loan_app_id) _                                                          \
        X("i.masked_name", TEXT(NOTICE_ITEM_TEXT_SIZE), masked_name) _ X("i.village", TEXT(NAME_SIZE), village) _    \
        X("i.label", TEXT(NOTICE_ITEM_TEXT_SIZE), label) _ X("i.amount_fen", MONEY, amount_fen) _                    \
        X("coalesce(i.term_months, 0)", INT, term_months) _                                                            \
        /* the application's state now (relief), "" for loans */                                                      \
        X("coalesce(a.state, '')", TEXT(CODE_SIZE), state) _                                                           \
        X("(SELECT count(*) FROM objections o WHERE o.notice_id = i.notice_id AND o.state = 'open' AND "              \
          "(o.item_id IS NULL OR o.item_id = i.id))",                                                                  \
          INT, open_objections)
struct notice_item {
    DB_ROW_FIELDS(NOTICE_ITEM_ROW)
};
/* An objection, with the item it concerns (0: the whole notice) and who resolved it. */
#define OBJECTION_ROW(X, _)                                                                                             \
    X("o.id", INT64, id) _ X("coalesce(o.item_id, 0)", INT64, item_id) _ X("coalesce(i.n, 0)", INT, item_n) _        \
        X("o.text", TEXT(LONG_TEXT_SIZE), text) _ X("o.contact", TEXT(TEXT_SIZE(50)), contact) _                     \
        X("o.filed_at", TIME, filed_at) _ X("o.state", TEXT(CODE_SIZE), state) _                                      \
        X("o.resolution", TEXT(NOTE_SIZE), resolution) _ X("coalesce(u.name, '')", TEXT(NAME_SIZE), resolved_by) _  \
        X("coalesce(o.resolved_at, '')", TIME, resolved_at)
struct objection {
    DB_ROW_FIELDS(OBJECTION_ROW)
};

/* Loads a notice (public: no scope). 0, or -1 with 404. */
int notice_get(struct db *db, int64_t id, struct notice *out, struct err *e);
/* 1 if the notice's unit is within the actor's scope. */
int notice_in_scope(struct db *db, const struct user_ctx *actor, const struct notice *n);
/* Calls fn for each item in printed order. Returns the count or -1. */
int notice_items(struct db *db, int64_t id, void (*fn)(const struct notice_item *, void *), void *ctx);
/* The same for a page: limit items (-1 all) from offset. */
int notice_items_page(struct db *db, int64_t id, int limit, int offset, void (*fn)(const struct notice_item *, void *),
                      void *ctx);
/* Calls fn for each objection, oldest first. Returns the count or -1. */
int notice_objections(struct db *db, int64_t id, void (*fn)(const struct objection *, void *), void *ctx);
/* Who reads objections: the public (no contact; IDs and phones in the text masked), staff in
   scope who see masked IDs (village officers: contact and text with their numbers masked),
   staff in scope who see full IDs (everything as written). */
enum notice_contacts { NOTICE_CONTACTS_NONE, NOTICE_CONTACTS_MASKED, NOTICE_CONTACTS_FULL };
/* The notice with its items (a page: limit items from offset, limit -1 all; items_total counts
   them all) and objections as JSON, the objections as with_contacts (enum notice_contacts) allows. */
json_t *notice_json(struct db *db, const struct notice *n, int with_contacts, int limit, int offset);

#define NOTICE_LIST_MAX 50 /* notices listed at most, newest first (the total says when there are more) */

/* Lists notices: for staff (actor set) every notice in scope, newest first; for the public
   (actor NULL) those of the unit's subtree and ancestors whose period includes today. Calls fn
   for at most NOTICE_LIST_MAX and returns how many match in all, or -1. */
int notice_list(struct db *db, const struct user_ctx *actor, int64_t unit_id, struct date today,
                void (*fn)(const struct notice *, void *), void *ctx);

/* Files an objection from the public: text 5..500 characters, contact up to 50, item_n 0 for the
   whole notice. At most 5 per client address per hour (429). Only during the notice period.
   Returns the id or -1 with e. */
int64_t notice_object(struct db *db, int64_t notice_id, int item_n, const char *text, const char *contact,
                      const char *client, struct date today, struct err *e);
/* Resolves an objection (staff in scope): upheld rejects the relief items it concerns that are
   still in notice (a roll's rows are removed from the roll with the resolution as the reason), with the resolution as the reason; dismissed lets them go on. Audited. */
int notice_resolve(struct db *db, const struct user_ctx *actor, int64_t objection_id, int upheld,
                   const char *resolution, struct date today, struct err *e);

/* The open objections on notices in the actor's scope, and the notices whose period ends within
   `days` days of today. */
int64_t notice_open_objections(struct db *db, const struct user_ctx *actor);
int64_t notice_ending_soon(struct db *db, const struct user_ctx *actor, struct date today, int days);

/* The notice an objection belongs to, or 0. */
int64_t notice_of_objection(struct db *db, int64_t objection_id);


#endif
