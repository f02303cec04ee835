/*
 * demo_bench_services.h: the benchmark database's services beyond money, in proportion to the
 * households paired: for n pairs (cadres of the household's township, one in twenty ended) four
 * visits each over the pair's time, a course for every fifty (each paired household in two attends
 * one course of its township), an information item for every twenty-five (each to a whole village,
 * and one paired household in ten gets one of them too) and a complaint for every hundred (one in
 * ten open, the rest resolved within 0 to 8 days of a 7-day limit, so some late, with ratings).
 */
#ifndef BANGFU_DEMO_BENCH_SERVICES_H
#define BANGFU_DEMO_BENCH_SERVICES_H
#include "date.h"
#include "db.h"

/* Adds them as plain SQL in the caller's transaction (the households paired spread over every
   village: households without a pair picked by a hash of their id, one in k). 0 or -1. */
int demo_bench_services(struct db *db, long n, struct date today);

#endif
