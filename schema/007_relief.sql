-- 007_relief: the hardship relief fund (救助): funds and their append-only ledger, relief
-- categories with effective-dated amounts, applications and batches, public notices (公示) with
-- objections (异议), payments and their receipts (领款凭证).

CREATE TABLE relief_funds (
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL UNIQUE,
    active INTEGER NOT NULL DEFAULT 1
);
INSERT INTO relief_funds (name) VALUES ('人口和计划生育公益金');

-- The ledger: income (by source), disbursements (one per payment), reversals (a correction or a
-- voided receipt: the opposite amount, pointing at the entry it reverses). balance_after_fen is
-- the fund's balance after this entry; it can never be negative.
CREATE TABLE relief_fund_entries (
    id                INTEGER PRIMARY KEY,
    fund_id           INTEGER NOT NULL REFERENCES relief_funds(id),
    kind              TEXT NOT NULL CHECK (kind IN ('income', 'disbursement', 'reversal')),
    source            TEXT CHECK (source IN ('district', 'township', 'donation', 'other')),
    amount_fen        INTEGER NOT NULL CHECK (amount_fen <> 0),
    balance_after_fen INTEGER NOT NULL CHECK (balance_after_fen >= 0),
    on_date           TEXT NOT NULL,
    document_no       TEXT NOT NULL DEFAULT '',
    note              TEXT NOT NULL DEFAULT '',
    payment_id        INTEGER UNIQUE REFERENCES relief_payments(id),
    reverses_id       INTEGER UNIQUE REFERENCES relief_fund_entries(id),
    created_by        INTEGER REFERENCES users(id),
    created_at        TEXT NOT NULL DEFAULT (datetime('now')),
    CHECK (kind <> 'income' OR source IS NOT NULL),
    CHECK (kind <> 'disbursement' OR source IS NULL),
    CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL)),
    CHECK (kind <> 'disbursement' OR (payment_id IS NOT NULL AND amount_fen < 0)),
    CHECK (kind <> 'income' OR amount_fen > 0)
);
CREATE INDEX relief_fund_entries_fund ON relief_fund_entries(fund_id, id);
CREATE TRIGGER relief_fund_entries_no_update BEFORE UPDATE ON relief_fund_entries
BEGIN SELECT RAISE(ABORT, 'relief_fund_entries is append-only'); END;
CREATE TRIGGER relief_fund_entries_no_delete BEFORE DELETE ON relief_fund_entries
BEGIN SELECT RAISE(ABORT, 'relief_fund_entries is append-only'); END;

