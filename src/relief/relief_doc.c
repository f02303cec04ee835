/* relief_doc.c: supporting documents of relief applications (see relief_doc.h). */
#include "relief_doc.h"

#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "db_row.h"
#include "relief.h"

int64_t relief_doc_add(struct db *db, const struct user_ctx *actor, int64_t application_id, const char *name,
                       const unsigned char *data, size_t len, struct err *e)
{
    struct relief_app a;
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    if (relief_get(db, actor, application_id, &a, e) != 0 || doc_file_check(name, data, len, "file", e) != 0) { /* scope first */
        db_rollback(db);
        return -1;
    }
    const char *kind = doc_file_kind(data, len);
    sqlite3_stmt *st = db_prep(db, "INSERT INTO relief_documents (application_id, name, kind, size, data, uploaded_by, "
                                   "uploaded_at) VALUES (?, ?, ?, ?, ?, ?, clock_now())");
    int ok = st && db_bind(st, "itti", application_id, name, kind, (int64_t)len) == SQLITE_OK &&
             sqlite3_bind_blob(st, 5, data, (int)len, SQLITE_TRANSIENT) == SQLITE_OK &&
             sqlite3_bind_int64(st, 6, actor->id) == SQLITE_OK && sqlite3_step(st) == SQLITE_DONE;
    if (st)
        db_done(st);
    int64_t id = ok ? sqlite3_last_insert_rowid(db->h) : -1;
    json_t *after = json_pack("{s:I, s:s, s:s, s:I}", "document_id", (json_int_t)id, "name", name, "kind", kind,
                              "size", (json_int_t)len);
    return audit_commit(db, ok, actor, "attach_document", "relief_application", application_id, NULL, after, e) == 0 ? id
                                                                                                                       : -1;
}

/* A document's columns (d), its uploader's name (u); relief_doc_get reads the data after them. */
#define DOC_ROW(X, _)                                                                                                \
    X("d.id", INT64, id) _ X("d.application_id", INT64, application_id) _                                          \
        X("d.name", TEXT(DOC_FILE_NAME_SIZE), name) _ X("d.kind", TEXT(8), kind) _ X("d.size", INT64, size) _   \
        X("u.name", TEXT(NAME_SIZE), uploaded_by) _ X("d.uploaded_at", TIME, uploaded_at)
#define DOC_COLUMNS DB_ROW_COLUMNS(DOC_ROW)
/* Fills d from a DOC_ROW. */
static DB_ROW_READER(doc_row, DOC_ROW, struct relief_doc)

int relief_doc_list(struct db *db, const struct user_ctx *actor, int64_t application_id,
                    void (*fn)(const struct relief_doc *, void *), void *ctx, struct err *e)
{
    struct relief_app a;
    if (relief_get(db, actor, application_id, &a, e) != 0)
        return -1;
    sqlite3_stmt *st = db_prep(db, "SELECT " DOC_COLUMNS " FROM relief_documents d JOIN users u ON u.id = d.uploaded_by "
                                   "WHERE d.application_id = ? ORDER BY d.id");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "i", application_id);
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct relief_doc d = {0};
        if (doc_row(st, &d) != 0) {
            n = db_row_fail(e);
            break;
        }
        fn(&d, ctx);
        n++;
    }
    return db_end(st, n, e);
}

int relief_doc_get(struct db *db, const struct user_ctx *actor, int64_t application_id, int64_t doc_id,
                   struct relief_doc *out, struct err *e)
{
    struct relief_app a;
    memset(out, 0, sizeof *out);
    if (relief_get(db, actor, application_id, &a, e) != 0) /* the scope is the application's */
        return -1;
    sqlite3_stmt *st = db_prep(db, "SELECT " DOC_COLUMNS ", d.data FROM relief_documents d JOIN users u ON "
                                   "u.id = d.uploaded_by WHERE d.id = ? AND d.application_id = ?");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "ii", doc_id, application_id);
    int rc = -1;
    if (sqlite3_step(st) == SQLITE_ROW) {
        if (doc_row(st, out) != 0) {
            db_done(st);
            return db_row_fail(e);
        }
        int n = sqlite3_column_bytes(st, DB_ROW_NCOLS(DOC_ROW));
        out->data = malloc(n > 0 ? (size_t)n : 1);
        if (out->data && n > 0)
            memcpy(out->data, sqlite3_column_blob(st, DB_ROW_NCOLS(DOC_ROW)), (size_t)n);
        out->size = n;
        rc = out->data ? 0 : err_set(e, 500, "out_of_memory", NULL, "内存不足");
    } else {
        err_set(e, 404, "not_found", NULL, "材料不存在");
    }
    db_done(st);
    return rc;
}
