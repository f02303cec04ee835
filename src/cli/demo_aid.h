/*
 * demo_aid.h: the demo's aid in kind (慰问品): at this year's Spring Festival visits the relief clerk of
 * 西集镇 gives the first hardship households fertiliser, rice, oil and a padded coat from the township's
 * fund, and one distribution entered twice is reversed with its reason.
 */
#ifndef BANGFU_DEMO_AID_H
#define BANGFU_DEMO_AID_H
#include "date.h"
#include "db.h"

/* Builds the aid-in-kind demo as of today (after demo_relief). 0, or -1 (printed). */
int demo_aid(struct db *db, struct date today);

#endif
