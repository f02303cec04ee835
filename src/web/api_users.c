/* api_users.c: /api/v1/users (admin): list, create, change (role, unit, department, active) and
   password reset. Thin over user.c. */
#include "api_util.h"
#include "handlers.h"
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
    json_t *items = json_array();
    int64_t total = user_list(r->db, r->user.unit_path, q ? q : "", limit, offset, user_item, items);
    if (total < 0) {
        json_decref(items);
        reply_fail(r, 500, "db_error", "数据库错误");
        return;
    }
    reply_json(r, 200, api_list(items, total));
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
