/* relief_doc.c: supporting documents of relief applications (see relief_doc.h). */
#include "relief_doc.h"

#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "db_row.h"
#include "relief.h"

static const struct {
    const char *kind, *mime, *label;
    const unsigned char *magic;
    size_t n;
} kinds[] = {
    {"pdf", "application/pdf", "PDF 文件", (const unsigned char *)"%PDF-", 5},
    {"jpg", "image/jpeg", "JPG 图片", (const unsigned char *)"\xFF\xD8\xFF", 3},
    {"png", "image/png", "PNG 图片", (const unsigned char *)"\x89PNG\r\n\x1A\n", 8},
};

const char *relief_doc_kind(const unsigned char *data, size_t len)
{
    for (size_t i = 0; data && i < sizeof kinds / sizeof kinds[0]; i++)
        if (len >= kinds[i].n && memcmp(data, kinds[i].magic, kinds[i].n) == 0)
            return kinds[i].kind;
    return NULL;
}

/* The row of kinds[] for a kind, or -1. */
static int kind_index(const char *kind)
{
    for (size_t i = 0; kind && i < sizeof kinds / sizeof kinds[0]; i++)
        if (!strcmp(kind, kinds[i].kind))
            return (int)i;
    return -1;
}

const char *relief_doc_mime(const char *kind)
{
    int i = kind_index(kind);
    return i < 0 ? NULL : kinds[i].mime;
}

const char *relief_doc_label(const char *kind)
{
    int i = kind_index(kind);
    return i < 0 ? "文件" : kinds[i].label;
}

/* Checks the file before anything is read or written. 0, or -1 with 422 in e. */
static int doc_check(const char *name, const unsigned char *data, size_t len, struct err *e)
{
    if (text_check(name, 1, RELIEF_DOC_NAME_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_document_name", "file", "请选择要上传的文件（文件名1到%d个字）",
                       RELIEF_DOC_NAME_MAX_CHARS);
    if (!data || !len)
        return err_set(e, 422, "document_empty", "file", "上传的文件是空的");
    if (len > RELIEF_DOC_MAX_BYTES)
        return err_set(e, 422, "document_too_large", "file", "文件不能超过 %d MB", RELIEF_DOC_MAX_BYTES / (1024 * 1024));
    if (!relief_doc_kind(data, len))
        return err_set(e, 422, "document_type", "file", "只能上传 PDF、JPG 或 PNG 文件（按文件内容判断）");
    return 0;
}

int64_t relief_doc_add(struct db *db, const struct user_ctx *actor, int64_t application_id, const char *name,
                       const unsigned char *data, size_t len, struct err *e)
{
    struct relief_app a;
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    if (relief_get(db, actor, application_id, &a, e) != 0 || doc_check(name, data, len, e) != 0) { /* scope first */
        db_rollback(db);
        return -1;
    }
    const char *kind = relief_doc_kind(data, len);
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
        X("d.name", TEXT(RELIEF_DOC_NAME_SIZE), name) _ X("d.kind", TEXT(8), kind) _ X("d.size", INT64, size) _   \
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
    db_done(st);
    return n;
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
