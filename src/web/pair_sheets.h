/*
 * pair_sheets.h: the pair list's filter read from the query (the page's and the API's) and its
 * sheet for the exports (CSV, XLSX, PDF).
 */
#ifndef BANGFU_PAIR_SHEETS_H
#define BANGFU_PAIR_SHEETS_H
#include "pair.h"
#include "sheet.h"

/* Reads ?unit_id= ?helper_unit_id= ?household_id= ?helper_household_id= ?kind= (cadre, unit,
   household) ?state= (active, ended) and the paging into f. 0, or -1 with e (422 invalid_kind,
   invalid_state). */
int pair_filter_read(struct req *r, struct pair_filter *f, struct err *e);
/* arg: struct pair_filter (paging ignored: every pair, at most LIST_EXPORT_MAX). A list_sheet_fn. */
int pair_list_sheet(struct req *r, const void *arg, struct sheet *s);

#endif
