-- Sango progress store, schema version 1 (the first release).
-- Kept unchanged so that tests can build a version-1 database and check the migrations.
PRAGMA application_id = 1396788807;

CREATE TABLE profiles (
    id          TEXT PRIMARY KEY NOT NULL,
    nickname    TEXT NOT NULL,
    avatar      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX profiles_nickname_nocase ON profiles (nickname COLLATE NOCASE);

CREATE TABLE attempts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    profile_id  TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    level_id    TEXT NOT NULL,
    question_id TEXT NOT NULL,
    answer      TEXT NOT NULL,
    score       REAL NOT NULL CHECK (score >= 0.0 AND score <= 1.0),
    time_ms     INTEGER NOT NULL CHECK (time_ms >= 0),
    created_at  TEXT NOT NULL
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

PRAGMA user_version = 1;
