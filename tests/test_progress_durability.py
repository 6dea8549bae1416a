"""The progress store under real failures: SIGKILL mid-write, damaged files, a full disk,
two processes writing at once, and a read-only folder."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from sango_game.progress import ProgressStore, StorageFullError, StoreAccessError, StoreError
from sango_game.progress import backups as backups_module

ROOT = Path(__file__).resolve().parents[1]
WRITER = ROOT / "tests" / "fixtures" / "progress" / "writer.py"


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _raw_ids(db: Path) -> set[int]:
    conn = sqlite3.connect(db)
    try:
        return {r[0] for r in conn.execute("SELECT id FROM attempts")}
    finally:
        conn.close()


# 1. SIGKILL --------------------------------------------------------------------------------------
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
def test_sigkill_mid_write_loses_nothing_committed(tmp_path):
    db = tmp_path / "progress.sqlite3"
    with ProgressStore.open(db) as store:
        pid = store.create_profile("Kim", "owl").id
    reported: list[int] = []
    wal_seen = []
    for round_no, wait_for in enumerate((40, 150, 90)):
        proc = subprocess.Popen([sys.executable, str(WRITER), str(db), pid, "attempts"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=_env(), text=True)
        got = 0
        try:
            for line in proc.stdout:
                reported.append(int(line))
                got += 1
                if got >= wait_for:
                    break
            wal = db.with_name(db.name + "-wal")
            wal_seen.append(wal.exists() and wal.stat().st_size > 0)
            proc.send_signal(signal.SIGKILL)
            rest, err = proc.communicate(timeout=10)
        finally:
            if proc.poll() is None:
                proc.kill()
        assert proc.returncode == -signal.SIGKILL, err
        reported += [int(x) for x in rest.split()]  # lines printed before the kill, not yet read

        with ProgressStore.open(db) as store:
            assert store.notice is None
            assert store.integrity_check() == ["ok"]
            in_db = {a.id for a in store.attempts(pid)}
        missing = set(reported) - in_db
        assert not missing, f"round {round_no}: committed attempts lost: {sorted(missing)[:10]}"
        extra = in_db - set(reported)
        # At most the attempt that was being written when the process died (committed, not yet printed).
        assert len(extra) <= 1, f"round {round_no}: unexpected rows {sorted(extra)}"
        if extra:
            assert extra.pop() > max(reported)
            reported = sorted(in_db)
    assert any(wal_seen), "the writer was killed while the WAL held data (recovery really ran)"
    assert len(reported) >= 280


# 2. damaged store ---------------------------------------------------------------------------------
def _store_with_backup(db: Path):
    """A store with a backup holding Ada (2 stars), then more progress written after the backup."""
    store = ProgressStore.open(db)
    ada = store.create_profile("Ada", "cat")
    store.record_level_result(ada.id, "k-passwords-quiz", "passwords", "9-12", 0.7, 2)
    store.record_attempt(ada.id, "k-passwords-quiz", "q1", '"b"', 1.0, 4000)
    store.award_badge(ada.id, "first-steps")
    backup = store.backup()
    store.create_profile("Late", "fox")  # after the backup: cannot survive a restore
    store.close()  # checkpoints the WAL into the main file
    assert not db.with_name(db.name + "-wal").exists()
    return ada, backup


def _truncate_half(db: Path) -> None:
    os.truncate(db, db.stat().st_size // 2)


def _garbage_header(db: Path) -> None:
    with open(db, "r+b") as f:
        f.write(b"this is no longer an sqlite file!!")


def _garbage_middle(db: Path) -> None:
    with open(db, "r+b") as f:
        f.seek(4096 * 2)
        f.write(b"\xde\xad\xbe\xef" * 1024)


@pytest.mark.parametrize("damage", [_truncate_half, _garbage_header, _garbage_middle])
def test_damaged_store_is_kept_aside_and_newest_backup_restored(tmp_path, damage):
    db = tmp_path / "progress.sqlite3"
    ada, backup = _store_with_backup(db)
    damage(db)
    damaged_bytes = db.read_bytes()

    store = ProgressStore.open(db)
    try:
        n = store.notice
        assert n is not None and n.kind == "restored" and n.code == "store_restored"
        assert n.params["backup"] == backup.name
        assert n.params["backup_time"]  # for "we put back the copy saved on ..."
        assert n.params["reason"]
        kept = tmp_path / n.params["damaged_file"]
        assert kept.name.startswith("progress.sqlite3.damaged-")
        assert kept.read_bytes() == damaged_bytes  # never deleted, never changed
        assert [p.nickname for p in store.list_profiles()] == ["Ada"]
        r = store.level_results(ada.id)["k-passwords-quiz"]
        assert (r.best_stars, r.plays, r.completed) == (2, 1, True)
        assert len(store.attempts(ada.id)) == 1
        assert [b.badge_id for b in store.badges(ada.id)] == ["first-steps"]
        assert store.integrity_check() == ["ok"]
        store.record_level_result(ada.id, "k-passwords-quiz", "passwords", "9-12", 1.0, 3)  # usable again
    finally:
        store.close()
    with ProgressStore.open(db) as again:
        assert again.notice is None
        assert again.level_results(ada.id)["k-passwords-quiz"].best_stars == 3


def test_damaged_newest_backup_is_skipped(tmp_path, monkeypatch):
    from sango_game.progress.storefile import _TS_FORMAT

    db = tmp_path / "progress.sqlite3"
    ada, good = _store_with_backup(db)
    # Backups are named by the second: the next one is taken two seconds later (by its name).
    monkeypatch.setattr(backups_module, "_stamp", lambda: time.strftime(_TS_FORMAT, time.gmtime(time.time() + 2)))
    with ProgressStore.open(db) as store:
        newest = store.backup()
    assert newest != good
    _garbage_header(newest)
    _truncate_half(db)
    with ProgressStore.open(db) as store:
        assert store.notice.kind == "restored"
        assert store.notice.params["backup"] == good.name
        assert [p.id for p in store.list_profiles()] == [ada.id]
    assert newest.exists()  # a bad backup is skipped, not deleted


def test_damaged_store_without_backup_starts_fresh_and_keeps_the_file(tmp_path):
    db = tmp_path / "progress.sqlite3"
    with ProgressStore.open(db) as store:
        store.create_profile("Ada", "cat")
    _garbage_header(db)
    with ProgressStore.open(db) as store:
        n = store.notice
        assert n is not None and n.kind == "reset" and n.code == "store_reset"
        assert (tmp_path / n.params["damaged_file"]).exists()
        assert store.list_profiles() == []
        store.create_profile("Ada", "cat")  # the fresh store works
        assert store.integrity_check() == ["ok"]


def test_backups_keep_the_newest_five_and_are_standalone_files(tmp_path, monkeypatch):
    db = tmp_path / "progress.sqlite3"
    stamps = iter(f"20250101-0000{i:02d}" for i in range(10))
    monkeypatch.setattr(backups_module, "_stamp", lambda: next(stamps))
    with ProgressStore.open(db) as store:
        pid = store.create_profile("Ada", "cat").id
        made = []
        for i in range(8):
            store.record_attempt(pid, "L", f"q{i}", "1", 1.0, 10)
            made.append(store.backup())
        assert store.backups() == made[-5:]
    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == [p.name for p in made[-5:]]
    newest = made[-1]
    assert newest.read_bytes()[18:20] == b"\x01\x01"  # rollback-journal mode: no -wal file needed
    conn = sqlite3.connect(newest)
    assert conn.execute("SELECT count(*) FROM attempts").fetchone()[0] == 8
    conn.close()


# 3. disk full ----------------------------------------------------------------------------------
def test_disk_full_raises_storage_full_and_keeps_old_data(tmp_path):
    db = tmp_path / "progress.sqlite3"
    store = ProgressStore.open(db)
    try:
        ada = store.create_profile("Ada", "cat")
        saved = [store.record_attempt(ada.id, "L", f"q{i}", '"a"', 0.5, 10) for i in range(5)]
        exported = store.export_profile(ada.id)
        pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
        store._conn.execute(f"PRAGMA max_page_count = {pages + 3}")

        big = json.dumps("x" * 3000)
        with pytest.raises(StorageFullError) as info:
            for i in range(200):
                saved.append(store.record_attempt(ada.id, "L", f"big{i}", big, 1.0, 10))
        msg = str(info.value)
        assert "full" in msg and str(tmp_path) in msg and "free some space" in msg
        assert info.value.code == "storage_full"
        assert not store._conn.in_transaction  # rolled back

        # A multi-row change is all or nothing: importing a big profile fails without leaving a trace.
        clone = dict(exported, profile=dict(exported["profile"], id="ab" * 16, nickname="Clone"),
                     attempts=[dict(exported["attempts"][0], answer=big)] * 20)
        with pytest.raises(StorageFullError):
            store.import_profile(clone)
        assert [p.nickname for p in store.list_profiles()] == ["Ada"]

        assert [a.id for a in store.attempts(ada.id)] == saved  # everything saved before is readable
        assert store.integrity_check() == ["ok"]

        store._conn.execute("PRAGMA max_page_count = 1073741823")  # space freed
        saved.append(store.record_attempt(ada.id, "L", "after", big, 1.0, 10))
        assert store.import_profile(clone).nickname == "Clone"
        assert [a.id for a in store.attempts(ada.id)] == saved
    finally:
        store.close()


def test_disk_full_while_writing_files_is_storage_full(tmp_path, monkeypatch):
    with ProgressStore.open(tmp_path / "progress.sqlite3") as store:
        pid = store.create_profile("Ada", "cat").id

        def no_space(src, dst):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(backups_module.os, "replace", no_space)  # the os module itself
        target = tmp_path / "export.json"
        with pytest.raises(StorageFullError, match="full"):
            store.export_profile_json(pid, target)
        with pytest.raises(StorageFullError, match="full"):
            store.backup()
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name] == []
    assert [p.name for p in (tmp_path / "backups").iterdir()] == []


# 4. two processes -------------------------------------------------------------------------------
def test_two_processes_writing_at_once_lose_no_update(tmp_path):
    db = tmp_path / "progress.sqlite3"
    with ProgressStore.open(db) as store:
        pid = store.create_profile("Ada", "cat").id
    n = 200
    procs = [subprocess.Popen([sys.executable, str(WRITER), str(db), pid, "results", tag, str(n)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(),
                              text=True)
             for tag in ("a", "b")]
    try:
        for p in procs:
            assert p.stdout.readline().strip() == "ready", p.stderr.read()
        for p in procs:  # start both together
            p.stdin.write("go\n")
            p.stdin.flush()
        outs = []
        for p in procs:
            out, err = p.communicate(timeout=120)
            assert p.returncode == 0, err
            outs.append(json.loads(out.strip().splitlines()[-1]))
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()

    with ProgressStore.open(db) as store:
        results = store.level_results(pid)
        attempts = store.attempts(pid)
        assert store.integrity_check() == ["ok"]
    assert sum(r.plays for r in results.values()) == 2 * n
    for level, r in results.items():
        a, b = outs[0]["best"][level], outs[1]["best"][level]
        assert r.plays == a["plays"] + b["plays"]
        assert r.best_stars == max(a["stars"], b["stars"])
        assert r.best_score == pytest.approx(max(a["score"], b["score"]))
        assert r.endings == frozenset(a["endings"]) | frozenset(b["endings"])
    assert len(attempts) == 2 * n
    assert {a.id for a in attempts} == set(outs[0]["attempt_ids"]) | set(outs[1]["attempt_ids"])
    # The two writers really overlapped: their attempt ids interleave.
    first_b, last_a = min(outs[1]["attempt_ids"]), max(outs[0]["attempt_ids"])
    first_a, last_b = min(outs[0]["attempt_ids"]), max(outs[1]["attempt_ids"])
    assert first_b < last_a and first_a < last_b


# 5. read-only folder / permission denied ----------------------------------------------------------
_READONLY_SNIPPET = """
import sys
from pathlib import Path
from sango_game.progress import ProgressStore, StoreAccessError
try:
    ProgressStore.open(Path(sys.argv[1]))
