/*
 * demo_books.h: the demo's entries that show the rest of the voucher kinds (记账凭证): the
 * guarantee fund's adjustments (its deposit interest, a bank charge) and a relief income booked
 * twice and reversed (a red voucher). Built after demo_loans and demo_relief, through the domain
 * functions, as the district's and 西集镇's finance staff would book them.
 */
#ifndef BANGFU_DEMO_BOOKS_H
#define BANGFU_DEMO_BOOKS_H
#include "date.h"
#include "db.h"

/* Books the entries, dated relative to today. 0, or -1 (printed). */
int demo_books(struct db *db, struct date today);

#endif
