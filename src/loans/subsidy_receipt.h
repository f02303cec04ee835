/*
 * subsidy_receipt.h: the interest subsidy (贴息) received from the district's finance bureau for a
 * quarter's claim (subsidy.h), as a money event of its own: recorded by district finance (or the
 * administrator) with the quarter, the date, the amount and the finance document, never edited or
 * deleted, corrected by a reversal (冲正) with a reason. Each receipt and reversal is a voucher
 * (voucher.h, 字 贴: Dr 1002 银行存款, Cr 2601 受托代理负债; docs/domain.md).
 */
#ifndef BANGFU_SUBSIDY_RECEIPT_H
#define BANGFU_SUBSIDY_RECEIPT_H
#include <jansson.h>
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "err.h"
#include "user.h"

#define SUBSIDY_RECEIPT_REASON_MAX_CHARS 200

struct subsidy_receipt_input {
    const char *quarter;     /* "2026Q3" */
    const char *on;          /* the day the money arrived, yyyy-mm-dd, not after today */
    int64_t amount_fen;      /* > 0 */
    const char *document_no; /* the finance bureau's document (文号), 1..50 characters */
};

/* Records a receipt (the actor's unit must be the district: 403 district_only). 422 invalid_quarter
   (a quarter not after today's), invalid_date, invalid_amount (1 fen .. 999,999,999.99 yuan),
   invalid_document_no. Audited. Returns the receipt id or -1 with e filled. */
int64_t subsidy_receipt_add(struct db *db, const struct user_ctx *actor, const struct subsidy_receipt_input *in,
                            struct date today, struct err *e);
/* Reverses receipt id on today with a reason (403 district_only; 404 not_found; 409 already_reversed
   or is_reversal; 422 invalid_reason). Audited. Returns the reversal's id or -1. */
int64_t subsidy_receipt_reverse(struct db *db, const struct user_ctx *actor, int64_t id, const char *reason,
                                struct date today, struct err *e);
/* The receipts and reversals, newest first, with the net total: {items: [{id, quarter, on,
   amount_fen, document_no, note, reverses_id, reversed, recorded_by}], total, net_fen}. NULL on a
   database error (e filled). */
json_t *subsidy_receipt_list_json(struct db *db, struct err *e);
#endif
