-- 096_loan_day_figures: the portfolio report's period figures kept by village and day, in the same
-- transaction as every write that changes them (issue 22): applications created that day, decisions
-- taken that day by the application's state now (approved, which stays counted once guaranteed or
-- disbursed; rejected; on time when decided by the review's due day), and loans disbursed that day.
-- The report sums the days of its period per village instead of reading every household and
-- application of the village five times; `bangfu check` recounts the table from the rows.
CREATE TABLE loan_day_figures (
    village_id      INTEGER NOT NULL,
    day             TEXT NOT NULL,              -- YYYY-MM-DD
    created         INTEGER NOT NULL DEFAULT 0, -- applications created that day
    approved        INTEGER NOT NULL DEFAULT 0, -- decided that day, now approved, guaranteed or disbursed
    rejected        INTEGER NOT NULL DEFAULT 0, -- decided that day, now rejected
    decided_on_time INTEGER NOT NULL DEFAULT 0, -- of those two, decided by their review's due day
    disbursed_loans INTEGER NOT NULL DEFAULT 0, -- loans disbursed that day
    disbursed_fen   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (village_id, day)
) WITHOUT ROWID;

-- The figures recounted from the rows. An application counts on its creation day, and on its
-- decision day once decided; the triggers below write the same parts out for NEW (added) and OLD
-- (taken away), as a trigger cannot apply a view to one row.
CREATE VIEW loan_day_recount AS
SELECT village_id, day, sum(created) AS created, sum(approved) AS approved, sum(rejected) AS rejected,
       sum(decided_on_time) AS decided_on_time, sum(disbursed_loans) AS disbursed_loans,
       sum(disbursed_fen) AS disbursed_fen
FROM (SELECT h.village_id AS village_id, substr(a.created_at, 1, 10) AS day, 1 AS created, 0 AS approved, 0 AS rejected,
             0 AS decided_on_time, 0 AS disbursed_loans, 0 AS disbursed_fen
      FROM loan_applications a JOIN households h ON h.id = a.household_id
      UNION ALL
      SELECT h.village_id, a.decided_on, 0, a.state IN ('approved', 'guaranteed', 'disbursed'), a.state = 'rejected',
             coalesce(a.decided_on <= a.review_due_on, 0), 0, 0
      FROM loan_applications a JOIN households h ON h.id = a.household_id
      WHERE a.decided_on IS NOT NULL AND a.state IN ('approved', 'guaranteed', 'disbursed', 'rejected')
      UNION ALL
      SELECT village_id, disbursed_on, 0, 0, 0, 0, 1, principal_fen FROM loans WHERE disbursed_on IS NOT NULL)
WHERE village_id IS NOT NULL GROUP BY 1, 2;

INSERT INTO loan_day_figures SELECT * FROM loan_day_recount;

CREATE TRIGGER loan_day_application_add AFTER INSERT ON loan_applications
BEGIN
    INSERT INTO loan_day_figures (village_id, day, created, approved, rejected, decided_on_time)
    SELECT h.village_id, c.day, c.created, c.approved, c.rejected, c.on_time
    FROM households h, (SELECT substr(NEW.created_at, 1, 10) AS day, 1 AS created, 0 AS approved, 0 AS rejected, 0 AS on_time
                        UNION ALL
                        SELECT NEW.decided_on, 0, NEW.state IN ('approved', 'guaranteed', 'disbursed'), NEW.state = 'rejected',
                               coalesce(NEW.decided_on <= NEW.review_due_on, 0)
                        WHERE NEW.decided_on IS NOT NULL
                          AND NEW.state IN ('approved', 'guaranteed', 'disbursed', 'rejected')) AS c
    WHERE h.id = NEW.household_id AND h.village_id IS NOT NULL
    ON CONFLICT (village_id, day) DO UPDATE SET created = created + excluded.created, approved = approved + excluded.approved,
        rejected = rejected + excluded.rejected, decided_on_time = decided_on_time + excluded.decided_on_time;
END;

CREATE TRIGGER loan_day_application_change AFTER UPDATE OF state, decided_on, review_due_on, created_at, household_id
    ON loan_applications
