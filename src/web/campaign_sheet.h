/*
 * campaign_sheet.h: campaigns (帮扶活动) as sheets for the page's and the API's export
 * (?format=csv|xlsx|pdf): the list with each campaign's progress, and one campaign's progress by
 * unit with its total and the minimum per household in 大写. Both are list_sheet_fn (list_sheets.h).
 */
#ifndef BANGFU_CAMPAIGN_SHEET_H
#define BANGFU_CAMPAIGN_SHEET_H
#include "campaign.h"
#include "list_sheets.h"

/* The completion rate as pages and sheets print it ("37.50%"), "—" for no target; out of 16. */
const char *campaign_rate(const struct campaign *c, char out[16]);
/* arg: none. The campaigns in scope with their progress (at most CAMPAIGN_LIST_MAX, said when more). */
int campaign_list_sheet(struct req *r, const void *arg, struct sheet *s);
/* arg: const struct campaign * with its progress. Its units' progress and the total row. */
int campaign_sheet(struct req *r, const void *arg, struct sheet *s);

#endif
