-- 121_active_loan_bands: today's portfolio figures (the five grades and PAR30 of every active loan,
-- by village) read from six rows a village instead of active_loan_figures' one row per village and
-- oldest unpaid due day, which grows with the loans (1,742 rows at 10,000 loans, 3,308 at 100,000
-- in the benchmark's 20 villages: the portfolio report and API cost 1.9-3x as much; issue 22).
--
-- active_loan_bands sums active_loan_figures by how many days past due its oldest unpaid due day is
-- on one day, active_loan_band_day.day (the band's bounds are kept beside it):
--   0 not overdue (nothing unpaid, or the oldest unpaid instalment falls due on that day or later)
--   1 1-30 days past due      2 31-90      3 91-180      4 181-360      5 more than 360
-- So grade 关注 is bands 1 and 2, 次级 3, 可疑 4, 损失 5, and PAR30 bands 2 to 5. The triggers
-- below keep it in the same transaction as every change to active_loan_figures (every write to a
-- loan). A new day moves loans between bands: `bangfu serve`'s closer thread recounts the table
-- for the new day (loan_bands_roll) at start-up and at its next look after midnight (every
-- BANGFU_CLOSE_INTERVAL seconds, default 60); until then, and for
-- any other day, the reports read active_loan_figures as before. `bangfu check` recounts the table
-- from the loans. day '' (before the first roll): no day, nothing reads the table.
CREATE TABLE active_loan_band_day (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    day  TEXT NOT NULL,   -- YYYY-MM-DD, the day the bands are counted for; '' for none
    d30  TEXT NOT NULL,   -- the days 30, 90, 180 and 360 before it: the bands' lower bounds
    d90  TEXT NOT NULL,
    d180 TEXT NOT NULL,
    d360 TEXT NOT NULL
);
INSERT INTO active_loan_band_day VALUES (1, '', '', '', '', '');

CREATE TABLE active_loan_bands (
    village_id      INTEGER NOT NULL,
    band            INTEGER NOT NULL CHECK (band BETWEEN 0 AND 5),
    loans           INTEGER NOT NULL DEFAULT 0,
    principal_fen   INTEGER NOT NULL DEFAULT 0, -- as disbursed
    outstanding_fen INTEGER NOT NULL DEFAULT 0, -- outstanding principal
    PRIMARY KEY (village_id, band)
) WITHOUT ROWID;

-- The band of an oldest unpaid due day o ('' when none) on the day of d (active_loan_band_day).
-- (A view cannot take an argument: the same CASE is written out in each statement below.)
--   CASE WHEN o = '' OR o >= d.day THEN 0 WHEN o >= d.d30 THEN 1 WHEN o >= d.d90 THEN 2
--        WHEN o >= d.d180 THEN 3 WHEN o >= d.d360 THEN 4 ELSE 5 END

-- The bands recounted from the loans (what `bangfu check` compares with; the roll's recount from
-- active_loan_figures gives the same, since that table is checked against the loans too).
CREATE VIEW active_loan_band_recount AS
SELECT l.village_id, CASE WHEN o = '' OR o >= d.day THEN 0 WHEN o >= d.d30 THEN 1 WHEN o >= d.d90 THEN 2
       WHEN o >= d.d180 THEN 3 WHEN o >= d.d360 THEN 4 ELSE 5 END AS band,
       count(*) AS loans, sum(l.principal_fen) AS principal_fen, sum(l.outstanding_principal_fen) AS outstanding_fen
FROM (SELECT village_id, principal_fen, outstanding_principal_fen, coalesce(oldest_unpaid_due, '') AS o
      FROM loans WHERE state = 'active' AND village_id IS NOT NULL) AS l, active_loan_band_day d
WHERE d.day <> '' GROUP BY 1, 2;

-- active_loan_figures' rows are added (INSERT or the insert of an upsert), changed by their counts
-- only (the update of an upsert, or the UPDATE of 095's triggers), and deleted once empty: each
-- trigger moves what changed into or out of its band; a row's key, and so its band, never changes.
CREATE TRIGGER active_loan_band_add AFTER INSERT ON active_loan_figures
BEGIN
    INSERT INTO active_loan_bands (village_id, band, loans, principal_fen, outstanding_fen)
    SELECT NEW.village_id, CASE WHEN NEW.oldest = '' OR NEW.oldest >= d.day THEN 0 WHEN NEW.oldest >= d.d30 THEN 1
           WHEN NEW.oldest >= d.d90 THEN 2 WHEN NEW.oldest >= d.d180 THEN 3 WHEN NEW.oldest >= d.d360 THEN 4 ELSE 5 END,
           NEW.loans, NEW.principal_fen, NEW.outstanding_fen
    FROM active_loan_band_day d WHERE d.day <> ''
    ON CONFLICT (village_id, band) DO UPDATE SET loans = loans + excluded.loans,
        principal_fen = principal_fen + excluded.principal_fen, outstanding_fen = outstanding_fen + excluded.outstanding_fen;
END;

CREATE TRIGGER active_loan_band_change AFTER UPDATE ON active_loan_figures
BEGIN
    UPDATE active_loan_bands SET loans = loans + NEW.loans - OLD.loans,
        principal_fen = principal_fen + NEW.principal_fen - OLD.principal_fen,
        outstanding_fen = outstanding_fen + NEW.outstanding_fen - OLD.outstanding_fen
    FROM active_loan_band_day d
    WHERE d.day <> '' AND village_id = NEW.village_id
        AND band = CASE WHEN NEW.oldest = '' OR NEW.oldest >= d.day THEN 0 WHEN NEW.oldest >= d.d30 THEN 1
                   WHEN NEW.oldest >= d.d90 THEN 2 WHEN NEW.oldest >= d.d180 THEN 3 WHEN NEW.oldest >= d.d360 THEN 4 ELSE 5 END;
END;

CREATE TRIGGER active_loan_band_remove AFTER DELETE ON active_loan_figures
BEGIN
    UPDATE active_loan_bands SET loans = loans - OLD.loans, principal_fen = principal_fen - OLD.principal_fen,
        outstanding_fen = outstanding_fen - OLD.outstanding_fen
    FROM active_loan_band_day d
    WHERE d.day <> '' AND village_id = OLD.village_id
        AND band = CASE WHEN OLD.oldest = '' OR OLD.oldest >= d.day THEN 0 WHEN OLD.oldest >= d.d30 THEN 1
                   WHEN OLD.oldest >= d.d90 THEN 2 WHEN OLD.oldest >= d.d180 THEN 3 WHEN OLD.oldest >= d.d360 THEN 4 ELSE 5 END;
END;

-- The portfolio report's guarantee payouts, recoveries and write-offs of a period: the entries of
-- that kind in the period, up an index, instead of every entry once per village.
CREATE INDEX guarantee_fund_entries_kind_day ON guarantee_fund_entries(kind, on_date, loan_id, amount_fen);
CREATE INDEX loan_write_offs_state_day ON loan_write_offs(state, on_date, loan_id, amount_fen);
