/* page_quarterly.c: the quarterly report for the district (季度工作报表): the page that picks the
   quarter and shows its figures, the figures as CSV and Excel (one value a cell), and the PDF
   composed of the figures and charts (src/pdf/quarterly_doc.c). The figures are gathered once
   (quarterly_report.c) for the page and GET /api/v1/reports/quarterly alike. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "html.h"
#include "quarterly_report.h"
#include "report_scope.h"

/* The page: the last four quarters to choose from, the chosen one's figures and its files. */
static void quarterly_page(struct req *r, const struct quarterly_report *q)
{
    html_begin(r, "季度工作报表");
    html_raw(r, "<h1>季度工作报表</h1><p class=\"muted\">向区计生协会报送：贷款情况与图表、救助发放、帮扶成效、贴息申报。"
                "打印 PDF 是报送的正式报表（含图表）；Excel、CSV 为同一批数字，一格一个数。</p>");
    report_quarter_links(r, "/reports/quarterly", q->code, 0);
    html_raw(r, "<form class=\"search\" method=\"get\" action=\"/reports/quarterly\"><input type=\"hidden\" "
                "name=\"quarter\" value=\"");
    html_text(r, q->code);
    html_raw(r, "\">");
    struct sheet s;
    quarterly_report_sheet(q, &s);
    report_page_tail(r, &s, "/reports/quarterly");
    if (s.after[0][0]) {
        html_raw(r, "<p>");
        html_text(r, s.after[0]);
        html_raw(r, "</p>");
    }
    sheet_free(&s);
    html_end(r);
}

void page_quarterly(struct req *r)
{
    struct quarterly_report *q = quarterly_report_load(r);
    if (!q)
        return;
    if (!quarterly_reply_file(r, q))
        quarterly_page(r, q);
    quarterly_report_free(q);
}
