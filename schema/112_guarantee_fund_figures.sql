-- 112_guarantee_fund_figures: the guarantee fund's balance and the guaranteed amount outstanding (the sum
-- over the active guarantees) kept in one row by the triggers below, in the same transaction as every
-- fund entry and every guarantee given, released or restored (issue 22): the dashboard's 担保基金尚可担保,
-- the fund page and the capacity check when a guarantee is given read it instead of summing every
-- active guarantee (one per loan outstanding). `bangfu check` compares it with the recounting view.
CREATE TABLE guarantee_fund_figures (
    id                         INTEGER PRIMARY KEY CHECK (id = 1),
    balance_fen                INTEGER NOT NULL DEFAULT 0,
    guaranteed_outstanding_fen INTEGER NOT NULL DEFAULT 0
);

CREATE VIEW guarantee_fund_recount AS
SELECT 1 AS id, (SELECT coalesce(sum(amount_fen), 0) FROM guarantee_fund_entries) AS balance_fen,
       (SELECT coalesce(sum(guaranteed_fen), 0) FROM guarantees WHERE active = 1) AS guaranteed_outstanding_fen;

INSERT INTO guarantee_fund_figures SELECT * FROM guarantee_fund_recount;

-- Entries are append-only (002): an insert is the only change.
CREATE TRIGGER guarantee_fund_figures_entry AFTER INSERT ON guarantee_fund_entries
BEGIN
    UPDATE guarantee_fund_figures SET balance_fen = balance_fen + NEW.amount_fen WHERE id = 1;
END;

CREATE TRIGGER guarantee_fund_figures_given AFTER INSERT ON guarantees WHEN NEW.active = 1
BEGIN
    UPDATE guarantee_fund_figures SET guaranteed_outstanding_fen = guaranteed_outstanding_fen + NEW.guaranteed_fen
    WHERE id = 1;
END;

CREATE TRIGGER guarantee_fund_figures_change AFTER UPDATE OF active, guaranteed_fen ON guarantees
BEGIN
    UPDATE guarantee_fund_figures SET guaranteed_outstanding_fen = guaranteed_outstanding_fen
        - CASE WHEN OLD.active = 1 THEN OLD.guaranteed_fen ELSE 0 END + CASE WHEN NEW.active = 1 THEN NEW.guaranteed_fen ELSE 0 END
    WHERE id = 1;
END;

CREATE TRIGGER guarantee_fund_figures_remove AFTER DELETE ON guarantees WHEN OLD.active = 1
BEGIN
    UPDATE guarantee_fund_figures SET guaranteed_outstanding_fen = guaranteed_outstanding_fen - OLD.guaranteed_fen
    WHERE id = 1;
END;
