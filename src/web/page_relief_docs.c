/* page_relief_docs.c: the supporting documents of a relief application on its page (list and
   upload form), the upload, and the file served to those who may see the application; and the same
   through the API. Thin over relief_doc.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_util.h"
#include "handlers.h"
#include "html.h"
#include "page_relief.h"
#include "relief_doc.h"

/* One document as a list item with its link. */
static void doc_item(const struct relief_doc *d, void *ctx)
{
    struct req *r = ctx;
    html_printf(r, "<li><a href=\"/relief/%lld/documents/%lld\">", (long long)d->application_id, (long long)d->id);
    html_text(r, d->name);
    html_printf(r, "</a>（%s，%lld KB，", doc_file_label(d->kind), (long long)((d->size + 1023) / 1024));
    html_text(r, d->uploaded_by);
    html_raw(r, "，");
    html_text(r, d->uploaded_at);
    html_raw(r, "）</li>");
}

void relief_documents_section(struct req *r, int64_t application_id, int may_upload)
{
    struct err e = {0};
    html_raw(r, "<h2>证明材料</h2><ul class=\"docs-files\">");
    int n = relief_doc_list(r->db, &r->user, application_id, doc_item, r, &e);
    html_raw(r, n == 0 ? "<li class=\"muted\">尚未上传（诊断证明、医疗票据、证书等）</li></ul>" : "</ul>");
    if (!may_upload)
        return;
    html_printf(r, "<form method=\"post\" action=\"/relief/%lld/documents\" enctype=\"multipart/form-data\" "
                   "class=\"inline\">",
                (long long)application_id);
    html_csrf(r);
    html_printf(r, "<input type=\"file\" name=\"file\" required accept=\".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,"
                   "image/png\" aria-label=\"证明材料文件\"><button>上传</button><span class=\"muted\"> PDF、JPG 或 PNG，"
                   "每个不超过 %d MB</span></form>",
                DOC_FILE_MAX_BYTES / (1024 * 1024));
}

/* The uploaded file of the request, or NULL. */
static const struct kv *uploaded(const struct req *r)
{
    const struct kv *f = req_form_kv(r, "file");
    return f && f->filename ? f : NULL;
}

void page_relief_document_upload(struct req *r)
{
    struct err e = {0};
    const struct kv *f = uploaded(r);
    if (relief_doc_add(r->db, &r->user, r->id[0], f ? f->filename : NULL, f ? (const unsigned char *)f->val : NULL,
                       f ? f->len : 0, &e) > 0) {
        char loc[64];
        snprintf(loc, sizeof loc, "/relief/%lld?ok=document", (long long)r->id[0]);
        reply_redirect(r, loc);
        return;
    }
    if (e.status == 403 || e.status == 404) {
        reply_error(r, &e);
        return;
    }
    relief_show(r, r->id[0], &e);
    r->status = e.status;
}

/* Sends a document's bytes with its type (never sniffed: nosniff is on every reply). */
static void send_document(struct req *r, int64_t application_id, int64_t doc_id)
{
    struct relief_doc d;
    struct err e = {0};
    if (relief_doc_get(r->db, &r->user, application_id, doc_id, &d, &e) != 0) {
        reply_error(r, &e);
        return;
    }
    char disposition[96];
    snprintf(disposition, sizeof disposition, "inline; filename=\"relief-%lld-%lld.%s\"", (long long)application_id,
             (long long)doc_id, d.kind);
    reply_header(r, "Content-Disposition", disposition);
    reply_bytes(r, doc_file_mime(d.kind), (char *)d.data, (size_t)d.size);
}

void page_relief_document(struct req *r)
{
    send_document(r, r->id[0], r->id[1]);
}

void api_relief_document(struct req *r)
{
    send_document(r, r->id[0], r->id[1]);
}

/* One document as JSON into the array ctx. */
static void doc_json(const struct relief_doc *d, void *ctx)
{
    json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:I, s:s, s:s}", "id", (json_int_t)d->id, "name", d->name,
                                         "kind", d->kind, "size", (json_int_t)d->size, "uploaded_by", d->uploaded_by,
                                         "uploaded_at", d->uploaded_at));
}

void api_relief_documents(struct req *r)
{
    struct err e = {0};
    json_t *items = json_array();
    if (relief_doc_list(r->db, &r->user, r->id[0], doc_json, items, &e) < 0) {
        json_decref(items);
        reply_json_error(r, &e);
        return;
    }
    reply_json(r, 200, json_pack("{s:o}", "items", items));
}

void api_relief_document_upload(struct req *r)
{
    struct err e = {0};
    const struct kv *f = uploaded(r);
    int64_t id = relief_doc_add(r->db, &r->user, r->id[0], f ? f->filename : NULL,
                                f ? (const unsigned char *)f->val : NULL, f ? f->len : 0, &e);
    if (id < 0)
        reply_json_error(r, &e);
    else
        reply_json(r, 201, json_pack("{s:I, s:s, s:s, s:I}", "id", (json_int_t)id, "name", f->filename, "kind",
                                     doc_file_kind((const unsigned char *)f->val, f->len), "size", (json_int_t)f->len));
}
