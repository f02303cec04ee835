/*
 * voucher.h: the accounting vouchers (记账凭证) of every money event, derived from the fund ledgers
 * (guarantee_fund_entries, relief_fund_entries), the approved write-offs (loan_write_offs) and the
 * interest subsidy received (subsidy_receipts) through the one mapping (chart.h VOUCHER_RULES_TABLE):
 * nothing is stored twice. Each ledger entry is one voucher with one debit and one credit line of
 * the entry's amount; a reversal (冲正) is a red voucher (红字冲销): the accounts of the voucher it
 * reverses, the amount negative.
 *
 * Books and numbers. Each fund keeps its own book (账簿): the guarantee fund (the district's) and
 * each relief fund (its unit's); write-offs (字 核) and the subsidy received (字 贴, book 财政贴息)
 * are the district's and numbered on their own. A voucher's number is 字-YYYYMM-NNN: 字 is 担 for
 * the guarantee fund and 救 with the fund's id for a relief fund (救1), YYYYMM the month of the entry's date, NNN
 * the entry's place among the book's entries of that month in the order of their ids (booking
 * order). An entry booked later for an earlier month takes the next number of that month; the
 * numbers already given never change.
 *
 * Scope: a voucher belongs to the unit of its book; a user reads the vouchers of the books whose
 * unit lies in the user's scope (the district sees all).
 */
#ifndef BANGFU_VOUCHER_H
#define BANGFU_VOUCHER_H
#include <stdint.h>

#include "chart.h"
#include "db.h"
#include "db_row.h"
#include "err.h"
#include "text.h"

#define VOUCHER_NO_SIZE 32                              /* 救123-202603-001 */
#define VOUCHER_BOOK_SIZE TEXT_SIZE(40)                 /* 担保基金, or a relief fund's name */
#define VOUCHER_SUMMARY_SIZE TEXT_SIZE(40 + 1 + 200 + 40) /* the rule's words, "：", a note (or a reason) */

/* One voucher. ledger is "guarantee_fund", "relief_fund", "loan_write_off" (an approved write-off,
   字 核, book 担保基金) or "subsidy_receipt" (the interest subsidy received, 字 贴, book 财政贴息);
   entry_id the row it is made of; reverses the number of the voucher a red voucher reverses ("" none). */
#define VOUCHER_ROW(X, _)                                                                                              \
    X("v.number", TEXT(VOUCHER_NO_SIZE), number) _ X("v.on_date", DATE, on) _                                        \
        X("v.event", TEXT(VOUCHER_EVENT_SIZE), event) _ X("CASE WHEN v.reverses_id > 0 THEN '冲销' || o.number || '（' || "                                             \
          "coalesce(v.rule_summary, v.event) || '）' ELSE coalesce(v.rule_summary, v.event) END || "                    \
          "CASE WHEN v.note <> '' THEN '：' || v.note ELSE '' END",                                                    \
          TEXT(VOUCHER_SUMMARY_SIZE), summary) /* 冲销‹number›（‹rule›）：‹note› for a red one */ _                      \
        X("d.id", INT64, debit_id) _ X("d.code", TEXT(ACCOUNT_CODE_SIZE), debit_code) _                              \
        X("d.name", TEXT(ACCOUNT_NAME_SIZE), debit_name) _ X("c.id", INT64, credit_id) _                             \
        X("c.code", TEXT(ACCOUNT_CODE_SIZE), credit_code) _ X("c.name", TEXT(ACCOUNT_NAME_SIZE), credit_name) _      \
        X("v.amount_fen", MONEY, amount_fen) _ X("v.book", TEXT(VOUCHER_BOOK_SIZE), book) _                          \
        X("v.unit_name", TEXT(NAME_SIZE), unit_name) _ X("v.ledger", TEXT(CODE_SIZE), ledger) _                     \
        X("v.fund_id", INT64, fund_id) _ X("v.entry_id", INT64, entry_id) _                                          \
        X("v.document_no", TEXT(DOC_NO_SIZE), document_no) _ X("coalesce(o.number, '')", TEXT(VOUCHER_NO_SIZE), reverses)
struct voucher {
    DB_ROW_FIELDS(VOUCHER_ROW)
};

/* Calls fn for the vouchers dated within [from, to] (YYYY-MM-DD; either may be NULL for open) of
   the books whose unit lies in scope (a unit path), book by book (the guarantee fund first, then
   the relief funds by id) and in number order within a book. Returns the count or -1 with e (500
   no_voucher_rule when an entry's event has no mapping: a voucher is never left out silently). */
int voucher_list(struct db *db, const char *scope, const char *from, const char *to,
                 void (*fn)(const struct voucher *, void *), void *ctx, struct err *e);

#endif
