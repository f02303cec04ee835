/*
 * relief_bank_sheet.h: a relief batch's payment file (代发文件) in a bank format, and the import of
 * the bank's return file for it, as the page and the API share them (relief_bank.h).
 */
#ifndef BANGFU_RELIEF_BANK_SHEET_H
#define BANGFU_RELIEF_BANK_SHEET_H
#include <stddef.h>

#include "relief_bank.h"
#include "server.h"

/* Replies with the payment file of batch r->id[0] (?format=xlsx, ?bank_format=ID), or the error. */
void relief_bank_file_reply(struct req *r);
/* bank_import_fn (bank_return_page.h): the return file of batch r->id[0], paid from the fund the
   form or the query names (fund_id). */
int relief_bank_import(struct req *r, const char *data, size_t len, int commit, struct bank_return_result *res,
                       struct err *e);

#endif