BEGIN
    INSERT INTO loan_day_figures (village_id, day, created, approved, rejected, decided_on_time)
    SELECT h.village_id, c.day, -c.created, -c.approved, -c.rejected, -c.on_time
    FROM households h, (SELECT substr(OLD.created_at, 1, 10) AS day, 1 AS created, 0 AS approved, 0 AS rejected, 0 AS on_time
                        UNION ALL
                        SELECT OLD.decided_on, 0, OLD.state IN ('approved', 'guaranteed', 'disbursed'), OLD.state = 'rejected',
                               coalesce(OLD.decided_on <= OLD.review_due_on, 0)
                        WHERE OLD.decided_on IS NOT NULL
                          AND OLD.state IN ('approved', 'guaranteed', 'disbursed', 'rejected')) AS c
    WHERE h.id = OLD.household_id AND h.village_id IS NOT NULL
    ON CONFLICT (village_id, day) DO UPDATE SET created = created + excluded.created, approved = approved + excluded.approved,
        rejected = rejected + excluded.rejected, decided_on_time = decided_on_time + excluded.decided_on_time;
    INSERT INTO loan_day_figures (village_id, day, created, approved, rejected, decided_on_time)
    SELECT h.village_id, c.day, c.created, c.approved, c.rejected, c.on_time
    FROM households h, (SELECT substr(NEW.created_at, 1, 10) AS day, 1 AS created, 0 AS approved, 0 AS rejected, 0 AS on_time
                        UNION ALL
                        SELECT NEW.decided_on, 0, NEW.state IN ('approved', 'guaranteed', 'disbursed'), NEW.state = 'rejected',
                               coalesce(NEW.decided_on <= NEW.review_due_on, 0)
                        WHERE NEW.decided_on IS NOT NULL
                          AND NEW.state IN ('approved', 'guaranteed', 'disbursed', 'rejected')) AS c
    WHERE h.id = NEW.household_id AND h.village_id IS NOT NULL
    ON CONFLICT (village_id, day) DO UPDATE SET created = created + excluded.created, approved = approved + excluded.approved,
        rejected = rejected + excluded.rejected, decided_on_time = decided_on_time + excluded.decided_on_time;
END;

CREATE TRIGGER loan_day_application_remove AFTER DELETE ON loan_applications
BEGIN
    INSERT INTO loan_day_figures (village_id, day, created, approved, rejected, decided_on_time)
    SELECT h.village_id, c.day, -c.created, -c.approved, -c.rejected, -c.on_time
    FROM households h, (SELECT substr(OLD.created_at, 1, 10) AS day, 1 AS created, 0 AS approved, 0 AS rejected, 0 AS on_time
                        UNION ALL
                        SELECT OLD.decided_on, 0, OLD.state IN ('approved', 'guaranteed', 'disbursed'), OLD.state = 'rejected',
                               coalesce(OLD.decided_on <= OLD.review_due_on, 0)
                        WHERE OLD.decided_on IS NOT NULL
                          AND OLD.state IN ('approved', 'guaranteed', 'disbursed', 'rejected')) AS c
    WHERE h.id = OLD.household_id AND h.village_id IS NOT NULL
    ON CONFLICT (village_id, day) DO UPDATE SET created = created + excluded.created, approved = approved + excluded.approved,
        rejected = rejected + excluded.rejected, decided_on_time = decided_on_time + excluded.decided_on_time;
END;

-- A household moved to another village takes its applications' figures along (the report counts an
-- application under the household's current village, as it always has).
CREATE TRIGGER loan_day_household_move AFTER UPDATE OF village_id ON households WHEN OLD.village_id IS NOT NEW.village_id
BEGIN
    INSERT INTO loan_day_figures (village_id, day, created, approved, rejected, decided_on_time)
    SELECT v, day, sum(created), sum(approved), sum(rejected), sum(on_time) FROM (
        SELECT OLD.village_id AS v, substr(a.created_at, 1, 10) AS day, -1 AS created, 0 AS approved, 0 AS rejected,
               0 AS on_time FROM loan_applications a WHERE a.household_id = NEW.id
        UNION ALL
        SELECT OLD.village_id, a.decided_on, 0, -(a.state IN ('approved', 'guaranteed', 'disbursed')), -(a.state = 'rejected'),
               -coalesce(a.decided_on <= a.review_due_on, 0) FROM loan_applications a WHERE a.household_id = NEW.id
               AND a.decided_on IS NOT NULL AND a.state IN ('approved', 'guaranteed', 'disbursed', 'rejected')
        UNION ALL
        SELECT NEW.village_id, substr(a.created_at, 1, 10), 1, 0, 0, 0 FROM loan_applications a WHERE a.household_id = NEW.id
        UNION ALL
        SELECT NEW.village_id, a.decided_on, 0, a.state IN ('approved', 'guaranteed', 'disbursed'), a.state = 'rejected',
               coalesce(a.decided_on <= a.review_due_on, 0) FROM loan_applications a WHERE a.household_id = NEW.id
               AND a.decided_on IS NOT NULL AND a.state IN ('approved', 'guaranteed', 'disbursed', 'rejected'))
    WHERE v IS NOT NULL GROUP BY 1, 2
    ON CONFLICT (village_id, day) DO UPDATE SET created = created + excluded.created, approved = approved + excluded.approved,
        rejected = rejected + excluded.rejected, decided_on_time = decided_on_time + excluded.decided_on_time;
END;

-- Loans by their disbursement day and village (a loan that moves village, or whose day or principal
-- changes, moves its part).
CREATE TRIGGER loan_day_loan_add AFTER INSERT ON loans WHEN NEW.disbursed_on IS NOT NULL AND NEW.village_id IS NOT NULL
BEGIN
    INSERT INTO loan_day_figures (village_id, day, disbursed_loans, disbursed_fen)
    VALUES (NEW.village_id, NEW.disbursed_on, 1, NEW.principal_fen)
    ON CONFLICT (village_id, day) DO UPDATE SET disbursed_loans = disbursed_loans + 1,
        disbursed_fen = disbursed_fen + excluded.disbursed_fen;
