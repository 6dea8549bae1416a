"""The local progress store: profiles, answers, level results, badges, settings, teacher PIN.

The file handling (opening, recovery, transactions) is in ``storefile.py``, backups in
``backups.py``, export and import of one player in ``transfer.py``; ``ProgressStore`` joins them.
Nothing here touches the network, and nothing here imports pygame.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

from .backups import KEEP_BACKUPS, BackupMixin
from .errors import PinFormatError, ProfileError
from .models import Attempt, Badge, LevelResult, Profile
from .nicknames import check_avatar, clean_nickname, nickname_key
from .pin import hash_pin, normalize_pin, verify_pin
from .storefile import (
    BACKUP_DIR,
    BUSY_TIMEOUT_MS,
    FILE_NAME,
    JOURNAL_MODES,
    SQLITE_HEADER,
    _os_error,
    _sqlite_error,
    _utcnow,
    backup_files,
)
from .teacher_access import PinGuard
from .transfer import EXPORT_FORMAT, EXPORT_VERSION, TransferMixin
from .values import MAX_ID, MAX_SETTINGS_BYTES, _check_answer, _check_int, _check_score, _check_text, _settings_json

__all__ = ["BACKUP_DIR", "BUSY_TIMEOUT_MS", "EXPORT_FORMAT", "EXPORT_VERSION", "FILE_NAME", "JOURNAL_MODES",
           "KEEP_BACKUPS", "MAX_ID", "MAX_SETTINGS_BYTES", "SQLITE_HEADER", "ProgressStore", "_os_error",
           "_sqlite_error", "backup_files"]

_TABLES_BY_PROFILE = ("attempts", "level_endings", "badges", "settings", "level_results", "profiles")


def _profile(row) -> Profile:
    return Profile(row[0], row[1], row[2], row[3])


class ProgressStore(TransferMixin, BackupMixin):
    """Open with :meth:`open`; see the module docstring. Not thread-safe: use it from one thread."""

    _pin_guard: PinGuard | None = None

    # -- profiles -----------------------------------------------------------------------------
    def create_profile(self, nickname: str, avatar: str) -> Profile:
        nick = clean_nickname(nickname)
        avatar = check_avatar(avatar)
        key = nickname_key(nick)
        import secrets  # only when a profile is made: not part of every start

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
    # -- settings -----------------------------------------------------------------------------
    def get_settings(self, profile_id: str) -> dict[str, Any]:
        import json  # only where JSON is read or written: opening the store does not need it

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
        """Save one answer, committed at once, with the shuffle seed of its attempt. Returns the attempt id."""
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
            row_id = cur.lastrowid
            assert row_id is not None  # an INSERT always sets it
            return int(row_id)

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
                                "session_id, shuffle_seed FROM attempts WHERE session_id = ? ORDER BY id",
                                (session_id,)).fetchall()
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

    @property
    def pin_guard(self) -> PinGuard:
        """Counts wrong PINs in a file beside the store, so a restart does not reset the wait."""
        if self._pin_guard is None:
            self._pin_guard = PinGuard.beside(self.path)
        return self._pin_guard

    def verify_teacher_pin(self, pin: str) -> bool:
        """True for the right PIN. After three wrong ones, every try waits longer (see
        :mod:`.teacher_access`); while a wait runs this is False without checking the PIN."""
        stored = self._pin_hash()
        if stored is None:
            return False
        try:
            normalize_pin(pin)
        except PinFormatError:
            return False  # cannot be the PIN, so it is no guess worth counting
        return self.pin_guard.check(lambda p: verify_pin(p, stored), pin)[0]

    def pin_wait_seconds(self) -> int:
        """Seconds before the next PIN may be tried (0: now)."""
        return self.pin_guard.wait_seconds()

    def reset_teacher_pin(self) -> bool:
        """Forget the teacher PIN and the wrong-PIN count, for a teacher who forgot the PIN. Only the
        ``sango-game reset-pin`` command calls this: whoever runs it has the computer's account anyway.
        Returns whether a PIN was set."""
        with self._write("reset the teacher PIN") as conn:
            had = conn.execute("DELETE FROM teacher").rowcount > 0
        try:
            self._live().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except sqlite3.Error:
            pass
        self.pin_guard.record_success()
        return had

    def erase_all(self, pin: str) -> None:
        """Delete every profile and all progress (the teacher PIN stays). Wrong PIN: PermissionError."""
        if self._pin_hash() is None:
            raise PermissionError("No teacher PIN is set, so progress cannot be erased.")
        if not self.verify_teacher_pin(pin):
            raise PermissionError("Wrong teacher PIN (or too many wrong tries): nothing was erased.")
        with self._write("erase all progress") as conn:
            for table in _TABLES_BY_PROFILE:
                conn.execute(f"DELETE FROM {table}")
        try:
            self._live().execute("VACUUM")
        except sqlite3.Error:
            pass  # secure_delete already overwrote the rows; VACUUM only makes the file smaller
        self._forget_history()
