"""Multiple choice: pick every right answer (2 to 6 choices), then Check; partly right counts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..i18n import N_
from . import register
from .base import Feedback, Outcome, QuestionKind, answer_json, numbered

if TYPE_CHECKING:  # pragma: no cover
    from ..content.model import Question, Text


def score_picks(entries: Iterable[tuple[str, bool, Any, Any]], answer: Any) -> Outcome:
    """Score a set of picks: each (id, should be picked, text, why) entry right or wrong counts the same."""
    picked = {str(a) for a in answer}
    entries = list(entries)
    good = 0
    marks, fb = {}, []
    for eid, should, text, why in entries:
        chosen = eid in picked
        if chosen == should:
            good += 1
            if chosen:
                marks[eid] = "correct"
        else:
            marks[eid] = "wrong" if chosen else "missed"
            if why is not None:
                fb.append(Feedback(text, why, False))
    score = good / len(entries) if entries else 0.0
    return Outcome(score, marks, tuple(fb), answer_json(sorted(picked)))


class Multi(QuestionKind):
    name = "multi"
    view = "choices"
    hint = N_("Pick all that apply, then press Check.")
    fields = ("choices",)
    collects = True
    partial_credit = True

    def read(self, reader: Any, q: dict, path: tuple, qid: str) -> dict[str, Any]:
        return {"choices": reader.read_choices(q, path, qid, self.name)}

    def entries(self, q: Question) -> list[tuple[str, bool, Any, Any]]:
        return [(c.id, c.correct, c.text, c.feedback) for c in q.choices]

    def option_ids(self, q: Question) -> list[str]:
        return [e[0] for e in self.entries(q)]

    def correct_ids(self, q: Question) -> frozenset[str]:
        return frozenset(e[0] for e in self.entries(q) if e[1])

    def score(self, q: Question, answer: Any) -> Outcome:
        return score_picks(self.entries(q), answer)

    def checklist_feedback(self, q: Question) -> bool:
        return len(q.choices) > 4  # too many to fit half the width

    def answers_beside_feedback(self, q: Question) -> list[tuple[str, Text]]:
        return [(c.id, c.text) for c in q.choices]

    def correct_answer(self, q: Question) -> Any:
        return [e[0] for e in self.entries(q) if e[1]]

    def wrong_answer(self, q: Question) -> Any:
        return [e[0] for e in self.entries(q) if not e[1]]

    def empty_answer(self, q: Question) -> Any:
        return []

    def chosen_ids(self, q: Question, answer: Any) -> set[str]:
        return {str(a) for a in answer}

    def script(self, q: Question, answer: Any) -> list[str]:
        return list(answer)

    def speech_lines(self, tr, q: Question, placed) -> list[str]:
        return numbered(tr, [tr.level(e[2]) for e in self.entries(q)])


register(Multi())
