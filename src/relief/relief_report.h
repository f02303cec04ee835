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

/* Calls fn per group in key order for payments dated within [from, to] (either may be NULL).
   Returns the number of groups, or -1. */
int relief_report(struct db *db, const struct user_ctx *actor, enum relief_group g, const char *from, const char *to,
                  void (*fn)(const struct relief_report_row *, void *), void *ctx);

/* The same groups (not by batch: -1) from the figures kept per village and month
   (relief_month_figures, migration 070) for the months from_month to to_month ("YYYY-MM", either
   NULL), without reading a payment: payments and amounts only (households is 0: a household paid
   in two months cannot be told apart there). Returns the number of groups, or -1. */
int relief_month_report(struct db *db, const struct user_ctx *actor, enum relief_group g, const char *from_month,
                        const char *to_month, void (*fn)(const struct relief_report_row *, void *), void *ctx);

/* The first day a relief payment in the actor's scope was made (voided ones too): a report's
   period starts there when no start is asked for. 0, or -1 when there is none. */
int relief_report_first_day(struct db *db, const struct user_ctx *actor, struct date *out);

#endif
