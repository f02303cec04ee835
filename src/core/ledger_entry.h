/*
 * ledger_entry.h: the fields every fund ledger entry shares (the guarantee fund's and the relief
 * funds'): its date, the document or voucher number behind it and a note.
 */
#ifndef BANGFU_LEDGER_ENTRY_H
#define BANGFU_LEDGER_ENTRY_H

#include "err.h"

/* 0 when on is a date (YYYY-MM-DD), document_no 1–50 characters and note (may be NULL) at most
   200; else -1 with a 422 naming the field. */
int ledger_entry_check(const char *on, const char *document_no, const char *note, struct err *e);

#endif
