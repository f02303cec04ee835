-- 105_relief_day_figures: the relief report's figures kept by village and DAY (the report takes any day
-- range) and by category, fund and batch, in the same transaction as every write that changes them
-- (issue 22): a payment made, a receipt voided, a household moved to another village, an application's
-- category, batch or household changed. The report sums the days of its period per village instead of
-- joining every payment to its application, household, village, category, fund and batch.
--
-- relief_day_figures replaces migration 070's relief_month_figures (a month is its days: the dashboard's
-- relief charts sum the days of their months), which is dropped with its triggers below.
--
-- relief_household_days holds, per household, each day and cell it was paid in (voided payments left
-- out): the report's 户次 column (distinct households paid in the period in a group) is counted from it,
-- read through its key (village, day) without joining a household or an application. `bangfu check`
-- recounts both tables from the payments.
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

CREATE TABLE relief_household_days (
    village_id   INTEGER NOT NULL,
    paid_on      TEXT NOT NULL,
    category_id  INTEGER NOT NULL,
    fund_id      INTEGER NOT NULL,
    batch_id     INTEGER NOT NULL,
    household_id INTEGER NOT NULL,
    payments     INTEGER NOT NULL, -- > 0: a row whose payments are all voided is removed
    PRIMARY KEY (village_id, paid_on, category_id, fund_id, batch_id, household_id)
) WITHOUT ROWID;
CREATE INDEX relief_household_days_household ON relief_household_days(household_id);

-- The payments not voided with their cell (what both tables are recounted from, and filled from).
CREATE VIEW relief_valid_payments AS
SELECT h.village_id AS village_id, p.paid_on AS paid_on, a.category_id AS category_id, p.fund_id AS fund_id,
       coalesce(a.batch_id, 0) AS batch_id, a.household_id AS household_id, p.amount_fen AS amount_fen
FROM relief_payments p JOIN relief_applications a ON a.id = p.application_id JOIN households h ON h.id = a.household_id
WHERE h.village_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM receipt_events x WHERE x.payment_id = p.id AND x.kind = 'void');

CREATE VIEW relief_day_recount AS
SELECT village_id, paid_on, category_id, fund_id, batch_id, count(*) AS payments, sum(amount_fen) AS amount_fen
FROM relief_valid_payments GROUP BY 1, 2, 3, 4, 5;

CREATE VIEW relief_household_day_recount AS
SELECT village_id, paid_on, category_id, fund_id, batch_id, household_id, count(*) AS payments
FROM relief_valid_payments GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO relief_day_figures SELECT * FROM relief_day_recount;
INSERT INTO relief_household_days SELECT * FROM relief_household_day_recount;

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
    INSERT INTO relief_household_days (village_id, paid_on, category_id, fund_id, batch_id, household_id, payments)
    SELECT h.village_id, NEW.paid_on, a.category_id, NEW.fund_id, coalesce(a.batch_id, 0), h.id, 1
    FROM relief_applications a JOIN households h ON h.id = a.household_id
    WHERE a.id = NEW.application_id AND h.village_id IS NOT NULL
    ON CONFLICT (village_id, paid_on, category_id, fund_id, batch_id, household_id) DO UPDATE SET payments = payments + 1;
END;

-- A receipt voided (once: a second void is refused by receipt_events_one_void) takes its payment out.
CREATE TRIGGER relief_day_void AFTER INSERT ON receipt_events WHEN NEW.kind = 'void'
BEGIN
    UPDATE relief_day_figures SET payments = payments - 1, amount_fen = amount_fen - p.fen
    FROM (SELECT h.village_id AS v, p.paid_on AS d, a.category_id AS c, p.fund_id AS f, coalesce(a.batch_id, 0) AS b,
                 p.amount_fen AS fen
          FROM relief_payments p JOIN relief_applications a ON a.id = p.application_id
          JOIN households h ON h.id = a.household_id WHERE p.id = NEW.payment_id) AS p
    WHERE village_id = p.v AND paid_on = p.d AND category_id = p.c AND fund_id = p.f AND batch_id = p.b;
    UPDATE relief_household_days SET payments = payments - 1
    FROM (SELECT h.village_id AS v, p.paid_on AS d, a.category_id AS c, p.fund_id AS f, coalesce(a.batch_id, 0) AS b,
                 h.id AS hh
          FROM relief_payments p JOIN relief_applications a ON a.id = p.application_id
          JOIN households h ON h.id = a.household_id WHERE p.id = NEW.payment_id) AS p
    WHERE village_id = p.v AND paid_on = p.d AND category_id = p.c AND fund_id = p.f AND batch_id = p.b
      AND household_id = p.hh;
    DELETE FROM relief_household_days WHERE payments = 0 AND household_id =
        (SELECT a.household_id FROM relief_payments p JOIN relief_applications a ON a.id = p.application_id
         WHERE p.id = NEW.payment_id);
