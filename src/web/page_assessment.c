/* page_assessment.c: the assessment (考核) pages: the staff sheet of a quarter or month for the
   user's scope (page, CSV, Excel, PDF), the public summary for the 公示栏 (rates and scores, no
   personal data), and the admin's weights. Thin over assessment.c and assessment_sheet.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assessment_sheet.h"
#include "form.h"
#include "handlers.h"
#include "html.h"
#include "report_scope.h"

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
    html_end(r);
    assessment_close(&a, &s);
}

void page_assessment_public(struct req *r)
{
    struct assessment a;
    if (assessment_load(r, 1, &a) != 0)
        return;
    struct sheet s;
    assessment_public_sheet(&a, &s);
    html_begin(r, "考核公示");
    html_raw(r, "<section class=\"public\"><h1>");
    html_text(r, s.title);
    html_raw(r, "</h1><p class=\"muted\">");
    html_text(r, s.subtitle);
    html_raw(r, "</p>");
    report_quarter_links(r, "/public/assessment", a.period.code, 1);
    sheet_html(r, &s);
    html_raw(r, "<p class=\"muted\">");
    html_text(r, s.after[0]);
    html_raw(r, "。“—”表示该项没有可计算的基数。</p><p><a href=\"/\">返回公示公告</a></p></section>");
    html_end(r);
    sheet_free(&s);
    assessment_free(&a);
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
