"""Schema versions: a database of every older version, filled with data, opens with the current
code and keeps its data; a newer-than-known or foreign database is refused and left untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from sango_game.progress import CURRENT_VERSION, NotAStoreError, ProfileError, ProgressStore, SchemaTooNewError, migrations
from sango_game.progress.migrations import APPLICATION_ID, MIGRATIONS, schema_script, split_statements

OLD_VERSIONS = list(range(1, CURRENT_VERSION))
T0 = "2024-03-01T10:00:00Z"


def build_old(path: Path, version: int) -> None:
    """A database exactly as Sango made it at ``version``, filled with that version's kinds of data."""
    conn = sqlite3.connect(path)
    conn.executescript(schema_script(version))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == version
    profiles = [("a1" * 16, "Nour", "cat", "2024-01-01T09:00:00Z"),
                ("b2" * 16, "Émile", "fox", "2024-01-02T09:00:00Z"),
                ("c3" * 16, "émile", "owl", "2024-01-03T09:00:00Z"),  # NOCASE only folds ASCII: allowed before v3
                ("d4" * 16, "小龙", "panda", "2024-01-04T09:00:00Z"),
                ("e5" * 16, "ДИМА", "bee", "2024-01-05T09:00:00Z"),
                ("f6" * 16, "дима", "frog", "2024-01-06T09:00:00Z")]
    if version >= 3:  # v3 has Unicode-folded unique nickname keys: the migration to v3 numbered the twins
        from sango_game.progress.nicknames import nickname_key

        profiles = [(pid, {"émile": "émile 2", "дима": "дима 2"}.get(nick, nick), av, at) for pid, nick, av, at in profiles]
        conn.executemany("INSERT INTO profiles (id, nickname, avatar, created_at, nickname_key) VALUES (?, ?, ?, ?, ?)",
                         [(*p, nickname_key(p[1])) for p in profiles])
    else:
        conn.executemany("INSERT INTO profiles (id, nickname, avatar, created_at) VALUES (?, ?, ?, ?)", profiles)
    for i, (pid, *_rest) in enumerate(profiles):
        conn.executemany("INSERT INTO attempts (profile_id, level_id, question_id, answer, score, time_ms, created_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?)",
                         [(pid, "k-passwords-quiz", f"q{j}", f'["c{j}"]', j / 10, 1000 * j, T0) for j in range(i + 1)])
        conn.execute("INSERT INTO level_results (profile_id, level_id, topic, band, best_stars, best_score, plays, "
                     "completed, updated_at) VALUES (?, 'k-passwords-quiz', 'passwords', '9-12', ?, ?, ?, 1, ?)",
                     (pid, i % 4, i / 10, i + 1, T0))
    if version >= 2:
        conn.execute("INSERT INTO settings (profile_id, data, updated_at) VALUES (?, ?, ?)",
                     (profiles[0][0], '{"language": "ar", "text_size": "large", "read_aloud": true}', T0))
        conn.executemany("INSERT INTO level_endings (profile_id, level_id, ending, found_at) VALUES (?, ?, ?, ?)",
                         [(profiles[0][0], "k-strangers-scenario", e, T0) for e in ("end-good", "end-risky")])
        conn.execute("INSERT INTO level_results (profile_id, level_id, topic, band, best_stars, best_score, plays, "
                     "completed, updated_at) VALUES (?, 'k-strangers-scenario', 'strangers', '9-12', 2, 0.5, 2, 1, ?)",
                     (profiles[0][0], T0))
        conn.executemany("INSERT INTO badges (profile_id, badge_id, awarded_at) VALUES (?, ?, ?)",
                         [(profiles[0][0], b, T0) for b in ("first-steps", "explorer")])
    conn.commit()
    conn.close()


def structure(path: Path) -> dict:
    """Tables, columns, indexes and foreign keys, independent of how the CREATE text was formatted."""
    conn = sqlite3.connect(path)
    try:
        out = {}
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                    "ORDER BY name"):
            cols = [tuple(r) for r in conn.execute(f"PRAGMA table_xinfo({name})")]
            idx = sorted((r[1], r[2], r[3], tuple(c[2] for c in conn.execute(f"PRAGMA index_xinfo({r[1]})") if c[5]))
                         for r in conn.execute(f"PRAGMA index_list({name})"))
            fks = sorted(tuple(r[2:]) for r in conn.execute(f"PRAGMA foreign_key_list({name})"))
            out[name] = (cols, idx, fks)
        out["__pragmas__"] = (conn.execute("PRAGMA user_version").fetchone()[0],
                              conn.execute("PRAGMA application_id").fetchone()[0])
        return out
    finally:
        conn.close()


def test_every_version_has_a_script_and_a_migration():
    for v in range(1, CURRENT_VERSION + 1):
        statements = split_statements(schema_script(v))
        assert any(s.startswith("CREATE TABLE profiles") for s in statements)
        assert statements[-1] == f"PRAGMA user_version = {v};"
    assert sorted(MIGRATIONS) == OLD_VERSIONS


