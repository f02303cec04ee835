-- 080: relief reads its rules from the programmes (issue 20). Every relief category is the relief face of
-- a once/household programme (relief_categories.programme_id, migration 071): the programme holds who is
-- eligible (its household categories with their nesting, and its rules over the head), the amounts with
-- their dates and the fund; the category keeps only what is relief's own (code, public name, sensitive,
-- standard or by case, times per year, batch, order). A by-case category's range is the programme amount
-- (the minimum) up to max_fen; NULL max_fen is a fixed amount.
ALTER TABLE programme_amounts ADD COLUMN max_fen INTEGER CHECK (max_fen IS NULL OR max_fen >= amount_fen);
-- the category amounts the programme rows (kept in step since 071) do not have yet, then every range's maximum
INSERT OR IGNORE INTO programme_amounts (programme_id, effective_from, amount_fen, created_by)
SELECT c.programme_id, a.effective_from, a.min_fen, a.created_by FROM relief_category_amounts a
JOIN relief_categories c ON c.id = a.category_id WHERE c.programme_id IS NOT NULL;
UPDATE programme_amounts SET max_fen = (SELECT a.max_fen FROM relief_category_amounts a
    JOIN relief_categories c ON c.id = a.category_id
    WHERE c.programme_id = programme_amounts.programme_id AND a.effective_from = programme_amounts.effective_from
      AND c.amount_kind = 'case')
WHERE programme_id IN (SELECT programme_id FROM relief_categories WHERE amount_kind = 'case');
-- the programmes' categories and active flag as the categories had them (071 kept them in step)
UPDATE programmes SET
    categories = (SELECT CASE WHEN c.any_household THEN '[]' ELSE coalesce((SELECT json_group_array(e.household_cat)
                  FROM relief_category_eligible e WHERE e.category_id = c.id), '[]') END
                  FROM relief_categories c WHERE c.programme_id = programmes.id),
    active = (SELECT c.active FROM relief_categories c WHERE c.programme_id = programmes.id)
WHERE id IN (SELECT programme_id FROM relief_categories);
-- a once/household programme an administrator defined gets its relief face: a fixed amount, once a year
INSERT INTO relief_categories (code, name, amount_kind, batch, per_year, sort, programme_id)
SELECT 'programme_' || p.id, p.name, 'standard', 1, 1,
       (SELECT coalesce(max(sort), 0) FROM relief_categories) + p.id, p.id
FROM programmes p
WHERE p.period = 'once' AND p.beneficiary = 'household'
  AND NOT EXISTS (SELECT 1 FROM relief_categories c WHERE c.programme_id = p.id)
  AND NOT EXISTS (SELECT 1 FROM relief_categories c WHERE c.name = p.name);
-- what only the programmes hold now
DROP TABLE relief_category_eligible;
DROP TABLE relief_category_amounts;
