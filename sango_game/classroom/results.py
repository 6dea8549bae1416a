"""The results file each lab computer exports at the end of the session.

``sango-results-<session>-<pc>-<time>.json``::

    {
      "format": "sango-results", "version": 1,
      "session_id": "...", "session_name": "...",
      "machine_id": "...",              # random, persisted per data folder
      "exported_at": "2025-03-12T11:40:00Z", "app_version": "0.1.0",
      "players": [
        {"profile_id": "...", "nickname": "Nour", "avatar": "owl", "language": "ar",
         "levels": {"k-passwords-quiz": {"best_stars": 3, "best_score": 1.0, "completed": true}},
         "attempts": [{"level": "k-passwords-quiz", "question": "q1", "score": 1.0, "time_ms": 5300}],
         "check": {"pre": {"score": 0.4, "answered": 5,
                           "items": [{"question": "k-passwords-quiz/q1", "score": 1.0, "answer": "\"b\""}]},
                   "post": null}}
      ],
      "checksum": {"algorithm": "sha256", "value": "<sha256 of the canonical JSON of everything else>"}
    }

Only the nickname and the avatar identify a child; nothing else about them is in the file.
Only players who answered at least one question in this session are exported, and only this
session's answers; ``levels`` lists only levels played in this session. The check's ``items``
(each question's answer, for the teacher's item analysis) are optional: older files lack them.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..i18n import LANG_BY_CODE, N_
from .errors import ClassroomFileError
from .files import atomic_write_bytes, file_stamp, read_json_file, sha256_of, utcnow
from .session import ID_RE, LEVEL_ID_RE, PHASES, Session, check_format

RESULTS_FORMAT = "sango-results"
RESULTS_VERSION = 1
RESULTS_PREFIX = "sango-results-"
CHECK_LEVEL_PREFIX = "sango-check:"
MACHINE_RE = re.compile(r"[0-9a-f]{16,64}")
PROFILE_RE = re.compile(r"[0-9A-Za-z_-]{1,64}")
QUESTION_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:/-]{0,199}")
MAX_TIME_MS = 24 * 3600 * 1000


def check_level_id(phase: str) -> str:
    """The level id under which the answers of the knowledge check are stored (never a real level)."""
    if phase not in PHASES:
        raise ValueError(phase)
    return CHECK_LEVEL_PREFIX + phase


@dataclass(frozen=True)
class LevelScore:
    best_stars: int
    best_score: float
    completed: bool


@dataclass(frozen=True)
class AttemptRecord:
    level: str
    question: str
    score: float
    time_ms: int


@dataclass(frozen=True)
class CheckAnswer:
    """One answer of the knowledge check: the question key ("level/question"), its score and the
    answer given (the JSON text the progress store keeps), for item analysis."""

    question: str
    score: float
    answer: str


@dataclass(frozen=True)
class CheckScore:
    score: float  # mean over the answered questions, 0..1
    answered: int
    items: tuple[CheckAnswer, ...] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"score": self.score, "answered": self.answered}
        if self.items:
            out["items"] = [{"question": i.question, "score": i.score, "answer": i.answer} for i in self.items]
        return out


@dataclass(frozen=True)
class PlayerResults:
    profile_id: str
    nickname: str
    avatar: str
    language: str
    levels: Mapping[str, LevelScore]
    attempts: tuple[AttemptRecord, ...]
    pre: CheckScore | None = None
    post: CheckScore | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "profile_id": self.profile_id, "nickname": self.nickname, "avatar": self.avatar, "language": self.language,
            "levels": {lid: {"best_stars": s.best_stars, "best_score": s.best_score, "completed": s.completed}
                       for lid, s in sorted(self.levels.items())},
            "attempts": [{"level": a.level, "question": a.question, "score": a.score, "time_ms": a.time_ms}
                         for a in self.attempts],
            "check": {ph: None if c is None else c.to_json() for ph, c in (("pre", self.pre), ("post", self.post))},
        }


@dataclass(frozen=True)
class ResultsFile:
    session_id: str
    session_name: str
    machine_id: str
    exported_at: str
    app_version: str
    players: tuple[PlayerResults, ...]
    checksum: str
    path: Path | None = field(default=None, compare=False)
    content_hash: str = field(default="", compare=False)  # sha256 of the file's bytes


# -- building the file from the progress store ----------------------------------------------------
def check_scores(attempts, session: Session) -> dict[str, CheckScore | None]:
    """Scores of the knowledge check: "pre" takes each question's first answer, "post" its last."""
    out: dict[str, CheckScore | None] = {}
    for phase in PHASES:
        keys = {c.key for c in session.check_for(phase)}
        lid = check_level_id(phase)
        per_q: dict[str, CheckAnswer] = {}
        for a in attempts:
            if a.level_id == lid and a.question_id in keys:
                if phase == "pre" and a.question_id in per_q:
                    continue
                per_q[a.question_id] = CheckAnswer(a.question_id, float(a.score), str(a.answer))
        items = tuple(per_q.values())
        out[phase] = CheckScore(sum(i.score for i in items) / len(items), len(items), items) if items else None
    return out


