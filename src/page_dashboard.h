/*
 * page_dashboard.h: the parts of the staff home page (工作台) beyond the work queues: loan
 * servicing waiting (due this week, newly overdue, claims), the unit's key figures, and the
 * charts (inline SVG).
 */
#ifndef BANGFU_PAGE_DASHBOARD_H
#define BANGFU_PAGE_DASHBOARD_H
#include "server.h"

/* Tiles: repayments due in the next 7 days, loans overdue in the last 7 days, claims past the threshold. */
void dashboard_servicing(struct req *r);
/* The key figures of the user's unit: loans, overdue, PAR30, grades, guarantee capacity, funds, relief this year. */
void dashboard_figures(struct req *r);
/* The charts: disbursed and outstanding by month, PAR30 by month, relief by category and by village. */
void dashboard_charts(struct req *r);

#endif
