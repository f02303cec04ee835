/* stash.c: files between an import's check and its confirmation (see stash.h). */
#include "stash.h"
#include "clock.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

int64_t stash_put(struct db *db, const struct user_ctx *actor, const char *kind, const char *utf8)
{
    db_run(db, "DELETE FROM pending_imports WHERE created_at < ?", "i", (int64_t)clock_now() - 86400);
    if (db_run(db, "INSERT INTO pending_imports (user_id, kind, content, created_at) VALUES (?, ?, ?, ?)", "itti",
               actor->id, kind, utf8, (int64_t)clock_now()) != SQLITE_DONE)
        return -1;
    return sqlite3_last_insert_rowid(db->h);
}

char *stash_take(struct db *db, const struct user_ctx *actor, const char *kind, int64_t id)
{
    sqlite3_stmt *st = db_prep(db, "SELECT content FROM pending_imports WHERE id = ? AND user_id = ? AND kind = ?");
    if (!st)
        return NULL;
    db_bind(st, "iit", id, actor->id, kind);
    char *content = sqlite3_step(st) == SQLITE_ROW ? strdup(db_text(st, 0)) : NULL;
    db_done(st);
    if (content)
        db_run(db, "DELETE FROM pending_imports WHERE id = ?", "i", id);
    return content;
}
