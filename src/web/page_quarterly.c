/* page_quarterly.c: the quarterly report for the district (季度工作报表): the page that picks the
   quarter, and the PDF assembled from the portfolio, month figures, relief, outcomes and the
   subsidy claim (src/pdf/quarterly_doc.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "followup.h"
#include "handlers.h"
#include "report_scope.h"
#include "html.h"
#include "quarterly_doc.h"
#include "relief_report.h"

/* The report's pieces that need storage beyond the document struct. */
struct quarterly_data {
    struct quarterly_doc d;
    char labels[QUARTERLY_GROUPS][128];
    struct subsidy_row *claims;
};

/* Sums the villages' flows. */
static void add_flows(const struct village_portfolio *v, void *ctx)
{
    portfolio_add(ctx, v);
}

/* Collects a relief category. */
static void add_relief(const struct relief_report_row *x, void *ctx)
{
    struct quarterly_data *q = ctx;
    q->d.relief_payments += x->payments;
    q->d.relief_total_fen += x->amount_fen;
    if (q->d.nrelief >= QUARTERLY_GROUPS)
        return;
    snprintf(q->labels[q->d.nrelief], sizeof q->labels[0], "%s", x->key);
    q->d.relief_labels[q->d.nrelief] = q->labels[q->d.nrelief];
    q->d.relief_fen[q->d.nrelief++] = x->amount_fen;
}

/* Sums the outcomes. */
static void add_outcome(const struct outcome_row *x, void *ctx)
{
    struct quarterly_doc *d = ctx;
    d->visited += x->visited, d->jobs += x->jobs, d->income_fen += x->income_fen;
}

/* The quarter asked for (?quarter=2026Q4), default the current one: its name ("2026年第四季度")
   into q and its days. 0, or -1 after replying 422 (malformed, or not yet begun). */
static int quarter_of(struct req *r, char q[DATE_CN_SIZE], struct date *from, struct date *to)
{
    char current[16];
    snprintf(current, sizeof current, "%04dQ%d", r->today.y, (r->today.m - 1) / 3 + 1);
    if (report_quarter(r, req_query(r, "quarter"), 0, current, from, to) != 0)
        return -1;
    date_quarter_cn(from->y, (from->m + 2) / 3, q);
    return 0;
}

void page_quarterly_pdf(struct req *r)
{
    if (report_narrow_scope(r) != 0)
        return;
    struct date from, to;
    struct quarterly_data *q = calloc(1, sizeof *q);
    if (!q)
        abort();
    if (quarter_of(r, q->d.quarter, &from, &to) != 0) {
        free(q);
        return;
    }
    struct date as_of = date_cmp(to, r->today) < 0 ? to : r->today;
    struct err e = {0};
    date_format(from, q->d.from);
    date_format(as_of, q->d.to);
    snprintf(q->d.unit, sizeof q->d.unit, "%s", r->user.unit_name);
    snprintf(q->d.maker, sizeof q->d.maker, "%s", r->user.name);
    q->d.draft = date_cmp(to, r->today) >= 0;
    int ok = portfolio_summary(r->db, &r->user, as_of, r->today, &q->d.p) == 0 &&
             portfolio_by_village(r->db, &r->user, as_of, r->today, q->d.from, q->d.to, add_flows, &q->d.flows) >= 0 &&
             portfolio_months(r->db, &r->user, as_of, r->today, QUARTERLY_MONTHS, q->d.months) == QUARTERLY_MONTHS &&
             relief_report(r->db, &r->user, RG_CATEGORY, q->d.from, q->d.to, add_relief, q) >= 0 &&
             followup_outcomes(r->db, &r->user, q->d.from, q->d.to, add_outcome, &q->d) >= 0 &&
             (q->d.nclaims = subsidy_claim_all(r->db, &r->user, from, to, &q->claims, &q->d.claim, &e)) >= 0;
    q->d.claims = q->claims;
    /* A past quarter's stocks (loans, balances, grades, PAR30) are those at its end, as they stood
       then (portfolio_summary rebuilds them for a date before today). */
    char *pdf = NULL;
    size_t len = 0;
    const char *why = "数据库错误";
    if (ok && report_quarterly(&q->d, r->today, &pdf, &len, &why) == 0)
        reply_bytes(r, "application/pdf", pdf, len);
    else
        reply_fail(r, 500, "report_failed", why);
    free(q->claims);
    free(q);
}

void page_quarterly(struct req *r)
{
    html_begin(r, "季度工作报表");
    html_raw(r, "<h1>季度工作报表</h1><p class=\"muted\">向区计生协会报送：贷款情况与图表、救助发放、帮扶成效、贴息申报，合成一个 PDF。"
                "</p><ul>");
    for (int k = 0; k < 4; k++) {
        int y = r->today.y, qn = (r->today.m - 1) / 3 + 1 - k;
        while (qn < 1)
            qn += 4, y--;
        char name[DATE_CN_SIZE];
        html_printf(r, "<li><a href=\"/reports/quarterly.pdf?quarter=%04dQ%d\">%s</a></li>", y, qn,
                    date_quarter_cn(y, qn, name));
    }
    html_raw(r, "</ul>");
    html_end(r);
}
