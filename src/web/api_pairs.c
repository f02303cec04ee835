/* api_pairs.c: POST /api/v1/pairs, POST /api/v1/pairs/{id}/end, GET /api/v1/pairs (结对帮扶). */
#include <stdio.h>
#include <string.h>

#include "api_doc.h"
#include "api_util.h"
#include "handlers.h"
#include "list_sheets.h"
#include "pair_sheets.h"

/* Reads the body of POST /pairs into in. 0, or -1 with e naming the field. */
static int pair_body_read(json_t *j, struct pair_input *in, struct err *e)
{
    memset(in, 0, sizeof *in);
    json_t *h = json_object_get(j, "helper"), *goals = json_object_get(j, "goals"), *v;
    const char *kind = NULL;
    if (api_int(j, "household_id", 0, &in->household_id, e) || api_str(j, "from", &in->from, e))
        return -1;
    if (!json_is_object(h))
        return err_set(e, 422, "invalid_type", "helper", "helper 应为对象");
    if (api_str(h, "kind", &kind, e) || api_str(h, "name", &in->name, e) || api_int(h, "user_id", 0, &in->user_id, e) ||
        api_int(h, "unit_id", 0, &in->unit_id, e) || api_int(h, "household_id", 0, &in->helper_household_id, e) ||
        api_str(h, "phone", &in->phone, e)) {
        char field[64];
        snprintf(field, sizeof field, "helper.%s", e->field);
        snprintf(e->field, sizeof e->field, "%s", field);
        return -1;
    }
    in->kind = (enum helper_kind)helper_kind_parse(kind);
    if (!json_is_array(goals))
        return err_set(e, 422, "invalid_goals", "goals", "goals 应为数组");
    size_t i;
    json_array_foreach(goals, i, v)
    {
        int g = pair_goal_parse(json_string_value(v));
        if (g < 0)
            return err_set(e, 422, "invalid_goals", "goals", "未知的帮扶目标（可选：增收、就业、技术、产业、教育、健康、住房）");
        in->goals |= 1u << g;
    }
    return 0;
}

/* Replies with pair id as the actor sees it. */
static void reply_pair(struct req *r, int status, int64_t id)
{
    struct pair_filter f = {.kind = -1, .id = id};
    struct err e = {0};
    json_t *items = json_array();
    if (pair_list(r->db, &r->user, &f, pair_json_append, items, &e) != 1) {
        json_decref(items);
        if (!e.status)
            err_set(&e, 404, "not_found", NULL, "结对不存在");
        reply_json_error(r, &e);
        return;
    }
    json_t *p = json_incref(json_array_get(items, 0));
    json_decref(items);
    reply_json(r, status, p);
}

void api_pairs_create(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    struct pair_input in;
    int64_t id = -1;
    if (j && pair_body_read(j, &in, &e) == 0)
        id = pair_create(r->db, &r->user, &in, r->today, &e);
    json_decref(j);
    if (id < 0)
        reply_json_error(r, &e);
    else
        reply_pair(r, 201, id);
}

void api_pairs_end(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *on = NULL, *reason = NULL;
    int rc = -1;
    if (j && !api_str(j, "on", &on, &e) && !api_str(j, "reason", &reason, &e))
        rc = pair_end(r->db, &r->user, r->id[0], on, reason, r->today, &e);
    json_decref(j);
    if (rc != 0)
        reply_json_error(r, &e);
    else
        reply_pair(r, 200, r->id[0]);
}

void api_pairs_list(struct req *r)
{
    struct pair_filter f;
    struct err e = {0};
    if (pair_filter_read(r, &f, &e) != 0) {
        reply_json_error(r, &e);
        return;
    }
    if (list_export_if_asked(r, pair_list_sheet, &f, "pairs.csv"))
        return;
    json_t *items = json_array();
    int64_t total = pair_list(r->db, &r->user, &f, pair_json_append, items, &e);
    api_reply_list(r, items, total, &e);
}

/* The descriptions of this file's routes for GET /api/v1/openapi.json (api_doc.h). */
/* The helper in a pair's body. */
#define PAIR_HELPER_IN                                                                                             \
    API_OBJ("\"kind\":{\"enum\":[\"cadre\",\"unit\",\"household\"]},\"name\":" API_STR ",\"user_id\":" API_INT      \
            ",\"unit_id\":" API_INT ",\"household_id\":" API_INT ",\"phone\":" API_STR,                            \
            "\"kind\"")
/* The body of POST /pairs. */
#define PAIR_BODY                                                                                                  \
    API_OBJ("\"household_id\":" API_INT ",\"helper\":" PAIR_HELPER_IN ",\"from\":" API_STR                          \
            ",\"goals\":{\"type\":\"array\",\"items\":" API_STR "}",                                              \
            "\"household_id\",\"helper\",\"from\",\"goals\"")
/* A pair as pair_json answers it. */
#define PAIR_ANSWER                                                                                                \
    API_OBJ("\"id\":" API_INT ",\"household_id\":" API_INT ",\"head\":" API_STR ",\"village\":" API_STR            \
            ",\"helper\":" API_OBJ("\"kind\":" API_STR ",\"kind_name\":" API_STR ",\"name\":" API_STR              \
                                   ",\"user_id\":" API_INT ",\"unit_id\":" API_INT ",\"unit\":" API_STR            \
                                   ",\"household_id\":" API_INT ",\"phone\":" API_STR,                             \
                                   "\"kind\",\"name\",\"unit_id\",\"household_id\"")                               \
            ",\"from\":" API_STR ",\"goals\":{\"type\":\"array\",\"items\":" API_STR "},\"state\":{\"enum\":["      \
            "\"active\",\"ended\"]},\"ended_on\":" API_STR ",\"end_reason\":" API_STR,                             \
            "\"id\",\"household_id\",\"helper\",\"from\",\"goals\",\"state\"")

const struct api_doc api_docs_pairs[] = {
    {"GET", "/api/v1/pairs", "结对帮扶列表（被帮扶家庭所在单位、帮扶单位、帮扶户、类别、状态），分页；?format= 导出",
     "unit_id:integer helper_unit_id:integer household_id:integer helper_household_id:integer kind:string "
     "state:string format:string " API_PAGING,
     NULL, API_LIST(PAIR_ANSWER), 0, "422:invalid_kind 422:invalid_state 403:out_of_scope 422:invalid_format",
     API_FORMATS},
    {"POST", "/api/v1/pairs", "结对：干部（账号或姓名、单位、手机号）、单位或帮扶户与一户家庭结对，含帮扶目标", NULL,
     PAIR_BODY, PAIR_ANSWER, 201, "422:invalid_goals 422:invalid_date 404:not_found 403:out_of_scope 409:duplicate_pair",
     NULL},
    {"POST", "/api/v1/pairs/{id}/end", "结束结对（日期、原因）", NULL,
     API_OBJ("\"on\":" API_STR ",\"reason\":" API_STR, "\"on\",\"reason\""), PAIR_ANSWER, 0,
     "422:invalid_reason 404:not_found 403:out_of_scope 409:already_ended", NULL},
    {0},
};
