-- 030: loan products (贷款产品) and organisations as borrowers (合作社, 示范基地) (issue 19, items 1 and 2).
--
-- A product carries the limits an application and its disbursement are checked against. The
-- programme as it was fixed before (20,000-200,000 yuan, 6-36 months, households) becomes the
-- default product, seeded from the parameters that held its limits; applications made before
-- this migration belong to it.
CREATE TABLE loan_products (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL UNIQUE,
    min_fen          INTEGER NOT NULL CHECK (min_fen > 0),
    max_fen          INTEGER NOT NULL CHECK (max_fen >= min_fen),
    min_months       INTEGER NOT NULL CHECK (min_months > 0),
    max_months       INTEGER NOT NULL CHECK (max_months >= min_months),
    methods          TEXT NOT NULL,            -- repayment method codes, comma-separated (amort.h)
    min_rate_micro   INTEGER NOT NULL CHECK (min_rate_micro >= 0),        -- annual %, millionths
    max_rate_micro   INTEGER NOT NULL CHECK (max_rate_micro >= min_rate_micro),
    day_count        TEXT NOT NULL DEFAULT '' CHECK (day_count IN ('', 'month', 'actual360')), -- '': as disbursed
    settlement       TEXT NOT NULL DEFAULT 'due_dates' CHECK (settlement IN ('due_dates', 'quarter_20th')),
    penalty_pct      INTEGER CHECK (penalty_pct IS NULL OR penalty_pct BETWEEN 100 AND 200), -- NULL: the parameter
    subsidy_eligible INTEGER NOT NULL DEFAULT 1 CHECK (subsidy_eligible IN (0, 1)),
    borrower_kinds   TEXT NOT NULL,            -- 'household', 'organisation' or both, comma-separated
    documents        TEXT NOT NULL,            -- required loan_documents codes, comma-separated
    departments      TEXT NOT NULL DEFAULT '', -- reviewing department ids, comma-separated; '': every active one
    is_default       INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at       TEXT NOT NULL DEFAULT (datetime('now')),
    updated_at       TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE UNIQUE INDEX loan_products_one_default ON loan_products(is_default) WHERE is_default = 1;

INSERT INTO loan_products (name, min_fen, max_fen, min_months, max_months, methods, min_rate_micro, max_rate_micro,
                           borrower_kinds, documents, is_default)
VALUES ('计生信贷助富创业贷款',
        coalesce((SELECT CAST(value AS INTEGER) FROM parameters WHERE key = 'loan_min_fen'), 2000000),
        coalesce((SELECT CAST(value AS INTEGER) FROM parameters WHERE key = 'loan_max_fen'), 20000000),
        coalesce((SELECT CAST(value AS INTEGER) FROM parameters WHERE key = 'loan_min_months'), 6),
        coalesce((SELECT CAST(value AS INTEGER) FROM parameters WHERE key = 'loan_max_months'), 36),
        'equal-installment,equal-principal,monthly-interest,quarterly-interest,bullet', 0, 24000000,
        'household', 'id_card,hukou,marriage,family_planning,business_plan,implementation_plan,counter_guarantee', 1);
-- The limits now live on the product (the admin edits them on the products page).
DELETE FROM parameters WHERE key IN ('loan_min_fen', 'loan_max_fen', 'loan_min_months', 'loan_max_months');

-- Cooperatives and demonstration bases that borrow for the villages they lead. The legal
-- representative is a member of a household of the organisation's village (so the organisation's
-- applications and loans are scoped by that village, as a household's are).
CREATE TABLE organisations (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL,
    kind                TEXT NOT NULL CHECK (kind IN ('cooperative', 'demonstration_base')),
    credit_code         TEXT NOT NULL UNIQUE,  -- 统一社会信用代码, GB 32100 check character verified
    legal_rep_member_id INTEGER NOT NULL REFERENCES members(id),
    village_id          INTEGER NOT NULL REFERENCES units(id),
    jobs_created        INTEGER NOT NULL DEFAULT 0 CHECK (jobs_created >= 0),
    created_by          INTEGER NOT NULL REFERENCES users(id),
    created_at          TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX organisations_village ON organisations(village_id);

CREATE TABLE organisation_members (
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    household_id    INTEGER NOT NULL REFERENCES households(id),
    PRIMARY KEY (organisation_id, household_id)
) WITHOUT ROWID;
CREATE INDEX organisation_members_household ON organisation_members(household_id);

-- An application names its product; an organisation's names the organisation, and its
-- household_id is the legal representative's household (in the organisation's village).
ALTER TABLE loan_applications ADD COLUMN product_id INTEGER REFERENCES loan_products(id);
ALTER TABLE loan_applications ADD COLUMN organisation_id INTEGER REFERENCES organisations(id);
UPDATE loan_applications SET product_id = (SELECT id FROM loan_products WHERE is_default = 1);
CREATE INDEX loan_applications_organisation ON loan_applications(organisation_id) WHERE organisation_id IS NOT NULL;
