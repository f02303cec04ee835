/*
 * list_sheets.h: the servicing lists (due instalments, the loan book with overdue loans, claims)
 * as sheets, built once for the page's export (?format=csv|xlsx|pdf) and the API's, from the same
 * domain functions the page and the JSON call.
 */
#ifndef BANGFU_LIST_SHEETS_H
#define BANGFU_LIST_SHEETS_H
#include "loan_book.h"
#include "sheet.h"

/* At most this many rows go into one export. */
#define LIST_EXPORT_MAX 100000

/* Unpaid instalments due in [from, to] (from {0,0,0}: everything due by to), with the loan's
   days past due, overdue amount and penalty as of today. */
void list_due_sheet(struct req *r, struct date from, struct date to, const char *title, struct sheet *s);
/* The loans the filter selects (limit and offset ignored: all of them), with figures as of today. */
void list_loans_sheet(struct req *r, const struct loan_book_filter *f, const char *title, struct sheet *s);
/* The loans the credit union may claim the guarantee for. */
void list_claims_sheet(struct req *r, struct sheet *s);
/* Replies with the sheet in the asked format (?format=) and returns 1; 0 when no format was
   asked; for an unknown format replies 422 invalid_format and returns 1. */
int list_export(struct req *r, struct sheet *s, const char *filename);

#endif
