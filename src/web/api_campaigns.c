/* api_campaigns.c: the campaigns JSON API (帮扶活动): create, list and one campaign with its progress
   by unit; ?format= exports. Thin over campaign.c. */
#include <stdlib.h>
#include <string.h>

#include "api_doc.h"
#include "api_util.h"
#include "campaign_sheet.h"
#include "handlers.h"

void api_campaigns_create(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    struct campaign_input in = {0};
    int64_t id = -1;
    if (j && !api_str(j, "name", &in.name, &e) && !api_int(j, "target_households", 0, &in.target_households, &e) &&
        !api_int(j, "min_amount_fen", 0, &in.min_amount_fen, &e) && !api_str(j, "from", &in.from, &e) &&
        !api_str(j, "to", &in.to, &e) && !api_int(j, "programme_id", 0, &in.programme_id, &e) &&
        !api_int(j, "unit_id", 0, &in.unit_id, &e))
        id = campaign_create(r->db, &r->user, &in, &e);
    struct campaign *c = id > 0 ? malloc(sizeof *c) : NULL;
    if (id > 0 && !c)
        err_set(&e, 500, "internal_error", NULL, "内存不足");
    if (c && campaign_get(r->db, &r->user, id, c, &e) == 0)
        reply_json(r, 201, campaign_json(c));
    else
        reply_json_error(r, &e);
    free(c);
    json_decref(j);
}

/* Appends a campaign to a JSON array. */
static void campaign_item(const struct campaign *c, void *ctx)
{
    json_array_append_new(ctx, campaign_json(c));
}

void api_campaigns_list(struct req *r)
{
    if (list_export_if_asked(r, campaign_list_sheet, NULL, "campaigns.csv"))
        return;
    json_t *items = json_array();
    char today[11];
    int n = campaign_list(r->db, &r->user, NULL, NULL, date_format(r->today, today), campaign_item, items);
    api_reply_capped(r, items, n, CAMPAIGN_LIST_MAX);
}

void api_campaigns_show(struct req *r)
{
    struct err e = {0};
    struct campaign *c = malloc(sizeof *c);
    if (!c)
        err_set(&e, 500, "internal_error", NULL, "内存不足");
    if (!c || campaign_get(r->db, &r->user, r->id[0], c, &e) != 0)
        reply_json_error(r, &e);
    else if (!list_export_if_asked(r, campaign_sheet, c, "campaign.csv"))
        reply_json(r, 200, campaign_json(c));
    free(c);
}

/* The descriptions of this file's routes for GET /api/v1/openapi.json (api_doc.h). */
#define CAMPAIGN_ANSWER                                                                                            \
    API_OBJ("\"id\":" API_INT ",\"name\":" API_STR ",\"unit_id\":" API_INT ",\"unit\":" API_STR                   \
            ",\"programme_id\":" API_INT ",\"programme\":" API_STR ",\"target_households\":" API_INT                \
            ",\"min_amount_fen\":" API_INT ",\"from\":" API_STR ",\"to\":" API_STR ",\"as_of\":" API_STR             \
            ",\"complete\":" API_BOOL ",\"households_paid\":" API_INT ",\"households_reached\":" API_INT            \
            ",\"amount_fen\":" API_INT ",\"by_unit\":" API_ARRAY(API_OBJ("\"unit_id\":" API_INT ",\"unit\":" API_STR  \
            ",\"households_paid\":" API_INT ",\"households_reached\":" API_INT ",\"amount_fen\":" API_INT,           \
            "\"unit_id\",\"unit\",\"households_paid\",\"households_reached\",\"amount_fen\"")),                     \
            "\"id\",\"name\",\"target_households\",\"min_amount_fen\",\"from\",\"to\",\"households_reached\","      \
            "\"amount_fen\",\"by_unit\"")
#define CAMPAIGN_BODY                                                                                              \
    API_OBJ("\"name\":" API_STR ",\"target_households\":" API_INT ",\"min_amount_fen\":" API_INT ",\"from\":"      \
            API_STR ",\"to\":" API_STR ",\"programme_id\":" API_INT ",\"unit_id\":" API_INT,                       \
            "\"name\",\"target_households\",\"min_amount_fen\",\"from\",\"to\",\"programme_id\"")

const struct api_doc api_docs_campaigns[] = {
    {"GET", "/api/v1/campaigns", "帮扶活动（如双千帮扶）及其进度；?format= 导出", "format:string", NULL, API_LIST(CAMPAIGN_ANSWER), 0, "422:invalid_format", API_FORMATS},
    {"POST", "/api/v1/campaigns", "新建帮扶活动：目标户数、每户最低金额、期间、扶助项目；unit_id 为全区或一个镇（默认本人单位）", NULL, CAMPAIGN_BODY, CAMPAIGN_ANSWER, 201, "422:invalid_name 422:invalid_target 422:invalid_amount 422:invalid_date 422:invalid_unit 409:duplicate_name 403:out_of_scope 404:not_found", NULL},
    {"GET", "/api/v1/campaigns/{id}", "一个帮扶活动：已帮扶户数、达标户数、金额及按镇（或村）的进度；?format= 导出", "format:string", NULL, CAMPAIGN_ANSWER, 0, "404:not_found 403:out_of_scope 422:invalid_format", API_FORMATS},
    {0},
};
