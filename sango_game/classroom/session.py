"""The session file a teacher prepares and copies to every computer of the lab.

``sango-session-<name>.json``::

    {
      "format": "sango-session", "version": 1,
      "id": "3f9c...",                 # random, 32 hex digits
      "name": "Class 6B, 12 March",
      "band": "9-12", "language": "fr",
      "playlist": ["k-passwords-quiz", "k-passwords-scenario", ...],
      "check": [{"level": "k-passwords-quiz", "question": "q1", "phase": "pre"},
                {"level": "k-passwords-quiz", "question": "q5", "phase": "post"}, ...],   # optional, may be []
      "created_at": "2025-03-12T08:00:00Z",
      "app_version": "0.1.0"
    }

The knowledge check is played twice: before the playlist ("pre") and after it ("post"), with
different, parallel questions (:mod:`.itembank`). An entry without "phase" (files made before
phases existed) is asked both times.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.model import BANDS
from ..i18n import LANG_BY_CODE, N_
from .errors import ASK_NEW_FILE, ClassroomFileError
from .files import atomic_write_json, read_json_file, slug, utcnow

SESSION_FORMAT = "sango-session"
SESSION_VERSION = 1
SESSION_PREFIX = "sango-session-"
MAX_NAME = 80
MAX_PLAYLIST = 200
MAX_CHECK = 40  # before and after together
PHASES = ("pre", "post")
ID_RE = re.compile(r"[0-9a-f]{16,64}")
LEVEL_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:/-]{0,99}")  # '/': content pack levels are "packid/levelid"


@dataclass(frozen=True)
class CheckRef:
    """One question of the knowledge check: a quiz level, one of its questions, and the check it
    belongs to ("pre" or "post"; "" in files of older versions: asked both times)."""

    level: str
    question: str
    phase: str = ""

    @property
    def key(self) -> str:
        return f"{self.level}/{self.question}"

    def to_json(self) -> dict[str, str]:
        out = {"level": self.level, "question": self.question}
        if self.phase:
            out["phase"] = self.phase
        return out


@dataclass(frozen=True)
class Session:
    id: str
    name: str
    band: str
    language: str
    playlist: tuple[str, ...]
    check: tuple[CheckRef, ...] = ()
    created_at: str = ""
    app_version: str = ""
    source: Path | None = field(default=None, compare=False)  # the file it was read from, if any

    @property
    def has_check(self) -> bool:
        return bool(self.check)

    def check_for(self, phase: str) -> tuple[CheckRef, ...]:
        """The questions of the check before ("pre") or after ("post") the playlist."""
        return tuple(c for c in self.check if c.phase in ("", phase))

    def to_json(self) -> dict[str, Any]:
        return {
            "format": SESSION_FORMAT,
            "version": SESSION_VERSION,
            "id": self.id,
            "name": self.name,
            "band": self.band,
            "language": self.language,
            "playlist": list(self.playlist),
            "check": [c.to_json() for c in self.check],
            "created_at": self.created_at,
            "app_version": self.app_version,
        }

    def file_name(self) -> str:
        return session_file_name(self.name, self.id)


def session_file_name(name: str, session_id: str) -> str:
    return f"{SESSION_PREFIX}{slug(name, session_id[:8])}.json"


def clean_name(name: object) -> str:
    """A session name: 1-80 visible characters, no control or bidi-override characters."""
    if not isinstance(name, str):
        raise ValueError("the name is not text")
    for ch in name:
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cs", "Zl", "Zp") or ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
            raise ValueError(f"character U+{ord(ch):04X} is not allowed in a name")
    text = unicodedata.normalize("NFC", name).strip()
    if not text:
        raise ValueError("the name is empty")
    if len(text) > MAX_NAME:
        raise ValueError(f"the name is longer than {MAX_NAME} characters")
    return text


def new_session(name: str, band: str, language: str, playlist: Sequence[str], check: Iterable[CheckRef] = (),
                catalog=None) -> Session:
    """A new session with a fresh random id (validated like a file that is read)."""
    from .. import __version__

    data = {"format": SESSION_FORMAT, "version": SESSION_VERSION, "id": secrets.token_hex(16), "name": name,
            "band": band, "language": language, "playlist": list(playlist),
            "check": [c.to_json() for c in check], "created_at": utcnow(),
            "app_version": __version__}
    return session_from_json(data, None, catalog)


def pick_check_questions(levels, count: int) -> list[CheckRef]:
    """A fair knowledge check for ``levels``: up to ``count`` questions before the playlist and as
    many parallel, different questions after it (see :mod:`.itembank`)."""
    from .itembank import pick_check_items

    pre, post = pick_check_items(list(levels), count)
    return [CheckRef(i.level, i.question, i.phase) for i in (*pre, *post)]


# -- reading ------------------------------------------------------------------------------------
_WRONG = N_("The session file is damaged or was not made by Sango: {detail}.")


def _bad(path, detail: str) -> ClassroomFileError:
    return ClassroomFileError(path, _WRONG, ASK_NEW_FILE, detail=detail)


def check_format(path, data: dict, expected: str, version: int) -> None:
    """Raise a clear error if ``data`` is not a ``expected`` document this version can read."""
    fmt = data.get("format")
    if fmt != expected:
        raise foreign_format_error(path, fmt, expected)
    v = data.get("version")
    if not isinstance(v, int) or isinstance(v, bool) or v < 1:
        raise _bad(path, "its version number is missing") if expected == SESSION_FORMAT else ClassroomFileError(
            path, N_("The results file is damaged: its version number is missing."),
            N_("Export the results again on that computer."))
    if v > version:
        raise ClassroomFileError(
            path, N_("This file was made by a newer version of Sango (file version {found}; this Sango reads version {known})."),
            N_("Install the same Sango version on every computer of the lab."), found=v, known=version)


def foreign_format_error(path, fmt: object, expected: str) -> ClassroomFileError:
    if fmt == "sango-session":
        return ClassroomFileError(path, N_("This is a session file, not a results file."),
                                  N_("Load it with 'Load a session on this computer' instead."))
    if fmt == "sango-results":
        return ClassroomFileError(
            path, N_("This is a results file, not a session file."),
            N_("Use 'Import results' for it, or pick the session file (its name starts with sango-session)."))
    if fmt == "sango-progress":
        return ClassroomFileError(path, N_("This is one player's progress file, not a lab session file."),
                                  N_("Lab results are exported with 'Export this computer's results'."))
    if expected == SESSION_FORMAT:
        return ClassroomFileError(path, N_("This is not a Sango session file."),
                                  N_("Pick a file whose name starts with sango-session."))
    return ClassroomFileError(path, N_("This is not a Sango results file."),
                              N_("Results files are named sango-results-... and are made with 'Export this computer's results'."))


def _text(path, data: dict, key: str, *, optional: bool = False) -> str:
    value = data.get(key)
    if value is None and optional:
        return ""
    if key not in data:
        raise _bad(path, f"'{key}' is missing")
    if not isinstance(value, str):
        raise _bad(path, f"'{key}' is not text")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _bad(path, f"'{key}' has invalid characters") from None
    return value


def session_from_json(data: Any, path: Path | None = None, catalog=None) -> Session:
    """Validate a parsed session document; ClassroomFileError (naming what is wrong) otherwise."""
    if not isinstance(data, dict):
        raise _bad(path, "it is not a JSON object")
    check_format(path, data, SESSION_FORMAT, SESSION_VERSION)
    sid = _text(path, data, "id")
    if not ID_RE.fullmatch(sid):
        raise _bad(path, "'id' is not a session id")
    try:
        name = clean_name(_text(path, data, "name"))
    except ValueError as exc:
        raise _bad(path, f"'name': {exc}") from None
    band = _text(path, data, "band")
    if band not in BANDS:
        raise _bad(path, f"'band' must be one of {', '.join(BANDS)}")
    language = _text(path, data, "language")
    if language not in LANG_BY_CODE:
        raise _bad(path, f"'language' must be one of {', '.join(LANG_BY_CODE)}")
    playlist_raw = data.get("playlist")
    if not isinstance(playlist_raw, list):
        raise _bad(path, "'playlist' is missing or not a list")
    if not playlist_raw:
        raise _bad(path, "'playlist' is empty")
    if len(playlist_raw) > MAX_PLAYLIST:
        raise _bad(path, f"'playlist' has more than {MAX_PLAYLIST} levels")
    playlist: list[str] = []
    for item in playlist_raw:
        if not isinstance(item, str) or not LEVEL_ID_RE.fullmatch(item):
            raise _bad(path, "'playlist' has an entry that is not a level id")
        if item in playlist:
            raise _bad(path, f"level '{item}' is twice in 'playlist'")
        playlist.append(item)
    check_raw = data.get("check", [])
    if check_raw is None:
        check_raw = []
    if not isinstance(check_raw, list):
        raise _bad(path, "'check' is not a list")
    if len(check_raw) > MAX_CHECK:
        raise _bad(path, f"'check' has more than {MAX_CHECK} questions")
    check: list[CheckRef] = []
    for item in check_raw:
        if not isinstance(item, dict) or not isinstance(item.get("level"), str) or not isinstance(item.get("question"), str):
            raise _bad(path, "'check' has an entry without 'level' and 'question'")
        if not LEVEL_ID_RE.fullmatch(item["level"]) or not LEVEL_ID_RE.fullmatch(item["question"]):
            raise _bad(path, "'check' has an entry that is not a level and question id")
        phase = item.get("phase", "")
        if phase not in ("", *PHASES):
            raise _bad(path, "'check' has an entry whose 'phase' is not pre or post")
        ref = CheckRef(item["level"], item["question"], phase)
        if any(c.key == ref.key for c in check):
            raise _bad(path, f"question '{ref.key}' is twice in 'check'")
        check.append(ref)
    created = _text(path, data, "created_at", optional=True)
    app_version = _text(path, data, "app_version", optional=True)
    session = Session(sid, name, band, language, tuple(playlist), tuple(check), created, app_version,
                      Path(path) if path is not None else None)
    if catalog is not None:
        check_against_catalog(session, catalog, path)
    return session


def check_against_catalog(session: Session, catalog, path=None) -> None:
    """Every level and check question must exist in this game's levels (same band)."""
    unknown = [lid for lid in session.playlist if lid not in catalog.levels]
    unknown += [c.level for c in session.check if c.level not in catalog.levels and c.level not in unknown]
    if unknown:
        raise ClassroomFileError(path, N_("The session uses levels this computer does not have: {levels}."),
                                 N_("Install the same Sango version on every computer of the lab, or prepare the session again."),
                                 levels=", ".join(unknown))
    other_band = [lid for lid in session.playlist if catalog.levels[lid].band != session.band]
    if other_band:
        raise ClassroomFileError(path, N_("The session mixes age groups: {levels} are not for ages {band}."),
                                 N_("Prepare the session again."), levels=", ".join(other_band), band=session.band)
    missing = []
    for c in session.check:
        lv = catalog.levels[c.level]
        if lv.kind != "quiz" or not any(q.id == c.question for q in lv.questions):
            missing.append(c.key)
    if missing:
        raise ClassroomFileError(path, N_("The knowledge check uses questions this computer does not have: {questions}."),
                                 N_("Install the same Sango version on every computer of the lab, or prepare the session again."),
                                 questions=", ".join(missing))


def read_session(path: Path | str, catalog=None) -> Session:
    """Read and validate a session file. Any problem raises ClassroomFileError."""
    path = Path(path)
    data, _ = read_json_file(path)
    return session_from_json(data, path, catalog)


def write_session(path: Path | str, session: Session) -> Path:
    """Write the session file atomically."""
    return atomic_write_json(Path(path), session.to_json())


def save_session_to(folders, session: Session) -> tuple[list[Path], list[ClassroomFileError]]:
    """Write the session file into every folder given. Returns (files written, failures)."""
    written: list[Path] = []
    failed: list[ClassroomFileError] = []
    for folder in folders:
        try:
            written.append(write_session(Path(folder) / session.file_name(), session))
        except ClassroomFileError as exc:
            failed.append(exc)
    return written, failed
