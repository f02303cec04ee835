/*
 * trial_balance.h: the trial balance (试算平衡表 / 科目余额表) of the vouchers in a scope: per account
 * the opening balance (the vouchers before the period), the period's debits and credits, and the
 * closing balance. A balance is debit less credit: shown on the debit side when positive and on the
 * credit side when negative. Since every voucher debits and credits one amount, the debit and the
 * credit totals of each pair of columns are equal.
 */
#ifndef BANGFU_TRIAL_BALANCE_H
#define BANGFU_TRIAL_BALANCE_H
#include <stdint.h>

#include "chart.h"

struct tb_line {
    struct account account;
    int64_t opening_fen; /* debit less credit before the period */
    int64_t debit_fen, credit_fen;
    int64_t closing_fen; /* opening + debit − credit */
};

/* Sums the vouchers of the books in scope up to as_of (YYYY-MM-DD), those before `from` into the
   openings, per account of the chart in code order. *lines is a malloc'd array (free it) of the
   returned number of accounts, or -1 with e and *lines NULL. */
int trial_balance(struct db *db, const char *scope, const char *from, const char *as_of, struct tb_line **lines,
                  struct err *e);

/* The six columns of a line: opening debit, opening credit, debit, credit, closing debit, closing
   credit; a balance shows on the debit side when positive, on the credit side when negative (the
   other side 0). Pure. */
enum { TB_COLS = 6 };
void tb_columns(const struct tb_line *l, int64_t v[TB_COLS]);

#endif
