"""Single choice: one right answer among 2 to 4."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import N_
from . import register
from .base import Feedback, Outcome, QuestionKind, answer_json, numbered

if TYPE_CHECKING:  # pragma: no cover
    from ..content.model import Question, Text


class Single(QuestionKind):
    name = "single"
    view = "choices"
    hint = N_("Pick one answer.")
    fields = ("choices",)

    def read(self, reader: Any, q: dict, path: tuple, qid: str) -> dict[str, Any]:
        return {"choices": reader.read_choices(q, path, qid, self.name)}

    def option_ids(self, q: Question) -> list[str]:
        return [c.id for c in q.choices]

    def correct_ids(self, q: Question) -> frozenset[str]:
        return frozenset(c.id for c in q.choices if c.correct)

    def score(self, q: Question, answer: Any) -> Outcome:
        chosen = str(answer)
        right = any(c.id == chosen and c.correct for c in q.choices)
        marks, fb = {}, []
        for c in q.choices:
            if c.id == chosen:
                marks[c.id] = "correct" if c.correct else "wrong"
                if not c.correct and c.feedback:
                    fb.append(Feedback(c.text, c.feedback, False))
            elif c.correct:
                marks[c.id] = "correct" if right else "missed"
        return Outcome(1.0 if right else 0.0, marks, tuple(fb), answer_json(chosen))

    def correct_answer(self, q: Question) -> Any:
        return next(c.id for c in q.choices if c.correct)

    def wrong_answer(self, q: Question) -> Any:
        return next(c.id for c in q.choices if not c.correct)

    def empty_answer(self, q: Question) -> Any:
        return ""

    def chosen_ids(self, q: Question, answer: Any) -> set[str]:
        return {str(answer)}

    def script(self, q: Question, answer: Any) -> list[str]:
        return [answer]

    def checklist_feedback(self, q: Question) -> bool:
        return len(q.choices) > 4  # too many to fit half the width

    def answers_beside_feedback(self, q: Question) -> list[tuple[str, Text]]:
        return [(c.id, c.text) for c in q.choices]

    def checklist_extra(self, q: Question, outcome: Outcome) -> list[Feedback]:
        # The one right answer: a wrong pick's reason alone would not say which it was.
        told = {fb.about for fb in outcome.feedback}
        return [Feedback(None, c.text, True) for c in q.choices if outcome.marks.get(c.id) == "missed" and c.text not in told]

    def speech_lines(self, tr, q: Question, placed) -> list[str]:
        return numbered(tr, [tr.level(c.text) for c in q.choices])


register(Single())
