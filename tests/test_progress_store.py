"""Profiles, settings, answers, results, badges, export/import, teacher PIN and privacy."""

from __future__ import annotations

import getpass
import json
import socket
import sqlite3
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from sango_game.progress import EXPORT_FORMAT, PinFormatError, Profile, ProfileError, ProgressStore, StoreAccessError, StoreError
from sango_game.progress import store as store_module

from .examples import examples, utf8_text

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def store(tmp_path):
    s = ProgressStore.open(tmp_path / "progress.sqlite3")
    yield s
    s.close()


def all_bytes(folder: Path) -> bytes:
    """Every byte Sango keeps in a folder: the store, its journals and backups."""
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def test_importing_progress_does_not_import_pygame():
    code = ("import sys; import sango_game.progress, sango_game.progress.rules, sango_game.paths; "
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('pygame', 'socket', 'http', 'ssl') "
            "or m == 'urllib.request'); "
            "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""  # no pygame, and no networking module either


def test_no_network_code_in_the_package():
    words = ("socket", "urllib", "http.client", "requests", "ssl")
    for path in [*(ROOT / "sango_game" / "progress").rglob("*.py"), ROOT / "sango_game" / "paths.py"]:
        text = path.read_text(encoding="utf-8")
        for w in words:
            assert f"import {w}" not in text and f"from {w}" not in text, (path, w)


# -- profiles -----------------------------------------------------------------------------------
def test_create_and_read_profiles(store):
    a = store.create_profile("  نور  ", "cat")
    b = store.create_profile("小龙", "panda")
    assert a.nickname == "نور" and a.avatar == "cat"
    assert len(a.id) == 32 and int(a.id, 16) >= 0 and a.id != b.id
    assert a.created_at.endswith("Z")
    assert store.list_profiles() == [a, b]
    assert store.get_profile(b.id) == b
    assert store.get_profile("nope") is None
    with pytest.raises(AttributeError):
        a.nickname = "x"  # frozen


@pytest.mark.parametrize("first, second", [("Nour", "NOUR"), ("Émile", "émile"), ("Дима", "ДИМА"),
                                           ("ＡＢＣ", "abc"), ("Straße", "STRASSE"), ("e\u0301", "\u00e9")])
def test_nicknames_are_unique_case_insensitively_in_every_script(store, first, second):
    store.create_profile(first, "cat")
    with pytest.raises(ProfileError) as info:
        store.create_profile(second, "fox")
    assert info.value.code == "nickname_taken" and "taken" in str(info.value)
    assert len(store.list_profiles()) == 1


@pytest.mark.parametrize("nickname, code", [
    ("", "nickname_empty"), ("   ", "nickname_empty"), ("x" * 21, "nickname_too_long"),
    ("a\nb", "nickname_invalid"), ("tab\there", "nickname_invalid"), ("\x00", "nickname_invalid"),
    ("ab\u202ecd", "nickname_invalid"), ("\u200b\u200b", "nickname_invalid"), ("\ud800x", "nickname_invalid"),
    (None, "nickname_invalid"), (42, "nickname_invalid"),
])
def test_bad_nicknames(store, nickname, code):
    with pytest.raises(ProfileError) as info:
        store.create_profile(nickname, "cat")
    assert info.value.code == code
    assert store.list_profiles() == []


def test_nickname_limits_and_scripts(store):
    assert store.create_profile("x" * 20, "cat").nickname == "x" * 20
    assert store.create_profile("   " + "y" * 20 + "  ", "cat").nickname == "y" * 20
    for nick in ("ليلى", "Мария", "Sofía", "李华", "👩‍🚀 Astro", "ميم‌ها"):  # emoji ZWJ and Persian ZWNJ allowed
        assert store.create_profile(nick, "owl").nickname == nick


@pytest.mark.parametrize("avatar", ["", "Cat!", "../x", "a" * 41, None, "cat\n"])
def test_bad_avatars(store, avatar):
    with pytest.raises(ProfileError) as info:
        store.create_profile("Kim", avatar)
    assert info.value.code == "avatar_invalid"


def test_rename_and_avatar(store):
    a = store.create_profile("Ada", "cat")
    store.create_profile("Bo", "fox")
    assert store.rename_profile(a.id, "ada") == Profile(a.id, "ada", "cat", a.created_at)  # own name, other case: fine
    with pytest.raises(ProfileError, match="nickname_taken"):
        store.rename_profile(a.id, "BO")
    assert store.set_avatar(a.id, "whale").avatar == "whale"
    assert store.get_profile(a.id) == Profile(a.id, "ada", "whale", a.created_at)
    with pytest.raises(ProfileError, match="unknown_profile"):
        store.rename_profile("nope", "Zed")
    with pytest.raises(ProfileError, match="avatar_invalid"):
        store.set_avatar(a.id, "")


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(nick=utf8_text(max_size=30))
def test_any_unicode_nickname_reads_back_or_is_refused(tmp_path_factory, nick):
    path = tmp_path_factory.mktemp("hyp") / "p.sqlite3"
    with ProgressStore.open(path) as store:
        try:
            p = store.create_profile(nick, "cat")
        except ProfileError as exc:
            assert exc.code in ("nickname_empty", "nickname_too_long", "nickname_invalid")
            assert store.list_profiles() == []
            return
        assert p.nickname == unicodedata.normalize("NFC", nick).strip()
        assert 1 <= len(p.nickname) <= 20
        assert store.get_profile(p.id) == p
        assert store.list_profiles() == [p]
    with ProgressStore.open(path) as again:  # and after reopening the file
        assert again.get_profile(p.id) == p


# -- settings, attempts, results, badges ---------------------------------------------------------
def test_settings_roundtrip(store):
    p = store.create_profile("Ada", "cat")
    assert store.get_settings(p.id) == {}
    s = {"text_size": "large", "high_contrast": True, "reduced_motion": False, "read_aloud": True,
         "sfx_volume": 0.5, "music_volume": 0.25, "language": "zh_Hans"}
    store.set_settings(p.id, s)
    assert store.get_settings(p.id) == s
    store.set_settings(p.id, {"language": "ar"})
    assert store.get_settings(p.id) == {"language": "ar"}
    for bad in ([1, 2], {"x": float("nan")}, {"x": object()}, {1: "a"}, {"big": "x" * 70000}):
        with pytest.raises(ProfileError) as info:
            store.set_settings(p.id, bad)
        assert info.value.code == "settings_invalid"
    assert store.get_settings(p.id) == {"language": "ar"}
    with pytest.raises(ProfileError, match="unknown_profile"):
        store.set_settings("nope", {})


def test_attempts(store):
    p = store.create_profile("Ada", "cat")
    q = store.create_profile("Bo", "fox")
    i1 = store.record_attempt(p.id, "L1", "q1", json.dumps(["a", "c"]), 0.5, 3200, session_id="s1")
    i2 = store.record_attempt(p.id, "L2", "q1", "true", 1, 800)
    store.record_attempt(q.id, "L1", "q1", '"b"', 0.0, 10)
    got = store.attempts(p.id)
    assert [a.id for a in got] == [i1, i2]
    assert (got[0].answer, got[0].score, got[0].time_ms, got[0].session_id) == ('["a", "c"]', 0.5, 3200, "s1")
    assert [a.id for a in store.attempts(p.id, "L2")] == [i2]
    with pytest.raises(ProfileError, match="unknown_profile"):
        store.record_attempt("nope", "L1", "q1", "1", 1.0, 1)
    for kwargs in ({"answer": "not json"}, {"score": 1.5}, {"score": -0.1}, {"score": float("nan")},
                   {"score": True}, {"time_ms": -1}, {"time_ms": 1.5}, {"level_id": ""}, {"question_id": "a\nb"}):
        args = {"profile_id": p.id, "level_id": "L1", "question_id": "q", "answer": "1", "score": 1.0, "time_ms": 1}
        args.update(kwargs)
        with pytest.raises(ValueError):
            store.record_attempt(**args)
    assert len(store.attempts(p.id)) == 2


def test_level_results_keep_the_best_and_count_plays(store):
    p = store.create_profile("Ada", "cat")
    r = store.record_level_result(p.id, "s1", "strangers", "9-12", 0.8, 2, "end-good")
    assert (r.best_stars, r.best_score, r.plays, r.completed, r.endings) == (2, 0.8, 1, True, {"end-good"})
    store.record_level_result(p.id, "s1", "strangers", "9-12", 0.3, 1, "end-risky")
    store.record_level_result(p.id, "s1", "strangers", "9-12", 0.95, 3, "end-good")
    r = store.record_level_result(p.id, "s1", "strangers", "9-12", 0.1, 0)
    assert (r.best_stars, r.best_score, r.plays, r.endings) == (3, 0.95, 4, {"end-good", "end-risky"})
    assert (r.level_id, r.topic, r.band) == ("s1", "strangers", "9-12")
    assert store.level_results(p.id) == {"s1": r}
    with pytest.raises(ValueError):
        store.record_level_result(p.id, "s1", "strangers", "9-12", 0.5, 4)
    with pytest.raises(ProfileError, match="unknown_profile"):
        store.record_level_result("nope", "s1", "strangers", "9-12", 0.5, 1)


def test_badges_are_idempotent(store):
    p = store.create_profile("Ada", "cat")
    assert store.award_badge(p.id, "first-steps") is True
    assert store.award_badge(p.id, "first-steps") is False
    store.award_badge(p.id, "topic:9-12:passwords")
    assert sorted(b.badge_id for b in store.badges(p.id)) == ["first-steps", "topic:9-12:passwords"]


# -- export / import / delete / privacy -----------------------------------------------------------
def _fill(store, nickname="Zorblax"):
    p = store.create_profile(nickname, "robot")
    store.set_settings(p.id, {"language": "fr", "text_size": "large"})
    store.record_attempt(p.id, "k-passwords-quiz", "q1", json.dumps(["b"]), 1.0, 2500, session_id="sess1")
    store.record_level_result(p.id, "k-passwords-quiz", "passwords", "9-12", 1.0, 3)
    store.record_level_result(p.id, "k-strangers-scenario", "strangers", "9-12", 0.5, 2, "end-good")
    store.award_badge(p.id, "first-steps")
    return p


def test_export_json_roundtrip_has_only_nickname_avatar_and_id(store, tmp_path):
    p = _fill(store)
    data = store.export_profile(p.id)
    path = store.export_profile_json(p.id, tmp_path / "export.json")
    text = path.read_text(encoding="utf-8")
    loaded = json.loads(text)
    assert {k: v for k, v in loaded.items() if k != "exported_at"} == \
           {k: v for k, v in data.items() if k != "exported_at"}
    assert loaded["format"] == EXPORT_FORMAT and loaded["version"] == 1
    assert loaded["profile"] == {"id": p.id, "nickname": "Zorblax", "avatar": "robot", "created_at": p.created_at}
    assert loaded["settings"] == {"language": "fr", "text_size": "large"}
    assert [r["level_id"] for r in loaded["level_results"]] == ["k-passwords-quiz", "k-strangers-scenario"]
    assert loaded["level_results"][1]["endings"] == ["end-good"]
    assert loaded["attempts"][0]["answer"] == '["b"]'
    assert [b["badge_id"] for b in loaded["badges"]] == ["first-steps"]
    # Nothing about the computer or the person: no account name, host name, home or data folder.
    for secret in {getpass.getuser(), socket.gethostname(), str(Path.home()), str(tmp_path)} - {""}:
        assert secret not in text
    assert not any(k in text for k in ('"name"', '"age"', '"email"', '"birth', '"photo"'))
    assert [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name] == []

    # Import into another computer's store gives the same export.
    with ProgressStore.open(tmp_path / "other" / "progress.sqlite3") as other:
        q = other.import_profile_json(path)
        assert q == p
        again = other.export_profile(q.id)
        assert {k: v for k, v in again.items() if k != "exported_at"} == \
               {k: v for k, v in data.items() if k != "exported_at"}
        with pytest.raises(ProfileError, match="profile_exists"):
            other.import_profile(data)


def test_import_refuses_bad_files(store, tmp_path):
    p = _fill(store)
    data = store.export_profile(p.id)
    bad_files = [
        {"format": "something-else"},
        dict(data, version=99),
        dict(data, profile=dict(data["profile"], id="../../etc")),
        dict(data, profile=dict(data["profile"], nickname="\n")),
        dict(data, attempts=[{"level_id": "x"}]),
        dict(data, level_results=[dict(data["level_results"][0], best_stars=7)]),
        "not even a dict",
    ]
    with ProgressStore.open(tmp_path / "b" / "p.sqlite3") as other:
        for bad in bad_files:
            with pytest.raises(ProfileError) as info:
                other.import_profile(bad)
            assert info.value.code in ("import_invalid", "nickname_invalid")
        (tmp_path / "junk.json").write_text("{oops", encoding="utf-8")
        with pytest.raises(ProfileError, match="import_invalid"):
            other.import_profile_json(tmp_path / "junk.json")
        assert other.list_profiles() == []
        other.create_profile("zorblax", "cat")
        with pytest.raises(ProfileError, match="nickname_taken"):
            other.import_profile(data)


def test_delete_profile_removes_every_row_and_every_trace(store, tmp_path):
    keep = _fill(store, "Keeper")
    gone = _fill(store, "Zorblax")
    store.backup()
    assert b"Zorblax" in all_bytes(tmp_path)
    store.delete_profile(gone.id)
    conn = store._conn
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        for col in cols:
            n = conn.execute(f"SELECT count(*) FROM {table} WHERE {col} = ?", (gone.id,)).fetchone()[0]
            assert n == 0, (table, col)
    assert store.get_profile(gone.id) is None
    assert store.level_results(gone.id) == {} and store.attempts(gone.id) == [] and store.badges(gone.id) == []
    # Overwritten in the file, the journal and the backups (only the one fresh backup is left).
    assert b"Zorblax" not in all_bytes(tmp_path)
    assert b"Keeper" in all_bytes(tmp_path)
    assert len(store.backups()) == 1
    assert store.level_results(keep.id)["k-passwords-quiz"].best_stars == 3
    with pytest.raises(ProfileError, match="unknown_profile"):
        store.delete_profile(gone.id)


# -- teacher PIN ----------------------------------------------------------------------------------
@pytest.mark.real_pin_cost
def test_teacher_pin_is_hashed_and_verified(store, tmp_path):
    assert not store.has_teacher_pin()
    assert store.verify_teacher_pin("1234") is False
    store.set_teacher_pin("73950284")
    assert store.has_teacher_pin()
    assert store.verify_teacher_pin("73950284")
    assert not store.verify_teacher_pin("73950285")
    assert not store.verify_teacher_pin("7395028")
    assert not store.verify_teacher_pin("abcd")
    assert not store.verify_teacher_pin(None)
    assert store.verify_teacher_pin("٧٣٩٥٠٢٨٤")  # the same digits typed on an Arabic keyboard
    stored = store._conn.execute("SELECT pin_hash FROM teacher").fetchone()[0]
    algo, *params = stored.split("$")
    assert algo in ("scrypt", "pbkdf2_sha256")
    if algo == "pbkdf2_sha256":
        assert int(params[0]) >= 200_000
    else:
        assert int(params[0]) >= 2**14 and int(params[1]) >= 8  # the game's cost (the other tests use less)
    salt = bytes.fromhex(params[-2])
    assert len(salt) == 16
    for pin in ("73950284", "٧٣٩٥٠٢٨٤"):
        for enc in ("utf-8", "utf-16-le", "utf-32-le"):
            assert pin.encode(enc) not in all_bytes(tmp_path)
    store.set_teacher_pin("1111")  # a change replaces the hash, with a new salt
    assert not store.verify_teacher_pin("73950284") and store.verify_teacher_pin("1111")
    assert store._conn.execute("SELECT pin_hash FROM teacher").fetchone()[0].split("$")[-2] != params[-2]


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", "", "12 34", None, 1234, "²³⁴⁵"])
def test_bad_pin_formats(store, pin):
    with pytest.raises(PinFormatError):
        store.set_teacher_pin(pin)
    assert not store.has_teacher_pin()


def test_two_stores_with_the_same_pin_have_different_hashes(tmp_path):
    hashes = []
    for name in ("a", "b"):
        with ProgressStore.open(tmp_path / name / "p.sqlite3") as s:
            s.set_teacher_pin("2468")
            hashes.append(s._conn.execute("SELECT pin_hash FROM teacher").fetchone()[0])
    assert hashes[0] != hashes[1]


def test_erase_all_needs_the_right_pin(store, tmp_path):
    p = _fill(store)
    with pytest.raises(PermissionError, match="No teacher PIN"):
        store.erase_all("1234")
    store.set_teacher_pin("5791")
    store.backup()
    with pytest.raises(PermissionError, match="Wrong teacher PIN"):
        store.erase_all("5790")
    assert store.list_profiles() == [p]
    assert store.level_results(p.id)["k-passwords-quiz"].best_stars == 3
    store.erase_all("5791")
    assert store.list_profiles() == []
    for table in ("profiles", "attempts", "level_results", "level_endings", "badges", "settings"):
        assert store._conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    assert store.verify_teacher_pin("5791")  # the PIN stays
    assert b"Zorblax" not in all_bytes(tmp_path)  # not in the file, the journal or the backups
    store.create_profile("Zorblax", "cat")  # the nickname is free again


# -- errors -----------------------------------------------------------------------------------------
def test_sqlite_read_only_error_becomes_store_access_error(tmp_path):
    db = tmp_path / "p.sqlite3"
    ProgressStore.open(db).close()
    ro = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        with pytest.raises(sqlite3.OperationalError) as info:
            ro.execute("DELETE FROM profiles")
    finally:
        ro.close()
    err = store_module._sqlite_error(info.value, "save the answer", db)
    assert isinstance(err, StoreAccessError) and "read-only" in str(err) and str(db) in str(err)


def test_busy_store_error_is_clear(tmp_path):
    db = tmp_path / "p.sqlite3"
    with ProgressStore.open(db, busy_timeout_ms=200) as store:
        pid = store.create_profile("Ada", "cat").id
        other = sqlite3.connect(db, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        try:
            with pytest.raises(StoreError) as info:
                store.record_attempt(pid, "L", "q", "1", 1.0, 1)
            assert info.value.code == "store_busy" and "Try again" in str(info.value)
        finally:
            other.execute("ROLLBACK")
            other.close()
        store.record_attempt(pid, "L", "q", "1", 1.0, 1)


def test_pragmas(store):
    c = store._conn
    assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert c.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert c.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert c.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert c.execute("PRAGMA secure_delete").fetchone()[0] == 1
