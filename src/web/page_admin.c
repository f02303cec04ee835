/* page_admin.c: the admin pages: users (list, create, edit: role, unit, department,
   activate/deactivate, reset password), units (tree, create) and departments. Thin over user.c,
   unit.c and department.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_sheets.h"
#include "department.h"
#include "form.h"
#include "handlers.h"
#include "auth.h"
#include "html.h"
#include "report_scope.h"
#include "unit.h"

/* A <select> being filled: the page and the id of the option shown as chosen (0: none). */
struct choice {
    struct req *r;
    int64_t selected;
};

/* One <option> for a unit. */
static void unit_option(const struct unit *u, void *ctx)
{
    const struct choice *c = ctx;
    struct req *r = c->r;
    html_printf(r, "<option value=\"%lld\"%s>", (long long)u->id, u->id == c->selected ? " selected" : "");
    html_text(r, strcmp(u->kind, "district") == 0 ? "" : u->parent_name);
    html_raw(r, strcmp(u->kind, "district") == 0 ? "" : " · ");
    html_text(r, u->name);
    html_raw(r, "</option>");
}

/* One <option> for a department. */
static void department_option(int64_t id, const char *name, int active, void *ctx)
{
    const struct choice *c = ctx;
    struct req *r = c->r;
    if (!active)
        return;
    html_printf(r, "<option value=\"%lld\"%s>", (long long)id, id == c->selected ? " selected" : "");
    html_text(r, name);
    html_raw(r, "</option>");
}

