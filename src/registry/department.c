/* department.c: reviewing departments (see department.h). */
#include "department.h"

#include "audit.h"
#include "text.h"

int department_list(struct db *db, void (*fn)(int64_t, const char *, int, void *), void *ctx)
{
    sqlite3_stmt *st = db_prep(db, "SELECT id, name, active FROM departments ORDER BY sort, id");
    if (!st)
        return -1;
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        fn(sqlite3_column_int64(st, 0), db_text(st, 1), sqlite3_column_int(st, 2), ctx);
        n++;
    }
    return db_end(st, n, NULL);
}

int64_t department_create(struct db *db, const struct user_ctx *actor, const char *name, struct err *e)
{
    if (text_check(name, 1, NAME_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_name", "name", "部门名称应为1到30个字");
    if (db_int(db, 0, "SELECT 1 FROM departments WHERE name = ?", "t", name) == 1)
        return err_set(e, 409, "duplicate_department", "name", "部门“%s”已存在", name);
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int ok = db_run(db, "INSERT INTO departments (name, sort) VALUES (?, (SELECT coalesce(max(sort), 0) + 1 "
                        "FROM departments))",
                    "t", name) == SQLITE_DONE;
    int64_t id = ok ? sqlite3_last_insert_rowid(db->h) : -1;
    return audit_commit(db, ok, actor, "create", "department", id, NULL, json_pack("{s:s}", "name", name), e) == 0 ? id
                                                                                                                  : -1;
}

int department_set_active(struct db *db, const struct user_ctx *actor, int64_t id, int active, struct err *e)
{
    int64_t was = db_int(db, -1, "SELECT active FROM departments WHERE id = ?", "i", id);
    if (was < 0)
        return err_set(e, 404, "not_found", NULL, "评审部门不存在");
    if (!active && db_int(db, 0, "SELECT count(*) FROM departments WHERE active = 1 AND id <> ?", "i", id) == 0)
        return err_set(e, 409, "last_department", NULL, "至少要保留一个参加评审的部门");
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    json_t *before = json_pack("{s:b}", "active", (int)was), *after = json_pack("{s:b}", "active", active);
    int ok = db_run(db, "UPDATE departments SET active = ? WHERE id = ?", "di", active ? 1 : 0, id) == SQLITE_DONE;
    return audit_commit(db, ok, actor, "update", "department", id, before, after, e);
}
