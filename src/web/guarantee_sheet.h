/*
 * guarantee_sheet.h: the guarantee fund's ledger (担保基金明细账) as a sheet for the page's and the
 * API's export (?format=csv|xlsx|pdf): every entry the filter selects, with the fund's balance
 * after each; printed as a ledger (page sums carried, the balance brought forward).
 */
#ifndef BANGFU_GUARANTEE_SHEET_H
#define BANGFU_GUARANTEE_SHEET_H
#include "guarantee_ledger.h"
#include "list_sheets.h"

/* A list_sheet_fn: arg is a struct guarantee_entry_filter (limit and offset ignored). */
int guarantee_ledger_sheet(struct req *r, const void *arg, struct sheet *s);
/* The filter of a request: ?kind=, ?from=, ?to= (paging left to the caller). */
struct guarantee_entry_filter guarantee_filter_of(struct req *r);

#endif
