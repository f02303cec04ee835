/*
 * demo_programmes.h: the demo programmes of 西集镇: 农村部分计划生育家庭奖励扶助 (a person, every
 * year, from 60, rural hukou) and 独女户/双女绝育户年度奖励 (a household, every year); the registry's
 * hukou and bank accounts; last year's roll put on notice, approved and paid through the credit
 * union with one failed account; this year's roll computed as a draft. Built through the domain
 * functions as the staff would do it through the pages.
 */
#ifndef BANGFU_DEMO_PROGRAMMES_H
#define BANGFU_DEMO_PROGRAMMES_H
#include "date.h"
#include "db.h"

/* Builds the programmes demo as of today. 0, or -1 (printed). */
int demo_programmes(struct db *db, struct date today);

#endif
