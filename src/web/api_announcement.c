/* api_announcement.c: announcements (公告) in the JSON API: create (a draft, or published at once
   with "publish": true), list, show with the versions, change (a new version), publish,
   withdraw, one old version, and what the public sees now. Thin over announcement.c. */
#include <string.h>

#include "announcement.h"
#include "api_doc.h"
#include "api_util.h"
#include "handlers.h"
#include "record_sheets.h"
#include "list_sheets.h"

/* Reads the fields of an announcement from j over what in already holds (absent fields keep it;
   "publish_to": null means until withdrawn). 0 or -1 with e. */
static int read_input(json_t *j, struct ann_input *in, struct err *e)
{
    const char *title = NULL, *body = NULL, *from = NULL, *to = NULL;
    json_t *until = json_object_get(j, "publish_to");
    if (api_str(j, "title", &title, e) || api_str(j, "body_md", &body, e) || api_str(j, "publish_from", &from, e) ||
        api_str(j, "publish_to", &to, e) || api_int(j, "unit_id", in->unit_id, &in->unit_id, e) ||
        api_bool(j, "publish", 0, &in->publish, e))
        return -1;
    if (title)
        in->title = title;
    if (body)
        in->body_md = body;
    if (from)
        in->publish_from = from;
    if (until)
        in->publish_until = to;
    return 0;
}

/* Answers with the announcement (status 200 or 201), or the error. */
static void reply_announcement(struct req *r, int status, int64_t id, struct err *e)
{
    struct announcement a;
    if (id < 0 || ann_get(r->db, &r->user, id, &a, e) != 0) {
        reply_json_error(r, e);
        return;
    }
    reply_json(r, status, ann_json(r->db, &a));
    ann_free(&a);
}

void api_announcements_create(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    struct ann_input in = {0};
    int64_t id = -1;
    if (j && read_input(j, &in, &e) == 0)
        id = ann_create(r->db, &r->user, &in, r->today, &e);
    reply_announcement(r, 201, id, &e);
    json_decref(j);
}

/* Appends a list row to a JSON array. */
static void row_json(const struct ann_row *x, void *ctx)
{
    json_t *o = json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:i, s:s}", "id", (json_int_t)x->id, "state",
                          ann_state_code(x->state), "unit_id", (json_int_t)x->unit_id, "unit", x->unit_name, "title",
                          x->title, "publish_from", x->publish_from, "version", x->version, "saved_at", x->saved_at);
    json_object_set_new(o, "publish_to", *x->publish_until ? json_string(x->publish_until) : json_null());
    json_array_append_new(ctx, o);
}

void api_announcements_list(struct req *r)
{
    int limit, offset;
    api_paging(r, &limit, &offset);
    const char *state = req_query(r, "state");
    if (list_export_if_asked(r, record_announcements_sheet, state && *state ? state : NULL, "announcements.csv"))
        return;
    json_t *items = json_array();
    int64_t total = ann_list(r->db, &r->user, state && *state ? state : NULL, limit, offset, row_json, items);
    api_reply_list(r, items, total, NULL);
}

void api_announcements_public(struct req *r)
{
    json_t *items = json_array();
    int n = ann_list_public(r->db, req_query_int(r, "unit_id", 0), r->today, 100, row_json, items);
    api_reply_list(r, items, n, NULL);
}

void api_announcements_show(struct req *r)
{
    struct err e = {0};
    reply_announcement(r, 200, r->id[0], &e);
}

void api_announcements_update(struct req *r)
{
    struct err e = {0};
    struct announcement a;
    json_t *j = req_json(r, &e);
    int64_t version = 0;
    int rc = -1;
    if (j && ann_get(r->db, &r->user, r->id[0], &a, &e) == 0) {
        struct ann_input in = {a.head.title,
                               a.body_md,
                               a.head.unit_id,
                               a.head.publish_from,
                               *a.head.publish_until ? a.head.publish_until : NULL,
                               0};
        if (read_input(j, &in, &e) == 0 && api_int(j, "version", 0, &version, &e) == 0)
            rc = ann_save(r->db, &r->user, r->id[0], version < 0 || version > 1000000 ? -1 : (int)version, &in,
                          r->today, &e);
        ann_free(&a);
    }
    json_decref(j);
    reply_announcement(r, 200, rc == 0 ? r->id[0] : -1, &e);
}

void api_announcements_publish(struct req *r)
{
    struct err e = {0};
    int rc = ann_publish(r->db, &r->user, r->id[0], r->today, &e);
    reply_announcement(r, 200, rc == 0 ? r->id[0] : -1, &e);
}

void api_announcements_withdraw(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *reason = NULL;
    int rc = -1;
    if (j && api_str(j, "reason", &reason, &e) == 0)
        rc = ann_withdraw(r->db, &r->user, r->id[0], reason, &e);
    json_decref(j);
    reply_announcement(r, 200, rc == 0 ? r->id[0] : -1, &e);
}

