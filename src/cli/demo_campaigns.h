/*
 * demo_campaigns.h: the demo campaigns (帮扶活动): 西集镇's Spring Festival visits of this year's
 * festival (counting the demo's 春节走访慰问 batch of the township, by village) and the district's
 * 双千帮扶 over the year (across its townships), so the
 * campaigns page, the dashboard and the quarterly report show progress.
 */
#ifndef BANGFU_DEMO_CAMPAIGNS_H
#define BANGFU_DEMO_CAMPAIGNS_H
#include "date.h"
#include "db.h"

/* Builds the demo campaigns as of today (after demo_relief). 0, or -1 (printed). */
int demo_campaigns(struct db *db, struct date today);

#endif
