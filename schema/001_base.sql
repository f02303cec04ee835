-- 001_base: units, departments, users, sessions, audit log, parameters, households.
-- Money is integer fen; dates are ISO 'YYYY-MM-DD' text; times are ISO 'YYYY-MM-DD HH:MM:SS' UTC.

CREATE TABLE units (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('district', 'township', 'village')),
    parent_id INTEGER REFERENCES units(id),
    path      TEXT NOT NULL,          -- '/1/2/7/': ancestors and self, for scope checks
    phone     TEXT NOT NULL DEFAULT '',
    address   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX units_parent ON units(parent_id);
CREATE UNIQUE INDEX units_path ON units(path);

CREATE TABLE departments (
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL UNIQUE,
    active INTEGER NOT NULL DEFAULT 1,
    sort   INTEGER NOT NULL DEFAULT 0
);
INSERT INTO departments (name, sort) VALUES ('镇计生协会', 1), ('经委', 2), ('招商办', 3);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'association', 'reviewer', 'liaison',
                                                 'relief', 'finance', 'village', 'auditor')),
    unit_id       INTEGER NOT NULL REFERENCES units(id),
    department_id INTEGER REFERENCES departments(id),
    phone         TEXT NOT NULL DEFAULT '',
    active        INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL DEFAULT (datetime('now'))
);

CREATE TABLE sessions (
    id         TEXT PRIMARY KEY,      -- 64 hex characters from getrandom(2)
    user_id    INTEGER NOT NULL REFERENCES users(id),
    kind       TEXT NOT NULL CHECK (kind IN ('cookie', 'token')),
    csrf       TEXT NOT NULL,
    created_at INTEGER NOT NULL,      -- unix seconds
    seen_at    INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_failures (
    username TEXT NOT NULL,
    at       INTEGER NOT NULL
);
CREATE INDEX login_failures_user ON login_failures(username, at);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL DEFAULT (datetime('now')),
    user_id     INTEGER,
    username    TEXT NOT NULL DEFAULT '',
    action      TEXT NOT NULL,        -- create, update, delete, login, view_id_number, import, ...
    entity      TEXT NOT NULL,        -- household, user, unit, ...
    entity_id   INTEGER,
    before_json TEXT,
    after_json  TEXT
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE parameters (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    note  TEXT NOT NULL DEFAULT ''
);
INSERT INTO parameters (key, value, note) VALUES
    ('session_hours', '8', '登录会话有效时长（小时）'),
    ('login_max_failures', '5', '连续登录失败次数上限，超过后暂停登录'),
    ('login_lock_minutes', '15', '登录暂停时长（分钟）');

CREATE TABLE household_categories (
    code      TEXT PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE,
    sensitive INTEGER NOT NULL DEFAULT 0, -- 计生特殊家庭: never named to the public
    sort      INTEGER NOT NULL
);
INSERT INTO household_categories (code, name, sensitive, sort) VALUES
    ('one_child', '独生子女家庭', 0, 1),
    ('only_daughter', '独女户', 0, 2),
    ('two_daughters', '双女户', 0, 3),
    ('two_daughters_sterilised', '双女绝育户', 0, 4),
    ('special_lost', '计生特殊家庭-失独', 1, 5),
    ('special_disabled', '计生特殊家庭-伤残', 1, 6),
    ('hardship', '计生困难家庭', 0, 7),
    ('model', '计生模范家庭', 0, 8);

CREATE TABLE households (
    id               INTEGER PRIMARY KEY,
    village_id       INTEGER NOT NULL REFERENCES units(id),
    address          TEXT NOT NULL DEFAULT '',
    policy_compliant INTEGER NOT NULL CHECK (policy_compliant IN (0, 1)),
    created_by       INTEGER REFERENCES users(id),
    created_at       TEXT NOT NULL DEFAULT (datetime('now')),
    updated_at       TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX households_village ON households(village_id);

CREATE TABLE members (
    id           INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households(id),
    name         TEXT NOT NULL,
    id_number    TEXT NOT NULL UNIQUE,  -- one resident ID, one person, in the whole database
    sex          TEXT NOT NULL CHECK (sex IN ('M', 'F')),
    birth_date   TEXT NOT NULL,
    relation     TEXT NOT NULL,
    phone        TEXT NOT NULL DEFAULT '',
    is_head      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX members_household ON members(household_id);
CREATE INDEX members_name ON members(name, household_id);
CREATE UNIQUE INDEX members_one_head ON members(household_id) WHERE is_head = 1;

CREATE TABLE household_category_links (
    household_id INTEGER NOT NULL REFERENCES households(id),
    category     TEXT NOT NULL REFERENCES household_categories(code),
    PRIMARY KEY (household_id, category)
) WITHOUT ROWID;
CREATE INDEX household_category_links_category ON household_category_links(category, household_id);

CREATE TABLE pending_imports (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    kind       TEXT NOT NULL,
    content    TEXT NOT NULL,        -- the uploaded file converted to UTF-8
    created_at INTEGER NOT NULL
);
