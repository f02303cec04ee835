-- 098_relief_application_figures: relief applications counted and summed by the household's village,
-- state, category, batch and day applied, kept by the triggers below in the same transaction as every
-- write to an application (each step of its way, a batch, a move of the household), so the relief
-- list's count and 合计 and the dashboard's relief queues read a few rows per village instead of every
-- application of the scope (issue 22). `bangfu check` recounts the table from the applications.
CREATE TABLE relief_application_figures (
    village_id   INTEGER NOT NULL,
    state        TEXT NOT NULL,
    category_id  INTEGER NOT NULL,
    batch_id     INTEGER NOT NULL, -- 0 for an application outside a batch
    applied_on   TEXT NOT NULL,
    applications INTEGER NOT NULL DEFAULT 0,
    amount_fen   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (village_id, state, category_id, batch_id, applied_on)
) WITHOUT ROWID;

CREATE VIEW relief_application_recount AS
SELECT h.village_id AS village_id, a.state AS state, a.category_id AS category_id, coalesce(a.batch_id, 0) AS batch_id,
       a.applied_on AS applied_on, count(*) AS applications, sum(a.amount_fen) AS amount_fen
FROM relief_applications a JOIN households h ON h.id = a.household_id WHERE h.village_id IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO relief_application_figures SELECT * FROM relief_application_recount;

CREATE TRIGGER relief_application_add AFTER INSERT ON relief_applications
BEGIN
    INSERT INTO relief_application_figures (village_id, state, category_id, batch_id, applied_on, applications, amount_fen)
    SELECT h.village_id, NEW.state, NEW.category_id, coalesce(NEW.batch_id, 0), NEW.applied_on, 1, NEW.amount_fen
    FROM households h WHERE h.id = NEW.household_id AND h.village_id IS NOT NULL
    ON CONFLICT (village_id, state, category_id, batch_id, applied_on) DO UPDATE
    SET applications = applications + 1, amount_fen = amount_fen + excluded.amount_fen;
END;

-- An application changed (a step, a batch, its amount): its old cell loses it (emptied cells are
-- removed), its new cell gains it.
CREATE TRIGGER relief_application_change AFTER UPDATE OF state, category_id, batch_id, applied_on, amount_fen,
    household_id ON relief_applications
BEGIN
    UPDATE relief_application_figures SET applications = applications - 1, amount_fen = amount_fen - OLD.amount_fen
    WHERE village_id = (SELECT village_id FROM households WHERE id = OLD.household_id) AND state = OLD.state
      AND category_id = OLD.category_id AND batch_id = coalesce(OLD.batch_id, 0) AND applied_on = OLD.applied_on;
    DELETE FROM relief_application_figures
    WHERE village_id = (SELECT village_id FROM households WHERE id = OLD.household_id) AND state = OLD.state
      AND category_id = OLD.category_id AND batch_id = coalesce(OLD.batch_id, 0) AND applied_on = OLD.applied_on
      AND applications = 0;
    INSERT INTO relief_application_figures (village_id, state, category_id, batch_id, applied_on, applications, amount_fen)
    SELECT h.village_id, NEW.state, NEW.category_id, coalesce(NEW.batch_id, 0), NEW.applied_on, 1, NEW.amount_fen
    FROM households h WHERE h.id = NEW.household_id AND h.village_id IS NOT NULL
    ON CONFLICT (village_id, state, category_id, batch_id, applied_on) DO UPDATE
    SET applications = applications + 1, amount_fen = amount_fen + excluded.amount_fen;
END;

CREATE TRIGGER relief_application_remove AFTER DELETE ON relief_applications
BEGIN
    UPDATE relief_application_figures SET applications = applications - 1, amount_fen = amount_fen - OLD.amount_fen
    WHERE village_id = (SELECT village_id FROM households WHERE id = OLD.household_id) AND state = OLD.state
      AND category_id = OLD.category_id AND batch_id = coalesce(OLD.batch_id, 0) AND applied_on = OLD.applied_on;
    DELETE FROM relief_application_figures
    WHERE village_id = (SELECT village_id FROM households WHERE id = OLD.household_id) AND state = OLD.state
      AND category_id = OLD.category_id AND batch_id = coalesce(OLD.batch_id, 0) AND applied_on = OLD.applied_on
      AND applications = 0;
END;

-- A household moved to another village takes its applications along.
CREATE TRIGGER relief_application_move AFTER UPDATE OF village_id ON households WHEN OLD.village_id IS NOT NEW.village_id
BEGIN
    UPDATE relief_application_figures SET applications = applications - x.n, amount_fen = amount_fen - x.fen
    FROM (SELECT state AS s, category_id AS c, coalesce(batch_id, 0) AS b, applied_on AS d, count(*) AS n,
                 sum(amount_fen) AS fen FROM relief_applications WHERE household_id = NEW.id GROUP BY 1, 2, 3, 4) AS x
    WHERE village_id = OLD.village_id AND state = x.s AND category_id = x.c AND batch_id = x.b AND applied_on = x.d;
    DELETE FROM relief_application_figures WHERE village_id = OLD.village_id AND applications = 0;
    INSERT INTO relief_application_figures (village_id, state, category_id, batch_id, applied_on, applications, amount_fen)
    SELECT NEW.village_id, state, category_id, coalesce(batch_id, 0), applied_on, count(*), sum(amount_fen)
    FROM relief_applications WHERE household_id = NEW.id AND NEW.village_id IS NOT NULL GROUP BY 2, 3, 4, 5
    ON CONFLICT (village_id, state, category_id, batch_id, applied_on) DO UPDATE
    SET applications = applications + excluded.applications, amount_fen = amount_fen + excluded.amount_fen;
END;
