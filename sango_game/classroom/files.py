"""Reading and writing the small JSON files of a lab session, safely.

* Reading never trusts the file: size limit before reading, strict UTF-8, strict JSON (no NaN or
  Infinity), depth limit, and every failure becomes a :class:`ClassroomFileError`.
* Writing is atomic: a temporary file in the same folder, flushed and fsynced, then
  ``os.replace``; a USB stick pulled out half-way leaves either the old file or none, never half.
* The checksum of a results file is the SHA-256 of its canonical JSON body (sorted keys, no
  spaces, UTF-8), so any edit or truncation is detected whatever the indentation.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..atomic import atomic_write_bytes as _atomic_write
from ..i18n import N_
from .errors import CANNOT_READ, NOT_FOUND, NOT_JSON, NOT_OBJECT, NOT_TEXT, TOO_BIG, TRUNCATED, TRY_AGAIN_COPY, ClassroomFileError

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 32


def utcnow() -> str:
    """Now, ISO 8601 UTC with seconds (``2025-03-01T09:15:00Z``)."""
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def file_stamp(now: datetime | None = None) -> str:
    """A time for file names (local time, sortable): ``20250301-091500``."""
    return (now or datetime.now()).strftime("%Y%m%d-%H%M%S")


_SLUG_DROP = re.compile(r"[^\w-]+", re.UNICODE)


def slug(text: str, fallback: str, max_len: int = 40) -> str:
    """A file-name-safe form of ``text``: letters and digits of any script, '-' and '_'."""
    t = unicodedata.normalize("NFC", text).strip()
    t = _SLUG_DROP.sub("-", t).strip("-_")
    t = re.sub(r"-{2,}", "-", t)[:max_len].strip("-_")
    return t or fallback


def canonical_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False).encode("utf-8")


def sha256_of(data: Any) -> str:
    return hashlib.sha256(canonical_json(data)).hexdigest()


def _reject_constant(name: str):
    raise ValueError(f"{name} is not allowed")


def _depth(value: Any, limit: int = MAX_DEPTH) -> int:
    """Nesting depth, stopping early past ``limit`` (iterative: no recursion error)."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        v, d = stack.pop()
        if d > deepest:
            deepest = d
            if deepest > limit:
                return deepest
        if isinstance(v, dict):
            stack.extend((x, d + 1) for x in v.values())
        elif isinstance(v, list):
            stack.extend((x, d + 1) for x in v)
    return deepest


def read_bytes_limited(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a file, refusing anything bigger than ``limit`` (checked before and while reading)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ClassroomFileError(path, N_("This is a folder or a device, not a file."))
        if size > limit:
            raise ClassroomFileError(path, TOO_BIG, N_("Check that you picked the right file."),
                                     size=round(size / 1048576, 1), limit=limit // 1048576)
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except ClassroomFileError:
        raise
    except FileNotFoundError:
        raise ClassroomFileError(path, NOT_FOUND, N_("Check the USB stick or folder and try again.")) from None
    except OSError as exc:
        raise ClassroomFileError(path, CANNOT_READ, N_("Check the USB stick or folder and try again."),
                                 reason=exc.strerror or exc.__class__.__name__) from None
    if len(data) > limit:
        raise ClassroomFileError(path, TOO_BIG, N_("Check that you picked the right file."),
                                 size=round(len(data) / 1048576, 1), limit=limit // 1048576)
    return data


def parse_json_bytes(path: Path, data: bytes) -> Any:
    """Strict JSON from bytes (UTF-8, optional BOM), as a dict; ClassroomFileError otherwise."""
    if not data.strip():
        raise ClassroomFileError(path, N_("The file is empty."), TRY_AGAIN_COPY)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ClassroomFileError(path, NOT_TEXT, TRY_AGAIN_COPY) from None
    try:
        value = json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise ClassroomFileError(path, NOT_OBJECT, N_("Check that you picked the right file.")) from None
    except ValueError as exc:
        msg = getattr(exc, "msg", "")
        pos = getattr(exc, "pos", None)
        stripped = text.rstrip()
        # A document that starts well but stops: the string never closes, or the text ends where more was expected.
        at_end = pos is not None and pos >= len(stripped) - 1 and msg.startswith("Expecting")
        if text.lstrip().startswith("{") and (at_end or msg.startswith("Unterminated string")):
            raise ClassroomFileError(path, TRUNCATED, TRY_AGAIN_COPY) from None
        raise ClassroomFileError(path, NOT_JSON, N_("Check that you picked the right file.")) from None
    if not isinstance(value, dict) or _depth(value) > MAX_DEPTH:
        raise ClassroomFileError(path, NOT_OBJECT, N_("Check that you picked the right file."))
    return value


def read_json_file(path: Path, limit: int = MAX_FILE_BYTES) -> tuple[dict, bytes]:
    """(parsed object, raw bytes) of a JSON file, or ClassroomFileError."""
    data = read_bytes_limited(path, limit)
    return parse_json_bytes(Path(path), data), data


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically; ClassroomFileError with a clear reason on failure."""
    path = Path(path)
    try:
        _atomic_write(path, data, make_parent=True)
    except OSError as exc:
        import errno

        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            raise ClassroomFileError(path, N_("The file could not be saved: the disk or USB stick is full."),
                                     N_("Free some space, or use another USB stick.")) from None
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise ClassroomFileError(path, N_("The file could not be saved: this folder cannot be written to."),
                                     N_("Check that the USB stick is not write-protected, or choose another place.")) from None
        raise ClassroomFileError(path, N_("The file could not be saved ({reason})."),
                                 N_("Check the USB stick or folder and try again."),
                                 reason=exc.strerror or exc.__class__.__name__) from None
    return path


def atomic_write_json(path: Path, data: Any) -> Path:
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    return atomic_write_bytes(path, text.encode("utf-8"))
