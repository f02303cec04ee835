/* page_receipt.c: receipts (领款凭证) for people: one receipt as a PDF (A5, or two per A4 page),
   marked 作废 when void and 补打 on a recorded reprint; voiding and reprinting from the forms; a
   batch's receipts in one PDF and its sign-for list (签领表). Thin over relief_pay.c and
   src/pdf/relief_receipt.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "handlers.h"
#include "html.h"
#include "masking.h"
#include "relief_batch.h"
#include "relief_pay.h"
#include "relief_receipt.h"

/* Sends rendered PDF bytes, or a 500 naming why. */
static void send_pdf(struct req *r, char *pdf, size_t len, const char *why)
{
    if (!pdf) {
        reply_fail(r, 500, "pdf_failed", why ? why : "PDF 生成失败");
        return;
    }
    reply_bytes(r, "application/pdf", pdf, len);
}

void page_receipt_pdf(struct req *r)
{
    struct relief_receipt rc;
    struct err e = {0};
    if (relief_receipt_get(r->db, &r->user, r->str, &rc, &e) != 0) {
        reply_error(r, &e);
        return;
    }
    /* every print is recorded; each after the first is marked 补打 (a ?copy= of old links changes nothing) */
    struct receipt_print print;
    if (relief_receipt_print(r->db, &r->user, r->str, r->today, &print, &e) != 0) {
        reply_error(r, &e);
        return;
    }
    const char *layout = req_query(r, "layout");
    enum receipt_layout how = !layout                   ? RECEIPT_A5
                              : !strcmp(layout, "lian") ? RECEIPT_A4_LIAN
                              : !strcmp(layout, "a4")   ? RECEIPT_A4_TWO
                                                        : RECEIPT_A5;
    const struct relief_receipt *one[] = {&rc};
    size_t len = 0;
    const char *why = NULL;
    char *pdf = receipt_pdf(one, 1, how, &print, &len, &why);
    send_pdf(r, pdf, len, why);
}

/* After void or reprint: back to the application, or an error page. */
static void after_receipt(struct req *r, int rc, const struct err *e, const char *ok)
{
    if (rc != 0) {
        html_error_page(r, e);
        return;
    }
    struct relief_receipt x;
    struct err ignore = {0};
    char loc[160];
    if (relief_receipt_get(r->db, &r->user, r->str, &x, &ignore) != 0) {
        html_error_page(r, &ignore);
        return;
    }
    snprintf(loc, sizeof loc, "/relief/%lld?ok=%s", (long long)x.application_id, ok);
    reply_redirect(r, loc);
}

/* Asks to confirm voiding the receipt: its number, the payee (masked) and the amount in words and
   figures returned to the fund, and the reason. 1 to go on, 0 when the page has answered. */
static int void_confirmed(struct req *r, const char *reason)
{
    struct relief_receipt x;
    struct err e = {0};
    if (relief_receipt_get(r->db, &r->user, r->str, &x, &e) != 0) {
        html_error_page(r, &e);
        return 0;
    }
    char who[NAME_SIZE], money[FORM_MONEY_SIZE], back[48];
    snprintf(back, sizeof back, "/relief/%lld", (long long)x.application_id);
    enum form_confirm_step step = form_ask(r, back, "确认作废领款凭证 %s（%s，%s）？作废后该笔资金退回救助资金。原因：%s", x.receipt_no,
                                           mask_name(x.recipient, who, sizeof who), form_money(x.amount_fen, money, sizeof money),
                                           reason);
    if (step == FORM_EDIT)
        reply_redirect(r, back);
    return step == FORM_CONFIRMED;
}

void page_receipt_void(struct req *r)
{
    struct err e = {0};
    const char *reason = req_form(r, "reason");
    if (reason && *reason && !void_confirmed(r, reason))
        return;
    after_receipt(r, relief_receipt_void(r->db, &r->user, r->str, req_form(r, "reason"), r->today, &e), &e, "voided");
}

void page_receipt_reprint(struct req *r)
{
    struct err e = {0};
    int copy = 0;
    if (relief_receipt_reprint(r->db, &r->user, r->str, req_form(r, "reason"), &copy, &e) != 0) {
        html_error_page(r, &e);
        return;
    }
    struct buf loc;
    buf_init(&loc);
    buf_puts(&loc, "/receipts/");
    buf_urlenc(&loc, r->str);
    buf_puts(&loc, ".pdf");
    reply_redirect(r, loc.data);
    buf_free(&loc);
}

/* The receipts of a batch, collected as pointers for the renderer. */
struct batch_receipts {
    struct relief_receipt *v;
    int n, cap;
};

/* Appends one receipt. */
static void collect(const struct relief_receipt *x, void *ctx)
{
    struct batch_receipts *b = ctx;
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        struct relief_receipt *grown = realloc(b->v, (size_t)b->cap * sizeof *b->v);
        if (!grown)
            abort();
        b->v = grown;
    }
    b->v[b->n++] = *x;
}

/* Records a print of each of the n receipts (as one receipt's print is recorded: the second and later
   are 补打); returns the malloc'd prints, or NULL when one could not be recorded (replied). */
static struct receipt_print *batch_prints(struct req *r, const struct relief_receipt *v, int n)
{
    struct receipt_print *prints = calloc((size_t)n + 1, sizeof *prints);
    if (!prints)
        abort();
    for (int i = 0; i < n; i++) {
        struct err e = {0};
        if (relief_receipt_print(r->db, &r->user, v[i].receipt_no, r->today, &prints[i], &e) != 0) {
            reply_error(r, &e);
            free(prints);
            return NULL;
        }
    }
    return prints;
}

/* Renders a batch's receipts (signlist 0), each print recorded, or its sign-for list (1). */
static void batch_pdf(struct req *r, int signlist)
{
    struct relief_batch b;
    struct err e = {0};
    if (relief_batch_get(r->db, &r->user, r->id[0], &b, &e) != 0) {
        reply_error(r, &e);
        return;
    }
    struct batch_receipts all = {0};
    relief_receipts_of_batch(r->db, &r->user, b.id, collect, &all);
    const struct relief_receipt **ptrs = calloc((size_t)all.n + 1, sizeof *ptrs);
    if (!ptrs)
        abort();
    for (int i = 0; i < all.n; i++)
        ptrs[i] = &all.v[i];
    struct receipt_print *prints = NULL;
    if (!signlist && all.n > 0 && !(prints = batch_prints(r, all.v, all.n))) {
        free(ptrs);
        free(all.v);
        return;
    }
    size_t len = 0;
    const char *why = NULL;
    const char *layout = req_query(r, "layout");
    char *pdf = signlist ? signlist_pdf(b.title, ptrs, all.n, &len, &why)
                         : receipt_pdf(ptrs, all.n, layout && strcmp(layout, "a4") == 0 ? RECEIPT_A4_TWO : RECEIPT_A5,
                                       prints, &len, &why);
    free(prints);
    free(ptrs);
    free(all.v);
    send_pdf(r, pdf, len, why);
}

void page_batch_receipts_pdf(struct req *r)
{
    batch_pdf(r, 0);
}

void page_batch_signlist_pdf(struct req *r)
{
    batch_pdf(r, 1);
}
