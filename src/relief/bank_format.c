/* bank_format.c: the payment file's columns per bank format (see bank_format.h). */
#include "bank_format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "db_row.h"

const char *const bank_col_codes[BC__MAX] = {"row", "name", "id_number", "bank", "account", "amount", "memo", "village"};
const char *const bank_col_heads[BC__MAX] = {"序号", "姓名", "身份证号", "开户银行", "账号", "金额", "摘要", "村"};

int bank_col_parse(const char *code)
{
    for (int c = 0; code && c < BC__MAX; c++)
        if (!strcmp(code, bank_col_codes[c]))
            return c;
    return -1;
}

/* Fills f's columns from the stored JSON. 0, or -1 when it does not fit. */
static int columns_read(const char *json, struct bank_format *f)
{
    json_t *a = json_loads(json ? json : "", 0, NULL), *v;
    size_t i;
    int rc = json_is_array(a) && json_array_size(a) >= 1 && json_array_size(a) <= BC__MAX ? 0 : -1;
    f->ncols = 0;
    json_array_foreach(a, i, v)
    {
        int k = bank_col_parse(json_string_value(json_object_get(v, "key")));
        const char *h = json_string_value(json_object_get(v, "head"));
        if (rc || k < 0 || !h || snprintf(f->head[f->ncols], BANK_HEAD_SIZE, "%s", h) >= BANK_HEAD_SIZE) {
            rc = -1;
            break;
        }
        f->key[f->ncols++] = k;
    }
    json_decref(a);
    return rc;
}

/* Fills f from a row (id, name, columns, encoding, is_default). 0 or -1. */
static int format_read(sqlite3_stmt *st, struct bank_format *f)
{
    memset(f, 0, sizeof *f);
    f->id = sqlite3_column_int64(st, 0);
    const char *name = (const char *)sqlite3_column_text(st, 1), *enc = (const char *)sqlite3_column_text(st, 3);
    f->gb18030 = enc && !strcmp(enc, "gb18030");
    f->is_default = sqlite3_column_int(st, 4);
    if (!name || snprintf(f->name, sizeof f->name, "%s", name) >= (int)sizeof f->name)
        return -1;
    return columns_read((const char *)sqlite3_column_text(st, 2), f);
}

#define FORMAT_SELECT "SELECT id, name, columns, encoding, is_default FROM bank_formats "

int bank_format_get(struct db *db, int64_t id, struct bank_format *out, struct err *e)
{
    sqlite3_stmt *st = db_prep(db, id ? FORMAT_SELECT "WHERE id = ?" : FORMAT_SELECT "WHERE is_default = 1");
    if (!st)
        return db_fail(db, e);
    if (id)
        db_bind(st, "i", id);
    int found = sqlite3_step(st) == SQLITE_ROW, bad = found && format_read(st, out) != 0;
    db_done(st);
    if (bad)
        return db_row_fail(e);
    return found ? 0 : err_set(e, 404, "not_found", "bank_format", "代发文件格式不存在");
}

int bank_format_list(struct db *db, void (*fn)(const struct bank_format *, void *), void *ctx)
{
    sqlite3_stmt *st = db_prep(db, FORMAT_SELECT "ORDER BY is_default DESC, id");
    if (!st)
        return -1;
    int n = 0;
    struct bank_format f;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (format_read(st, &f) != 0) {
            n = -1;
            break;
        }
        fn(&f, ctx);
        n++;
    }
    return db_end(st, n, NULL);
}

/* Checks the columns and makes their stored JSON (new reference), or NULL with e. */
static json_t *columns_json(const struct bank_format_input *in, struct err *e)
{
    int seen[BC__MAX] = {0};
    if (in->ncols < 1 || in->ncols > BC__MAX)
        return err_set(e, 422, "invalid_columns", "columns", "代发文件应有 1 到 %d 列", BC__MAX), NULL;
    json_t *a = json_array();
    for (int i = 0; i < in->ncols; i++) {
        int k = bank_col_parse(in->keys[i]);
        const char *h = in->heads[i] && *in->heads[i] ? in->heads[i] : k >= 0 ? bank_col_heads[k] : "";
        if (k < 0 || seen[k]++) {
            err_set(e, 422, "invalid_columns", "columns", k < 0 ? "第 %d 列的内容不认识" : "第 %d 列与前面的列重复", i + 1);
            break;
        }
        if (text_check(h, 1, BANK_HEAD_MAX_CHARS) != 0) {
            err_set(e, 422, "invalid_head", "columns", "第 %d 列的表头应为 1 到 %d 个字", i + 1, BANK_HEAD_MAX_CHARS);
            break;
        }
        json_array_append_new(a, json_pack("{s:s, s:s}", "key", bank_col_codes[k], "head", h));
    }
    static const int needed[] = {BC_ROW, BC_NAME, BC_ACCOUNT, BC_AMOUNT};
    for (size_t n = 0; !e->status && n < sizeof needed / sizeof *needed; n++)
        if (!seen[needed[n]])
            err_set(e, 422, "invalid_columns", "columns", "代发文件必须有“%s”列", bank_col_heads[needed[n]]);
    if (e->status) {
        json_decref(a);
        return NULL;
    }
    return a;
}

