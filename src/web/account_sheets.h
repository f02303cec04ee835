/*
 * account_sheets.h: the accounting reports as sheets (sheet.h), for their pages, their API and
 * their CSV / Excel / PDF: the voucher list (记账凭证) of a period and the trial balance (试算平衡表)
 * as of a day, both in the request's scope (report_narrow_scope first).
 */
#ifndef BANGFU_ACCOUNT_SHEETS_H
#define BANGFU_ACCOUNT_SHEETS_H
#include "server.h"
#include "sheet.h"

/* A voucher period from ?from= and ?to= (default: the first day of today's month to today), or
   a trial balance's from ?from= and ?as_of= (default: 1 January of as_of's year to today), as
   YYYY-MM-DD into from and to (11 bytes each). 0, or -1 after replying 422 invalid_period. */
int account_period(struct req *r, const char *to_key, char *from, char *to);

/* Builds the vouchers of [from, to]: one row a voucher, then 合计 (借方 = 贷方) with the total in
   大写 under the table. 0, or -1 with e. */
int voucher_sheet(struct req *r, const char *from, const char *to, struct sheet *s, struct err *e);
/* Builds the trial balance as of `to` with the period from `from`: the accounts with a balance or
   a movement, then 合计 of each column, the totals in 大写 under the table. 0, or -1 with e. */
int trial_balance_sheet(struct req *r, const char *from, const char *to, struct sheet *s, struct err *e);

/* What builds a report's sheet: voucher_sheet or trial_balance_sheet. */
typedef int (*account_sheet_fn)(struct req *r, const char *from, const char *to, struct sheet *s, struct err *e);

/* The start every accounting report shares, page or API: narrows the scope (?unit_id=), reads the
   period (account_period with to_key), builds the sheet and, when the path or ?format= asks for
   CSV, Excel or PDF, replies with it (file name `name`.csv/.xlsx/.pdf). 1 when the caller is to
   answer (page or JSON) with s built (the caller frees it); 0 when a reply was sent. */
int account_report_start(struct req *r, const char *to_key, account_sheet_fn build, const char *name, char *from,
                         char *to, struct sheet *s);

#endif
