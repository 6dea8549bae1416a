"""Sort: put each item, one at a time, into one of 2 or 3 groups; each item right counts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import N_
from . import register
from .base import Feedback, Outcome, QuestionKind, answer_json, numbered

if TYPE_CHECKING:  # pragma: no cover
    from ..content.model import Question


class Sort(QuestionKind):
    name = "sort"
    view = "sort"
    hint = N_("Where does it go? Pick a group.")
    fields = ("bins", "items")
    partial_credit = True

    def read(self, reader: Any, q: dict, path: tuple, qid: str) -> dict[str, Any]:
        bins, items = reader.read_sort(q, path, qid)
        return {"bins": bins, "items": items}

    def option_ids(self, q: Question) -> list[str]:
        return [b.id for b in q.bins]

    def checklist_feedback(self, q: Question) -> bool:
        return True  # every item with its group and reason

    def score(self, q: Question, answer: Any) -> Outcome:
        placed = {str(k): str(v) for k, v in dict(answer).items()}
        good = 0
        marks, fb = {}, []
        for it in q.items:
            if placed.get(it.id) == it.bin:
                good += 1
                marks[it.id] = "correct"
            else:
                marks[it.id] = "wrong"
                fb.append(Feedback(it.text, it.feedback, False))
        score = good / len(q.items) if q.items else 0.0
        return Outcome(score, marks, tuple(fb), answer_json(placed))

    def correct_answer(self, q: Question) -> Any:
        return {it.id: it.bin for it in q.items}

    def wrong_answer(self, q: Question) -> Any:
        bins = [b.id for b in q.bins]
        return {it.id: next(b for b in bins if b != it.bin) for it in q.items}

    def empty_answer(self, q: Question) -> Any:
        return {}

    def script(self, q: Question, answer: Any) -> list[str]:
        return [answer[it.id] for it in q.items]  # items are shown one at a time, in file order

    def speech_lines(self, tr, q: Question, placed) -> list[str]:
        pending = [it for it in q.items if it.id not in placed]
        return ([tr.level(pending[0].text)] if pending else []) + numbered(tr, [tr.level(b.label) for b in q.bins])


register(Sort())
