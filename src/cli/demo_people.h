/*
 * demo_people.h: what the programmes' rules read about each generated person (bangfu gen): hukou
 * and a bank account, so that a roll over the generated registry (tests/bench/rolls.sh) has
 * people to admit, exclude and pay. Birth dates come with the generated resident IDs.
 */
#ifndef BANGFU_DEMO_PEOPLE_H
#define BANGFU_DEMO_PEOPLE_H
#include "db.h"

/* Gives every member without a hukou one (one in six 非农业, the rest 农业) and, but one in
   seventeen, an account at 山亭农商银行 (62179955 and the member id in 11 digits: unique, 19
   digits). Returns 0 or -1. */
int demo_people(struct db *db);

#endif
