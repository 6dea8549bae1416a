"""Playing a level, as pure logic: scoring answers, walking a scenario, computing stars.

No pygame here: the scenes call these, and tests (and the scripted player) use them directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from ..content.model import Level, Node, Question, Text
from ..progress.rules import stars_for_score  # noqa: F401  (re-exported: one definition of stars)
from .shuffle import arrange_node, arrange_question

QUALITY_VALUE = {"good": 1.0, "okay": 0.5, "risky": 0.0}


@dataclass(frozen=True)
class Feedback:
    """One thing Sango explains after an answer: the item it is about and why."""

    about: Text | None
    text: Text
    right: bool  # True: a right pick explained; False: a mistake explained


@dataclass(frozen=True)
class Outcome:
    score: float  # 0..1
    marks: Mapping[str, str]  # id -> "correct" | "wrong" | "missed" (for drawing)
    feedback: tuple[Feedback, ...]
    answer_repr: str  # stored in progress as the answer given

    @property
    def correct(self) -> bool:
        return self.score >= 1.0 - 1e-9


def score_answer(q: Question, answer: Any) -> Outcome:
    """Score an answer. Answers by type: single -> choice id; true_false -> bool;
    multi / red_flags -> iterable of ids; sort -> mapping item id -> bin id."""
    import json

    t = q.type
    if t == "single":
        chosen = str(answer)
        marks, fb = {}, []
        for c in q.choices:
            if c.id == chosen:
                marks[c.id] = "correct" if c.correct else "wrong"
                if not c.correct and c.feedback:
                    fb.append(Feedback(c.text, c.feedback, False))
            elif c.correct:
                marks[c.id] = "missed" if not any(x.id == chosen and x.correct for x in q.choices) else "correct"
        score = 1.0 if any(c.id == chosen and c.correct for c in q.choices) else 0.0
        return Outcome(score, marks, tuple(fb), json.dumps(chosen))
    if t == "true_false":
        value = bool(answer)
        right = value == q.answer
        chosen = "true" if value else "false"
        other = "false" if value else "true"
        marks = {chosen: "correct" if right else "wrong"}
        if not right:
            marks[other] = "missed"
        fb = () if right or q.feedback is None else (Feedback(None, q.feedback, False),)
        return Outcome(1.0 if right else 0.0, marks, fb, json.dumps(value))
    if t in ("multi", "red_flags"):
        picked = {str(a) for a in answer}
        if t == "multi":
            entries = [(c.id, c.correct, c.text, c.feedback) for c in q.choices]
        else:
            entries = [(ln.id, ln.flag, ln.text, ln.why) for ln in q.message.lines]
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
        return Outcome(score, marks, tuple(fb), json.dumps(sorted(picked)))
    if t == "sort":
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
        return Outcome(score, marks, tuple(fb), json.dumps(placed, sort_keys=True))
    raise ValueError(f"unknown question type {t!r}")


def correct_answer(q: Question) -> Any:
    """The fully right answer of a question (used by the scripted player and teacher mode)."""
    if q.type == "single":
        return next(c.id for c in q.choices if c.correct)
    if q.type == "true_false":
        return bool(q.answer)
    if q.type == "multi":
        return [c.id for c in q.choices if c.correct]
    if q.type == "red_flags":
        return [ln.id for ln in q.message.lines if ln.flag]
    if q.type == "sort":
        return {it.id: it.bin for it in q.items}
    raise ValueError(q.type)


@dataclass
class QuizRun:
    level: Level
    index: int = 0
    outcomes: list[Outcome] = field(default_factory=list)
    seed: int | None = None  # this attempt's shuffle seed (None: options in the written order)

    @property
    def question(self) -> Question:
        """The current question, its options in the order this attempt shows them."""
        return arrange_question(self.level.questions[self.index], self.seed)

    @property
    def total(self) -> int:
        return len(self.level.questions)

    @property
    def answered_current(self) -> bool:
        return len(self.outcomes) > self.index

    def answer(self, answer: Any) -> Outcome:
        if self.finished:
            raise RuntimeError("the quiz is finished")
        if self.answered_current:
            return self.outcomes[self.index]
        out = score_answer(self.question, answer)
        self.outcomes.append(out)
        return out

    def advance(self) -> None:
        if not self.answered_current:
            raise RuntimeError("answer the question first")
        self.index += 1

    @property
    def finished(self) -> bool:
        return self.index >= self.total

    @property
    def score(self) -> float:
        return sum(o.score for o in self.outcomes) / self.total if self.total else 0.0

    @property
    def correct_count(self) -> int:
        return sum(1 for o in self.outcomes if o.correct)

    @property
    def stars(self) -> int:
        return stars_for_score(self.score, self.finished)


@dataclass
class ScenarioRun:
    level: Level
    node_id: str = ""
    path: list[tuple[str, str]] = field(default_factory=list)  # (node id, choice id)
    qualities: list[str] = field(default_factory=list)
    seed: int | None = None  # this attempt's shuffle seed (None: choices in the written order)

    def __post_init__(self) -> None:
        if not self.node_id:
            self.node_id = self.level.start

    @property
    def node(self) -> Node:
        """The current step, its choices in the order this attempt shows them."""
        return arrange_node(self.level.node(self.node_id), self.seed)

    @property
    def finished(self) -> bool:
        return self.node.is_ending

    def choose(self, choice_id: str):
        node = self.node
        if node.is_ending:
            raise RuntimeError("the scenario has ended")
        choice = next((c for c in node.choices if c.id == choice_id), None)
        if choice is None:
            raise KeyError(choice_id)
        self.path.append((node.id, choice.id))
        self.qualities.append(choice.quality)
        self.node_id = choice.next
        return choice

    @property
    def ending(self) -> str | None:
        return self.node.ending if self.finished else None

    @property
    def score(self) -> float:
        if not self.qualities:
            return 0.0
        return sum(QUALITY_VALUE[q] for q in self.qualities) / len(self.qualities)

    @property
    def stars(self) -> int:
        s = stars_for_score(self.score, self.finished)
        if self.finished and self.ending == "good":
            s = max(s, 2)
        return s
