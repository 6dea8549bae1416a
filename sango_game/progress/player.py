"""The current player's progress behind one interface: saved (a profile in the store) or a guest.

Scenes and the core ask ``app.player`` and never need to know whether anything is saved. A guest's
results live in memory for the session only; a guest's answers are not recorded (no lab data
without a profile), exactly as before this interface existed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from .models import Attempt, LevelResult

if TYPE_CHECKING:  # pragma: no cover
    from .store import ProgressStore


class PlayerProgress(Protocol):
    #: True when results survive a restart (a profile in the store).
    saved: bool

    def level_results(self) -> dict[str, LevelResult]: ...

    def attempts(self, level_id: str | None = None) -> list[Attempt]: ...

    def record_attempt(self, level_id: str, question_id: str, answer: str, score: float, time_ms: int,
                       session_id: str | None = None, seed: int | None = None) -> None: ...

    def record_level_result(self, level_id: str, topic: str, band: str, score: float, stars: int,
                            ending: str | None = None) -> None: ...

    def badge_ids(self) -> set[str]: ...

    def award_badge(self, badge_id: str) -> bool: ...

    def backup(self) -> None: ...


class StoredProgress:
    """A profile's progress in the SQLite store (errors propagate: the caller reports them)."""

    saved = True

    def __init__(self, store: ProgressStore, profile_id: str):
        self.store = store
        self.profile_id = profile_id

    def level_results(self) -> dict[str, LevelResult]:
        return self.store.level_results(self.profile_id)

    def attempts(self, level_id: str | None = None) -> list[Attempt]:
        return self.store.attempts(self.profile_id, level_id)

    def record_attempt(self, level_id: str, question_id: str, answer: str, score: float, time_ms: int,
                       session_id: str | None = None, seed: int | None = None) -> None:
        self.store.record_attempt(self.profile_id, level_id, question_id, answer, score, time_ms, session_id=session_id,
                                  seed=seed)

    def record_level_result(self, level_id: str, topic: str, band: str, score: float, stars: int,
                            ending: str | None = None) -> None:
        self.store.record_level_result(self.profile_id, level_id, topic, band, score, stars, ending)

    def badge_ids(self) -> set[str]:
        return {b.badge_id for b in self.store.badges(self.profile_id)}

    def award_badge(self, badge_id: str) -> bool:
        return self.store.award_badge(self.profile_id, badge_id)

    def backup(self) -> None:
        self.store.backup()


class GuestProgress:
    """Play without a profile: results and badges in memory for this session, answers not kept."""

    saved = False

    def __init__(self) -> None:
        self.results: dict[str, LevelResult] = {}
        self.badges: list[str] = []

    def level_results(self) -> dict[str, LevelResult]:
        return dict(self.results)

    def attempts(self, level_id: str | None = None) -> list[Attempt]:
        return []

    def record_attempt(self, level_id: str, question_id: str, answer: str, score: float, time_ms: int,
                       session_id: str | None = None, seed: int | None = None) -> None:
        """A guest's answers are not recorded (lab results need a named profile)."""

    def record_level_result(self, level_id: str, topic: str, band: str, score: float, stars: int,
                            ending: str | None = None) -> None:
        old = self.results.get(level_id)
        endings = set(old.endings) if old is not None else set()
        if ending:
            endings.add(ending)
        self.results[level_id] = LevelResult(
            best_stars=max(stars, old.best_stars if old else 0), best_score=max(score, old.best_score if old else 0.0),
            plays=(old.plays if old else 0) + 1, completed=True, endings=frozenset(endings),
            level_id=level_id, topic=topic, band=band)

    def badge_ids(self) -> set[str]:
        return set(self.badges)

    def award_badge(self, badge_id: str) -> bool:
        if badge_id in self.badges:
            return False
        self.badges.append(badge_id)
        return True

    def backup(self) -> None:
        """Nothing is saved, so there is nothing to back up."""
