/*
 * bank_return_page.h: the pieces rolls and relief batches share to pay through the credit union:
 * the page section (download the payment file in a bank format, upload the return file), the
 * check of an uploaded return file with the confirm form (the file kept in the stash meanwhile),
 * its confirmation, and the API answer {rows, paid, failed: [{row, reason}], already_paid,
 * paid_twice: [{row, application_id, reason}], …}.
 */
#ifndef BANGFU_BANK_RETURN_PAGE_H
#define BANGFU_BANK_RETURN_PAGE_H
#include <stddef.h>

#include "bank_return.h"
#include "server.h"

/* Imports the bank's return file for the payer the request names; commit 0 only checks. */
typedef int (*bank_import_fn)(struct req *r, const char *data, size_t len, int commit, struct bank_return_result *res,
                              struct err *e);

struct bank_import {
    bank_import_fn run;
    const char *title; /* of the check page */
    const char *prefix; /* of the payer's page: prefix/{r->id[0]} ("/rolls/3"), the files under it */
    /* After the confirmation (rc 0) or a refusal: the redirect, or the payer's page with e. */
    void (*done)(struct req *r, int rc, const struct err *e);
};

/* The 代发 section of a payer's page: the download in a chosen bank format (CSV or Excel) and the
   upload of the return file; extra (may be NULL) writes more fields of the upload form. */
void bank_pay_section(struct req *r, const char *base, void (*extra)(struct req *r));
/* POST base/bank-return (multipart, file): checks the file and answers the confirm page (the
   amount in words, the failures), keeping the file in the stash; fund_id is carried along. */
void bank_return_check(struct req *r, const struct bank_import *im);
/* POST base/bank-return/{stash}: books the kept file. */
void bank_return_confirm(struct req *r, const struct bank_import *im);
/* The bank format the request names (form or query bank_format): its id, 0 for the default, -1
   when not a number (refused as an unknown format). */
int64_t bank_return_format(struct req *r);
/* The API: the file as multipart field "file" or the raw body; answers 200 with the counts, or
   422 with the problems of a file that does not match. */
void bank_return_api(struct req *r, bank_import_fn run);

#endif
