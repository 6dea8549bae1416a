"""The progress store against faults, round two: incomplete files, interrupted backups, a full disk."""

import os
import sqlite3
import subprocess
import sys
import time
from collections import namedtuple

import pytest

from sango_game.progress import ProgressStore, StorageFullError, StoreError
from sango_game.progress import storefile as storefile_module
from sango_game.progress.backups import KEEP_BACKUPS


def drop_table(db, table="badges"):
    conn = sqlite3.connect(db)
    conn.execute(f"DROP TABLE {table}")
    conn.commit()
    conn.close()


def test_sango_file_with_missing_tables_is_restored_and_good_backup_survives_restarts(tmp_path):
    db = tmp_path / "progress.sqlite3"
    with ProgressStore.open(db) as store:
        pid = store.create_profile("Ada", "cat").id
        store.record_attempt(pid, "L", "q1", "1", 1.0, 10)
        store.backup()
    drop_table(db)  # still carries Sango's mark and version
    for start in range(KEEP_BACKUPS + 2):  # the game makes a backup at every start
        with ProgressStore.open(db) as store:
            if start == 0:
                assert store.notice is not None and store.notice.kind == "restored", store.notice
                assert "badges" in store.notice.params["reason"]
            assert [p.nickname for p in store.list_profiles()] == ["Ada"]
            store.award_badge(pid, "b1")  # saving works again
            store.backup()
    good = [b for b in (tmp_path / "backups").iterdir() if storefile_module.verify_backup(b) is None]
    assert good, "no verified backup is left"


def test_backup_of_an_incomplete_store_is_refused_and_older_backups_stay(tmp_path):
    db = tmp_path / "progress.sqlite3"
    with ProgressStore.open(db) as store:
        store.create_profile("Ada", "cat")
        first = store.backup()
        store._conn.execute("DROP TABLE badges")
        for _ in range(KEEP_BACKUPS + 1):
            with pytest.raises(StoreError) as info:
                store.backup()
            assert info.value.code == "store_damaged" and "badges" in str(info.value)
        assert store.backups() == [first]
    assert [p.name for p in (tmp_path / "backups").iterdir()] == [first.name]


def test_verify_backup_checks_integrity_and_schema(tmp_path):
    db = tmp_path / "progress.sqlite3"
    with ProgressStore.open(db) as store:
        store.create_profile("Ada", "cat")
        b = store.backup()
    assert storefile_module.verify_backup(b) is None
    drop_table(b, "settings")
    assert "settings" in storefile_module.verify_backup(b)
    empty = tmp_path / "empty.sqlite3"
    sqlite3.connect(empty).close()
    assert storefile_module.verify_backup(empty) is not None


def dead_pid() -> int:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(proc.stdout)


@pytest.mark.skipif(os.name != "posix", reason="process probing is POSIX; elsewhere age decides")
def test_stale_temp_copies_from_killed_backups_are_removed_at_start(tmp_path):
    db = tmp_path / "progress.sqlite3"
    ProgressStore.open(db).close()
    folder = tmp_path / "backups"
    folder.mkdir(exist_ok=True)
    gone = dead_pid()
    stale = [folder / f".progress-20250101-00000{i}.sqlite3.tmp-{gone}" for i in range(3)]
    stale.append(tmp_path / f".progress.sqlite3.restore-{gone}")
    for p in stale:
        p.write_bytes(b"x" * 4096)
    running = folder / f".progress-20250101-000009.sqlite3.tmp-{os.getppid()}"  # a live process: leave it
    running.write_bytes(b"x")
    other = folder / f".notes.txt.tmp-{gone}"  # not Sango's
    other.write_bytes(b"x")
    with ProgressStore.open(db):
        pass
    assert [p for p in stale if p.exists()] == []
    assert running.exists() and other.exists()


def test_stale_temp_copies_are_aged_out_where_processes_cannot_be_asked(tmp_path, monkeypatch):
    monkeypatch.setattr(storefile_module, "_pid_alive", lambda pid: None)
    folder = tmp_path / "backups"
    folder.mkdir()
    old = folder / ".progress-20250101-000000.sqlite3.tmp-123"
    new = folder / ".progress-20250101-000001.sqlite3.tmp-124"
    old.write_bytes(b"x")
    new.write_bytes(b"x")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    removed = storefile_module.clean_stale_temp_files(tmp_path / "progress.sqlite3")
    assert removed == [old] and new.exists()


Usage = namedtuple("Usage", "total used free")


def io_error(message="disk I/O error", code=10):
    exc = sqlite3.OperationalError(message)
    exc.sqlite_errorcode = code
    return exc


@pytest.mark.parametrize("code", [10, 14])  # SQLITE_IOERR, SQLITE_CANTOPEN
def test_full_disk_reported_by_sqlite_as_io_error_is_called_full(tmp_path, monkeypatch, code):
    monkeypatch.setattr(storefile_module.shutil, "disk_usage", lambda p: Usage(10**9, 10**9, 0))
    err = storefile_module._sqlite_error(io_error(code=code), "open the progress file", tmp_path / "p.sqlite3")
    assert isinstance(err, StorageFullError) and err.code == "storage_full"
    assert "the disk is full" in str(err) and err.params["where"] == str(tmp_path / "p.sqlite3")


def test_io_error_with_free_space_stays_an_io_error(tmp_path, monkeypatch):
    monkeypatch.setattr(storefile_module.shutil, "disk_usage", lambda p: Usage(10**9, 10**8, 10**8))
    err = storefile_module._sqlite_error(io_error(), "open the progress file", tmp_path / "p.sqlite3")
    assert not isinstance(err, StorageFullError)


def test_full_disk_at_start_is_opened_as_storage_full(tmp_path, monkeypatch):
    def full_connect(*a, **kw):
        raise io_error()

    monkeypatch.setattr(storefile_module.shutil, "disk_usage", lambda p: Usage(10**9, 10**9, 0))
    monkeypatch.setattr(storefile_module.sqlite3, "connect", full_connect)
    with pytest.raises(StorageFullError):
        ProgressStore.open(tmp_path / "progress.sqlite3")
