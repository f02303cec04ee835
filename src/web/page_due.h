/* page_due.h: the due and overdue instalment lists and the due reminders (page_due.c). */
#ifndef BANGFU_PAGE_DUE_H
#define BANGFU_PAGE_DUE_H
#include "server.h"
#include "sheet.h"

/* The overdue page's table of instalments unpaid before today (days overdue, penalty, totals). */
void due_overdue_section(struct req *r);
/* The bulk-SMS sheet (电话, 姓名, 短信内容: one message a row, borrowers without a phone left out)
   of the instalments due from today to today + days in the user's scope. 0, or -1 when the rows
   could not be read; free s either way. */
int due_sms_sheet(struct req *r, int days, struct sheet *s);

#endif
