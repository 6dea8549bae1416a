"""The local progress store: profiles, answers, level results, badges, settings, teacher PIN.

One SQLite file (``progress.sqlite3`` in the data folder) written with the standard library's
sqlite3. Children's progress matters more than speed: WAL journal, ``synchronous=FULL``, one
transaction per answer, ``BEGIN IMMEDIATE`` for read-modify-write, a busy timeout so that two
Sango windows (or a lab's shared folder) can write at the same time, and rotating backups.

A damaged file is never deleted: it is moved aside and the newest good backup is put back.
Nothing here touches the network, and nothing here imports pygame.
"""

from __future__ import annotations

from ..atomic import atomic_write_bytes, fsync_dir

import errno
import json
import math
import os
import re
import secrets
import shutil
import sqlite3
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .errors import (NotAStoreError, ProfileError, SchemaTooNewError, StorageFullError, StoreAccessError,
                     StoreError)
from .migrations import CURRENT_VERSION, check_known, upgrade
from .models import Attempt, Badge, LevelResult, Profile, StoreNotice
from .nicknames import check_avatar, clean_nickname, nickname_key
from .pin import hash_pin, verify_pin

FILE_NAME = "progress.sqlite3"
BACKUP_DIR = "backups"
KEEP_BACKUPS = 5
BUSY_TIMEOUT_MS = 15_000
SQLITE_HEADER = b"SQLite format 3\x00"
EXPORT_FORMAT = "sango-progress"
EXPORT_VERSION = 1
JOURNAL_MODES = ("wal", "delete", "truncate", "persist")
MAX_ID = 200
MAX_SETTINGS_BYTES = 64 * 1024

# Primary SQLite result codes (sqlite3.SQLITE_* constants exist only in newer Pythons).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR = 3, 5, 6, 8, 10
_CORRUPT, _FULL, _CANTOPEN, _AUTH, _NOTADB = 11, 13, 14, 23, 26
_TS_FORMAT = "%Y%m%d-%H%M%S"
_PROFILE_ID_RE = re.compile(r"[0-9a-f]{8,64}")
_TABLES_BY_PROFILE = ("attempts", "level_endings", "badges", "settings", "level_results", "profiles")


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


def _os_error(exc: OSError, action: str, where: Path) -> StoreError:
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