-- Categories. amount_kind: 'standard' (a fixed amount per household) or 'case' (by case,
-- between min and max). any_household: every registered family-planning household is eligible;
-- otherwise those with one of relief_category_eligible's household categories. public_name: the
-- name shown to the public for sensitive categories (计生特殊家庭).
CREATE TABLE relief_categories (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL UNIQUE,
    amount_kind   TEXT NOT NULL CHECK (amount_kind IN ('standard', 'case')),
    any_household INTEGER NOT NULL DEFAULT 0,
    batch         INTEGER NOT NULL DEFAULT 0,   -- paid in batches (春节, 双千, 奖励)
    per_year      INTEGER NOT NULL DEFAULT 1 CHECK (per_year >= 1), -- times per household per year
    sensitive     INTEGER NOT NULL DEFAULT 0,
    public_name   TEXT NOT NULL DEFAULT '',
    active        INTEGER NOT NULL DEFAULT 1,
    sort          INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE relief_category_eligible (
    category_id   INTEGER NOT NULL REFERENCES relief_categories(id),
    household_cat TEXT NOT NULL REFERENCES household_categories(code),
    PRIMARY KEY (category_id, household_cat)
) WITHOUT ROWID;
-- Amounts with the date from which they apply; the row in force on an application's date wins.
-- A standard category has min = max = the standard amount.
CREATE TABLE relief_category_amounts (
    id             INTEGER PRIMARY KEY,
    category_id    INTEGER NOT NULL REFERENCES relief_categories(id),
    effective_from TEXT NOT NULL,
    min_fen        INTEGER NOT NULL CHECK (min_fen > 0),
    max_fen        INTEGER NOT NULL CHECK (max_fen >= min_fen),
    created_by     INTEGER REFERENCES users(id),
    created_at     TEXT NOT NULL DEFAULT (datetime('now')),
    UNIQUE (category_id, effective_from)
);

INSERT INTO relief_categories (id, code, name, amount_kind, any_household, batch, sensitive, public_name, sort) VALUES
    (1, 'lost_child', '独生子女死亡家庭扶助', 'standard', 0, 0, 1, '生育关怀扶助', 1),
    (2, 'disabled_child', '独生子女伤残家庭扶助', 'standard', 0, 0, 1, '生育关怀扶助', 2),
    (3, 'serious_illness', '大病救助', 'case', 0, 0, 0, '', 3),
    (4, 'birth_defect', '出生缺陷干预', 'case', 1, 0, 0, '', 4),
    (5, 'only_daughter_health', '独女户健康守护', 'standard', 0, 0, 0, '', 5),
    (6, 'surgery_complication', '节育手术并发症治疗', 'case', 1, 0, 0, '', 6),
    (7, 'fertility_aid', '爱心助孕', 'case', 1, 0, 0, '', 7),
    (8, 'grassroots_worker', '基层计生工作者关怀', 'case', 1, 0, 0, '', 8),
    (9, 'spring_festival', '春节走访慰问', 'standard', 0, 1, 0, '', 9),
    (10, 'double_thousand', '双千帮扶', 'case', 0, 1, 0, '', 10),
    (11, 'daughters_reward', '独女户/双女绝育户奖励', 'standard', 0, 1, 0, '', 11);
INSERT INTO relief_category_eligible (category_id, household_cat) VALUES
    (1, 'special_lost'), (2, 'special_disabled'), (3, 'one_child'), (3, 'two_daughters'),
    (5, 'only_daughter'), (9, 'hardship'), (9, 'special_lost'), (9, 'special_disabled'),
    (10, 'hardship'), (11, 'only_daughter'), (11, 'two_daughters_sterilised');
INSERT INTO relief_category_amounts (category_id, effective_from, min_fen, max_fen) VALUES
    (1, '2020-01-01', 300000, 300000),
    (2, '2020-01-01', 200000, 200000),
    (3, '2020-01-01', 50000, 2000000),
    (4, '2020-01-01', 50000, 1000000),
    (5, '2020-01-01', 50000, 50000),
    (6, '2020-01-01', 50000, 1000000),
    (7, '2020-01-01', 100000, 1000000),
    (8, '2020-01-01', 20000, 500000),
    (9, '2020-01-01', 50000, 50000),
    (10, '2020-01-01', 100000, 500000),
    (11, '2020-01-01', 60000, 60000);

CREATE TABLE relief_batches (
    id          INTEGER PRIMARY KEY,
    category_id INTEGER NOT NULL REFERENCES relief_categories(id),
    unit_id     INTEGER NOT NULL REFERENCES units(id),  -- the township or village it covers
    amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),
    title       TEXT NOT NULL,
    created_by  INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL DEFAULT (datetime('now'))
);

-- Public notices (公示): what was published is frozen in notice_items (masked values as shown).
CREATE TABLE notices (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('loan', 'relief')),
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    title       TEXT NOT NULL,
    period_from TEXT,                 -- loan notices: the approvals listed
    period_to   TEXT,
    starts_on   TEXT NOT NULL,
    ends_on     TEXT NOT NULL,
    office      TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    replaces_id INTEGER REFERENCES notices(id),
    created_by  INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX notices_unit ON notices(unit_id, starts_on);
CREATE TABLE notice_items (
    id             INTEGER PRIMARY KEY,
    notice_id      INTEGER NOT NULL REFERENCES notices(id),
    n              INTEGER NOT NULL,          -- row number as printed
    relief_id      INTEGER REFERENCES relief_applications(id),
    loan_app_id    INTEGER REFERENCES loan_applications(id),
    masked_name    TEXT NOT NULL,
    village        TEXT NOT NULL,
    label          TEXT NOT NULL,             -- category (public name) or project
    amount_fen     INTEGER NOT NULL,
    term_months    INTEGER,
    UNIQUE (notice_id, n)
);
CREATE INDEX notice_items_relief ON notice_items(relief_id);
CREATE TRIGGER notices_frozen BEFORE UPDATE ON notices
BEGIN SELECT RAISE(ABORT, 'a published notice is frozen'); END;
CREATE TRIGGER notice_items_frozen BEFORE UPDATE ON notice_items
BEGIN SELECT RAISE(ABORT, 'a published notice is frozen'); END;
CREATE TRIGGER notice_items_no_delete BEFORE DELETE ON notice_items
BEGIN SELECT RAISE(ABORT, 'a published notice is frozen'); END;

