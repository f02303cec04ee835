/* page_announcement_pdf.c: an announcement as a PDF for the village notice board (md_pdf.c: A4,
   large type): the current text for staff (any state, a draft marked as such) and for the public
   while it is published. */
#include <stdio.h>
#include <string.h>

#include "announcement.h"
#include "handlers.h"
#include "md_pdf.h"

void announcement_pdf_reply(struct req *r, const struct announcement *a)
{
    char subtitle[256], signature[160], period[64], from[DATE_CN_SIZE], until[DATE_CN_SIZE];
    date_chinese_text(a->head.publish_from, from);
    snprintf(period, sizeof period, "%s%s%s", from, *a->head.publish_until ? " 至 " : " 起",
             date_chinese_text(a->head.publish_until, until));
    snprintf(subtitle, sizeof subtitle, "%s%s · 发布期 %s",
             a->head.state == ANN_PUBLISHED ? ""
             : a->head.state == ANN_DRAFT   ? "草稿（未发布） · "
                                            : "已撤回 · ",
             a->head.unit_name, period);
    snprintf(signature, sizeof signature, "%s计划生育协会\n%s", a->head.unit_name, from);
    struct md_pdf_doc doc = {a->head.title, subtitle, a->body_md, strlen(a->body_md), signature,
                             a->head.state == ANN_DRAFT};
    char *pdf = NULL;
    size_t len = 0;
    const char *why = NULL;
    if (md_pdf_render(&doc, &pdf, &len, &why) != 0) {
        reply_fail(r, 500, "pdf_failed", why);
        return;
    }
    char disposition[64];
    snprintf(disposition, sizeof disposition, "inline; filename=\"announcement-%lld.pdf\"", (long long)a->head.id);
    reply_header(r, "Content-Disposition", disposition);
    reply_bytes(r, "application/pdf", pdf, len);
}

void page_announcement_pdf(struct req *r)
{
    struct announcement a;
    struct err e = {0};
    if (ann_get(r->db, &r->user, r->id[0], &a, &e) != 0) {
        reply_error(r, &e);
        return;
    }
    announcement_pdf_reply(r, &a);
    ann_free(&a);
}

void page_public_announcement_pdf(struct req *r)
{
    struct announcement a;
    struct err e = {0};
    if (ann_get_public(r->db, r->id[0], r->today, &a, &e) != 0) {
        reply_error(r, &e);
        return;
    }
    announcement_pdf_reply(r, &a);
    ann_free(&a);
}
