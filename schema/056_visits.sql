-- 056_visits: visits and help given (走访帮扶): every contact with a household — the day, who, what
-- was done (kind), a note, the next step and its day — perhaps under one of its pairs. The loan
-- follow-up visits (loan_followups) stay where they are and are read with these as one more kind.
CREATE TABLE visits (
    id           INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households(id),
    pair_id      INTEGER REFERENCES pairs(id),
    visited_on   TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('advice', 'training', 'information', 'goods', 'referral')),
    note         TEXT NOT NULL,
    next_step    TEXT NOT NULL DEFAULT '',
    next_on      TEXT,
    created_by   INTEGER REFERENCES users(id),
    created_at   TEXT NOT NULL DEFAULT (datetime('now')),
    CHECK (next_on IS NULL OR next_on >= visited_on)
);
CREATE INDEX visits_household ON visits(household_id, visited_on);
CREATE INDEX visits_pair ON visits(pair_id);
CREATE INDEX visits_day ON visits(visited_on);
