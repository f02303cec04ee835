/* user.c: roles and staff accounts (see user.h). */
#include "user.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "auth_password.h"
#include "db_row.h"
#include "idcard.h"
#include "text.h"
#include "unit.h"

static const struct {
    const char *code;
    const char *name;
    int sees_full_id;
} roles[ROLE__MAX] = {
    [ROLE_ADMIN] = {"admin", "系统管理员", 1},
    [ROLE_ASSOCIATION] = {"association", "协会工作人员", 1},
    [ROLE_REVIEWER] = {"reviewer", "部门评审员", 0},
    [ROLE_LIAISON] = {"liaison", "信用社联络员", 0},
    [ROLE_RELIEF] = {"relief", "救助经办员", 1},
    [ROLE_FINANCE] = {"finance", "财务", 0},
    [ROLE_VILLAGE] = {"village", "村计生专干", 0},
    [ROLE_AUDITOR] = {"auditor", "审计", 0},
};

const char *role_code(enum role r)
{
    return (unsigned)r < ROLE__MAX ? roles[r].code : NULL;
}

const char *role_name(enum role r)
{
    return (unsigned)r < ROLE__MAX ? roles[r].name : NULL;
}

int role_parse(const char *code)
{
    for (int i = 0; code && i < ROLE__MAX; i++)
        if (strcmp(roles[i].code, code) == 0)
            return i;
    return -1;
}

int role_sees_full_account(enum role r)
{
    return r == ROLE_RELIEF || r == ROLE_FINANCE;
}

int role_sees_full_id(enum role r)
{
    return (unsigned)r < ROLE__MAX && roles[r].sees_full_id;
}

/* An account's columns (struct user_row); user_load also reads the unit's kind and path after them. */
#define USER_ROW(X, _)                                                                                                 \
    X("u.id", INT64, id) _ X("u.username", TEXT(64), username) _ X("u.name", TEXT(NAME_SIZE), name) _              \
        X("u.role", ENUM(enum role, role_parse), role) _ X("u.unit_id", INT64, unit_id) _                           \
        X("n.name", TEXT(NAME_SIZE), unit_name) _ X("coalesce(u.department_id, 0)", INT64, department_id) _         \
        X("coalesce(d.name, '')", TEXT(NAME_SIZE), department_name) _ X("u.active", INT, active) _                        \
        X("u.must_change_password", INT, must_change_password)
/* The unit's columns user_load reads into the user_ctx after USER_ROW. */
#define USER_UNIT_ROW(X, _) X("n.kind", TEXT(16), unit_kind) _ X("n.path", TEXT(160), unit_path)

/* USER_ROW and USER_UNIT_ROW with their FROM, after "SELECT ". */
#define USER_ROW_COLUMNS                                                                                               \
    DB_ROW_COLUMNS(USER_ROW) ", " DB_ROW_COLUMNS(USER_UNIT_ROW)                                                      \
    " FROM users u JOIN units n ON n.id = u.unit_id LEFT JOIN departments d ON d.id = u.department_id "

/* Reads one USER_ROW. */
static DB_ROW_READER(user_row_read, USER_ROW, struct user_row)
/* Reads the USER_UNIT_ROW after it into a user_ctx. */
static DB_ROW_READER_FROM(user_unit_read, USER_UNIT_ROW, struct user_ctx, DB_ROW_NCOLS(USER_ROW))

int user_load(struct db *db, int64_t id, struct user_ctx *u)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " USER_ROW_COLUMNS "WHERE u.id = ? AND u.active = 1");
    if (!st)
        return -1;
    db_bind(st, "i", id);
    struct user_row row = {0};
    memset(u, 0, sizeof *u);
    int found = sqlite3_step(st) == SQLITE_ROW && user_row_read(st, &row) == 0 && user_unit_read(st, u) == 0;
    if (found) {
        u->id = row.id;
        snprintf(u->username, sizeof u->username, "%s", row.username);
        snprintf(u->name, sizeof u->name, "%s", row.name);
        u->role = row.role;
        u->unit_id = row.unit_id;
        snprintf(u->unit_name, sizeof u->unit_name, "%s", row.unit_name);
        u->department_id = row.department_id;
        snprintf(u->department_name, sizeof u->department_name, "%s", row.department_name);
        u->must_change_password = row.must_change_password;
    }
    db_done(st);
    return found && (int)u->role >= 0 ? 0 : -1;
}

/* 1 if the username is 3..32 of [a-z0-9_.-], starting with a letter. */
static int username_valid(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 3 || n > 32 || !(s[0] >= 'a' && s[0] <= 'z'))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || strchr("_.-", s[i])))
            return 0;
    return 1;
}

