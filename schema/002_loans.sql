-- 002_loans: the front half of the loan programme (计生信贷助富): applications, documents,
-- joint review rounds, the working-day calendar, the guarantee fund and guarantees.

INSERT INTO parameters (key, value, note) VALUES
    ('review_working_days', '10', '联合评审时限（工作日）'),
    ('guarantee_leverage', '5', '担保放大倍数：在保余额不得超过担保基金余额 × 此倍数'),
    ('guarantee_coverage_pct', '100', '默认担保比例（%）'),
    ('loan_min_fen', '2000000', '贷款金额下限（分）'),
    ('loan_max_fen', '20000000', '贷款金额上限（分）'),
    ('loan_min_months', '6', '贷款期限下限（月）'),
    ('loan_max_months', '36', '贷款期限上限（月）');

-- Official public holidays ('off') and adjusted working weekend days ('work', 调休), from the
-- State Council's yearly notices; the admin enters later years when they are published.
CREATE TABLE holidays (
    day  TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('off', 'work')),
    name TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO holidays (day, kind, name) VALUES
    ('2025-01-01', 'off', '元旦'),
    ('2025-01-26', 'work', '春节调休上班'),
    ('2025-01-28', 'off', '春节'),
    ('2025-01-29', 'off', '春节'),
    ('2025-01-30', 'off', '春节'),
    ('2025-01-31', 'off', '春节'),
    ('2025-02-01', 'off', '春节'),
    ('2025-02-02', 'off', '春节'),
    ('2025-02-03', 'off', '春节'),
    ('2025-02-04', 'off', '春节'),
    ('2025-02-08', 'work', '春节调休上班'),
    ('2025-04-04', 'off', '清明节'),
    ('2025-04-05', 'off', '清明节'),
    ('2025-04-06', 'off', '清明节'),
    ('2025-04-27', 'work', '劳动节调休上班'),
    ('2025-05-01', 'off', '劳动节'),
    ('2025-05-02', 'off', '劳动节'),
    ('2025-05-03', 'off', '劳动节'),
    ('2025-05-04', 'off', '劳动节'),
    ('2025-05-05', 'off', '劳动节'),
    ('2025-05-31', 'off', '端午节'),
    ('2025-06-01', 'off', '端午节'),
    ('2025-06-02', 'off', '端午节'),
    ('2025-09-28', 'work', '国庆节调休上班'),
    ('2025-10-01', 'off', '国庆节、中秋节'),
    ('2025-10-02', 'off', '国庆节、中秋节'),
    ('2025-10-03', 'off', '国庆节、中秋节'),
    ('2025-10-04', 'off', '国庆节、中秋节'),
    ('2025-10-05', 'off', '国庆节、中秋节'),
    ('2025-10-06', 'off', '国庆节、中秋节'),
    ('2025-10-07', 'off', '国庆节、中秋节'),
    ('2025-10-08', 'off', '国庆节、中秋节'),
    ('2025-10-11', 'work', '国庆节调休上班'),
    ('2026-01-01', 'off', '元旦'),
    ('2026-01-02', 'off', '元旦'),
    ('2026-01-03', 'off', '元旦'),
    ('2026-01-04', 'work', '元旦调休上班'),
    ('2026-02-14', 'work', '春节调休上班'),
    ('2026-02-15', 'off', '春节'),
    ('2026-02-16', 'off', '春节'),
    ('2026-02-17', 'off', '春节'),
    ('2026-02-18', 'off', '春节'),
    ('2026-02-19', 'off', '春节'),
    ('2026-02-20', 'off', '春节'),
    ('2026-02-21', 'off', '春节'),
    ('2026-02-22', 'off', '春节'),
    ('2026-02-23', 'off', '春节'),
    ('2026-02-28', 'work', '春节调休上班'),
    ('2026-04-04', 'off', '清明节'),
    ('2026-04-05', 'off', '清明节'),
    ('2026-04-06', 'off', '清明节'),
    ('2026-05-01', 'off', '劳动节'),
    ('2026-05-02', 'off', '劳动节'),
    ('2026-05-03', 'off', '劳动节'),
    ('2026-05-04', 'off', '劳动节'),
    ('2026-05-05', 'off', '劳动节'),
    ('2026-05-09', 'work', '劳动节调休上班'),
    ('2026-06-19', 'off', '端午节'),
    ('2026-06-20', 'off', '端午节'),
    ('2026-06-21', 'off', '端午节'),
    ('2026-09-20', 'work', '国庆节调休上班'),
    ('2026-09-25', 'off', '中秋节'),
    ('2026-09-26', 'off', '中秋节'),
    ('2026-09-27', 'off', '中秋节'),
    ('2026-10-01', 'off', '国庆节'),
    ('2026-10-02', 'off', '国庆节'),
    ('2026-10-03', 'off', '国庆节'),
    ('2026-10-04', 'off', '国庆节'),
    ('2026-10-05', 'off', '国庆节'),
    ('2026-10-06', 'off', '国庆节'),
    ('2026-10-07', 'off', '国庆节'),
    ('2026-10-10', 'work', '国庆节调休上班');

