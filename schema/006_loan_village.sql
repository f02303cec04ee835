-- 006_loan_village: each loan names its household's village, so portfolio figures for a unit
-- read one covering index of loans instead of joining 100,000 applications and households.
ALTER TABLE loans ADD COLUMN village_id INTEGER REFERENCES units(id);
UPDATE loans SET village_id = (SELECT h.village_id FROM loan_applications a JOIN households h ON h.id = a.household_id
                               WHERE a.id = loans.application_id);
CREATE INDEX loans_village_active ON loans(village_id, oldest_unpaid_due, outstanding_principal_fen, principal_fen)
    WHERE state = 'active';
