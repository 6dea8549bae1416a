"""Spaced review inside later levels: missed questions of the same topic come back.

Pure logic (no pygame): given the child's answers and the clock, a quiz level gets up to
``limit`` due review questions from the other quiz levels of its topic and band appended. Each
keeps its texts (and so its translations) and is stored under ``"<level>/<question>"``, so the
mastery rule counts the answer for the original question.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from ..content.model import Level
from ..progress.mastery import REVIEW_SEP, due_reviews, review_key

MAX_QUESTIONS = 10  # a quiz never grows beyond the longest quiz a level file may have
REVIEWS_PER_LEVEL = 2


def is_review(question_id: str) -> bool:
    return REVIEW_SEP in question_id


def with_reviews(level: Level, levels, attempts, now: datetime, limit: int = REVIEWS_PER_LEVEL) -> Level:
    """``level`` with due review questions of its topic appended (unchanged if none are due)."""
    if level.kind != "quiz":
        return level
    siblings = {lv.id: lv for lv in levels
                if lv.kind == "quiz" and lv.band == level.band and lv.topic == level.topic and lv.id != level.id}
    room = min(limit, MAX_QUESTIONS - len(level.questions))
    if not siblings or room <= 0:
        return level
    extra = []
    for lid, qid in due_reviews(attempts, now, topic_levels=siblings):
        q = next((q for q in siblings[lid].questions if q.id == qid), None)
        if q is not None:
            extra.append(replace(q, id=review_key(lid, qid)))
        if len(extra) >= room:
            break
    return replace(level, questions=level.questions + tuple(extra)) if extra else level
