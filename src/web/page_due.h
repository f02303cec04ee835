/* page_due.h: the due and overdue instalment lists and the due reminders (page_due.c). */
#ifndef BANGFU_PAGE_DUE_H
#define BANGFU_PAGE_DUE_H
#include "server.h"
#include "sheet.h"

struct due_query;
/* Fills q's period (from, to) from the request. A due list (days > 0): the instalments falling due
   from ?from= (today when absent) to ?to= (from + days when absent). The overdue list (days 0): those
   due before today, and within ?from= and ?to= when given. 0, or -1 with e filled (422
   invalid_date, invalid_period) and q's period as without the dates. */
int due_query_period(struct req *r, int days, struct due_query *q, struct err *e);
/* due_query_period for a page: a refused period is answered 422 when a file is asked for (/due.csv,
   ?format=) and -1 returned; the page itself shows the whole window with the error at its field (0). */
int due_page_period(struct req *r, int days, struct due_query *q, struct err *e);
/* The period fields (应还日自 / 至) of a due or overdue list's form: the dates typed, kept, or after
   a refusal (e) what was typed with the error at its field; empty when the window (days) decides. */
void due_period_fields(struct req *r, const struct err *e);
/* The overdue page's table of the instalments `all` selects (days overdue, penalty, totals), one
   keyset page of them (?after=, ?limit=) with its pager. */
void due_overdue_section(struct req *r, const struct due_query *all);
/* Under a page of a due list: the note on the penalty total when it is left to the files, and the pager. */
void due_page_tail(struct req *r, const struct due_query *q);
/* The bulk-SMS sheet (电话, 姓名, 短信内容: one message a row, borrowers without a phone left out)
   of the instalments due from today to today + days in the user's scope. 0, or -1 when the rows
   could not be read; free s either way. */
int due_sms_sheet(struct req *r, int days, struct sheet *s);

#endif
