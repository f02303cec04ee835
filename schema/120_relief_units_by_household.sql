-- 120_relief_units_by_household: relief_household_units (105) keyed by household first. Every
-- statement that reads or writes it names the household (the triggers of a payment, a void and a
-- household's move) except the relief report, which reads the partial index of repeated units. Keyed
-- (dim, g, household_id, paid_on), a payment's five units (one per grouping) lay on five leaf pages
-- far apart, and the separate index by household added a sixth: about 7 of the 25 pages each relief
-- payment wrote and synced inside the process's one writer. Keyed (household_id, dim, g, paid_on),
-- the five sit together and the key serves the household's lookups. The columns keep their order
-- (the recount view and `bangfu check` compare rows column by column).
--
-- The table is rebuilt and renamed into place. legacy_alter_table keeps the rename from rewriting
-- (and first checking) the triggers of relief_payments, receipt_events and households that name the
-- table: they name it still, and find the new one.
CREATE TABLE relief_household_units_by_household (
    dim          TEXT NOT NULL,    -- category, fund, village, year, batch
    g            INTEGER NOT NULL, -- the group: category, fund or village id, year, batch id (0: single applications)
    household_id INTEGER NOT NULL,
    paid_on      TEXT NOT NULL,
    village_id   INTEGER NOT NULL, -- the household's village now
    payments     INTEGER NOT NULL, -- > 0: a unit whose payments are all voided is removed
    prev_on      TEXT,             -- the household's previous day paid in this group; NULL for its first
    PRIMARY KEY (household_id, dim, g, paid_on)
) WITHOUT ROWID;
INSERT INTO relief_household_units_by_household (dim, g, household_id, paid_on, village_id, payments, prev_on)
SELECT dim, g, household_id, paid_on, village_id, payments, prev_on FROM relief_household_units
ORDER BY household_id, dim, g, paid_on;
DROP TABLE relief_household_units;
PRAGMA legacy_alter_table = ON;
ALTER TABLE relief_household_units_by_household RENAME TO relief_household_units;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX relief_household_units_repeated ON relief_household_units(dim, village_id, prev_on, paid_on, g)
    WHERE prev_on IS NOT NULL;
