/*
 * page_dashboard.h: the parts of the staff home page (工作台) beyond the work queues: loan
 * servicing waiting (due this week, newly overdue, claims), the unit's key figures, and the
 * charts (inline SVG).
 */
#ifndef BANGFU_PAGE_DASHBOARD_H
#define BANGFU_PAGE_DASHBOARD_H
#include "server.h"

/* A figure tile: the count (with separators) and label, a link to href only when the role may
   open it, marked as an alert when alert is set and the count is not zero. */
void dashboard_tile(struct req *r, const char *label, int64_t n, const char *href, int alert);
/* Tiles: repayments due in the next 7 days, loans overdue in the last 7 days, claims past the threshold. */
void dashboard_servicing(struct req *r);
/* The key figures of the user's unit: loans, overdue, PAR30, grades, guarantee capacity, funds, relief this year. */
void dashboard_figures(struct req *r);
/* The charts: disbursed and outstanding by month, PAR30 by month, relief by category and by village. */
void dashboard_charts(struct req *r);

/* The registry's figures: households, members, households per category. */
void dashboard_registry(struct req *r);
/* 限时办结: the open cases of the services the role may open that are late and that are due within
   the due-soon working days, each list capped with its count and a link to the whole list
   (page_time_limits.c). */
void dashboard_deadlines(struct req *r);
/* The campaigns running today (帮扶活动) with their progress, for those who may open /campaigns. */
void dashboard_campaigns(struct req *r);
/* Writes a section from the fragment cache when it is under a minute old for the same user scope,
   role and day; else renders it with fn, stores it and notes when it was computed. */
void dashboard_cached(struct req *r, const char *name, void (*fn)(struct req *r));

#endif
