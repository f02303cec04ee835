/*
 * demo_loans.h: demo data for the loan programme (计生信贷助富) of 西集镇: the guarantee fund's
 * income, and applications in every state from draft to guaranteed, created through the domain
 * functions (loan.c, guarantee.c) while acting as the demo staff, so every row has its audit
 * record. Runs after demo_units_and_users and demo_households.
 */
#ifndef BANGFU_DEMO_LOANS_H
#define BANGFU_DEMO_LOANS_H
#include "date.h"
#include "db.h"

/* Creates the demo loan data as of today (each step in its own transaction). Returns 0, or -1
   with a message on stderr. */
int demo_loans(struct db *db, struct date today);

#endif
