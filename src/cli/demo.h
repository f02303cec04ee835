/*
 * demo.h: the demo township (西集镇, 山亭区, with its 15 villages and a neighbouring township),
 * its staff accounts, and deterministic generated households with valid resident IDs. The same
 * generator fills benchmark databases (bangfu gen).
 */
#ifndef BANGFU_DEMO_H
#define BANGFU_DEMO_H
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "user.h"

#define DEMO_PASSWORD "demo1234"

/* Creates the demo units and accounts under the district. Returns 0 or -1. */
int demo_units_and_users(struct db *db, const struct user_ctx *admin);
/* Adds n generated households spread over all villages (seeded: the same every time).
   Runs in the caller's transaction. Returns 0 or -1. */
int demo_households(struct db *db, const struct user_ctx *admin, long n, uint64_t seed);

/* Adds n disbursed benchmark loans of 36 months (equal principal) on households without an
   application (submitted 700 days before today and decided 8 days later, within their review's
   due day, so no step of theirs is open), disbursed over 600 days from 691 days before today,
   with stored schedules: most paid up to today, some stopped months ago. Plain SQL
   in the caller's transaction, so a million-household database gets 100,000 loans in seconds.
   Returns 0 or -1. */
int demo_bench_loans(struct db *db, long n, struct date today);

struct demo_account {
    const char *username, *name, *role, *unit, *department, *note;
};
extern const struct demo_account demo_accounts[];
extern const int demo_accounts_count;

/* Adds n paid relief applications (双千帮扶, 1,000.00 each, paid from 11 January to 6 November of
   the latest year whose 8 November is not after today) on the households
   without relief, with their receipts numbered on from each township's last number and the fund
   debits (after one income that covers them all), in the caller's transaction. 0 or -1. */
int demo_bench_relief(struct db *db, long n, struct date today);

#endif
