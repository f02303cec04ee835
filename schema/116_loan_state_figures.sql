-- 116_loan_state_figures: the loans by village and state, kept by triggers in the same transaction as the
-- write that changes them (the pattern of migrations 095–099), so the loan book's count of every loan, or of
-- one state, sums a few rows per village of the scope. It summed every day's disbursements
-- (loan_day_figures: villages × days, a row more each day a village disburses), which took longer each year.
CREATE TABLE loan_state_figures (
    village_id INTEGER NOT NULL,
    state      TEXT NOT NULL,
    loans      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (village_id, state)
) WITHOUT ROWID;

CREATE VIEW loan_state_recount AS
SELECT village_id, state, count(*) AS loans FROM loans WHERE village_id IS NOT NULL GROUP BY 1, 2;

INSERT INTO loan_state_figures SELECT * FROM loan_state_recount;

CREATE TRIGGER loan_state_add AFTER INSERT ON loans WHEN NEW.village_id IS NOT NULL
BEGIN
    INSERT INTO loan_state_figures (village_id, state, loans) VALUES (NEW.village_id, NEW.state, 1)
    ON CONFLICT (village_id, state) DO UPDATE SET loans = loans + 1;
END;

CREATE TRIGGER loan_state_change AFTER UPDATE OF village_id, state ON loans
BEGIN
    UPDATE loan_state_figures SET loans = loans - 1 WHERE village_id = OLD.village_id AND state = OLD.state;
    INSERT INTO loan_state_figures (village_id, state, loans) SELECT NEW.village_id, NEW.state, 1
    WHERE NEW.village_id IS NOT NULL
    ON CONFLICT (village_id, state) DO UPDATE SET loans = loans + 1;
END;

CREATE TRIGGER loan_state_remove AFTER DELETE ON loans WHEN OLD.village_id IS NOT NULL
BEGIN
    UPDATE loan_state_figures SET loans = loans - 1 WHERE village_id = OLD.village_id AND state = OLD.state;
END;
