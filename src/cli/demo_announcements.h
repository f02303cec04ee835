/*
 * demo_announcements.h: the demo announcements (公告) of 西集镇, written through announcement.c
 * as the demo staff would: the loan programme's announcement (conditions, amounts, documents,
 * how to apply and the time limit, from docs/domain.md) published with two versions, a published
 * relief announcement, and a draft.
 */
#ifndef BANGFU_DEMO_ANNOUNCEMENTS_H
#define BANGFU_DEMO_ANNOUNCEMENTS_H
#include "date.h"
#include "db.h"

/* Creates the demo announcements, published from 1 January of today's year. 0, or -1 with a
   message on stderr. */
int demo_announcements(struct db *db, struct date today);

#endif
