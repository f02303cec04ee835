/* page_admin.c: the admin pages: users (list, create, activate/deactivate, reset password) and
   units (tree, create). Thin over user.c and unit.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "department.h"
#include "handlers.h"
#include "html.h"
#include "unit.h"

/* One <option> for a unit. */
static void unit_option(const struct unit *u, void *ctx)
{
    struct req *r = ctx;
    html_printf(r, "<option value=\"%lld\">", (long long)u->id);
    html_text(r, strcmp(u->kind, "district") == 0 ? "" : u->parent_name);
    html_raw(r, strcmp(u->kind, "district") == 0 ? "" : " · ");
    html_text(r, u->name);
    html_raw(r, "</option>");
}

/* One <option> for a department. */
static void department_option(int64_t id, const char *name, int active, void *ctx)
{
    struct req *r = ctx;
    if (!active)
        return;
    html_printf(r, "<option value=\"%lld\">", (long long)id);
    html_text(r, name);
    html_raw(r, "</option>");
}

/* One account in the users table, with its password and activation forms. */
static void user_row(const struct user_row *u, void *ctx)
{
    struct req *r = ctx;
    html_raw(r, "<tr><td><code>");
    html_text(r, u->username);
    html_raw(r, "</code></td><td>");
    html_text(r, u->name);
    html_raw(r, "</td><td>");
    html_text(r, role_name(u->role));
    html_raw(r, "</td><td>");
    html_text(r, u->unit_name);
    html_raw(r, "</td><td>");
    html_text(r, u->department_name);
    html_raw_printf(r, "</td><td>%s</td><td><form method=\"post\" action=\"/admin/users/%lld\" class=\"inline\">",
                u->active ? "启用" : "<span class=\"warn\">停用</span>", (long long)u->id);
    html_csrf(r);
    html_printf(r, "<input type=\"hidden\" name=\"active\" value=\"%d\">"
                   "<input type=\"password\" name=\"password\" placeholder=\"新密码（不改则留空）\" "
                   "autocomplete=\"new-password\" aria-label=\"新密码\"><label class=\"inline\"><input "
                   "type=\"checkbox\" name=\"must_change\" value=\"1\">下次登录须改密码</label>"
                   "<button>保存</button></form> "
                   "<form method=\"post\" action=\"/admin/users/%lld\" class=\"inline\">",
                u->active, (long long)u->id);
    html_csrf(r);
    html_printf(r, "<input type=\"hidden\" name=\"active\" value=\"%d\"><button class=\"link\">%s</button>"
                   "</form></td></tr>",
                !u->active, u->active ? "停用" : "重新启用");
}

void page_users(struct req *r)
{
    html_begin(r, "用户管理");
    html_raw(r, "<h1>用户管理</h1>");
    html_flash(r);
    int limit, offset;
    html_paging(r, &limit, &offset);
    const char *q = req_query(r, "q");
    html_raw(r, "<form class=\"search\" method=\"get\"><label>用户名或姓名<input name=\"q\" type=\"search\" value=\"");
    html_text(r, q);
    html_raw(r, "\"></label><button>搜索</button></form>");
    html_raw(r, "<table class=\"list\"><thead><tr><th>用户名</th><th>姓名</th><th>角色</th><th>单位</th><th>部门</th>"
                "<th>状态</th><th>操作</th></tr></thead><tbody>");
    int64_t total = user_list(r->db, r->user.unit_path, q ? q : "", limit, offset, user_row, r);
    html_raw(r, "</tbody></table>");
    html_pager(r, total, limit, offset, 0);
    html_raw(r, "<h2>新建用户</h2><form method=\"post\" action=\"/admin/users\" class=\"grid\">");
    html_csrf(r);
    html_raw(r, "<label>用户名<input name=\"username\" required pattern=\"[a-z][a-z0-9_.\\-]{2,31}\"></label>"
                "<label>姓名<input name=\"name\" required maxlength=\"30\"></label>"
                "<label>初始密码<input name=\"password\" type=\"password\" required minlength=\"10\" "
                "autocomplete=\"new-password\"></label><label>手机号<input name=\"phone\" maxlength=\"11\"></label>"
                "<label>角色<select name=\"role\">");
    for (int i = 0; i < ROLE__MAX; i++)
        html_printf(r, "<option value=\"%s\">%s</option>", role_code((enum role)i), role_name((enum role)i));
    html_raw(r, "</select></label><label>所属单位<select name=\"unit_id\">");
    unit_list(r->db, r->user.unit_path, NULL, unit_option, r);
    html_raw(r, "</select></label><label>评审部门（仅部门评审员）<select name=\"department_id\"><option value=\"\">无"
                "</option>");
    department_list(r->db, department_option, r);
    html_raw(r, "</select></label><p><button class=\"primary\">创建用户</button></p></form>");
    html_end(r);
}

