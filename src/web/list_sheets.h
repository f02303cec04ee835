/*
 * list_sheets.h: the servicing lists (due instalments, the loan book with overdue loans, claims)
 * as sheets, built once for the page's export (?format=csv|xlsx|pdf) and the API's, from the same
 * domain functions the page and the JSON call.
 */
#ifndef BANGFU_LIST_SHEETS_H
#define BANGFU_LIST_SHEETS_H
#include "loan_book.h"
#include "sheet.h"

/* The most rows one export holds unless the parameter export_max_rows says otherwise. A longer list
   is refused (422 export_too_large: narrow the filter), never cut. */
#define LIST_EXPORT_MAX 100000
/* The row limit a builder asks its list function for: one more than an export may hold, so that
   list_export_if_asked can tell a full export from a longer list. */
int list_export_limit(struct req *r);

/* A list's sheet builder: fills s with every row the request's list holds for arg (its filter, of
   the type each builder names). Every builder of list_sheets.h and record_sheets.h has this shape. */
typedef int (*list_sheet_fn)(struct req *r, const void *arg, struct sheet *s); /* 0, or -1 when the rows could not be read */

/* When ?format= is given: builds the sheet and replies with it as csv, xlsx or pdf (422
   invalid_format for another value; 422 export_too_large when the list has more rows than an export
   may hold) and returns 1; returns 0 when no format was asked. */
int list_export_if_asked(struct req *r, list_sheet_fn build, const void *arg, const char *filename);

/* The instalments of a due list: those unpaid and due in [from, to] (from {0,0,0}: everything due by to). */
struct due_query {
    struct date from, to;
    const char *title;
    int reminder; /* 1: the village officers' reminder list (no overdue columns, a column to sign) */
    struct keyset *page; /* NULL: every instalment (the files); else one keyset page (the page, the API) */
};
/* The one due sheet: the instalments with each one's days overdue, overdue amount and penalty as of
   today, and a total row (count and sums of every instalment of the list; when paged, from the figures
   kept by village and due day: the penalty, computed instalment by instalment to today, is then
   totalled only when nothing on the list is overdue, else its cell is empty and the files, which hold
   every row, total it). Returns the number of instalments on the sheet or -1. */
int list_due_build(struct req *r, const struct due_query *q, struct sheet *s);
/* arg: struct due_query. list_due_build as a list_sheet_fn. */
int list_due_sheet(struct req *r, const void *arg, struct sheet *s);
/* 1 when a paged due sheet leaves its penalty total to the files (list_due_build): the list holds
   days before today. */
int list_due_penalty_in_files(const struct req *r, const struct due_query *q);
/* arg: struct loan_book_filter (limit and offset ignored: every loan), with figures as of today;
   titled 逾期贷款清单 when it selects the overdue loans, else 贷款台账. */
int list_loans_sheet(struct req *r, const void *arg, struct sheet *s);
/* arg: struct date, the day. The villages with loans overdue on that day, as they stood then. */
int list_overdue_villages_sheet(struct req *r, const void *arg, struct sheet *s);
/* arg: none. The loans the credit union may claim the guarantee for. */
int list_claims_sheet(struct req *r, const void *arg, struct sheet *s);

#endif
