-- 046: programmes (扶助项目) the administrator defines, and their yearly rolls (资格确认名册), issue 20.
-- A programme pays a person or a household once, every year or every month, an amount that changes
-- from dates, from one relief fund, to those its rules admit: household categories (any of, with
-- the nesting of docs/domain.md), age on a reference day of the year, sex, hukou, relation to the
-- head, alive and resident on that day.
CREATE TABLE programmes (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE,
    beneficiary    TEXT NOT NULL CHECK (beneficiary IN ('person', 'household')),
    period         TEXT NOT NULL CHECK (period IN ('once', 'year', 'month')),
    fund_id        INTEGER NOT NULL REFERENCES relief_funds(id),
    categories     TEXT NOT NULL DEFAULT '[]',  -- JSON array of category codes; [] = any household
    min_age        INTEGER CHECK (min_age BETWEEN 0 AND 150),
    max_age        INTEGER CHECK (max_age BETWEEN 0 AND 150),
    age_on         TEXT NOT NULL DEFAULT '12-31', -- MM-DD: the reference day of the roll's year
    sex            TEXT CHECK (sex IN ('M', 'F')),
    hukou          TEXT CHECK (hukou IN ('rural', 'urban')),
    relations      TEXT,                          -- JSON array of relations to the head; NULL = any
    alive_resident INTEGER NOT NULL DEFAULT 1 CHECK (alive_resident IN (0, 1)),
    active         INTEGER NOT NULL DEFAULT 1,
    created_by     INTEGER REFERENCES users(id),
    created_at     TEXT NOT NULL DEFAULT (datetime('now'))
);
-- Amounts with the day from which they apply; a roll takes the one in force on its reference day.
CREATE TABLE programme_amounts (
    id             INTEGER PRIMARY KEY,
    programme_id   INTEGER NOT NULL REFERENCES programmes(id),
    effective_from TEXT NOT NULL,
    amount_fen     INTEGER NOT NULL CHECK (amount_fen > 0),
    created_by     INTEGER REFERENCES users(id),
    created_at     TEXT NOT NULL DEFAULT (datetime('now')),
    UNIQUE (programme_id, effective_from)
);

-- A roll: one programme, one unit (township or village), one year. draft → in_notice → approved.
CREATE TABLE rolls (
    id           INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES programmes(id),
    unit_id      INTEGER NOT NULL REFERENCES units(id),
    year         INTEGER NOT NULL,
    ref_date     TEXT NOT NULL,
    amount_fen   INTEGER NOT NULL CHECK (amount_fen > 0), -- each row's amount for the year
    state        TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'in_notice', 'approved')),
    notice_id    INTEGER REFERENCES notices(id),
    approved_by  INTEGER REFERENCES users(id),
    approved_on  TEXT,
    created_by   INTEGER REFERENCES users(id),
    created_at   TEXT NOT NULL DEFAULT (datetime('now')),
    UNIQUE (programme_id, unit_id, year)
);
CREATE INDEX rolls_notice ON rolls(notice_id);
-- Its rows: a person (member_id) or a household (member_id NULL). new/continued (computed),
-- added (by staff, with a reason), excluded (with the rule it fails), removed (by staff or an
-- upheld objection, with the reason). Payment: pending → paid, or failed with the bank's reason.
CREATE TABLE roll_rows (
    id           INTEGER PRIMARY KEY,
    roll_id      INTEGER NOT NULL REFERENCES rolls(id),
    household_id INTEGER NOT NULL REFERENCES households(id),
    member_id    INTEGER REFERENCES members(id),
    status       TEXT NOT NULL CHECK (status IN ('new', 'continued', 'added', 'excluded', 'removed')),
    reason       TEXT NOT NULL DEFAULT '',
    amount_fen   INTEGER NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
    pay_state    TEXT NOT NULL DEFAULT 'pending' CHECK (pay_state IN ('pending', 'paid', 'failed')),
    pay_reason   TEXT NOT NULL DEFAULT '',
    paid_on      TEXT,
    was_on_roll  INTEGER NOT NULL DEFAULT 0 -- on last year's roll of the programme (an exit when excluded now)
);
CREATE INDEX roll_rows_roll ON roll_rows(roll_id, status);
CREATE INDEX roll_rows_member ON roll_rows(member_id, roll_id) WHERE member_id IS NOT NULL;
CREATE INDEX roll_rows_household ON roll_rows(household_id, roll_id);

-- A roll's public notice freezes its rows like relief applications (the notice's kind stays
-- 'relief': a roll is relief paid by a programme; rolls.notice_id says which notices are rolls).
ALTER TABLE notice_items ADD COLUMN roll_row_id INTEGER REFERENCES roll_rows(id);
CREATE INDEX notice_items_roll_row ON notice_items(roll_row_id) WHERE roll_row_id IS NOT NULL;
