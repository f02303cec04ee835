/* unit.c: the unit hierarchy and its scope paths (see unit.h). */
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "db_row.h"
#include "text.h"

/* A unit's columns, its parent's name joined as p. */
#define UNIT_ROW(X, _)                                                                                                \
    X("u.id", INT64, id) _ X("u.name", TEXT(NAME_SIZE), name) _ X("u.kind", TEXT(16), kind) _                       \
        X("u.parent_id", INT64, parent_id) _ X("u.path", TEXT(160), path) _ X("p.name", TEXT(NAME_SIZE), parent_name) _     \
        X("u.phone", TEXT(32), phone) _ X("u.address", TEXT(128), address)

/* The unit queries' SELECT and FROM. */
#define UNIT_SELECT "SELECT " DB_ROW_COLUMNS(UNIT_ROW) " FROM units u LEFT JOIN units p ON p.id = u.parent_id "

/* Copies one UNIT_ROW into u. */
static DB_ROW_READER(unit_from_row, UNIT_ROW, struct unit)

int unit_get(struct db *db, int64_t id, struct unit *out)
{
    int in_scope;
    return unit_get_in_scope(db, id, "/", out, &in_scope);
}

int unit_get_in_scope(struct db *db, int64_t id, const char *scope_path, struct unit *out, int *in_scope)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(UNIT_ROW) ", in_scope(u.path, ?2) "
                                   "FROM units u LEFT JOIN units p ON p.id = u.parent_id WHERE u.id = ?1");
    if (!st)
        return -1;
    db_bind(st, "it", id, scope_path);
    int found = sqlite3_step(st) == SQLITE_ROW && unit_from_row(st, out) == 0;
    *in_scope = found && sqlite3_column_int(st, DB_ROW_NCOLS(UNIT_ROW)) == 1;
    db_done(st);
    return found ? 0 : -1;
}

int64_t unit_create(struct db *db, const struct user_ctx *actor, const char *name, const char *kind,
                    int64_t parent_id, struct err *e)
{
    static const char *const parent_kind[][2] = {
        {"district", ""}, {"township", "district"}, {"village", "township"}};
    const char *want = NULL;
    for (size_t i = 0; i < sizeof parent_kind / sizeof parent_kind[0]; i++)
        if (kind && strcmp(kind, parent_kind[i][0]) == 0)
            want = parent_kind[i][1];
    if (!want)
        return err_set(e, 422, "invalid_kind", "kind", "单位类型应为 district、township 或 village");
    if (text_check(name, 1, NAME_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_name", "name", "单位名称应为1到30个字");
    struct unit parent = {0};
    if (*want) {
        if (unit_get(db, parent_id, &parent) != 0 || strcmp(parent.kind, want) != 0)
            return err_set(e, 422, "invalid_parent", "parent_id", "上级单位无效：%s的上级应为%s",
                           strcmp(kind, "village") == 0 ? "村" : "镇", strcmp(want, "district") == 0 ? "区" : "镇");
        if (!path_in_scope(parent.path, actor->unit_path))
            return err_set(e, 403, "out_of_scope", "parent_id", "上级单位不在您的管辖范围内");
    } else if (parent_id) {
        return err_set(e, 422, "invalid_parent", "parent_id", "区级单位没有上级");
    }
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    if (db_run(db, "INSERT INTO units (name, kind, parent_id, path) VALUES (?, ?, ?, '')", "ttI", name, kind,
               parent_id) != SQLITE_DONE)
        goto fail;
    int64_t id = sqlite3_last_insert_rowid(db->h);
    char path[160];
    if (*want == 0)
        snprintf(path, sizeof path, "/%lld/", (long long)id);
    else
        snprintf(path, sizeof path, "%s%lld/", parent.path, (long long)id);
    json_t *after = json_pack("{s:s, s:s, s:I}", "name", name, "kind", kind, "parent_id", (json_int_t)parent_id);
    int rc = db_run(db, "UPDATE units SET path = ? WHERE id = ?", "ti", path, id);
    int arc = rc == SQLITE_DONE ? audit_write(db, actor, "create", "unit", id, NULL, after) : -1;
    json_decref(after);
    if (arc != 0)
        goto fail;
    if (db_commit(db) != SQLITE_OK)
        goto fail;
    return id;
fail:
    db_fail(db, e);
    db_rollback(db);
    return -1;
}

int unit_list(struct db *db, const char *scope_path, const char *kind, void (*fn)(const struct unit *, void *),
              void *ctx)
{
    sqlite3_stmt *st = db_prep(db, UNIT_SELECT "WHERE in_scope(u.path, ?1) AND (?2 IS NULL OR u.kind = ?2) "
                                   "ORDER BY CASE u.kind WHEN 'district' THEN 0 WHEN 'township' THEN 1 ELSE 2 END, "
                                   "u.parent_id, u.id");
    if (!st)
        return -1;
    db_bind(st, "tt", scope_path, kind);
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct unit u;
        if (unit_from_row(st, &u) != 0) {
            n = -1;
            break;
        }
        fn(&u, ctx);
        n++;
    }
    return db_end(st, n, NULL);
}

int64_t unit_township_of(struct db *db, int64_t unit_id)
{
    return db_int(db, 0,
                  "SELECT CASE u.kind WHEN 'township' THEN u.id WHEN 'village' THEN u.parent_id ELSE 0 END "
                  "FROM units u WHERE u.id = ?",
                  "i", unit_id);
}

char *unit_short_name(const char *name, char *out, size_t n)
{
    static const char *const suffixes[] = {"街道", "镇", "乡"};
    snprintf(out, n, "%s", name ? name : "");
    size_t len = strlen(out);
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        size_t k = strlen(suffixes[i]);
        if (len > k && strcmp(out + len - k, suffixes[i]) == 0) {
            out[len - k] = '\0';
            break;
        }
    }
    return out;
}
