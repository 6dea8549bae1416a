"""Playing a practice level as pure logic: a clock releases the script's events, the child acts,
rules and items are judged, and a short debrief is built. No pygame; time is injected.

Each action goes through the app that owns its verb (``practice.apps``); the engine keeps the
shared record (history) that rules, the debrief and the progress store all read.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..content.model import Level, Text
from ..core.play import QUALITY_VALUE
from ..progress.rules import stars_for_score
from . import apps as app_registry
from .model import Event, Practice
from .rules import VERBS, Atom, holds, parse


class ManualClock:
    """A clock that only moves when told to: tests and the scripted player step through time."""

    def __init__(self, start: float = 0.0):
        self.t = start

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += max(0.0, seconds)


def monotonic_clock() -> Callable[[], float]:
    start = time.monotonic()
    return lambda: time.monotonic() - start


@dataclass(frozen=True)
class Note:
    """What the device (or Sango) says after an action: a level text and/or a UI message.

    ``ui`` is an English msgid (marked with ``N_`` where it is written) formatted with ``kw``;
    values in ``kw`` that are :class:`Text` are level texts (names) to translate first.
    """

    quality: str | None  # good | okay | risky | None (neutral)
    text: Text | None = None
    ui: str | None = None
    kw: tuple[tuple[str, Any], ...] = ()
    plural: str | None = None  # the plural msgid when ``ui`` counts something (``n`` in kw)


def note_score(note: Note) -> float:
    """The attempt score of an action: its note's quality as stories score choices; a neutral note 0.5."""
    return QUALITY_VALUE.get(note.quality or "", 0.5)


@dataclass(frozen=True)
class Entry:
    seq: int
    t: float
    verb: str | None  # None: an event arrived
    target: str
    detail: str | None = None
    quality: str | None = None


@dataclass(frozen=True)
class Judgement:
    """One thing judged at the end: a rule or an item (switch, message, post)."""

    id: str
    credit: int
    met: bool
    text: Text  # praise or tip for rules, the explanation for items
    about: Text | None = None  # the item's label, for items


@dataclass
class Debrief:
    score: float
    stars: int
    moments: list[Note]  # key moments replayed ("You blocked Sam after 2 messages.")
    good: list[Judgement]  # page 1: what went well
    next_time: list[Judgement]  # page 2: what to do next time
    judgements: list[Judgement] = field(default_factory=list)

    MAX_PER_PAGE = 4

    def judgement_rows(self) -> list[tuple[str, float]]:
        """One attempt row per thing judged at the end ("judged:<id>", 1.0 met, 0.0 not): a finished
        practice level is on record even when the child changed nothing (a privacy screen left as it
        was), and the class summary's item analysis sees every protective action."""
        return [(f"judged:{j.id}"[:64], 1.0 if j.met else 0.0) for j in self.judgements]

    def pages(self) -> list[list[Judgement]]:
        return [self.good[: self.MAX_PER_PAGE], self.next_time[: self.MAX_PER_PAGE]]


