/* api_notice.c: public notices (公示) in the JSON API: publishing (staff), reading and filing an
   objection (public, no login), listing and resolving objections (staff). Thin over notice.c. */
#include <string.h>

#include "api_doc.h"
#include "api_util.h"
#include "handlers.h"
#include "record_sheets.h"
#include "list_sheets.h"
#include "notice.h"
#include "part_sheets.h"

/* How much of the objections the requester reads (enum notice_contacts). */
static int notice_contacts(struct req *r, const struct notice *n)
{
    if (!r->authed || !notice_in_scope(r->db, &r->user, n))
        return NOTICE_CONTACTS_NONE;
    return role_sees_full_id(r->user.role) ? NOTICE_CONTACTS_FULL : NOTICE_CONTACTS_MASKED;
}

/* The page of a notice's items an answer carries: all of them, or ?limit= (at most 500) from
   ?offset= when the request asks for a page (items_total says how many there are). */
static json_t *notice_answer(struct req *r, const struct notice *n)
{
    int limit = -1, offset = 0;
    if (req_query(r, "limit"))
        api_paging(r, &limit, &offset);
    return notice_json(r->db, n, notice_contacts(r, n), limit, offset);
}

void api_notices_create(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    struct notice_input in = {0};
    int64_t days = 0, id = -1;
    if (j && !api_str(j, "kind", &in.kind, &e) && !api_int(j, "unit_id", 0, &in.unit_id, &e) &&
        !api_str(j, "from", &in.from, &e) && !api_str(j, "to", &in.to, &e) && !api_int(j, "days", 0, &days, &e) &&
        !api_int(j, "replaces_id", 0, &in.replaces_id, &e) && !api_int(j, "roll_id", 0, &in.roll_id, &e)) {
        in.days = days < 0 || days > 1000 ? -1 : (int)days;
        id = notice_create(r->db, &r->user, &in, r->today, &e);
    }
    json_decref(j);
    struct notice n;
    if (id < 0 || notice_get(r->db, id, &n, &e) != 0)
        reply_json_error(r, &e);
    else
        reply_json(r, 201, notice_answer(r, &n));
}

void api_notices_show(struct req *r)
{
    struct notice n;
    struct err e = {0};
    if (notice_get(r->db, r->id[0], &n, &e) != 0)
        reply_json_error(r, &e);
    else if (req_query(r, "format") && notice_contacts(r, &n) == NOTICE_CONTACTS_NONE)
        reply_fail(r, 403, "out_of_scope", "只有管辖范围内的工作人员可以导出异议");
    else if (!list_export_if_asked(r, part_objections_sheet, &n, "objections.csv"))
        reply_json(r, 200, notice_answer(r, &n));
}

/* Appends a notice's summary to a JSON array. */
static void notice_item(const struct notice *n, void *ctx)
{
    json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:i, s:i}", "id", (json_int_t)n->id, "kind",
                                         n->kind, "title", n->title, "unit", n->unit_name, "starts_on", n->starts_on,
                                         "ends_on", n->ends_on, "items", n->items, "open_objections",
                                         n->open_objections));
}

void api_notices_list(struct req *r)
{
    int64_t unit_id = req_query_int(r, "unit_id", 0);
    if (list_export_if_asked(r, record_notices_sheet, &unit_id, "notices.csv"))
        return;
    json_t *items = json_array();
    int n = notice_list(r->db, &r->user, unit_id, r->today, notice_item, items);
    api_reply_list(r, items, n, NULL);
}

void api_notices_object(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *text = NULL, *contact = NULL;
    int64_t item = 0, id = -1;
    char client[64];
    if (j && !api_str(j, "text", &text, &e) && !api_str(j, "contact", &contact, &e) && !api_int(j, "item", 0, &item, &e))
        id = notice_object(r->db, r->id[0], item < 0 || item > 100000 ? -1 : (int)item, text, contact,
                           req_client(r, client, sizeof client), r->today, &e);
    json_decref(j);
    if (id < 0)
        reply_json_error(r, &e);
    else
        reply_json(r, 201, json_pack("{s:I, s:s}", "id", (json_int_t)id, "state", "open"));
}

