/* page_home.c: the staff home page (工作台): who I am, my unit, the work waiting for me (loans,
   servicing, relief), the key figures and charts (page_dashboard.c), and the registry's figures. */
#include <stdio.h>

#include "handlers.h"
#include "html.h"
#include "loan.h"
#include "notice.h"
#include "page_dashboard.h"
#include "relief.h"

/* One figure tile. */
static void tile(struct req *r, const char *label, int64_t value, const char *href)
{
    html_printf(r, "<a class=\"tile\" href=\"%s\"><span class=\"figure\">%lld</span><span>%s</span></a>", href,
                (long long)value, label);
}

/* Counts a loan filter's matches (the rows themselves are not needed). */
static void no_row(const struct loan_row *l, void *ctx)
{
}

/* The number of applications matching a filter in the user's scope. */
static int64_t loan_count(struct req *r, struct loan_filter f)
{
    struct err e;
    f.limit = 0;
    int64_t n = loan_list(r->db, &r->user, &f, r->today, no_row, NULL, &e);
    return n < 0 ? 0 : n;
}

/* Work waiting for the user: late reviews first, then the queue and the applications to follow up. */
static void work_waiting(struct req *r)
{
    html_raw(r, "<h2>待办事项</h2><div class=\"tiles\">");
    if (r->user.role == ROLE_REVIEWER)
        tile(r, "待我部门评审", loan_count(r, (struct loan_filter){.state = -1, .department = r->user.department_id}),
             "/reviews");
    int64_t late = loan_count(r, (struct loan_filter){.state = -1, .late_only = 1});
    html_printf(r, "<a class=\"tile%s\" href=\"/loans?late=1\"><span class=\"figure\">%lld</span>"
                   "<span>评审超期的申请</span></a>",
                late ? " alert" : "", (long long)late);
    tile(r, "联合评审中", loan_count(r, (struct loan_filter){.state = LS_IN_REVIEW}), "/loans?state=in_review");
    tile(r, "待补充材料", loan_count(r, (struct loan_filter){.state = LS_MORE_INFO}), "/loans?state=more_info");
    tile(r, "材料收集中", loan_count(r, (struct loan_filter){.state = LS_DRAFT}), "/loans?state=draft");
    tile(r, "待办理担保", loan_count(r, (struct loan_filter){.state = LS_APPROVED}), "/loans?state=approved");
    html_raw(r, "</div>");
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
    tile(r, "待村审核", n[RS_APPLIED], "/relief?state=applied");
    tile(r, "待镇审核", n[RS_VERIFIED], "/relief?state=verified");
    tile(r, "待公示", n[RS_REVIEWED], "/notices");
    tile(r, "公示期满待批准", approvable, "/relief?state=in_notice");
    tile(r, "待发放", n[RS_APPROVED], "/relief?state=approved");
    int64_t objections = notice_open_objections(r->db, &r->user);
    html_printf(r, "<a class=\"tile%s\" href=\"/notices\"><span class=\"figure\">%lld</span><span>未处理的公示异议</span></a>",
                objections ? " alert" : "", (long long)objections);
    tile(r, "3天内公示期满", notice_ending_soon(r->db, &r->user, r->today, 3), "/notices");
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
    dashboard_servicing(r);
    relief_waiting(r);
    dashboard_cached(r, "figures", dashboard_figures);
    dashboard_cached(r, "charts", dashboard_charts);
    dashboard_cached(r, "registry", dashboard_registry);
    html_end(r);
}