CREATE TABLE loan_applications (
    id                  INTEGER PRIMARY KEY,
    household_id        INTEGER NOT NULL REFERENCES households(id),
    state               TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'in_review', 'more_info',
                            'approved', 'rejected', 'guaranteed', 'disbursed', 'withdrawn')),
    amount_fen          INTEGER NOT NULL CHECK (amount_fen > 0),
    term_months         INTEGER NOT NULL CHECK (term_months > 0),
    project_type        TEXT NOT NULL,
    project_name        TEXT NOT NULL,
    business_plan_md    TEXT NOT NULL DEFAULT '',
    expected_jobs       INTEGER NOT NULL DEFAULT 0,
    expected_income_fen INTEGER NOT NULL DEFAULT 0,
    handler_id          INTEGER NOT NULL REFERENCES users(id),   -- A角: whoever registered it
    backup_handler_id   INTEGER REFERENCES users(id),            -- B角
    round               INTEGER NOT NULL DEFAULT 0,              -- review round; 0 = never submitted
    submitted_on        TEXT,
    review_due_on       TEXT,
    decided_on          TEXT,
    created_at          TEXT NOT NULL DEFAULT (datetime('now')),
    updated_at          TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX loan_applications_household ON loan_applications(household_id);
CREATE INDEX loan_applications_state ON loan_applications(state, review_due_on);

CREATE TABLE loan_documents (
    application_id INTEGER NOT NULL REFERENCES loan_applications(id),
    doc            TEXT NOT NULL,
    received       INTEGER NOT NULL DEFAULT 0 CHECK (received IN (0, 1)),
    PRIMARY KEY (application_id, doc)
) WITHOUT ROWID;

-- The departments that must give an opinion in each round (fixed when the round starts).
CREATE TABLE loan_round_departments (
    application_id INTEGER NOT NULL REFERENCES loan_applications(id),
    round          INTEGER NOT NULL,
    department_id  INTEGER NOT NULL REFERENCES departments(id),
    PRIMARY KEY (application_id, round, department_id)
) WITHOUT ROWID;

CREATE TABLE loan_reviews (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES loan_applications(id),
    round          INTEGER NOT NULL,
    department_id  INTEGER NOT NULL REFERENCES departments(id),
    reviewer_id    INTEGER NOT NULL REFERENCES users(id),
    decision       TEXT NOT NULL CHECK (decision IN ('approve', 'reject', 'more_info')),
    comment        TEXT NOT NULL DEFAULT '',
    at             TEXT NOT NULL DEFAULT (datetime('now')),
    UNIQUE (application_id, round, department_id)   -- one opinion per department per round
);

-- The guarantee fund's ledger: append-only; the balance is the sum.
CREATE TABLE guarantee_fund_entries (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('income', 'adjustment', 'payout', 'recovery')),
    amount_fen  INTEGER NOT NULL,    -- signed: payouts negative
    on_date     TEXT NOT NULL,
    document_no TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    loan_id     INTEGER,
    created_by  INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TRIGGER guarantee_fund_no_update BEFORE UPDATE ON guarantee_fund_entries
BEGIN SELECT RAISE(ABORT, 'guarantee_fund_entries is append-only'); END;
CREATE TRIGGER guarantee_fund_no_delete BEFORE DELETE ON guarantee_fund_entries
BEGIN SELECT RAISE(ABORT, 'guarantee_fund_entries is append-only'); END;

CREATE TABLE guarantees (
    id                  INTEGER PRIMARY KEY,
    application_id      INTEGER NOT NULL UNIQUE REFERENCES loan_applications(id),
    letter_no           TEXT NOT NULL UNIQUE,          -- 担保推荐函 number, e.g. 西集担〔2026〕003号
    coverage_pct        INTEGER NOT NULL CHECK (coverage_pct BETWEEN 1 AND 100),
    guaranteed_fen      INTEGER NOT NULL,              -- amount × coverage at the time it was given
    balance_at_time_fen INTEGER NOT NULL,              -- fund balance then (for bangfu check)
    outstanding_at_time_fen INTEGER NOT NULL,          -- guaranteed outstanding before this one
    leverage            INTEGER NOT NULL,
    pledged_asset       TEXT NOT NULL DEFAULT '',
    active              INTEGER NOT NULL DEFAULT 1,    -- 0 once the loan is repaid or paid out
    created_by          INTEGER NOT NULL REFERENCES users(id),
    created_at          TEXT NOT NULL DEFAULT (datetime('now'))
);

CREATE TABLE counter_guarantors (
    id           INTEGER PRIMARY KEY,
    guarantee_id INTEGER NOT NULL REFERENCES guarantees(id),
    name         TEXT NOT NULL,
    id_number    TEXT NOT NULL,
    relation     TEXT NOT NULL,
    income_fen   INTEGER NOT NULL DEFAULT 0
);

-- Households that may not apply: a programme loan overdue or in default. Empty until the loans
-- themselves exist (004 replaces this view).
CREATE VIEW loan_blockers AS SELECT NULL AS household_id WHERE 0;
