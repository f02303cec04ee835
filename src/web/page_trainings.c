/* page_trainings.c: the training page: the courses of a period with their attendance, and the
   counts by village (courses attended, attendances, households reached). Thin over training.c. */
#include <stdio.h>

#include "handlers.h"
#include "html.h"
#include "more_sheets.h"
#include "report_scope.h"
#include "training.h"

/* One course row. */
static void training_row_html(const struct training_row *t, void *ctx)
{
    struct req *r = ctx;
    html_raw(r, "<tr><td>");
    html_text(r, t->on);
    html_raw(r, "</td><td>");
    html_text(r, t->title);
    html_raw(r, "</td><td>");
    html_text(r, t->unit);
    html_raw(r, "</td><td>");
    html_text(r, t->place);
    html_raw(r, "</td><td>");
    html_text(r, t->trainer);
    html_printf(r, "</td><td class=\"num\">%lld</td><td class=\"num\">%lld</td></tr>", (long long)t->attendances,
                (long long)t->households);
}

/* One village's counts. */
static void village_row_html(const struct training_village_row *v, void *ctx)
{
    struct req *r = ctx;
    html_raw(r, "<tr><td>");
    html_text(r, v->village);
    html_printf(r, "</td><td class=\"num\">%lld</td><td class=\"num\">%lld</td><td class=\"num\">%lld</td></tr>",
                (long long)v->trainings, (long long)v->attendances, (long long)v->households);
}

void page_trainings(struct req *r)
{
    const char *from = req_query(r, "from"), *to = req_query(r, "to");
    struct training_filter f = {.from = from, .to = to};
    html_paging(r, &f.limit, &f.offset);
    if (list_export_if_asked(r, more_trainings_sheet, &f, "trainings.csv"))
        return;
    struct err e = {0};
    html_begin(r, "技术培训");
    html_raw(r, "<h1>技术培训</h1><form class=\"search\" method=\"get\" action=\"/trainings\"><label>培训日期自"
                "<input type=\"date\" name=\"from\" value=\"");
    html_text(r, from);
    html_raw(r, "\"></label><label>至<input type=\"date\" name=\"to\" value=\"");
    html_text(r, to);
    html_raw(r, "\"></label><button>查询</button></form><table class=\"list\"><thead><tr><th>日期</th><th>培训名称</th>"
                "<th>举办单位</th><th>地点</th><th>授课人</th><th class=\"num\">参训人次</th><th class=\"num\">参训户数</th>"
                "</tr></thead><tbody>");
    int64_t total = training_list(r->db, &r->user, &f, training_row_html, r, &e);
    if (total == 0)
        html_raw(r, "<tr><td colspan=\"7\" class=\"muted\">这段时间没有培训</td></tr>");
    html_raw(r, "</tbody></table>");
    if (total >= 0)
        html_pager(r, total, f.limit, f.offset, 0);
    report_format_links(r, "/trainings", NULL);
    html_raw(r, "<h2>各村参训情况</h2><table class=\"list\"><thead><tr><th>村</th><th class=\"num\">培训期数</th>"
                "<th class=\"num\">参训人次</th><th class=\"num\">参训户数</th></tr></thead><tbody>");
    int n = total < 0 ? -1 : training_by_village(r->db, &r->user, from, to, village_row_html, r, &e);
    if (n == 0)
        html_raw(r, "<tr><td colspan=\"4\" class=\"muted\">这段时间没有参训记录</td></tr>");
    html_raw(r, "</tbody></table>");
    if (n < 0)
        html_form_error(r, &e);
    html_end(r);
}
