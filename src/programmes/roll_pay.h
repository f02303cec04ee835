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

#include "roll.h"

#define BANK_RETURN_MAX_FAILED 200 /* failures answered at most (the count is always whole) */
#define BANK_RETURN_MAX_PROBLEMS 20

/* Checks that the actor may download the roll's payment file (an approved roll in scope) and
   audits the download (bank_file, with the number of rows and the total). 0 or -1 with e. */
int roll_bank_file_open(struct db *db, const struct user_ctx *actor, int64_t roll_id, struct roll *out,
                        struct err *e);

struct bank_failure {
    int64_t row;                 /* the roll row (序号) */
    char reason[ROLL_REASON_SIZE];
};
struct bank_return_result {
    int64_t rows;                /* lines read */
    int64_t paid, paid_fen;      /* newly paid by this import */
    int64_t already_paid;        /* lines for rows paid before (nothing happens) */
    int64_t nfailed;             /* lines the bank refused */
    struct bank_failure failed[BANK_RETURN_MAX_FAILED];
    int nproblems;               /* lines that do not match the roll: the import is refused whole */
    char problems[BANK_RETURN_MAX_PROBLEMS][ROLL_REASON_SIZE];
    int64_t entry_id;            /* the fund entry, 0 when nothing was paid */
    const char *encoding;        /* of the file: UTF-8, UTF-8-BOM, GB18030 */
};

/* Imports the bank's return file of an approved roll (CSV, UTF-8 or GB18030, columns 序号, 账号,
   金额 (yuan), 结果 (成功/失败), 原因): every line must name a row on the roll with its account and
   amount, or nothing is booked (422 bad_return_file, the problems listed). Dated today. With
   commit 0 it only works out res (the check before a clerk confirms) and books nothing. Returns 0
   or -1 with e (409 insufficient_funds, not_approved). Audited (bank_return). */
int roll_bank_return(struct db *db, const struct user_ctx *actor, int64_t roll_id, const char *data, size_t len,
                     struct date today, int commit, struct bank_return_result *res, struct err *e);

#endif
