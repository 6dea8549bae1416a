"""True or false: a statement, with feedback when the child gets it wrong."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import N_
from . import register
from .base import Feedback, Outcome, QuestionKind, answer_json

if TYPE_CHECKING:  # pragma: no cover
    from ..content.model import Question

OPTIONS = ("true", "false")


class TrueFalse(QuestionKind):
    name = "true_false"
    view = "true_false"
    hint = N_("Is it true or false?")
    fields = ("answer", "feedback")

    def read(self, reader: Any, q: dict, path: tuple, qid: str) -> dict[str, Any]:
        answer = q.get("answer")
        if not isinstance(answer, bool):
            reader.error(path + ("answer",), f"answer must be true or false, not {answer!r}",
                         "write answer: true or answer: false")
        return {"answer": bool(answer), "feedback": reader.text(q, "feedback", path, f"{qid}.feedback", "feedback")}

    def option_ids(self, q: Question) -> list[str]:
        return list(OPTIONS)

    def correct_ids(self, q: Question) -> frozenset[str]:
        return frozenset({"true" if q.answer else "false"})

    def score(self, q: Question, answer: Any) -> Outcome:
        value = bool(answer)
        right = value == q.answer
        chosen, other = ("true", "false") if value else ("false", "true")
        marks = {chosen: "correct" if right else "wrong"}
        if not right:
            marks[other] = "missed"
        fb = () if right or q.feedback is None else (Feedback(None, q.feedback, False),)
        return Outcome(1.0 if right else 0.0, marks, fb, answer_json(value))

    def correct_answer(self, q: Question) -> Any:
        return bool(q.answer)

    def wrong_answer(self, q: Question) -> Any:
        return not q.answer

    def empty_answer(self, q: Question) -> Any:
        return not q.answer

    def answer_for_pick(self, q: Question, item_id: str) -> Any:
        return item_id == "true"

    def chosen_ids(self, q: Question, answer: Any) -> set[str]:
        return {"true" if answer else "false"}

    def script(self, q: Question, answer: Any) -> list[str]:
        return ["true" if answer else "false"]

    def speech_lines(self, tr, q: Question, placed) -> list[str]:
        return [tr._("True"), tr._("False")]


register(TrueFalse())
