-- 057_complaints: complaints and suggestions (投诉/意见) all year, from the public page (no login,
-- rate-limited per client as objections are) or from staff on behalf of a caller; each with a
-- handling unit, a handler (A角) and backup (B角), a working-day time limit (限时办结) counted from the
-- day it was filed, the resolution and the complainant's satisfaction. Time limits per service are
-- admin parameters 'limit_days.<service>'.
CREATE TABLE complaints (
    id           INTEGER PRIMARY KEY,
    unit_id      INTEGER NOT NULL REFERENCES units(id),   -- the village named, else the filer's unit or the district
    category     TEXT NOT NULL CHECK (category IN ('complaint', 'suggestion', 'inquiry')),
    text         TEXT NOT NULL,
    contact      TEXT NOT NULL DEFAULT '',
    source       TEXT NOT NULL CHECK (source IN ('public', 'staff')),
    client       TEXT NOT NULL DEFAULT '',                -- the public filer's address, for the rate limit
    filed_on     TEXT NOT NULL,
    due_on       TEXT NOT NULL,
    handler_id   INTEGER REFERENCES users(id),            -- A角
    backup_id    INTEGER REFERENCES users(id),            -- B角
    created_by   INTEGER REFERENCES users(id),
    filed_at     TEXT NOT NULL DEFAULT (datetime('now')),
    state        TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved')),
    resolution   TEXT,
    satisfaction TEXT CHECK (satisfaction IN ('满意', '基本满意', '不满意')),
    resolved_on  TEXT,
    resolved_by  INTEGER REFERENCES users(id),
    CHECK (due_on >= filed_on),
    CHECK ((state = 'resolved') = (resolved_on IS NOT NULL))
);
CREATE INDEX complaints_unit ON complaints(unit_id, state);
CREATE INDEX complaints_client ON complaints(client, filed_at);
CREATE INDEX complaints_filed ON complaints(filed_on);
INSERT INTO parameters (key, value, note) VALUES
    ('limit_days.complaint', '5', '投诉和意见的办理时限（工作日）');