def player_results(store, profile, session: Session) -> PlayerResults | None:
    """One player's part of the results file, or None when they did not play in this session."""
    attempts = [a for a in store.attempts(profile.id) if a.session_id == session.id]
    if not attempts:
        return None
    checks = check_scores(attempts, session)
    playlist = set(session.playlist)
    results = store.level_results(profile.id)
    # Only levels played in this session count, and only if their result was saved after the
    # session's first answer on them: stars earned at home before the lab day are not the class's.
    first_answer: dict[str, str] = {}
    for a in attempts:
        first_answer.setdefault(a.level_id, a.created_at)
    levels = {lid: LevelScore(int(r.best_stars), float(r.best_score), bool(r.completed))
              for lid, r in results.items()
              if lid in playlist and lid in first_answer and (r.updated_at or "") >= first_answer[lid]}
    try:
        language = store.get_settings(profile.id).get("language") or session.language
    except Exception:
        language = session.language
    if language not in LANG_BY_CODE:
        language = session.language
    records = tuple(AttemptRecord(a.level_id, a.question_id, float(a.score), int(a.time_ms))
                    for a in attempts if not a.level_id.startswith(CHECK_LEVEL_PREFIX))
    return PlayerResults(profile.id, profile.nickname, profile.avatar, language, levels, records,
                         checks["pre"], checks["post"])


def build_results(store, session: Session, machine_id: str) -> dict[str, Any]:
    """The results document of this computer for ``session`` (with its checksum)."""
    from .. import __version__

    players = []
    for profile in store.list_profiles():
        pr = player_results(store, profile, session)
        if pr is not None:
            players.append(pr.to_json())
    body = {
        "format": RESULTS_FORMAT,
        "version": RESULTS_VERSION,
        "session_id": session.id,
        "session_name": session.name,
        "machine_id": machine_id,
        "exported_at": utcnow(),
        "app_version": __version__,
        "players": players,
    }
    body["checksum"] = {"algorithm": "sha256", "value": sha256_of(body)}
    return body


def results_file_name(session: Session, machine_id: str, stamp: str | None = None) -> str:
    return f"{RESULTS_PREFIX}{session.id[:8]}-{machine_id[:8]}-{stamp or file_stamp()}.json"


def write_results(folder: Path | str, document: dict[str, Any], session: Session) -> Path:
    """Write a results document into ``folder`` atomically; returns the file's path."""
    import json

    path = Path(folder) / results_file_name(session, document["machine_id"])
    text = json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False) + "\n"
    return atomic_write_bytes(path, text.encode("utf-8"))


# -- reading a results file -----------------------------------------------------------------------
_DAMAGED = N_("The results file is damaged: {detail}.")
_EXPORT_AGAIN = N_("Export the results again on that computer.")


def _bad(path, detail: str) -> ClassroomFileError:
    return ClassroomFileError(path, _DAMAGED, _EXPORT_AGAIN, detail=detail)


