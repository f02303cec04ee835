/*
 * list_filter.h: the filters every staff list shares (issue 17 item 8): a village of the user's scope
 * and a period (?village_id=, ?from=, ?to=), read once for the page, its exports and the API alike,
 * the form fields that set them, and the totals line over everything the filter matches.
 */
#ifndef BANGFU_LIST_FILTER_H
#define BANGFU_LIST_FILTER_H
#include <stdint.h>

#include "date.h"
#include "err.h"
#include "server.h"

struct list_where {
    int64_t village_id;   /* 0: every village in scope */
    struct date from, to; /* {0}: open */
};
/* Reads ?village_id=, ?from= and ?to= (YYYY-MM-DD). 0, or -1 with 422 in e: `invalid_date` (field from
   or to) or `invalid_period` (from after to). */
int list_where_read(struct req *r, struct list_where *w, struct err *e);
/* list_where_read for a list page: a refused filter leaves w open (the whole list is shown) and its
   error in e for the form; with ?format= the refusal is answered (422) and -1 returned: the handler stops. */
int list_where_page(struct req *r, struct list_where *w, struct err *e);
/* The filter form's fields: 村 (全部 and the villages in scope) and list_period_fields. e: the refusal
   of list_where_read ({0} none). */
void list_where_fields(struct req *r, const struct list_where *w, const char *label, const struct err *e);
/* The period fields 日期自 / 至 with the current values, or what was typed when it was refused (e),
   the error next to its field; label names what the dates are of ("申请日期"). */
void list_period_fields(struct req *r, const struct list_where *w, const char *label, const struct err *e);
/* The line under a list: "共 N 条 · <what>合计 X 元（大写）" over every matching row, not the page. */
void list_totals_line(struct req *r, int64_t count, const char *what, int64_t fen);

#endif
