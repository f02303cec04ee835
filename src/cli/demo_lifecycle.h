/*
 * demo_lifecycle.h: demo data for the later life of loans (issue 19): an extended loan (展期), a
 * loan written off (核销) after a guarantee payout, and a second-cycle borrower with credit ratings
 * (信用户), through the domain functions as the demo staff. Runs after demo_loans.
 */
#ifndef BANGFU_DEMO_LIFECYCLE_H
#define BANGFU_DEMO_LIFECYCLE_H
#include "date.h"
#include "db.h"

/* Creates the data as of today. Returns 0, or -1 with a message on stderr. */
int demo_lifecycle(struct db *db, struct date today);

#endif
