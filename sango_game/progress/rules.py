"""Scoring, mastery and badge rules. Pure functions: no I/O, no pygame, no clock.

Results are read by attribute (``best_stars``, ``best_score``, ``completed``, ``endings``), so any
record with those fields works, not only :class:`~sango_game.progress.models.LevelResult`
(missing attributes count as nothing done yet).

Badges only ever celebrate what was achieved. There are no streaks, no leaderboards, and nothing
is taken away or counted against the player.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

MAX_STARS = 3
MASTERY_STARS = 2
FIRST_STEPS = "first-steps"
EXPLORER = "explorer"
PERFECT = "perfect"


def stars_for_score(score: float, finished: bool = True) -> int:
    """3 stars for a score of at least 90 %, 2 for at least 60 %, 1 for finishing; an unfinished play
    earns none (as in ``levels/README.md`` "Scoring" and ``core.play``)."""
    if not finished:
        return 0
    if score >= 0.9 - 1e-9:
        return 3
    if score >= 0.6 - 1e-9:
        return 2
    return 1


def _stars(result: Any) -> int:
    if result is None or not getattr(result, "completed", False):
        return 0
    return max(0, min(MAX_STARS, int(getattr(result, "best_stars", 0) or 0)))


def _values(results: Mapping[str, Any] | Iterable[Any]) -> list[Any]:
    return list(results.values()) if isinstance(results, Mapping) else list(results)


def topic_mastery(results_for_topic_levels: Mapping[str, Any] | Iterable[Any], n_levels_in_topic: int) -> float:
    """Share (0..1) of the stars that can be earned in a topic: every completed level counts its best
    stars out of three. Levels not played yet (missing or None) count as zero."""
    if n_levels_in_topic <= 0:
        return 0.0
    stars = sum(_stars(r) for r in _values(results_for_topic_levels))
    return max(0.0, min(1.0, stars / (MAX_STARS * n_levels_in_topic)))


def is_mastered(results_for_topic_levels: Mapping[str, Any] | Iterable[Any], n_levels_in_topic: int) -> bool:
    """True when every level of the topic is completed with at least two stars."""
    if n_levels_in_topic <= 0:
        return False
    good = sum(1 for r in _values(results_for_topic_levels) if _stars(r) >= MASTERY_STARS)
    return good >= n_levels_in_topic


class TopicProgress(NamedTuple):
    completed: int
    total: int
    stars: int
    max_stars: int


def _level_id(level: Any) -> str:
    return level if isinstance(level, str) else level.id


def band_progress(results: Mapping[str, Any], levels_by_topic: Mapping[str, Iterable[Any]]) -> dict[str, TopicProgress]:
    """For the progress picture: per topic, (levels completed, levels, stars earned, stars possible).

    ``levels_by_topic`` maps a topic id to its level ids (or level objects with an ``id``), in the
    order to show; see :func:`levels_by_topic`.
    """
    out: dict[str, TopicProgress] = {}
    for topic, levels in levels_by_topic.items():
        ids = [_level_id(lv) for lv in levels]
        done = [results.get(i) for i in ids]
        completed = sum(1 for r in done if r is not None and getattr(r, "completed", False))
        out[topic] = TopicProgress(completed, len(ids), sum(_stars(r) for r in done), MAX_STARS * len(ids))
    return out


# -- the catalogue as the rules need it -------------------------------------------------------------
@dataclass(frozen=True)
class LevelInfo:
    id: str
    band: str
    topic: str
    kind: str = "quiz"
    endings: frozenset[str] = frozenset()  # ids of a scenario's ending nodes


@dataclass(frozen=True)
class CatalogInfo:
    """Which levels exist, in map order. Build it with :func:`catalog_info`."""

    levels: tuple[LevelInfo, ...]

    def bands(self) -> list[str]:
        return list(dict.fromkeys(lv.band for lv in self.levels))

    def band_topics(self, band: str) -> list[str]:
        return list(dict.fromkeys(lv.topic for lv in self.levels if lv.band == band))

    def topic_levels(self, band: str, topic: str) -> list[LevelInfo]:
        return [lv for lv in self.levels if lv.band == band and lv.topic == topic]

    def get(self, level_id: str) -> LevelInfo | None:
        for lv in self.levels:
            if lv.id == level_id:
                return lv
        return None


def _ending_ids(level: Any) -> frozenset[str]:
    out = set()
    for e in getattr(level, "endings", ()) or ():
        out.add(e if isinstance(e, str) else e.id)
    return frozenset(out)


def catalog_info(catalog: Any) -> CatalogInfo:
    """A :class:`CatalogInfo` from the game's content catalogue (``sango_game.content.catalog.Catalog``),
    from an iterable of level objects, or unchanged if it already is one.

    Levels are ordered by band, then topic (in the catalogue's topic order), then ``order``.
    """
    if isinstance(catalog, CatalogInfo):
        return catalog
    levels = getattr(catalog, "levels", catalog)
    if isinstance(levels, Mapping):
        levels = levels.values()
    topic_order = {t: i for i, t in enumerate(getattr(catalog, "topics", None) or ())}
    items = list(levels)
    band_order = {b: i for i, b in enumerate(dict.fromkeys(lv.band for lv in items))}
    for known in ("9-12", "13-18"):
        band_order.setdefault(known, len(band_order))
    items.sort(key=lambda lv: (band_order.get(lv.band, 99), topic_order.get(lv.topic, len(topic_order)), lv.topic,
                               getattr(lv, "order", 0), lv.id))
    if items and all(isinstance(lv, LevelInfo) for lv in items):
        return CatalogInfo(tuple(items))
    return CatalogInfo(tuple(LevelInfo(lv.id, lv.band, lv.topic, getattr(lv, "kind", "quiz"), _ending_ids(lv))
                             for lv in items))


def levels_by_topic(catalog: Any, band: str) -> dict[str, list[str]]:
    """Topic id -> level ids of one band, in map order (the input of :func:`band_progress`)."""
    info = catalog_info(catalog)
    return {t: [lv.id for lv in info.topic_levels(band, t)] for t in info.band_topics(band)}


def topic_badge(band: str, topic: str) -> str:
    return f"topic:{band}:{topic}"


def band_champion_badge(band: str) -> str:
    return f"band-champion:{band}"


def earned_badges(results: Mapping[str, Any], catalog: Any) -> list[str]:
    """Every badge the results qualify for, in a stable order:

    * ``first-steps``: a first level completed;
    * ``perfect``: a quiz level finished with a score of 1.0;
    * ``explorer``: every ending of a scenario level found;
    * ``topic:<band>:<topic>``: all levels of a topic in a band completed with at least 2 stars;
    * ``band-champion:<band>``: every topic of a band mastered.
    """
    info = catalog_info(catalog)
    out: list[str] = []
    if any(getattr(r, "completed", False) for r in results.values()):
        out.append(FIRST_STEPS)
    by_id = {lv.id: lv for lv in info.levels}
    if any(by_id[lid].kind == "quiz" and getattr(r, "completed", False)
           and float(getattr(r, "best_score", 0.0) or 0.0) >= 1.0 - 1e-9
           for lid, r in results.items() if lid in by_id):
        out.append(PERFECT)
    if any(lv.kind == "scenario" and lv.endings and lv.id in results
           and lv.endings <= frozenset(getattr(results[lv.id], "endings", ()) or ())
           for lv in info.levels):
        out.append(EXPLORER)
    for band in info.bands():
        topics = info.band_topics(band)
        mastered = []
        for topic in topics:
            ids = [lv.id for lv in info.topic_levels(band, topic)]
            if is_mastered([results.get(i) for i in ids], len(ids)):
                mastered.append(topic)
                out.append(topic_badge(band, topic))
        if topics and len(mastered) == len(topics):
            out.append(band_champion_badge(band))
    return out


def new_badges(before: Mapping[str, Any], after: Mapping[str, Any], catalog: Any,
               already: Iterable[str] = ()) -> list[str]:
    """Badges earned by ``after`` that ``before`` had not earned and that are not in ``already``
    (the badges the player holds). The game calls this after each level."""
    had = set(earned_badges(before, catalog)) | set(already)
    return [b for b in earned_badges(after, catalog) if b not in had]
