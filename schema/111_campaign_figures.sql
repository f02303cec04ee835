-- 111_campaign_figures: each campaign's progress kept in the same transaction as every payment that
-- counts for it (issue 22). A campaign counts the payments of its programme dated within its period
-- (relief receipts not voided, and the paid rows of its rolls), summed per household; a household is
-- reached when its sum is at least the campaign's minimum (docs/domain.md, "Campaigns"). The sums per
-- household are kept in campaign_households, and the households paid, reached and the amount per
-- village (the household's village now) in campaign_village_figures, so the dashboard's campaigns,
-- /campaigns and their API read a few rows per village instead of every payment of the period.
-- `bangfu check` compares both tables with the views that recount them from the payments.
CREATE TABLE campaign_households (
    campaign_id  INTEGER NOT NULL,
    household_id INTEGER NOT NULL,
    payments     INTEGER NOT NULL DEFAULT 0, -- the payments counted (a row with none is removed)
    total_fen    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign_id, household_id)
) WITHOUT ROWID;
CREATE INDEX campaign_households_household ON campaign_households(household_id);

CREATE TABLE campaign_village_figures (
    campaign_id        INTEGER NOT NULL,
    village_id         INTEGER NOT NULL,
    households_paid    INTEGER NOT NULL DEFAULT 0,
    households_reached INTEGER NOT NULL DEFAULT 0,
    amount_fen         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign_id, village_id)
) WITHOUT ROWID;

-- The payments that count for each campaign (campaign, household, amount).
CREATE VIEW campaign_payments AS
SELECT k.id AS campaign_id, a.household_id AS household_id, rp.amount_fen AS amount_fen
FROM campaigns k JOIN relief_categories rc ON rc.programme_id = k.programme_id
JOIN relief_applications a ON a.category_id = rc.id JOIN relief_payments rp ON rp.application_id = a.id
WHERE rp.paid_on BETWEEN k.from_on AND k.to_on
  AND NOT EXISTS (SELECT 1 FROM receipt_events ev WHERE ev.payment_id = rp.id AND ev.kind = 'void')
UNION ALL
SELECT k.id, rr.household_id, rr.amount_fen FROM campaigns k JOIN rolls ro ON ro.programme_id = k.programme_id
JOIN roll_rows rr ON rr.roll_id = ro.id WHERE rr.pay_state = 'paid' AND rr.paid_on BETWEEN k.from_on AND k.to_on;

-- The tables recounted from the payments (what `bangfu check` compares with, and the starting point).
CREATE VIEW campaign_household_recount AS
SELECT campaign_id, household_id, count(*) AS payments, sum(amount_fen) AS total_fen
FROM campaign_payments GROUP BY campaign_id, household_id;

CREATE VIEW campaign_village_recount AS
SELECT c.campaign_id AS campaign_id, h.village_id AS village_id, count(*) AS households_paid,
       sum(c.total_fen >= k.min_amount_fen) AS households_reached, sum(c.total_fen) AS amount_fen
FROM campaign_household_recount c JOIN campaigns k ON k.id = c.campaign_id JOIN households h ON h.id = c.household_id
GROUP BY 1, 2;

INSERT INTO campaign_households SELECT * FROM campaign_household_recount;
INSERT INTO campaign_village_figures SELECT * FROM campaign_village_recount;

-- A household's sum changed: its old contribution leaves its village's cell and its new one joins
-- (a cell emptied is removed).
CREATE TRIGGER campaign_household_add AFTER INSERT ON campaign_households
BEGIN
    INSERT INTO campaign_village_figures (campaign_id, village_id, households_paid, households_reached, amount_fen)
    SELECT NEW.campaign_id, h.village_id, 1, NEW.total_fen >= k.min_amount_fen, NEW.total_fen
    FROM households h JOIN campaigns k ON k.id = NEW.campaign_id WHERE h.id = NEW.household_id
    ON CONFLICT (campaign_id, village_id) DO UPDATE SET households_paid = households_paid + 1,
        households_reached = households_reached + excluded.households_reached,
        amount_fen = amount_fen + excluded.amount_fen;
END;

CREATE TRIGGER campaign_household_change AFTER UPDATE ON campaign_households
BEGIN
    UPDATE campaign_village_figures SET
        households_paid = households_paid + (NEW.payments > 0) - (OLD.payments > 0),
        households_reached = households_reached
            + (NEW.payments > 0 AND NEW.total_fen >= (SELECT min_amount_fen FROM campaigns WHERE id = NEW.campaign_id))
            - (OLD.payments > 0 AND OLD.total_fen >= (SELECT min_amount_fen FROM campaigns WHERE id = OLD.campaign_id)),
        amount_fen = amount_fen + NEW.total_fen - OLD.total_fen
    WHERE campaign_id = NEW.campaign_id AND village_id = (SELECT village_id FROM households WHERE id = NEW.household_id);
    DELETE FROM campaign_village_figures WHERE campaign_id = NEW.campaign_id
        AND village_id = (SELECT village_id FROM households WHERE id = NEW.household_id) AND households_paid = 0;
END;

CREATE TRIGGER campaign_household_remove AFTER DELETE ON campaign_households
BEGIN
    UPDATE campaign_village_figures SET households_paid = households_paid - (OLD.payments > 0),
        households_reached = households_reached
            - (OLD.payments > 0 AND OLD.total_fen >= (SELECT min_amount_fen FROM campaigns WHERE id = OLD.campaign_id)),
        amount_fen = amount_fen - OLD.total_fen
    WHERE campaign_id = OLD.campaign_id AND village_id = (SELECT village_id FROM households WHERE id = OLD.household_id);
    DELETE FROM campaign_village_figures WHERE campaign_id = OLD.campaign_id
        AND village_id = (SELECT village_id FROM households WHERE id = OLD.household_id) AND households_paid = 0;
