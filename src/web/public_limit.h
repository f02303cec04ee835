/*
 * public_limit.h: the rate limit of the public pages that are read without a login and cost a
 * computation (the assessment board, /public/assessment): at most PUBLIC_READS_PER_MINUTE reads
 * by one client (req_client) in any 60 seconds, the next one refused with 429 until the oldest of
 * them is a minute old. Kept in memory (a public read writes nothing to the database), for the
 * PUBLIC_LIMIT_CLIENTS clients seen last; guarded by a mutex. The public complaint and objection
 * forms keep their own limits in the database (complaint.c, notice objections).
 */
#ifndef BANGFU_PUBLIC_LIMIT_H
#define BANGFU_PUBLIC_LIMIT_H
#include <time.h>

#include "server.h"

#define PUBLIC_READS_PER_MINUTE 30
#define PUBLIC_LIMIT_CLIENTS 256

/* Counts a read by client at `now` and returns 1, or returns 0 (counting nothing) when the client
   already read PUBLIC_READS_PER_MINUTE times in the 60 seconds before now. */
int public_limit_take(const char *client, time_t now);
/* The request's client takes a read (public_limit_take at clock_now()); when refused, replies 429
   too_many_requests in Chinese and returns 1, else 0. */
int public_limit_refused(struct req *r);

#endif
