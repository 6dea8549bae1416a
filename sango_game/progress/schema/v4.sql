-- Sango progress store, schema version 3 (current):
-- * profiles.nickname_key: case-insensitive nickname uniqueness for every script (SQLite's NOCASE
--   only folds ASCII, so "Émile" and "émile" or "Дима" and "дима" were different nicknames);
-- * attempts.session_id: groups the answers of one play of a level;
-- * teacher: the salted hash of the teacher PIN (never the PIN itself).
-- Columns added by a migration come last, as ALTER TABLE ADD COLUMN puts them, so that a migrated
-- database and a new one have the same tables.
PRAGMA application_id = 1396788807;

CREATE TABLE profiles (
    id           TEXT PRIMARY KEY NOT NULL,
    nickname     TEXT NOT NULL,
    avatar       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    nickname_key TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX profiles_nickname_key ON profiles (nickname_key);

CREATE TABLE attempts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    profile_id  TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    level_id    TEXT NOT NULL,
    question_id TEXT NOT NULL,
    answer      TEXT NOT NULL,
    score       REAL NOT NULL CHECK (score >= 0.0 AND score <= 1.0),
    time_ms     INTEGER NOT NULL CHECK (time_ms >= 0),
    created_at  TEXT NOT NULL,
    session_id  TEXT,
    shuffle_seed INTEGER
);
CREATE INDEX attempts_profile_level ON attempts (profile_id, level_id);

CREATE TABLE level_results (
    profile_id  TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    level_id    TEXT NOT NULL,
    topic       TEXT NOT NULL,
    band        TEXT NOT NULL,
    best_stars  INTEGER NOT NULL DEFAULT 0 CHECK (best_stars BETWEEN 0 AND 3),
    best_score  REAL NOT NULL DEFAULT 0.0 CHECK (best_score >= 0.0 AND best_score <= 1.0),
    plays       INTEGER NOT NULL DEFAULT 0,
    completed   INTEGER NOT NULL DEFAULT 0,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (profile_id, level_id)
) WITHOUT ROWID;

CREATE TABLE settings (
    profile_id  TEXT PRIMARY KEY NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    data        TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE level_endings (
    profile_id  TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    level_id    TEXT NOT NULL,
    ending      TEXT NOT NULL,
    found_at    TEXT NOT NULL,
    PRIMARY KEY (profile_id, level_id, ending)
) WITHOUT ROWID;

CREATE TABLE badges (
    profile_id  TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    badge_id    TEXT NOT NULL,
    awarded_at  TEXT NOT NULL,
    PRIMARY KEY (profile_id, badge_id)
) WITHOUT ROWID;

CREATE TABLE teacher (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    pin_hash    TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

PRAGMA user_version = 4;
