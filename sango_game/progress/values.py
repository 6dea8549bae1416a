"""Checks on values before they are written: ids, scores, answers, settings. Pure functions."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from .errors import ProfileError

MAX_ID = 200
MAX_SETTINGS_BYTES = 64 * 1024
_PROFILE_ID_RE = re.compile(r"[0-9a-f]{8,64}")


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
    import json  # only where JSON is read or written: opening the store does not need it

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
    import json  # only where JSON is read or written: opening the store does not need it

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