void api_announcements_version(struct req *r)
{
    struct err e = {0};
    struct announcement a, v;
    if (ann_get(r->db, &r->user, r->id[0], &a, &e) != 0) {
        reply_json_error(r, &e);
        return;
    }
    ann_free(&a);
    if (r->id[1] > 1000000 || ann_get_version(r->db, r->id[0], (int)r->id[1], &v, &e) != 0) {
        if (!e.status)
            err_set(&e, 404, "not_found", NULL, "该版本不存在");
        reply_json_error(r, &e);
        return;
    }
    reply_json(r, 200,
               json_pack("{s:i, s:s, s:s, s:s, s:s}", "n", v.head.version, "title", v.head.title, "body_md", v.body_md,
                         "saved_by", v.saved_by, "saved_at", v.head.saved_at));
    ann_free(&v);
}

/* An announcement as the API answers it (ann_json), after a read or a write. */
#define ANN_ANSWER API_OBJ("\"id\":" API_INT ",\"state\":" API_STR ",\"unit_id\":" API_INT ",\"unit\":" API_STR ",\"title\":" API_STR ",\"publish_from\":" API_STR ",\"publish_to\":" API_STR_NULL ",\"version\":" API_INT ",\"saved_at\":" API_STR ",\"unit_kind\":" API_STR ",\"body_md\":" API_STR ",\"saved_by\":" API_STR ",\"created_by\":" API_STR ",\"versions\":" API_ARRAY(API_OBJ("\"n\":" API_INT ",\"title\":" API_STR ",\"saved_by\":" API_STR ",\"saved_at\":" API_STR "", "\"n\",\"title\",\"saved_by\",\"saved_at\"")) ",\"published_at\":" API_STR "", "\"id\",\"state\",\"unit_id\",\"unit\",\"title\",\"publish_from\",\"publish_to\",\"version\",\"saved_at\",\"unit_kind\",\"body_md\",\"saved_by\",\"created_by\",\"versions\"")

/* The descriptions of this file's routes for GET /api/v1/openapi.json (api_doc.h). */
const struct api_doc api_docs_announcement[] = {
    {"GET", "/api/v1/announcements", "管辖范围内的公告，分页；?format= 导出", "state:string format:string " API_PAGING "", NULL, API_LIST(API_OBJ("\"id\":" API_INT ",\"state\":" API_STR ",\"unit_id\":" API_INT ",\"unit\":" API_STR ",\"title\":" API_STR ",\"publish_from\":" API_STR ",\"publish_to\":" API_STR_NULL ",\"version\":" API_INT ",\"saved_at\":" API_STR "", "\"id\",\"state\",\"unit_id\",\"unit\",\"title\",\"publish_from\",\"publish_to\",\"version\",\"saved_at\"")), 0, "422:invalid_format", API_FORMATS},
    {"POST", "/api/v1/announcements", "新建公告（草稿）", NULL, API_OBJ("\"title\":" API_STR ",\"body_md\":" API_STR, "\"title\",\"body_md\""), ANN_ANSWER, 201, "422:invalid_title 422:invalid_body", NULL},
    {"GET", "/api/v1/announcements/published", "公开的公告", "unit_id:integer", NULL, API_LIST(API_OBJ("\"id\":" API_INT ",\"state\":" API_STR ",\"unit_id\":" API_INT ",\"unit\":" API_STR ",\"title\":" API_STR ",\"publish_from\":" API_STR ",\"publish_to\":" API_STR_NULL ",\"version\":" API_INT ",\"saved_at\":" API_STR "", "\"id\",\"state\",\"unit_id\",\"unit\",\"title\",\"publish_from\",\"publish_to\",\"version\",\"saved_at\"")), 0, NULL, NULL},
    {"GET", "/api/v1/announcements/{id}", "一则公告", NULL, NULL, ANN_ANSWER, 0, "404:not_found 403:out_of_scope", NULL},
    {"PUT", "/api/v1/announcements/{id}", "修改公告（带版本号；只改给出的项）", NULL, API_OBJ("\"version\":" API_INT ",\"title\":" API_STR ",\"body_md\":" API_STR ",\"publish_from\":" API_STR ",\"publish_to\":{\"type\":[\"string\",\"null\"]},\"unit_id\":" API_INT ",\"publish\":" API_BOOL, ""), API_ANY_OBJ, 0, "409:edit_conflict 404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/announcements/{id}/publish", "发布公告", NULL, NULL, ANN_ANSWER, 0, "409:invalid_state 404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/announcements/{id}/withdraw", "撤回公告", NULL, API_OBJ("\"reason\":" API_STR, "\"reason\""), ANN_ANSWER, 0, "409:invalid_state 404:not_found 403:out_of_scope", NULL},
    {"GET", "/api/v1/announcements/{id}/versions/{id}", "公告的某一版本", NULL, NULL, API_OBJ("\"n\":" API_INT ",\"title\":" API_STR ",\"saved_by\":" API_STR ",\"saved_at\":" API_STR ",\"body_md\":" API_STR "", "\"n\",\"title\",\"saved_by\",\"saved_at\",\"body_md\""), 0, "404:not_found 403:out_of_scope", NULL},
    {0},
};
