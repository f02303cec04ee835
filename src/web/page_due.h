/* page_due.h: the due and overdue instalment lists and the due reminders (page_due.c). */
#ifndef BANGFU_PAGE_DUE_H
#define BANGFU_PAGE_DUE_H
#include "server.h"

/* The overdue page's table of instalments unpaid before today (days overdue, penalty, totals). */
void due_overdue_section(struct req *r);

#endif
