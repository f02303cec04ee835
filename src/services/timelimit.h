/*
 * timelimit.h: 限时办结: a working-day time limit per service, set by the admin (parameters
 * 'limit_days.<service>', 1..60), and a case's due day: that many working days after its intake
 * day by the holiday calendar (calendar.h, workday.h).
 */
#ifndef BANGFU_TIMELIMIT_H
#define BANGFU_TIMELIMIT_H
#include "date.h"
#include "db.h"
#include "err.h"
#include "user_ctx.h"

#define TIMELIMIT_MAX_DAYS 60
/* The services with a time limit set here. */
#define TIMELIMIT_COMPLAINT "complaint"

/* The service's limit in working days (its parameter; 5 when none is set). */
int timelimit_days(struct db *db, const char *service);
/* Sets the service's limit (1..TIMELIMIT_MAX_DAYS). 0 or -1 with e. Audited. */
int timelimit_set(struct db *db, const struct user_ctx *actor, const char *service, int64_t days, struct err *e);
/* The due day of a case of the service taken in on `from`: the limit's working days after it. */
struct date timelimit_due(struct db *db, const char *service, struct date from);

#endif
