"""Frozen dataclasses for levels. Pure Python: no pygame, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BANDS = ("9-12", "13-18")
KINDS = ("quiz", "scenario", "practice")
QUESTION_TYPES = ("single", "true_false", "multi", "red_flags", "sort")
MOODS = ("happy", "thinking", "surprised", "worried", "celebrating", "waving")
QUALITIES = ("good", "okay", "risky")
MESSAGE_FORMATS = ("chat", "email", "post")


@dataclass(frozen=True)
class Text:
    """A translatable string: ``source`` is the English text, ``ctx`` the gettext context.

    The context is ``"<level id>|<field path>"`` so that every string of every level has
    a stable, unique key that survives edits of the English wording.
    """

    ctx: str
    source: str
    line: int = field(default=0, compare=False)  # where it stands in the YAML file (for extraction)
    limit: int = field(default=0, compare=False)  # longest English length allowed (a hint for translators)

    def __str__(self) -> str:  # pragma: no cover - debugging aid only
        return self.source


@dataclass(frozen=True)
class Choice:
    id: str
    text: Text
    correct: bool = False
    feedback: Text | None = None


@dataclass(frozen=True)
class MessageLine:
    id: str
    text: Text
    flag: bool
    why: Text


@dataclass(frozen=True)
class Message:
    format: str
    sender: Text
    subject: Text | None
    lines: tuple[MessageLine, ...]


@dataclass(frozen=True)
class Bin:
    id: str
    label: Text


@dataclass(frozen=True)
class SortItem:
    id: str
    text: Text
    bin: str
    feedback: Text


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    prompt: Text
    explain: Text
    mood: str | None = None
    image: str | None = None
    choices: tuple[Choice, ...] = ()
    answer: bool | None = None  # true_false
    feedback: Text | None = None  # true_false
    message: Message | None = None  # red_flags
    bins: tuple[Bin, ...] = ()  # sort
    items: tuple[SortItem, ...] = ()  # sort
    fixed_order: bool = False  # `order: fixed`: options are never shuffled ("all of the above")
    check: str | None = None  # `check: pre` / `check: post`: which lab knowledge check may use it

    @property
    def correct_ids(self) -> frozenset[str]:
        from .. import kinds

        return kinds.get(self.type).correct_ids(self)


@dataclass(frozen=True)
class Character:
    id: str
    name: Text


@dataclass(frozen=True)
class ScenarioChoice:
    id: str
    text: Text
    quality: str
    consequence: Text
    next: str


@dataclass(frozen=True)
class Node:
    id: str
    text: Text
    speaker: str = "narrator"
    mood: str | None = None
    image: str | None = None
    choices: tuple[ScenarioChoice, ...] = ()
    ending: str | None = None
    lesson: Text | None = None
    fixed_order: bool = False  # `order: fixed`: choices are never shuffled
    scene: str | None = None  # background, see content/scenes.py

    @property
    def is_ending(self) -> bool:
        return self.ending is not None


@dataclass(frozen=True)
class Level:
    id: str
    kind: str
    band: str
    topic: str
    order: int
    title: Text
    goal: Text
    intro: Text
    discussion: tuple[Text, ...]
    mood: str | None = None
    questions: tuple[Question, ...] = ()
    characters: tuple[Character, ...] = ()
    start: str | None = None
    nodes: tuple[Node, ...] = ()
    practice: Any = None  # practice.model.Practice for kind practice (typed loosely: content never imports practice)
    path: Path | None = field(default=None, compare=False)
    pack: str | None = field(default=None, compare=False)  # the content pack's name, None for built-in levels

    def node(self, node_id: str) -> Node:
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise KeyError(node_id)

    def question(self, question_id: str) -> Question | None:
        for q in self.questions:
            if q.id == question_id:
                return q
        return None

    def character(self, char_id: str) -> Character | None:
        for c in self.characters:
            if c.id == char_id:
                return c
        return None

    @property
    def endings(self) -> tuple[Node, ...]:
        return tuple(n for n in self.nodes if n.is_ending)

    def texts(self) -> list[Text]:
        """Every translatable string of the level, in reading order."""
        out: list[Text] = [self.title, self.goal, self.intro, *self.discussion]
        for q in self.questions:
            out += [q.prompt, q.explain]
            if q.feedback:
                out.append(q.feedback)
            for c in q.choices:
                out.append(c.text)
                if c.feedback:
                    out.append(c.feedback)
            if q.message:
                out.append(q.message.sender)
                if q.message.subject:
                    out.append(q.message.subject)
                for line in q.message.lines:
                    out += [line.text, line.why]
            for b in q.bins:
                out.append(b.label)
            for it in q.items:
                out += [it.text, it.feedback]
        for ch in self.characters:
            out.append(ch.name)
        for n in self.nodes:
            out.append(n.text)
            if n.lesson:
                out.append(n.lesson)
            for sc in n.choices:
                out += [sc.text, sc.consequence]
        if self.practice is not None:
            out += self.practice.texts()
        return out


@dataclass(frozen=True)
class Topic:
    id: str
    bands: tuple[str, ...]
    icon: str
    title: Text
    summary: Text


@dataclass(frozen=True)
class Issue:
    """A problem found in a level file: where, what, and how to fix it."""

    path: str
    line: int | None
    message: str
    fix: str = ""
    severity: str = "error"  # error | warning

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.severity}: {self.message}"
        if self.fix:
            text += f"\n    fix: {self.fix}"
        return text
