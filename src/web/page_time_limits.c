/* page_time_limits.c: the time limits of every service (办理时限, set by the admin) and the
   dashboard's lists of what is due soon and what is late (限时办结). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "handlers.h"
#include "html.h"
#include "page_dashboard.h"
#include "report_scope.h"
#include "routes.h"
#include "sheet.h"
#include "time_limit_view.h"

#define DEADLINES_SHOWN 20 /* the most due-soon and late cases the home page lists */

/* The limits page, with a refusal shown next to the service's field. */
static void limits_page(struct req *r, const struct err *shown)
{
    html_begin(r, "办理时限");
    html_raw(r, "<div class=\"titlebar\"><h1>办理时限</h1><span>");
    html_link(r, "/reports/timeliness", "限时办结情况");
    html_raw(r, "</span></div><p class=\"muted\">各项服务从受理到办结的时限，按工作日计算：周末和法定节假日不计，"
                "调休上班日计入（节假日在");
    html_link(r, "/admin/holidays", "工作日历");
    html_raw(r, "中维护）。</p>");
    html_flash(r);
    if (shown)
        html_form_error(r, shown);
    int admin = route_allowed("POST", "/time-limits", r->user.role);
    html_raw(r, "<table class=\"list\"><thead><tr><th>服务</th><th class=\"num\">时限（工作日）</th></tr></thead><tbody>");
    for (int s = 0; s < TL__MAX; s++) {
        const char *code = timelimit_service_code(s);
        html_printf(r, "<tr><td>%s</td><td class=\"num\">", timelimit_service_name(s));
        if (!admin) {
            html_printf(r, "%d</td></tr>", timelimit_days(r->db, code));
            continue;
        }
        int mine = shown && form_posted(r, "/time-limits") && req_form(r, "service") && timelimit_service_parse(req_form(r, "service")) == s;
        char days[16];
        snprintf(days, sizeof days, "%d", timelimit_days(r->db, code));
        html_printf(r, "<form method=\"post\" action=\"/time-limits\" class=\"inline\"><input type=\"hidden\" name=\"service\" "
                       "value=\"%s\"><input name=\"days\" type=\"number\" min=\"1\" max=\"%d\" required aria-label=\"%s\" value=\"%s\">",
                    code, TIMELIMIT_MAX_DAYS, timelimit_service_name(s), mine ? form_echo(r, "/time-limits", "days", days) : days);
        html_csrf(r);
        if (mine)
            form_field_error(r, "days");
        html_raw(r, "<button>保存</button></form></td></tr>");
    }
    html_printf(r, "</tbody></table><p class=\"muted\">工作台“即将到期”列出 %d 个工作日内到期的事项。</p>",
                timelimit_due_soon_days(r->db));
    html_end(r);
    if (shown)
        r->status = shown->status;
}

void page_time_limits(struct req *r)
{
    limits_page(r, NULL);
}

void page_time_limit_set(struct req *r)
{
    struct err e = {0};
    const char *days = req_form(r, "days");
    if (timelimit_set(r->db, &r->user, req_form(r, "service"), days && *days ? strtoll(days, NULL, 10) : 0, &e) != 0)
        limits_page(r, &e);
    else
        reply_redirect(r, "/time-limits?ok=updated");
}

/* The cases listed: the page and how many rows so far. */
struct listed_cases {
    struct req *r;
    int n;
};

/* Writes a case's row (its head before the first). */
static void deadline_row(const struct timeliness_case *c, void *ctx)
{
    struct listed_cases *l = ctx;
    struct req *r = l->r;
    char href[TIME_LIMIT_HREF_SIZE], due[11], started[11];
    if (!l->n++)
        html_raw(r, "<table class=\"list deadlines\"><thead><tr><th>事项</th><th>环节</th><th>单位</th><th>开始</th>"
                    "<th>办理期限</th><th>经办人（A角）</th><th>B角</th></tr></thead><tbody>");
    html_printf(r, "<tr><td><a href=\"%s\">第 %lld 号</a></td><td>%s</td><td>", time_limit_case_href(c, href),
                (long long)c->case_id, timelimit_service_name(c->service));
    html_text(r, c->unit);
    html_printf(r, "</td><td>%s</td>", date_format(c->started_on, started));
    html_raw(r, c->late ? "<td class=\"alert\">" : "<td>");
    html_printf(r, "%s</td><td>", date_format(c->due_on, due));
    html_text(r, c->handler_id ? c->handler : "未指定");
    html_raw(r, "</td><td>");
    html_text(r, c->backup_id ? c->backup : "未指定");
    html_raw(r, "</td></tr>");
}