def _check_text(name: str, value: object, *, max_len: int = MAX_ID) -> str:
    if not isinstance(value, str) or not value or len(value) > max_len:
        raise ValueError(f"{name} must be a non-empty string of at most {max_len} characters, not {value!r}")
    if any(ord(ch) < 32 or 0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        raise ValueError(f"{name} must not contain control characters or lone surrogates: {value!r}")
    return value


def _check_score(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"score must be a number from 0 to 1, not {value!r}")
    score = float(value)
    if not math.isfinite(score) or not 0.0 <= score <= 1.0:
        raise ValueError(f"score must be from 0 to 1, not {value!r}")
    return score


def _check_int(name: str, value: object, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low or (high is not None and value > high):
        bound = f"{low}..{high}" if high is not None else f">= {low}"
        raise ValueError(f"{name} must be an integer {bound}, not {value!r}")
    return value


def _check_answer(answer: object) -> str:
    if not isinstance(answer, str):
        raise ValueError(f"answer must be JSON text (a str), not {type(answer).__name__}")
    try:
        json.loads(answer)
    except ValueError as exc:
        raise ValueError(f"answer is not valid JSON text: {exc}") from None
    try:
        answer.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("answer contains a lone surrogate") from None
    return answer


def _settings_json(settings: object) -> str:
    if not isinstance(settings, Mapping) or not all(isinstance(k, str) for k in settings):
        raise ProfileError("settings_invalid", "settings must be a dict with text keys")
    try:
        text = json.dumps(dict(settings), ensure_ascii=False, allow_nan=False, sort_keys=True)
        text.encode("utf-8")
    except (TypeError, ValueError) as exc:
        raise ProfileError("settings_invalid", f"settings must be plain JSON values: {exc}") from None
    if len(text.encode("utf-8")) > MAX_SETTINGS_BYTES:
        raise ProfileError("settings_invalid", f"settings are larger than {MAX_SETTINGS_BYTES} bytes")
    return text


def _profile(row) -> Profile:
    return Profile(row[0], row[1], row[2], row[3])


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


def _quick_check(path: Path, busy_ms: int = BUSY_TIMEOUT_MS) -> str | None:
    """None if ``path`` is a healthy Sango store this code can read, else a short reason.

    Raises SchemaTooNewError / NotAStoreError (the file must then be left alone) and
    StoreAccessError when the file cannot be read at all.
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
        check_known(conn, str(path))
        rows = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
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
    return None


class ProgressStore:
    """Open with :meth:`open`; see the module docstring. Not thread-safe: use it from one thread."""

    def __init__(self, conn: sqlite3.Connection, path: Path, notice: StoreNotice | None, journal_mode: str):
        self._conn: sqlite3.Connection | None = conn
        self.path = path
        self.notice = notice
        self.journal_mode = journal_mode

    # -- opening ------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str | None = None, *, journal_mode: str | None = None,
             busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> ProgressStore:
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
                if _quick_check(backup, busy_ms) is not None:
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

    # -- profiles -----------------------------------------------------------------------------
    def create_profile(self, nickname: str, avatar: str) -> Profile:
        nick = clean_nickname(nickname)
        avatar = check_avatar(avatar)
        key = nickname_key(nick)
        pid = secrets.token_hex(16)
        now = _utcnow()
        with self._write("save the new player") as conn:
            if conn.execute("SELECT 1 FROM profiles WHERE nickname_key = ?", (key,)).fetchone():
                raise ProfileError("nickname_taken", f"another player is already called {nick!r}", nickname=nick)
            conn.execute("INSERT INTO profiles (id, nickname, avatar, created_at, nickname_key) VALUES (?, ?, ?, ?, ?)",
                         (pid, nick, avatar, now, key))
        return Profile(pid, nick, avatar, now)

    def list_profiles(self) -> list[Profile]:
        with self._read("read the players") as conn:
            rows = conn.execute("SELECT id, nickname, avatar, created_at FROM profiles "
                                "ORDER BY created_at, nickname_key, id").fetchall()
        return [_profile(r) for r in rows]

    def get_profile(self, profile_id: str) -> Profile | None:
        with self._read("read the player") as conn:
            row = conn.execute("SELECT id, nickname, avatar, created_at FROM profiles WHERE id = ?",
                               (profile_id,)).fetchone()
        return _profile(row) if row else None

    def rename_profile(self, profile_id: str, nickname: str) -> Profile:
        nick = clean_nickname(nickname)
        key = nickname_key(nick)
        with self._write("rename the player") as conn:
            self._require_profile(conn, profile_id)
            if conn.execute("SELECT 1 FROM profiles WHERE nickname_key = ? AND id <> ?", (key, profile_id)).fetchone():
                raise ProfileError("nickname_taken", f"another player is already called {nick!r}", nickname=nick)
            conn.execute("UPDATE profiles SET nickname = ?, nickname_key = ? WHERE id = ?", (nick, key, profile_id))
            row = conn.execute("SELECT id, nickname, avatar, created_at FROM profiles WHERE id = ?",
                               (profile_id,)).fetchone()
        return _profile(row)

    def set_avatar(self, profile_id: str, avatar: str) -> Profile:
        avatar = check_avatar(avatar)
        with self._write("change the player's animal") as conn:
            self._require_profile(conn, profile_id)
            conn.execute("UPDATE profiles SET avatar = ? WHERE id = ?", (avatar, profile_id))
            row = conn.execute("SELECT id, nickname, avatar, created_at FROM profiles WHERE id = ?",
                               (profile_id,)).fetchone()
        return _profile(row)

    def delete_profile(self, profile_id: str) -> None:
        """Delete a profile and every row about it, here and in the backups.

        Deleted bytes are overwritten (``secure_delete``), the journal is emptied, and the older
        backups (which still hold the profile) are replaced by one fresh backup.
        """
        with self._write("delete the player") as conn:
            self._require_profile(conn, profile_id)
            for table in _TABLES_BY_PROFILE:
                column = "id" if table == "profiles" else "profile_id"
                conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (profile_id,))
        self._forget_history()

    def _forget_history(self) -> None:
        conn = self._live()
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except sqlite3.Error:
            pass  # another process is reading; its next checkpoint overwrites the frames
        old = backup_files(self.path)
        if old:
            fresh = self.backup()
            for b in old:
                if b != fresh:
                    try:
                        b.unlink()
                    except OSError:
                        pass

    # -- settings -----------------------------------------------------------------------------
    def get_settings(self, profile_id: str) -> dict[str, Any]:
        with self._read("read the settings") as conn:
            self._require_profile(conn, profile_id)
            row = conn.execute("SELECT data FROM settings WHERE profile_id = ?", (profile_id,)).fetchone()
        if row is None:
            return {}
        try:
            data = json.loads(row[0])
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def set_settings(self, profile_id: str, settings: Mapping[str, Any]) -> None:
        text = _settings_json(settings)
        with self._write("save the settings") as conn:
            self._require_profile(conn, profile_id)
            conn.execute("INSERT INTO settings (profile_id, data, updated_at) VALUES (?, ?, ?) "
                         "ON CONFLICT (profile_id) DO UPDATE SET data = excluded.data, "
                         "updated_at = excluded.updated_at",
                         (profile_id, text, _utcnow()))

    # -- answers and results ------------------------------------------------------------------
    def record_attempt(self, profile_id: str, level_id: str, question_id: str, answer: str, score: float,
                       time_ms: int, session_id: str | None = None, seed: int | None = None) -> int:
        """Save one answer, committed at once. Returns the attempt id."""
        _check_text("level_id", level_id)
        _check_text("question_id", question_id)
        answer = _check_answer(answer)
        score = _check_score(score)
        time_ms = _check_int("time_ms", time_ms, 0)
        if session_id is not None:
            _check_text("session_id", session_id)
        if seed is not None:
            seed = _check_int("seed", seed, 0)
        with self._write("save the answer") as conn:
            self._require_profile(conn, profile_id)
            cur = conn.execute("INSERT INTO attempts (profile_id, level_id, question_id, answer, score, time_ms, "
                               "created_at, session_id, shuffle_seed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               (profile_id, level_id, question_id, answer, score, time_ms, _utcnow(), session_id, seed))
            return int(cur.lastrowid)

    def attempts(self, profile_id: str, level_id: str | None = None) -> list[Attempt]:
        sql = ("SELECT id, profile_id, level_id, question_id, answer, score, time_ms, created_at, session_id, "
               "shuffle_seed FROM attempts WHERE profile_id = ?")
        args: tuple = (profile_id,)
        if level_id is not None:
            sql += " AND level_id = ?"
            args += (level_id,)
        with self._read("read the answers") as conn:
            rows = conn.execute(sql + " ORDER BY id", args).fetchall()
        return [Attempt(*r) for r in rows]

    def record_level_result(self, profile_id: str, level_id: str, topic: str, band: str, score: float, stars: int,
                            ending: str | None = None) -> LevelResult:
        """Add one finished play of a level: best stars/score kept, plays counted, endings collected."""
        _check_text("level_id", level_id)
        _check_text("topic", topic)
        _check_text("band", band)
        score = _check_score(score)
        stars = _check_int("stars", stars, 0, 3)
        if ending is not None:
            _check_text("ending", ending)
        now = _utcnow()
        with self._write("save the level result") as conn:
            self._require_profile(conn, profile_id)
            conn.execute(
                "INSERT INTO level_results (profile_id, level_id, topic, band, best_stars, best_score, plays, "
                "completed, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, 1, ?) "
                "ON CONFLICT (profile_id, level_id) DO UPDATE SET topic = excluded.topic, band = excluded.band, "
                "best_stars = max(best_stars, excluded.best_stars), best_score = max(best_score, excluded.best_score), "
                "plays = plays + 1, completed = 1, updated_at = excluded.updated_at",
                (profile_id, level_id, topic, band, stars, score, now))
            if ending is not None:
                conn.execute("INSERT OR IGNORE INTO level_endings (profile_id, level_id, ending, found_at) "
                             "VALUES (?, ?, ?, ?)", (profile_id, level_id, ending, now))
            return self._results(conn, profile_id, level_id)[level_id]

    @staticmethod
    def _results(conn: sqlite3.Connection, profile_id: str, level_id: str | None = None) -> dict[str, LevelResult]:
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

    def level_results(self, profile_id: str) -> dict[str, LevelResult]:
        with self._read("read the results") as conn:
            return self._results(conn, profile_id)

    # -- badges -------------------------------------------------------------------------------
    def badges(self, profile_id: str) -> list[Badge]:
        with self._read("read the badges") as conn:
            rows = conn.execute("SELECT badge_id, awarded_at FROM badges WHERE profile_id = ? "
                                "ORDER BY awarded_at, badge_id", (profile_id,)).fetchall()
        return [Badge(*r) for r in rows]

    def award_badge(self, profile_id: str, badge_id: str) -> bool:
        """Give a badge (once). True if it is new."""
        _check_text("badge_id", badge_id)
        with self._write("save the badge") as conn:
            self._require_profile(conn, profile_id)
            cur = conn.execute("INSERT OR IGNORE INTO badges (profile_id, badge_id, awarded_at) VALUES (?, ?, ?)",
                               (profile_id, badge_id, _utcnow()))
            return cur.rowcount == 1

    # -- lab sessions (sango_game.classroom) -------------------------------------------------
    def session_attempts(self, session_id: str) -> list[Attempt]:
        """Every answer given in one lab session, by every player, oldest first."""
        _check_text("session_id", session_id)
        with self._read("read the session's answers") as conn:
            rows = conn.execute("SELECT id, profile_id, level_id, question_id, answer, score, time_ms, created_at, "
                                "session_id, shuffle_seed FROM attempts WHERE session_id = ? ORDER BY id", (session_id,)).fetchall()
        return [Attempt(*r) for r in rows]

    def session_profiles(self, session_id: str) -> list[Profile]:
        """The players who answered at least one question in a lab session."""
        _check_text("session_id", session_id)
        with self._read("read the session's players") as conn:
            rows = conn.execute("SELECT id, nickname, avatar, created_at FROM profiles WHERE id IN "
                                "(SELECT profile_id FROM attempts WHERE session_id = ?) "
                                "ORDER BY created_at, nickname_key, id", (session_id,)).fetchall()
        return [_profile(r) for r in rows]

    def delete_session_data(self, session_id: str, created_since: str | None = None) -> dict[str, Any]:
        """End of a lab day: delete every answer of the session, and the players created since
        ``created_since`` (an ISO UTC time, when the session was loaded) who have no other data.

        A player with answers outside the session keeps the profile and those answers (and level
        results, which are not tied to a session). One transaction; afterwards the journal is
        emptied and older backups (which still hold the data) are replaced by a fresh one.
        Returns ``{"attempts": n, "deleted_profiles": [Profile], "kept_profiles": [Profile]}``.
        """
        _check_text("session_id", session_id)
        if created_since is not None:
            _check_text("created_since", created_since)
        cols = "SELECT id, nickname, avatar, created_at FROM profiles"
        with self._write("delete the lab session's data") as conn:
            players = [_profile(r) for r in conn.execute(
                f"{cols} WHERE id IN (SELECT profile_id FROM attempts WHERE session_id = ?) "
                "ORDER BY created_at, nickname_key, id", (session_id,))]
            candidates = list(players)
            if created_since is not None:
                known = {p.id for p in players}
                candidates += [p for p in (_profile(r) for r in conn.execute(
                    f"{cols} WHERE created_at >= ? ORDER BY created_at, nickname_key, id", (created_since,)))
                    if p.id not in known]
            deleted: list[Profile] = []
            kept: list[Profile] = []
            for p in candidates:
                other = conn.execute("SELECT 1 FROM attempts WHERE profile_id = ? AND "
                                     "(session_id IS NULL OR session_id <> ?) LIMIT 1", (p.id, session_id)).fetchone()
                if created_since is not None and p.created_at >= created_since and other is None:
                    deleted.append(p)
                elif p in players:
                    kept.append(p)
            count = conn.execute("DELETE FROM attempts WHERE session_id = ?", (session_id,)).rowcount
            for p in deleted:
                for table in _TABLES_BY_PROFILE:
                    column = "id" if table == "profiles" else "profile_id"
                    conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (p.id,))
        if count or deleted:
            self._forget_history()
        return {"attempts": int(count), "deleted_profiles": deleted, "kept_profiles": kept}

    # -- export / import ----------------------------------------------------------------------
    def export_profile(self, profile_id: str) -> dict[str, Any]:
        """Everything stored about one profile, as JSON-ready data. Only the nickname, the avatar and
        the random id identify the child; there is nothing else to export."""
        from .. import __version__

        with self._read("read the player's progress") as conn:
            self._require_profile(conn, profile_id)
            pid, nick, avatar, created = conn.execute(
                "SELECT id, nickname, avatar, created_at FROM profiles WHERE id = ?", (profile_id,)).fetchone()
            row = conn.execute("SELECT data FROM settings WHERE profile_id = ?", (profile_id,)).fetchone()
            results = self._results(conn, profile_id)
            attempts = conn.execute("SELECT level_id, question_id, answer, score, time_ms, created_at, session_id, "
                                    "shuffle_seed FROM attempts WHERE profile_id = ? ORDER BY id", (profile_id,)).fetchall()
            badges = conn.execute("SELECT badge_id, awarded_at FROM badges WHERE profile_id = ? "
                                  "ORDER BY awarded_at, badge_id", (profile_id,)).fetchall()
        try:
            settings = json.loads(row[0]) if row else {}
        except ValueError:
            settings = {}
        return {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "schema_version": CURRENT_VERSION,
            "app_version": __version__,
            "exported_at": _utcnow(),
            "profile": {"id": pid, "nickname": nick, "avatar": avatar, "created_at": created},
            "settings": settings if isinstance(settings, dict) else {},
            "level_results": [
                {"level_id": r.level_id, "topic": r.topic, "band": r.band, "best_stars": r.best_stars,
                 "best_score": r.best_score, "plays": r.plays, "completed": r.completed,
                 "endings": sorted(r.endings), "updated_at": r.updated_at}
                for r in results.values()],
            "attempts": [
                {"level_id": a[0], "question_id": a[1], "answer": a[2], "score": a[3], "time_ms": a[4],
                 "created_at": a[5], "session_id": a[6], "seed": a[7]}
                for a in attempts],
            "badges": [{"badge_id": b[0], "awarded_at": b[1]} for b in badges],
        }

    def export_profile_json(self, profile_id: str, path: Path | str) -> Path:
        """Write the export to ``path`` atomically (temporary file, fsync, os.replace)."""
        path = Path(path)
        data = self.export_profile(profile_id)
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
        try:
            atomic_write_bytes(path, text.encode("utf-8"))
        except OSError as exc:
            raise _os_error(exc, "save the progress file", path) from None
        return path

    def import_profile(self, data: Mapping[str, Any]) -> Profile:
        """Add a profile exported by :meth:`export_profile` (e.g. from another computer of the lab).

        Refused with ProfileError: a file that is not a Sango export ("import_invalid"), a profile
        that is already here ("profile_exists") or a nickname already used ("nickname_taken").
        """
        try:
            return self._import(data)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            if isinstance(exc, StoreError):
                raise
            raise ProfileError("import_invalid", f"this is not a valid Sango progress file: {exc}") from None

    def _import(self, data: Mapping[str, Any]) -> Profile:
        if not isinstance(data, Mapping) or data.get("format") != EXPORT_FORMAT:
            raise ProfileError("import_invalid", "this is not a Sango progress file")
        version = data.get("version")
        if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= EXPORT_VERSION:
            raise ProfileError("import_invalid", f"progress file version {version!r} is not supported", version=version)
        prof = data["profile"]
        pid = prof["id"]
        if not isinstance(pid, str) or not _PROFILE_ID_RE.fullmatch(pid):
            raise ValueError(f"bad profile id {pid!r}")
        nick = clean_nickname(prof["nickname"])
        avatar = check_avatar(prof["avatar"])
        created = _check_text("created_at", prof.get("created_at") or _utcnow(), max_len=40)

        def stamp(item: Mapping[str, Any], key: str) -> str:
            return _check_text(key, item.get(key) or created, max_len=40)

        settings = _settings_json(data.get("settings") or {})
        results = []
        for r in data.get("level_results") or []:
            endings = r.get("endings") or []
            if not isinstance(endings, list):
                raise ValueError("endings must be a list")
            results.append((_check_text("level_id", r["level_id"]), _check_text("topic", r["topic"]),
                            _check_text("band", r["band"]), _check_int("best_stars", r["best_stars"], 0, 3),
                            _check_score(r["best_score"]), _check_int("plays", r["plays"], 0),
                            1 if r.get("completed") else 0, stamp(r, "updated_at"),
                            [_check_text("ending", e) for e in endings]))
        attempts = []
        for a in data.get("attempts") or []:
            sid = a.get("session_id")
            seed = a.get("seed")
            attempts.append((_check_text("level_id", a["level_id"]), _check_text("question_id", a["question_id"]),
                             _check_answer(a["answer"]), _check_score(a["score"]),
                             _check_int("time_ms", a["time_ms"], 0), stamp(a, "created_at"),
                             None if sid is None else _check_text("session_id", sid),
                             None if seed is None else _check_int("seed", seed, 0)))
        badges = [(_check_text("badge_id", b["badge_id"]), stamp(b, "awarded_at")) for b in data.get("badges") or []]
        key = nickname_key(nick)
        with self._write("add the imported player") as conn:
            if conn.execute("SELECT 1 FROM profiles WHERE id = ?", (pid,)).fetchone():
                raise ProfileError("profile_exists", "this player is already on this computer")
            if conn.execute("SELECT 1 FROM profiles WHERE nickname_key = ?", (key,)).fetchone():
                raise ProfileError("nickname_taken", f"another player is already called {nick!r}", nickname=nick)
            conn.execute("INSERT INTO profiles (id, nickname, avatar, created_at, nickname_key) VALUES (?, ?, ?, ?, ?)",
                         (pid, nick, avatar, created, key))
            conn.execute("INSERT INTO settings (profile_id, data, updated_at) VALUES (?, ?, ?)",
                         (pid, settings, created))
            for lid, topic, band, stars, score, plays, completed, updated, endings in results:
                conn.execute("INSERT INTO level_results (profile_id, level_id, topic, band, best_stars, best_score, "
                             "plays, completed, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             (pid, lid, topic, band, stars, score, plays, completed, updated))
                for e in endings:
                    conn.execute("INSERT OR IGNORE INTO level_endings (profile_id, level_id, ending, found_at) "
                                 "VALUES (?, ?, ?, ?)", (pid, lid, e, updated))
            conn.executemany("INSERT INTO attempts (profile_id, level_id, question_id, answer, score, time_ms, "
                             "created_at, session_id, shuffle_seed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             [(pid, *a) for a in attempts])
            conn.executemany("INSERT OR IGNORE INTO badges (profile_id, badge_id, awarded_at) VALUES (?, ?, ?)",
                             [(pid, *b) for b in badges])
        return Profile(pid, nick, avatar, created)

    def import_profile_json(self, path: Path | str) -> Profile:
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise _os_error(exc, "read the progress file", path) from None
        except ValueError as exc:
            raise ProfileError("import_invalid", f"{path.name} is not a JSON file: {exc}") from None
        return self.import_profile(data)

    # -- teacher ------------------------------------------------------------------------------
    def set_teacher_pin(self, pin: str) -> None:
        """Set or change the teacher PIN (4-8 digits). Only a salted scrypt/PBKDF2 hash is stored."""
        stored = hash_pin(pin)
        with self._write("save the teacher PIN") as conn:
            conn.execute("INSERT INTO teacher (id, pin_hash, updated_at) VALUES (1, ?, ?) "
                         "ON CONFLICT (id) DO UPDATE SET pin_hash = excluded.pin_hash, "
                         "updated_at = excluded.updated_at",
                         (stored, _utcnow()))
        try:
            self._live().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()  # no old hash left in the journal
        except sqlite3.Error:
            pass

    def _pin_hash(self) -> str | None:
        with self._read("read the teacher PIN") as conn:
            row = conn.execute("SELECT pin_hash FROM teacher WHERE id = 1").fetchone()
        return row[0] if row else None

    def has_teacher_pin(self) -> bool:
        return self._pin_hash() is not None

    def verify_teacher_pin(self, pin: str) -> bool:
        stored = self._pin_hash()
        return stored is not None and verify_pin(pin, stored)

    def erase_all(self, pin: str) -> None:
        """Delete every profile and all progress (the teacher PIN stays). Wrong PIN: PermissionError."""
        stored = self._pin_hash()
        if stored is None:
            raise PermissionError("No teacher PIN is set, so progress cannot be erased.")
        if not verify_pin(pin, stored):
            raise PermissionError("Wrong teacher PIN: nothing was erased.")
        with self._write("erase all progress") as conn:
            for table in _TABLES_BY_PROFILE:
                conn.execute(f"DELETE FROM {table}")
        try:
            self._live().execute("VACUUM")
        except sqlite3.Error:
            pass  # secure_delete already overwrote the rows; VACUUM only makes the file smaller
        self._forget_history()

    # -- backups ------------------------------------------------------------------------------
    def backup(self) -> Path:
        """Copy the store into ``backups/<name>-YYYYmmdd-HHMMSS.sqlite3`` (UTC) and keep the newest five.

        The copy is made with SQLite's backup API, checked, and only then renamed into place, so a
        damaged store never pushes a good backup out.
        """
        conn = self._live()
        folder = self.path.parent / BACKUP_DIR
        target = folder / f"{self.path.stem}-{_stamp()}.sqlite3"
        tmp = folder / f".{target.name}.tmp-{os.getpid()}"
        try:
            folder.mkdir(exist_ok=True)
            tmp.unlink(missing_ok=True)
            dst = sqlite3.connect(str(tmp), isolation_level=None)
            try:
                conn.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE").fetchone()  # one self-contained file
                rows = [r[0] for r in dst.execute("PRAGMA quick_check").fetchall()]
            finally:
                dst.close()
            if rows != ["ok"]:
                tmp.unlink(missing_ok=True)
                raise StoreError(f"The progress file is damaged ({'; '.join(rows[:3])}); the backup was not kept. "
                                 "Restart Sango to restore the last good backup.", code="store_damaged")
            _fsync_file(tmp)
            os.replace(tmp, target)
            fsync_dir(folder)
        except sqlite3.Error as exc:
            tmp.unlink(missing_ok=True)
            raise _sqlite_error(exc, "make a backup of the progress", folder) from None
        except OSError as exc:
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass
            raise _os_error(exc, "make a backup of the progress", folder) from None
        others = [b for b in backup_files(self.path) if b != target]
        for old in others[: max(0, len(others) - (KEEP_BACKUPS - 1))]:
            try:
                old.unlink()
            except OSError:
                pass
        return target

    def backups(self) -> list[Path]:
        """This store's backups, oldest first."""
        return backup_files(self.path)

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

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ProgressStore({str(self.path)!r}{', closed' if self._conn is None else ''})"
