/*
 * dispatch.c: the one dispatcher that checks route, login, role and CSRF before any handler runs
 * (see dispatch.h). server.c calls it through struct app, so the daemon includes neither the
 * route table nor the pages.
 */
#include "dispatch.h"

#include <microhttpd.h>
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "html.h"
#include "log.h"
#include "routes.h"

/* Loads the user from the bearer token (API) or the session cookie (pages). */
static void authenticate(struct req *r, int api)
{
    const char *sid = NULL;
    if (api) {
        const char *h = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Authorization");
        if (h && strncmp(h, "Bearer ", 7) == 0)
            sid = h + 7;
    } else {
        sid = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, AUTH_COOKIE);
    }
    if (sid && auth_session_load(r->db, sid, api ? "token" : "cookie", &r->user, r->csrf) == 0) {
        r->authed = 1;
        r->via_token = api;
        snprintf(r->session_id, sizeof r->session_id, "%s", sid);
    }
}

/* 1 for the routes a user who must change their password may still use: that change, logout,
   who am I, and the static files. */
static int password_route(const struct route *rt)
{
    static const char *const allowed[] = {"/account/password", "/api/v1/account/password", "/logout", "/api/v1/logout",
                                          "/api/v1/me"};
    for (size_t i = 0; i < sizeof allowed / sizeof *allowed; i++)
        if (strcmp(rt->pattern, allowed[i]) == 0)
            return 1;
    return (rt->flags & ROUTE_PUBLIC) != 0;
}

void dispatch_request(struct req *r)
{
    char allow[64] = "";
    int path_known = 0;
    const char *method = strcmp(r->method, "HEAD") == 0 ? "GET" : r->method;
    const struct route *rt = route_find(method, r->path, r, &path_known, allow, sizeof allow);
    int api = strncmp(r->path, "/api/", 5) == 0;
    if (!rt || r->bad_body) {
        struct err e;
        if (r->bad_body) {
            err_set(&e, 400, "malformed_form", NULL, "表单内容无法解析");
        } else if (path_known) {
            reply_header(r, "Allow", allow);
            err_set(&e, 405, "method_not_allowed", NULL, "不支持此请求方法");
        } else {
            err_set(&e, 404, "not_found", NULL, "页面或资源不存在");
        }
        if (api)
            reply_json_error(r, &e);
        else
            html_error_page(r, &e);
        return;
    }
    r->route = rt;
    r->api_route = (rt->flags & ROUTE_API) != 0;
    r->public_route = (rt->flags & ROUTE_PUBLIC) != 0;
    if (r->too_large) {
        static const char *const why[] = {
            [LIMIT_BODY] = "提交的内容过大（上限 8 MB）",
            [LIMIT_FIELD] = "表单中有字段过长（上限 64 KB）",
            [LIMIT_FIELDS] = "表单字段过多（上限 256 个）",
            [LIMIT_QUERY] = "网址中的查询参数过长或过多（上限 4 KB、64 个）",
        };
        reply_fail(r, 413, "request_too_large", why[r->too_large]);
        return;
    }
    authenticate(r, api);
    log_context(method, rt->pattern, r->authed ? r->user.username : NULL);
    if (!(rt->flags & ROUTE_PUBLIC)) {
        if (!r->authed) {
            if (!api && strcmp(method, "GET") == 0) {
                struct buf loc;
                buf_init(&loc);
                buf_puts(&loc, "/login?next=");
                buf_urlenc(&loc, r->path);
                reply_redirect(r, loc.data);
                buf_free(&loc);
            } else {
                reply_fail(r, 401, "unauthorized", "请先登录");
            }
            return;
        }
        if (!(rt->roles & ROLE_BIT(r->user.role))) {
            reply_fail(r, 403, "forbidden", "您的角色无权进行此操作");
            return;
        }
    }
    if (r->authed && r->user.must_change_password && !password_route(rt)) {
        if (!api && strcmp(method, "GET") == 0)
            reply_redirect(r, "/account/password");
        else
            reply_fail(r, 403, "password_change_required", "管理员要求您先修改密码，请修改后再继续");
        return;
    }
    if (!api && r->authed && req_method_writes(method)) {
        const char *token = req_form(r, "csrf");
        if (!token || !auth_token_equal(token, r->csrf)) {
            reply_fail(r, 403, "csrf_failed", "页面已过期或来源不明，请刷新页面后重试");
            return;
        }
    }
    rt->handler(r);
}
