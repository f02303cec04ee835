-- 019: forms a clerk can trust (issue 17).
-- A loan application withdrawn (撤回) before its decision keeps the reason given.
ALTER TABLE loan_applications ADD COLUMN withdrawn_reason TEXT;

-- Supporting documents of a relief application (diagnosis, bills, certificates): PDF, JPEG or PNG files
-- checked by their first bytes, kept in the database (so backups hold them) and served only in scope.
CREATE TABLE relief_documents (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES relief_applications(id),
    name           TEXT NOT NULL,                                   -- the file name as uploaded, shown only
    kind           TEXT NOT NULL CHECK (kind IN ('pdf', 'jpg', 'png')),
    size           INTEGER NOT NULL CHECK (size > 0),
    data           BLOB NOT NULL,
    uploaded_by    INTEGER NOT NULL REFERENCES users(id),
    uploaded_at    TEXT NOT NULL
);
CREATE INDEX relief_documents_application ON relief_documents(application_id);
