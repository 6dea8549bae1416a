"""The progress file itself: opening, checking, recovering, and the transaction plumbing.

One SQLite file (``progress.sqlite3`` in the data folder) written with the standard library's
sqlite3. Children's progress matters more than speed: WAL journal, ``synchronous=FULL``, one
transaction per answer, ``BEGIN IMMEDIATE`` for read-modify-write, a busy timeout so that two
Sango windows (or a lab's shared folder) can write at the same time.

A damaged file is never deleted: it is moved aside and the newest good backup is put back.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from ..atomic import fsync_dir
from .errors import NotAStoreError, ProfileError, SchemaTooNewError, StorageFullError, StoreAccessError, StoreError
from .migrations import check_known, schema_problem, upgrade
from .models import LevelResult, StoreNotice

FILE_NAME = "progress.sqlite3"
BACKUP_DIR = "backups"
BUSY_TIMEOUT_MS = 15_000
SQLITE_HEADER = b"SQLite format 3\x00"
JOURNAL_MODES = ("wal", "delete", "truncate", "persist")

# Primary SQLite result codes (sqlite3.SQLITE_* constants exist only in newer Pythons).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR = 3, 5, 6, 8, 10
_CORRUPT, _FULL, _CANTOPEN, _AUTH, _NOTADB = 11, 13, 14, 23, 26
_TS_FORMAT = "%Y%m%d-%H%M%S"


def _utcnow() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _stamp() -> str:
    return time.strftime(_TS_FORMAT, time.gmtime())


def _primary_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def _is_damage(exc: BaseException) -> bool:
    if _primary_code(exc) in (_CORRUPT, _NOTADB):
        return True
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))  # Windows cannot flush a read-only handle
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


LOW_SPACE_BYTES = 1024 * 1024


def _disk_is_full(where: Path) -> bool:
    """Whether the disk holding ``where`` has (almost) no space left. SQLite often reports a full disk
    as a plain I/O error or "unable to open" (it could not create its journal), so this is asked too."""
    folder = Path(where)
    for candidate in (folder, *folder.parents):
        try:
            return shutil.disk_usage(candidate).free < LOW_SPACE_BYTES
        except (OSError, ValueError):
            continue
    return False


def _full_error(action: str, where: Path) -> StorageFullError:
    return StorageFullError(f"Could not {action}: the disk is full ({where}). Nothing of this change was saved and "
                            "earlier progress is safe; free some space and try again.", where=str(where))


def _os_error(exc: OSError, action: str, where: Path) -> StoreError:
    if exc.errno in (errno.EIO, errno.EFBIG) and _disk_is_full(where):
        return _full_error(action, where)
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return StorageFullError(f"Could not {action}: the disk is full ({where}). Nothing of this change was saved; "
                                "free some space and try again.", where=str(where))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StoreAccessError(f"Could not {action}: permission denied or read-only ({where}). Ask the person who "
                                "looks after this computer to make the folder writable, or choose another data folder.",
                                where=str(where))
    return StoreAccessError(f"Could not {action}: {exc.strerror or exc} ({where}).", where=str(where))


def _sqlite_error(exc: sqlite3.Error, action: str, where: Path) -> StoreError:
    code = _primary_code(exc)
    if code == _FULL or "database or disk is full" in str(exc):
        return StorageFullError(f"Could not {action}: database or disk is full ({where}). Nothing of this change was "
                                "saved and earlier progress is safe; free some space and try again.", where=str(where))
    if code in (_IOERR, _CANTOPEN) and _disk_is_full(where):
        return _full_error(action, where)
    if code in (_READONLY, _PERM, _CANTOPEN, _AUTH):
        return StoreAccessError(f"Could not {action}: the progress file or its folder is read-only or not accessible "
                                f"({where}: {exc}). Ask the person who looks after this computer to make it writable, "
                                "or choose another data folder.", where=str(where))
    if code in (_BUSY, _LOCKED):
        return StoreError(f"Could not {action}: another Sango window kept the progress file busy for too long "
                          f"({where}). Try again.", code="store_busy", where=str(where))
    if _is_damage(exc):
        return StoreError(f"Could not {action}: the progress file is damaged ({where}: {exc}). Restart Sango: it "
                          "keeps the damaged file aside and puts back the newest backup.", code="store_damaged",
                          where=str(where))
    if code == _IOERR:
        return StoreAccessError(f"Could not {action}: the disk reported an error ({where}: {exc}).", where=str(where))
    return StoreError(f"Could not {action}: {exc} ({where}).", where=str(where))


def _open_sqlite(path: Path, busy_ms: int) -> sqlite3.Connection:
    """An autocommit connection that waits up to ``busy_ms`` for another game writing the same file."""
    try:
        conn = sqlite3.connect(str(path), timeout=busy_ms / 1000, isolation_level=None)
    except sqlite3.Error as exc:
        raise _sqlite_error(exc, "open the progress file", path) from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")
    except sqlite3.Error as exc:
        conn.close()
        raise _sqlite_error(exc, "open the progress file", path) from None
    return conn


def backup_files(store_path: Path) -> list[Path]:
    """The backups of a store file, oldest first (the names sort by time)."""
    folder = store_path.parent / BACKUP_DIR
    pattern = re.compile(re.escape(store_path.stem) + r"-(\d{8}-\d{6})\.sqlite3")
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if pattern.fullmatch(p.name) and p.is_file())


def _backup_time(backup: Path) -> float | None:
    m = re.search(r"-(\d{8}-\d{6})\.sqlite3$", backup.name)
    if not m:
        return None
    return datetime.strptime(m.group(1), _TS_FORMAT).replace(tzinfo=UTC).timestamp()


def _quick_check(path: Path, busy_ms: int = BUSY_TIMEOUT_MS, *, full: bool = False) -> str | None:
    """None if ``path`` is a healthy Sango store this code can read, else a short reason.

    Healthy means SQLite's check passes (``full``: the complete integrity check, for backups) and
    every table and column of its schema version is there. Raises SchemaTooNewError / NotAStoreError
    (the file must then be left alone) and StoreAccessError when the file cannot be read at all.
    """
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            head = f.read(100)
    except OSError as exc:
        raise _os_error(exc, "read the progress file", path) from None
    if size == 0:
        return "the file is empty"
    if len(head) < 100 or not head.startswith(SQLITE_HEADER):
        return "the file does not start with an SQLite header"
    conn = _open_sqlite(path, busy_ms)
    try:
        version = check_known(conn, str(path))
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchall()]
        missing = schema_problem(conn) if rows == ["ok"] else None
    except (SchemaTooNewError, NotAStoreError):
        raise
    except sqlite3.DatabaseError as exc:
        if _is_damage(exc):
            return f"SQLite says: {exc}"
        raise _sqlite_error(exc, "check the progress file", path) from None
    finally:
        conn.close()
    if rows != ["ok"]:
        return "SQLite check failed: " + "; ".join(str(r) for r in rows[:3])
    if missing:
        return f"the file is incomplete ({missing})"
    if full and version == 0:
        return "the file holds no progress tables"
    return None


def verify_backup(path: Path, busy_ms: int = BUSY_TIMEOUT_MS) -> str | None:
    """None if ``path`` may serve as a backup (full integrity check, complete schema), else why not."""
    try:
        return _quick_check(path, busy_ms, full=True)
    except StoreError as exc:
        return str(exc)


STALE_TEMP_SECONDS = 3600
_TEMP_RE = re.compile(r"\.(?P<name>.+)\.(?:tmp|restore)-(?P<pid>\d+)")


def _pid_alive(pid: int) -> bool | None:
    """Whether a process runs under ``pid``; None where that cannot be asked safely (Windows'
    os.kill would end the process instead of probing it)."""
    if os.name != "posix":
        return None
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def clean_stale_temp_files(store_path: Path, now: float | None = None) -> list[Path]:
    """Remove half-written copies (backups, restores) left by a Sango that was killed.

    Each is named ``.<name>.tmp-<pid>`` or ``.<name>.restore-<pid>``; it is stale when that process
    is gone, or (where that cannot be known) when it is older than an hour. Returns what was removed.
    """
    now = time.time() if now is None else now
    removed = []
    for folder, prefix in ((store_path.parent / BACKUP_DIR, store_path.stem + "-"), (store_path.parent, store_path.name)):
        try:
            entries = list(folder.iterdir()) if folder.is_dir() else []
        except OSError:
            continue
        for p in entries:
            m = _TEMP_RE.fullmatch(p.name)
            if not m or not m.group("name").startswith(prefix):
                continue
            try:
                alive = _pid_alive(int(m.group("pid")))
                if alive or (alive is None and now - p.stat().st_mtime < STALE_TEMP_SECONDS):
                    continue
                p.unlink()
                removed.append(p)
            except (OSError, ValueError, OverflowError):
                continue  # not ours to fight over: the next start tries again
    return removed


class StoreFile:
    """Opening, recovery and transactions; :class:`~sango_game.progress.ProgressStore` adds the records."""


    def __init__(self, conn: sqlite3.Connection, path: Path, notice: StoreNotice | None, journal_mode: str):
        self._conn: sqlite3.Connection | None = conn
        self.path = path
        self.notice = notice
        self.journal_mode = journal_mode
    # -- opening ------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str | None = None, *, journal_mode: str | None = None,
             busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Self:
        """Open (creating, migrating or repairing as needed) the store at ``path``.

        The default path is ``data_dir()/progress.sqlite3``. ``journal_mode`` defaults to the
        configuration key ``journal_mode`` and then to ``"wal"``; use ``"delete"`` for a data folder
        on a network share, where SQLite's WAL mode is not safe.
        """
        if path is None:
            from ..paths import ConfigError, config_file, config_value, data_dir

            path = data_dir() / FILE_NAME
            if journal_mode is None:
                journal_mode = config_value("journal_mode", None)
                if journal_mode is not None and str(journal_mode).lower() not in JOURNAL_MODES:
                    raise ConfigError(config_file() or "config.toml",
                                      f"'journal_mode' must be one of {', '.join(JOURNAL_MODES)}, not {journal_mode!r}")
        path = Path(path)
        mode = str(journal_mode or "wal").lower()
        if mode not in JOURNAL_MODES:
            raise ValueError(f"journal_mode must be one of {', '.join(JOURNAL_MODES)}, not {journal_mode!r}")
        folder = path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _os_error(exc, "create the progress folder", folder) from None
        if not folder.is_dir():
            raise StoreAccessError(f"The progress folder {folder} is not a folder.", where=str(folder))
        if path.exists() and not path.is_file():
            raise StoreAccessError(f"The progress file {path} is not a regular file.", where=str(path))
        if not os.access(folder, os.W_OK | os.X_OK):
            raise StoreAccessError(f"The progress folder {folder} is read-only (permission denied). Ask the person who "
                                   "looks after this computer to make it writable, or choose another data folder.",
                                   where=str(folder))
        if path.exists() and not os.access(path, os.R_OK | os.W_OK):
            raise StoreAccessError(f"The progress file {path} cannot be read and written (permission denied).",
                                   where=str(path))

        clean_stale_temp_files(path)
        notice = None
        if path.exists():
            reason = _quick_check(path, busy_timeout_ms)
            if reason == "the file is empty" and not backup_files(path) and not cls._side(path, "-wal").exists():
                reason = None  # a store that was never written to; SQLite treats it as new
            if reason is not None:
                notice = cls._recover(path, reason, busy_timeout_ms)
        else:
            cls._set_aside_orphans(path)

        conn = cls._connect(path, mode, busy_timeout_ms)
        try:
            upgrade(conn, str(path))
            actual = str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()
        except BaseException as exc:
            conn.close()
            if isinstance(exc, sqlite3.Error):
                raise _sqlite_error(exc, "prepare the progress file", path) from None
            raise
        return cls(conn, path, notice, actual)

    @staticmethod
    def _side(path: Path, suffix: str) -> Path:
        return path.with_name(path.name + suffix)

    @classmethod
    def _connect(cls, path: Path, mode: str, busy_ms: int) -> sqlite3.Connection:
        conn = _open_sqlite(path, busy_ms)
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA secure_delete = ON")  # deleted profiles leave no readable bytes behind
            deadline = time.monotonic() + busy_ms / 1000
            while True:  # changing the journal mode does not wait on the busy handler
                try:
                    conn.execute(f"PRAGMA journal_mode = {mode}").fetchone()
                    break
                except sqlite3.OperationalError as exc:
                    if _primary_code(exc) not in (_BUSY, _LOCKED) or time.monotonic() > deadline:
                        raise
                    time.sleep(0.02)
            conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.Error as exc:
            conn.close()
            raise _sqlite_error(exc, "open the progress file", path) from None
        return conn

    @classmethod
    def _set_aside_orphans(cls, path: Path) -> None:
        """A journal without its database (the file was removed) must not be replayed into a new store."""
        stamp = _stamp()
        for suffix in ("-wal", "-journal", "-shm"):
            side = cls._side(path, suffix)
            if side.exists():
                try:
                    os.replace(side, side.with_name(f"{side.name}.orphan-{stamp}"))
                except OSError as exc:
                    raise _os_error(exc, "set aside an old journal file", side) from None

    @classmethod
    def _recover(cls, path: Path, reason: str, busy_ms: int) -> StoreNotice:
        """Move the damaged file (and its journals) aside and put back the newest good backup."""
        stamp = _stamp()
        damaged = path.with_name(f"{path.name}.damaged-{stamp}")
        n = 2
        while damaged.exists():
            damaged = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
            n += 1
        try:
            os.replace(path, damaged)
            for suffix in ("-wal", "-journal", "-shm"):
                side = cls._side(path, suffix)
                if side.exists():
                    os.replace(side, damaged.with_name(damaged.name + suffix))
        except OSError as exc:
            raise _os_error(exc, "move the damaged progress file aside", path) from None
        params: dict[str, Any] = {"damaged_file": damaged.name, "reason": reason}
        for backup in reversed(backup_files(path)):
            try:
                if _quick_check(backup, busy_ms, full=True) is not None:
                    continue
            except StoreError:
                continue
            tmp = path.with_name(f".{path.name}.restore-{os.getpid()}")
            try:
                shutil.copyfile(backup, tmp)
                _fsync_file(tmp)
                if _quick_check(tmp, busy_ms) is not None:
                    tmp.unlink()
                    continue
                os.replace(tmp, path)
                fsync_dir(path.parent)
            except StoreError:
                tmp.unlink(missing_ok=True)
                continue
            except OSError as exc:
                tmp.unlink(missing_ok=True)
                raise _os_error(exc, "put back the backup of the progress file", path) from None
            ts = _backup_time(backup)
            params.update(backup=backup.name, backup_timestamp=ts,
                          backup_time=time.strftime("%Y-%m-%d %H:%M", time.localtime(ts)) if ts is not None else "")
            return StoreNotice("store_restored", "restored", params)
        return StoreNotice("store_reset", "reset", params)

    # -- plumbing -----------------------------------------------------------------------------
    def _live(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError("The progress store is closed.", code="store_closed")
        return self._conn

    @contextmanager
    def _write(self, action: str) -> Iterator[sqlite3.Connection]:
        """One write transaction: BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""
        conn = self._live()
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _sqlite_error(exc, action, self.path) from None
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            if isinstance(exc, sqlite3.Error):
                raise _sqlite_error(exc, action, self.path) from None
            raise

    @contextmanager
    def _read(self, action: str) -> Iterator[sqlite3.Connection]:
        """A read transaction, so that several queries see one consistent state."""
        conn = self._live()
        try:
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                if conn.in_transaction:
                    conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise _sqlite_error(exc, action, self.path) from None

    @staticmethod
    def _require_profile(conn: sqlite3.Connection, profile_id: object) -> str:
        if not isinstance(profile_id, str) or conn.execute("SELECT 1 FROM profiles WHERE id = ?",
                                                           (profile_id,)).fetchone() is None:
            raise ProfileError("unknown_profile", f"there is no profile with id {profile_id!r}")
        return profile_id

    @property
    def schema_version(self) -> int:
        return self._live().execute("PRAGMA user_version").fetchone()[0]

    def integrity_check(self) -> list[str]:
        """SQLite's full integrity check: ["ok"] when the file is healthy."""
        with self._read("check the progress file") as conn:
            return [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]

    @staticmethod
    def _results(conn: sqlite3.Connection, profile_id: str, level_id: str | None = None) -> dict[str, LevelResult]:
        args: tuple[str, ...]
        where, args = "profile_id = ?", (profile_id,)
        if level_id is not None:
            where, args = "profile_id = ? AND level_id = ?", (profile_id, level_id)
        endings: dict[str, set[str]] = {}
        for lid, ending in conn.execute(f"SELECT level_id, ending FROM level_endings WHERE {where}", args):
            endings.setdefault(lid, set()).add(ending)
        out = {}
        for lid, topic, band, stars, score, plays, completed, updated in conn.execute(
                f"SELECT level_id, topic, band, best_stars, best_score, plays, completed, updated_at "
                f"FROM level_results WHERE {where} ORDER BY level_id", args):
            out[lid] = LevelResult(int(stars), float(score), int(plays), bool(completed),
                                   frozenset(endings.get(lid, ())), lid, topic, band, updated)
        return out

    # -- closing ------------------------------------------------------------------------------
    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            finally:
                self._conn = None

    @property
    def closed(self) -> bool:
        return self._conn is None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self.path)!r}{', closed' if self._conn is None else ''})"
