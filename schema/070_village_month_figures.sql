-- 060_village_month_figures: figures kept per village and month in the same transaction as every
-- write that changes them (issue 22), so reports and the dashboard read a few rows per village
-- instead of joining every payment to its household. Kept by the triggers below (an INSERT of a
-- relief payment, a receipt voided, a repayment or its reversal, a guarantee payout or recovery,
-- and a household or loan moved to another village); `bangfu check` recomputes both tables from
-- the rows and reports any difference.

-- Relief paid, net of voided receipts, by the paying household's village, the month of payment,
-- the category and the fund.
CREATE TABLE relief_month_figures (
    village_id  INTEGER NOT NULL,
    month       TEXT NOT NULL,              -- YYYY-MM of paid_on
    category_id INTEGER NOT NULL,
    fund_id     INTEGER NOT NULL,
    payments    INTEGER NOT NULL DEFAULT 0, -- payments not voided
    amount_fen  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (village_id, month, category_id, fund_id)
) WITHOUT ROWID;

-- Repayments (reversals negative, in the month they were booked for) and guarantee payouts and
-- recoveries, by the loan's village and month.
CREATE TABLE loan_month_figures (
    village_id           INTEGER NOT NULL,
    month                TEXT NOT NULL,
    repaid_fen           INTEGER NOT NULL DEFAULT 0, -- every part of the repayments
    repaid_principal_fen INTEGER NOT NULL DEFAULT 0,
    payouts_fen          INTEGER NOT NULL DEFAULT 0, -- paid out by the guarantee fund (positive)
    recoveries_fen       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (village_id, month)
) WITHOUT ROWID;

-- The figures recomputed from the rows (what `bangfu check` compares with, and the starting point).
CREATE VIEW relief_month_recount AS
SELECT h.village_id AS village_id, substr(p.paid_on, 1, 7) AS month, a.category_id AS category_id, p.fund_id AS fund_id,
       count(*) AS payments, sum(p.amount_fen) AS amount_fen
FROM relief_payments p JOIN relief_applications a ON a.id = p.application_id JOIN households h ON h.id = a.household_id
WHERE NOT EXISTS (SELECT 1 FROM receipt_events x WHERE x.payment_id = p.id AND x.kind = 'void')
GROUP BY 1, 2, 3, 4;

CREATE VIEW loan_month_recount AS
SELECT village_id, month, sum(repaid_fen) AS repaid_fen, sum(repaid_principal_fen) AS repaid_principal_fen,
       sum(payouts_fen) AS payouts_fen, sum(recoveries_fen) AS recoveries_fen
FROM (SELECT l.village_id AS village_id, substr(r.paid_on, 1, 7) AS month, r.amount_fen AS repaid_fen,
             r.principal_fen + r.prepaid_principal_fen AS repaid_principal_fen, 0 AS payouts_fen, 0 AS recoveries_fen
      FROM repayments r JOIN loans l ON l.id = r.loan_id
      UNION ALL
      SELECT l.village_id, substr(g.on_date, 1, 7), 0, 0, CASE g.kind WHEN 'payout' THEN -g.amount_fen ELSE 0 END,
             CASE g.kind WHEN 'recovery' THEN g.amount_fen ELSE 0 END
      FROM guarantee_fund_entries g JOIN loans l ON l.id = g.loan_id WHERE g.kind IN ('payout', 'recovery'))
WHERE village_id IS NOT NULL
GROUP BY 1, 2;

INSERT INTO relief_month_figures SELECT * FROM relief_month_recount;
INSERT INTO loan_month_figures SELECT * FROM loan_month_recount;

CREATE TRIGGER relief_month_pay AFTER INSERT ON relief_payments
BEGIN
    INSERT INTO relief_month_figures (village_id, month, category_id, fund_id, payments, amount_fen)
    SELECT h.village_id, substr(NEW.paid_on, 1, 7), a.category_id, NEW.fund_id, 1, NEW.amount_fen
    FROM relief_applications a JOIN households h ON h.id = a.household_id WHERE a.id = NEW.application_id
    ON CONFLICT (village_id, month, category_id, fund_id) DO UPDATE
    SET payments = payments + 1, amount_fen = amount_fen + excluded.amount_fen;
END;

CREATE TRIGGER relief_month_void AFTER INSERT ON receipt_events WHEN NEW.kind = 'void'
    AND (SELECT count(*) FROM receipt_events WHERE payment_id = NEW.payment_id AND kind = 'void') = 1
BEGIN
    UPDATE relief_month_figures SET payments = payments - 1, amount_fen = amount_fen - p.fen
    FROM (SELECT h.village_id AS v, substr(p.paid_on, 1, 7) AS m, a.category_id AS c, p.fund_id AS f, p.amount_fen AS fen
          FROM relief_payments p JOIN relief_applications a ON a.id = p.application_id
          JOIN households h ON h.id = a.household_id WHERE p.id = NEW.payment_id) AS p
    WHERE village_id = p.v AND month = p.m AND category_id = p.c AND fund_id = p.f;
END;

CREATE TRIGGER loan_month_repay AFTER INSERT ON repayments
BEGIN
    INSERT INTO loan_month_figures (village_id, month, repaid_fen, repaid_principal_fen)
    SELECT l.village_id, substr(NEW.paid_on, 1, 7), NEW.amount_fen, NEW.principal_fen + NEW.prepaid_principal_fen
    FROM loans l WHERE l.id = NEW.loan_id AND l.village_id IS NOT NULL
    ON CONFLICT (village_id, month) DO UPDATE
    SET repaid_fen = repaid_fen + excluded.repaid_fen, repaid_principal_fen = repaid_principal_fen + excluded.repaid_principal_fen;
