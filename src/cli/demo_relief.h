/*
 * demo_relief.h: the demo relief programme of 西集镇: the welfare fund's income from every source,
 * a finished Spring Festival batch (春节走访慰问) with its notice and receipts, single relief in
 * several categories and at every step, and a loan notice. Built through the domain functions
 * as the demo staff would do it through the pages.
 */
#ifndef BANGFU_DEMO_RELIEF_H
#define BANGFU_DEMO_RELIEF_H
#include "date.h"
#include "db.h"

/* Builds the relief demo. today is the date the loan notice is published. 0, or -1 (printed). */
int demo_relief(struct db *db, struct date today);

#endif
