-- 119_loan_flow_month_figures: the portfolio report's period figures (loan_day_figures, migration
-- 096: applications created, decided and loans disbursed by village and day) summed by month too,
-- kept by triggers on the day figures in the same transaction. The report's default period runs from
-- the programme's first day to today, so summing days read villages × every day of the programme's
-- history, a row more each day a village had an application or a loan (6,927 rows at 100,000
-- households, 12,041 at 1,000,000). A period now reads its whole months here and only the days of the
-- months it starts and ends in from the day figures. `bangfu check` recounts the table from the days.
CREATE TABLE loan_flow_month_figures (
    village_id      INTEGER NOT NULL,
    month           TEXT NOT NULL,              -- YYYY-MM
    created         INTEGER NOT NULL DEFAULT 0,
    approved        INTEGER NOT NULL DEFAULT 0,
    rejected        INTEGER NOT NULL DEFAULT 0,
    decided_on_time INTEGER NOT NULL DEFAULT 0,
    disbursed_loans INTEGER NOT NULL DEFAULT 0,
    disbursed_fen   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (village_id, month)
) WITHOUT ROWID;

CREATE VIEW loan_flow_month_recount AS
SELECT village_id, substr(day, 1, 7) AS month, sum(created) AS created, sum(approved) AS approved,
       sum(rejected) AS rejected, sum(decided_on_time) AS decided_on_time, sum(disbursed_loans) AS disbursed_loans,
       sum(disbursed_fen) AS disbursed_fen
FROM loan_day_figures GROUP BY 1, 2;

INSERT INTO loan_flow_month_figures SELECT * FROM loan_flow_month_recount;

-- The day figures are written by INSERT ... ON CONFLICT DO UPDATE (096) and never deleted, their key
-- never changed: a new day row adds itself to its month, a changed one adds what changed.
CREATE TRIGGER loan_flow_month_add AFTER INSERT ON loan_day_figures
BEGIN
    INSERT INTO loan_flow_month_figures (village_id, month, created, approved, rejected, decided_on_time,
                                         disbursed_loans, disbursed_fen)
    VALUES (NEW.village_id, substr(NEW.day, 1, 7), NEW.created, NEW.approved, NEW.rejected, NEW.decided_on_time,
            NEW.disbursed_loans, NEW.disbursed_fen)
    ON CONFLICT (village_id, month) DO UPDATE SET created = created + excluded.created,
        approved = approved + excluded.approved, rejected = rejected + excluded.rejected,
        decided_on_time = decided_on_time + excluded.decided_on_time,
        disbursed_loans = disbursed_loans + excluded.disbursed_loans, disbursed_fen = disbursed_fen + excluded.disbursed_fen;
END;

CREATE TRIGGER loan_flow_month_change AFTER UPDATE ON loan_day_figures
BEGIN
    UPDATE loan_flow_month_figures SET created = created + NEW.created - OLD.created,
        approved = approved + NEW.approved - OLD.approved, rejected = rejected + NEW.rejected - OLD.rejected,
        decided_on_time = decided_on_time + NEW.decided_on_time - OLD.decided_on_time,
        disbursed_loans = disbursed_loans + NEW.disbursed_loans - OLD.disbursed_loans,
        disbursed_fen = disbursed_fen + NEW.disbursed_fen - OLD.disbursed_fen
    WHERE village_id = NEW.village_id AND month = substr(NEW.day, 1, 7);
END;
