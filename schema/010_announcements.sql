-- 010_announcements: announcements (公告) written in Markdown, shown on the public page to a unit
-- and everything below it for a publishing period, with every version kept. (The masking rules
-- for what the public sees are parameters mask_* that the admin's page writes; until then
-- masking.h's defaults, DOMAIN.md's, apply.)
-- (Numbered 010, not 008: databases already at version 9 would skip an 008.)
CREATE TABLE announcements (
    id              INTEGER PRIMARY KEY,
    unit_id         INTEGER NOT NULL REFERENCES units(id), -- district-wide, a township or a village
    state           TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published', 'withdrawn')),
    publish_from    TEXT NOT NULL,                          -- shown from this day
    publish_until   TEXT,                                   -- to this day; NULL: until withdrawn
    created_by      INTEGER NOT NULL REFERENCES users(id),
    created_at      TEXT NOT NULL DEFAULT (datetime('now')),
    published_by    INTEGER REFERENCES users(id),
    published_at    TEXT,
    withdrawn_by    INTEGER REFERENCES users(id),
    withdrawn_at    TEXT,
    withdraw_reason TEXT,
    CHECK (publish_until IS NULL OR publish_until >= publish_from)
);
CREATE INDEX announcements_public ON announcements(state, publish_from);
CREATE INDEX announcements_unit ON announcements(unit_id);
CREATE TRIGGER announcements_no_delete BEFORE DELETE ON announcements BEGIN SELECT RAISE(ABORT, 'announcements are kept'); END;
CREATE TRIGGER announcements_withdrawn_final BEFORE UPDATE ON announcements WHEN OLD.state = 'withdrawn'
BEGIN SELECT RAISE(ABORT, 'a withdrawn announcement is final'); END;

-- Every saved text is a new version; the current one is the latest.
CREATE TABLE announcement_versions (
    id              INTEGER PRIMARY KEY,
    announcement_id INTEGER NOT NULL REFERENCES announcements(id),
    n               INTEGER NOT NULL CHECK (n >= 1),
    title           TEXT NOT NULL,
    body_md         TEXT NOT NULL,
    saved_by        INTEGER NOT NULL REFERENCES users(id),
    saved_at        TEXT NOT NULL DEFAULT (datetime('now')),
    UNIQUE (announcement_id, n)
);
CREATE TRIGGER announcement_versions_no_update BEFORE UPDATE ON announcement_versions BEGIN SELECT RAISE(ABORT, 'versions are append-only'); END;
CREATE TRIGGER announcement_versions_no_delete BEFORE DELETE ON announcement_versions BEGIN SELECT RAISE(ABORT, 'versions are append-only'); END;

