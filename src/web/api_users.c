/* api_users.c: /api/v1/users (admin): list, create, change (role, unit, department, active) and
   password reset. Thin over user.c. */
#include "api_doc.h"
#include "api_util.h"
#include "handlers.h"
#include "admin_sheets.h"
#include "user.h"

/* One account as API JSON. */
static json_t *user_row_json(const struct user_row *u)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:I, s:s, s:I, s:s, s:b, s:b}", "id", (json_int_t)u->id, "username",
                     u->username, "name", u->name, "role", role_code(u->role), "unit_id", (json_int_t)u->unit_id, "unit",
                     u->unit_name, "department_id", (json_int_t)u->department_id, "department", u->department_name,
                     "active", u->active, "must_change_password", u->must_change_password);
}

/* Appends one account to a JSON array. */
static void user_item(const struct user_row *u, void *ctx)
{
    json_array_append_new(ctx, user_row_json(u));
}

/* Answers with the account as it is now (after a change), or the error. */
static void reply_user(struct req *r, int status, int64_t id)
{
    struct err e = {0};
    struct user_row u;
    if (user_get(r->db, r->user.unit_path, id, &u, &e) != 0)
        reply_json_error(r, &e);
    else
        reply_json(r, status, user_row_json(&u));
}

void api_users_list(struct req *r)
{
    int limit, offset;
    api_paging(r, &limit, &offset);
    const char *q = req_query(r, "q");
    if (list_export_if_asked(r, admin_users_sheet, q, "users.csv"))
        return;
    json_t *items = json_array();
    int64_t total = user_list(r->db, r->user.unit_path, q ? q : "", limit, offset, user_item, items);
    api_reply_list(r, items, total, NULL);
}

void api_users_create(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    struct user_input in = {0};
    int64_t id = -1;
    if (j && !api_str(j, "username", &in.username, &e) && !api_str(j, "password", &in.password, &e) &&
        !api_str(j, "name", &in.name, &e) && !api_str(j, "role", &in.role, &e) && !api_str(j, "phone", &in.phone, &e) &&
        !api_int(j, "unit_id", 0, &in.unit_id, &e) && !api_int(j, "department_id", 0, &in.department_id, &e))
        id = user_create(r->db, &r->user, &in, &e);
    json_decref(j);
    if (id < 0)
        reply_json_error(r, &e);
    else
        reply_user(r, 201, id);
}

void api_users_update(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    struct user_patch p = USER_PATCH_KEEP;
    int ok = j && !api_str(j, "role", &p.role, &e) && !api_int(j, "unit_id", 0, &p.unit_id, &e) &&
             !api_int(j, "department_id", -1, &p.department_id, &e) && !api_bool(j, "active", -1, &p.active, &e) &&
             user_update(r->db, &r->user, r->id[0], &p, &e) == 0;
    json_decref(j);
    if (ok)
        reply_user(r, 200, r->id[0]);
    else
        reply_json_error(r, &e);
}

void api_users_password(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    struct user_patch p = USER_PATCH_KEEP;
    int ok = j && !api_str(j, "password", &p.password, &e) && !api_bool(j, "must_change", 0, &p.must_change, &e);
    if (ok && (!p.password || !*p.password)) {
        err_set(&e, 422, "missing_password", "password", "请填写新密码");
        ok = 0;
    }
    ok = ok && user_update(r->db, &r->user, r->id[0], &p, &e) == 0;
    json_decref(j);
    if (ok)
        reply_user(r, 200, r->id[0]);
    else
        reply_json_error(r, &e);
}

/* An account as GET /api/v1/users lists it. */
#define USER_ITEM_SCHEMA                                                                                           \
    API_OBJ("\"id\":" API_INT ",\"username\":" API_STR ",\"name\":" API_STR ",\"role\":" API_ROLE ",\"unit_id\":" API_INT \
            ",\"unit\":" API_STR ",\"department_id\":" API_INT ",\"department\":" API_STR ",\"active\":" API_BOOL          \
            ",\"must_change_password\":" API_BOOL,                                                               \
            "\"id\",\"username\",\"name\",\"role\",\"unit_id\",\"unit\",\"department_id\",\"department\",\"active\","    \
            "\"must_change_password\"")

/* The descriptions of this file's routes for GET /api/v1/openapi.json (api_doc.h). */
const struct api_doc api_docs_users[] = {
    {"GET", "/api/v1/users", "管辖范围内的账号，分页（?q= 按用户名或姓名查找）；?format= 导出", "q:string " API_PAGING " format:string", NULL, API_LIST(USER_ITEM_SCHEMA), 0, "422:invalid_format", API_FORMATS},
    {"POST", "/api/v1/users", "新建账号", NULL,
     API_OBJ("\"username\":" API_STR ",\"password\":" API_STR ",\"name\":" API_STR ",\"role\":" API_STR ",\"unit_id\":" API_INT
             ",\"department_id\":" API_INT ",\"phone\":" API_STR,
             "\"username\",\"password\",\"name\",\"role\",\"unit_id\""),
     API_OBJ("\"id\":" API_INT ",\"username\":" API_STR ",\"role\":" API_STR ",\"unit_id\":" API_INT, "\"id\",\"username\",\"role\",\"unit_id\""), 201, "409:duplicate_username 422:weak_password 422:invalid_role 422:invalid_unit 422:invalid_department", NULL},
    {"PUT", "/api/v1/users/{id}", "修改账号的角色、单位、部门或状态（结束该账号的全部登录）", NULL,
     API_OBJ("\"role\":" API_STR ",\"unit_id\":" API_INT ",\"department_id\":" API_INT ",\"active\":{\"type\":\"boolean\"}", ""),
     API_OBJ("\"id\":" API_INT ",\"username\":" API_STR ",\"role\":" API_STR ",\"unit_id\":" API_INT, "\"id\",\"username\",\"role\",\"unit_id\""), 0, "404:not_found 403:out_of_scope 422:invalid_role 422:invalid_unit 422:cannot_change_self 422:cannot_deactivate_self",
     NULL},
    {"POST", "/api/v1/users/{id}/password", "重设账号密码（结束该账号的全部登录）", NULL,
     API_OBJ("\"password\":" API_STR ",\"must_change\":{\"type\":\"boolean\"}", "\"password\""), API_OBJ("\"id\":" API_INT ",\"username\":" API_STR ",\"role\":" API_STR ",\"unit_id\":" API_INT, "\"id\",\"username\",\"role\",\"unit_id\""), 0,
     "404:not_found 403:out_of_scope 422:missing_password 422:weak_password", NULL},
    {0},
};
