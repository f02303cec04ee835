/*
 * roll_sheet.h: a roll as sheets: the credit union's payment file (代发文件: full names, resident
 * IDs and accounts of the unpaid rows with an account, in a bank format (bank_sheet.h); for the
 * bank only, every download audited), the import of its return file as the page and the API share
 * it, and the roll's list as staff read it (names masked; CSV, XLSX, PDF).
 */
#ifndef BANGFU_ROLL_SHEET_H
#define BANGFU_ROLL_SHEET_H
#include <stdint.h>

#include "roll_pay.h"
#include "server.h"

/* Replies with the payment file of roll_id (?format=xlsx for a workbook, else CSV; ?bank_format=ID), or the error
   (JSON for API routes, the error page otherwise). */
void roll_bank_file_reply(struct req *r, int64_t roll_id);
/* bank_import_fn (bank_return_page.h): the return file of the roll r->id[0]. */
int roll_bank_import(struct req *r, const char *data, size_t len, int commit, struct bank_return_result *res,
                     struct err *e);
/* When the request asks for a format (?format=csv|xlsx|pdf), replies with the roll's rows on it
   (names masked) and returns 1; else 0. */
int roll_sheet_if_asked(struct req *r, const struct roll *roll);

#endif
