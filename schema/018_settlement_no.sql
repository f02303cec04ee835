-- 结清证明 numbers from the one numbering service: a third kind of document in docno_counters
-- (the table is rebuilt, as SQLite cannot change a CHECK), and the number a settled loan's
-- certificate was given when it was first printed (the same number on every later print).
CREATE TABLE docno_counters_018 (
    unit_id INTEGER NOT NULL REFERENCES units(id),
    kind    TEXT NOT NULL CHECK (kind IN ('relief_receipt', 'guarantee_letter', 'settlement')),
    year    INTEGER NOT NULL,
    last    INTEGER NOT NULL CHECK (last >= 1),
    PRIMARY KEY (unit_id, kind, year)
) WITHOUT ROWID;
INSERT INTO docno_counters_018 (unit_id, kind, year, last) SELECT unit_id, kind, year, last FROM docno_counters;
DROP TABLE docno_counters;
ALTER TABLE docno_counters_018 RENAME TO docno_counters;

ALTER TABLE loans ADD COLUMN settlement_no TEXT;
CREATE UNIQUE INDEX loans_settlement_no ON loans (settlement_no) WHERE settlement_no IS NOT NULL;
