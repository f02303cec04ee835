/* page_category_change.c: the sensitive household categories waiting for a second person: the list
   for approvers (with each change's document), approve and reject with a reason, the household
   page's note of what waits; and the same through the API. Thin over household_change.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_doc.h"
#include "api_util.h"
#include "form.h"
#include "handlers.h"
#include "household_change.h"
#include "html.h"
#include "more_sheets.h"
#include "report_scope.h"
#include "routes.h"

/* The Chinese names of a set of categories, joined by 、. */
static void category_words(struct req *r, unsigned cats)
{
    int first = 1;
    for (int k = 0; k < HC__MAX; k++)
        if (cats & (1u << k)) {
            html_printf(r, "%s%s", first ? "" : "、", hh_category_name(k));
            first = 0;
        }
}

/* The link to a change's document with its kind and size; for a claim made at registration that has
   none yet, 尚未上传 and, for a user who may, the form to upload it (a refused upload comes back here
   with its error next to the file field). */
static void document_link(struct req *r, const struct hh_change *c)
{
    if (c->doc_size <= 0) {
        html_raw(r, "<strong>尚未上传证明材料</strong>");
        if (strcmp(c->state, "pending") || !route_allowed("POST", "/households/category-changes/1/document", r->user.role))
            return;
        html_printf(r, "<form method=\"post\" action=\"/households/category-changes/%lld/document\" class=\"inline\" "
                       "enctype=\"multipart/form-data\">", (long long)c->id);
        html_csrf(r);
        html_raw(r, "<label>证明材料（PDF、JPG 或 PNG）<input type=\"file\" name=\"document\" "
                    "accept=\".pdf,.jpg,.jpeg,.png\" required></label>");
        if (form_posted(r, "/document") && r->id[0] == c->id)
            form_field_error(r, "document");
        html_raw(r, "<button>上传</button></form>");
        return;
    }
    html_printf(r, "<a href=\"/households/category-changes/%lld/document\">", (long long)c->id);
    html_text(r, c->doc_name);
    html_printf(r, "</a>（%s，%lld KB）", doc_file_label(c->doc_kind), (long long)((c->doc_size + 1023) / 1024));
}

/* One card of the list: household, categories, maker, document, state, and the decision forms for
   an approver who did not make it. */
static void change_card(const struct hh_change *c, void *ctx)
{
    struct req *r = ctx;
    char base[64];
    snprintf(base, sizeof base, "/households/category-changes/%lld", (long long)c->id);
    html_printf(r, "<tr><td class=\"num\">%lld</td><td><a href=\"/households/%lld\">", (long long)c->id,
                (long long)c->household_id);
    html_text(r, c->head_name);
    html_raw(r, "</a> · ");
    html_text(r, c->village_name);
    html_raw(r, "</td><td>");
    category_words(r, c->categories);
    html_raw(r, "</td><td>");
    document_link(r, c);
    html_raw(r, "</td><td>");
    html_text(r, c->maker);
    html_raw(r, " ");
    html_china_time(r, c->made_at);
    html_printf(r, "</td><td>%s", hh_change_state_name(c->state));
    if (strcmp(c->state, "pending") != 0) {
        html_raw(r, "：");
        html_text(r, c->decider);
        html_raw(r, " ");
        html_china_time(r, c->decided_at);
        if (*c->reason) {
            html_raw(r, "，");
            html_text(r, c->reason);
        }
    } else if (c->made_by == r->user.id) {
        html_raw(r, "<br><small class=\"muted\">须由另一人审批</small>");
    } else if (route_allowed("POST", "/households/category-changes/1/approve", r->user.role)) {
        if (c->doc_size > 0) {
            html_printf(r, "<br><form method=\"post\" action=\"%s/approve\" class=\"inline\">", base);
            html_csrf(r);
            html_raw(r, "<button class=\"primary\">批准</button></form>");
        } else
            html_raw(r, "<br><small class=\"muted\">上传证明材料后方可批准</small>");
        html_printf(r, "<form method=\"post\" action=\"%s/reject\" class=\"inline\">", base);
        html_csrf(r);
        int refused = form_posted(r, "/reject") && r->id[0] == c->id; /* this card's rejection came back */
        html_printf(r, "<label>驳回理由<input name=\"reason\" maxlength=\"200\" value=\"%s\"></label>",
                    refused ? form_echo(r, "/reject", "reason", "") : "");
        if (refused)
            form_field_error(r, "reason");
        html_raw(r, "<button>驳回</button></form>");
    }
    html_raw(r, "</td></tr>");
}

