-- 018: numbered settlement certificates and notices, documents reviewers ask for, receipt prints.
-- 结清证明 numbers from the one numbering service: a third kind of document in docno_counters
-- (the table is rebuilt, as SQLite cannot change a CHECK), and the number a settled loan's
-- certificate was given when it was first printed (the same number on every later print).
CREATE TABLE docno_counters_018 (
    unit_id INTEGER NOT NULL REFERENCES units(id),
    kind    TEXT NOT NULL CHECK (kind IN ('relief_receipt', 'guarantee_letter', 'settlement', 'notice')),
    year    INTEGER NOT NULL,
    last    INTEGER NOT NULL CHECK (last >= 1),
    PRIMARY KEY (unit_id, kind, year)
) WITHOUT ROWID;
INSERT INTO docno_counters_018 (unit_id, kind, year, last) SELECT unit_id, kind, year, last FROM docno_counters;
DROP TABLE docno_counters;
ALTER TABLE docno_counters_018 RENAME TO docno_counters;

ALTER TABLE loans ADD COLUMN settlement_no TEXT;
-- A public notice's number (西集公示〔2026〕001号), taken when it is published; NULL for those published before.
ALTER TABLE notices ADD COLUMN doc_no TEXT;
CREATE UNIQUE INDEX loans_settlement_no ON loans (settlement_no) WHERE settlement_no IS NOT NULL;

-- Documents a reviewing department asked for beyond the fixed seven (招商办: 场地租赁合同): recorded with
-- the opinion that asked for them and ticked off by the handler like the others; an application
-- goes back to review only when every one is in.
CREATE TABLE loan_requested_documents (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES loan_applications(id),
    name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    round          INTEGER NOT NULL,
    department_id  INTEGER NOT NULL REFERENCES departments(id),
    requested_by   INTEGER NOT NULL REFERENCES users(id),
    received       INTEGER NOT NULL DEFAULT 0 CHECK (received IN (0, 1)),
    UNIQUE (application_id, name)
);

-- Every print of a relief receipt: the first is the original, every later one a reprint (补打)
-- that the receipt marks with its count, day and operator.
CREATE TABLE receipt_prints (
    id         INTEGER PRIMARY KEY,
    payment_id INTEGER NOT NULL REFERENCES relief_payments(id),
    n          INTEGER NOT NULL CHECK (n >= 1),
    user_id    INTEGER NOT NULL REFERENCES users(id),
    printed_on TEXT NOT NULL,
    UNIQUE (payment_id, n)
);
CREATE TRIGGER receipt_prints_no_update BEFORE UPDATE ON receipt_prints
BEGIN SELECT RAISE(ABORT, 'receipt_prints is append-only'); END;
CREATE TRIGGER receipt_prints_no_delete BEFORE DELETE ON receipt_prints
BEGIN SELECT RAISE(ABORT, 'receipt_prints is append-only'); END;