END;

CREATE TRIGGER loan_day_loan_change AFTER UPDATE OF village_id, disbursed_on, principal_fen ON loans
BEGIN
    UPDATE loan_day_figures SET disbursed_loans = disbursed_loans - 1, disbursed_fen = disbursed_fen - OLD.principal_fen
    WHERE village_id = OLD.village_id AND day = OLD.disbursed_on;
    INSERT INTO loan_day_figures (village_id, day, disbursed_loans, disbursed_fen)
    SELECT NEW.village_id, NEW.disbursed_on, 1, NEW.principal_fen WHERE NEW.disbursed_on IS NOT NULL AND NEW.village_id IS NOT NULL
    ON CONFLICT (village_id, day) DO UPDATE SET disbursed_loans = disbursed_loans + 1,
        disbursed_fen = disbursed_fen + excluded.disbursed_fen;
END;

CREATE TRIGGER loan_day_loan_remove AFTER DELETE ON loans
BEGIN
    UPDATE loan_day_figures SET disbursed_loans = disbursed_loans - 1, disbursed_fen = disbursed_fen - OLD.principal_fen
    WHERE village_id = OLD.village_id AND day = OLD.disbursed_on;
END;

-- The loan applications counted and summed by village, state and day submitted ('' before it is
-- submitted), for the application list's count and 合计 and the dashboard's queues (the same triggers'
-- pattern as relief_application_figures, migration 098).
CREATE TABLE loan_application_figures (
    village_id   INTEGER NOT NULL,
    state        TEXT NOT NULL,
    submitted_on TEXT NOT NULL,
    applications INTEGER NOT NULL DEFAULT 0,
    amount_fen   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (village_id, state, submitted_on)
) WITHOUT ROWID;

CREATE VIEW loan_application_recount AS
SELECT h.village_id AS village_id, a.state AS state, coalesce(a.submitted_on, '') AS submitted_on, count(*) AS applications,
       sum(a.amount_fen) AS amount_fen
FROM loan_applications a JOIN households h ON h.id = a.household_id GROUP BY 1, 2, 3;

INSERT INTO loan_application_figures SELECT * FROM loan_application_recount;

CREATE TRIGGER loan_application_add AFTER INSERT ON loan_applications
BEGIN
    INSERT INTO loan_application_figures (village_id, state, submitted_on, applications, amount_fen)
    SELECT h.village_id, NEW.state, coalesce(NEW.submitted_on, ''), 1, NEW.amount_fen FROM households h
    WHERE h.id = NEW.household_id
    ON CONFLICT (village_id, state, submitted_on) DO UPDATE
    SET applications = applications + 1, amount_fen = amount_fen + excluded.amount_fen;
END;

CREATE TRIGGER loan_application_change AFTER UPDATE OF state, submitted_on, amount_fen, household_id ON loan_applications
BEGIN
    UPDATE loan_application_figures SET applications = applications - 1, amount_fen = amount_fen - OLD.amount_fen
    WHERE village_id = (SELECT village_id FROM households WHERE id = OLD.household_id) AND state = OLD.state
      AND submitted_on = coalesce(OLD.submitted_on, '');
    INSERT INTO loan_application_figures (village_id, state, submitted_on, applications, amount_fen)
    SELECT h.village_id, NEW.state, coalesce(NEW.submitted_on, ''), 1, NEW.amount_fen FROM households h
    WHERE h.id = NEW.household_id
    ON CONFLICT (village_id, state, submitted_on) DO UPDATE
    SET applications = applications + 1, amount_fen = amount_fen + excluded.amount_fen;
END;

CREATE TRIGGER loan_application_remove AFTER DELETE ON loan_applications
BEGIN
    UPDATE loan_application_figures SET applications = applications - 1, amount_fen = amount_fen - OLD.amount_fen
    WHERE village_id = (SELECT village_id FROM households WHERE id = OLD.household_id) AND state = OLD.state
      AND submitted_on = coalesce(OLD.submitted_on, '');
END;

CREATE TRIGGER loan_application_move AFTER UPDATE OF village_id ON households WHEN OLD.village_id IS NOT NEW.village_id
BEGIN
    UPDATE loan_application_figures SET applications = applications - x.n, amount_fen = amount_fen - x.amount
    FROM (SELECT state AS s, coalesce(submitted_on, '') AS d, count(*) AS n, sum(amount_fen) AS amount
          FROM loan_applications WHERE household_id = NEW.id GROUP BY 1, 2) AS x
    WHERE village_id = OLD.village_id AND state = x.s AND submitted_on = x.d;
    INSERT INTO loan_application_figures (village_id, state, submitted_on, applications, amount_fen)
    SELECT NEW.village_id, state, coalesce(submitted_on, ''), count(*), sum(amount_fen) FROM loan_applications
    WHERE household_id = NEW.id GROUP BY 2, 3
    ON CONFLICT (village_id, state, submitted_on) DO UPDATE
    SET applications = applications + excluded.applications, amount_fen = amount_fen + excluded.amount_fen;
END;
