/*
 * mask_config.h: the masking rules (masking.h) as the admin sets them, stored as parameters
 * (mask_*). Every public notice freezes its names with the rules in force when it is published;
 * the admin's page shows what each rule does to sample values.
 */
#ifndef BANGFU_MASK_CONFIG_H
#define BANGFU_MASK_CONFIG_H
#include <jansson.h>

#include "db.h"
#include "err.h"
#include "masking.h"
#include "user.h"

/* Loads the rules in force into out: each missing or damaged setting is the default, and every
   number is clamped into its range. Never fails. */
void mask_rules_load(struct db *db, struct mask_rules *out);
/* Checks and saves new rules (the route lets only the admin call it): the numbers within their
   ranges (422 naming the field), the compound surnames two to four characters each, 200 in all. Audited
   with the rules before and after. 0, or -1 with e. */
int mask_rules_save(struct db *db, const struct user_ctx *actor, const struct mask_rules *in, struct err *e);
/* The rules as JSON (a new reference). */
json_t *mask_rules_json(const struct mask_rules *r);

#endif
