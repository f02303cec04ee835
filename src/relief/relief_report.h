/*
 * relief_report.h: relief paid (valid receipts, voided ones left out) grouped by category, fund,
 * village, year or batch (single applications together), within a date range and the actor's scope.
 */
#ifndef BANGFU_RELIEF_REPORT_H
#define BANGFU_RELIEF_REPORT_H
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "user.h"

enum relief_group { RG_CATEGORY, RG_FUND, RG_VILLAGE, RG_YEAR, RG_BATCH, RG__MAX };
/* "category" ... and 按类别 ...; NULL out of range. */
const char *relief_group_code(int g);
const char *relief_group_name(int g);
/* The group for a code, or -1. */
int relief_group_parse(const char *code);

struct relief_report_row {
    char key[128];
    int64_t payments, households, amount_fen;
};

/* Calls fn per group in key order for payments dated within [from, to] (either may be NULL or ""),
   read from the figures kept per village and day (relief_day_figures, migration 105) and the
   households' paid days (relief_unit_figures, relief_household_units) of the actor's villages, never from the payments.
   Returns the number of groups, or -1. */
int relief_report(struct db *db, const struct user_ctx *actor, enum relief_group g, const char *from, const char *to,
                  void (*fn)(const struct relief_report_row *, void *), void *ctx);

/* The same groups for the months from_month to to_month ("YYYY-MM", either NULL) from the kept
   day figures: payments and amounts only (households is 0, not counted: the dashboard's charts do
   not show it). Returns the number of groups, or -1. */
int relief_month_report(struct db *db, const struct user_ctx *actor, enum relief_group g, const char *from_month,
                        const char *to_month, void (*fn)(const struct relief_report_row *, void *), void *ctx);

/* The first day of the kept day figures in the actor's scope (a day's row is made by a payment and
   stays, at zero, when its receipt is voided or its household moves away): a report's period starts
   there when no start is asked for. 0, or -1 when there is none. */
int relief_report_first_day(struct db *db, const struct user_ctx *actor, struct date *out);

#endif
