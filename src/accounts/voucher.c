/* voucher.c: vouchers derived from the fund ledgers through voucher_rules (see voucher.h). */
#include "voucher.h"

/* Every ledger entry as a money event of its book, numbered within its book and month by id.
   The guarantee fund belongs to the district (the unit without a parent). A relief reversal takes
   the event of the entry it reverses (income by source, payment by method) and a negative amount;
   a payment's 摘要 names its receipt, not the family (the note holds the category and the name); a
   programme's bank payment (one entry per imported return file, kind 'programme') is its own event. */
#define VOUCHER_EVENTS                                                                                                 \
    "WITH district AS (SELECT name, path FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1), "                    \
    "ev AS (SELECT 'guarantee_fund' AS ledger, 0 AS book_order, 0 AS fund_id, g.id AS entry_id, '担' AS prefix, "      \
    "  g.on_date, CASE g.kind WHEN 'adjustment' THEN CASE WHEN g.amount_fen > 0 THEN 'guarantee_adjustment_in' "       \
    "  ELSE 'guarantee_adjustment_out' END WHEN 'recovery' THEN CASE WHEN EXISTS (SELECT 1 FROM loan_write_offs w "   \
    "  WHERE w.loan_id = g.loan_id AND w.state = 'approved' AND w.on_date <= g.on_date) "                             \
    "  THEN 'guarantee_recovery_written_off' ELSE 'guarantee_recovery' END "                                           \
    "  ELSE 'guarantee_' || g.kind END AS event, abs(g.amount_fen) AS amount_fen, "                                    \
    "  g.note AS note, g.document_no, '担保基金' AS book, (SELECT name FROM district) AS unit_name, "                \
    "  (SELECT path FROM district) AS unit_path, 0 AS reverses_id "                                                    \
    "  FROM guarantee_fund_entries g "                                                                                 \
    " UNION ALL SELECT 'loan_write_off', 1, 0, w.id, '核', w.on_date, 'loan_write_off', w.amount_fen, "              \
    "  l.contract_no || ' ' || w.reason, l.contract_no, '担保基金', (SELECT name FROM district), "                    \
    "  (SELECT path FROM district), 0 FROM loan_write_offs w JOIN loans l ON l.id = w.loan_id "                        \
    "  WHERE w.state = 'approved' "                                                                                     \
    " UNION ALL SELECT 'subsidy_receipt', 2, 0, s.id, '贴', s.on_date, 'subsidy_received', s.amount_fen, "            \
    "  CASE WHEN s.reverses_id IS NULL THEN substr(s.quarter, 1, 4) || '年第' || substr(s.quarter, 6) || '季度' "     \
    "  ELSE s.note END, s.document_no, '财政贴息', (SELECT name FROM district), (SELECT path FROM district), "         \
    "  coalesce(s.reverses_id, 0) FROM subsidy_receipts s "                                                            \
    " UNION ALL SELECT 'relief_fund', 3, e.fund_id, e.id, '救' || e.fund_id, e.on_date, "                            \
    "  CASE WHEN coalesce(o.kind, e.kind) = 'income' THEN 'relief_income_' || coalesce(o.source, e.source) "          \
    "  WHEN coalesce(o.kind, e.kind) = 'programme' THEN 'programme_payment' "                                          \
    "  ELSE 'relief_payment_' || coalesce(op.method, p.method) END, "                                                  \
    "  CASE WHEN e.kind = 'reversal' THEN -abs(e.amount_fen) ELSE abs(e.amount_fen) END, "                             \
    "  CASE WHEN e.kind = 'disbursement' THEN '领款凭证 ' || p.receipt_no ELSE e.note END, "                          \
    "  coalesce(p.receipt_no, e.document_no), f.name, u.name, u.path, coalesce(e.reverses_id, 0) "                    \
    "  FROM relief_fund_entries e JOIN relief_funds f ON f.id = e.fund_id JOIN units u ON u.id = f.unit_id "           \
    "  LEFT JOIN relief_payments p ON p.id = e.payment_id LEFT JOIN relief_fund_entries o ON o.id = e.reverses_id "    \
    "  LEFT JOIN relief_payments op ON op.id = o.payment_id), "                                                        \
    "numbered AS MATERIALIZED (SELECT ev.*, prefix || '-' || substr(on_date, 1, 4) || substr(on_date, 6, 2) || '-' || "             \
    "  printf('%03d', row_number() OVER (PARTITION BY ledger, fund_id, substr(on_date, 1, 7) ORDER BY entry_id)) "    \
    "  AS number FROM ev) "

/* The vouchers of the period in scope, their rule's accounts and words; a red voucher's 摘要 names
   the voucher it reverses. An event without a rule reads with no accounts (ids 0), which
   voucher_list refuses. ?1 from, ?2 to (NULL: open), ?3 the scope path. */
#define VOUCHER_SELECT                                                                                                 \
    VOUCHER_EVENTS                                                                                                     \
    "SELECT " DB_ROW_COLUMNS(VOUCHER_ROW) " FROM (SELECT n.*, r.summary AS rule_summary, r.debit_id, r.credit_id "    \
    "  FROM numbered n LEFT JOIN " VOUCHER_RULES_TABLE " r ON r.event = n.event "                                              \
    "  WHERE (?1 IS NULL OR n.on_date >= ?1) AND (?2 IS NULL OR n.on_date <= ?2) AND in_scope(n.unit_path, ?3)) v "   \
    "LEFT JOIN accounts d ON d.id = v.debit_id LEFT JOIN accounts c ON c.id = v.credit_id "                           \
    "LEFT JOIN numbered o ON o.ledger = v.ledger AND o.entry_id = v.reverses_id "                                     \
    "ORDER BY v.book_order, v.fund_id, substr(v.on_date, 1, 7), v.entry_id"

/* Reads a VOUCHER_ROW. */
static DB_ROW_READER(voucher_read, VOUCHER_ROW, struct voucher)

int voucher_list(struct db *db, const char *scope, const char *from, const char *to,
                 void (*fn)(const struct voucher *, void *), void *ctx, struct err *e)
{
    sqlite3_stmt *st = db_prep(db, VOUCHER_SELECT);
    if (!st)
        return db_fail(db, e);
    db_bind(st, "ttt", from && *from ? from : NULL, to && *to ? to : NULL, scope);
    int n = 0, rc;
    struct voucher v;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (voucher_read(st, &v) != 0) {
            db_done(st);
            return db_row_fail(e);
        }
        if (!v.debit_id || !v.credit_id) { /* a ledger kind the mapping does not know: never left out silently */
            db_done(st);
            return err_set(e, 500, "no_voucher_rule", NULL, "资金事项 %s 没有记账规则，凭证无法生成", v.event);
        }
        fn(&v, ctx);
        n++;
    }
    db_done(st);
    return rc == SQLITE_DONE ? n : db_fail(db, e);
}
