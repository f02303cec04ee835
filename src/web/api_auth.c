/* api_auth.c: POST /api/v1/login (bearer tokens), POST /api/v1/logout, GET /api/v1/me and
   POST /api/v1/account/password (one's own password). */
#include "api_doc.h"
#include "api_util.h"
#include "auth.h"
#include "handlers.h"

/* The user as API JSON. */
static json_t *user_json(const struct user_ctx *u)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:I, s:s, s:I}", "id", (json_int_t)u->id, "username", u->username, "name",
                     u->name, "role", role_code(u->role), "unit_id", (json_int_t)u->unit_id, "unit", u->unit_name,
                     "department_id", (json_int_t)u->department_id);
}

void api_login(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *username = NULL, *password = NULL;
    if (!j || api_str(j, "username", &username, &e) || api_str(j, "password", &password, &e)) {
        json_decref(j);
        reply_json_error(r, &e);
        return;
    }
    char sid[65];
    struct user_ctx u;
    if (!username || !password) {
        err_set(&e, 422, "missing_credentials", !username ? "username" : "password", "请提供用户名和密码");
    } else if (auth_login(r->db, username, password, "token", sid, &u, &e) == 0) {
        reply_json(r, 200, json_pack("{s:s, s:o}", "token", sid, "user", user_json(&u)));
        json_decref(j);
        return;
    }
    json_decref(j);
    reply_json_error(r, &e);
}

void api_logout(struct req *r)
{
    auth_logout(r->db, r->session_id);
    reply_json(r, 200, json_pack("{s:b}", "ok", 1));
}

void api_password_change(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *old_password = NULL, *new_password = NULL;
    if (j && !api_str(j, "old_password", &old_password, &e) && !api_str(j, "new_password", &new_password, &e) &&
        auth_change_password(r->db, &r->user, r->session_id, old_password, new_password, &e) == 0)
        reply_json(r, 200, json_pack("{s:b}", "ok", 1));
    else
        reply_json_error(r, &e);
    json_decref(j);
}

void api_me(struct req *r)
{
    reply_json(r, 200, user_json(&r->user));
}

/* The descriptions of this file's routes for GET /api/v1/openapi.json (api_doc.h). */
const struct api_doc api_docs_auth[] = {
    {"POST", "/api/v1/login", "登录，取得令牌（Bearer）", NULL, API_OBJ("\"username\":" API_STR ",\"password\":" API_STR, "\"username\",\"password\""), API_OBJ("\"token\":" API_STR ",\"user\":" API_OBJ("\"id\":" API_INT ",\"username\":" API_STR ",\"name\":" API_STR ",\"role\":" API_ROLE ",\"unit_id\":" API_INT ",\"unit\":" API_STR ",\"department_id\":" API_INT "", "\"id\",\"username\",\"name\",\"role\",\"unit_id\",\"unit\",\"department_id\"") "", "\"token\",\"user\""), 0, "401:bad_credentials 429:login_throttled", NULL},
    {"POST", "/api/v1/logout", "退出登录，令牌作废", NULL, NULL, API_OBJ("\"ok\":{\"enum\":[true]}", "\"ok\""), 0, NULL, NULL},
    {"GET", "/api/v1/me", "当前用户（角色、单位、部门）", NULL, NULL, API_OBJ("\"id\":" API_INT ",\"username\":" API_STR ",\"name\":" API_STR ",\"role\":" API_ROLE ",\"unit_id\":" API_INT ",\"unit\":" API_STR ",\"department_id\":" API_INT "", "\"id\",\"username\",\"name\",\"role\",\"unit_id\",\"unit\",\"department_id\""), 0, NULL, NULL},
    {"POST", "/api/v1/account/password", "修改自己的密码", NULL, API_OBJ("\"old_password\":" API_STR ",\"new_password\":" API_STR, "\"old_password\",\"new_password\""), API_OBJ("\"ok\":{\"enum\":[true]}", "\"ok\""), 0, "401:bad_old_password 422:weak_password 422:invalid_type", NULL},
    {0},
};
