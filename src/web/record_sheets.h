/*
 * record_sheets.h: the record lists a page shows (loan applications, relief applications, relief
 * batches, the audit log) as sheets for the page's and the API's export (?format=csv|xlsx|pdf),
 * built from the same domain list functions, every matching row (no paging).
 */
#ifndef BANGFU_RECORD_SHEETS_H
#define BANGFU_RECORD_SHEETS_H
#include "loan.h"
#include "relief.h"
#include "sheet.h"

/* Loan applications of the filter (limit and offset ignored). */
void record_loans_sheet(struct req *r, const struct loan_filter *f, struct sheet *s);
/* Relief applications of the filter (limit and offset ignored); resident IDs masked as on the page. */
void record_relief_sheet(struct req *r, const struct relief_filter *f, struct sheet *s);
/* The relief batches in scope, newest first. */
void record_batches_sheet(struct req *r, struct sheet *s);
/* The audit log of the filters (entity, entity_id, action) for the user's units. */
void record_audit_sheet(struct req *r, const char *entity, int64_t entity_id, const char *action, struct sheet *s);

#endif
