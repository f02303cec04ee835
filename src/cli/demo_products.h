/*
 * demo_products.h: demo data for loan products and organisations as borrowers: a small-loan
 * product (小额创业贷款, 5,000-20,000 yuan) with a draft application against it, a product for
 * cooperatives, and a cooperative of 后林村 with member households and a disbursed loan, all
 * through the domain functions as the demo staff. Runs after demo_loans.
 */
#ifndef BANGFU_DEMO_PRODUCTS_H
#define BANGFU_DEMO_PRODUCTS_H
#include "date.h"
#include "db.h"

/* Creates the demo products, organisation and their applications as of today. 0, or -1 with a
   message on stderr. */
int demo_products(struct db *db, struct date today);

#endif