END;

CREATE TRIGGER loan_month_guarantee AFTER INSERT ON guarantee_fund_entries WHEN NEW.kind IN ('payout', 'recovery')
BEGIN
    INSERT INTO loan_month_figures (village_id, month, payouts_fen, recoveries_fen)
    SELECT l.village_id, substr(NEW.on_date, 1, 7), CASE NEW.kind WHEN 'payout' THEN -NEW.amount_fen ELSE 0 END,
           CASE NEW.kind WHEN 'recovery' THEN NEW.amount_fen ELSE 0 END
    FROM loans l WHERE l.id = NEW.loan_id AND l.village_id IS NOT NULL
    ON CONFLICT (village_id, month) DO UPDATE
    SET payouts_fen = payouts_fen + excluded.payouts_fen, recoveries_fen = recoveries_fen + excluded.recoveries_fen;
END;

-- A household moved to another village takes its relief figures along (the report counts a
-- payment under the household's current village, as it always has).
CREATE TRIGGER relief_month_move AFTER UPDATE OF village_id ON households WHEN OLD.village_id IS NOT NEW.village_id
BEGIN
    UPDATE relief_month_figures SET payments = payments - x.n, amount_fen = amount_fen - x.fen
    FROM (SELECT substr(p.paid_on, 1, 7) AS m, a.category_id AS c, p.fund_id AS f, count(*) AS n,
                 sum(p.amount_fen) AS fen
          FROM relief_payments p JOIN relief_applications a ON a.id = p.application_id
          WHERE a.household_id = NEW.id AND NOT EXISTS (SELECT 1 FROM receipt_events e WHERE e.payment_id = p.id
                                                        AND e.kind = 'void') GROUP BY 1, 2, 3) AS x
    WHERE village_id = OLD.village_id AND month = x.m AND category_id = x.c AND fund_id = x.f;
    INSERT INTO relief_month_figures (village_id, month, category_id, fund_id, payments, amount_fen)
    SELECT NEW.village_id, substr(p.paid_on, 1, 7), a.category_id, p.fund_id, count(*), sum(p.amount_fen)
    FROM relief_payments p JOIN relief_applications a ON a.id = p.application_id
    WHERE a.household_id = NEW.id AND NOT EXISTS (SELECT 1 FROM receipt_events e WHERE e.payment_id = p.id
                                                  AND e.kind = 'void') GROUP BY 1, 2, 3, 4
    ON CONFLICT (village_id, month, category_id, fund_id) DO UPDATE
    SET payments = payments + excluded.payments, amount_fen = amount_fen + excluded.amount_fen;
END;

-- A loan whose village changes (its household moved) takes its repayments, payouts and recoveries along.
CREATE TRIGGER loan_month_move AFTER UPDATE OF village_id ON loans
    WHEN OLD.village_id IS NOT NULL AND OLD.village_id IS NOT NEW.village_id
BEGIN
    UPDATE loan_month_figures SET repaid_fen = repaid_fen - x.a, repaid_principal_fen = repaid_principal_fen - x.b,
        payouts_fen = payouts_fen - x.c, recoveries_fen = recoveries_fen - x.d
    FROM (SELECT mon AS m, sum(ra) AS a, sum(rb) AS b, sum(rc) AS c, sum(rd) AS d FROM (
            SELECT substr(paid_on, 1, 7) AS mon, amount_fen AS ra, principal_fen + prepaid_principal_fen AS rb,
                   0 AS rc, 0 AS rd
            FROM repayments WHERE loan_id = NEW.id
            UNION ALL
            SELECT substr(on_date, 1, 7), 0, 0, CASE kind WHEN 'payout' THEN -amount_fen ELSE 0 END,
                   CASE kind WHEN 'recovery' THEN amount_fen ELSE 0 END
            FROM guarantee_fund_entries WHERE loan_id = NEW.id AND kind IN ('payout', 'recovery')) GROUP BY 1) AS x
    WHERE village_id = OLD.village_id AND month = x.m;
    INSERT INTO loan_month_figures (village_id, month, repaid_fen, repaid_principal_fen, payouts_fen, recoveries_fen)
    SELECT NEW.village_id, month, sum(repaid_fen), sum(repaid_principal_fen), sum(payouts_fen), sum(recoveries_fen) FROM (
        SELECT substr(paid_on, 1, 7) AS month, amount_fen AS repaid_fen,
               principal_fen + prepaid_principal_fen AS repaid_principal_fen, 0 AS payouts_fen, 0 AS recoveries_fen
        FROM repayments WHERE loan_id = NEW.id
        UNION ALL
        SELECT substr(on_date, 1, 7), 0, 0, CASE kind WHEN 'payout' THEN -amount_fen ELSE 0 END,
               CASE kind WHEN 'recovery' THEN amount_fen ELSE 0 END
        FROM guarantee_fund_entries WHERE loan_id = NEW.id AND kind IN ('payout', 'recovery'))
    WHERE NEW.village_id IS NOT NULL GROUP BY 1
    ON CONFLICT (village_id, month) DO UPDATE
    SET repaid_fen = repaid_fen + excluded.repaid_fen, repaid_principal_fen = repaid_principal_fen + excluded.repaid_principal_fen,
        payouts_fen = payouts_fen + excluded.payouts_fen, recoveries_fen = recoveries_fen + excluded.recoveries_fen;
END;
