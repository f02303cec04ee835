/* page_dashboard.c: servicing tiles, key figures and charts of the staff home page (see page_dashboard.h). */
#include "page_dashboard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "campaign_sheet.h"
#include "clock.h"
#include "fragment_cache.h"
#include "guarantee.h"
#include "household.h"
#include "html.h"
#include "money.h"
#include "portfolio.h"
#include "portfolio_months.h"
#include "relief_fund.h"
#include "relief_report.h"
#include "svg.h"

#define MONTHS 12

void dashboard_tile(struct req *r, const char *label, int64_t n, const char *href, int alert)
{
    int link = html_may_open(r, href);
    if (link)
        html_printf(r, "<a class=\"tile%s\" href=\"%s\">", alert && n ? " alert" : "", href);
    else
        html_printf(r, "<div class=\"tile%s\">", alert && n ? " alert" : "");
    html_raw(r, "<span class=\"figure\">");
    html_count(r, n);
    html_printf(r, "</span><span>%s</span>", label);
    html_raw(r, link ? "</a>" : "</div>");
}

void dashboard_servicing(struct req *r)
{
    enum role ro = r->user.role;
    if (ro == ROLE_REVIEWER || ro == ROLE_RELIEF || ro == ROLE_VILLAGE)
        return;
    int64_t rows, fen;
    portfolio_due_summary(r->db, &r->user, r->today, date_add_days(r->today, 7), &rows, &fen);
    html_raw(r, "<h2>还款与逾期</h2><div class=\"tiles\">");
    char label[96], money[MONEY_TEXT_SIZE];
    snprintf(label, sizeof label, "7天内到期（%s 元）", money_format(fen, money, sizeof money));
    dashboard_tile(r, label, rows, "/due?days=7", 0);
    dashboard_tile(r, "近7天新逾期的贷款", portfolio_newly_overdue(r->db, &r->user, r->today, 7), "/overdue", 1);
    dashboard_tile(r, "可申请代偿的贷款", portfolio_claimable(r->db, &r->user, r->today), "/claims", 1);
    html_raw(r, "</div>");
}

/* A money figure tile. */
static void money_tile(struct req *r, const char *label, int64_t fen)
{
    html_raw(r, "<div class=\"tile\"><span class=\"figure money\">");
    html_money(r, fen);
    html_printf(r, "</span><span>%s</span></div>", label);
}

/* Relief groups collected for a chart (category or village names and amounts). */
struct groups {
    char labels[32][128];
    const char *ptr[32];
    int64_t fen[32];
    int n;
};

/* Collects one report group. */
static void collect_group(const struct relief_report_row *x, void *ctx)
{
    struct groups *g = ctx;
    if (g->n >= 32)
        return;
    snprintf(g->labels[g->n], sizeof g->labels[g->n], "%s", x->key);
    g->ptr[g->n] = g->labels[g->n];
    g->fen[g->n++] = x->amount_fen;
}

/* Writes one fund's balance tile. */
static void fund_tile(const struct relief_fund *f, void *ctx)
{
    char label[96];
    snprintf(label, sizeof label, "%s余额（元）", f->name);
    money_tile(ctx, label, f->balance_fen);
}

