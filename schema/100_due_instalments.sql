-- 100_due_instalments: the unsettled instalments of active loans, keyed by village, due day, loan
-- and instalment number, kept by the triggers below in the same transaction as every write to a
-- schedule row or a loan (a repayment, its reversal, an extension, a settlement, a claim, a
-- write-off, a move). The due and overdue lists walk the villages of the scope in name order and,
-- in each, this key from the page's cursor on, so a page reads its own rows only, whatever the
-- size of the programme (issue 22): before, every instalment of the window in the whole scope was
-- joined to its household and sorted before the first row came out. `bangfu check` compares the
-- table with `due_instalment_recount`.
CREATE TABLE due_instalments (
    village_id INTEGER NOT NULL,
    due_on     TEXT NOT NULL,
    loan_id    INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (village_id, due_on, loan_id, n)
) WITHOUT ROWID;

CREATE VIEW due_instalment_recount AS
SELECT l.village_id AS village_id, s.due_on AS due_on, s.loan_id AS loan_id, s.n AS n
FROM loan_schedule s JOIN loans l ON l.id = s.loan_id
WHERE s.settled = 0 AND l.state = 'active' AND l.village_id IS NOT NULL;

INSERT INTO due_instalments SELECT * FROM due_instalment_recount;

-- The lists walk the villages by name (the id orders villages of the same name).
CREATE INDEX units_name ON units(name);

CREATE TRIGGER due_instalment_add AFTER INSERT ON loan_schedule WHEN NEW.settled = 0
BEGIN
    INSERT INTO due_instalments (village_id, due_on, loan_id, n)
    SELECT l.village_id, NEW.due_on, NEW.loan_id, NEW.n FROM loans l
    WHERE l.id = NEW.loan_id AND l.state = 'active' AND l.village_id IS NOT NULL;
END;

-- A row settled, unsettled (a reversal), or moved to another day (an extension): only then does
-- the key change; a partial payment leaves it as it is.
CREATE TRIGGER due_instalment_change AFTER UPDATE OF loan_id, n, due_on, settled ON loan_schedule
    WHEN (OLD.settled = 0 OR NEW.settled = 0) AND (OLD.settled IS NOT NEW.settled OR OLD.due_on IS NOT NEW.due_on
          OR OLD.loan_id IS NOT NEW.loan_id OR OLD.n IS NOT NEW.n)
BEGIN
    DELETE FROM due_instalments WHERE OLD.settled = 0 AND due_on = OLD.due_on AND loan_id = OLD.loan_id AND n = OLD.n
      AND village_id = (SELECT l.village_id FROM loans l WHERE l.id = OLD.loan_id AND l.state = 'active');
    INSERT INTO due_instalments (village_id, due_on, loan_id, n)
    SELECT l.village_id, NEW.due_on, NEW.loan_id, NEW.n FROM loans l
    WHERE NEW.settled = 0 AND l.id = NEW.loan_id AND l.state = 'active' AND l.village_id IS NOT NULL;
END;

CREATE TRIGGER due_instalment_remove AFTER DELETE ON loan_schedule WHEN OLD.settled = 0
BEGIN
    DELETE FROM due_instalments WHERE due_on = OLD.due_on AND loan_id = OLD.loan_id AND n = OLD.n
      AND village_id = (SELECT l.village_id FROM loans l WHERE l.id = OLD.loan_id AND l.state = 'active');
END;

-- A loan that leaves or joins the active loans, or moves village, takes its unsettled instalments along.
CREATE TRIGGER due_instalment_loan_change AFTER UPDATE OF state, village_id ON loans
    WHEN (OLD.state = 'active' OR NEW.state = 'active')
     AND (OLD.state IS NOT NEW.state OR OLD.village_id IS NOT NEW.village_id)
BEGIN
    DELETE FROM due_instalments WHERE OLD.state = 'active' AND (village_id, due_on, loan_id, n) IN
        (SELECT OLD.village_id, due_on, loan_id, n FROM loan_schedule WHERE loan_id = OLD.id AND settled = 0);
    INSERT INTO due_instalments (village_id, due_on, loan_id, n)
    SELECT NEW.village_id, due_on, loan_id, n FROM loan_schedule
    WHERE NEW.state = 'active' AND NEW.village_id IS NOT NULL AND loan_id = NEW.id AND settled = 0;
END;

CREATE TRIGGER due_instalment_loan_add AFTER INSERT ON loans WHEN NEW.state = 'active' AND NEW.village_id IS NOT NULL
BEGIN
    INSERT INTO due_instalments (village_id, due_on, loan_id, n)
    SELECT NEW.village_id, due_on, loan_id, n FROM loan_schedule WHERE loan_id = NEW.id AND settled = 0;
END;
