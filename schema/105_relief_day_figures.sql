-- 105_relief_day_figures: the relief report's figures kept by village and DAY (the report takes any day
-- range) and by category, fund and batch, in the same transaction as every write that changes them
-- (issue 22): a payment made, a receipt voided, a household moved to another village, an application's
-- category, batch or household changed. The report sums the days of its period per village instead of
-- joining every payment to its application, household, village, category, fund and batch.
--
-- relief_day_figures replaces migration 070's relief_month_figures (a month is its days: the dashboard's
-- relief charts sum the days of their months), which is dropped with its triggers below.
--
-- The report's 户次 column (distinct households paid in the period in a group) cannot be summed from
-- days. For each grouping (dim: category, fund, village, year, batch) and group (g), a household's
-- "unit" is a day it was paid in that group; relief_household_units holds each unit with the household's
-- previous unit in the same group (prev_on), and relief_unit_figures counts the units by village and day.
-- The households paid in [from, to] are then the units in the period (summed from relief_unit_figures,
-- like the day figures) less the units whose previous one is also in the period (prev_on >= from: the
-- household's second, third ... day in the group within the period), read through a partial index of the
-- repeated units only. `bangfu check` recounts all three tables from the payments.
CREATE TABLE relief_day_figures (
    village_id  INTEGER NOT NULL,
    paid_on     TEXT NOT NULL,              -- YYYY-MM-DD
    category_id INTEGER NOT NULL,
    fund_id     INTEGER NOT NULL,
    batch_id    INTEGER NOT NULL,           -- 0 for an application outside a batch
    payments    INTEGER NOT NULL DEFAULT 0, -- payments not voided
    amount_fen  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (village_id, paid_on, category_id, fund_id, batch_id)
) WITHOUT ROWID;

CREATE TABLE relief_household_units (
    dim          TEXT NOT NULL,    -- category, fund, village, year, batch
    g            INTEGER NOT NULL, -- the group: category, fund or village id, year, batch id (0: single applications)
    household_id INTEGER NOT NULL,
    paid_on      TEXT NOT NULL,
    village_id   INTEGER NOT NULL, -- the household's village now
    payments     INTEGER NOT NULL, -- > 0: a unit whose payments are all voided is removed
    prev_on      TEXT,             -- the household's previous day paid in this group; NULL for its first
    PRIMARY KEY (dim, g, household_id, paid_on)
) WITHOUT ROWID;
CREATE INDEX relief_household_units_repeated ON relief_household_units(dim, village_id, prev_on, paid_on, g)
    WHERE prev_on IS NOT NULL;
CREATE INDEX relief_household_units_household ON relief_household_units(household_id);

CREATE TABLE relief_unit_figures (
    dim        TEXT NOT NULL,
    village_id INTEGER NOT NULL,
    paid_on    TEXT NOT NULL,
    g          INTEGER NOT NULL,
    units      INTEGER NOT NULL DEFAULT 0, -- households paid that day in the group
    PRIMARY KEY (dim, village_id, paid_on, g)
) WITHOUT ROWID;

-- The payments not voided with their cell (what both tables are recounted from, and filled from).
CREATE VIEW relief_valid_payments AS
SELECT h.village_id AS village_id, p.paid_on AS paid_on, a.category_id AS category_id, p.fund_id AS fund_id,
       coalesce(a.batch_id, 0) AS batch_id, a.household_id AS household_id, p.amount_fen AS amount_fen
FROM relief_payments p JOIN relief_applications a ON a.id = p.application_id JOIN households h ON h.id = a.household_id
WHERE h.village_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM receipt_events x WHERE x.payment_id = p.id AND x.kind = 'void');

CREATE VIEW relief_day_recount AS
SELECT village_id, paid_on, category_id, fund_id, batch_id, count(*) AS payments, sum(amount_fen) AS amount_fen
FROM relief_valid_payments GROUP BY 1, 2, 3, 4, 5;

-- Each payment once per grouping, with its group (voided ones too: the triggers below read one payment).
CREATE VIEW relief_payment_groups AS
SELECT p.id AS payment_id, a.household_id AS household_id, h.village_id AS village_id, p.paid_on AS paid_on, d.dim AS dim,
       CASE d.dim WHEN 'category' THEN a.category_id WHEN 'fund' THEN p.fund_id WHEN 'village' THEN h.village_id
           WHEN 'batch' THEN coalesce(a.batch_id, 0) ELSE CAST(substr(p.paid_on, 1, 4) AS INTEGER) END AS g
FROM relief_payments p JOIN relief_applications a ON a.id = p.application_id JOIN households h ON h.id = a.household_id,
     (SELECT 'category' AS dim UNION ALL SELECT 'fund' UNION ALL SELECT 'village' UNION ALL SELECT 'year'
      UNION ALL SELECT 'batch') AS d
WHERE h.village_id IS NOT NULL;

