/*
 * quarterly_report.h: the figures of the quarterly report (季度工作报表) gathered once for the page,
 * the JSON API, the figures sheet (CSV and Excel, one value a cell) and the composed PDF
 * (src/pdf/quarterly_doc.c): the loan programme's flows and stocks, the last twelve months, relief
 * by category, the outcomes of follow-up visits and the quarter's interest-subsidy claim.
 */
#ifndef BANGFU_QUARTERLY_REPORT_H
#define BANGFU_QUARTERLY_REPORT_H
#include <jansson.h>

#include "quarterly_doc.h"
#include "sheet.h"

/* Room for a category label: "其他类别" stands for the groups beyond QUARTERLY_GROUPS - 1. */
#define QUARTERLY_LABEL_SIZE 128

struct quarterly_report {
    struct quarterly_doc d;
    char code[8]; /* the quarter as asked: 2026Q4 */
    char labels[QUARTERLY_GROUPS][QUARTERLY_LABEL_SIZE];
    int64_t relief_count[QUARTERLY_GROUPS]; /* payments per category */
    struct subsidy_row *claims;
};

/* Reads ?quarter= (default the current one) and ?unit_id=, and gathers the figures for the user's
   (narrowed) scope. The report (free with quarterly_report_free), or NULL after replying (403/404
   for the unit, 422 invalid_quarter or quarter_not_begun, 500 when the figures cannot be read). */
struct quarterly_report *quarterly_report_load(struct req *r);
void quarterly_report_free(struct quarterly_report *q);

/* The figures as a sheet: 部分, 项目, 数量, 金额（元）, 比率 — one figure a row, one value a cell. */
void quarterly_report_sheet(const struct quarterly_report *q, struct sheet *s);
/* The figures as the JSON API gives them (GET /api/v1/reports/quarterly). */
json_t *quarterly_report_json(const struct quarterly_report *q);
/* Replies with the composed PDF (charts and text, 草稿 while the quarter runs). */
void quarterly_report_pdf(struct req *r, const struct quarterly_report *q);
/* When the path or ?format= asks for a file: replies with the PDF, or the figures sheet as CSV or
   Excel, and returns 1; returns 0 for none of these (the caller answers the page, the JSON or 422). */
int quarterly_reply_file(struct req *r, const struct quarterly_report *q);

#endif
