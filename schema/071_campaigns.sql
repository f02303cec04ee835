-- 052: campaigns (帮扶活动, e.g. 双千帮扶: 1,000 households helped with at least 1,000 yuan each), issue 20
-- part 5, and the first step of relief categories as programmes (issue 20 part 2): every relief
-- category gets a programme row of its own (once, household), linked by relief_categories.programme_id,
-- with the category's eligible household categories and its amounts (the standard, or the minimum of a
-- by-case range). Relief still reads its rules from relief_categories; the link lets a campaign count
-- the relief paid in a category as the programme's payments (docs/domain.md, "Campaigns").
ALTER TABLE relief_categories ADD COLUMN programme_id INTEGER REFERENCES programmes(id);
-- A category whose name an administrator already gave a programme gets its name with （救助类别）.
INSERT INTO programmes (name, beneficiary, period, fund_id, categories, alive_resident)
SELECT CASE WHEN EXISTS (SELECT 1 FROM programmes p WHERE p.name = c.name) THEN c.name || '（救助类别）' ELSE c.name END,
       'household', 'once', (SELECT min(id) FROM relief_funds),
       CASE WHEN c.any_household THEN '[]' ELSE
           coalesce((SELECT json_group_array(e.household_cat) FROM relief_category_eligible e
                     WHERE e.category_id = c.id), '[]') END,
       0
FROM relief_categories c ORDER BY c.id;
UPDATE relief_categories SET programme_id = (SELECT p.id FROM programmes p
    WHERE p.name IN (relief_categories.name, relief_categories.name || '（救助类别）') ORDER BY p.id DESC LIMIT 1);
INSERT INTO programme_amounts (programme_id, effective_from, amount_fen)
SELECT c.programme_id, a.effective_from, a.min_fen FROM relief_category_amounts a
JOIN relief_categories c ON c.id = a.category_id;

-- A campaign: a target number of households, each helped with at least min_amount_fen within [from_on, to_on]
-- by the payments of one programme (its relief applications' receipts not voided, its rolls' paid rows),
-- counted over every household of the unit (the district: across its townships; a township: its villages),
-- whatever unit the batch or roll that paid them belonged to.
CREATE TABLE campaigns (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL UNIQUE,
    unit_id           INTEGER NOT NULL REFERENCES units(id),
    programme_id      INTEGER NOT NULL REFERENCES programmes(id),
    target_households INTEGER NOT NULL CHECK (target_households BETWEEN 1 AND 10000000),
    min_amount_fen    INTEGER NOT NULL CHECK (min_amount_fen > 0),
    from_on           TEXT NOT NULL,
    to_on             TEXT NOT NULL CHECK (to_on >= from_on),
    created_by        INTEGER REFERENCES users(id),
    created_at        TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX campaigns_unit ON campaigns(unit_id, to_on);
CREATE INDEX relief_payments_paid_on ON relief_payments(paid_on);
CREATE INDEX roll_rows_paid_on ON roll_rows(paid_on) WHERE pay_state = 'paid';
