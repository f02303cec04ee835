-- 035_loan_lifecycle: the rest of a loan's life after disbursement (issue 19): extension (展期) with
-- the schedule it replaced kept, write-off (核销) of a guarantee payout that could not be recovered
-- (maker-checker), and the yearly credit rating (信用户评定) of households.

INSERT INTO parameters (key, value, note) VALUES
    ('extension_needs_approval', '1', '展期须经协会另一名工作人员审批（1 是，0 否：登记即生效）'),
    ('write_off_after_days', '180', '代偿后满多少天，未追回的部分可以核销');

-- An extension: asked for (pending), approved (the new schedule stands), refused, or reversed
-- (冲正, the old schedule restored). The new terms are kept with it; the replaced rows are below.
CREATE TABLE loan_extensions (
    id            INTEGER PRIMARY KEY,
    loan_id       INTEGER NOT NULL REFERENCES loans(id),
    on_date       TEXT NOT NULL CHECK (date(on_date) = on_date),
    months        INTEGER NOT NULL CHECK (months BETWEEN 1 AND 360),
    rate_micro    INTEGER NOT NULL CHECK (rate_micro BETWEEN 0 AND 24000000),
    method        TEXT NOT NULL,
    reason        TEXT NOT NULL CHECK (reason <> ''),
    state         TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'refused', 'reversed')),
    first_n       INTEGER NOT NULL DEFAULT 0,      -- the first schedule row it replaced (0 while pending)
    old_term      INTEGER NOT NULL DEFAULT 0,      -- the loan's term and method before it
    old_method    TEXT NOT NULL DEFAULT '',
    old_rate_micro INTEGER NOT NULL DEFAULT 0,
    old_extended_on TEXT,
    requested_by  INTEGER NOT NULL REFERENCES users(id),
    requested_at  TEXT NOT NULL DEFAULT (datetime('now')),
    decided_by    INTEGER REFERENCES users(id),
    decided_at    TEXT,
    decision_note TEXT NOT NULL DEFAULT '',
    reversed_by   INTEGER REFERENCES users(id),
    reversed_at   TEXT,
    reverse_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX loan_extensions_loan ON loan_extensions(loan_id, state);
CREATE UNIQUE INDEX loan_extensions_one_pending ON loan_extensions(loan_id) WHERE state = 'pending';

-- The schedule rows an approved extension replaced, as they were (superseded, 已被展期取代).
CREATE TABLE loan_schedule_superseded (
    extension_id       INTEGER NOT NULL REFERENCES loan_extensions(id),
    n                  INTEGER NOT NULL,
    due_on             TEXT NOT NULL,
    principal_fen      INTEGER NOT NULL,
    interest_fen       INTEGER NOT NULL,
    paid_principal_fen INTEGER NOT NULL,
    paid_interest_fen  INTEGER NOT NULL,
    penalty_fen        INTEGER NOT NULL,
    paid_penalty_fen   INTEGER NOT NULL,
    compound_fen       INTEGER NOT NULL,
    paid_compound_fen  INTEGER NOT NULL,
    penalty_through    TEXT,
    interest_from      TEXT,
    interest_settled_fen INTEGER NOT NULL,
    interest_base_fen  INTEGER NOT NULL,
    settled            INTEGER NOT NULL,
    PRIMARY KEY (extension_id, n)
) WITHOUT ROWID;

-- A write-off (核销) of what the guarantee fund paid out for a loan and has not recovered: asked
-- for by one person, approved (or refused) by another. The amount is fixed when it is asked for.
CREATE TABLE loan_write_offs (
    id           INTEGER PRIMARY KEY,
    loan_id      INTEGER NOT NULL REFERENCES loans(id),
    on_date      TEXT NOT NULL CHECK (date(on_date) = on_date),
    amount_fen   INTEGER NOT NULL CHECK (amount_fen > 0),
    reason       TEXT NOT NULL CHECK (reason <> ''),
    state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'refused')),
    requested_by INTEGER NOT NULL REFERENCES users(id),
    requested_at TEXT NOT NULL DEFAULT (datetime('now')),
    decided_by   INTEGER REFERENCES users(id),
    decided_at   TEXT,
    decision_note TEXT NOT NULL DEFAULT '',
    CHECK (decided_by IS NULL OR decided_by <> requested_by)
);
CREATE UNIQUE INDEX loan_write_offs_one ON loan_write_offs(loan_id) WHERE state IN ('pending', 'approved');

-- Credit ratings (信用户评定): one household, one year, a grade and its reason; every rating is
-- kept (the latest of a year is the household's rating for that year).
CREATE TABLE household_ratings (
    id           INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households(id),
    year         INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    grade        TEXT NOT NULL CHECK (grade IN ('优秀', '较好', '一般', '差')),
    reason       TEXT NOT NULL CHECK (reason <> ''),
    rated_by     INTEGER NOT NULL REFERENCES users(id),
    rated_at     TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX household_ratings_household ON household_ratings(household_id, year, id);
CREATE TRIGGER household_ratings_no_update BEFORE UPDATE ON household_ratings
BEGIN SELECT RAISE(ABORT, 'household_ratings are append-only'); END;
CREATE TRIGGER household_ratings_no_delete BEFORE DELETE ON household_ratings
BEGIN SELECT RAISE(ABORT, 'household_ratings are append-only'); END;
