/*
 * demo_services.h: the demo's services beyond money (帮富 services) in 西集镇, written through the
 * services domain as the demo staff would: pairs (结对帮扶) of the township with twelve households,
 * cadres (an account and a named cadre) and prospering households (富手拉贫手), one pair ended.
 */
#ifndef BANGFU_DEMO_SERVICES_H
#define BANGFU_DEMO_SERVICES_H
#include "date.h"
#include "db.h"

/* Creates the demo pairs. 0, or -1 with a message on stderr. */
int demo_services(struct db *db, struct date today);

#endif
