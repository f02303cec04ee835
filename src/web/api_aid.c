/* api_aid.c: the aid-in-kind JSON API (慰问品): items, distributions with their filter and exports,
   one distribution, its reversal, and the 签领表. Thin over aid.c and aid_sheet.c. */
#include <stdlib.h>
#include <string.h>

#include "aid_sheet.h"
#include "api_doc.h"
#include "api_util.h"
#include "handlers.h"
#include "list_filter.h"

/* Appends an item to a JSON array. */
static void item_json(const struct aid_item *x, void *ctx)
{
    json_array_append_new(ctx, aid_item_json(x));
}

void api_aid_items_list(struct req *r)
{
    json_t *items = json_array();
    int n = aid_item_list(r->db, item_json, items);
    api_reply_capped(r, items, n, AID_ITEMS_MAX);
}

void api_aid_items_create(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *name = NULL, *unit = NULL;
    int64_t value = 0, id = -1;
    if (j && !api_str(j, "name", &name, &e) && !api_str(j, "unit", &unit, &e) && !api_int(j, "value_fen", 0, &value, &e))
        id = aid_item_create(r->db, &r->user, name, unit, value, &e);
    if (id < 0)
        reply_json_error(r, &e);
    else
        reply_json(r, 201, json_pack("{s:I, s:s, s:s, s:I, s:b}", "id", (json_int_t)id, "name", name, "unit", unit,
                                     "value_fen", (json_int_t)value, "active", 1));
    json_decref(j);
}

/* Reads the list's filter from the query (?village_id=&from=&to=&fund_id=, paging). 0, or -1 after replying. */
static int filter_read(struct req *r, struct aid_filter *f)
{
    struct list_where w;
    struct err e = {0};
    memset(f, 0, sizeof *f);
    if (list_where_read(r, &w, &e) != 0) {
        reply_json_error(r, &e);
        return -1;
    }
    f->village_id = w.village_id, f->from = w.from, f->to = w.to;
    f->fund_id = req_query_int(r, "fund_id", 0);
    api_paging(r, &f->limit, &f->offset);
    return 0;
}

/* Appends a distribution to a JSON array. */
static void aid_item(const struct aid_row *x, void *ctx)
{
    json_array_append_new(ctx, aid_json(x));
}

void api_aid_list(struct req *r)
{
    struct aid_filter f;
    if (filter_read(r, &f) != 0 || list_export_if_asked(r, aid_list_sheet, &f, "aid-distributions.csv"))
        return;
    json_t *items = json_array();
    if (aid_list(r->db, &r->user, &f, aid_item, items) < 0) {
        json_decref(items);
        reply_fail(r, 500, "database_error", "读取数据失败，请稍后再试");
        return;
    }
    json_t *list = api_list(items, f.count);
    json_object_set_new(list, "quantity_total", json_integer(f.quantity));
    json_object_set_new(list, "value_fen_total", json_integer(f.value_fen));
    reply_json(r, 200, list);
}

void api_aid_sign_sheet(struct req *r)
{
    struct aid_filter f;
    if (filter_read(r, &f) == 0)
        aid_sign_sheet_reply(r, &f);
}

/* Replies with a distribution, or the error. */
static void reply_aid(struct req *r, int status, int64_t id, struct err *e)
{
    struct aid_row x;
    if (id < 0 || aid_get(r->db, &r->user, id, &x, e) != 0)
        reply_json_error(r, e);
    else
        reply_json(r, status, aid_json(&x));
}

void api_aid_create(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    struct aid_input in = {0};
    int64_t id = -1;
    if (j && !api_int(j, "household_id", 0, &in.household_id, &e) && !api_int(j, "item_id", 0, &in.item_id, &e) &&
        !api_int(j, "quantity", 0, &in.quantity, &e) && !api_int(j, "fund_id", 0, &in.fund_id, &e) &&
        !api_str(j, "given_on", &in.given_on, &e) && !api_str(j, "occasion", &in.occasion, &e))
        id = aid_distribute(r->db, &r->user, &in, r->today, &e);
    reply_aid(r, 201, id, &e);
    json_decref(j);
}

void api_aid_show(struct req *r)
{
    struct err e = {0};
    reply_aid(r, 200, r->id[0], &e);
}

