-- 097_due_day_figures: the unsettled instalments of active loans summed by village and due day, kept
-- by the triggers below in the same transaction as every write to a schedule row or a loan (a
-- repayment, its reversal, an extension, a settlement, a claim, a move), so the dashboard's
-- 7天内到期 card and the due list's count and 合计 read one row per village and day instead of
-- every instalment of the week (issue 22). `bangfu check` recounts the table from the rows.
CREATE TABLE due_day_figures (
    village_id INTEGER NOT NULL,
    due_on     TEXT NOT NULL,
    rows       INTEGER NOT NULL DEFAULT 0, -- unsettled instalments of active loans due that day
    fen        INTEGER NOT NULL DEFAULT 0, -- what they still owe: principal and interest less what was paid
    PRIMARY KEY (village_id, due_on)
) WITHOUT ROWID;

CREATE VIEW due_day_recount AS
SELECT l.village_id AS village_id, s.due_on AS due_on, count(*) AS rows,
       sum(s.principal_fen - s.paid_principal_fen + s.interest_fen - s.paid_interest_fen) AS fen
FROM loan_schedule s JOIN loans l ON l.id = s.loan_id
WHERE s.settled = 0 AND l.state = 'active' AND l.village_id IS NOT NULL GROUP BY 1, 2;

INSERT INTO due_day_figures SELECT * FROM due_day_recount;

CREATE TRIGGER due_day_row_add AFTER INSERT ON loan_schedule WHEN NEW.settled = 0
BEGIN
    INSERT INTO due_day_figures (village_id, due_on, rows, fen)
    SELECT l.village_id, NEW.due_on, 1, NEW.principal_fen - NEW.paid_principal_fen + NEW.interest_fen - NEW.paid_interest_fen
    FROM loans l WHERE l.id = NEW.loan_id AND l.state = 'active' AND l.village_id IS NOT NULL
    ON CONFLICT (village_id, due_on) DO UPDATE SET rows = rows + 1, fen = fen + excluded.fen;
END;

-- A schedule row changed (paid, settled, moved by an extension): its old part leaves, its new part joins.
CREATE TRIGGER due_day_row_change AFTER UPDATE OF loan_id, due_on, principal_fen, interest_fen, paid_principal_fen,
    paid_interest_fen, settled ON loan_schedule WHEN OLD.settled = 0 OR NEW.settled = 0
BEGIN
    UPDATE due_day_figures SET rows = rows - 1,
        fen = fen - (OLD.principal_fen - OLD.paid_principal_fen + OLD.interest_fen - OLD.paid_interest_fen)
    WHERE OLD.settled = 0 AND due_on = OLD.due_on
      AND village_id = (SELECT l.village_id FROM loans l WHERE l.id = OLD.loan_id AND l.state = 'active');
    INSERT INTO due_day_figures (village_id, due_on, rows, fen)
    SELECT l.village_id, NEW.due_on, 1, NEW.principal_fen - NEW.paid_principal_fen + NEW.interest_fen - NEW.paid_interest_fen
    FROM loans l WHERE NEW.settled = 0 AND l.id = NEW.loan_id AND l.state = 'active' AND l.village_id IS NOT NULL
    ON CONFLICT (village_id, due_on) DO UPDATE SET rows = rows + 1, fen = fen + excluded.fen;
END;

CREATE TRIGGER due_day_row_remove AFTER DELETE ON loan_schedule WHEN OLD.settled = 0
BEGIN
    UPDATE due_day_figures SET rows = rows - 1,
        fen = fen - (OLD.principal_fen - OLD.paid_principal_fen + OLD.interest_fen - OLD.paid_interest_fen)
    WHERE due_on = OLD.due_on
      AND village_id = (SELECT l.village_id FROM loans l WHERE l.id = OLD.loan_id AND l.state = 'active');
END;

-- A loan that leaves or joins the active loans, or moves village, takes its unsettled instalments along.
CREATE TRIGGER due_day_loan_change AFTER UPDATE OF state, village_id ON loans
    WHEN (OLD.state = 'active' OR NEW.state = 'active')
     AND (OLD.state IS NOT NEW.state OR OLD.village_id IS NOT NEW.village_id)
BEGIN
    UPDATE due_day_figures SET rows = rows - x.n, fen = fen - x.owed
    FROM (SELECT due_on AS d, count(*) AS n, sum(principal_fen - paid_principal_fen + interest_fen - paid_interest_fen) AS owed
          FROM loan_schedule WHERE loan_id = OLD.id AND settled = 0 GROUP BY 1) AS x
    WHERE OLD.state = 'active' AND village_id = OLD.village_id AND due_on = x.d;
    INSERT INTO due_day_figures (village_id, due_on, rows, fen)
    SELECT NEW.village_id, due_on, count(*), sum(principal_fen - paid_principal_fen + interest_fen - paid_interest_fen)
    FROM loan_schedule WHERE NEW.state = 'active' AND NEW.village_id IS NOT NULL AND loan_id = NEW.id AND settled = 0
    GROUP BY 2
    ON CONFLICT (village_id, due_on) DO UPDATE SET rows = rows + excluded.rows, fen = fen + excluded.fen;
END;

CREATE TRIGGER due_day_loan_add AFTER INSERT ON loans WHEN NEW.state = 'active' AND NEW.village_id IS NOT NULL
BEGIN
    INSERT INTO due_day_figures (village_id, due_on, rows, fen)
    SELECT NEW.village_id, due_on, count(*), sum(principal_fen - paid_principal_fen + interest_fen - paid_interest_fen)
    FROM loan_schedule WHERE loan_id = NEW.id AND settled = 0 GROUP BY 2
    ON CONFLICT (village_id, due_on) DO UPDATE SET rows = rows + excluded.rows, fen = fen + excluded.fen;
END;
