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

/* An announcement as a list shows it (no body). */
struct ann_row {
    int64_t id, unit_id;
    enum ann_state state;
    char unit_name[NAME_SIZE];
    char title[4 * ANN_TITLE_MAX + 1];
    char publish_from[11], publish_until[11];
    int version;
    char saved_at[24];
};
/* An announcement with its current text, for its page. */
struct announcement {
    struct ann_row head; /* publish_until "" when open-ended; version: the current (latest) version's number */
    char unit_kind[16];
    char *body_md; /* the current text, malloc'd: free with ann_free */
    char saved_by[64];
    char created_by[NAME_SIZE], created_at[24];
    char published_by[64], published_at[24];
    char withdrawn_by[64], withdrawn_at[24], withdraw_reason[256];
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
struct ann_version {
    int n;
    char title[4 * ANN_TITLE_MAX + 1];
    char saved_by[64], saved_at[24];
    int64_t body_chars;
};
/* Calls fn for each version of an announcement, newest first. Returns the count or -1. */
int ann_versions(struct db *db, int64_t id, void (*fn)(const struct ann_version *, void *), void *ctx);

/* The announcement as JSON (with body_md and the versions' numbers, savers and times). */
json_t *ann_json(struct db *db, const struct announcement *a);

#endif
