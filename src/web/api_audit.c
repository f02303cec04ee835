/* api_audit.c: GET /api/v1/audit — the audit log for auditors and admins. */
#include "api_doc.h"
#include "api_util.h"
#include "audit.h"
#include "handlers.h"
#include "record_sheets.h"
#include "list_sheets.h"

/* Appends one audit entry to a JSON array. */
static void audit_item(const struct audit_entry *a, void *ctx)
{
    json_error_t je;
    json_t *before = a->before_json ? json_loads(a->before_json, 0, &je) : NULL;
    json_t *after = a->after_json ? json_loads(a->after_json, 0, &je) : NULL;
    json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:o, s:o}", "id", (json_int_t)a->id, "at",
                                         a->at, "username", a->username, "action", a->action, "entity", a->entity,
                                         "entity_id", (json_int_t)a->entity_id, "before",
                                         before ? before : json_null(), "after", after ? after : json_null()));
}

void api_audit_list(struct req *r)
{
    int limit, offset;
    api_paging(r, &limit, &offset);
    const char *entity = req_query(r, "entity"), *action = req_query(r, "action");
    struct audit_query q = {entity, action, req_query_int(r, "entity_id", 0)};
    if (list_export_if_asked(r, record_audit_sheet, &q, "audit.csv"))
        return;
    json_t *items = json_array();
    int64_t total = audit_list(r->db, r->user.unit_path, entity ? entity : "", q.entity_id, action ? action : "",
                               limit, offset, audit_item, items);
    api_reply_list(r, items, total, NULL);
}

/* The descriptions of this file's routes for GET /api/v1/openapi.json (api_doc.h). */
const struct api_doc api_docs_audit[] = {
    {"GET", "/api/v1/audit", "操作日志（管辖范围内用户所写），最新在前，分页；?format= 导出", "entity:string entity_id:integer action:string format:string " API_PAGING "", NULL, API_LIST(API_OBJ("\"id\":" API_INT ",\"at\":" API_STR ",\"username\":" API_STR ",\"action\":" API_STR ",\"entity\":" API_STR ",\"entity_id\":" API_INT ",\"before\":" "{\"type\":[\"object\",\"null\"]}" ",\"after\":" "{\"type\":[\"object\",\"null\"]}" "", "\"id\",\"at\",\"username\",\"action\",\"entity\",\"entity_id\",\"before\",\"after\"")), 0, "422:invalid_format", API_FORMATS},
    {0},
};