/* The format as stored, for the audit (NULL when id is 0 or absent). New reference. */
static json_t *format_audit(struct db *db, int64_t id)
{
    struct bank_format f;
    struct err e = {0};
    return id && bank_format_get(db, id, &f, &e) == 0 ? bank_format_json(&f) : NULL;
}

int64_t bank_format_save(struct db *db, const struct user_ctx *actor, int64_t id, const struct bank_format_input *in,
                         struct err *e)
{
    struct bank_format old;
    if (id && bank_format_get(db, id, &old, e) != 0)
        return -1;
    if (text_check(in->name, 1, BANK_FORMAT_NAME_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_name", "name", "格式名称应为 1 到 %d 个字", BANK_FORMAT_NAME_MAX_CHARS);
    if (!in->encoding || (strcmp(in->encoding, "utf8") && strcmp(in->encoding, "gb18030")))
        return err_set(e, 422, "invalid_encoding", "encoding", "编码应为 utf8（UTF-8，带 BOM）或 gb18030");
    if (id && old.is_default && !in->is_default)
        return err_set(e, 409, "default_needed", "is_default", "须有一个默认格式：请把另一个格式设为默认");
    if (db_int(db, 0, "SELECT count(*) FROM bank_formats WHERE name = ? AND id <> ?", "ti", in->name, id) > 0)
        return err_set(e, 409, "duplicate_name", "name", "已有同名的代发文件格式");
    json_t *cols = columns_json(in, e);
    if (!cols)
        return -1;
    char *text = json_dumps(cols, JSON_COMPACT);
    json_decref(cols);
    if (!text || db_begin(db) != SQLITE_OK) {
        free(text);
        return db_fail(db, e);
    }
    json_t *before = format_audit(db, id);
    int ok = !in->is_default || db_run(db, "UPDATE bank_formats SET is_default = 0 WHERE is_default = 1 AND id <> ?",
                                       "i", id) == SQLITE_DONE;
    if (ok && id)
        ok = db_run(db, "UPDATE bank_formats SET name = ?, columns = ?, encoding = ?, is_default = ?, updated_by = ?, "
                        "updated_at = clock_now() WHERE id = ?", "tttiii", in->name, text, in->encoding,
                    (int64_t)(in->is_default != 0), actor->id, id) == SQLITE_DONE;
    else if (ok)
        ok = db_run(db, "INSERT INTO bank_formats (name, columns, encoding, is_default, updated_by) VALUES "
                        "(?, ?, ?, ?, ?)", "tttii", in->name, text, in->encoding, (int64_t)(in->is_default != 0),
                    actor->id) == SQLITE_DONE;
    free(text);
    int64_t out = id ? id : ok ? sqlite3_last_insert_rowid(db->h) : -1;
    json_t *after = ok ? format_audit(db, out) : NULL;
    int rc = audit_commit(db, ok && after, actor, id ? "update" : "create", "bank_format", out, before, after, e);
    return rc == 0 ? out : -1;
}

json_t *bank_format_json(const struct bank_format *f)
{
    json_t *cols = json_array();
    for (int i = 0; i < f->ncols; i++)
        json_array_append_new(cols, json_pack("{s:s, s:s}", "key", bank_col_codes[f->key[i]], "head", f->head[i]));
    return json_pack("{s:I, s:s, s:s, s:b, s:o}", "id", (json_int_t)f->id, "name", f->name, "encoding",
                     f->gb18030 ? "gb18030" : "utf8", "is_default", f->is_default, "columns", cols);
}
