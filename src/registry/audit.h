/*
 * audit.h: the append-only audit log. Every write appends one record inside the same
 * transaction (who, when, what, before and after as JSON); every display of a full resident ID
 * appends a "view_id_number" record. Triggers in the schema refuse UPDATE and DELETE.
 */
#ifndef BANGFU_AUDIT_H
#define BANGFU_AUDIT_H
#include <jansson.h>
#include <stdint.h>

#include "db.h"
#include "err.h"
#include "user_ctx.h"

/* Appends a record. before/after are borrowed (NULL allowed). Returns 0 or -1. */
int audit_write(struct db *db, const struct user_ctx *u, const char *action, const char *entity, int64_t entity_id,
                json_t *before, json_t *after);

/* Ends a write transaction: when ok, appends the audit record and commits; on any failure rolls
   back and fills e (500). Always releases before/after. Returns 0 or -1. */
int audit_commit(struct db *db, int ok, const struct user_ctx *actor, const char *action, const char *entity,
                 int64_t entity_id, json_t *before, json_t *after, struct err *e);

struct audit_entry {
    int64_t id;
    char at[24];
    char username[64];
    char action[32];
    char entity[32];
    int64_t entity_id;
    const char *before_json; /* valid until the next call of the callback */
    const char *after_json;
};

/* Lists the entries written by users within the scope path (those written by the system only
   for the district), newest first, optionally filtered by entity ("" = all), entity id (0 = all)
   and action, calling fn for each. Returns the total number of matching entries, or -1. */
int64_t audit_list(struct db *db, const char *scope, const char *entity, int64_t entity_id, const char *action,
                   int limit, int offset, void (*fn)(const struct audit_entry *, void *), void *ctx);

#endif