END;

-- A household moved to another village takes its relief figures along (the report counts a payment
-- under the household's current village, as it always has).
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
    DELETE FROM relief_household_days WHERE household_id = NEW.id AND NEW.village_id IS NULL;
    UPDATE relief_household_days SET village_id = NEW.village_id WHERE household_id = NEW.id;
END;

-- An application's category, batch or household changed (no step does so once it is paid today; kept
-- right should one): its valid payments leave their old cells and enter the new ones.
CREATE TRIGGER relief_day_application_change AFTER UPDATE OF category_id, batch_id, household_id ON relief_applications
    WHEN OLD.category_id IS NOT NEW.category_id OR OLD.batch_id IS NOT NEW.batch_id
      OR OLD.household_id IS NOT NEW.household_id
BEGIN
    UPDATE relief_day_figures SET payments = payments - x.n, amount_fen = amount_fen - x.fen
    FROM (SELECT h.village_id AS v, p.paid_on AS d, p.fund_id AS f, count(*) AS n, sum(p.amount_fen) AS fen
          FROM relief_payments p, households h WHERE p.application_id = NEW.id AND h.id = OLD.household_id
            AND NOT EXISTS (SELECT 1 FROM receipt_events e WHERE e.payment_id = p.id AND e.kind = 'void')
          GROUP BY 1, 2, 3) AS x
    WHERE village_id = x.v AND paid_on = x.d AND category_id = OLD.category_id AND fund_id = x.f
      AND batch_id = coalesce(OLD.batch_id, 0);
    UPDATE relief_household_days SET payments = payments - x.n
    FROM (SELECT h.village_id AS v, p.paid_on AS d, p.fund_id AS f, count(*) AS n
          FROM relief_payments p, households h WHERE p.application_id = NEW.id AND h.id = OLD.household_id
            AND NOT EXISTS (SELECT 1 FROM receipt_events e WHERE e.payment_id = p.id AND e.kind = 'void')
          GROUP BY 1, 2, 3) AS x
    WHERE village_id = x.v AND paid_on = x.d AND category_id = OLD.category_id AND fund_id = x.f
      AND batch_id = coalesce(OLD.batch_id, 0) AND household_id = OLD.household_id;
    DELETE FROM relief_household_days WHERE household_id = OLD.household_id AND payments = 0;
    INSERT INTO relief_day_figures (village_id, paid_on, category_id, fund_id, batch_id, payments, amount_fen)
    SELECT h.village_id, p.paid_on, NEW.category_id, p.fund_id, coalesce(NEW.batch_id, 0), count(*), sum(p.amount_fen)
    FROM relief_payments p, households h WHERE p.application_id = NEW.id AND h.id = NEW.household_id
      AND h.village_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM receipt_events e WHERE e.payment_id = p.id AND e.kind = 'void')
    GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (village_id, paid_on, category_id, fund_id, batch_id) DO UPDATE
    SET payments = payments + excluded.payments, amount_fen = amount_fen + excluded.amount_fen;
    INSERT INTO relief_household_days (village_id, paid_on, category_id, fund_id, batch_id, household_id, payments)
    SELECT h.village_id, p.paid_on, NEW.category_id, p.fund_id, coalesce(NEW.batch_id, 0), h.id, count(*)
    FROM relief_payments p, households h WHERE p.application_id = NEW.id AND h.id = NEW.household_id
      AND h.village_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM receipt_events e WHERE e.payment_id = p.id AND e.kind = 'void')
    GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (village_id, paid_on, category_id, fund_id, batch_id, household_id) DO UPDATE
    SET payments = payments + excluded.payments;
END;
