"""Plain records returned by the progress store (frozen, JSON-friendly fields)."""

from __future__ import annotations

from typing import Any

from ..records import field, record


@record
class Profile:
    """A child's profile: only a nickname, an avatar id and a random local id. No real name, age,
    photo or e-mail is ever stored."""

    id: str
    nickname: str
    avatar: str
    created_at: str  # ISO 8601, UTC


@record
class LevelResult:
    best_stars: int
    best_score: float
    plays: int
    completed: bool
    endings: frozenset[str] = frozenset()
    level_id: str = ""
    topic: str = ""
    band: str = ""
    updated_at: str = ""


@record
class Attempt:
    id: int
    profile_id: str
    level_id: str
    question_id: str
    answer: str  # JSON text
    score: float
    time_ms: int
    created_at: str
    session_id: str | None = None
    seed: int | None = None  # the shuffle seed of the attempt (sango_game.core.shuffle)


@record
class Badge:
    badge_id: str
    awarded_at: str


@record
class StoreNotice:
    """Something the player should be told once about their saved progress.

    ``code`` is a message key for the UI to translate ("store_restored", "store_reset");
    ``kind`` is "restored" or "reset"; ``params`` holds data for the message, e.g.
    ``backup_time`` (local "YYYY-MM-DD HH:MM"), ``backup_timestamp`` (POSIX seconds),
    ``backup`` (file name), ``damaged_file`` (where the damaged file was kept), ``reason``.
    """

    code: str
    kind: str
    params: dict[str, Any] = field(default_factory=dict)
