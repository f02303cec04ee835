/*
 * bank_return.h: reading the credit union's return file (回盘文件) of a payment file (代发), for
 * rolls and relief batches alike (the one reader). The file is CSV (UTF-8 or GB18030) with the
 * columns 序号, 账号, 金额 (yuan), 结果 (成功 or 失败) and 原因 in any order; the first three
 * under the headers the bank format of the payment file gives them (bank_format.h: "流水号",
 * "卡号" …) or under the fixed ones (序号/row, 账号/account, 金额/amount; 结果/status, 原因/reason).
 * 序号 is the number the payment file gave the line. Every line must name a line the payer knows
 * with its account and amount, or nothing is booked. A line already paid by the bank counts as
 * already paid and changes nothing, so a file imported twice pays nobody twice; a line the bank
 * reports 成功 for a line the payer paid otherwise (cash after the file was sent) is a double
 * payment, reported apart (paid_twice) for finance to recover, never counted as already paid.
 */
#ifndef BANGFU_BANK_RETURN_H
#define BANGFU_BANK_RETURN_H
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "err.h"
#include "member_status.h"
#include "text.h"

#define BANK_RETURN_MAX_FAILED 200 /* failures answered at most (the count is always whole) */
#define BANK_RETURN_MAX_PROBLEMS 20
#define BANK_REASON_MAX_CHARS 200  /* the bank's reason kept with a failed line */
#define BANK_REASON_SIZE TEXT_SIZE(BANK_REASON_MAX_CHARS)

struct bank_failure {
    int64_t row;                 /* the line's 序号 */
    char reason[BANK_REASON_SIZE];
};
struct bank_return_result {
    int64_t rows;                /* lines read */
    int64_t paid, paid_fen;      /* newly paid by this import */
    int64_t already_paid;        /* lines for rows paid before by the bank (nothing happens) */
    int64_t npaid_twice;         /* 成功 lines for rows paid otherwise before: paid twice (nothing booked) */
    struct bank_failure paid_twice[BANK_RETURN_MAX_FAILED]; /* row: the 序号 (a relief application's id); reason: how paid */
    int64_t nfailed;             /* lines the bank refused */
    struct bank_failure failed[BANK_RETURN_MAX_FAILED];
    int nproblems;               /* lines that do not match the payer's rows: the import is refused whole */
    char problems[BANK_RETURN_MAX_PROBLEMS][BANK_REASON_SIZE];
    int64_t entry_id;            /* a roll's fund entry, 0 when none */
    const char *encoding;        /* of the file: UTF-8, UTF-8-BOM, GB18030 */
};

/* A line of the payment file as the payer (a roll, a relief batch) knows it. */
struct bank_payee {
    int64_t amount_fen;
    char account[BANK_ACCOUNT_SIZE];
    int paid;                    /* 1: paid before (the line changes nothing) */
    char paid_otherwise[BANK_REASON_SIZE]; /* paid before but not by the bank: how ("" when by the bank) */
    const char *refused;         /* NULL, or why the line cannot be paid now (a problem) */
};
/* What the reader asks of the payer; each callback runs inside the import's transaction. */
struct bank_payer {
    /* Finds the line numbered row: 1 and *out, 0 when the payer has no such line, -1 on a
       database error. */
    int (*find)(struct db *db, void *ctx, int64_t row, struct bank_payee *out);
    /* Books row as paid (fen is its amount). 0, or -1 with e (the import is then refused). */
    int (*pay)(struct db *db, void *ctx, int64_t row, int64_t fen, struct err *e);
    /* Puts row back to pending with the bank's reason. 0, or -1 with e. */
    int (*fail)(struct db *db, void *ctx, int64_t row, const char *reason, struct err *e);
    /* Records that the bank paid row although it was paid otherwise (may be NULL). 0, or -1 with e. */
    int (*twice)(struct db *db, void *ctx, int64_t row, const char *reason, struct err *e);
    void *ctx;
    int64_t format_id;           /* the bank format of the payment file (its headers); 0: the default */
};

/* Opens a transaction and applies every line of the file (data, len) through p, filling res. 0
   with the transaction still open (the caller books what follows and commits or rolls back), or
   -1 with e after rolling back: unreadable encoding, an unknown format (404), no header or a
   missing column (422 missing_column), lines that do not match (422 bad_return_file, res->problems), or an error of
   the payer. */
int bank_return_read(struct db *db, const char *data, size_t len, const struct bank_payer *p,
                     struct bank_return_result *res, struct err *e);

#endif
