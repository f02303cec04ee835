/*
 * guarantee_ledger.h: the entries of the guarantee fund's ledger (担保基金明细账) — income,
 * adjustments, payouts (代偿) and recoveries (追偿) — with the fund's balance after each, filtered
 * by kind and date and paged, within the reader's scope: an entry of a loan belongs to the loan's
 * village, the others (income, adjustments) to the district that owns the fund.
 */
#ifndef BANGFU_GUARANTEE_LEDGER_H
#define BANGFU_GUARANTEE_LEDGER_H
#include <stdint.h>

#include "db.h"
#include "db_row.h"
#include "err.h"
#include "text.h"
#include "user.h"

/* One entry: the loan's contract, borrower and village when it is a payout or a recovery ("" else);
   balance_after_fen is the whole fund's balance after it (entries in date order, then as booked). */
#define GUARANTEE_ENTRY_ROW(X, _)                                                                                  \
    X("g.id", INT64, id) _ X("g.kind", TEXT(CODE_SIZE), kind) _ X("g.on_date", DATE, on) _                        \
        X("g.amount_fen", MONEY, amount_fen) _ X("g.document_no", TEXT(DOC_NO_SIZE), document_no) _               \
        X("g.note", TEXT(NOTE_SIZE), note) _ X("coalesce(g.loan_id, 0)", INT64, loan_id) _                        \
        X("coalesce(l.contract_no, '')", TEXT(CONTRACT_NO_SIZE), contract_no) _                                   \
        X("coalesce(hm.name, '')", TEXT(NAME_SIZE), applicant) _ X("coalesce(v.name, '')", TEXT(NAME_SIZE), village) _ \
        X("g.balance_after", MONEY, balance_after_fen) _ X("coalesce(u.name, '')", TEXT(NAME_SIZE), by)
struct guarantee_entry {
    DB_ROW_FIELDS(GUARANTEE_ENTRY_ROW)
};

struct guarantee_entry_filter {
    const char *kind;     /* income, adjustment, payout, recovery; NULL or "": all */
    const char *from, *to; /* YYYY-MM-DD, NULL or "": open */
    int limit, offset;
};

/* The Chinese name of an entry kind (收入, 调整, 代偿, 追偿), or NULL for another code. */
const char *guarantee_entry_kind_name(const char *kind);
/* Checks a filter: a known kind, dates as YYYY-MM-DD. 0, or -1 with e filled (422 invalid_kind,
   invalid_date). */
int guarantee_filter_check(const struct guarantee_entry_filter *f, struct err *e);
/* Calls fn for each entry in scope matching f, oldest first, from offset, at most limit. Returns
   the number of all matching entries (for paging), or -1 with e filled (422 invalid_kind,
   invalid_date; 500). */
int64_t guarantee_ledger_list(struct db *db, const struct user_ctx *actor, const struct guarantee_entry_filter *f,
                              void (*fn)(const struct guarantee_entry *, void *), void *ctx, struct err *e);

#endif
