/*
 * roll_pay.h: paying an approved roll through the credit union (代发). The payment file lists each
 * row on the roll not yet paid that has a bank account (full names, IDs and accounts: for the bank
 * only; every download audited); the bank's return file says for each row 成功 or 失败 with a
 * reason. One import pays its successful rows at once: one debit of the programme's fund for
 * their total (relief_fund_post_roll), each row marked paid with that entry; failed rows keep
 * pending as failed with the bank's reason, to go into the next file. A row already paid is
 * never paid again, however often a file is imported.
 */
#ifndef BANGFU_ROLL_PAY_H
#define BANGFU_ROLL_PAY_H
#include <stddef.h>
#include <stdint.h>

#include "bank_return.h"
#include "roll.h"

/* Checks that the actor may download the roll's payment file (an approved roll in scope) and
   audits the download (bank_file, with the number of rows and the total). 0 or -1 with e. */
int roll_bank_file_open(struct db *db, const struct user_ctx *actor, int64_t roll_id, struct roll *out,
                        struct err *e);

/* Imports the bank's return file of an approved roll (bank_return.h; 序号 is the roll row's id):
   its headers those of bank format format_id (0: the default); every line must name a row on the
   roll with its account and amount, or nothing is booked (422
   bad_return_file, the problems listed). Dated today. With commit 0 it only works out res (the check before a clerk confirms) and books nothing. Returns 0
   or -1 with e (409 insufficient_funds, not_approved). Audited (bank_return). */
int roll_bank_return(struct db *db, const struct user_ctx *actor, int64_t roll_id, int64_t format_id, const char *data,
                     size_t len, struct date today, int commit, struct bank_return_result *res, struct err *e);

#endif
