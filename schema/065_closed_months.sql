-- 065_closed_months: month-end portfolio figures kept per village for every closed month, computed
-- once for all villages together (by the server's background closer, or by the first request that
-- needs a month not closed yet) and summed over the user's scope when read. Replaces month_figures,
-- which was kept per scope and computed on each scope's first visit after a month closed.
CREATE TABLE closed_months (
    month       TEXT PRIMARY KEY,   -- 'YYYY-MM': every village's figures are in village_months
    computed_on TEXT NOT NULL       -- the date (China time) they were computed
) WITHOUT ROWID;
CREATE TABLE village_months (
    month           TEXT NOT NULL,  -- 'YYYY-MM'
    village_id      INTEGER NOT NULL REFERENCES units(id),
    disbursed_fen   INTEGER NOT NULL,  -- principal disbursed in the month
    outstanding_fen INTEGER NOT NULL,  -- outstanding principal at the month's last day
    par30_fen       INTEGER NOT NULL,  -- of which in loans more than 30 days late then
    PRIMARY KEY (month, village_id)
) WITHOUT ROWID;
DROP TABLE month_figures;