/* Writes one list (late, or due soon) of at most `limit` cases from offset; returns the total or -1. */
static int64_t deadline_table(struct req *r, int late, int limit, int offset)
{
    struct timeliness_open_query q = time_limit_query(r, late, limit, offset);
    struct listed_cases l = {r, 0};
    int64_t total = timeliness_open(r->db, &r->user, r->today, &q, deadline_row, &l);
    if (l.n)
        html_raw(r, "</tbody></table>");
    else if (total >= 0)
        html_raw(r, late ? "<p class=\"muted\">没有超期的事项。</p>" : "<p class=\"muted\">近期没有到期的事项。</p>");
    if (total < 0)
        html_raw(r, "<p class=\"alert\">办理期限读取失败，请稍后再试。</p>");
    return total;
}

void dashboard_deadlines(struct req *r)
{
    if (!time_limit_openable(r))
        return;
    html_raw(r, "<h2>限时办结</h2>");
    for (int late = 1; late >= 0; late--) {
        if (late)
            html_raw(r, "<h3>已超期</h3>");
        else
            html_printf(r, "<h3>%d 个工作日内到期</h3>", timelimit_due_soon_days(r->db));
        int64_t total = deadline_table(r, late, DEADLINES_SHOWN, 0);
        if (total > DEADLINES_SHOWN)
            html_printf(r, "<p class=\"muted\">共 %lld 件，这里列出期限最早的 %d 件，<a href=\"/deadlines%s\">查看全部</a>。</p>",
                        (long long)total, DEADLINES_SHOWN, late ? "?late=1" : "");
    }
}

/* Adds an open case's row to the sheet ctx. */
static void sheet_case(const struct timeliness_case *c, void *ctx)
{
    char id[SHEET_NUM_SIZE], started[11], due[11];
    const char *cells[] = {sheet_num(c->case_id, id), timelimit_service_name(c->service), c->unit,
                           date_format(c->started_on, started), date_format(c->due_on, due),
                           c->handler_id ? c->handler : "未指定", c->backup_id ? c->backup : "未指定"};
    sheet_row(ctx, cells);
}

int deadline_export(struct req *r, int late)
{
    if (!sheet_asks_for(r, "csv") && !sheet_asks_for(r, "xlsx") && !sheet_asks_for(r, "pdf"))
        return 0;
    static const char *const heads[] = {"编号", "环节", "单位", "开始", "办理期限", "经办人（A角）", "B角", NULL};
    struct sheet s;
    sheet_init(&s, late ? "已超期的事项" : "即将到期的事项", heads);
    sheet_int_column(&s, 0);
    sheet_date_column(&s, 3);
    sheet_date_column(&s, 4);
    s.widths[2] = 2;
    struct timeliness_open_query q = time_limit_query(r, late, INT32_MAX, 0);
    char day[11], until[11];
    if (sheet_scope_subtitle(&s, r, late ? "%s 已过办理期限未办结" : "%s 至 %s 到期未办结", date_format(r->today, day),
                             date_format(q.due_to, until)) != 0 ||
        timeliness_open(r->db, &r->user, r->today, &q, sheet_case, &s) < 0)
        reply_fail(r, 500, "internal", "办理期限读取失败，请稍后再试");
    else
        sheet_reply_by_format(r, &s, late ? "late.csv" : "due-soon.csv");
    sheet_free(&s);
    return 1;
}

void page_deadlines(struct req *r)
{
    const char *l = req_query(r, "late");
    int late = l && !strcmp(l, "1"), limit, offset;
    if (deadline_export(r, late))
        return;
    html_paging(r, &limit, &offset);
    html_begin(r, late ? "已超期的事项" : "即将到期的事项");
    html_printf(r, "<div class=\"titlebar\"><h1>%s</h1><span><a href=\"/deadlines%s\">%s</a> · ",
                late ? "已超期的事项" : "即将到期的事项", late ? "" : "?late=1", late ? "即将到期的事项" : "已超期的事项");
    html_link(r, "/reports/timeliness", "限时办结情况");
    html_raw(r, "</span></div>");
    if (!late)
        html_printf(r, "<p class=\"muted\">今天起 %d 个工作日内到期、尚未办结的事项。</p>", timelimit_due_soon_days(r->db));
    int64_t total = deadline_table(r, late, limit, offset);
    if (total >= 0)
        html_pager(r, total, limit, offset, 0);
    report_format_links(r, "/deadlines", NULL);
    html_end(r);
}
