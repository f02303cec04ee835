-- 053: aid in kind (慰问品, issue 20 part 6): items with a unit value, and distributions to households
-- (item, quantity, the unit value of the day and their product), signed for on the 签领表. A distribution
-- is never changed or deleted; a mistake is reversed by a reversal record with a reason. The goods belong
-- to a relief fund (bought or donated): their value is shown beside the fund's ledger, apart from its cash.
CREATE TABLE aid_items (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    unit       TEXT NOT NULL,                          -- 袋, 桶, 件
    value_fen  INTEGER NOT NULL CHECK (value_fen > 0), -- the value of one unit
    active     INTEGER NOT NULL DEFAULT 1,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL DEFAULT (datetime('now'))
);
INSERT INTO aid_items (name, unit, value_fen) VALUES
    ('复合肥（50公斤）', '袋', 16000),
    ('大米（25公斤）', '袋', 12500),
    ('食用油（5升）', '桶', 7990),
    ('棉衣', '件', 19900);

CREATE TABLE aid_distributions (
    id             INTEGER PRIMARY KEY,
    household_id   INTEGER NOT NULL REFERENCES households(id),
    item_id        INTEGER NOT NULL REFERENCES aid_items(id),
    quantity       INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
    unit_value_fen INTEGER NOT NULL CHECK (unit_value_fen > 0),
    value_fen      INTEGER NOT NULL CHECK (value_fen = quantity * unit_value_fen),
    fund_id        INTEGER NOT NULL REFERENCES relief_funds(id),
    given_on       TEXT NOT NULL,
    occasion       TEXT NOT NULL DEFAULT '',             -- 春节走访慰问
    created_by     INTEGER NOT NULL REFERENCES users(id),
    created_at     TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX aid_distributions_household ON aid_distributions(household_id);
CREATE INDEX aid_distributions_fund ON aid_distributions(fund_id, given_on);
CREATE INDEX aid_distributions_given ON aid_distributions(given_on);
CREATE TRIGGER aid_distributions_no_update BEFORE UPDATE ON aid_distributions
BEGIN SELECT RAISE(ABORT, 'aid_distributions is append-only'); END;
CREATE TRIGGER aid_distributions_no_delete BEFORE DELETE ON aid_distributions
BEGIN SELECT RAISE(ABORT, 'aid_distributions is append-only'); END;

CREATE TABLE aid_reversals (
    id              INTEGER PRIMARY KEY,
    distribution_id INTEGER NOT NULL UNIQUE REFERENCES aid_distributions(id),
    reason          TEXT NOT NULL,
    reversed_on     TEXT NOT NULL,
    reversed_by     INTEGER NOT NULL REFERENCES users(id),
    created_at      TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TRIGGER aid_reversals_no_update BEFORE UPDATE ON aid_reversals
BEGIN SELECT RAISE(ABORT, 'aid_reversals is append-only'); END;
CREATE TRIGGER aid_reversals_no_delete BEFORE DELETE ON aid_reversals
BEGIN SELECT RAISE(ABORT, 'aid_reversals is append-only'); END;
