/*
 * relief_bank.h: paying a relief batch through the credit union (代发), like a roll. The payment
 * file lists the batch's approved applications in the actor's scope whose head of household has a
 * bank account (full name, ID and account: for the bank only; every download audited); 序号 is
 * the application's number. The bank's return file (bank_return.h) pays each 成功 line as cash
 * is paid (relief_disburse_in_txn, method bank: a receipt, the fund debited, the application
 * paid); a 失败 line leaves the application approved with the bank's reason, to go into the next
 * file. An application paid, or once paid by bank and its receipt voided, is never paid by a
 * return file again (it is left out of later payment files: pay it in cash).
 */
#ifndef BANGFU_RELIEF_BANK_H
#define BANGFU_RELIEF_BANK_H
#include <stddef.h>
#include <stdint.h>

#include "bank_return.h"
#include "date.h"
#include "db.h"
#include "db_row.h"
#include "err.h"
#include "relief_batch.h"
#include "user.h"

/* Checks that the actor may download the batch's payment file (a batch in scope with approved
   applications) and audits the download (bank_file, rows and total). 0 or -1 with e (409
   nothing_to_pay). */
int relief_bank_file_open(struct db *db, const struct user_ctx *actor, int64_t batch_id, struct relief_batch *out,
                          struct err *e);

/* A line of the payment file: the application, its head of household whole. */
#define RELIEF_BANK_LINE(X, _)                                                                                        \
    X("a.id", INT64, id) _ X("m.name", TEXT(NAME_SIZE), name) _ X("m.id_number", TEXT(ID_NUMBER_SIZE), id_number) _ \
        X("m.bank_name", TEXT(BANK_NAME_SIZE), bank_name) _ X("m.bank_account", TEXT(BANK_ACCOUNT_SIZE), account) _ \
        X("a.amount_fen", MONEY, amount_fen) _ X("v.name", TEXT(NAME_SIZE), village) _                              \
        X("a.bank_reason", TEXT(BANK_REASON_SIZE), bank_reason)
struct relief_bank_line {
    DB_ROW_FIELDS(RELIEF_BANK_LINE)
};
/* Calls fn for each line of the batch's payment file, in application order; *no_account gets the
   approved applications left out for want of an account. Returns the number of lines or -1. */
int relief_bank_lines(struct db *db, const struct user_ctx *actor, int64_t batch_id,
                      void (*fn)(const struct relief_bank_line *, void *), void *ctx, int64_t *no_account);

/* Imports the bank's return file of the batch (its scope checked first), paying from fund_id (a
   fund in scope; 0: 422 invalid_fund), its headers those of bank format format_id (0: the default),
   dated today. A 成功 line for an application paid in cash is reported in res->paid_twice and in
   the application's audit (paid_twice), never booked. With commit 0 it only works out res and books nothing. 0, or -1 with e (422
   bad_return_file with res->problems, 409 insufficient_funds, 422 fund_not_for_unit). Audited
   (bank_return on the batch, disburse on each application). */
int relief_bank_return(struct db *db, const struct user_ctx *actor, int64_t batch_id, int64_t fund_id,
                       int64_t format_id, const char *data, size_t len, struct date today, int commit,
                       struct bank_return_result *res, struct err *e);

#endif