CREATE TABLE objections (
    id          INTEGER PRIMARY KEY,
    notice_id   INTEGER NOT NULL REFERENCES notices(id),
    item_id     INTEGER REFERENCES notice_items(id),  -- NULL: the whole notice
    text        TEXT NOT NULL,
    contact     TEXT NOT NULL DEFAULT '',
    client      TEXT NOT NULL DEFAULT '',     -- the filer's address, for rate limiting only
    filed_at    TEXT NOT NULL DEFAULT (datetime('now')),
    state       TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'upheld', 'dismissed')),
    resolution  TEXT NOT NULL DEFAULT '',
    resolved_by INTEGER REFERENCES users(id),
    resolved_at TEXT
);
CREATE INDEX objections_notice ON objections(notice_id, state);
CREATE INDEX objections_client ON objections(client, filed_at);

CREATE TABLE relief_applications (
    id            INTEGER PRIMARY KEY,
    household_id  INTEGER NOT NULL REFERENCES households(id),
    category_id   INTEGER NOT NULL REFERENCES relief_categories(id),
    batch_id      INTEGER REFERENCES relief_batches(id),
    amount_fen    INTEGER NOT NULL CHECK (amount_fen > 0),
    reason        TEXT NOT NULL DEFAULT '',
    state         TEXT NOT NULL CHECK (state IN ('applied', 'verified', 'reviewed', 'in_notice', 'approved',
                                                  'paid', 'rejected')),
    applied_on    TEXT NOT NULL,
    year          INTEGER NOT NULL,
    created_by    INTEGER REFERENCES users(id),
    verified_by   INTEGER REFERENCES users(id),
    verified_on   TEXT,
    reviewed_by   INTEGER REFERENCES users(id),
    reviewed_on   TEXT,
    notice_id     INTEGER REFERENCES notices(id),
    approved_by   INTEGER REFERENCES users(id),
    approved_on   TEXT,
    rejected_by   INTEGER REFERENCES users(id),
    rejected_on   TEXT,
    reject_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX relief_applications_household ON relief_applications(household_id, category_id, year);
CREATE INDEX relief_applications_state ON relief_applications(state, category_id);
CREATE INDEX relief_applications_batch ON relief_applications(batch_id);

-- Payments: one receipt each, numbered per township per year without gaps (seq). Never deleted
-- or changed; voids and reprints are events.
CREATE TABLE relief_payments (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES relief_applications(id),
    fund_id        INTEGER NOT NULL REFERENCES relief_funds(id),
    township_id    INTEGER NOT NULL REFERENCES units(id),
    year           INTEGER NOT NULL,
    seq            INTEGER NOT NULL CHECK (seq >= 1),
    receipt_no     TEXT NOT NULL UNIQUE,
    amount_fen     INTEGER NOT NULL CHECK (amount_fen > 0),
    paid_on        TEXT NOT NULL,
    method         TEXT NOT NULL CHECK (method IN ('cash', 'bank')),
    handler_id     INTEGER NOT NULL REFERENCES users(id),
    created_at     TEXT NOT NULL DEFAULT (datetime('now')),
    UNIQUE (township_id, year, seq)
);
CREATE INDEX relief_payments_application ON relief_payments(application_id);
CREATE TRIGGER relief_payments_no_update BEFORE UPDATE ON relief_payments
BEGIN SELECT RAISE(ABORT, 'relief_payments is append-only'); END;
CREATE TRIGGER relief_payments_no_delete BEFORE DELETE ON relief_payments
BEGIN SELECT RAISE(ABORT, 'relief_payments is append-only'); END;

CREATE TABLE receipt_events (
    id         INTEGER PRIMARY KEY,
    payment_id INTEGER NOT NULL REFERENCES relief_payments(id),
    kind       TEXT NOT NULL CHECK (kind IN ('void', 'reprint')),
    reason     TEXT NOT NULL,
    user_id    INTEGER REFERENCES users(id),
    at         TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE UNIQUE INDEX receipt_events_one_void ON receipt_events(payment_id) WHERE kind = 'void';
CREATE INDEX receipt_events_payment ON receipt_events(payment_id, id);
CREATE TRIGGER receipt_events_no_update BEFORE UPDATE ON receipt_events
BEGIN SELECT RAISE(ABORT, 'receipt_events is append-only'); END;
CREATE TRIGGER receipt_events_no_delete BEFORE DELETE ON receipt_events
BEGIN SELECT RAISE(ABORT, 'receipt_events is append-only'); END;

INSERT INTO parameters (key, value, note) VALUES
    ('notice_days', '7', '公示期（天）'),
    ('notice_office', '镇计划生育协会办公室', '公示异议受理地点'),
    ('relief_payer', '计划生育协会', '领款凭证上的付款单位');
