/* audit.c: appending to and reading the audit log (see audit.h). */
#include "audit.h"

#include <stdio.h>
#include <stdlib.h>

#include "db_row.h"

int audit_write(struct db *db, const struct user_ctx *u, const char *action, const char *entity, int64_t entity_id,
                json_t *before, json_t *after)
{
    char *b = before ? json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    char *a = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    int rc = db_run(db,
                    "INSERT INTO audit_log (user_id, username, action, entity, entity_id, before_json, after_json) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    "itttitt", u ? u->id : 0, u ? u->username : "system", action, entity, entity_id, b, a);
    free(b);
    free(a);
    return rc == SQLITE_DONE ? 0 : -1;
}

int audit_commit(struct db *db, int ok, const struct user_ctx *actor, const char *action, const char *entity,
                 int64_t entity_id, json_t *before, json_t *after, struct err *e)
{
    ok = ok && audit_write(db, actor, action, entity, entity_id, before, after) == 0 && db_commit(db) == SQLITE_OK;
    json_decref(before);
    json_decref(after);
    if (!ok) {
        db_fail(db, e);
        db_rollback(db);
        return -1;
    }
    return 0;
}

/* The audit entries a scope (?6) reads: those written by users of units in it; entries written by
   no user (the system) belong to the district. Filters: entity ?1, entity id ?2, action ?3. */
#define AUDIT_FROM                                                                                                    \
    "FROM audit_log l LEFT JOIN users u ON u.id = l.user_id LEFT JOIN units n ON n.id = u.unit_id "                   \
    "WHERE in_scope(coalesce(n.path, (SELECT path FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1)), ?6) "    \
    "AND (?1 = '' OR l.entity = ?1) AND (?2 = 0 OR l.entity_id = ?2) AND (?3 = '' OR l.action = ?3) "

/* An audit entry's columns; the before and after JSON follow it, read as pointers into the row. */
#define AUDIT_ROW(X, _)                                                                                               \
    X("l.id", INT64, id) _ X("l.at", TEXT(24), at) _ X("l.username", TEXT(64), username) _                         \
        X("l.action", TEXT(32), action) _ X("l.entity", TEXT(32), entity) _ X("l.entity_id", INT64, entity_id)

/* Copies an AUDIT_ROW into out (its JSON pointers set by the caller). */
static DB_ROW_READER(audit_row_read, AUDIT_ROW, struct audit_entry)

int64_t audit_list(struct db *db, const char *scope, const char *entity, int64_t entity_id, const char *action,
                   int limit, int offset, void (*fn)(const struct audit_entry *, void *), void *ctx)
{
    int64_t total = db_int(db, -1, "SELECT count(*) " AUDIT_FROM, "titddt", entity,
                           entity_id, action, limit, offset, scope);
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(AUDIT_ROW) ", l.before_json, l.after_json " AUDIT_FROM
                                   "ORDER BY l.id DESC LIMIT ?4 OFFSET ?5");
    if (!st)
        return -1;
    db_bind(st, "titddt", entity, entity_id, action, limit, offset, scope);
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct audit_entry a = {0};
        if (audit_row_read(st, &a) != 0) {
            total = -1;
            break;
        }
        a.before_json = (const char *)sqlite3_column_text(st, DB_ROW_NCOLS(AUDIT_ROW));
        a.after_json = (const char *)sqlite3_column_text(st, DB_ROW_NCOLS(AUDIT_ROW) + 1);
        fn(&a, ctx);
    }
    return db_end(st, total, NULL);
}