@pytest.mark.parametrize("version", OLD_VERSIONS)
def test_old_database_migrates_with_all_its_data(tmp_path, version):
    db = tmp_path / "progress.sqlite3"
    build_old(db, version)
    with ProgressStore.open(db) as store:
        assert store.notice is None
        assert store.schema_version == CURRENT_VERSION
        assert store.integrity_check() == ["ok"]
        profiles = {p.id: p for p in store.list_profiles()}
        assert len(profiles) == 6
        nour = profiles["a1" * 16]
        assert (nour.nickname, nour.avatar, nour.created_at) == ("Nour", "cat", "2024-01-01T09:00:00Z")
        assert profiles["d4" * 16].nickname == "小龙"
        # The older of two nicknames that only differ in non-ASCII case keeps it; the later one is numbered.
        assert profiles["b2" * 16].nickname == "Émile" and profiles["c3" * 16].nickname == "émile 2"
        assert profiles["e5" * 16].nickname == "ДИМА" and profiles["f6" * 16].nickname == "дима 2"
        for i, pid in enumerate(["a1" * 16, "b2" * 16, "c3" * 16, "d4" * 16, "e5" * 16, "f6" * 16]):
            attempts = store.attempts(pid)
            assert [(a.question_id, a.answer, a.score, a.time_ms, a.session_id, a.seed) for a in attempts] == \
                [(f"q{j}", f'["c{j}"]', j / 10, 1000 * j, None, None) for j in range(i + 1)]
            r = store.level_results(pid)["k-passwords-quiz"]
            assert (r.best_stars, r.best_score, r.plays, r.completed) == (i % 4, i / 10, i + 1, True)
        if version >= 2:
            assert store.get_settings(nour.id) == {"language": "ar", "text_size": "large", "read_aloud": True}
            assert store.level_results(nour.id)["k-strangers-scenario"].endings == {"end-good", "end-risky"}
            assert [b.badge_id for b in store.badges(nour.id)] == ["explorer", "first-steps"]
        else:
            assert store.get_settings(nour.id) == {}
        # The migrated store behaves like a new one.
        with pytest.raises(ProfileError, match="nickname_taken"):
            store.create_profile("ÉMILE", "cat")
        with pytest.raises(ProfileError, match="nickname_taken"):
            store.create_profile("Дима", "cat")
        store.record_attempt(nour.id, "k-passwords-quiz", "q9", "true", 1.0, 10, session_id="s", seed=77)
        assert store.attempts(nour.id)[-1].seed == 77
        store.set_teacher_pin("2468")
        assert store.verify_teacher_pin("2468")


@pytest.mark.parametrize("version", OLD_VERSIONS)
def test_migrated_schema_equals_new_schema(tmp_path, version):
    old, new = tmp_path / "old.sqlite3", tmp_path / "new.sqlite3"
    build_old(old, version)
    ProgressStore.open(old).close()
    ProgressStore.open(new).close()
    assert structure(old) == structure(new)
    assert structure(new)["__pragmas__"] == (CURRENT_VERSION, APPLICATION_ID)


@pytest.mark.parametrize("version", OLD_VERSIONS)
def test_failed_migration_leaves_the_old_version_intact(tmp_path, monkeypatch, version):
    db = tmp_path / "progress.sqlite3"
    build_old(db, version)
    before = structure(db)
    last = CURRENT_VERSION - 1
    real = MIGRATIONS[last]

    def broken(conn):
        if isinstance(real, str):
            migrations.run_script(conn, real)
        else:
            real(conn)
        raise RuntimeError("power cut in the middle of the migration")

    monkeypatch.setitem(MIGRATIONS, last, broken)
    with pytest.raises(RuntimeError, match="power cut"):
        ProgressStore.open(db)
    assert structure(db) == before  # one transaction: all steps undone, user_version unchanged
    monkeypatch.setitem(MIGRATIONS, last, real)
    with ProgressStore.open(db) as store:
        assert store.schema_version == CURRENT_VERSION
        assert len(store.list_profiles()) == 6


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_newer_version_is_refused_and_not_modified(tmp_path):
    db = tmp_path / "progress.sqlite3"
    conn = sqlite3.connect(db)
    conn.executescript(schema_script(CURRENT_VERSION))
    conn.execute("INSERT INTO profiles (id, nickname, avatar, created_at, nickname_key) VALUES ('ab', 'Zed', 'cat', ?, "
                 "'zed')", (T0,))
    conn.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    conn.commit()
    conn.close()
    digest, listing = _digest(db), sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(SchemaTooNewError) as info:
        ProgressStore.open(db)
    msg = str(info.value)
    assert "newer version of Sango" in msg and str(db) in msg and "not changed" in msg
    assert info.value.params == {"version": CURRENT_VERSION + 1, "known": CURRENT_VERSION}
    assert _digest(db) == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == listing  # not moved aside, no backup, no journal


def test_foreign_sqlite_file_is_refused_and_not_modified(tmp_path):
    db = tmp_path / "progress.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    digest = _digest(db)
    with pytest.raises(NotAStoreError, match="not a Sango progress store"):
        ProgressStore.open(db)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA application_id = 12345")
    conn.commit()
    conn.close()
    digest = _digest(db)
    with pytest.raises(NotAStoreError, match="another program"):
        ProgressStore.open(db)
    assert _digest(db) == digest


def test_empty_file_becomes_a_new_store(tmp_path):
    db = tmp_path / "progress.sqlite3"
    db.touch()
    with ProgressStore.open(db) as store:
        assert store.notice is None
        assert store.schema_version == CURRENT_VERSION


def test_split_statements_keeps_triggers_and_rejects_unfinished_sql():
    script = "-- c\nCREATE TABLE t (x);\nCREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  SELECT 1;\n  SELECT 2;\nEND;\n"
    assert len(split_statements(script)) == 2
    with pytest.raises(ValueError, match="incomplete"):
        split_statements("CREATE TABLE t (x")