END;

-- A household moving village takes its sums along.
CREATE TRIGGER campaign_household_move AFTER UPDATE OF village_id ON households WHEN OLD.village_id IS NOT NEW.village_id
BEGIN
    INSERT INTO campaign_village_figures (campaign_id, village_id, households_paid, households_reached, amount_fen)
    SELECT c.campaign_id, OLD.village_id, -1, -(c.total_fen >= k.min_amount_fen), -c.total_fen
    FROM campaign_households c JOIN campaigns k ON k.id = c.campaign_id WHERE c.household_id = NEW.id
    ON CONFLICT (campaign_id, village_id) DO UPDATE SET households_paid = households_paid + excluded.households_paid,
        households_reached = households_reached + excluded.households_reached,
        amount_fen = amount_fen + excluded.amount_fen;
    INSERT INTO campaign_village_figures (campaign_id, village_id, households_paid, households_reached, amount_fen)
    SELECT c.campaign_id, NEW.village_id, 1, c.total_fen >= k.min_amount_fen, c.total_fen
    FROM campaign_households c JOIN campaigns k ON k.id = c.campaign_id WHERE c.household_id = NEW.id
    ON CONFLICT (campaign_id, village_id) DO UPDATE SET households_paid = households_paid + excluded.households_paid,
        households_reached = households_reached + excluded.households_reached,
        amount_fen = amount_fen + excluded.amount_fen;
    DELETE FROM campaign_village_figures WHERE village_id = OLD.village_id AND households_paid = 0
        AND campaign_id IN (SELECT campaign_id FROM campaign_households WHERE household_id = NEW.id);
END;

-- A relief payment counts for every campaign of its category's programme whose period holds its day.
CREATE TRIGGER campaign_relief_paid AFTER INSERT ON relief_payments
BEGIN
    INSERT INTO campaign_households (campaign_id, household_id, payments, total_fen)
    SELECT k.id, a.household_id, 1, NEW.amount_fen FROM relief_applications a
    JOIN relief_categories rc ON rc.id = a.category_id JOIN campaigns k ON k.programme_id = rc.programme_id
    WHERE a.id = NEW.application_id AND NEW.paid_on BETWEEN k.from_on AND k.to_on
    ON CONFLICT (campaign_id, household_id) DO UPDATE SET payments = payments + 1,
        total_fen = total_fen + excluded.total_fen;
END;

-- A voided receipt no longer counts.
CREATE TRIGGER campaign_relief_void AFTER INSERT ON receipt_events WHEN NEW.kind = 'void'
BEGIN
    UPDATE campaign_households SET payments = payments - 1,
        total_fen = total_fen - (SELECT amount_fen FROM relief_payments WHERE id = NEW.payment_id)
    WHERE (campaign_id, household_id) IN (
        SELECT k.id, a.household_id FROM relief_payments rp JOIN relief_applications a ON a.id = rp.application_id
        JOIN relief_categories rc ON rc.id = a.category_id JOIN campaigns k ON k.programme_id = rc.programme_id
        WHERE rp.id = NEW.payment_id AND rp.paid_on BETWEEN k.from_on AND k.to_on);
    DELETE FROM campaign_households WHERE payments = 0 AND household_id = (SELECT a.household_id
        FROM relief_payments rp JOIN relief_applications a ON a.id = rp.application_id WHERE rp.id = NEW.payment_id);
END;

-- A roll's row counts while it is paid (its day within the period).
CREATE TRIGGER campaign_roll_paid AFTER UPDATE OF pay_state, paid_on, amount_fen, household_id ON roll_rows
    WHEN OLD.pay_state = 'paid' OR NEW.pay_state = 'paid'
BEGIN
    UPDATE campaign_households SET payments = payments - 1, total_fen = total_fen - OLD.amount_fen
    WHERE OLD.pay_state = 'paid' AND household_id = OLD.household_id AND campaign_id IN (
        SELECT k.id FROM rolls ro JOIN campaigns k ON k.programme_id = ro.programme_id
        WHERE ro.id = OLD.roll_id AND OLD.paid_on BETWEEN k.from_on AND k.to_on);
    DELETE FROM campaign_households WHERE payments = 0 AND household_id = OLD.household_id;
    INSERT INTO campaign_households (campaign_id, household_id, payments, total_fen)
    SELECT k.id, NEW.household_id, 1, NEW.amount_fen FROM rolls ro JOIN campaigns k ON k.programme_id = ro.programme_id
    WHERE NEW.pay_state = 'paid' AND ro.id = NEW.roll_id AND NEW.paid_on BETWEEN k.from_on AND k.to_on
    ON CONFLICT (campaign_id, household_id) DO UPDATE SET payments = payments + 1,
        total_fen = total_fen + excluded.total_fen;
END;

-- A new campaign counts the payments already made within its period.
CREATE TRIGGER campaign_start AFTER INSERT ON campaigns
BEGIN
    INSERT INTO campaign_households (campaign_id, household_id, payments, total_fen)
    SELECT campaign_id, household_id, payments, total_fen FROM campaign_household_recount WHERE campaign_id = NEW.id;
END;
