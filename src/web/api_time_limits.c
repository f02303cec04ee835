/* api_time_limits.c: the JSON API of 限时办结: each service's time limit (read by all, set by the
   admin), the open cases late or due soon, and the description of the timeliness report
   (page_timeliness.c). */
#include <string.h>

#include "api_doc.h"
#include "api_util.h"
#include "handlers.h"
#include "time_limit_view.h"

void api_time_limits(struct req *r)
{
    json_t *items = json_array();
    for (int s = 0; s < TL__MAX; s++)
        json_array_append_new(items, json_pack("{s:s, s:s, s:i}", "service", timelimit_service_code(s), "name",
                                               timelimit_service_name(s), "days",
                                               timelimit_days(r->db, timelimit_service_code(s))));
    json_t *o = api_list(items, TL__MAX);
    json_object_set_new(o, "due_soon_days", json_integer(timelimit_due_soon_days(r->db)));
    reply_json(r, 200, o);
}

void api_time_limits_set(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *service = NULL;
    int64_t days = 0;
    int rc = -1;
    if (j && !api_str(j, "service", &service, &e) && !api_int(j, "days", 0, &days, &e))
        rc = timelimit_set(r->db, &r->user, service, days, &e);
    json_decref(j);
    if (rc != 0)
        reply_json_error(r, &e);
    else
        api_time_limits(r);
}

/* Appends an open case to the array ctx. */
static void open_json(const struct timeliness_case *c, void *ctx)
{
    json_array_append_new(ctx, timeliness_case_json(c));
}

void api_time_limits_open(struct req *r)
{
    const char *l = req_query(r, "late");
    if (l && strcmp(l, "0") && strcmp(l, "1")) {
        reply_fail(r, 422, "invalid_query", "late 应为 0 或 1");
        return;
    }
    if (deadline_export(r, l && !strcmp(l, "1")))
        return;
    int limit, offset;
    api_paging(r, &limit, &offset);
    struct timeliness_open_query q = time_limit_query(r, l && !strcmp(l, "1"), limit, offset);
    json_t *items = json_array();
    int64_t total = timeliness_open(r->db, &r->user, r->today, &q, open_json, items);
    if (total < 0) {
        json_decref(items);
        reply_fail(r, 500, "internal", "办理期限读取失败，请稍后再试");
        return;
    }
    char until[11];
    json_t *o = api_list(items, total);
    json_object_set_new(o, "due_to", json_string(date_format(q.due_to, until)));
    reply_json(r, 200, o);
}

/* The descriptions of this file's routes for GET /api/v1/openapi.json (api_doc.h). */
/* The time limits answer. */
#define LIMITS_ANSWER                                                                                              \
    "{\"type\":\"object\",\"required\":[\"items\",\"total\",\"due_soon_days\"],\"properties\":{\"items\":"          \
    API_ARRAY(API_OBJ("\"service\":" API_STR ",\"name\":" API_STR ",\"days\":" API_INT, "\"service\",\"name\",\"days\"")) \
    ",\"total\":" API_INT ",\"due_soon_days\":" API_INT "}}"
/* A person named on a case, or null. */
#define PERSON "{\"type\":[\"object\",\"null\"],\"properties\":{\"id\":" API_INT ",\"name\":" API_STR "}}"
/* A case as timeliness_case_json answers it. */
#define CASE_ANSWER                                                                                                \
    API_OBJ("\"service\":" API_STR ",\"service_name\":" API_STR ",\"case_id\":" API_INT ",\"unit_id\":" API_INT    \
            ",\"unit\":" API_STR ",\"started_on\":" API_STR ",\"due_on\":" API_STR ",\"finished_on\":" API_STR_NULL  \
            ",\"handler\":" PERSON ",\"backup\":" PERSON ",\"late\":" API_BOOL,                                      \
            "\"service\",\"case_id\",\"unit_id\",\"started_on\",\"due_on\",\"finished_on\",\"handler\",\"backup\",\"late\"")
/* The open cases answer. */
#define OPEN_ANSWER                                                                                                \
    "{\"type\":\"object\",\"required\":[\"items\",\"total\",\"due_to\"],\"properties\":{\"items\":"                  \
    API_ARRAY(CASE_ANSWER) ",\"total\":" API_INT ",\"due_to\":" API_STR "}}"
/* The timeliness report's answer. */
#define REPORT_ANSWER                                                                                              \
    API_OBJ("\"by\":{\"enum\":[\"village\",\"township\",\"handler\"]},\"from\":" API_STR ",\"to\":" API_STR         \
            ",\"total\":" API_INT ",\"items\":"                                                                      \
            API_ARRAY(API_OBJ("\"unit_id\":" API_INT ",\"unit\":" API_STR ",\"handler_id\":" API_INT ",\"handler\":"  \
                              API_STR ",\"service\":" API_STR ",\"service_name\":" API_STR ",\"handled\":" API_INT    \
                              ",\"on_time\":" API_INT ",\"late\":" API_INT ",\"open_late\":" API_INT,                \
                              "\"unit_id\",\"service\",\"handled\",\"on_time\",\"late\",\"open_late\"")),            \
            "\"by\",\"from\",\"to\",\"items\",\"total\"")

const struct api_doc api_docs_time_limits[] = {
    {"GET", "/api/v1/time-limits", "各项服务的办理时限（工作日）和工作台“即将到期”的工作日数", NULL, NULL, LIMITS_ANSWER, 0,
     "", NULL},
    {"POST", "/api/v1/time-limits", "设置一项服务的办理时限（1 到 60 个工作日）", NULL,
     API_OBJ("\"service\":" API_STR ",\"days\":" API_INT, "\"service\",\"days\""), LIMITS_ANSWER, 0,
     "422:invalid_days 422:invalid_service", NULL},
    {"GET", "/api/v1/time-limits/open",
     "未办结的事项：late=1 已超期，否则今天起几个工作日内到期；只含本角色可打开的事项，按办理期限排序，分页；?format= 导出",
     "late:integer format:string " API_PAGING, NULL, OPEN_ANSWER, 0, "422:invalid_query", API_FORMATS},
    {"GET", "/api/v1/reports/timeliness",
     "限时办结情况：by=village（默认）、township、handler 分组，按服务统计办结、按时、超时和超期未办结件数；?format= 导出",
     "from:date to:date unit_id:integer by:string format:string", NULL, REPORT_ANSWER, 0,
     "422:invalid_query 403:out_of_scope 404:unit_not_found", API_FORMATS},
    {0},
};
