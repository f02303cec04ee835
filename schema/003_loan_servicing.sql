-- 003_loan_servicing: disbursed loans, their stored schedules, repayments (the back half of the
-- loan programme). Money in fen; rates in millionths of a percent per year.

INSERT INTO parameters (key, value, note) VALUES
    ('claim_dpd', '90', '逾期超过多少天可申请担保代偿');

CREATE TABLE loans (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL UNIQUE REFERENCES loan_applications(id),
    contract_no    TEXT NOT NULL UNIQUE,
    disbursed_on   TEXT NOT NULL,
    principal_fen  INTEGER NOT NULL CHECK (principal_fen > 0),
    rate_micro     INTEGER NOT NULL CHECK (rate_micro BETWEEN 0 AND 24000000),
    method         TEXT NOT NULL,
    term_months    INTEGER NOT NULL CHECK (term_months > 0),
    state          TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'settled', 'compensated')),
    settled_on     TEXT,
    created_by     INTEGER NOT NULL REFERENCES users(id),
    created_at     TEXT NOT NULL DEFAULT (datetime('now'))
);

-- One row per period; paid_* and penalty move as repayments are booked (the repayments table
-- is the append-only record of money received).
CREATE TABLE loan_schedule (
    loan_id            INTEGER NOT NULL REFERENCES loans(id),
    n                  INTEGER NOT NULL,
    due_on             TEXT NOT NULL,
    principal_fen      INTEGER NOT NULL CHECK (principal_fen >= 0),
    interest_fen       INTEGER NOT NULL CHECK (interest_fen >= 0),
    paid_principal_fen INTEGER NOT NULL DEFAULT 0,
    paid_interest_fen  INTEGER NOT NULL DEFAULT 0,
    penalty_fen        INTEGER NOT NULL DEFAULT 0,
    paid_penalty_fen   INTEGER NOT NULL DEFAULT 0,
    penalty_through    TEXT,
    settled            INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (loan_id, n)
) WITHOUT ROWID;
-- Due and overdue lists read only unpaid rows: a partial covering index on them.
CREATE INDEX loan_schedule_unpaid ON loan_schedule(due_on, loan_id, principal_fen, paid_principal_fen, interest_fen,
                                                   paid_interest_fen) WHERE settled = 0;

CREATE TABLE repayments (
    id                    INTEGER PRIMARY KEY,
    loan_id               INTEGER NOT NULL REFERENCES loans(id),
    paid_on               TEXT NOT NULL,
    amount_fen            INTEGER NOT NULL CHECK (amount_fen > 0),
    receipt_no            TEXT NOT NULL UNIQUE,   -- the credit union's receipt: never booked twice
    penalty_fen           INTEGER NOT NULL,
    interest_fen          INTEGER NOT NULL,
    principal_fen         INTEGER NOT NULL,
    prepaid_principal_fen INTEGER NOT NULL DEFAULT 0,
    created_by            INTEGER NOT NULL REFERENCES users(id),
    created_at            TEXT NOT NULL DEFAULT (datetime('now')),
    CHECK (penalty_fen + interest_fen + principal_fen = amount_fen)
);
CREATE INDEX repayments_loan ON repayments(loan_id, paid_on);
CREATE TRIGGER repayments_no_update BEFORE UPDATE ON repayments
BEGIN SELECT RAISE(ABORT, 'repayments are append-only'); END;
CREATE TRIGGER repayments_no_delete BEFORE DELETE ON repayments
BEGIN SELECT RAISE(ABORT, 'repayments are append-only'); END;

-- Eligibility now asks servicing.c (it knows the server's date); the placeholder view goes.
DROP VIEW IF EXISTS loan_blockers;
