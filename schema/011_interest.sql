-- 011_interest: interest as the rural credit union charges it. Each loan has a day count
-- (计息方式: month = 按月计息, actual360 = 按日计息); schedule rows carry compound interest (复利)
-- on overdue interest beside penalty interest (罚息), and the restart of a period by a prepayment
-- between due dates; repayments carry the compound part and can be reversed (冲正) by a
-- negative record of the same receipt, dated as the repayment, so every sum over repayments
-- returns to what it was; each repayment keeps the schedule rows as they were before it, which a
-- reversal restores exactly.

INSERT INTO parameters (key, value, note) VALUES
    ('penalty_rate_pct', '150', '罚息、复利利率为合同利率的百分之几（150 即合同利率 × 1.5）');

-- Loans made before this version kept whole-month interest: they stay month.
ALTER TABLE loans ADD COLUMN day_count TEXT NOT NULL DEFAULT 'month' CHECK (day_count IN ('month', 'actual360'));

ALTER TABLE loan_schedule ADD COLUMN compound_fen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE loan_schedule ADD COLUMN paid_compound_fen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE loan_schedule ADD COLUMN interest_from TEXT;
ALTER TABLE loan_schedule ADD COLUMN interest_settled_fen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE loan_schedule ADD COLUMN interest_base_fen INTEGER NOT NULL DEFAULT 0;

-- Repayments again, without the table-wide unique receipt number (a reversed receipt may be
-- booked again: servicing.c books a receipt only while no live booking of it exists).
CREATE TABLE repayments_011 (
    id                    INTEGER PRIMARY KEY,
    loan_id               INTEGER NOT NULL REFERENCES loans(id),
    paid_on               TEXT NOT NULL,
    amount_fen            INTEGER NOT NULL,
    receipt_no            TEXT NOT NULL,
    penalty_fen           INTEGER NOT NULL,
    compound_fen          INTEGER NOT NULL DEFAULT 0,
    interest_fen          INTEGER NOT NULL,
    principal_fen         INTEGER NOT NULL,
    prepaid_principal_fen INTEGER NOT NULL DEFAULT 0,
    reverses_id           INTEGER,                 -- a reversal (冲正): the repayment it cancels
    reason                TEXT NOT NULL DEFAULT '', -- why it was reversed
    created_by            INTEGER NOT NULL REFERENCES users(id),
    created_at            TEXT NOT NULL DEFAULT (datetime('now')),
    CHECK ((reverses_id IS NULL AND amount_fen > 0) OR (reverses_id IS NOT NULL AND amount_fen < 0 AND reason <> '')),
    CHECK (penalty_fen + compound_fen + interest_fen + principal_fen = amount_fen)
);
INSERT INTO repayments_011 (id, loan_id, paid_on, amount_fen, receipt_no, penalty_fen, interest_fen, principal_fen,
                            prepaid_principal_fen, created_by, created_at)
    SELECT id, loan_id, paid_on, amount_fen, receipt_no, penalty_fen, interest_fen, principal_fen,
           prepaid_principal_fen, created_by, created_at FROM repayments;
DROP TABLE repayments;
ALTER TABLE repayments_011 RENAME TO repayments;
CREATE INDEX repayments_loan ON repayments(loan_id, paid_on);
CREATE INDEX repayments_receipt ON repayments(receipt_no);
CREATE UNIQUE INDEX repayments_reversal ON repayments(reverses_id) WHERE reverses_id IS NOT NULL;
CREATE TRIGGER repayments_no_update BEFORE UPDATE ON repayments
BEGIN SELECT RAISE(ABORT, 'repayments are append-only'); END;
CREATE TRIGGER repayments_no_delete BEFORE DELETE ON repayments
BEGIN SELECT RAISE(ABORT, 'repayments are append-only'); END;

-- The schedule rows a repayment changed, as they were just before it (repayments booked before
-- this version have none and cannot be reversed automatically).
CREATE TABLE repayment_rows_before (
    repayment_id         INTEGER NOT NULL REFERENCES repayments(id),
    n                    INTEGER NOT NULL,
    principal_fen        INTEGER NOT NULL,
    interest_fen         INTEGER NOT NULL,
    paid_principal_fen   INTEGER NOT NULL,
    paid_interest_fen    INTEGER NOT NULL,
    penalty_fen          INTEGER NOT NULL,
    paid_penalty_fen     INTEGER NOT NULL,
    compound_fen         INTEGER NOT NULL,
    paid_compound_fen    INTEGER NOT NULL,
    penalty_through      TEXT,
    interest_from        TEXT,
    interest_settled_fen INTEGER NOT NULL,
    interest_base_fen    INTEGER NOT NULL,
    settled              INTEGER NOT NULL,
    PRIMARY KEY (repayment_id, n)
) WITHOUT ROWID;