class PracticeRun:
    """One play of a practice level. ``clock`` returns seconds since the start."""

    def __init__(self, level: Level, clock: Callable[[], float] | None = None,
                 on_action: Callable[[Entry, Note], None] | None = None):
        if level.practice is None:
            raise ValueError(f"level {level.id} is not a practice level")
        self.level = level
        self.p: Practice = level.practice
        self.clock = clock or monotonic_clock()
        self.on_action = on_action
        self.history: list[Entry] = []
        self.pending: list[Event] = list(self.p.events)
        self.delivered: list[tuple[Event, float]] = []
        self.prevented: set[str] = set()
        self.state: dict[str, Any] = {}
        for name in self.p.apps:
            app_registry.get(name).start(self)
        self.finished = False
        self.update()

    # -- time and events --------------------------------------------------------------------
    def now(self) -> float:
        return float(self.clock())

    def _log(self, verb: str | None, target: str, detail: str | None = None, quality: str | None = None) -> Entry:
        e = Entry(len(self.history), self.now(), verb, target, detail, quality)
        self.history.append(e)
        return e

    def update(self) -> list[Event]:
        """Release every event that is due. Returns the messages and notifications that arrived."""
        now = self.now()
        arrived = []
        for ev in list(self.pending):
            if ev.at > now:
                continue
            if ev.sender and ev.sender in self.state.get("blocked", ()):
                self.pending.remove(ev)
                self.prevented.add(ev.id)  # blocking stops the rest of the script from that person
                continue
            if ev.chat and ev.chat in self.state.get("left", ()):
                self.pending.remove(ev)
                self.prevented.add(ev.id)
                continue
            if ev.condition and not holds(parse(ev.condition), self):
                continue  # waits: it comes when the condition becomes true
            self.pending.remove(ev)
            self.delivered.append((ev, now))
            self._log(None, ev.id)
            arrived.append(ev)
        return arrived

    def next_due(self) -> float | None:
        """When the next unconditional event is due (for the scripted player and the idle loop)."""
        times = [ev.at for ev in self.pending if not ev.condition]
        return min(times) if times else None

    @property
    def script_over(self) -> bool:
        """Every event that does not wait for a condition has arrived or was prevented."""
        return not any(not ev.condition for ev in self.pending)

    def arrived(self, event_id: str) -> bool:
        return any(ev.id == event_id for ev, _ in self.delivered)

    def messages(self, chat_id: str) -> list[tuple[Event, float]]:
        return [(ev, t) for ev, t in self.delivered if ev.chat == chat_id]

    # -- the rule language reads the history through this ------------------------------------
    def first_seq(self, atom: Atom) -> int | None:
        if atom.verb in ("on", "off"):
            value = self.state.get("switches", {}).get(atom.target)
            return 0 if value is not None and value == (atom.verb == "on") else None
        for e in self.history:
            if e.verb == atom.verb and e.target == atom.target and (atom.detail is None or e.detail == atom.detail):
                return e.seq
        return None

    def did(self, verb: str, target: str, detail: str | None = None) -> bool:
        return self.first_seq(Atom(verb, target, detail)) is not None

    # -- acting ------------------------------------------------------------------------------
    def app_for(self, verb: str):
        for name in self.p.apps:
            app = app_registry.get(name)
            if verb in app.verbs:
                return app
        raise ValueError(f"no app of level {self.level.id} handles '{verb}'")

    def act(self, verb: str, target: str, detail: str | None = None) -> Note:
        """Do something on the device. Raises ValueError for an action the device does not offer."""
        if self.finished:
            raise RuntimeError("the practice is finished")
        if verb not in VERBS:
            raise ValueError(f"unknown action '{verb}'")
        self.update()
        note = self.app_for(verb).apply(self, verb, target, detail)
        entry = self._log(verb, target, detail, note.quality)
        if self.on_action is not None:
            self.on_action(entry, note)
        self.update()  # an action can release an event that waited for it
        return note

    # -- the end -----------------------------------------------------------------------------
    def judgements(self) -> list[Judgement]:
        out = []
        for r in self.p.rules:
            met = holds(parse(r.when), self)
            out.append(Judgement(r.id, r.credit, met, r.praise if met else r.tip))
        for name in self.p.apps:
            out += app_registry.get(name).judge(self)
        return out

    @property
    def score(self) -> float:
        js = self.judgements()
        total = sum(j.credit for j in js)
        return sum(j.credit for j in js if j.met) / total if total else 1.0

    @property
    def stars(self) -> int:
        return stars_for_score(self.score, True)

    def finish(self) -> Debrief:
        self.update()
        self.finished = True
        js = self.judgements()
        total = sum(j.credit for j in js)
        score = sum(j.credit for j in js if j.met) / total if total else 1.0
        moments = []
        for name in self.p.apps:
            moments += app_registry.get(name).moments(self)
        return Debrief(score, stars_for_score(score, True), moments[:3], [j for j in js if j.met],
                       [j for j in js if not j.met], js)
