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

/* Every service with a time limit, in the order pages list them (the code is the parameter's
   suffix and the API's `service`). */
enum timelimit_service {
    TL_LOAN_DECISION, /* loan_decision: 贷款申请 受理至审批决定 */
    TL_GUARANTEE,     /* guarantee: 批准至办理担保 */
    TL_DISBURSEMENT,  /* disbursement: 担保至放款 */
    TL_RELIEF_VERIFY, /* relief_verify: 救助 申请至村审核 */
    TL_RELIEF_REVIEW, /* relief_review: 村审核至镇审核 */
    TL_RELIEF_APPROVE, /* relief_approve: 公示期满至批准 */
    TL_RELIEF_PAY,    /* relief_pay: 批准至发放 */
    TL_COMPLAINT,     /* complaint: 投诉和意见 登记至办结 */
    TL__MAX
};
/* The service's code ("loan_decision") and Chinese name ("贷款审批（受理至决定）"); NULL out of range. */
const char *timelimit_service_code(int s);
const char *timelimit_service_name(int s);
/* The service of a code, or -1. */
int timelimit_service_parse(const char *code);
/* The working days ahead the dashboards call "due soon" (parameter due_soon_days, 1..10; 3 when unset). */
int timelimit_due_soon_days(struct db *db);

/* The service's limit in working days (its parameter; 5 when none is set). */
int timelimit_days(struct db *db, const char *service);
/* Sets a known service's limit (1..TIMELIMIT_MAX_DAYS): 422 invalid_service for an unknown
   service, 422 invalid_days. 0 or -1 with e. Audited. */
int timelimit_set(struct db *db, const struct user_ctx *actor, const char *service, int64_t days, struct err *e);
/* The due day of a case of the service taken in on `from`: the limit's working days after it. */
struct date timelimit_due(struct db *db, const char *service, struct date from);

#endif