CREATE VIEW relief_household_unit_recount AS
SELECT dim, g, household_id, paid_on, village_id, count(*) AS payments,
       lag(paid_on) OVER (PARTITION BY dim, g, household_id ORDER BY paid_on) AS prev_on
FROM relief_payment_groups x
WHERE NOT EXISTS (SELECT 1 FROM receipt_events e WHERE e.payment_id = x.payment_id AND e.kind = 'void')
GROUP BY dim, g, household_id, paid_on;

CREATE VIEW relief_unit_recount AS
SELECT dim, village_id, paid_on, g, count(*) AS units FROM relief_household_unit_recount GROUP BY 1, 2, 3, 4;

INSERT INTO relief_day_figures SELECT * FROM relief_day_recount;
INSERT INTO relief_household_units SELECT * FROM relief_household_unit_recount;
INSERT INTO relief_unit_figures SELECT * FROM relief_unit_recount;

DROP TRIGGER relief_month_pay;
DROP TRIGGER relief_month_void;
DROP TRIGGER relief_month_move;
DROP VIEW relief_month_recount;
DROP TABLE relief_month_figures;

CREATE TRIGGER relief_day_pay AFTER INSERT ON relief_payments
BEGIN
    INSERT INTO relief_day_figures (village_id, paid_on, category_id, fund_id, batch_id, payments, amount_fen)
    SELECT h.village_id, NEW.paid_on, a.category_id, NEW.fund_id, coalesce(a.batch_id, 0), 1, NEW.amount_fen
    FROM relief_applications a JOIN households h ON h.id = a.household_id
    WHERE a.id = NEW.application_id AND h.village_id IS NOT NULL
    ON CONFLICT (village_id, paid_on, category_id, fund_id, batch_id) DO UPDATE
    SET payments = payments + 1, amount_fen = amount_fen + excluded.amount_fen;
    -- a new unit (the household's first payment that day in the group) counts in its day ...
    INSERT INTO relief_unit_figures (dim, village_id, paid_on, g, units)
    SELECT x.dim, x.village_id, x.paid_on, x.g, 1 FROM relief_payment_groups x
    WHERE x.payment_id = NEW.id AND NOT EXISTS (SELECT 1 FROM relief_household_units u WHERE u.dim = x.dim
        AND u.g = x.g AND u.household_id = x.household_id AND u.paid_on = x.paid_on)
    ON CONFLICT (dim, village_id, paid_on, g) DO UPDATE SET units = units + 1;
    -- ... is the previous one of the household's next unit in the group (a payment dated back) ...
    UPDATE relief_household_units SET prev_on = x.paid_on FROM relief_payment_groups x
    WHERE x.payment_id = NEW.id AND relief_household_units.dim = x.dim AND relief_household_units.g = x.g
      AND relief_household_units.household_id = x.household_id AND relief_household_units.paid_on = (SELECT min(n.paid_on) FROM relief_household_units n WHERE n.dim = x.dim AND n.g = x.g
                       AND n.household_id = x.household_id AND n.paid_on > x.paid_on);
    -- ... and follows the household's previous unit in the group.
    INSERT INTO relief_household_units (dim, g, household_id, paid_on, village_id, payments, prev_on)
    SELECT x.dim, x.g, x.household_id, x.paid_on, x.village_id, 1,
           (SELECT max(q.paid_on) FROM relief_household_units q WHERE q.dim = x.dim AND q.g = x.g
            AND q.household_id = x.household_id AND q.paid_on < x.paid_on)
    FROM relief_payment_groups x WHERE x.payment_id = NEW.id
    ON CONFLICT (dim, g, household_id, paid_on) DO UPDATE SET payments = payments + 1;
END;

-- A receipt voided (once: a second void is refused by receipt_events_one_void) takes its payment out;
-- a unit left without payments leaves its day's count, its next unit follows its previous one, and it goes.
CREATE TRIGGER relief_day_void AFTER INSERT ON receipt_events WHEN NEW.kind = 'void'
BEGIN
    UPDATE relief_day_figures SET payments = payments - 1, amount_fen = amount_fen - p.fen
    FROM (SELECT h.village_id AS v, p.paid_on AS d, a.category_id AS c, p.fund_id AS f, coalesce(a.batch_id, 0) AS b,
                 p.amount_fen AS fen
          FROM relief_payments p JOIN relief_applications a ON a.id = p.application_id
          JOIN households h ON h.id = a.household_id WHERE p.id = NEW.payment_id) AS p
    WHERE village_id = p.v AND paid_on = p.d AND category_id = p.c AND fund_id = p.f AND batch_id = p.b;
    UPDATE relief_household_units SET payments = payments - 1 FROM relief_payment_groups x
    WHERE x.payment_id = NEW.payment_id AND relief_household_units.dim = x.dim AND relief_household_units.g = x.g
      AND relief_household_units.household_id = x.household_id AND relief_household_units.paid_on = x.paid_on;
    UPDATE relief_unit_figures SET units = units - 1 FROM relief_household_units u
    WHERE u.household_id = (SELECT a.household_id FROM relief_payments p JOIN relief_applications a
                            ON a.id = p.application_id WHERE p.id = NEW.payment_id)
      AND u.payments = 0 AND relief_unit_figures.dim = u.dim AND relief_unit_figures.village_id = u.village_id
      AND relief_unit_figures.paid_on = u.paid_on AND relief_unit_figures.g = u.g;
    UPDATE relief_household_units SET prev_on = u.prev_on FROM relief_household_units u
    WHERE u.household_id = (SELECT a.household_id FROM relief_payments p JOIN relief_applications a
                            ON a.id = p.application_id WHERE p.id = NEW.payment_id)
      AND u.payments = 0 AND relief_household_units.dim = u.dim AND relief_household_units.g = u.g
      AND relief_household_units.household_id = u.household_id AND relief_household_units.prev_on = u.paid_on;
    DELETE FROM relief_household_units WHERE payments = 0 AND household_id =
        (SELECT a.household_id FROM relief_payments p JOIN relief_applications a ON a.id = p.application_id
         WHERE p.id = NEW.payment_id);
END;

-- A household moved to another village takes its relief figures along (the report counts a payment
-- under the household's current village, as it always has); its units of the village grouping change
-- group, the others only their village.
CREATE TRIGGER relief_day_move AFTER UPDATE OF village_id ON households WHEN OLD.village_id IS NOT NEW.village_id
BEGIN
    UPDATE relief_day_figures SET payments = payments - x.n, amount_fen = amount_fen - x.fen
    FROM (SELECT p.paid_on AS d, a.category_id AS c, p.fund_id AS f, coalesce(a.batch_id, 0) AS b, count(*) AS n,
                 sum(p.amount_fen) AS fen
          FROM relief_payments p JOIN relief_applications a ON a.id = p.application_id
          WHERE a.household_id = NEW.id AND NOT EXISTS (SELECT 1 FROM receipt_events e WHERE e.payment_id = p.id
                                                        AND e.kind = 'void') GROUP BY 1, 2, 3, 4) AS x
    WHERE village_id = OLD.village_id AND paid_on = x.d AND category_id = x.c AND fund_id = x.f AND batch_id = x.b;
    INSERT INTO relief_day_figures (village_id, paid_on, category_id, fund_id, batch_id, payments, amount_fen)
    SELECT NEW.village_id, p.paid_on, a.category_id, p.fund_id, coalesce(a.batch_id, 0), count(*), sum(p.amount_fen)
    FROM relief_payments p JOIN relief_applications a ON a.id = p.application_id
    WHERE a.household_id = NEW.id AND NEW.village_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM receipt_events e
        WHERE e.payment_id = p.id AND e.kind = 'void') GROUP BY 2, 3, 4, 5
    ON CONFLICT (village_id, paid_on, category_id, fund_id, batch_id) DO UPDATE
    SET payments = payments + excluded.payments, amount_fen = amount_fen + excluded.amount_fen;
    UPDATE relief_unit_figures SET units = units - c.n
    FROM (SELECT dim, g, paid_on, count(*) AS n FROM relief_household_units WHERE household_id = NEW.id GROUP BY 1, 2, 3) AS c
    WHERE relief_unit_figures.dim = c.dim AND relief_unit_figures.village_id = OLD.village_id
      AND relief_unit_figures.paid_on = c.paid_on AND relief_unit_figures.g = c.g;
    DELETE FROM relief_household_units WHERE household_id = NEW.id AND NEW.village_id IS NULL;
    UPDATE relief_household_units SET village_id = NEW.village_id,
        g = CASE dim WHEN 'village' THEN NEW.village_id ELSE g END WHERE household_id = NEW.id;
    INSERT INTO relief_unit_figures (dim, village_id, paid_on, g, units)
    SELECT dim, village_id, paid_on, g, count(*) FROM relief_household_units WHERE household_id = NEW.id GROUP BY 1, 2, 3, 4
    ON CONFLICT (dim, village_id, paid_on, g) DO UPDATE SET units = units + excluded.units;
END;

-- An application's category, batch or household is fixed once it has a valid payment (no step changes
-- them then; the figures above would otherwise have to follow).
CREATE TRIGGER relief_paid_application_fixed BEFORE UPDATE OF category_id, batch_id, household_id ON relief_applications
    WHEN (OLD.category_id IS NOT NEW.category_id OR OLD.batch_id IS NOT NEW.batch_id
          OR OLD.household_id IS NOT NEW.household_id)
     AND EXISTS (SELECT 1 FROM relief_payments p WHERE p.application_id = OLD.id AND NOT EXISTS
                 (SELECT 1 FROM receipt_events e WHERE e.payment_id = p.id AND e.kind = 'void'))
BEGIN
    SELECT RAISE(ABORT, 'a paid relief application keeps its category, batch and household');
END;
