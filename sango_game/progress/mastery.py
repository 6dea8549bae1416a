"""Mastery, not just stars: a missed question comes back until it is right on two separate days.

Pure logic over the answers the store keeps (no pygame, no I/O); the clock is a parameter, so
tests step through days. A question is identified by (level id, question id). A review answer given
inside another level of the same topic is stored with the question id ``"<level>/<question>"``
(:func:`review_key`), so it counts for the original question.

* A question is *pending* when its latest miss (score below 1) has not yet been followed by right
  answers on two different days.
* It is *due* when it is pending and was last asked on an earlier day than today: a review comes
  back later, never straight after the miss.
* It is *mastered* when it has been answered right and is not pending.

Days are calendar days in UTC unless a UTC offset is given (a lab in one place can pass its own).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

EPS = 1e-9
DAYS_NEEDED = 2  # right answers on this many different days after the last miss
REVIEW_SEP = "/"


ROUND_PREFIX = "review:"  # a topic's review round (core/review.py) stores its answers under this level id


def round_id(band: str, topic: str) -> str:
    """The level id a review round's answers are stored under (level files' ids have no colon)."""
    return f"{ROUND_PREFIX}{band}:{topic}"


def is_review_round(level_id: str) -> bool:
    return level_id.startswith(ROUND_PREFIX)


def review_key(level_id: str, question_id: str) -> str:
    """The question id under which a review of ``level_id``'s question is stored in another level."""
    return f"{level_id}{REVIEW_SEP}{question_id}"


def item_of(level_id: str, question_id: str) -> tuple[str, str]:
    """The (level, question) an answer is about: reviews point back to their original level."""
    if REVIEW_SEP in question_id:
        lv, _, q = question_id.partition(REVIEW_SEP)
        return lv, q
    return level_id, question_id


def _day(stamp: str, offset: timedelta) -> date:
    when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return (when.astimezone(UTC) + offset).date()


@dataclass(frozen=True)
class ItemState:
    level: str
    question: str
    last_day: date
    last_miss_day: date | None
    right_days_since_miss: int
    ever_right: bool

    @property
    def pending(self) -> bool:
        return self.last_miss_day is not None and self.right_days_since_miss < DAYS_NEEDED

    @property
    def mastered(self) -> bool:
        return self.ever_right and not self.pending


def item_states(attempts: Iterable, utc_offset: timedelta = timedelta(0)) -> dict[tuple[str, str], ItemState]:
    """The state of every question answered, from the store's attempts (oldest first)."""
    rows = sorted(attempts, key=lambda a: (a.created_at, getattr(a, "id", 0)))
    acc: dict[tuple[str, str], dict] = {}
    for a in rows:
        key = item_of(a.level_id, a.question_id)
        day = _day(a.created_at, utc_offset)
        s = acc.setdefault(key, {"last_day": day, "miss": None, "right_days": set(), "ever": False})
        s["last_day"] = day
        if a.score >= 1.0 - EPS:
            s["ever"] = True
            s["right_days"].add(day)
        else:
            s["miss"] = day
            s["right_days"] = set()
    return {k: ItemState(k[0], k[1], s["last_day"], s["miss"], len(s["right_days"]), s["ever"]) for k, s in acc.items()}


def due_reviews(attempts: Iterable, now: datetime, topic_levels: Iterable[str] | None = None,
                utc_offset: timedelta = timedelta(0), limit: int | None = None) -> list[tuple[str, str]]:
    """Pending questions last asked before today (oldest miss first), optionally only those of
    the given levels (a topic's quiz levels)."""
    today = (now.astimezone(UTC) + utc_offset).date() if now.tzinfo else now.date()
    allowed = set(topic_levels) if topic_levels is not None else None
    due = [s for s in item_states(attempts, utc_offset).values()
           if s.pending and s.last_day < today and (allowed is None or s.level in allowed)]
    due.sort(key=lambda s: (s.last_miss_day, s.level, s.question))
    out = [(s.level, s.question) for s in due]
    return out[:limit] if limit is not None else out


def mastered_by_topic(attempts: Iterable, questions_by_topic: Mapping[str, Iterable[tuple[str, str]]],
                      utc_offset: timedelta = timedelta(0)) -> dict[str, tuple[int, int]]:
    """topic -> (questions mastered, questions in the topic's quizzes)."""
    states = item_states(attempts, utc_offset)
    out = {}
    for topic, items in questions_by_topic.items():
        items = list(items)
        out[topic] = (sum(1 for k in items if k in states and states[k].mastered), len(items))
    return out
