-- 022: a sensitive category claimed at registration (issue 17, item 10). A new household registered
-- (page, API or CSV import) with 计生特殊家庭-失独 or -伤残 is created without them; each claim waits
-- here as a pending change like those of 020, but without its document yet: the document is uploaded
-- to the waiting change later, and a change can be approved only once it has one (rejected at any
-- time). SQLite cannot loosen a column's constraints in place, so the table is rebuilt with the same
-- rows: doc_kind and doc_data become optional (together), doc_size 0 while there is no document.
CREATE TABLE household_category_changes_022 (
    id           INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households(id),
    categories   TEXT NOT NULL,                                       -- codes to add, comma-separated
    doc_name     TEXT NOT NULL DEFAULT '',
    doc_kind     TEXT CHECK (doc_kind IN ('pdf', 'jpg', 'png')),
    doc_size     INTEGER NOT NULL DEFAULT 0,
    doc_data     BLOB,
    made_by      INTEGER NOT NULL REFERENCES users(id),
    made_at      TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected')),
    decided_by   INTEGER REFERENCES users(id),
    decided_at   TEXT,
    reason       TEXT NOT NULL DEFAULT '',
    CHECK (state = 'pending' OR (decided_by IS NOT NULL AND decided_by <> made_by AND decided_at IS NOT NULL)),
    CHECK ((doc_data IS NULL) = (doc_kind IS NULL) AND (doc_data IS NULL) = (doc_size = 0)),
    CHECK (state <> 'approved' OR doc_data IS NOT NULL)                   -- never approved without its document
);
INSERT INTO household_category_changes_022 (id, household_id, categories, doc_name, doc_kind, doc_size, doc_data,
                                            made_by, made_at, state, decided_by, decided_at, reason)
    SELECT id, household_id, categories, doc_name, doc_kind, doc_size, doc_data, made_by, made_at, state,
           decided_by, decided_at, reason FROM household_category_changes;
DROP TABLE household_category_changes;
ALTER TABLE household_category_changes_022 RENAME TO household_category_changes;
-- One change waiting per household at a time.
CREATE UNIQUE INDEX household_category_changes_pending ON household_category_changes(household_id)
    WHERE state = 'pending';
CREATE INDEX household_category_changes_state ON household_category_changes(state, household_id);
