-- 009_followups: follow-up visits (回访) to funded projects: jobs created and income reported,
-- the programme's outcomes (帮扶成效).
CREATE TABLE loan_followups (
    id           INTEGER PRIMARY KEY,
    loan_id      INTEGER NOT NULL REFERENCES loans(id),
    visited_on   TEXT NOT NULL,
    jobs_created INTEGER NOT NULL CHECK (jobs_created BETWEEN 0 AND 10000),
    income_fen   INTEGER NOT NULL CHECK (income_fen >= 0),
    note         TEXT NOT NULL DEFAULT '',
    created_by   INTEGER REFERENCES users(id),
    created_at   TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX loan_followups_loan ON loan_followups(loan_id, visited_on);
