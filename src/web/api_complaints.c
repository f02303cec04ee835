/* api_complaints.c: complaints and suggestions (投诉/意见): filing (public or staff), assignment,
   resolution and the list; the time limits per service (限时办结) the admin sets. */
#include <stdio.h>
#include <string.h>

#include "api_doc.h"
#include "api_util.h"
#include "complaint.h"
#include "handlers.h"
#include "more_sheets.h"
#include "routes.h"
#include "timelimit.h"

/* The staff user filing on behalf of a caller, or NULL for the public: a logged-in user whose
   role may handle complaints. */
const struct user_ctx *complaint_filer(const struct req *r)
{
    return r->authed && route_allowed("POST", "/api/v1/complaints/1/resolve", r->user.role) ? &r->user : NULL;
}

void api_complaints_create(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    struct complaint_input in = {0};
    struct date due;
    char client[64], due_on[11];
    int64_t id = -1;
    if (j && !api_str(j, "text", &in.text, &e) && !api_str(j, "contact", &in.contact, &e) &&
        !api_int(j, "village_id", 0, &in.village_id, &e) && !api_str(j, "category", &in.category, &e))
        id = complaint_file(r->db, complaint_filer(r), &in, req_client(r, client, sizeof client), r->today, &due, &e);
    json_decref(j);
    if (id < 0)
        reply_json_error(r, &e);
    else
        reply_json(r, 201, json_pack("{s:I, s:s}", "id", (json_int_t)id, "due_on", date_format(due, due_on)));
}

/* Appends a complaint to a JSON array. */
static void complaint_item(const struct complaint_row *c, void *ctx)
{
    json_array_append_new(ctx, complaint_json(c));
}

/* The state filter of ?state=: open, resolved, late, due_soon; "" any. -1 for another value. */
int complaint_state_parse(const char *s)
{
    static const char *const states[] = {"", "open", "resolved", "late", "due_soon"};
    for (int i = 0; i < 5; i++)
        if (!strcmp(s ? s : "", states[i]))
            return i;
    return -1;
}

void api_complaints_list(struct req *r)
{
    struct complaint_filter f = {.state = complaint_state_parse(req_query(r, "state"))};
    struct err e = {0};
    if (f.state < 0) {
        err_set(&e, 422, "invalid_state", "state", "状态应为 open、resolved、late 或 due_soon");
        reply_json_error(r, &e);
        return;
    }
    api_paging(r, &f.limit, &f.offset);
    if (list_export_if_asked(r, more_complaints_sheet, &f, "complaints.csv"))
        return;
    json_t *items = json_array();
    int64_t total = complaint_list(r->db, &r->user, &f, r->today, complaint_item, items, &e);
    api_reply_list(r, items, total, &e);
}

/* Replies with complaint id as the user sees it, or the error. */
static void reply_complaint(struct req *r, int64_t id)
{
    struct complaint_filter f = {.id = id};
    struct err e = {0};
    json_t *items = json_array();
    int64_t n = complaint_list(r->db, &r->user, &f, r->today, complaint_item, items, &e);
    if (n != 1) {
        json_decref(items);
        reply_json_error(r, &e);
        return;
    }
    reply_json(r, 200, json_incref(json_array_get(items, 0)));
    json_decref(items);
}

void api_complaints_show(struct req *r)
{
    reply_complaint(r, r->id[0]);
}

void api_complaints_resolve(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *resolution = NULL, *satisfaction = NULL;
    int rc = -1;
    if (j && !api_str(j, "resolution", &resolution, &e) && !api_str(j, "satisfaction", &satisfaction, &e))
        rc = complaint_resolve(r->db, &r->user, r->id[0], resolution, satisfaction, r->today, &e);
    json_decref(j);
    if (rc != 0)
        reply_json_error(r, &e);
    else
        reply_complaint(r, r->id[0]);
}

void api_complaints_assign(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    int64_t handler = 0, backup = 0;
    int rc = -1;
    if (j && !api_int(j, "handler_id", 0, &handler, &e) && !api_int(j, "backup_id", 0, &backup, &e))
        rc = complaint_assign(r->db, &r->user, r->id[0], handler, backup, &e);
    json_decref(j);
    if (rc != 0)
        reply_json_error(r, &e);
    else
        reply_complaint(r, r->id[0]);
}

/* The descriptions of this file's routes for GET /api/v1/openapi.json (api_doc.h). */
/* A complaint as complaint_json answers it. */
#define COMPLAINT_ANSWER                                                                                           \
    API_OBJ("\"id\":" API_INT ",\"unit_id\":" API_INT ",\"unit\":" API_STR ",\"category\":{\"enum\":[\"complaint\"," \
            "\"suggestion\",\"inquiry\"]},\"category_name\":" API_STR ",\"text\":" API_STR ",\"contact\":" API_STR    \
            ",\"source\":{\"enum\":[\"public\",\"staff\"]},\"filed_on\":" API_STR ",\"due_on\":" API_STR             \
            ",\"handler_id\":" API_INT ",\"handler\":" API_STR ",\"backup_id\":" API_INT ",\"backup\":" API_STR       \
            ",\"state\":{\"enum\":[\"open\",\"resolved\"]},\"resolution\":" API_STR ",\"satisfaction\":" API_STR      \
            ",\"resolved_on\":" API_STR ",\"late\":" API_BOOL,                                                      \
            "\"id\",\"unit_id\",\"category\",\"text\",\"filed_on\",\"due_on\",\"state\",\"late\"")
const struct api_doc api_docs_complaints[] = {
    {"POST", "/api/v1/complaints", "投诉、意见建议或咨询：群众（无需登录，每小时限次）或工作人员代为登记；答复编号和办理期限", NULL,
     API_OBJ("\"text\":" API_STR ",\"contact\":" API_STR ",\"village_id\":" API_INT ",\"category\":" API_STR, "\"text\""),
     API_OBJ("\"id\":" API_INT ",\"due_on\":" API_STR, "\"id\",\"due_on\""), 201,
     "422:invalid_text 422:invalid_contact 422:invalid_village 422:invalid_category 429:too_many_complaints", NULL},
    {"GET", "/api/v1/complaints", "投诉和意见（state=open、resolved、late 超时、due_soon 两个工作日内到期），分页；?format= 导出",
     "state:string format:string " API_PAGING, NULL, API_LIST(COMPLAINT_ANSWER), 0, "422:invalid_state 422:invalid_format",
     API_FORMATS},
    {"GET", "/api/v1/complaints/{id}", "一件投诉或意见", NULL, NULL, COMPLAINT_ANSWER, 0, "404:not_found 403:out_of_scope",
     NULL},
    {"POST", "/api/v1/complaints/{id}/resolve", "办结：办理结果和群众满意度（满意、基本满意、不满意）", NULL,
     API_OBJ("\"resolution\":" API_STR ",\"satisfaction\":" API_STR, "\"resolution\""), COMPLAINT_ANSWER, 0,
     "422:invalid_resolution 422:invalid_satisfaction 409:already_resolved 404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/complaints/{id}/assign", "指定经办人（A角）和 B角", NULL,
     API_OBJ("\"handler_id\":" API_INT ",\"backup_id\":" API_INT, "\"handler_id\""), COMPLAINT_ANSWER, 0,
     "422:invalid_handler 409:already_resolved 404:not_found 403:out_of_scope", NULL},
    {0},
};
