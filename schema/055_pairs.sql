-- 055_pairs: pairing (结对帮扶). A helper — a cadre (a user, or a named person with a unit and a
-- phone), a unit, or a prospering household (富手拉贫手) — paired with a household from a day,
-- with goals, until it is ended with a reason. The helper's name, unit and phone are kept as they
-- were recorded (a user renamed later does not change the pair's history).
CREATE TABLE pairs (
    id                  INTEGER PRIMARY KEY,
    household_id        INTEGER NOT NULL REFERENCES households(id),
    helper_kind         TEXT NOT NULL CHECK (helper_kind IN ('cadre', 'unit', 'household')),
    helper_name         TEXT NOT NULL,
    helper_user_id      INTEGER REFERENCES users(id),
    helper_unit_id      INTEGER REFERENCES units(id),       -- the unit, or the cadre's unit
    helper_household_id INTEGER REFERENCES households(id),
    helper_phone        TEXT NOT NULL DEFAULT '',
    from_on             TEXT NOT NULL,
    goals               INTEGER NOT NULL CHECK (goals > 0),  -- a bit per goal (pair.c's list)
    ended_on            TEXT,
    end_reason          TEXT,
    created_by          INTEGER REFERENCES users(id),
    created_at          TEXT NOT NULL DEFAULT (datetime('now')),
    CHECK (helper_household_id IS NULL OR helper_household_id <> household_id),
    CHECK ((ended_on IS NULL) = (end_reason IS NULL))
);
CREATE INDEX pairs_household ON pairs(household_id);
CREATE INDEX pairs_helper_unit ON pairs(helper_unit_id);
CREATE INDEX pairs_helper_household ON pairs(helper_household_id);
CREATE INDEX pairs_helper_user ON pairs(helper_user_id);
