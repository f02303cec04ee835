-- 045: what the programmes' rules ask of each person (issue 20): hukou (户籍: 农业 'rural' or 非农业
-- 'urban'; NULL when not recorded), the day the person died or moved out of the registry's area
-- (NULL while alive and resident), and the bank account the programmes pay into (一卡通 / 社保卡:
-- the bank's name and the account number; '' when none).
ALTER TABLE members ADD COLUMN hukou TEXT CHECK (hukou IN ('rural', 'urban'));
ALTER TABLE members ADD COLUMN died_on TEXT;
ALTER TABLE members ADD COLUMN moved_out_on TEXT;
ALTER TABLE members ADD COLUMN bank_name TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN bank_account TEXT NOT NULL DEFAULT '';
-- A roll reads a unit's people by birth date (age on the reference date).
CREATE INDEX members_birth ON members(birth_date, household_id);
