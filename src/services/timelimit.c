/* timelimit.c: working-day time limits per service (see timelimit.h). */
#include "timelimit.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "calendar.h"

static const char *const services[TL__MAX][2] = {
    {"loan_decision", "贷款审批（受理至决定）"}, {"guarantee", "办理担保"}, {"disbursement", "放款"},
    {"relief_verify", "救助村审核"}, {"relief_review", "救助镇审核"}, {"relief_approve", "救助批准（公示期满后）"},
    {"relief_pay", "救助发放"}, {"complaint", "投诉和意见"},
};

const char *timelimit_service_code(int s)
{
    return s >= 0 && s < TL__MAX ? services[s][0] : NULL;
}

const char *timelimit_service_name(int s)
{
    return s >= 0 && s < TL__MAX ? services[s][1] : NULL;
}

int timelimit_service_parse(const char *code)
{
    for (int i = 0; code && i < TL__MAX; i++)
        if (!strcmp(code, services[i][0]))
            return i;
    return -1;
}

int timelimit_due_soon_days(struct db *db)
{
    int64_t d = db_param_int(db, "due_soon_days", 3);
    return d >= 1 && d <= 10 ? (int)d : 3;
}

/* The parameter key of a service's limit into out (64). */
static const char *limit_key(const char *service, char out[64])
{
    snprintf(out, 64, "limit_days.%s", service);
    return out;
}

int timelimit_days(struct db *db, const char *service)
{
    char key[64];
    int64_t d = db_param_int(db, limit_key(service, key), 5);
    return d >= 1 && d <= TIMELIMIT_MAX_DAYS ? (int)d : 5;
}

int timelimit_set(struct db *db, const struct user_ctx *actor, const char *service, int64_t days, struct err *e)
{
    if (timelimit_service_parse(service) < 0)
        return err_set(e, 422, "invalid_service", "service", "没有这项服务的办理时限");
    if (days < 1 || days > TIMELIMIT_MAX_DAYS)
        return err_set(e, 422, "invalid_days", "days", "办理时限应为 1 到 %d 个工作日", TIMELIMIT_MAX_DAYS);
    char key[64], value[24];
    snprintf(value, sizeof value, "%lld", (long long)days);
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int was = timelimit_days(db, service);
    int ok = db_run(db, "INSERT INTO parameters (key, value, note) VALUES (?1, ?2, '办理时限（工作日）') "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    "tt", limit_key(service, key), value) == SQLITE_DONE;
    return audit_commit(db, ok, actor, "update", "time_limit", 0, json_pack("{s:s, s:i}", "service", service, "days", was),
                        json_pack("{s:s, s:I}", "service", service, "days", (json_int_t)days), e);
}

struct date timelimit_due(struct db *db, const char *service, struct date from)
{
    return calendar_add_working_days(db, from, timelimit_days(db, service));
}
