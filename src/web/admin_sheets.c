/* admin_sheets.c: the administrator's reference lists as sheets (see admin_sheets.h). */
#include "admin_sheets.h"

#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "department.h"
#include "household.h"
#include "money.h"
#include "record_sheets.h"
#include "relief_category.h"
#include "unit.h"
#include "user.h"

/* One account. */
static void user_sheet_row(const struct user_row *u, void *ctx)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)u->id);
    const char *cells[] = {id, u->username, u->name, role_name(u->role), u->unit_name, u->department_name,
                           u->active ? "启用" : "停用", u->must_change_password ? "是" : "否"};
    sheet_row(ctx, cells);
}

int admin_users_sheet(struct req *r, const void *arg, struct sheet *s)
{
    static const char *const heads[] = {"编号", "用户名", "姓名", "角色", "单位", "部门", "状态", "须改密码", NULL};
    sheet_init(s, "账号", heads);
    sheet_int_column(s, 0);
    scope_subtitle(r, s);
    const char *q = arg;
    return user_list(r->db, r->user.unit_path, q ? q : "", LIST_EXPORT_MAX, 0, user_sheet_row, s) < 0 ? -1 : 0;
}

/* One unit, its kind in words. */
static void unit_sheet_row(const struct unit *u, void *ctx)
{
    char id[24], parent[24] = "";
    snprintf(id, sizeof id, "%lld", (long long)u->id);
    if (u->parent_id)
        snprintf(parent, sizeof parent, "%lld", (long long)u->parent_id);
    const char *kind = !strcmp(u->kind, "district") ? "区" : !strcmp(u->kind, "township") ? "镇/街道" : "村/居";
    const char *cells[] = {id, u->name, kind, parent, u->parent_name, u->phone, u->address};
    sheet_row(ctx, cells);
}

int admin_units_sheet(struct req *r, const void *arg, struct sheet *s)
{
    (void)arg;
    static const char *const heads[] = {"编号", "名称", "类型", "上级编号", "上级", "电话", "地址", NULL};
    sheet_init(s, "单位", heads);
    sheet_int_column(s, 0);
    sheet_int_column(s, 3);
    scope_subtitle(r, s);
    return unit_list(r->db, r->user.unit_path, NULL, unit_sheet_row, s) < 0 ? -1 : 0;
}

/* One department. */
static void department_sheet_row(int64_t id, const char *name, int active, void *ctx)
{
    char n[24];
    snprintf(n, sizeof n, "%lld", (long long)id);
    const char *cells[] = {n, name, active ? "在用" : "停用"};
    sheet_row(ctx, cells);
}

int admin_departments_sheet(struct req *r, const void *arg, struct sheet *s)
{
    (void)arg;
    static const char *const heads[] = {"编号", "部门", "状态", NULL};
    sheet_init(s, "评审部门", heads);
    sheet_int_column(s, 0);
    scope_subtitle(r, s);
    return department_list(r->db, department_sheet_row, s) < 0 ? -1 : 0;
}

/* One day of the calendar. */
static void holiday_sheet_row(const char *day, const char *kind, const char *name, void *ctx)
{
    const char *cells[] = {day, strcmp(kind, "off") ? "调休上班" : "放假", name};
    sheet_row(ctx, cells);
}

int admin_holidays_sheet(struct req *r, const void *arg, struct sheet *s)
{
    static const char *const heads[] = {"日期", "类型", "名称", NULL};
    int year = *(const int *)arg;
    char title[48];
    snprintf(title, sizeof title, "工作日历 %d 年", year);
    sheet_init(s, title, heads);
    sheet_date_column(s, 0);
    scope_subtitle(r, s);
    return calendar_list(r->db, year, holiday_sheet_row, s) < 0 ? -1 : 0;
}

/* Room for a category's eligible household kinds joined by 、 */
#define ELIGIBLE_NAMES_SIZE (HC__MAX * 40)

/* One relief category with its amounts in force. */
static void category_sheet_row(const struct relief_category *c, void *ctx)
{
    char id[24], per[24], min[MONEY_TEXT_SIZE], max[MONEY_TEXT_SIZE] = "", who[ELIGIBLE_NAMES_SIZE] = "";
    size_t o = 0;
    for (int k = 0; k < HC__MAX; k++)
        if (c->eligible & (1u << k)) {
            int n = snprintf(who + o, sizeof who - o, "%s%s", o ? "、" : "", hh_category_name(k));
            if (n < 0 || (size_t)n >= sizeof who - o)
                break; /* cannot happen: every name fits the room counted above */
            o += (size_t)n;
        }
    snprintf(id, sizeof id, "%lld", (long long)c->id);
    snprintf(per, sizeof per, "%d", c->per_year);
    sheet_fen(c->min_fen, min);
    if (!c->standard)
        sheet_fen(c->max_fen, max);
    const char *cells[] = {id, c->name, relief_category_public(c), c->any_household ? "所有家庭" : who, per, min, max,
                           c->effective_from, c->active ? "在用" : "停用"};
    sheet_row(ctx, cells);
}

int admin_categories_sheet(struct req *r, const void *arg, struct sheet *s)
{
    const char *as_of = arg;
    static const char *const heads[] = {"编号", "类别", "公示名称", "救助对象", "每年次数", "标准或最低（元）",
                                        "最高（元）", "标准起始日", "状态", NULL};
    sheet_init(s, "救助类别", heads);
    sheet_int_column(s, 0);
    sheet_int_column(s, 4);
    sheet_money_column(s, 5);
    sheet_money_column(s, 6);
    sheet_date_column(s, 7);
    s->widths[3] = 2.4f;
    s->landscape = 1;
    scope_subtitle(r, s);
    char today[11];
    return relief_category_list(r->db, as_of && *as_of ? as_of : date_format(r->today, today), 0, category_sheet_row, s) < 0
               ? -1
               : 0;
}
