/*
 * ledger_entry.h: the fields every fund ledger entry shares (the guarantee fund's and the relief
 * funds'): its date, the document or voucher number behind it and a note.
 */
#ifndef BANGFU_LEDGER_ENTRY_H
#define BANGFU_LEDGER_ENTRY_H

#include "date.h"
#include "err.h"

#define LEDGER_EARLIEST_YEAR 2000 /* no fund entry is dated before the programme's records begin */

/* 0 when on is a date (YYYY-MM-DD) not after today and not before LEDGER_EARLIEST_YEAR; else -1
   with a 422 invalid_date on the field "on". */
int ledger_entry_date(const char *on, struct date today, struct err *e);
/* ledger_entry_date, then document_no 1–50 characters and note (may be NULL) at most 200; else
   -1 with a 422 naming the field. */
int ledger_entry_check(const char *on, struct date today, const char *document_no, const char *note, struct err *e);

#endif