void dashboard_figures(struct req *r)
{
    struct portfolio p;
    struct fund_status fs;
    if (portfolio_summary(r->db, &r->user, r->today, r->today, &p) != 0 || guarantee_fund_status(r->db, &fs) != 0)
        return;
    int64_t overdue = 0;
    for (int g = GRADE_SPECIAL_MENTION; g < GRADE__MAX; g++)
        overdue += p.grade_outstanding_fen[g];
    html_raw(r, "<h2>主要指标</h2><div class=\"tiles\">");
    html_raw(r, "<div class=\"tile\"><span class=\"figure\">");
    html_count(r, p.loans);
    html_raw(r, "</span><span>在贷笔数</span></div>");
    money_tile(r, "贷款余额（元）", p.outstanding_fen);
    money_tile(r, "逾期贷款余额（元）", overdue);
    html_printf(r, "<div class=\"tile\"><span class=\"figure\">%.2f%%</span><span>PAR30</span></div>",
                p.outstanding_fen ? 100.0 * (double)p.par30_fen / (double)p.outstanding_fen : 0.0);
    money_tile(r, "担保基金尚可担保（元）", fs.capacity_fen > 0 ? fs.capacity_fen : 0);
    relief_fund_balances(r->db, &r->user, fund_tile, r);
    html_raw(r, "</div><table class=\"list grades\"><thead><tr><th>五级分类</th>");
    for (int g = 0; g < GRADE__MAX; g++)
        html_printf(r, "<th class=\"num\">%s</th>", repay_grade_name((enum loan_grade)g));
    html_raw(r, "</tr></thead><tbody><tr><td>笔数</td>");
    for (int g = 0; g < GRADE__MAX; g++)
        html_printf(r, "<td class=\"num\">%lld</td>", (long long)p.grade_loans[g]);
    html_raw(r, "</tr><tr><td>余额（元）</td>");
    for (int g = 0; g < GRADE__MAX; g++) {
        html_raw(r, "<td class=\"num\">");
        html_money(r, p.grade_outstanding_fen[g]);
        html_raw(r, "</td>");
    }
    html_raw(r, "</tr></tbody></table>");
}

/* 1 when one of the n months is not closed yet (left to the background closer). */
static int months_pending(const struct month_figure *m, int n)
{
    for (int i = 0; i < n; i++)
        if (m[i].pending)
            return 1;
    return 0;
}

void dashboard_charts(struct req *r)
{
    struct month_figure m[MONTHS];
    char month[8]; /* this year's first month: the relief charts read the figures kept per village and month */
    snprintf(month, sizeof month, "%04d-01", r->today.y);
    html_raw(r, "<h2>图表</h2><div class=\"charts\">");
    int have =
        r->user.role != ROLE_RELIEF && portfolio_months(r->db, &r->user, r->today, r->today, MONTHS, 0, m) == MONTHS;
    if (have && months_pending(m, MONTHS)) {
        html_raw(r, "<p class=\"note\">近12个月放款、贷款余额与 PAR30 图表：有月份的月末数字正在后台结算（新的一月开始、"
                    "冲正了以前月份的还款或升级之后），一两分钟后刷新本页即可看到。</p>");
    } else if (have) {
        const char *months[MONTHS];
        int64_t disbursed[MONTHS], outstanding[MONTHS], par[MONTHS];
        for (int i = 0; i < MONTHS; i++) {
            months[i] = m[i].month;
            disbursed[i] = m[i].disbursed_fen;
            outstanding[i] = m[i].outstanding_fen;
            par[i] = m[i].outstanding_fen ? m[i].par30_fen * 10000 / m[i].outstanding_fen : 0;
        }
        svg_months(&r->out, "近12个月放款与贷款余额（元）", months, disbursed, "当月放款", outstanding, "月末贷款余额", MONTHS);
        svg_percent_line(&r->out, "近12个月 PAR30", months, par, MONTHS);
    }
    if (r->user.role != ROLE_REVIEWER && r->user.role != ROLE_LIAISON) {
        struct groups *g = calloc(1, sizeof *g);
        if (g) {
            char title[64];
            relief_month_report(r->db, &r->user, RG_CATEGORY, month, NULL, collect_group, g);
            snprintf(title, sizeof title, "%d年救助发放：按类别（元）", r->today.y);
            svg_hbars(&r->out, title, g->ptr, g->fen, g->n);
            memset(g, 0, sizeof *g);
            relief_month_report(r->db, &r->user, RG_VILLAGE, month, NULL, collect_group, g);
            snprintf(title, sizeof title, "%d年救助发放：按村（元）", r->today.y);
            svg_hbars(&r->out, title, g->ptr, g->fen, g->n);
            free(g);
        }
    }
    html_raw(r, "</div>");
}