void api_objection_resolve(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *resolution = NULL;
    int upheld = 0, rc = -1;
    if (j && !api_bool(j, "upheld", 0, &upheld, &e) && !api_str(j, "resolution", &resolution, &e))
        rc = notice_resolve(r->db, &r->user, r->id[0], upheld, resolution, r->today, &e);
    json_decref(j);
    if (rc != 0)
        reply_json_error(r, &e);
    else
        reply_json(r, 200, json_pack("{s:I, s:s}", "id", (json_int_t)r->id[0], "state", upheld ? "upheld" : "dismissed"));
}

/* The descriptions of this file's routes for GET /api/v1/openapi.json (api_doc.h). */
const struct api_doc api_docs_notice[] = {
    {"GET", "/api/v1/notices", "管辖范围内的公示，最新的 50 份（total 为全部份数）；?format= 导出", "unit_id:integer format:string", NULL, API_LIST(API_OBJ("\"id\":" API_INT ",\"kind\":" "{\"enum\":[\"loan\",\"relief\",\"roll\"]}" ",\"title\":" API_STR ",\"unit\":" API_STR ",\"starts_on\":" API_STR ",\"ends_on\":" API_STR ",\"items\":" API_INT ",\"open_objections\":" API_INT "", "\"id\",\"kind\",\"title\",\"unit\",\"starts_on\",\"ends_on\",\"items\",\"open_objections\"")), 0, "422:invalid_format", API_FORMATS},
    {"POST", "/api/v1/notices", "发布公示（救助、贷款，或资格确认名册 kind=roll 与 roll_id）；答复含全部公示条目，给出 ?limit= 时只含一页（items_total 为条目总数）", API_PAGING, API_OBJ("\"kind\":{\"enum\":[\"relief\",\"loan\",\"roll\"]},\"unit_id\":" API_INT ",\"roll_id\":" API_INT ",\"days\":" API_INT, "\"kind\""), API_ANY_OBJ, 201, "422:invalid_kind 409:nothing_to_notice 409:roll_not_draft", NULL},
    {"GET", "/api/v1/notices/{id}", "一则公示（公开，姓名已脱敏）：全部条目，给出 ?limit= 时为一页（items_total 为条目总数）；?format= 导出其异议（仅管辖范围内的工作人员，号码按角色脱敏）", "format:string " API_PAGING, NULL, API_OBJ("\"id\":" API_INT ",\"kind\":" "{\"enum\":[\"loan\",\"relief\",\"roll\"]}" ",\"title\":" API_STR ",\"unit_id\":" API_INT ",\"unit\":" API_STR ",\"starts_on\":" API_STR ",\"ends_on\":" API_STR ",\"office\":" API_STR ",\"phone\":" API_STR ",\"items\":" API_ARRAY(API_OBJ("\"n\":" API_INT ",\"name\":" API_STR ",\"village\":" API_STR ",\"label\":" API_STR ",\"amount_fen\":" API_INT ",\"open_objections\":" API_INT "", "\"n\",\"name\",\"village\",\"label\",\"amount_fen\",\"open_objections\"")) ",\"objections\":" "{\"type\":\"array\"}" ",\"total_fen\":" API_INT ",\"replaces_id\":" API_INT_NULL ",\"replaced_by\":" API_INT_NULL ",\"doc_no\":" API_STR ",\"items_total\":" API_INT "", "\"id\",\"kind\",\"title\",\"unit_id\",\"unit\",\"starts_on\",\"ends_on\",\"office\",\"phone\",\"items\",\"objections\",\"total_fen\",\"replaces_id\",\"replaced_by\",\"doc_no\""), 0, "404:not_found 403:out_of_scope 422:invalid_format", API_FORMATS},
    {"POST", "/api/v1/notices/{id}/objections", "公众对公示提出异议", NULL, API_OBJ("\"text\":" API_STR ",\"contact\":" API_STR ",\"item\":" API_INT, "\"text\""), API_OBJ("\"id\":" API_INT ",\"state\":{\"enum\":[\"open\"]}", "\"id\",\"state\""), 201, "409:notice_closed 422:invalid_text 429:too_many_objections 404:not_found", NULL},
    {"POST", "/api/v1/objections/{id}/resolve", "处理异议", NULL, API_OBJ("\"upheld\":{\"type\":\"boolean\"},\"resolution\":" API_STR, "\"upheld\",\"resolution\""), API_ANY_OBJ, 0, "409:already_resolved 404:not_found 403:out_of_scope", NULL},
    {0},
};