/* The list page (all waiting changes, then the decided ones), with e when a decision was refused. */
static void changes_page(struct req *r, const struct err *e)
{
    struct err le = {0};
    html_begin(r, "家庭类别审批");
    html_raw(r, "<h1>家庭类别审批（失独、伤残）</h1><p class=\"muted\">新增计生特殊家庭类别须附证明材料，"
                "由提交人以外的另一人批准后才生效；生效前该家庭的救助资格按原类别。</p>");
    html_flash(r);
    if (e)
        html_form_error(r, e);
    for (int pass = 0; pass < 2; pass++) {
        html_printf(r, "<h2>%s</h2><div class=\"scroll\"><table class=\"list\"><thead><tr><th class=\"num\">编号</th>"
                       "<th>家庭</th><th>新增类别</th><th>证明材料</th><th>提交</th><th>状态</th></tr></thead><tbody>",
                    pass ? "已审批" : "待审批");
        int n = household_change_list(r->db, &r->user, pass ? HH_CHANGES_DECIDED : HH_CHANGES_PENDING, 0, change_card, r,
                                      &le);
        if (n == 0)
            html_raw(r, "<tr><td colspan=\"6\">没有记录</td></tr>");
        html_raw(r, "</tbody></table></div>");
        if (n < 0)
            html_form_error(r, &le);
    }
    report_format_links(r, "/households/category-changes", NULL);
    html_end(r);
}

void page_category_changes(struct req *r)
{
    struct more_change_query q = {HH_CHANGES_ALL, 0};
    if (!list_export_if_asked(r, more_changes_sheet, &q, "category-changes.csv"))
        changes_page(r, NULL);
}

/* After a decision or an upload (rc 0 or -1 with e): back to the list with its message (ok), or the
   list with the refusal next to its field (a change out of sight: the error page). */
static void answer(struct req *r, int rc, const struct err *e, const char *ok)
{
    if (rc == 0)
        reply_redirect(r, ok);
    else if (e->status == 404)
        reply_error(r, e);
    else {
        changes_page(r, e);
        r->status = e->status;
    }
}

/* Approves or rejects the change of the path. */
static void decide(struct req *r, int approve)
{
    struct err e = {0};
    int rc = household_change_decide(r->db, &r->user, r->id[0], approve, req_form(r, "reason"), &e);
    answer(r, rc, &e, approve ? "/households/category-changes?ok=category_approved"
                              : "/households/category-changes?ok=category_rejected");
}

void page_category_change_approve(struct req *r)
{
    decide(r, 1);
}

void page_category_change_reject(struct req *r)
{
    decide(r, 0);
}

void page_category_change_attach(struct req *r)
{
    const struct kv *f = req_form_kv(r, "document");
    struct hh_upload doc = {f && f->filename && *f->filename ? f->filename : NULL,
                            f ? (const unsigned char *)f->val : NULL, f ? f->len : 0};
    struct err e = {0};
    int rc = household_change_attach(r->db, &r->user, r->id[0], &doc, &e);
    answer(r, rc, &e, "/households/category-changes?ok=category_document");
}

/* Sends a change's document with its type (nosniff is on every reply). */
static void send_document(struct req *r)
{
    struct hh_change c;
    unsigned char *data = NULL;
    struct err e = {0};
    if (household_change_get(r->db, &r->user, r->id[0], &c, &data, &e) != 0) {
        free(data);
        reply_error(r, &e);
        return;
    }
    char disposition[96];
    snprintf(disposition, sizeof disposition, "inline; filename=\"category-change-%lld.%s\"", (long long)c.id,
             c.doc_kind);
    reply_header(r, "Content-Disposition", disposition);
    reply_bytes(r, doc_file_mime(c.doc_kind), (char *)data, (size_t)c.doc_size); /* the server frees data */
}

