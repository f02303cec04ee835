-- 047: paying a roll through the credit union (issue 20, part 5). The bank's return file pays rows;
-- each import debits the programme's fund once for the rows it paid (kind 'programme', pointing at
-- the roll), and each paid row points at that entry. SQLite cannot widen a CHECK, so the ledger is
-- copied into a table with the new kind and renamed (its only reference is to itself; the copy's
-- reverses_id names the new table, which the rename carries over).
CREATE TABLE relief_fund_entries_047 (
    id                INTEGER PRIMARY KEY,
    fund_id           INTEGER NOT NULL REFERENCES relief_funds(id),
    kind              TEXT NOT NULL CHECK (kind IN ('income', 'disbursement', 'reversal', 'programme')),
    source            TEXT CHECK (source IN ('district', 'township', 'donation', 'other')),
    amount_fen        INTEGER NOT NULL CHECK (amount_fen <> 0),
    balance_after_fen INTEGER NOT NULL CHECK (balance_after_fen >= 0),
    on_date           TEXT NOT NULL,
    document_no       TEXT NOT NULL DEFAULT '',
    note              TEXT NOT NULL DEFAULT '',
    payment_id        INTEGER UNIQUE REFERENCES relief_payments(id),
    reverses_id       INTEGER UNIQUE REFERENCES relief_fund_entries_047(id),
    created_by        INTEGER REFERENCES users(id),
    created_at        TEXT NOT NULL DEFAULT (datetime('now')),
    roll_id           INTEGER REFERENCES rolls(id),
    CHECK (kind <> 'income' OR source IS NOT NULL),
    CHECK (kind <> 'disbursement' OR source IS NULL),
    CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL)),
    CHECK (kind <> 'disbursement' OR (payment_id IS NOT NULL AND amount_fen < 0)),
    CHECK (kind <> 'income' OR amount_fen > 0),
    CHECK ((kind = 'programme') = (roll_id IS NOT NULL)),
    CHECK (kind <> 'programme' OR (amount_fen < 0 AND source IS NULL AND payment_id IS NULL))
);
INSERT INTO relief_fund_entries_047 (id, fund_id, kind, source, amount_fen, balance_after_fen, on_date, document_no,
                                     note, payment_id, reverses_id, created_by, created_at)
    SELECT id, fund_id, kind, source, amount_fen, balance_after_fen, on_date, document_no, note, payment_id,
           reverses_id, created_by, created_at FROM relief_fund_entries ORDER BY id;
DROP TABLE relief_fund_entries;
ALTER TABLE relief_fund_entries_047 RENAME TO relief_fund_entries;
CREATE INDEX relief_fund_entries_fund ON relief_fund_entries(fund_id, id);
CREATE INDEX relief_fund_entries_roll ON relief_fund_entries(roll_id) WHERE roll_id IS NOT NULL;
CREATE TRIGGER relief_fund_entries_no_update BEFORE UPDATE ON relief_fund_entries
BEGIN SELECT RAISE(ABORT, 'relief_fund_entries is append-only'); END;
CREATE TRIGGER relief_fund_entries_no_delete BEFORE DELETE ON relief_fund_entries
BEGIN SELECT RAISE(ABORT, 'relief_fund_entries is append-only'); END;

-- A paid row points at the fund entry of the import that paid it.
ALTER TABLE roll_rows ADD COLUMN fund_entry_id INTEGER REFERENCES relief_fund_entries(id);
-- Each import of a bank's return file: what it paid and refused, by whom (the file itself is not kept).
CREATE TABLE bank_returns (
    id          INTEGER PRIMARY KEY,
    roll_id     INTEGER NOT NULL REFERENCES rolls(id),
    rows        INTEGER NOT NULL,
    paid        INTEGER NOT NULL,
    paid_fen    INTEGER NOT NULL,
    failed      INTEGER NOT NULL,
    already     INTEGER NOT NULL,
    entry_id    INTEGER REFERENCES relief_fund_entries(id),
    imported_by INTEGER NOT NULL REFERENCES users(id),
    imported_on TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX bank_returns_roll ON bank_returns(roll_id, id);
