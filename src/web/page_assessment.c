/* page_assessment.c: the assessment (考核) pages: the staff sheet of a quarter or month for the
   user's scope (page, CSV, Excel, PDF), the public summary for the 公示栏 (rates and scores, no
   personal data; rate-limited, public_limit.h, and kept per quarter, fragment_cache.h), and the
   admin's weights. Thin over assessment.c and assessment_sheet.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assessment_sheet.h"
#include "clock.h"
#include "fragment_cache.h"
#include "form.h"
#include "handlers.h"
#include "html.h"
#include "public_limit.h"
#include "report_scope.h"

/* How long the public board of a quarter is kept at most (it is recomputed sooner after a write). */
#define ASSESS_PUBLIC_TTL_SECONDS 600

void page_assessment(struct req *r)
{
    struct assessment a;
    struct sheet s;
    if (assessment_open(r, &a, &s))
        return;
    html_begin(r, "工作考核");
    html_raw(r, "<h1>工作考核</h1><p class=\"muted\">按季度或月份考核各镇、村的帮富工作：结对、走访、培训、信息服务、"
                "贷款和救助办理及时、投诉满意、贷款逾期，按管理员设定的权重计分（满分 100）。</p>");
    report_quarter_links(r, "/reports/assessment", a.period.code, 0);
    html_printf(r, "<form class=\"search\" method=\"get\" action=\"/reports/assessment\"><label>或按月份"
                   "<input type=\"month\" name=\"month\" value=\"%s\"></label>",
                strchr(a.period.code, 'Q') ? "" : a.period.code);
    report_unit_select(r);
    html_raw(r, "<button>考核</button></form><p class=\"muted\">");
    html_text(r, s.subtitle);
    html_raw(r, "</p>");
    sheet_html(r, &s);
    report_format_links(r, "/reports/assessment", NULL);
    html_raw(r, "<p class=\"muted\">");
    html_text(r, s.after[0]);
    html_raw(r, "。计分方法见用户手册“工作考核”一章。</p>");
    if (s.after[1][0]) {
        html_raw(r, "<p class=\"muted\">");
        html_text(r, s.after[1]);
        html_raw(r, "。</p>");
    }
    html_end(r);
    assessment_close(&a, &s);
}

/* What the public board's fill works from: the request (its database and page) and the period. */
struct public_board {
    struct req *r;
    const struct assess_period *period;
    int failed;
};

/* Computes the board of the district for the period into the page (fragment_fill's fill; out is
   the page's buffer). On failure writes an apology and marks it failed (it is then not kept). */
static void public_board_fill(void *ctx, struct buf *out)
{
    struct public_board *b = ctx;
    struct req *r = b->r;
    struct assessment a = {.period = *b->period};
    struct err e = {0};
    (void)out;
    if (assessment_compute(r->db, "/", 0, &a, &e) != 0) {
        html_raw(r, "<p class=\"error\">统计失败，请稍后再试。</p>");
        b->failed = 1;
        return;
    }
    struct sheet s;
    assessment_public_sheet(&a, &s);
    html_raw(r, "<h1>");
    html_text(r, s.title);
    html_raw(r, "</h1><p class=\"muted\">");
    html_text(r, s.subtitle);
    html_raw(r, "</p>");
    report_quarter_links(r, "/public/assessment", a.period.code, 1);
    sheet_html(r, &s);
    html_raw(r, "<p class=\"muted\">");
    html_text(r, s.after[0]);
    html_raw(r, "。“—”表示该项没有可计算的基数。</p>");
    sheet_free(&s);
    assessment_free(&a);
}

void page_assessment_public(struct req *r)
{
    static const char *const answers[] = {"fresh", "stale", "waited", "filled", "uncached"};
    struct assess_period p;
    if (public_limit_refused(r) || assessment_period_read(r, 1, &p) != 0)
        return;
    /* kept per quarter until ASSESS_PUBLIC_TTL_SECONDS old or until anything is written (every
       write is audited, so the last audit entry names the data's state) */
    char key[FRAGMENT_KEY_SIZE];
    snprintf(key, sizeof key, "public-assessment|%s|%lld", p.code,
             (long long)db_int(r->db, 0, "SELECT coalesce(max(id), 0) FROM audit_log", ""));
    struct public_board b = {r, &p, 0};
    time_t at;
    html_begin(r, "考核公示");
    html_raw(r, "<section class=\"public\">");
    enum fragment_answer got = fragment_fill(key, ASSESS_PUBLIC_TTL_SECONDS, &r->out, public_board_fill, &b, &at);
    if (b.failed)
        fragment_forget(key);
    reply_header(r, "X-Bangfu-Cache", answers[got]);
    struct tm tm = clock_china_tm(at);
    html_printf(r, "<p class=\"muted small\">以上数据统计于 %04d-%02d-%02d %02d:%02d，有新的记录时重新统计。</p>"
                   "<p><a href=\"/\">返回公示公告</a></p></section>",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
    html_end(r);
}

/* The weights page, with a refusal shown (NULL none) and what was typed kept. */
static void weights_page(struct req *r, const struct err *shown)
{
    struct assess_weights w;
    assess_weights_get(r->db, &w);
    html_begin(r, "考核权重");
    html_raw(r, "<h1>考核权重</h1><p class=\"muted\">七项比率各乘以权重后相加即为得分；权重为 0 到 100 的整数，合计 100。"
                "改动后所有考核表（包括已经过去的季度）按新权重计算。</p>");
    html_flash(r);
    if (shown)
        html_form_error(r, shown);
    html_raw(r, "<form method=\"post\" action=\"/admin/assessment-weights\" class=\"grid\">");
    html_csrf(r);
    for (int i = 0; i < AS__ITEMS; i++) {
        char now[8];
        snprintf(now, sizeof now, "%d", w.w[i]);
        html_printf(r, "<label>%s<input name=\"%s\" type=\"number\" min=\"0\" max=\"100\" required value=\"%s\">",
                    assess_item_name(i), assess_item_code(i), form_echo(r, "/assessment-weights", assess_item_code(i), now));
        form_field_error(r, assess_item_code(i));
        html_raw(r, "</label>");
    }
    html_raw(r, "<p class=\"wide\">");
    form_field_error(r, "weights");
    html_raw(r, "<button class=\"primary\">保存权重</button></p></form>");
    html_end(r);
    if (shown)
        r->status = shown->status;
}

void page_assessment_weights(struct req *r)
{
    weights_page(r, NULL);
}

void page_assessment_weights_save(struct req *r)
{
    struct assess_weights w;
    struct err e = {0};
    int bad = 0;
    for (int i = 0; i < AS__ITEMS && !bad; i++) {
        const char *v = req_form(r, assess_item_code(i));
        char *end = NULL;
        long n = v ? strtol(v, &end, 10) : -1;
        if (!v || !*v || *end || n < 0 || n > 100)
            bad = err_set(&e, 422, "invalid_weight", assess_item_code(i), "%s的权重应为 0 到 100 的整数",
                          assess_item_name(i));
        w.w[i] = (int)n;
    }
    if (bad || assess_weights_set(r->db, &r->user, &w, &e) != 0) {
        weights_page(r, &e);
        return;
    }
    reply_redirect(r, "/admin/assessment-weights?ok=updated");
}
