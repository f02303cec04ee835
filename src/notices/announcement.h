/*
 * announcement.h: announcements (公告). Staff write a title and a Markdown body for a unit (the
 * whole district, a township or a village: the announcement is shown to that unit and everything
 * below it) and a publishing period (from a day, until a day or until withdrawn). An
 * announcement is a draft until published; a published one is on the public page from its first
 * day to its last; withdrawing it (with a reason) takes it off for good. Every save is a new
 * version (append-only); the current text is the latest version, so editing a published
 * announcement changes what the public sees, and the versions show what it said before.
 */
#ifndef BANGFU_ANNOUNCEMENT_H
#define BANGFU_ANNOUNCEMENT_H
#include <jansson.h>
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "db_row.h"
#include "err.h"
#include "user.h"
#include "text.h"

#define ANN_TITLE_MAX 100  /* characters */
#define ANN_BODY_MAX 20000 /* characters: about 60 KB of Chinese, within a form field's 64 KiB */

enum ann_state { ANN_DRAFT, ANN_PUBLISHED, ANN_WITHDRAWN, ANN__MAX };
/* "draft", "published", "withdrawn" (API); NULL out of range. */
const char *ann_state_code(enum ann_state s);
/* 草稿, 已发布, 已撤回 */
const char *ann_state_name(enum ann_state s);

struct ann_input {
    const char *title;         /* 2..ANN_TITLE_MAX characters, one line */
    const char *body_md;       /* 1..ANN_BODY_MAX characters; CRLF is stored as LF */
    int64_t unit_id;           /* within the actor's scope; 0: the actor's own unit */
    const char *publish_from;  /* YYYY-MM-DD; NULL or "": today */
    const char *publish_until; /* YYYY-MM-DD, not before publish_from; NULL or "": until withdrawn */
    int publish;               /* create or save: also publish a draft, in the same transaction */
};

#define ANN_TITLE_SIZE TEXT_SIZE(ANN_TITLE_MAX)
#define ANN_UNIT_KIND_SIZE 16 /* district, township, village */

/* An announcement as a list shows it (no body), with its current version. */
#define ANN_ROW(X, _)                                                                                                   \
    X("a.id", INT64, id) _ X("a.unit_id", INT64, unit_id) _ X("a.state", ENUM(enum ann_state, state_parse), state) _ \
        X("u.name", TEXT(NAME_SIZE), unit_name) _ X("v.title", TEXT(ANN_TITLE_SIZE), title) _                        \
        X("a.publish_from", DATE, publish_from) _                                                                      \
        X("coalesce(a.publish_until, '')", DATE, publish_until) /* "" when open-ended */ _                            \
        X("v.n", INT, version) /* the current (latest) version's number */ _ X("v.saved_at", TIME, saved_at)
struct ann_row {
    DB_ROW_FIELDS(ANN_ROW)
};
/* What an announcement's page shows besides its list row: the current text and who did what. */
#define ANN_DETAIL_ROW(X, _)                                                                                            \
    X("u.kind", TEXT(ANN_UNIT_KIND_SIZE), unit_kind) _                                                               \
        X("v.body_md", STR, body_md) /* the current text, malloc'd: free with ann_free */ _                           \
        X("sv.name", TEXT(NAME_SIZE), saved_by) _ X("cr.name", TEXT(NAME_SIZE), created_by) _                        \
        X("a.created_at", TIME, created_at) _ X("coalesce(pb.name, '')", TEXT(NAME_SIZE), published_by) _            \
        X("coalesce(a.published_at, '')", TIME, published_at) _                                                        \
        X("coalesce(wb.name, '')", TEXT(NAME_SIZE), withdrawn_by) _                                                    \
        X("coalesce(a.withdrawn_at, '')", TIME, withdrawn_at) _                                                        \
        X("coalesce(a.withdraw_reason, '')", TEXT(NOTE_SIZE), withdraw_reason)
/* An announcement with its current text, for its page. */
struct announcement {
    struct ann_row head;
    DB_ROW_FIELDS(ANN_DETAIL_ROW)
};
/* Frees what an announcement holds (not the struct). */
void ann_free(struct announcement *a);

/* Creates a draft with its first version (published at once with in->publish, as ann_publish
   would). Returns the id, or -1 with e (422 naming the field, 403 out_of_scope) and nothing
   stored. Audited. */
int64_t ann_create(struct db *db, const struct user_ctx *actor, const struct ann_input *in, struct date today,
                   struct err *e);
/* Saves a new version with the period and unit (a draft or a published announcement; 409 when
   withdrawn). base_version, when not 0, must still be the current version (else 409
   edit_conflict: someone saved in between). A published announcement's period may not end
   before today (withdraw it instead). The same text again adds no version. With in->publish a
   draft is published too. Audited. 0 or -1 with e, nothing changed. */
int ann_save(struct db *db, const struct user_ctx *actor, int64_t id, int base_version, const struct ann_input *in,
             struct date today, struct err *e);
/* Publishes a draft (409 unless a draft; 422 when its period ended before today). Audited. */
int ann_publish(struct db *db, const struct user_ctx *actor, int64_t id, struct date today, struct err *e);
/* Withdraws a draft or a published announcement for good, with a reason (2..200 characters).
   Audited. */
int ann_withdraw(struct db *db, const struct user_ctx *actor, int64_t id, const char *reason, struct err *e);

/* Loads an announcement with its current version for staff: 404 when there is none, 403 when
   its unit is outside the actor's scope. 0 or -1 with e; free with ann_free. */
int ann_get(struct db *db, const struct user_ctx *actor, int64_t id, struct announcement *out, struct err *e);
/* Loads an announcement for the public: only while published and within its period on today
   (else 404). 0 or -1 with e; free with ann_free. */
int ann_get_public(struct db *db, int64_t id, struct date today, struct announcement *out, struct err *e);
/* Loads one version (its title, text, who saved it and when) into out; 404 when there is none.
   The caller has checked the announcement is in scope. Free with ann_free. */
int ann_get_version(struct db *db, int64_t id, int n, struct announcement *out, struct err *e);

/* Lists the announcements within the actor's scope, newest first, optionally of one state
   (NULL = all). Calls fn per row. Returns the total matching, or -1. */
int64_t ann_list(struct db *db, const struct user_ctx *actor, const char *state, int limit, int offset,
                 void (*fn)(const struct ann_row *, void *), void *ctx);
/* Lists what the public sees on today for a unit (0 = the whole district's announcements of
   every unit): published, within the period, of the unit, its ancestors or its descendants;
   newest first (by first day, then id). Returns the count or -1. */
int ann_list_public(struct db *db, int64_t unit_id, struct date today, int limit,
                    void (*fn)(const struct ann_row *, void *), void *ctx);
/* One saved version. */
#define ANN_VERSION_ROW(X, _)                                                                                           \
    X("v.n", INT, n) _ X("v.title", TEXT(ANN_TITLE_SIZE), title) _ X("u.name", TEXT(NAME_SIZE), saved_by) _          \
        X("v.saved_at", TIME, saved_at) _ X("length(v.body_md)", INT64, body_chars)
struct ann_version {
    DB_ROW_FIELDS(ANN_VERSION_ROW)
};
/* Calls fn for each version of an announcement, newest first. Returns the count or -1. */
int ann_versions(struct db *db, int64_t id, void (*fn)(const struct ann_version *, void *), void *ctx);

/* The announcement as JSON (with body_md and the versions' numbers, savers and times). */
json_t *ann_json(struct db *db, const struct announcement *a);

#endif
