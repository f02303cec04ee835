/*
 * quarterly_doc.h: the quarterly report for the district (季度工作报表): the loan programme's
 * figures and charts, relief by category, the outcomes of follow-up visits, and the quarter's
 * interest-subsidy claim, in one A4 PDF.
 */
#ifndef BANGFU_QUARTERLY_DOC_H
#define BANGFU_QUARTERLY_DOC_H
#include <stddef.h>
#include <stdint.h>

#include "campaign.h"
#include "date.h"
#include "portfolio.h"
#include "portfolio_months.h"
#include "subsidy.h"

#define QUARTERLY_MONTHS 12
#define QUARTERLY_GROUPS 32
#define QUARTERLY_CAMPAIGNS 8 /* campaigns the report lists (it says how many more there are) */

/* A campaign running in the quarter and its progress at the quarter's end (today at most). */
struct quarterly_campaign {
    int64_t id;
    char name[CAMPAIGN_NAME_SIZE], unit[NAME_SIZE];
    int64_t target, reached, paid, amount_fen;
};

struct quarterly_doc {
    char quarter[DATE_CN_SIZE], unit[NAME_SIZE], from[11], to[11]; /* the quarter's name; its days (to: today at most) */
    char maker[NAME_SIZE];             /* 制表人: the user who prints it */
    int draft;                         /* the quarter is not over: the figures may change (草稿 watermark) */
    struct portfolio p;                /* the stocks at the quarter's end (today for the current quarter) */
    struct village_portfolio flows;    /* the quarter's applications, decisions, disbursements, payouts (summed) */
    struct month_figure months[QUARTERLY_MONTHS];
    int nrelief;
    const char *relief_labels[QUARTERLY_GROUPS];
    int64_t relief_fen[QUARTERLY_GROUPS];
    int64_t relief_payments, relief_total_fen;
    int64_t in_kind_count, in_kind_fen; /* aid in kind given in the quarter (not reversed): apart from the cash */
    int ncampaigns, campaigns_total; /* listed, and running in the quarter in all */
    struct quarterly_campaign campaigns[QUARTERLY_CAMPAIGNS];
    int64_t visited, jobs, income_fen;
    int nclaims;
    const struct subsidy_row *claims;
    struct subsidy_totals claim;
};

/* Renders the report. 0 with a malloc'd PDF in *out, or -1 with *err. */
int report_quarterly(const struct quarterly_doc *d, struct date today, char **out, size_t *len, const char **err);

#endif
