-- 013_security: each relief fund belongs to a unit (the district or a township): it is read and
-- written only by users whose scope holds that unit, and pays only applications at or below it.
-- Funds that existed before belong to the district (the top unit); in a new database, created
-- before its units, `bangfu init` gives the first fund to the district it creates.
-- Users can be required to choose a new password at their next login.
ALTER TABLE relief_funds ADD COLUMN unit_id INTEGER REFERENCES units(id);
UPDATE relief_funds SET unit_id = (SELECT id FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1);
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
