"""What every question kind provides, and the outcome of scoring an answer (no pygame here)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ..content.model import Question, Text
    from ..i18n import Translator


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


def answer_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


class QuestionKind:
    """One kind of question, registered by name (``kinds.register``); level files say ``type: <name>``.

    The scoring, the right answer and the read-aloud text are pure functions of the question;
    drawing is done by the quiz view named ``view`` (``scenes/quiz_views.py``), so several kinds
    can share one look."""

    #: The ``type`` in level files.
    name: str = ""
    #: The quiz view that draws it: "choices", "true_false", "message" or "sort" (or a registered one).
    view: str = "choices"
    #: What Sango says while the child answers (marked with N_, translated where shown).
    hint: str = ""
    #: Keys of a question of this kind besides id, type, prompt, explain (mood and image are optional).
    fields: tuple[str, ...] = ()
    #: True: picks accumulate until the child presses Check; False: one pick answers.
    collects: bool = False
    #: True when an answer can be partly right (a score between 0 and 1).
    partial_credit: bool = False

    # -- the level file ---------------------------------------------------------------------------
    def read(self, reader: Any, q: dict, path: tuple, qid: str) -> dict[str, Any]:
        """Read this kind's fields of question ``q`` with the content loader's field readers
        (``reader``); returns keyword arguments for ``content.model.Question``. Problems are
        reported through ``reader.error`` (the loader collects them all, with line numbers)."""
        return {}

    # -- answers ------------------------------------------------------------------------------------
    def option_ids(self, q: Question) -> list[str]:
        """What the number keys (1, 2, 3...) choose, in order."""
        return []

    def correct_ids(self, q: Question) -> frozenset[str]:
        """The ids a fully right answer picks (for reports and teacher mode)."""
        return frozenset()

    def score(self, q: Question, answer: Any) -> Outcome:
        raise NotImplementedError

    def correct_answer(self, q: Question) -> Any:
        raise NotImplementedError

    def wrong_answer(self, q: Question) -> Any:
        """A fully wrong answer (tests and screenshots show the feedback with it)."""
        raise NotImplementedError

    def empty_answer(self, q: Question) -> Any:
        """What counts as the answer when the time runs out in class play (never right)."""
        raise NotImplementedError

    def answer_for_pick(self, q: Question, item_id: str) -> Any:
        """The answer a single pick gives (kinds that do not collect picks)."""
        return item_id

    def chosen_ids(self, q: Question, answer: Any) -> set[str]:
        """The option ids an answer picked (the knowledge check shows them without marks)."""
        return set()

    def script(self, q: Question, answer: Any) -> list[str]:
        """How the scripted player gives ``answer``: the option ids to choose, in order (then it
        presses Check if the kind collects picks)."""
        raise NotImplementedError

    # -- feedback layout (the quiz screen asks; no pygame here) ------------------------------------
    def checklist_feedback(self, q: Question) -> bool:
        """True when, after answering, one full-width checklist (a mark and the reason for each item)
        replaces the answers: items too many or too long to share the screen with the feedback."""
        return False

    def answers_beside_feedback(self, q: Question) -> list[tuple[str, Text]]:
        """The answers (id, text) shown on the start half beside the feedback after checking. The quiz
        screen makes sure they fit there at the smallest text, else it shows the checklist. Fixed short
        labels (True, False) need no check: []."""
        return []

    def checklist_extra(self, q: Question, outcome: Outcome) -> list[Feedback]:
        """Rows the checklist adds to ``outcome.feedback`` (an answer it would otherwise hide)."""
        return []

    # -- read-aloud ---------------------------------------------------------------------------------
    def speech_lines(self, tr: Translator, q: Question, placed: Mapping[str, str]) -> list[str]:
        """What read-aloud says after the prompt while the child answers."""
        return []


def numbered(tr: Translator, texts: list[str]) -> list[str]:
    return [f"{tr.number(i + 1)}. {t}" for i, t in enumerate(texts)]
