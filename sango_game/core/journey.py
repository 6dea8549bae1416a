"""A player's way through the levels, as pure logic: which levels are open, finishing a level.

No pygame and no scenes here: the level map and the results screen call these with the current
player's progress (``progress.player``), whether it is saved or a guest's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..progress.mastery import is_review_round
from ..progress.player import PlayerProgress
from ..progress.rules import earned_badges


def is_unlocked(level: Any, shown: Iterable[Any], results: Mapping[str, Any], unlock_all: bool = False) -> bool:
    """The first level of a topic is always open; a later one opens when the one before is done
    (counting only the ``shown`` levels of its topic, e.g. a lab session's playlist)."""
    if unlock_all or level.order <= 1:
        return True
    for other in shown:
        if other.order < level.order and not getattr(results.get(other.id), "completed", False):
            return False
    return True


def finish_level(player: PlayerProgress, catalog: Any, level: Any, score: float, stars: int,
                 ending: str | None = None) -> list[str]:
    """Save the result, award the badges it earns and return the ids of the new ones.

    Storage errors propagate (the caller tells the player); a failed backup does not, since the
    result itself is saved and a backup problem is not worth a child's attention."""
    if is_review_round(level.id):
        return []  # its answers are saved one by one; a review round is not a level to finish
    player.record_level_result(level.id, level.topic, level.band, score, stars, ending)
    have = player.badge_ids()
    new = [b for b in earned_badges(player.level_results(), catalog) if b not in have]
    for badge in new:
        player.award_badge(badge)
    try:
        player.backup()
    except Exception:  # noqa: BLE001
        pass
    return new