except StoreAccessError as exc:
    print("StoreAccessError:", exc)
else:
    print("opened")
"""


def _drop_to_nobody():
    os.setgid(65534)
    os.setuid(65534)


def _unprivileged_python() -> str | None:
    """An interpreter the user "nobody" may run (the store needs only the standard library)."""
    for exe in (sys.executable, "/usr/bin/python3"):
        try:
            ok = subprocess.run([exe, "-c", "import sqlite3, sys; assert sys.version_info >= (3, 11)"], cwd="/",
                                preexec_fn=_drop_to_nobody, capture_output=True, timeout=30).returncode == 0
        except OSError:
            ok = False
        if ok:
            return exe
    return None


def _open_in_readonly_folder(folder: Path, db: Path) -> str:
    if os.geteuid() == 0:  # root ignores permissions: try as the unprivileged user "nobody"
        exe = _unprivileged_python()
        if exe is None:
            pytest.skip("running as root and no Python the user 'nobody' may run")
        proc = subprocess.run([exe, "-c", _READONLY_SNIPPET, str(db)], capture_output=True, text=True,
                              env=_env(), preexec_fn=_drop_to_nobody, timeout=60, cwd="/")
        assert proc.returncode == 0, proc.stderr
        return proc.stdout.strip()
    folder.chmod(0o555)
    try:
        try:
            ProgressStore.open(db)
        except StoreAccessError as exc:
            return f"StoreAccessError: {exc}"
        return "opened"
    finally:
        folder.chmod(0o755)


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_read_only_folder_gives_a_clear_error():
    base = Path(tempfile.mkdtemp(prefix="sango-ro-", dir="/tmp"))
    try:
        base.chmod(0o755)
        folder = base / "lab"
        folder.mkdir()
        folder.chmod(0o755)
        with ProgressStore.open(folder / "progress.sqlite3") as store:
            store.create_profile("Ada", "cat")
        for f in folder.iterdir():
            f.chmod(0o644) if f.is_file() else None
        out = _open_in_readonly_folder(folder, folder / "progress.sqlite3")
        assert out.startswith("StoreAccessError:"), out
        assert str(folder) in out and "read-only" in out
        out = _open_in_readonly_folder(folder, folder / "new" / "progress.sqlite3")
        assert out.startswith("StoreAccessError:") and "permission denied" in out.lower(), out
        # A shared lab folder everyone may write to, but the file belongs to another account.
        folder.chmod(0o777)
        out = _open_in_readonly_folder(base, folder / "progress.sqlite3") if os.geteuid() == 0 else "skip"
        if out != "skip":
            assert out.startswith("StoreAccessError:") and "cannot be read and written" in out, out
        folder.chmod(0o755)
        with ProgressStore.open(folder / "progress.sqlite3") as store:  # nothing was changed
            assert store.notice is None
            assert [p.nickname for p in store.list_profiles()] == ["Ada"]
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_folder_in_the_way_gives_a_clear_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(StoreAccessError) as info:
        ProgressStore.open(blocker / "progress.sqlite3")
    assert str(blocker) in str(info.value)
    (tmp_path / "dir.sqlite3").mkdir()
    with pytest.raises(StoreAccessError, match="not a regular file"):
        ProgressStore.open(tmp_path / "dir.sqlite3")


def test_closed_store_refuses_politely(tmp_path):
    store = ProgressStore.open(tmp_path / "p.sqlite3")
    store.close()
    store.close()
    with pytest.raises(StoreError) as info:
        store.list_profiles()
    assert info.value.code == "store_closed"


def test_emptied_store_with_backups_is_restored(tmp_path):
    db = tmp_path / "progress.sqlite3"
    ada, backup = _store_with_backup(db)
    os.truncate(db, 0)  # e.g. a crash of a program that rewrote the file
    with ProgressStore.open(db) as store:
        assert store.notice.kind == "restored" and store.notice.params["backup"] == backup.name
        assert [p.id for p in store.list_profiles()] == [ada.id]


def test_journal_left_without_its_store_is_set_aside(tmp_path):
    db = tmp_path / "progress.sqlite3"
    with ProgressStore.open(db) as store:
        store.create_profile("Ada", "cat")
        shutil.copy(db, tmp_path / "copy.sqlite3")
        shutil.copy(db.with_name(db.name + "-wal"), tmp_path / "copy.wal")
    db.unlink()  # someone removed the store but not its journal
    shutil.copy(tmp_path / "copy.wal", db.with_name(db.name + "-wal"))
    with ProgressStore.open(db) as store:
        assert store.notice is None
        assert store.list_profiles() == []
        assert store.integrity_check() == ["ok"]
    kept = [p.name for p in tmp_path.iterdir() if ".orphan-" in p.name]
    assert kept and kept[0].startswith("progress.sqlite3-wal.orphan-")