/* Checks where an account sits: the unit exists and is in the actor's scope, a village officer
   belongs to a village, a reviewer (and only a reviewer) to an active department. Returns 0 or
   -1 with e filled. */
static int user_check_placement(struct db *db, const struct user_ctx *actor, int role, int64_t unit_id,
                                int64_t department_id, struct err *e)
{
    struct unit unit;
    int in_scope = 0;
    if (unit_get_in_scope(db, unit_id, actor->unit_path, &unit, &in_scope) != 0)
        return err_set(e, 422, "invalid_unit", "unit_id", "所属单位不存在");
    if (!in_scope)
        return err_set(e, 403, "out_of_scope", "unit_id", "所属单位不在您的管辖范围内");
    if (role == ROLE_VILLAGE && strcmp(unit.kind, "village") != 0)
        return err_set(e, 422, "invalid_unit", "unit_id", "村计生专干必须属于一个村");
    if (role == ROLE_REVIEWER &&
        db_int(db, 0, "SELECT 1 FROM departments WHERE id = ? AND active = 1", "i", department_id) != 1)
        return err_set(e, 422, "invalid_department", "department_id", "部门评审员必须属于一个评审部门");
    if (role != ROLE_REVIEWER && department_id)
        return err_set(e, 422, "invalid_department", "department_id", "只有部门评审员属于评审部门");
    return 0;
}

