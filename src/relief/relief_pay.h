/*
 * relief_pay.h: paying approved relief (发放) and the receipts (领款凭证). A payment debits one
 * fund (never below zero) and takes the next receipt number of its township and year
 * (西集-2026-000123), both inside one BEGIN IMMEDIATE transaction, so two clerks paying at once
 * get consecutive numbers and cannot overdraw the fund. A receipt is never deleted: voiding keeps
 * its number, credits the fund back with a reversing entry and returns the application to
 * approved; a reprint is recorded and printed marked 补打.
 */
#ifndef BANGFU_RELIEF_PAY_H
#define BANGFU_RELIEF_PAY_H
#include <jansson.h>
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "err.h"
#include "user.h"
#include "text.h"

/* Room for a receipt number (西集-2026-000123), a document number like any other; a longer one is
   refused, never cut. */
#define RELIEF_RECEIPT_NO_SIZE DOC_NO_SIZE

struct relief_pay_input {
    int64_t fund_id;
    const char *paid_on; /* YYYY-MM-DD */
    const char *method;  /* "cash" or "bank" */
    struct date today;   /* paid_on may not be after it */
};

/* Pays one approved application. Writes the receipt number into receipt_no (size RELIEF_RECEIPT_NO_SIZE). Returns 0,
   or -1 with e (409 invalid_state, 409 insufficient_funds, 422 for bad input). Audited. */
int relief_disburse(struct db *db, const struct user_ctx *actor, int64_t application_id,
                    const struct relief_pay_input *in, char *receipt_no, struct err *e);
/* The same inside the caller's transaction (batches). */
int relief_disburse_in_txn(struct db *db, const struct user_ctx *actor, int64_t application_id,
                           const struct relief_pay_input *in, char *receipt_no, struct err *e);

/* Voids a receipt with a reason: the number stays, marked 作废. Returns 0 or -1 (409 already void). */
int relief_receipt_void(struct db *db, const struct user_ctx *actor, const char *receipt_no, const char *reason,
                        struct date today, struct err *e);
/* Records a reprint (补打) with a reason; *copy gets its number (1 for the first reprint). */
int relief_receipt_reprint(struct db *db, const struct user_ctx *actor, const char *receipt_no, const char *reason,
                           int *copy, struct err *e);

/* One print of a receipt as recorded: the how-manyth print (1: the original; later: 补打), its day
   and who printed it. */
struct receipt_print {
    int n;
    char on[11];
    char operator_name[NAME_SIZE];
};
/* Records a print of the receipt by the actor today (a receipt the actor may see: 404/403) and
   fills *out. Audited from the second print on (reprint_receipt). Returns 0 or -1 with e. */
int relief_receipt_print(struct db *db, const struct user_ctx *actor, const char *receipt_no, struct date today,
                         struct receipt_print *out, struct err *e);

struct relief_receipt {
    int64_t payment_id, application_id, batch_id, household_id;
    char receipt_no[DOC_NO_SIZE];
    char payer[TEXT_SIZE(NAME_MAX_CHARS + 6)]; /* the township and 计划生育协会 */
    char township[NAME_SIZE], village[NAME_SIZE];
    char paid_on[11];
    char recipient[NAME_SIZE];
    char id_number[20]; /* full: mask before printing */
    char category[64];
    int64_t amount_fen;
    char fund[FUND_NAME_SIZE];
    char method[8];
    char handler[NAME_SIZE], reviewer[NAME_SIZE], approver[NAME_SIZE];
    int voided;
    char void_reason[NOTE_SIZE], voided_on[24];
    int reprints; /* number of 补打 events so far */
};

/* Loads a receipt the actor may see. 0, or -1 with 404 / 403. */
int relief_receipt_get(struct db *db, const struct user_ctx *actor, const char *receipt_no, struct relief_receipt *out,
                       struct err *e);
/* Calls fn for every receipt of a batch within the actor's scope, in number order. Returns the
   count or -1. */
int relief_receipts_of_batch(struct db *db, const struct user_ctx *actor, int64_t batch_id,
                             void (*fn)(const struct relief_receipt *, void *), void *ctx);
/* The receipt as API JSON (ID masked). */
json_t *relief_receipt_json(const struct relief_receipt *r);

#endif
