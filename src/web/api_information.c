/* api_information.c: POST /api/v1/information-items, GET /api/v1/information-items and
   GET /api/v1/information-items/villages (信息服务 with who received them, and the counts by village). */
#include <stdio.h>
#include <string.h>

#include "api_doc.h"
#include "api_util.h"
#include "handlers.h"
#include "information.h"
#include "more_sheets.h"

/* Reads the recipients array ([{household_id} or {village_id}]) into out. 0 or -1 with e. */
static int recipients_read(json_t *list, struct info_recipient *out, int *n, struct err *e)
{
    json_t *v;
    size_t i;
    if (list && !json_is_array(list))
        return err_set(e, 422, "invalid_type", "recipients", "recipients 应为数组");
    if (json_array_size(list) > INFO_MAX_RECIPIENTS)
        return err_set(e, 422, "invalid_recipients", "recipients", "请选择接收的村或家庭（1 到 %d 个）",
                       INFO_MAX_RECIPIENTS);
    json_array_foreach(list, i, v)
    {
        out[i] = (struct info_recipient){0};
        if (!json_is_object(v) || api_int(v, "household_id", 0, &out[i].household_id, e) ||
            api_int(v, "village_id", 0, &out[i].village_id, e) || !out[i].household_id == !out[i].village_id)
            return err_set(e, 422, "invalid_type", "recipients",
                           "第 %zu 个接收对象应为 {household_id} 或 {village_id}，二者选一", i + 1);
    }
    *n = (int)json_array_size(list);
    return 0;
}

void api_information_create(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    struct info_input in = {0};
    struct info_recipient to[INFO_MAX_RECIPIENTS];
    const char *kind = NULL;
    int64_t id = -1;
    if (j && !api_str(j, "title", &in.title, &e) && !api_str(j, "kind", &kind, &e) && !api_str(j, "on", &in.on, &e) &&
        !api_int(j, "unit_id", 0, &in.unit_id, &e) && !api_str(j, "text", &in.text, &e) &&
        !recipients_read(json_object_get(j, "recipients"), to, &in.nrecipients, &e)) {
        in.kind = info_kind_parse(kind);
        in.recipients = to;
        id = info_create(r->db, &r->user, &in, r->today, &e);
    }
    json_decref(j);
    if (id < 0) {
        reply_json_error(r, &e);
        return;
    }
    struct info_filter f = {.id = id, .kind = -1};
    struct info_json_ctx c = {r->db, &r->user, json_array(), 0};
    int64_t n = info_list(r->db, &r->user, &f, info_json_append, &c, &e);
    api_reply_created(r, c.items, c.failed ? -1 : n, &e);
}

/* Reads the list's query (household_id, kind, from, to, paging). 0 or -1 with e. */
static int info_filter_read(struct req *r, struct info_filter *f, struct err *e)
{
    const char *kind = req_query(r, "kind");
    *f = (struct info_filter){.household_id = req_query_int(r, "household_id", 0),
                              .kind = kind && *kind ? info_kind_parse(kind) : -1, .from = req_query(r, "from"),
                              .to = req_query(r, "to")};
    if (kind && *kind && f->kind < 0)
        return err_set(e, 422, "invalid_kind", "kind", "信息类别应为 market、jobs 或 technology");
    return 0;
}

void api_information_list(struct req *r)
{
    struct info_filter f;
    struct err e = {0};
    if (info_filter_read(r, &f, &e) != 0) {
        reply_json_error(r, &e);
        return;
    }
    api_paging(r, &f.limit, &f.offset);
    if (list_export_if_asked(r, more_information_sheet, &f, "information.csv"))
        return;
    struct info_json_ctx c = {r->db, &r->user, json_array(), 0};
    int64_t total = info_list(r->db, &r->user, &f, info_json_append, &c, &e);
    if (c.failed && !e.status)
        db_row_fail(&e);
    api_reply_list(r, c.items, c.failed ? -1 : total, &e);
}

/* Appends one village's counts. */
static void village_item(const struct info_village_row *v, void *ctx)
{
    json_array_append_new(ctx, json_pack("{s:I, s:s, s:I, s:I}", "village_id", (json_int_t)v->village_id, "village",
                                         v->village, "items", (json_int_t)v->items, "households",
                                         (json_int_t)v->households));
}

void api_information_villages(struct req *r)
{
    struct err e = {0};
    json_t *items = json_array();
    int n = info_by_village(r->db, &r->user, req_query(r, "from"), req_query(r, "to"), village_item, items, &e);
    api_reply_list(r, items, n, &e);
}

/* An item as info_json answers it. */
#define INFO_ANSWER                                                                                                 \
    API_OBJ("\"id\":" API_INT ",\"title\":" API_STR ",\"kind\":{\"enum\":[\"market\",\"jobs\",\"technology\"]},"  \
            "\"kind_name\":" API_STR ",\"on\":" API_STR ",\"unit_id\":" API_INT ",\"unit\":" API_STR               \
            ",\"text\":" API_STR ",\"villages\":" API_INT ",\"households\":" API_INT                               \
            ",\"recipients\":{\"type\":\"array\",\"items\":" API_OBJ("\"village_id\":" API_INT ",\"village\":" API_STR \
                                                                      ",\"household_id\":" API_INT ",\"head\":" API_STR, \
                                                                      "\"village_id\",\"household_id\"") "}",      \
            "\"id\",\"title\",\"kind\",\"on\",\"unit_id\",\"villages\",\"households\",\"recipients\"")

/* The descriptions of this file's routes for GET /api/v1/openapi.json (api_doc.h). */
const struct api_doc api_docs_information[] = {
    {"POST", "/api/v1/information-items", "登记一条信息服务（市场价格、用工信息、实用技术）及接收的村或家庭", NULL,
     API_OBJ("\"title\":" API_STR ",\"kind\":" API_STR ",\"on\":" API_STR ",\"unit_id\":" API_INT ",\"text\":" API_STR
             ",\"recipients\":{\"type\":\"array\",\"items\":" API_OBJ("\"household_id\":" API_INT
                                                                     ",\"village_id\":" API_INT, "") "}",
             "\"title\",\"kind\",\"on\",\"unit_id\",\"text\",\"recipients\""),
     INFO_ANSWER, 201,
     "422:invalid_title 422:invalid_kind 422:invalid_date 422:invalid_text 422:invalid_recipients 422:invalid_unit "
     "422:invalid_household 422:invalid_village 422:duplicate_recipient 403:out_of_scope",
     NULL},
    {"GET", "/api/v1/information-items",
     "信息服务（本范围发出或本范围接收的），按类别、日期或接收家庭筛选，分页；?format= 导出",
     "household_id:integer kind:string from:date to:date format:string " API_PAGING, NULL, API_LIST(INFO_ANSWER), 0,
     "422:invalid_kind 422:invalid_format", API_FORMATS},
    {"GET", "/api/v1/information-items/villages", "各村信息服务统计：收到的信息条数、逐户送达的户数（按发送日期区间）",
     "from:date to:date", NULL,
     API_LIST(API_OBJ("\"village_id\":" API_INT ",\"village\":" API_STR ",\"items\":" API_INT ",\"households\":" API_INT,
                      "\"village_id\",\"village\",\"items\",\"households\"")),
     0, "", NULL},
    {0},
};
