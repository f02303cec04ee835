-- 122_overdue_due_figures: the overdue list's 合计 row (its instalments and what they owe: every
-- unsettled instalment of an active loan due before today) read from one row a village instead of
-- due_day_figures' row per village and past due day (migration 097), which grows with every day
-- an instalment is left unpaid (the overdue page's total was a quarter of its time at 1,000,000
-- households, issue 22). overdue_due_figures sums due_day_figures' days before the day the loans'
-- bands are counted for (active_loan_band_day, migration 121), kept by the triggers below in the
-- same transaction as every write to a schedule or a loan; the bands' roll (loan_bands_roll)
-- recounts it for a new day. For any other day or period the total is summed by day as before;
-- `bangfu check` recounts it from the day figures.
CREATE TABLE overdue_due_figures (
    village_id INTEGER PRIMARY KEY,
    rows       INTEGER NOT NULL DEFAULT 0, -- unsettled instalments of active loans due before the day
    fen        INTEGER NOT NULL DEFAULT 0  -- what they still owe: principal and interest less what was paid
) WITHOUT ROWID;

CREATE VIEW overdue_due_recount AS
SELECT f.village_id, sum(f.rows) AS rows, sum(f.fen) AS fen
FROM due_day_figures f, active_loan_band_day d WHERE d.day <> '' AND f.due_on < d.day GROUP BY 1;

-- due_day_figures' rows are added (INSERT or an upsert's insert) and changed by their counts only
-- (an upsert's update, or the UPDATE of 097's triggers; a row's key never changes): what changed on
-- a day before the day counted for moves into its village's row.
CREATE TRIGGER overdue_due_add AFTER INSERT ON due_day_figures
BEGIN
    INSERT INTO overdue_due_figures (village_id, rows, fen)
    SELECT NEW.village_id, NEW.rows, NEW.fen FROM active_loan_band_day d WHERE d.day <> '' AND NEW.due_on < d.day
    ON CONFLICT (village_id) DO UPDATE SET rows = rows + excluded.rows, fen = fen + excluded.fen;
END;

CREATE TRIGGER overdue_due_change AFTER UPDATE ON due_day_figures
BEGIN
    INSERT INTO overdue_due_figures (village_id, rows, fen)
    SELECT NEW.village_id, NEW.rows - OLD.rows, NEW.fen - OLD.fen FROM active_loan_band_day d
    WHERE d.day <> '' AND NEW.due_on < d.day
    ON CONFLICT (village_id) DO UPDATE SET rows = rows + excluded.rows, fen = fen + excluded.fen;
END;

CREATE TRIGGER overdue_due_remove AFTER DELETE ON due_day_figures
BEGIN
    UPDATE overdue_due_figures SET rows = rows - OLD.rows, fen = fen - OLD.fen
    WHERE village_id = OLD.village_id AND EXISTS (SELECT 1 FROM active_loan_band_day d WHERE d.day <> '' AND OLD.due_on < d.day);
END;

-- counted for the bands' day at once, if they have one (else at the next roll)
INSERT INTO overdue_due_figures SELECT * FROM overdue_due_recount;
