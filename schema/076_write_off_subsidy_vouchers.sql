-- 034: vouchers for a write-off (核销) and for the interest subsidy (贴息) received from finance
-- (issue 19, item 7), and the subsidy received as a money event of its own.
--
-- The interest subsidy the association claims each quarter (subsidy.c) is paid by the district's
-- finance bureau to the association, which passes it on to the borrowers: a receipt is recorded with
-- its quarter, date, amount and the finance document, confirmed in words and figures, and corrected
-- only by a reversal (冲正, a row with the amount negated and the reason) - never edited or deleted.
CREATE TABLE subsidy_receipts (
    id          INTEGER PRIMARY KEY,
    quarter     TEXT NOT NULL CHECK (quarter GLOB '[0-9][0-9][0-9][0-9]Q[1-4]'),
    on_date     TEXT NOT NULL CHECK (date(on_date) = on_date),
    amount_fen  INTEGER NOT NULL CHECK (amount_fen <> 0),
    document_no TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',      -- a reversal's reason
    reverses_id INTEGER REFERENCES subsidy_receipts(id),
    created_by  INTEGER NOT NULL REFERENCES users(id),
    created_at  TEXT NOT NULL DEFAULT (datetime('now')),
    CHECK ((reverses_id IS NULL) = (amount_fen > 0))
);
CREATE UNIQUE INDEX subsidy_receipts_reversed_once ON subsidy_receipts(reverses_id) WHERE reverses_id IS NOT NULL;
CREATE TRIGGER subsidy_receipts_no_update BEFORE UPDATE ON subsidy_receipts
BEGIN SELECT RAISE(ABORT, 'subsidy_receipts is append-only'); END;
CREATE TRIGGER subsidy_receipts_no_delete BEFORE DELETE ON subsidy_receipts
BEGIN SELECT RAISE(ABORT, 'subsidy_receipts is append-only'); END;

-- The rules of the new events by account code. voucher_rules (and the chart) come with a later
-- migration (040), so these defaults name the accounts by their standard codes; the administrator's
-- change of such a rule is stored in voucher_rules and takes precedence (src/accounts/chart.h).
--   loan_write_off: the unrecovered payout written off is a loss of the fund: Dr 5401 其他费用,
--     Cr 1122 其他应收款 (the claim on the borrower recorded at the payout);
--   guarantee_recovery_written_off: money recovered after the write-off is income again: Dr 1002
--     银行存款, Cr 4901 其他收入 (the claim is gone from 1122);
--   subsidy_received: the subsidy is held for the borrowers (受托代理业务): Dr 1002 银行存款 (its
--     受托代理资产 sub-account where kept), Cr 2601 受托代理负债.
CREATE TABLE voucher_rule_defaults (
    event       TEXT PRIMARY KEY,
    debit_code  TEXT NOT NULL,
    credit_code TEXT NOT NULL,
    summary     TEXT NOT NULL,
    CHECK (debit_code <> credit_code)
);
INSERT INTO voucher_rule_defaults (event, debit_code, credit_code, summary) VALUES
    ('loan_write_off', '5401', '1122', '核销担保代偿款'),
    ('guarantee_recovery_written_off', '1002', '4901', '收回已核销的代偿款'),
    ('subsidy_received', '1002', '2601', '收到财政贴息资金');
