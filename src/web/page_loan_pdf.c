/* page_loan_pdf.c: the loan documents as PDF downloads (一次性告知书, 联合评审意见表, 担保推荐函). */
#include <stdio.h>
#include <stdlib.h>

#include "handlers.h"
#include "loan_docs.h"

enum loan_doc_kind { DOC_NOTICE, DOC_REVIEW_FORM, DOC_GUARANTEE_LETTER };

/* Loads the application and its township office, renders the document and sends it. */
static void send_loan_pdf(struct req *r, enum loan_doc_kind kind)
{
    struct loan_app *a = calloc(1, sizeof *a);
    struct err e = {0};
    struct unit office;
    struct guarantee_info g;
    if (!a || loan_get(r->db, &r->user, r->id[0], a, &e) != 0) {
        free(a);
        reply_error(r, &e);
        return;
    }
    const char *why = NULL;
    char *pdf = NULL;
    size_t len = 0;
    int rc = unit_get(r->db, a->township_id, &office);
    if (rc == 0 && kind == DOC_NOTICE)
        rc = report_missing_notice(a, &office, r->today, &pdf, &len, &why);
    else if (rc == 0 && kind == DOC_REVIEW_FORM)
        rc = a->round ? report_review_form(a, &office, r->today, &pdf, &len, &why)
                      : (err_set(&e, 409, "not_submitted", NULL, "该申请尚未提交评审"), -2);
    else if (rc == 0)
        rc = guarantee_get(r->db, a->id, &g) == 0 ? report_guarantee_letter(a, &g, &office, r->today, &pdf, &len, &why)
                                                  : (err_set(&e, 409, "not_guaranteed", NULL, "该申请尚未办理担保"), -2);
    loan_app_free(a);
    free(a);
    if (rc == -2) {
        reply_error(r, &e);
    } else if (rc != 0) {
        reply_fail(r, 500, "pdf_failed", why ? why : "PDF 生成失败");
    } else {
        reply_bytes(r, "application/pdf", pdf, len);
        reply_header(r, "Content-Disposition", "inline");
    }
}

void page_loan_notice_pdf(struct req *r)
{
    send_loan_pdf(r, DOC_NOTICE);
}

void page_loan_review_form_pdf(struct req *r)
{
    send_loan_pdf(r, DOC_REVIEW_FORM);
}

void page_loan_guarantee_letter_pdf(struct req *r)
{
    send_loan_pdf(r, DOC_GUARANTEE_LETTER);
}
