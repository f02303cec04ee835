/* page_home.c: the staff home page (工作台): who I am, my unit, the work waiting for me (loans,
   servicing, relief), the key figures and charts (page_dashboard.c), and the registry's figures. */
#include <stdio.h>

#include "handlers.h"
#include "html.h"
#include "loan.h"
#include "loan_more_info.h"
#include "routes.h"

#define MORE_INFO_SHOWN 20 /* the most requests for more material listed on the home page */

/* A page and how many items were written to it. */
struct listed {
    struct req *r;
    int n;
};
#include "notice.h"
#include "page_dashboard.h"
#include "relief.h"

/* The number of applications matching a filter in the user's scope (the count alone: no rows read). */
static int64_t loan_count(struct req *r, struct loan_filter f)
{
    struct err e;
    int64_t n = 0, fen = 0;
    return loan_list_totals(r->db, &r->user, &f, r->today, &n, &fen, &e) == 0 ? n : 0;
}

/* The loan queues of the home page: label, the applications counted, the list they open and the
   roles whose work they are. */
struct loan_queue {
    const char *label;
    struct loan_filter filter;
    const char *href;
    unsigned roles;
    int alert;
};

#define Q_INTAKE (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_ASSOCIATION) | ROLE_BIT(ROLE_VILLAGE) | ROLE_BIT(ROLE_AUDITOR))

/* Work waiting for the user: their department's reviews, late reviews, the application queues of
   the intake roles, and the guaranteed loans waiting for the credit union. */
static void work_waiting(struct req *r)
{
    const struct loan_queue queues[] = {
        {"待我部门评审", {.state = -1, .department = r->user.department_id}, "/reviews", ROLE_BIT(ROLE_REVIEWER), 0},
        {"评审超期的申请", {.state = -1, .late_only = 1}, "/loans?late=1", Q_INTAKE | ROLE_BIT(ROLE_REVIEWER), 1},
        {"联合评审中", {.state = LS_IN_REVIEW}, "/loans?state=in_review", Q_INTAKE, 0},
        {"待补充材料", {.state = LS_MORE_INFO}, "/loans?state=more_info", Q_INTAKE, 1},
        {"材料收集中", {.state = LS_DRAFT}, "/loans?state=draft", Q_INTAKE, 0},
        {"待办理担保", {.state = LS_APPROVED}, "/loans?state=approved", Q_INTAKE | ROLE_BIT(ROLE_FINANCE), 0},
        {"待放款（已担保）", {.state = LS_GUARANTEED}, "/loans?state=guaranteed",
         Q_INTAKE | ROLE_BIT(ROLE_LIAISON) | ROLE_BIT(ROLE_FINANCE), 1},
    };
    int shown = 0;
    for (size_t i = 0; i < sizeof queues / sizeof queues[0]; i++) {
        if (!(queues[i].roles & ROLE_BIT(r->user.role)))
            continue;
        if (!shown++)
            html_raw(r, "<h2>待办事项</h2><div class=\"tiles\">");
        dashboard_tile(r, queues[i].label, loan_count(r, queues[i].filter), queues[i].href, queues[i].alert);
    }
    if (shown)
        html_raw(r, "</div>");
}

/* One request for more material: the application, the department and its reason; the section's
   heading before the first. ctx counts the requests written. */
static void more_info_item(const struct loan_more_info *m, void *ctx)
{
    struct listed *l = ctx;
    struct req *r = l->r;
    if (!l->n++)
        html_raw(r, "<section class=\"more-info\"><h2>评审部门要求补充材料</h2><ul>");
    html_printf(r, "<li><a href=\"/loans/%lld\">第 %lld 号 %s</a>：%s（%s）要求补充材料：%s</li>", (long long)m->id,
                (long long)m->id, m->applicant, m->department, m->reviewer, m->comment);
}

/* For the roles who handle applications: what the departments asked for, with their reasons. */
static void more_info_waiting(struct req *r)
{
    if (!route_allowed("POST", "/loans/1/documents", r->user.role))
        return;
    struct listed l = {r, 0};
    loan_more_info_list(r->db, &r->user, MORE_INFO_SHOWN, more_info_item, &l);
    if (l.n)
        html_raw(r, "</ul></section>");
}

/* Relief waiting for the user: steps by state, notices ending, objections, and the funds. */
static void relief_waiting(struct req *r)
{
    enum role ro = r->user.role;
    if (ro == ROLE_REVIEWER || ro == ROLE_LIAISON)
        return;
    int64_t n[RS__MAX], approvable = 0;
    if (relief_state_counts(r->db, &r->user, r->today, n, &approvable) != 0)
        return;
    html_raw(r, "<h2>救助</h2><div class=\"tiles\">");
    dashboard_tile(r, "待村审核", n[RS_APPLIED], "/relief?state=applied", 0);
    dashboard_tile(r, "待镇审核", n[RS_VERIFIED], "/relief?state=verified", 0);
    dashboard_tile(r, "待公示", n[RS_REVIEWED], "/notices", 0);
    dashboard_tile(r, "公示期满待批准", approvable, "/relief?state=in_notice", 0);
    dashboard_tile(r, "待发放", n[RS_APPROVED], "/relief?state=approved", 0);
    int64_t objections = notice_open_objections(r->db, &r->user);
    dashboard_tile(r, "未处理的公示异议", objections, "/notices", 1);
    dashboard_tile(r, "3天内公示期满", notice_ending_soon(r->db, &r->user, r->today, 3), "/notices", 0);
    html_raw(r, "</div>");
}

void page_home(struct req *r)
{
    html_begin(r, "工作台");
    html_raw(r, "<h1>工作台</h1><p class=\"muted\">");
    html_text(r, r->user.unit_name);
    html_raw(r, " · ");
    html_text(r, role_name(r->user.role));
    html_printf(r, " · 今天是 %04d-%02d-%02d</p>", r->today.y, r->today.m, r->today.d);
    work_waiting(r);
    more_info_waiting(r);
    dashboard_servicing(r);
    relief_waiting(r);
    dashboard_cached(r, "deadlines", dashboard_deadlines);
    dashboard_cached(r, "figures", dashboard_figures);
    dashboard_cached(r, "charts", dashboard_charts);
    dashboard_cached(r, "registry", dashboard_registry);
    dashboard_cached(r, "campaigns", dashboard_campaigns);
    html_end(r);
}
