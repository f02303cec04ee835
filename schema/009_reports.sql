-- 009_reports: follow-up visits (回访) to funded projects (jobs created and income reported,
-- the programme's outcomes, 帮扶成效) and cached month-end portfolio figures for the charts.
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

-- Month-end portfolio figures per unit scope, computed once when first asked for after the month
-- has closed (like a monthly report, later back-dated bookings do not change them) so the
-- dashboard's charts do not rescan every loan's history on each visit.
CREATE TABLE month_figures (
    scope_path      TEXT NOT NULL,  -- the unit path the figures were summed over
    month           TEXT NOT NULL,  -- 'YYYY-MM'
    disbursed_fen   INTEGER NOT NULL,
    outstanding_fen INTEGER NOT NULL,
    par30_fen       INTEGER NOT NULL,
    computed_on     TEXT NOT NULL,
    PRIMARY KEY (scope_path, month)
) WITHOUT ROWID;