void page_category_change_document(struct req *r)
{
    send_document(r);
}

/* One waiting change on the household page. */
static void pending_note(const struct hh_change *c, void *ctx)
{
    struct req *r = ctx;
    html_raw(r, "<p class=\"warn-box\" role=\"status\">待审批：新增“");
    category_words(r, c->categories);
    html_raw(r, "”（");
    html_text(r, c->maker);
    html_raw(r, " 提交，证明材料 ");
    document_link(r, c);
    html_raw(r, c->doc_size > 0 ? "），经另一人批准后生效。" : "），上传证明材料并经另一人批准后生效。");
    if (html_may_open(r, "/households/category-changes"))
        html_raw(r, " <a href=\"/households/category-changes\">去审批</a>");
    html_raw(r, "</p>");
}

void household_pending_changes(struct req *r, int64_t household_id)
{
    struct err e = {0};
    household_change_list(r->db, &r->user, HH_CHANGES_PENDING, household_id, pending_note, r, &e);
}

/* ---- API ---------------------------------------------------------------------------------- */

/* A change as JSON. */
static json_t *change_json(const struct hh_change *c)
{
    json_t *cats = json_array();
    for (int k = 0; k < HC__MAX; k++)
        if (c->categories & (1u << k))
            json_array_append_new(cats, json_string(hh_category_code(k)));
    return json_pack("{s:I, s:I, s:s, s:s, s:o, s:{s:s, s:s, s:I}, s:s, s:s, s:s, s:s, s:s, s:s}", "id",
                     (json_int_t)c->id, "household_id", (json_int_t)c->household_id, "head_name", c->head_name,
                     "village", c->village_name, "categories", cats, "document", "name", c->doc_name, "kind",
                     c->doc_kind, "size", (json_int_t)c->doc_size, "made_by", c->maker, "made_at", c->made_at, "state",
                     c->state, "decided_by", c->decider, "decided_at", c->decided_at, "reason", c->reason);
}

/* Appends a change to the JSON array ctx. */
static void change_item(const struct hh_change *c, void *ctx)
{
    json_array_append_new(ctx, change_json(c));
}

void api_category_changes(struct req *r)
{
    struct err e = {0};
    const char *state = req_query(r, "state");
    struct more_change_query q = {state && !strcmp(state, "all") ? HH_CHANGES_ALL : HH_CHANGES_PENDING,
                                  req_query_int(r, "household_id", 0)};
    if (list_export_if_asked(r, more_changes_sheet, &q, "category-changes.csv"))
        return;
    json_t *items = json_array();
    int n = household_change_list(r->db, &r->user, q.which, q.household_id, change_item, items, &e);
    api_reply_list(r, items, n, &e);
}

/* Answers the change of id as JSON with status, or its error. */
static void reply_change(struct req *r, int64_t id, int status)
{
    struct hh_change c;
    struct err e = {0};
    if (household_change_get(r->db, &r->user, id, &c, NULL, &e) != 0)
        reply_json_error(r, &e);
    else
        reply_json(r, status, change_json(&c));
}

void api_category_change_propose(struct req *r)
{
    struct err e = {0};
    unsigned add = 0;
    const char *v;
    for (int i = 0; (v = req_form_nth(r, "category", i)); i++) {
        int k = hh_category_parse(v);
        if (k < 0) {
            err_set(&e, 422, "invalid_category", "categories", "未知的家庭类别");
            reply_json_error(r, &e);
            return;
        }
        add |= 1u << k;
    }
    const struct kv *f = req_form_kv(r, "file");
    struct hh_upload doc = {f && f->filename ? f->filename : NULL, f ? (const unsigned char *)f->val : NULL, f ? f->len : 0};
    int64_t id = household_change_propose(r->db, &r->user, r->id[0], add, &doc, &e);
    if (id < 0)
        reply_json_error(r, &e);
    else
        reply_change(r, id, 201);
}

