-- 058_trainings: training courses (技术培训): title, day, the organising unit, place and trainer, with
-- attendance by household (and, when known, by member: member_id 0 means the household without a
-- member named). Each household member attends a course once.
CREATE TABLE trainings (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    held_on    TEXT NOT NULL,
    unit_id    INTEGER NOT NULL REFERENCES units(id),
    place      TEXT NOT NULL,
    trainer    TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX trainings_unit ON trainings(unit_id, held_on);
CREATE TABLE training_attendees (
    training_id  INTEGER NOT NULL REFERENCES trainings(id),
    household_id INTEGER NOT NULL REFERENCES households(id),
    member_id    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (training_id, household_id, member_id)
) WITHOUT ROWID;
CREATE INDEX training_attendees_household ON training_attendees(household_id);
