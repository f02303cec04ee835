/*
 * statement_import.h: the credit union's repayment statement (CSV: 合同号, 还款日期, 金额, 凭证号)
 * checked row by row against the loans — matched, suspicious (amount differs from what is due),
 * unmatched (unknown contract), duplicate (receipt booked before or repeated) or invalid — and,
 * once the staff have seen the preview, booked through the ordinary repayment path.
 */
#ifndef BANGFU_STATEMENT_IMPORT_H
#define BANGFU_STATEMENT_IMPORT_H
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "err.h"
#include "user.h"
#include "text.h"

enum stmt_status { ST_MATCHED, ST_SUSPICIOUS, ST_UNMATCHED, ST_DUPLICATE, ST_INVALID, ST__MAX };
/* 已匹配, 金额不符, 未匹配, 重复凭证, 格式错误 */
const char *stmt_status_name(enum stmt_status s);

struct stmt_row {
    int line;
    char contract_no[CONTRACT_NO_SIZE], paid_on[16], receipt_no[DOC_NO_SIZE];
    int64_t amount_fen;
    int64_t loan_id;
    int64_t expected_fen; /* what was due on that date (matched and suspicious rows) */
    enum stmt_status status;
    char note[200];
    int booked; /* after booking: 1 booked, 0 not */
};

struct stmt_result {
    const char *encoding;
    int nrows;
    struct stmt_row *rows; /* malloc'd: statement_free */
    int counts[ST__MAX];
    char *utf8;            /* the file as UTF-8, for the confirm step */
};

/* Reads and checks a statement (bytes in UTF-8, UTF-8 with BOM or GB18030). Returns 0, or -1
   with e filled when the file cannot be read at all. */
int statement_check(struct db *db, const struct user_ctx *actor, const char *data, size_t len, struct date today,
                    struct stmt_result *res, struct err *e);
/* Books the matched and suspicious rows of a checked statement as repayments (each through
   servicing_repay; a refusal is noted on its row). Returns the number booked. */
int statement_book(struct db *db, const struct user_ctx *actor, struct stmt_result *res, struct date today);
void statement_free(struct stmt_result *res);

#endif
