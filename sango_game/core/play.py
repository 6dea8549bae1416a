"""Playing a level, as pure logic: scoring answers, walking a scenario, computing stars.

No pygame here: the scenes call these, and tests (and the scripted player) use them directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import kinds
from ..content.model import Level, Node, Question
from ..kinds.base import Feedback, Outcome  # noqa: F401  (re-exported: they used to live here)
from ..progress.rules import stars_for_score  # noqa: F401  (re-exported: one definition of stars)
from .shuffle import arrange_node, arrange_question

QUALITY_VALUE = {"good": 1.0, "okay": 0.5, "risky": 0.0}


def score_answer(q: Question, answer: Any) -> Outcome:
    """Score an answer with the question's kind (see ``kinds``). Answers by type: single -> choice
    id; true_false -> bool; multi / red_flags -> iterable of ids; sort -> mapping item id -> bin id."""
    try:
        kind = kinds.get(q.type)
    except KeyError as exc:
        raise ValueError(str(exc)) from None
    return kind.score(q, answer)


def correct_answer(q: Question) -> Any:
    """The fully right answer of a question (used by the scripted player and teacher mode)."""
    try:
        kind = kinds.get(q.type)
    except KeyError as exc:
        raise ValueError(str(exc)) from None
    return kind.correct_answer(q)


@dataclass
class QuizRun:
    level: Level
    index: int = 0
    outcomes: list[Outcome] = field(default_factory=list)
    seed: int | None = None  # this attempt's shuffle seed (None: options in the written order)
    # The last arranged question (the screen asks for it many times a frame): (written, seed, arranged).
    _arranged: tuple[Question, int | None, Question] | None = field(default=None, repr=False, compare=False)

    @property
    def question(self) -> Question:
        """The current question, its options in the order this attempt shows them."""
        written = self.level.questions[self.index]
        hit = self._arranged
        if hit is not None and hit[0] is written and hit[1] == self.seed:
            return hit[2]
        arranged = arrange_question(written, self.seed)
        self._arranged = (written, self.seed, arranged)
        return arranged

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
            assert self.level.start is not None, "a story level has a start node (the loader checks it)"
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
