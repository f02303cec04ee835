/*
 * record_sheets.h: the record lists a page shows (loan applications, relief applications, relief
 * batches, the audit log) as sheets for the page's and the API's export (?format=csv|xlsx|pdf),
 * built from the same domain list functions, every matching row (no paging).
 */
#ifndef BANGFU_RECORD_SHEETS_H
#define BANGFU_RECORD_SHEETS_H
#include "household.h"
#include "loan.h"
#include "relief.h"
#include "list_sheets.h"

/* The subtitle every record list carries: whose records, as of which day ("范围：西集镇 · 导出日期 …"). */
void scope_subtitle(struct req *r, struct sheet *s);

/* Each is a list_sheet_fn (list_sheets.h); arg is the list's filter of the type named. */

/* arg: struct loan_filter (limit and offset ignored). Loan applications. */
int record_loans_sheet(struct req *r, const void *arg, struct sheet *s);
/* arg: struct relief_filter (limit and offset ignored). Relief applications, resident IDs masked as on the page. */
int record_relief_sheet(struct req *r, const void *arg, struct sheet *s);
/* arg: struct batch_filter (its limit ignored) or NULL. The relief batches in scope, newest first, and a total row. */
int record_batches_sheet(struct req *r, const void *arg, struct sheet *s);
/* arg: struct household_filter (limit and offset ignored). Households, resident IDs masked as on the page. */
int record_households_sheet(struct req *r, const void *arg, struct sheet *s);
/* arg: int64_t village id (0 or NULL: every village). The cooperatives and demonstration bases in scope. */
int record_organisations_sheet(struct req *r, const void *arg, struct sheet *s);
/* arg: int64_t, a unit id (0: all). The notices in scope, newest first, the page's 50. */
int record_notices_sheet(struct req *r, const void *arg, struct sheet *s);
/* arg: a state code, const char (NULL: all). The announcements in scope, newest first. */
int record_announcements_sheet(struct req *r, const void *arg, struct sheet *s);

/* arg: none. The relief funds in scope with income per source, paid and balance (the /funds page's figures). */
int record_funds_sheet(struct req *r, const void *arg, struct sheet *s);

struct audit_query {
    const char *entity, *action; /* NULL: any */
    int64_t entity_id;           /* 0: any */
};
/* arg: struct audit_query. The audit log for the user's units. */
int record_audit_sheet(struct req *r, const void *arg, struct sheet *s);

#endif
