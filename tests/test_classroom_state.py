"""What a lab computer remembers (machine id, loaded session), the store's session methods,
and the end-of-day wipe."""

import json
import sqlite3
import threading
from types import SimpleNamespace

import pytest

from sango_game.classroom import end_of_day_wipe, load_lab_state, machine_id, new_session, restore_class_session, save_lab_state
from sango_game.classroom.state import MACHINE_FILE, STATE_FILE, clear_lab_state
from sango_game.content import load_catalog
from sango_game.progress import ProgressStore


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture
def session(catalog):
    return new_session("Lab day", "9-12", "en", ["k-passwords-quiz", "k-scams-quiz"], catalog=catalog)


def test_machine_id_is_made_once_and_kept(tmp_path):
    a = machine_id(tmp_path)
    assert len(a) == 32 and int(a, 16) >= 0
    assert machine_id(tmp_path) == a
    (tmp_path / MACHINE_FILE).write_text("garbage!")
    b = machine_id(tmp_path)
    assert b != a and machine_id(tmp_path) == b  # a damaged file is replaced, then kept


def test_machine_id_race_gives_one_id(tmp_path):
    for round_ in range(20):
        folder = tmp_path / f"d{round_}"
        folder.mkdir()
        barrier = threading.Barrier(8)
        out = []

        def start(barrier=barrier, out=out, folder=folder):
            barrier.wait()
            out.append(machine_id(folder))

        threads = [threading.Thread(target=start) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(out) == 8 and len(set(out)) == 1, "two windows starting at once must agree on one id"
        assert [p.name for p in folder.iterdir()] == [MACHINE_FILE]  # no temporary file left


def test_lab_state_round_trip_and_restore(tmp_path, session, catalog):
    assert load_lab_state(tmp_path) is None
    state = save_lab_state(tmp_path, session, "/media/usb/sango-session-Lab-day.json")
    back = load_lab_state(tmp_path, catalog)
    assert back.session == session and back.loaded_at == state.loaded_at and back.source.endswith("Lab-day.json")
    app = SimpleNamespace(data_dir=tmp_path, catalog=catalog, class_session=None)
    assert restore_class_session(app) == session and app.class_session.id == session.id
    clear_lab_state(tmp_path)
    assert restore_class_session(app) is None and app.class_session is None


def test_damaged_or_outdated_lab_state_is_ignored(tmp_path, session, catalog):
    save_lab_state(tmp_path, session)
    path = tmp_path / STATE_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    data["session"]["playlist"] = ["k-level-from-the-future"]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_lab_state(tmp_path) is not None  # the format is fine
    app = SimpleNamespace(data_dir=tmp_path, catalog=catalog, class_session="old")
    assert restore_class_session(app) is None  # but this computer does not have that level
    path.write_text("{broken", encoding="utf-8")
    assert load_lab_state(tmp_path) is None


def _age(db, profile_id, when="2020-01-01T00:00:00Z"):
    con = sqlite3.connect(db)
    con.execute("UPDATE profiles SET created_at = ? WHERE id = ?", (when, profile_id))
    con.commit()
    con.close()


@pytest.fixture
def lab_pc(tmp_path, session):
    """A lab computer's store: players from before the session and players made during it."""
    db = tmp_path / "progress.sqlite3"
    store = ProgressStore.open(db)
    old_kid = store.create_profile("Regular", "cat")  # plays at other times too
    old_quiet = store.create_profile("Teacher demo", "owl")  # made before, played only in the session
    _age(db, old_kid.id)
    _age(db, old_quiet.id)
    store.record_attempt(old_kid.id, "k-passwords-quiz", "q1", '"a"', 1.0, 10)  # no session
    store.record_level_result(old_kid.id, "k-passwords-quiz", "passwords", "9-12", 1.0, 3)
    save_lab_state(tmp_path, session)
    new_kid = store.create_profile("نور", "fox")  # made for the lab day
    never = store.create_profile("小明", "bee")  # made during the session, never answered anything
    other_session = store.create_profile("Other", "frog")  # made during the session, played another session
    for pid in (old_kid.id, old_quiet.id, new_kid.id):
        store.record_attempt(pid, "k-scams-quiz", "q1", '"b"', 0.5, 20, session_id=session.id)
    store.record_level_result(new_kid.id, "k-scams-quiz", "scams", "9-12", 0.5, 1)
    store.award_badge(new_kid.id, "first-steps")
    store.set_settings(new_kid.id, {"language": "ar"})
    store.record_attempt(other_session.id, "k-scams-quiz", "q1", '"b"', 0.5, 20, session_id="ff" * 16)
    store.backup()
    ids = SimpleNamespace(old_kid=old_kid, old_quiet=old_quiet, new_kid=new_kid, never=never, other=other_session)
    yield store, db, ids
    store.close()


def test_store_session_queries(lab_pc, session):
    store, _, ids = lab_pc
    assert {p.id for p in store.session_profiles(session.id)} == {ids.old_kid.id, ids.old_quiet.id, ids.new_kid.id}
    atts = store.session_attempts(session.id)
    assert len(atts) == 3 and {a.session_id for a in atts} == {session.id}
    assert store.session_attempts("ee" * 16) == []


def test_end_of_day_wipe(lab_pc, session, tmp_path):
    store, db, ids = lab_pc
    result = end_of_day_wipe(store, tmp_path, session)
    assert result.attempts == 3
    assert set(result.profiles) == {"نور", "小明"}
    assert set(result.kept) == {"Regular", "Teacher demo"}
    left = {p.nickname for p in store.list_profiles()}
    assert left == {"Regular", "Teacher demo", "Other"}
    assert store.session_attempts(session.id) == []
    assert [a.session_id for a in store.attempts(ids.old_kid.id)] == [None]  # other answers kept
    assert store.level_results(ids.old_kid.id)["k-passwords-quiz"].best_stars == 3
    assert len(store.attempts(ids.other.id)) == 1  # another session's data is not touched
    assert load_lab_state(tmp_path) is None  # the session is forgotten
    # No trace left of the deleted players, in the store or its backups.
    con = sqlite3.connect(db)
    for table in ("profiles", "attempts", "level_results", "badges", "settings"):
        col = "id" if table == "profiles" else "profile_id"
        assert con.execute(f"SELECT COUNT(*) FROM {table} WHERE {col} = ?", (ids.new_kid.id,)).fetchone()[0] == 0
    con.close()
    for backup in store.backups():
        con = sqlite3.connect(backup)
        assert con.execute("SELECT COUNT(*) FROM attempts WHERE session_id = ?", (session.id,)).fetchone()[0] == 0
        assert con.execute("SELECT COUNT(*) FROM profiles WHERE id = ?", (ids.new_kid.id,)).fetchone()[0] == 0
        con.close()
    store.close()
    assert "نور".encode() not in db.read_bytes()


def test_wipe_without_lab_state_keeps_every_profile(lab_pc, session, tmp_path):
    store, _, ids = lab_pc
    clear_lab_state(tmp_path)  # we do not know when the session started: delete answers only
    result = end_of_day_wipe(store, tmp_path, session)
    assert result.attempts == 3 and result.profiles == ()
    assert len(store.list_profiles()) == 5


def test_wipe_of_another_session_does_not_use_this_state(lab_pc, tmp_path, catalog):
    store, _, _ = lab_pc
    other = new_session("Other day", "9-12", "en", ["k-scams-quiz"], catalog=catalog)
    other = type(other)(**{**other.__dict__, "id": "ff" * 16})
    result = end_of_day_wipe(store, tmp_path, other)
    assert result.attempts == 1 and result.profiles == ()  # loaded_at belongs to another session
    assert {p.nickname for p in store.list_profiles()} >= {"Other"}


def test_drives_and_where_files_are_found(tmp_path, session):
    import os

    from sango_game.classroom import write_session
    from sango_game.classroom.drives import (
        count_results_files,
        export_targets,
        find_session_files,
        import_folders,
        removable_drives,
    )

    media = tmp_path / "media" / "teacher"
    stick, other = media / "USB STICK", media / "CAMERA"
    for d in (stick, other):
        d.mkdir(parents=True)
    (media / "system").symlink_to("/")  # like /Volumes/Macintosh HD: the system disk is not a USB drive
    (media / "afile").write_text("x")
    pattern = str(tmp_path / "media" / "*" / "*")
    drives = removable_drives(patterns=(pattern,), windows=False)
    assert drives == [other, stick]
    if os.name == "posix" and os.geteuid() != 0:
        other.chmod(0o500)
        try:
            assert removable_drives(patterns=(pattern,), windows=False) == [stick]  # read-only: not offered
        finally:
            other.chmod(0o700)
    export = tmp_path / "Documents" / "Sango"
    assert export_targets(export, [stick]) == [export, stick / "Sango"]
    assert import_folders(export, [stick]) == [stick]  # the export folder does not exist yet
    export.mkdir(parents=True)
    assert import_folders(export, [stick]) == [stick, export]
    write_session(stick / session.file_name(), session)
    write_session(stick / "Sango" / "sango-session-copy.json", session)
    write_session(export / session.file_name(), session)
    (stick / "deep" / "deeper").mkdir(parents=True)
    write_session(stick / "deep" / "deeper" / "sango-session-hidden.json", session)  # too deep for the list
    (stick / "holiday.json").write_text("{}")
    found = find_session_files(export, [stick])
    assert found == [stick / session.file_name(), stick / "Sango" / "sango-session-copy.json", export / session.file_name()]
    (stick / "Sango" / "sango-results-aa-bb-1.json").write_text("{}")
    (stick / "deep" / "sango-results-aa-cc-1.json").write_text("{}")
    assert count_results_files(stick) == 2