/* One account in the users table, with its password and activation forms. */
static void user_row(const struct user_row *u, void *ctx)
{
    struct req *r = ctx;
    html_printf(r, "<tr><td><a href=\"/admin/users/%lld\"><code>", (long long)u->id);
    html_text(r, u->username);
    html_raw(r, "</code></a></td><td>");
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

/* The unit and department selects of a user form, with the given ones chosen. */
static void placement_selects(struct req *r, int64_t unit_id, int64_t department_id)
{
    struct choice unit = {r, unit_id}, department = {r, department_id};
    html_raw(r, "<label>所属单位<select name=\"unit_id\">");
    unit_list(r->db, r->user.unit_path, NULL, unit_option, &unit);
    html_raw(r, "</select></label><label>评审部门（仅部门评审员）<select name=\"department_id\"><option value=\"\">无"
                "</option>");
    department_list(r->db, department_option, &department);
    html_raw(r, "</select></label>");
}

void page_users(struct req *r)
{
    if (list_export_if_asked(r, admin_users_sheet, req_query(r, "q"), "users.csv"))
        return;
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
    report_format_links(r, "/admin/users", NULL);
    html_raw(r, "<h2>新建用户</h2><form method=\"post\" action=\"/admin/users\" class=\"grid\">");
    html_csrf(r);
    html_raw(r, "<label>用户名<input name=\"username\" required pattern=\"[a-z][a-z0-9_.\\-]{2,31}\"></label>"
                "<label>姓名<input name=\"name\" required maxlength=\"30\"></label>"
                "<label>初始密码<input name=\"password\" type=\"password\" required minlength=\"10\" "
                "autocomplete=\"new-password\"></label><label>手机号<input name=\"phone\" maxlength=\"11\"></label>"
                "<label>角色<select name=\"role\">");
    for (int i = 0; i < ROLE__MAX; i++)
        html_printf(r, "<option value=\"%s\">%s</option>", role_code((enum role)i), role_name((enum role)i));
    html_raw(r, "</select></label>");
    placement_selects(r, 0, 0);
    html_raw(r, "<p><button class=\"primary\">创建用户</button></p></form>");
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

/* The edit form of one account (u holds what is shown: the account, or what was typed when a
   change was refused, with the refusal e next to the form). */
static void user_edit_form(struct req *r, const struct user_row *u, const struct err *e)
{
    html_begin(r, "编辑用户");
    html_raw(r, "<h1>编辑用户 <code>");
    html_text(r, u->username);
    html_raw(r, "</code></h1>");
    html_flash(r);
    if (e)
        html_form_error(r, e);
    html_printf(r, "<p>%s · ", u->name);
    html_text(r, u->unit_name);
    html_raw(r, "</p><p class=\"hint\">修改角色、所属单位或评审部门，重设密码，或停用账号，都会让该用户在所有设备上的登录"
                "（网页和接口令牌）立即失效，需要重新登录。</p>");
    html_printf(r, "<form method=\"post\" action=\"/admin/users/%lld\" class=\"grid\">", (long long)u->id);
    html_csrf(r);
    html_raw(r, "<label>角色<select name=\"role\">");
    for (int i = 0; i < ROLE__MAX; i++)
        html_printf(r, "<option value=\"%s\"%s>%s</option>", role_code((enum role)i),
                    (int)u->role == i ? " selected" : "", role_name((enum role)i));
    html_raw(r, "</select></label>");
    placement_selects(r, u->unit_id, u->department_id);
    html_printf(r, "<label>状态<select name=\"active\"><option value=\"1\"%s>启用</option>"
                   "<option value=\"0\"%s>停用</option></select></label>"
                   "<label>新密码（不改则留空）<input type=\"password\" name=\"password\" minlength=\"%d\" "
                   "autocomplete=\"new-password\"></label><label class=\"inline\"><input type=\"checkbox\" "
                   "name=\"must_change\" value=\"1\"%s>下次登录须改密码</label>"
                   "<p><button class=\"primary\">保存</button> <a href=\"/admin/users\">返回用户列表</a></p></form>",
                u->active ? " selected" : "", u->active ? "" : " selected", AUTH_PASSWORD_MIN,
                u->must_change_password ? " checked" : "");
    if (e)
        r->status = e->status;
    html_end(r);
}

void page_user_edit(struct req *r)
{
    struct err e = {0};
    struct user_row u;
    if (user_get(r->db, r->user.unit_path, r->id[0], &u, &e) != 0) {
        reply_error(r, &e);
        return;
    }
    user_edit_form(r, &u, NULL);
}

/* The change a user form asks for: fields not in the form keep their value. */
static struct user_patch user_form_patch(const struct req *r)
{
    struct user_patch p = USER_PATCH_KEEP;
    const char *active = req_form(r, "active"), *unit = req_form(r, "unit_id"), *dept = req_form(r, "department_id");
    if (active)
        p.active = strcmp(active, "1") == 0;
    p.role = req_form(r, "role");
    p.unit_id = unit ? strtoll(unit, NULL, 10) : 0;
    if (dept)
        p.department_id = strtoll(dept, NULL, 10);
    p.password = req_form(r, "password");
    p.must_change = req_form(r, "must_change") != NULL;
    return p;
}

void page_users_update(struct req *r)
{
    struct user_patch p = user_form_patch(r);
    struct err e = {0};
    if (user_update(r->db, &r->user, r->id[0], &p, &e) == 0) {
        reply_redirect(r, "/admin/users?ok=updated");
        return;
    }
    struct user_row u;
    struct err missing = {0};
    if (e.status == 404 || user_get(r->db, r->user.unit_path, r->id[0], &u, &missing) != 0) {
        reply_error(r, &e);
        return;
    }
    /* the form again with what was typed (never the password) */
    int role = p.role ? role_parse(p.role) : (int)u.role;
    u.role = role >= 0 ? (enum role)role : u.role;
    u.unit_id = p.unit_id ? p.unit_id : u.unit_id;
    u.department_id = p.department_id >= 0 ? p.department_id : u.department_id;
    u.active = p.active >= 0 ? p.active : u.active;
    u.must_change_password = p.must_change;
    user_edit_form(r, &u, &e);
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

/* The units page, with e after a refused new unit. */
static void units_page(struct req *r, const struct err *e)
{
    html_begin(r, "单位");
    html_raw(r, "<h1>单位（区 → 镇 → 村）</h1>");
    html_flash(r);
    if (e)
        html_form_error(r, e);
    html_raw(r, "<table class=\"list\"><thead><tr><th class=\"num\">编号</th><th>名称</th><th>类型</th><th>上级</th>"
                "</tr></thead><tbody>");
    unit_list(r->db, r->user.unit_path, NULL, unit_row, r);
    html_raw(r, "</tbody></table>");
    report_format_links(r, "/admin/units", NULL);
    html_raw(r, "<h2>新建单位</h2><form method=\"post\" action=\"/admin/units\" class=\"grid\">");
    html_csrf(r);
    const char *f = "/admin/units", *parent = form_echo(r, f, "parent_id", "0");
    html_printf(r, "<label>名称<input name=\"name\" required maxlength=\"30\" value=\"%s\">", form_echo(r, f, "name", ""));
    form_field_error(r, "name");
    html_printf(r, "</label><label>类型<select name=\"kind\"><option value=\"township\">镇/街道</option>"
                   "<option value=\"village\"%s>村/居</option></select></label><label>上级单位<select name=\"parent_id\">",
                form_echo_checked(r, f, "kind", "village", 0) ? " selected" : "");
    struct choice none = {r, strtoll(parent, NULL, 10)};
    unit_list(r->db, r->user.unit_path, NULL, unit_option, &none);
    html_raw(r, "</select></label><p><button class=\"primary\">创建</button></p></form>");
    html_end(r);
}

void page_units(struct req *r)
{
    if (list_export_if_asked(r, admin_units_sheet, NULL, "units.csv"))
        return;
    units_page(r, NULL);
}

void page_units_create(struct req *r)
{
    const char *parent = req_form(r, "parent_id");
    struct err e = {0};
    if (unit_create(r->db, &r->user, req_form(r, "name"), req_form(r, "kind"), parent ? strtoll(parent, NULL, 10) : 0,
                    &e) < 0) {
        units_page(r, &e);
        r->status = e.status;
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

/* The departments page, with e after a refused new department. */
static void departments_page(struct req *r, const struct err *e)
{
    html_begin(r, "评审部门");
    html_raw(r, "<h1>联合评审部门</h1><p class=\"muted\">提交评审时，所有“参加评审”的部门都要提出意见；停用的部门不参加之后的评审轮次。</p>");
    html_flash(r);
    if (e)
        html_form_error(r, e);
    html_raw(r, "<table class=\"list\"><thead><tr><th>部门</th><th>状态</th><th></th></tr></thead><tbody>");
    department_list(r->db, department_row, r);
    html_raw(r, "</tbody></table>");
    report_format_links(r, "/admin/departments", NULL);
    html_raw(r, "<h2>添加部门</h2><form method=\"post\" action=\"/admin/departments\" class=\"grid\">");
    html_csrf(r);
    html_printf(r, "<label>部门名称<input name=\"name\" required maxlength=\"30\" placeholder=\"农业农村办\" value=\"%s\">",
                form_echo(r, "/admin/departments", "name", ""));
    form_field_error(r, "name");
    html_raw(r, "</label><p><button class=\"primary\">添加</button></p></form>");
    html_end(r);
}

void page_departments(struct req *r)
{
    if (list_export_if_asked(r, admin_departments_sheet, NULL, "departments.csv"))
        return;
    departments_page(r, NULL);
}

void page_departments_create(struct req *r)
{
    struct err e = {0};
    if (department_create(r->db, &r->user, req_form(r, "name"), &e) < 0) {
        departments_page(r, &e);
        r->status = e.status;
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
