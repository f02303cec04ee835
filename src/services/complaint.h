/*
 * complaint.h: complaints and suggestions (投诉/意见) all year: filed from the public page (no
 * login, at most COMPLAINT_PUBLIC_PER_HOUR an hour from one client) or by staff on behalf of a
 * caller; handled by a unit (the village named, else the filer's unit, else the district), with a
 * handler (A角) and backup (B角), due a number of working days after filing (timelimit.h); resolved
 * with a resolution and the complainant's satisfaction (满意, 基本满意, 不满意). A complaint resolved
 * after its due day is late, and so is one still open after it.
 */
#ifndef BANGFU_COMPLAINT_H
#define BANGFU_COMPLAINT_H
#include <jansson.h>
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "db_row.h"
#include "err.h"
#include "text.h"
#include "user_ctx.h"

#define COMPLAINT_PUBLIC_PER_HOUR 5

enum complaint_category { COMPLAINT_COMPLAINT, COMPLAINT_SUGGESTION, COMPLAINT_INQUIRY, COMPLAINT__MAX };
/* The code (complaint, suggestion, inquiry) and the Chinese name (投诉, 意见建议, 咨询). */
const char *complaint_category_code(enum complaint_category c);
const char *complaint_category_name(enum complaint_category c);
/* The category of a code or Chinese name, or -1. */
int complaint_category_parse(const char *s);
/* 1 when s is a satisfaction rating (满意, 基本满意, 不满意). */
int complaint_satisfaction_valid(const char *s);

struct complaint_input {
    const char *text;    /* 5..500 characters */
    const char *contact; /* up to 50 characters; required from the public */
    int64_t village_id;  /* 0: none named */
    const char *category; /* NULL or "": 投诉 */
};
/* Files a complaint: actor NULL for the public (client: its address, for the rate limit: 429
   too_many_complaints). Writes the id and due day. Returns the id or -1 with e. Audited. */
int64_t complaint_file(struct db *db, const struct user_ctx *actor, const struct complaint_input *in,
                       const char *client, struct date today, struct date *due, struct err *e);
/* Names the handler (A角) and backup (B角) of an open complaint in the actor's scope: accounts
   within the complaint's unit's scope or above it, two different people (backup 0: none). */
int complaint_assign(struct db *db, const struct user_ctx *actor, int64_t id, int64_t handler_id, int64_t backup_id,
                     struct err *e);
/* Resolves an open complaint in the actor's scope on today with a resolution (2..200 characters)
   and, when given, the satisfaction. 409 already_resolved. 0 or -1 with e. Audited. */
int complaint_resolve(struct db *db, const struct user_ctx *actor, int64_t id, const char *resolution,
                      const char *satisfaction, struct date today, struct err *e);

/* A complaint as staff read it (c: the complaint, n: its unit, a/b: handler and backup). */
#define COMPLAINT_ROW(X, _)                                                                                           \
    X("c.id", INT64, id) _ X("c.unit_id", INT64, unit_id) _ X("n.name", TEXT(NAME_SIZE), unit) _                   \
        X("c.category", ENUM(enum complaint_category, complaint_category_parse), category) _                       \
        X("c.text", TEXT(LONG_TEXT_SIZE), text) _ X("c.contact", TEXT(TEXT_SIZE(50)), contact) _                   \
        X("c.source", TEXT(CODE_SIZE), source) _ X("c.filed_on", DATE, filed_on) _ X("c.due_on", DATE, due_on) _   \
        X("coalesce(c.handler_id, 0)", INT64, handler_id) _ X("coalesce(a.name, '')", TEXT(NAME_SIZE), handler) _  \
        X("coalesce(c.backup_id, 0)", INT64, backup_id) _ X("coalesce(b.name, '')", TEXT(NAME_SIZE), backup) _     \
        X("c.state", TEXT(CODE_SIZE), state) _ X("coalesce(c.resolution, '')", TEXT(NOTE_SIZE), resolution) _      \
        X("coalesce(c.satisfaction, '')", TEXT(TEXT_SIZE(4)), satisfaction) _                                    \
        X("coalesce(c.resolved_on, '')", DATE, resolved_on) _                                                     \
        X("coalesce(c.resolved_on, ?2) > c.due_on", INT, late)
struct complaint_row {
    DB_ROW_FIELDS(COMPLAINT_ROW)
};

struct complaint_filter {
    int state;     /* 0 any, 1 open, 2 resolved, 3 late (resolved late or open past the due day), 4 due within 2 working days */
    int64_t id;    /* 0 any */
    int limit, offset;
};
/* Calls fn for the complaints of the actor's scope matching f, open first, by due day. Returns
   the total matching or -1 with e (with f->id: 404 not_found or 403 out_of_scope when not seen). */
int64_t complaint_list(struct db *db, const struct user_ctx *actor, const struct complaint_filter *f,
                       struct date today, void (*fn)(const struct complaint_row *, void *), void *ctx, struct err *e);
/* The complaint as staff JSON. New reference. */
json_t *complaint_json(const struct complaint_row *c);

#endif