void api_aid_reverse(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *reason = NULL;
    int rc = -1;
    if (j && !api_str(j, "reason", &reason, &e))
        rc = aid_reverse(r->db, &r->user, r->id[0], reason, r->today, &e);
    reply_aid(r, 200, rc == 0 ? r->id[0] : -1, &e);
    json_decref(j);
}

/* The descriptions of this file's routes for GET /api/v1/openapi.json (api_doc.h). */
#define AID_ITEM_ANSWER                                                                                            \
    API_OBJ("\"id\":" API_INT ",\"name\":" API_STR ",\"unit\":" API_STR ",\"value_fen\":" API_INT ",\"active\":"    \
            API_BOOL, "\"id\",\"name\",\"unit\",\"value_fen\"")
#define AID_ANSWER                                                                                                 \
    API_OBJ("\"id\":" API_INT ",\"household_id\":" API_INT ",\"head_name\":" API_STR ",\"village\":" API_STR       \
            ",\"item_id\":" API_INT ",\"item\":" API_STR ",\"unit\":" API_STR ",\"quantity\":" API_INT                 \
            ",\"unit_value_fen\":" API_INT ",\"value_fen\":" API_INT ",\"value_capital\":" API_STR ",\"fund_id\":"     \
            API_INT ",\"fund\":" API_STR ",\"given_on\":" API_STR ",\"occasion\":" API_STR ",\"given_by\":" API_STR   \
            ",\"reversed\":" API_BOOL ",\"reverse_reason\":" API_STR ",\"reversed_on\":" API_STR,                    \
            "\"id\",\"household_id\",\"item\",\"quantity\",\"unit_value_fen\",\"value_fen\",\"value_capital\","       \
            "\"fund_id\",\"given_on\",\"reversed\"")
#define AID_FILTER "village_id:integer from:string to:string fund_id:integer format:string " API_PAGING

const struct api_doc api_docs_aid[] = {
    {"GET", "/api/v1/aid-items", "慰问品（化肥、大米、食用油、衣物等）及其单价", NULL, NULL, API_LIST(AID_ITEM_ANSWER), 0, NULL, NULL},
    {"POST", "/api/v1/aid-items", "新增慰问品（系统管理员）：名称、计量单位、单价", NULL, API_OBJ("\"name\":" API_STR ",\"unit\":" API_STR ",\"value_fen\":" API_INT, "\"name\",\"unit\",\"value_fen\""), AID_ITEM_ANSWER, 201, "422:invalid_name 422:invalid_unit 422:invalid_value 409:duplicate_name", NULL},
    {"GET", "/api/v1/aid-distributions", "慰问品发放记录（按村、日期、资金筛选），合计数量和价值（不含已冲销）；?format= 导出", AID_FILTER, NULL, API_LIST(AID_ANSWER), 0, "422:invalid_date 422:invalid_period 422:invalid_format", API_FORMATS},
    {"POST", "/api/v1/aid-distributions", "发放慰问品给一户：物品、数量、资金、日期；价值 = 数量 × 当日单价", NULL, API_OBJ("\"household_id\":" API_INT ",\"item_id\":" API_INT ",\"quantity\":" API_INT ",\"fund_id\":" API_INT ",\"given_on\":" API_STR ",\"occasion\":" API_STR, "\"household_id\",\"item_id\",\"quantity\",\"fund_id\",\"given_on\""), AID_ANSWER, 201, "422:invalid_quantity 422:invalid_date 422:invalid_item 404:household_not_found 403:out_of_scope 409:fund_out_of_scope", NULL},
    {"GET", "/api/v1/aid-distributions/sign-sheet", "慰问品签领表（PDF，按村、日期筛选，未冲销的记录，合计价值含大写）；?format=csv|xlsx 亦可", AID_FILTER, NULL, NULL, 0, "422:invalid_date 422:invalid_format", API_FORMATS},
    {"GET", "/api/v1/aid-distributions/{id}", "一条慰问品发放记录", NULL, NULL, AID_ANSWER, 0, "404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/aid-distributions/{id}/reverse", "冲销一条发放记录（须填写原因）", NULL, API_OBJ("\"reason\":" API_STR, "\"reason\""), AID_ANSWER, 0, "422:invalid_reason 409:already_reversed 404:not_found 403:out_of_scope", NULL},
    {0},
};
