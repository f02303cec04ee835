/* page_auth.c: the login form, login and logout for browsers, the health check and embedded
   static files. */
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "embedded.h"
#include "handlers.h"
#include "html.h"

/* Only local paths are followed after login (no open redirect). */
static const char *safe_next(const char *next)
{
    if (!next || next[0] != '/' || next[1] == '/')
        return "/home";
    for (const char *c = next; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f || *c == '\\')
            return "/home"; /* browsers drop tabs and newlines and read \ as /: "/\t/x" is "//x" */
    return next;
}

/* Renders the login form, with an error when a login was refused. */
static void login_form(struct req *r, const struct err *e, const char *username)
{
    html_begin(r, "登录");
    html_raw(r, "<section class=\"login card\"><h1>工作人员登录</h1>");
    if (e)
        html_form_error(r, e);
    html_raw(r, "<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"next\" value=\"");
    html_text(r, safe_next(req_query(r, "next") ? req_query(r, "next") : req_form(r, "next")));
    html_raw(r, "\"><label>用户名<input name=\"username\" autocomplete=\"username\" required autofocus value=\"");
    html_text(r, username);
    html_raw(r, "\"></label><label>密码<input type=\"password\" name=\"password\" "
                "autocomplete=\"current-password\" required></label>"
                "<button class=\"primary\">登录</button></form></section>");
    if (e)
        r->status = e->status;
    html_end(r);
}

void page_login_form(struct req *r)
{
    if (r->authed) {
        reply_redirect(r, "/home");
        return;
    }
    login_form(r, NULL, "");
}

void page_login(struct req *r)
{
    const char *username = req_form(r, "username"), *password = req_form(r, "password");
    struct err e = {0};
    char sid[65];
    struct user_ctx u;
    if (!username || !password || !*username || !*password) {
        err_set(&e, 422, "missing_credentials", NULL, "请输入用户名和密码");
        login_form(r, &e, username ? username : "");
        return;
    }
    if (auth_login(r->db, username, password, "cookie", sid, &u, &e) != 0) {
        login_form(r, &e, username);
        return;
    }
    char cookie[256];
    snprintf(cookie, sizeof cookie, "%s=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%d", AUTH_COOKIE, sid,
             (int)db_param_int(r->db, "session_hours", 8) *
                 3600);
    reply_header(r, "Set-Cookie", cookie);
    reply_redirect(r, safe_next(req_form(r, "next")));
}

void page_logout(struct req *r)
{
    auth_logout(r->db, r->session_id);
    reply_header(r, "Set-Cookie", AUTH_COOKIE "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    reply_redirect(r, "/login");
}

/* The form to change one's own password, with an error when a change was refused. */
static void password_form(struct req *r, const struct err *e)
{
    html_begin(r, "修改密码");
    html_raw(r, "<section class=\"card\"><h1>修改密码</h1>");
    if (r->user.must_change_password)
        html_raw(r, "<p class=\"warn\">管理员要求您先设置新密码，然后才能继续使用系统。</p>");
    html_flash(r);
    if (e)
        html_form_error(r, e);
    html_raw(r, "<form method=\"post\" action=\"/account/password\" class=\"grid\">");
    html_csrf(r);
    html_printf(r, "<label>原密码<input type=\"password\" name=\"old_password\" autocomplete=\"current-password\" "
                   "required></label><label>新密码<input type=\"password\" name=\"new_password\" minlength=\"%d\" "
                   "autocomplete=\"new-password\" required></label><p class=\"hint\">至少 %d 个字符，包含至少两类字符"
                   "（字母、数字、符号），不能是用户名或常见密码。修改后，您在其他设备上的登录将失效。</p>"
                   "<button class=\"primary\">保存新密码</button></form></section>",
                AUTH_PASSWORD_MIN, AUTH_PASSWORD_MIN);
    if (e)
        r->status = e->status;
    html_end(r);
}

void page_password_form(struct req *r)
{
    password_form(r, NULL);
}

void page_password_change(struct req *r)
{
    struct err e = {0};
    if (auth_change_password(r->db, &r->user, r->session_id, req_form(r, "old_password"), req_form(r, "new_password"),
                             &e) != 0) {
        password_form(r, &e);
        return;
    }
    reply_redirect(r, "/account/password?ok=updated");
}

void page_healthz(struct req *r)
{
    buf_puts(&r->out, "ok\n");
    r->content_type = "text/plain; charset=utf-8";
    r->status = 200;
}

/* Content type by file extension. */
static const char *asset_type(const char *name)
{
    static const struct {
        const char *ext, *type;
    } types[] = {{".css", "text/css; charset=utf-8"},
                 {".js", "text/javascript; charset=utf-8"},
                 {".svg", "image/svg+xml"},
                 {".png", "image/png"},
                 {".ico", "image/x-icon"}};
    const char *dot = strrchr(name, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(dot, types[i].ext) == 0)
            return types[i].type;
    return "application/octet-stream";
}

void page_static(struct req *r)
{
    for (int i = 0; i < embedded_assets_count; i++) {
        if (strcmp(embedded_assets[i].name, r->str) == 0) {
            buf_put(&r->out, embedded_assets[i].data, embedded_assets[i].len);
            r->content_type = asset_type(r->str);
            r->status = 200;
            reply_header(r, "Cache-Control", "public, max-age=3600");
            return;
        }
    }
    reply_fail(r, 404, "not_found", "文件不存在");
}