/* Validates a new account's fields; returns 0 or -1 with e filled. */
static int user_validate(struct db *db, const struct user_ctx *actor, const struct user_input *in, int *role,
                         struct err *e)
{
    if (!username_valid(in->username))
        return err_set(e, 422, "invalid_username", "username", "用户名应为3到32位小写字母、数字或 _ . -，以字母开头");
    if (auth_password_policy(in->username, in->password, e) != 0)
        return -1;
    if (text_check(in->name, 1, NAME_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_name", "name", "姓名应为1到30个字");
    if ((*role = role_parse(in->role)) < 0)
        return err_set(e, 422, "invalid_role", "role", "角色无效");
    if (in->phone && *in->phone && !phone_valid(in->phone))
        return err_set(e, 422, "invalid_phone", "phone", "手机号应为以1开头的11位数字");
    if (user_check_placement(db, actor, *role, in->unit_id, in->department_id, e) != 0)
        return -1;
    if (db_int(db, 0, "SELECT 1 FROM users WHERE username = ?", "t", in->username) == 1)
        return err_set(e, 409, "duplicate_username", "username", "用户名 %s 已存在", in->username);
    return 0;
}

int64_t user_create(struct db *db, const struct user_ctx *actor, const struct user_input *in, struct err *e)
{
    int role;
    if (user_validate(db, actor, in, &role, e) != 0)
        return -1;
    char hash[256];
    if (auth_hash_password(in->password, hash, sizeof hash) != 0)
        return err_set(e, 500, "hash_failed", NULL, "密码处理失败");
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    json_t *after = json_pack("{s:s, s:s, s:s, s:I, s:I}", "username", in->username, "name", in->name, "role",
                              in->role, "unit_id", (json_int_t)in->unit_id, "department_id",
                              (json_int_t)in->department_id);
    int ok = db_run(db,
                    "INSERT INTO users (username, password_hash, name, role, unit_id, department_id, phone) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    "ttttiIt", in->username, hash, in->name, in->role, in->unit_id, in->department_id,
                    in->phone ? in->phone : "") == SQLITE_DONE;
    int64_t id = ok ? sqlite3_last_insert_rowid(db->h) : -1;
    return audit_commit(db, ok, actor, "create", "user", id, NULL, after, e) == 0 ? id : -1;
}

int user_get(struct db *db, const char *scope_path, int64_t id, struct user_row *u, struct err *e)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " USER_ROW_COLUMNS "WHERE u.id = ?1 AND in_scope(n.path, ?2)");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "it", id, scope_path);
    memset(u, 0, sizeof *u);
    int found = sqlite3_step(st) == SQLITE_ROW, bad = found && user_row_read(st, u) != 0;
    db_done(st);
    if (bad)
        return db_row_fail(e);
    return found ? 0 : err_set(e, 404, "not_found", NULL, "用户不存在");
}

/* The account as audit JSON: where it sits and whether it is active. */
static json_t *user_audit_json(int role, int64_t unit_id, int64_t department_id, int active)
{
    return json_pack("{s:s, s:I, s:I, s:b}", "role", role_code((enum role)role), "unit_id", (json_int_t)unit_id,
                     "department_id", (json_int_t)department_id, "active", active);
}

/* Works out the account after the patch into *to (from the account as it is, was), checking
   every changed field. Returns 0 or -1 with e filled. */
static int user_patch_apply(struct db *db, const struct user_ctx *actor, const struct user_row *was,
                            const struct user_patch *p, struct user_row *to, struct err *e)
{
    *to = *was;
    if (p->active >= 0)
        to->active = p->active ? 1 : 0;
    if (p->role) {
        int role = role_parse(p->role);
        if (role < 0)
            return err_set(e, 422, "invalid_role", "role", "角色无效");
        to->role = (enum role)role;
    }
    if (p->unit_id)
        to->unit_id = p->unit_id;
    if (p->department_id < -1)
        return err_set(e, 422, "invalid_department", "department_id", "评审部门无效");
    if (p->department_id >= 0)
        to->department_id = p->department_id;
    else if (to->role != ROLE_REVIEWER)
        to->department_id = 0; /* leaving the reviewers leaves the department */
    if (was->id == actor->id && !to->active)
        return err_set(e, 422, "cannot_deactivate_self", "active", "不能停用自己的账号");
    if (was->id == actor->id && (to->role != was->role || to->unit_id != was->unit_id))
        return err_set(e, 422, "cannot_change_self", to->unit_id != was->unit_id ? "unit_id" : "role",
                       "不能修改自己的角色或所属单位");
    if ((to->role != was->role || to->unit_id != was->unit_id || to->department_id != was->department_id) &&
        user_check_placement(db, actor, (int)to->role, to->unit_id, to->department_id, e) != 0)
        return -1;
    return 0;
}

int user_update(struct db *db, const struct user_ctx *actor, int64_t id, const struct user_patch *p, struct err *e)
{
    struct user_row was, to;
    if (user_get(db, actor->unit_path, id, &was, e) != 0 || user_patch_apply(db, actor, &was, p, &to, e) != 0)
        return -1;
    char hash[256] = "";
    if (p->password && *p->password) {
        if (auth_password_policy(was.username, p->password, e) != 0)
            return -1;
        if (auth_hash_password(p->password, hash, sizeof hash) != 0)
            return err_set(e, 500, "hash_failed", NULL, "密码处理失败");
    }
    int end_sessions = !to.active || hash[0] || to.role != was.role || to.unit_id != was.unit_id ||
                       to.department_id != was.department_id;
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    json_t *before = user_audit_json((int)was.role, was.unit_id, was.department_id, was.active);
    json_t *after = user_audit_json((int)to.role, to.unit_id, to.department_id, to.active);
    json_object_set_new(after, "password_reset", json_boolean(hash[0] != 0));
    json_object_set_new(after, "must_change_password", json_boolean(p->must_change));
    json_object_set_new(after, "sessions_ended", json_boolean(end_sessions));
    int ok = db_run(db, "UPDATE users SET active = ?, role = ?, unit_id = ?, department_id = ?, "
                        "password_hash = coalesce(nullif(?, ''), password_hash), "
                        "must_change_password = max(must_change_password, ?) WHERE id = ?",
                    "dtiItdi", to.active, role_code(to.role), to.unit_id, to.department_id, hash,
                    p->must_change ? 1 : 0, id) == SQLITE_DONE &&
             (!end_sessions || db_run(db, "DELETE FROM sessions WHERE user_id = ?", "i", id) == SQLITE_DONE);
    return audit_commit(db, ok, actor, "update", "user", id, before, after, e);
}

int64_t user_list(struct db *db, const char *scope_path, const char *q, int limit, int offset,
                  void (*fn)(const struct user_row *, void *), void *ctx)
{
    int64_t total = db_int(db, -1,
                           "SELECT count(*) FROM users u JOIN units n ON n.id = u.unit_id "
                           "WHERE in_scope(n.path, ?1) "
                           "AND (?2 = '' OR instr(u.username, ?2) > 0 OR instr(u.name, ?2) > 0)",
                           "tt", scope_path, q);
    sqlite3_stmt *st = db_prep(db, "SELECT " USER_ROW_COLUMNS "WHERE in_scope(n.path, ?1) "
                                   "AND (?2 = '' OR instr(u.username, ?2) > 0 OR instr(u.name, ?2) > 0) "
                                   "ORDER BY u.id LIMIT ?3 OFFSET ?4");
    if (!st)
        return -1;
    db_bind(st, "ttdd", scope_path, q, limit, offset);
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct user_row u = {0};
        if (user_row_read(st, &u) != 0) {
            total = -1;
            break;
        }
        fn(&u, ctx);
    }
    return db_end(st, total, NULL);
}
