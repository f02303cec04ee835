-- 020: maker-checker for sensitive household categories (issue 17, item 10).
-- Tagging a household 计生特殊家庭-失独 or -伤残 makes it eligible for those families' relief, so the
-- change waits here, with the document that proves it (PDF/JPEG/PNG checked by its first bytes, kept
-- in the database like relief documents), until a second person approves it; only then is the
-- category linked. A rejection keeps its reason. The maker can never decide their own change.
CREATE TABLE household_category_changes (
    id           INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households(id),
    categories   TEXT NOT NULL,                                       -- codes to add, comma-separated
    doc_name     TEXT NOT NULL,
    doc_kind     TEXT NOT NULL CHECK (doc_kind IN ('pdf', 'jpg', 'png')),
    doc_size     INTEGER NOT NULL CHECK (doc_size > 0),
    doc_data     BLOB NOT NULL,
    made_by      INTEGER NOT NULL REFERENCES users(id),
    made_at      TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected')),
    decided_by   INTEGER REFERENCES users(id),
    decided_at   TEXT,
    reason       TEXT NOT NULL DEFAULT '',
    CHECK (state = 'pending' OR (decided_by IS NOT NULL AND decided_by <> made_by AND decided_at IS NOT NULL))
);
-- One change waiting per household at a time.
CREATE UNIQUE INDEX household_category_changes_pending ON household_category_changes(household_id)
    WHERE state = 'pending';
CREATE INDEX household_category_changes_state ON household_category_changes(state, household_id);
