"""Export one player's progress to a JSON file and import it on another computer."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..atomic import atomic_write_bytes
from .errors import ProfileError, StoreError
from .migrations import CURRENT_VERSION
from .models import Profile
from .nicknames import check_avatar, clean_nickname, nickname_key
from .storefile import StoreFile, _os_error, _utcnow
from .values import _PROFILE_ID_RE, _check_answer, _check_int, _check_score, _check_text, _settings_json

EXPORT_FORMAT = "sango-progress"
EXPORT_VERSION = 1


class TransferMixin(StoreFile):
    def export_profile(self, profile_id: str) -> dict[str, Any]:
        """Everything stored about one profile, as JSON-ready data. Only the nickname, the avatar and
        the random id identify the child; there is nothing else to export."""
        import json  # only where JSON is read or written: opening the store does not need it

        from .. import __version__

        with self._read("read the player's progress") as conn:
            self._require_profile(conn, profile_id)
            pid, nick, avatar, created = conn.execute(
                "SELECT id, nickname, avatar, created_at FROM profiles WHERE id = ?", (profile_id,)).fetchone()
            row = conn.execute("SELECT data FROM settings WHERE profile_id = ?", (profile_id,)).fetchone()
            results = self._results(conn, profile_id)
            attempts = conn.execute("SELECT level_id, question_id, answer, score, time_ms, created_at, session_id, shuffle_seed "
                                    "FROM attempts WHERE profile_id = ? ORDER BY id", (profile_id,)).fetchall()
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
        import json  # only where JSON is read or written: opening the store does not need it

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
        import json  # only where JSON is read or written: opening the store does not need it

        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise _os_error(exc, "read the progress file", path) from None
        except ValueError as exc:
            raise ProfileError("import_invalid", f"{path.name} is not a JSON file: {exc}") from None
        return self.import_profile(data)
