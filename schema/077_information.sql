-- 041_information: information services (信息服务): items of market prices, jobs and technology
-- sent by a unit on a day to whole villages or to single households, with who received them. A
-- recipient row names the village always (so counts by village read one index) and the household
-- when the item went to one household (household_id 0: the whole village).
CREATE TABLE information_items (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('market', 'jobs', 'technology')),
    sent_on    TEXT NOT NULL,
    unit_id    INTEGER NOT NULL REFERENCES units(id),
    text       TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX information_items_sent ON information_items(sent_on);
CREATE INDEX information_items_unit ON information_items(unit_id, sent_on);
CREATE TABLE information_recipients (
    item_id      INTEGER NOT NULL REFERENCES information_items(id),
    village_id   INTEGER NOT NULL REFERENCES units(id),
    household_id INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (item_id, village_id, household_id)
) WITHOUT ROWID;
CREATE INDEX information_recipients_village ON information_recipients(village_id, item_id);
CREATE INDEX information_recipients_household ON information_recipients(household_id) WHERE household_id <> 0;
