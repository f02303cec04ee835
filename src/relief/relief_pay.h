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
#include "db_row.h"
#include "err.h"
#include "user.h"
#include "relief_rules.h"
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

#define RELIEF_METHOD_SIZE 8 /* cash, bank */

/* A receipt with its payment, recipient (the head of household), category, fund, the three
   signatories, its voiding and reprints. */
#define RELIEF_RECEIPT_ROW(X, _)                                                                                        \
    X("p.id", INT64, payment_id) _ X("p.application_id", INT64, application_id) _                                     \
        X("coalesce(a.batch_id, 0)", INT64, batch_id) _ X("a.household_id", INT64, household_id) _                    \
        X("p.receipt_no", TEXT(DOC_NO_SIZE), receipt_no) _ X("t.name", TEXT(NAME_SIZE), township) _                  \
        X("v.name", TEXT(NAME_SIZE), village) _ X("p.paid_on", DATE, paid_on) _                                       \
        X("m.name", TEXT(NAME_SIZE), recipient) _                                                                      \
        X("m.id_number", TEXT(ID_NUMBER_SIZE), id_number) /* full: mask before printing */ _                          \
        X("c.name", TEXT(RELIEF_CATEGORY_NAME_SIZE), category) _ X("p.amount_fen", MONEY, amount_fen) _               \
        X("f.name", TEXT(FUND_NAME_SIZE), fund) _ X("p.method", TEXT(RELIEF_METHOD_SIZE), method) _                   \
        X("hu.name", TEXT(NAME_SIZE), handler) _ X("coalesce(ru.name, '')", TEXT(NAME_SIZE), reviewer) _             \
        X("coalesce(au.name, '')", TEXT(NAME_SIZE), approver) _ X("vo.reason IS NOT NULL", INT, voided) _            \
        X("vo.reason", TEXT(NOTE_SIZE), void_reason) _ X("coalesce(vo.at, '')", TIME, voided_on) _                    \
        X("(SELECT count(*) FROM receipt_events x WHERE x.payment_id = p.id AND x.kind = 'reprint')", INT,            \
          reprints) /* number of 补打 events so far */
struct relief_receipt {
    DB_ROW_FIELDS(RELIEF_RECEIPT_ROW)
    char payer[TEXT_SIZE(NAME_MAX_CHARS + 6)]; /* the township and 计划生育协会 */
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