void api_category_change_attach(struct req *r)
{
    struct err e = {0};
    const struct kv *f = req_form_kv(r, "file");
    struct hh_upload doc = {f && f->filename ? f->filename : NULL, f ? (const unsigned char *)f->val : NULL, f ? f->len : 0};
    if (household_change_attach(r->db, &r->user, r->id[0], &doc, &e) != 0)
        reply_json_error(r, &e);
    else
        reply_change(r, r->id[0], 200);
}

/* The API's approve and reject: JSON body {reason}. */
static void api_decide(struct req *r, int approve)
{
    struct err e = {0};
    json_t *body = req_json(r, &e);
    const char *reason = NULL;
    if (!body || api_str(body, "reason", &reason, &e) != 0 ||
        household_change_decide(r->db, &r->user, r->id[0], approve, reason, &e) != 0)
        reply_json_error(r, &e);
    else
        reply_change(r, r->id[0], 200);
    json_decref(body);
}

void api_category_change_approve(struct req *r)
{
    api_decide(r, 1);
}

void api_category_change_reject(struct req *r)
{
    api_decide(r, 0);
}

void api_category_change_document(struct req *r)
{
    send_document(r);
}

/* A change as the API answers it. */
#define CHANGE_ANSWER                                                                                              \
    API_OBJ("\"id\":" API_INT ",\"household_id\":" API_INT ",\"head_name\":" API_STR ",\"village\":" API_STR          \
            ",\"categories\":{\"type\":\"array\",\"items\":" API_STR "},\"document\":" API_ANY_OBJ ",\"made_by\":"    \
            API_STR ",\"made_at\":" API_STR ",\"state\":{\"enum\":[\"pending\",\"approved\",\"rejected\"]},"            \
            "\"decided_by\":" API_STR ",\"decided_at\":" API_STR ",\"reason\":" API_STR,                              \
            "\"id\",\"household_id\",\"categories\",\"document\",\"made_by\",\"made_at\",\"state\"")

/* The descriptions of this file's routes for GET /api/v1/openapi.json (api_doc.h). */
const struct api_doc api_docs_category_change[] = {
    {"GET", "/api/v1/category-changes", "家庭类别变更（失独、伤残）：默认待审批的，state=all 为全部；?format= 导出",
     "state:string household_id:integer format:string", NULL, API_LIST(CHANGE_ANSWER), 0, "422:invalid_format",
     API_FORMATS},
    {"POST", "/api/v1/households/{id}/category-changes",
     "申请新增计生特殊家庭类别（multipart/form-data：category 可多个，file 为证明材料 PDF、JPG 或 PNG，不超过 4 MB），经另一人批准后生效",
     NULL, NULL, CHANGE_ANSWER, 201,
     "422:invalid_category 422:document_required 422:document_type 422:document_too_large 422:document_empty "
     "422:invalid_document_name 409:change_pending 404:not_found 403:out_of_scope",
     NULL},
    {"POST", "/api/v1/category-changes/{id}/approve", "批准类别变更（提交人以外的另一人；reason 可填说明）", NULL,
     API_OBJ("\"reason\":" API_STR, ""), CHANGE_ANSWER, 0,
     "403:same_person 409:already_decided 409:document_missing 422:reason_required 404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/category-changes/{id}/reject", "驳回类别变更（须填 reason），家庭类别不变", NULL,
     API_OBJ("\"reason\":" API_STR, "\"reason\""), CHANGE_ANSWER, 0,
     "403:same_person 409:already_decided 422:reason_required 404:not_found 403:out_of_scope", NULL},
    {"GET", "/api/v1/category-changes/{id}/document", "类别变更的证明材料文件（PDF、JPG 或 PNG）", NULL, NULL, NULL, 0,
     "404:not_found 403:out_of_scope", "pdf"},
    {"POST", "/api/v1/category-changes/{id}/document",
     "为登记时申报、尚无证明材料的待审批变更上传证明材料（multipart/form-data：file 为 PDF、JPG 或 PNG，不超过 4 MB）；上传后方可批准",
     NULL, NULL, CHANGE_ANSWER, 0,
     "409:already_decided 409:document_present 422:document_required 422:document_type 422:document_too_large "
     "422:document_empty 422:invalid_document_name 404:not_found 403:out_of_scope",
     NULL},
    {0},
};