void page_users_create(struct req *r)
{
    const char *unit = req_form(r, "unit_id"), *dept = req_form(r, "department_id");
    struct user_input in = {.username = req_form(r, "username"), .password = req_form(r, "password"),
                            .name = req_form(r, "name"), .role = req_form(r, "role"), .phone = req_form(r, "phone"),
                            .unit_id = unit ? strtoll(unit, NULL, 10) : 0,
                            .department_id = dept ? strtoll(dept, NULL, 10) : 0};
    struct err e = {0};
    if (user_create(r->db, &r->user, &in, &e) < 0) {
        reply_error(r, &e);
        return;
    }
    reply_redirect(r, "/admin/users?ok=user");
}

void page_users_update(struct req *r)
{
    const char *active = req_form(r, "active");
    struct err e = {0};
    if (user_update(r->db, &r->user, r->id[0], active && !strcmp(active, "1"), req_form(r, "password"),
                    req_form(r, "must_change") != NULL, &e) != 0) {
        reply_error(r, &e);
        return;
    }
    reply_redirect(r, "/admin/users?ok=updated");
}

/* One row of the units table. */
static void unit_row(const struct unit *u, void *ctx)
{
    static const char *const kinds[][2] = {{"district", "区"}, {"township", "镇/街道"}, {"village", "村/居"}};
    struct req *r = ctx;
    html_printf(r, "<tr><td class=\"num\">%lld</td><td>", (long long)u->id);
    html_text(r, u->name);
    html_raw(r, "</td><td>");
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (!strcmp(u->kind, kinds[i][0]))
            html_raw(r, kinds[i][1]);
    html_raw(r, "</td><td>");
    html_text(r, u->parent_name);
    html_raw(r, "</td></tr>");
}

void page_units(struct req *r)
{
    html_begin(r, "单位");
    html_raw(r, "<h1>单位（区 → 镇 → 村）</h1>");
    html_flash(r);
    html_raw(r, "<table class=\"list\"><thead><tr><th class=\"num\">编号</th><th>名称</th><th>类型</th><th>上级</th>"
                "</tr></thead><tbody>");
    unit_list(r->db, r->user.unit_path, NULL, unit_row, r);
    html_raw(r, "</tbody></table><h2>新建单位</h2><form method=\"post\" action=\"/admin/units\" class=\"grid\">");
    html_csrf(r);
    html_raw(r, "<label>名称<input name=\"name\" required maxlength=\"30\"></label><label>类型<select name=\"kind\">"
                "<option value=\"township\">镇/街道</option><option value=\"village\">村/居</option></select></label>"
                "<label>上级单位<select name=\"parent_id\">");
    unit_list(r->db, r->user.unit_path, NULL, unit_option, r);
    html_raw(r, "</select></label><p><button class=\"primary\">创建</button></p></form>");
    html_end(r);
}

void page_units_create(struct req *r)
{
    const char *parent = req_form(r, "parent_id");
    struct err e = {0};
    if (unit_create(r->db, &r->user, req_form(r, "name"), req_form(r, "kind"), parent ? strtoll(parent, NULL, 10) : 0,
                    &e) < 0) {
        reply_error(r, &e);
        return;
    }
    reply_redirect(r, "/admin/units?ok=unit");
}

/* One department row with its activate/deactivate button. */
static void department_row(int64_t id, const char *name, int active, void *ctx)
{
    struct req *r = ctx;
    html_raw(r, "<tr><td>");
    html_text(r, name);
    html_raw_printf(r, "</td><td>%s</td><td><form method=\"post\" action=\"/admin/departments/%lld\" class=\"inline\">",
                active ? "参加评审" : "<span class=\"warn\">已停用</span>", (long long)id);
    html_csrf(r);
    html_printf(r, "<input type=\"hidden\" name=\"active\" value=\"%d\"><button class=\"link\">%s</button></form>"
                   "</td></tr>",
                !active, active ? "停用" : "启用");
}

void page_departments(struct req *r)
{
    html_begin(r, "评审部门");
    html_raw(r, "<h1>联合评审部门</h1><p class=\"muted\">提交评审时，所有“参加评审”的部门都要提出意见；停用的部门不参加之后的评审轮次。</p>");
    html_flash(r);
    html_raw(r, "<table class=\"list\"><thead><tr><th>部门</th><th>状态</th><th></th></tr></thead><tbody>");
    department_list(r->db, department_row, r);
    html_raw(r, "</tbody></table><h2>添加部门</h2><form method=\"post\" action=\"/admin/departments\" class=\"grid\">");
    html_csrf(r);
    html_raw(r, "<label>部门名称<input name=\"name\" required maxlength=\"30\" placeholder=\"农业农村办\"></label>"
                "<p><button class=\"primary\">添加</button></p></form>");
    html_end(r);
}

void page_departments_create(struct req *r)
{
    struct err e = {0};
    if (department_create(r->db, &r->user, req_form(r, "name"), &e) < 0) {
        reply_error(r, &e);
        return;
    }
    reply_redirect(r, "/admin/departments?ok=created");
}

void page_departments_update(struct req *r)
{
    const char *active = req_form(r, "active");
    struct err e = {0};
    if (department_set_active(r->db, &r->user, r->id[0], active && !strcmp(active, "1"), &e) != 0) {
        reply_error(r, &e);
        return;
    }
    reply_redirect(r, "/admin/departments?ok=updated");
}
