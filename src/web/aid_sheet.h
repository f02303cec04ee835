/*
 * aid_sheet.h: aid in kind as sheets (list_sheet_fn, list_sheets.h): the distributions a filter
 * matches (reversed ones marked), and the 签领表 — the standing distributions with a column for each
 * household's signature or thumbprint and the total value in figures and 大写 — printed as PDF.
 */
#ifndef BANGFU_AID_SHEET_H
#define BANGFU_AID_SHEET_H
#include "aid.h"
#include "list_sheets.h"

/* arg: struct aid_filter (limit and offset ignored). Every matching distribution and a total row. */
int aid_list_sheet(struct req *r, const void *arg, struct sheet *s);
/* arg: struct aid_filter (limit and offset ignored). The 签领表: standing distributions only. */
int aid_sign_sheet(struct req *r, const void *arg, struct sheet *s);

/* Replies with the 签领表 of the filter: as ?format= asks (csv, xlsx, pdf), else as PDF. */
void aid_sign_sheet_reply(struct req *r, const struct aid_filter *f);

#endif
