/*
 * admin_sheets.h: the administrator's reference lists — accounts, the unit tree, the reviewing
 * departments, the working-day calendar and the relief categories — as sheets for the pages' and
 * the API's export (?format=csv|xlsx|pdf), from the same domain list functions the pages call.
 */
#ifndef BANGFU_ADMIN_SHEETS_H
#define BANGFU_ADMIN_SHEETS_H
#include "list_sheets.h"

/* Each is a list_sheet_fn (list_sheets.h). */

/* arg: the search text (const char, NULL: all). The accounts of units in the user's scope. */
int admin_users_sheet(struct req *r, const void *arg, struct sheet *s);
/* arg: none. The units in the user's scope. */
int admin_units_sheet(struct req *r, const void *arg, struct sheet *s);
/* arg: none. The reviewing departments. */
int admin_departments_sheet(struct req *r, const void *arg, struct sheet *s);
/* arg: int, the year. The calendar's holidays and working weekends of the year. */
int admin_holidays_sheet(struct req *r, const void *arg, struct sheet *s);
/* arg: a day YYYY-MM-DD (const char, NULL: today). The relief categories with the amounts in force then. */
int admin_categories_sheet(struct req *r, const void *arg, struct sheet *s);

#endif
