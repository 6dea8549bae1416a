"""Spaced review: missed questions of a topic come back, inside later levels and as a review round.

Pure logic (no pygame): given the child's answers and the clock,

* a quiz level gets up to ``limit`` due review questions from the other quiz levels of its topic
  and band appended (:func:`with_reviews`);
* a topic's place on the map offers a short review round of its due questions, whichever quiz they
  came from (:func:`review_round`), since most topics have one quiz only.

Each question keeps its texts (and so its translations) and is stored under
``"<level>/<question>"``, so the mastery rule counts the answer for the original question. A review
round is not a level: it earns no stars or badges and unlocks nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from ..content.model import Level, Text
from ..progress.mastery import REVIEW_SEP, due_reviews, is_review_round, review_key, round_id

__all__ = ["is_review", "is_review_round", "review_round", "round_id", "with_reviews"]

MAX_QUESTIONS = 10  # a quiz never grows beyond the longest quiz a level file may have
REVIEWS_PER_LEVEL = 2
ROUND_SIZE = 5  # a review round is short: a few questions, then back to the map


def is_review(question_id: str) -> bool:
    return REVIEW_SEP in question_id


def with_reviews(level: Level, levels, attempts, now: datetime, limit: int = REVIEWS_PER_LEVEL) -> Level:
    """``level`` with due review questions of its topic appended (unchanged if none are due)."""
    if level.kind != "quiz" or is_review_round(level.id):
        return level
    siblings = {lv.id: lv for lv in levels
                if lv.kind == "quiz" and lv.band == level.band and lv.topic == level.topic and lv.id != level.id}
    room = min(limit, MAX_QUESTIONS - len(level.questions))
    if not siblings or room <= 0:
        return level
    extra = []
    for lid, qid in due_reviews(attempts, now, topic_levels=siblings):
        q = siblings[lid].question(qid)
        if q is not None:
            extra.append(replace(q, id=review_key(lid, qid)))
        if len(extra) >= room:
            break
    return replace(level, questions=level.questions + tuple(extra)) if extra else level


def review_round(levels: Iterable[Level], attempts, now: datetime, band: str, topic: str, title: Text,
                 limit: int = ROUND_SIZE) -> Level | None:
    """A short quiz of the topic's due questions (oldest miss first), or None when nothing is due.

    ``title`` is what the round is called on screen (the topic's title)."""
    quizzes = {lv.id: lv for lv in levels if lv.kind == "quiz" and lv.band == band and lv.topic == topic}
    questions = []
    for lid, qid in due_reviews(attempts, now, topic_levels=quizzes):
        q = quizzes[lid].question(qid)
        if q is not None:
            questions.append(replace(q, id=review_key(lid, qid), check=None))
        if len(questions) >= limit:
            break
    if not questions:
        return None
    first = quizzes[questions[0].id.partition(REVIEW_SEP)[0]]
    return Level(round_id(band, topic), "quiz", band, topic, 0, title, first.goal, first.intro, (), first.mood,
                 questions=tuple(questions))
