/*
 * demo_categories.h: the demo's sensitive household category waiting for approval: 西集村's village
 * officer has asked for 计生特殊家庭-伤残 on one household, with the certificate attached, so the
 * association sees a change to approve (家庭类别审批) and the household page its note.
 */
#ifndef BANGFU_DEMO_CATEGORIES_H
#define BANGFU_DEMO_CATEGORIES_H
#include "db.h"

/* Files the waiting change through household_change.c as the village officer. 0, or -1 (printed). */
int demo_categories(struct db *db);

#endif
