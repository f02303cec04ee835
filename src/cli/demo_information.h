/*
 * demo_information.h: the demo's information services (信息服务) in 西集镇, written through
 * information.c as the township's association would: vegetable prices to every village of the
 * township, jobs to single households, a technology note to one village.
 */
#ifndef BANGFU_DEMO_INFORMATION_H
#define BANGFU_DEMO_INFORMATION_H
#include "date.h"
#include "db.h"

/* Creates the demo information items. 0, or -1 with a message on stderr. */
int demo_information(struct db *db, struct date today);

#endif