def _num01(path, value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or not 0 <= value <= 1:
        raise _bad(path, f"{what} is not a number from 0 to 1")
    return float(value)


def _int(path, value: Any, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _bad(path, f"{what} is not a whole number from {low} to {high}")
    return value


def _str(path, obj: Mapping, key: str, where: str, pattern: re.Pattern | None = None) -> str:
    value = obj.get(key)
    if not isinstance(value, str):
        raise _bad(path, f"{where}'{key}' is missing or not text")
    if pattern is not None and not pattern.fullmatch(value):
        raise _bad(path, f"{where}'{key}' has an unexpected value")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _bad(path, f"{where}'{key}' has invalid characters") from None
    return value


def _player(path, raw: Any, n: int) -> PlayerResults:
    from ..progress.errors import ProfileError
    from ..progress.nicknames import AVATAR_RE, clean_nickname

    where = f"player {n}: "
    if not isinstance(raw, dict):
        raise _bad(path, f"player {n} is not an object")
    pid = _str(path, raw, "profile_id", where, PROFILE_RE)
    try:
        nickname = clean_nickname(_str(path, raw, "nickname", where))
    except ProfileError:
        raise _bad(path, f"{where}the nickname is not valid") from None
    avatar = _str(path, raw, "avatar", where, AVATAR_RE)
    language = _str(path, raw, "language", where)
    if language not in LANG_BY_CODE:
        raise _bad(path, f"{where}unknown language '{language[:20]}'")
    levels_raw = raw.get("levels")
    if not isinstance(levels_raw, dict):
        raise _bad(path, f"{where}'levels' is missing")
    levels: dict[str, LevelScore] = {}
    for lid, lv in levels_raw.items():
        if not LEVEL_ID_RE.fullmatch(lid) or not isinstance(lv, dict):
            raise _bad(path, f"{where}'levels' has a bad entry")
        completed = lv.get("completed")
        if not isinstance(completed, bool):
            raise _bad(path, f"{where}level {lid}: 'completed' is not true or false")
        levels[lid] = LevelScore(_int(path, lv.get("best_stars"), f"{where}level {lid}: 'best_stars'", 0, 3),
                                 _num01(path, lv.get("best_score"), f"{where}level {lid}: 'best_score'"), completed)
    attempts_raw = raw.get("attempts")
    if not isinstance(attempts_raw, list):
        raise _bad(path, f"{where}'attempts' is missing")
    attempts = []
    for i, a in enumerate(attempts_raw, 1):
        if not isinstance(a, dict):
            raise _bad(path, f"{where}answer {i} is not an object")
        w = f"{where}answer {i}: "
        attempts.append(AttemptRecord(_str(path, a, "level", w, LEVEL_ID_RE), _str(path, a, "question", w, QUESTION_RE),
                                      _num01(path, a.get("score"), f"{w}'score'"),
                                      _int(path, a.get("time_ms"), f"{w}'time_ms'", 0, MAX_TIME_MS)))
    check_raw = raw.get("check", {})
    if check_raw is None:
        check_raw = {}
    if not isinstance(check_raw, dict):
        raise _bad(path, f"{where}'check' is not an object")
    checks: dict[str, CheckScore | None] = {}
    for phase in PHASES:
        c = check_raw.get(phase)
        if c is None:
            checks[phase] = None
            continue
        if not isinstance(c, dict):
            raise _bad(path, f"{where}'check' '{phase}' is not an object")
        items_raw = c.get("items", [])
        if not isinstance(items_raw, list):
            raise _bad(path, f"{where}check {phase} 'items' is not a list")
        items = []
        for i, it in enumerate(items_raw, 1):
            w = f"{where}check {phase} item {i}: "
            if not isinstance(it, dict):
                raise _bad(path, f"{w}not an object")
            answer = it.get("answer", "")
            if not isinstance(answer, str) or len(answer) > 4000:
                raise _bad(path, f"{w}'answer' is not text")
            items.append(CheckAnswer(_str(path, it, "question", w, QUESTION_RE), _num01(path, it.get("score"), f"{w}'score'"),
                                     answer))
        checks[phase] = CheckScore(_num01(path, c.get("score"), f"{where}check {phase} score"),
                                   _int(path, c.get("answered"), f"{where}check {phase} 'answered'", 0, 10_000), tuple(items))
    return PlayerResults(pid, nickname, avatar, language, levels, tuple(attempts), checks["pre"], checks["post"])


def results_from_json(data: Any, path: Path | None = None, content_hash: str = "") -> ResultsFile:
    if not isinstance(data, dict):
        raise _bad(path, "it is not a JSON object")
    check_format(path, data, RESULTS_FORMAT, RESULTS_VERSION)
    checksum = data.get("checksum")
    if not isinstance(checksum, dict) or checksum.get("algorithm") != "sha256" or not isinstance(checksum.get("value"), str):
        raise ClassroomFileError(path, N_("The results file has no checksum, so it cannot be trusted."), _EXPORT_AGAIN)
    body = {k: v for k, v in data.items() if k != "checksum"}
    try:
        actual = sha256_of(body)
    except (TypeError, ValueError, UnicodeEncodeError):
        actual = ""
    if actual != checksum["value"].lower():
        raise ClassroomFileError(
            path, N_("The results file was changed or damaged after it was exported (its checksum does not match)."),
            _EXPORT_AGAIN)
    sid = _str(path, data, "session_id", "", ID_RE)
    name = v if isinstance(v := data.get("session_name"), str) else ""
    machine = _str(path, data, "machine_id", "", MACHINE_RE)
    exported = _str(path, data, "exported_at", "")
    app_version = v if isinstance(v := data.get("app_version"), str) else ""
    players_raw = data.get("players")
    if not isinstance(players_raw, list):
        raise _bad(path, "'players' is missing")
    players = tuple(_player(path, p, i) for i, p in enumerate(players_raw, 1))
    ids = [p.profile_id for p in players]
    if len(set(ids)) != len(ids):
        raise _bad(path, "a player is listed twice")
    return ResultsFile(sid, name, machine, exported, app_version, players, checksum["value"].lower(),
                       Path(path) if path is not None else None, content_hash)


def read_results(path: Path | str) -> ResultsFile:
    """Read and verify one results file (format, version, checksum, every field)."""
    path = Path(path)
    data, raw = read_json_file(path)
    return results_from_json(data, path, hashlib.sha256(raw).hexdigest())


def export_results(store, session: Session, machine: str, folders) -> tuple[list[Path], list[ClassroomFileError]]:
    """Write this computer's results into every folder given. Returns (files written, failures)."""
    document = build_results(store, session, machine)
    written: list[Path] = []
    failed: list[ClassroomFileError] = []
    for folder in folders:
        try:
            written.append(write_results(folder, document, session))
        except ClassroomFileError as exc:
            failed.append(exc)
    return written, failed