void dashboard_registry(struct req *r)
{
    struct household_stats s;
    if (!html_may_open(r, "/households"))
        return;
    html_raw(r, "<h2>计生家庭</h2><div class=\"tiles\">");
    if (household_stats(r->db, &r->user, &s) == 0) {
        dashboard_tile(r, "计生家庭", s.households, "/households", 0);
        dashboard_tile(r, "家庭成员", s.members, "/households", 0);
        for (int c = 0; c < HC__MAX; c++) {
            char href[96];
            snprintf(href, sizeof href, "/households?category=%s", hh_category_code(c));
            dashboard_tile(r, hh_category_name(c), s.by_category[c], href, 0);
        }
    }
    html_raw(r, "</div>");
}

/* One running campaign's progress line. */
static void campaign_progress_line(const struct campaign *c, void *ctx)
{
    struct req *r = ctx;
    char rate[16];
    html_printf(r, "<li><a href=\"/campaigns/%lld\">", (long long)c->id);
    html_text(r, c->name);
    html_raw(r, "</a>（");
    html_text(r, c->unit_name);
    html_printf(r, "，至 %s）：已达标 ", c->to);
    html_count(r, c->households_reached);
    html_raw(r, " / ");
    html_count(r, c->target_households);
    html_printf(r, " 户（%s），帮扶金额 ", campaign_rate(c, rate));
    html_money(r, c->amount_fen);
    html_printf(r, " 元 <progress max=\"%lld\" value=\"%lld\"></progress></li>", (long long)c->target_households,
                (long long)(c->households_reached < c->target_households ? c->households_reached : c->target_households));
}

void dashboard_campaigns(struct req *r)
{
    char today[11];
    if (!html_may_open(r, "/campaigns"))
        return;
    html_raw(r, "<h2>帮扶活动进度</h2><ul class=\"campaigns\">");
    date_format(r->today, today);
    int n = campaign_list(r->db, &r->user, today, today, today, campaign_progress_line, r);
    html_raw(r, "</ul>");
    if (n == 0)
        html_raw(r, "<p class=\"muted\">今天没有进行中的帮扶活动。</p>");
    else if (n < 0)
        html_raw(r, "<p class=\"error\">读取帮扶活动失败。</p>");
    else if (n > CAMPAIGN_LIST_MAX)
        html_printf(r, "<p class=\"muted\">只列出最近 %d 个（共 %d 个），<a href=\"/campaigns\">全部活动</a>。</p>",
                    CAMPAIGN_LIST_MAX, n);
}

/* A dashboard fragment to compute: the request and the function that writes it. */
struct fragment_job {
    struct req *r;
    void (*fn)(struct req *r);
};

/* Writes the fragment into the request's page (out is r->out). */
static void fragment_job_run(void *ctx, struct buf *out)
{
    struct fragment_job *j = ctx;
    (void)out;
    j->fn(j->r);
}

void dashboard_cached(struct req *r, const char *name, void (*fn)(struct req *r))
{
    char key[FRAGMENT_KEY_SIZE];
    time_t at;
    int n = snprintf(key, sizeof key, "%s|%s|%s|%04d-%02d-%02d", name, r->user.unit_path, role_code(r->user.role), r->today.y,
             r->today.m, r->today.d);
    if (n < 0 || (size_t)n >= sizeof key)
        key[0] = '\0'; /* a key cut short could name another scope's figures: computed, never cached */
    struct fragment_job job = {r, fn};
    fragment_fill(key, FRAGMENT_TTL_SECONDS, &r->out, fragment_job_run, &job, &at);
    struct tm tm = clock_china_tm(at);
    html_printf(r, "<p class=\"muted small\">以上数据统计于 %02d:%02d:%02d，一分钟内刷新页面不重新统计。</p>", tm.tm_hour,
                tm.tm_min, tm.tm_sec);
}
