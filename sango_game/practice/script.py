"""The scripted player for practice levels: it plays by actions on a manual clock, so tests (and the
screenshot tour) reach every outcome deterministically.

Strategies: ``best`` reads the level's rules (what must happen, in which order, what must never
happen) and each app's idea of a careful player; ``risky`` takes every harmful choice; ``idle``
only lets time pass. :func:`reach` plays until a given reply can be chosen.
"""

from __future__ import annotations

from collections.abc import Callable

from ..content.model import Level
from . import apps as app_registry
from .apps import Action
from .engine import Debrief, ManualClock, Note, PracticeRun, note_score
from .rules import Atom, parse

STRATEGIES = ("best", "risky", "idle")
MAX_STEPS = 400


def _matches(atom: Atom, action: Action) -> bool:
    verb, target, detail = action
    return atom.verb == verb and atom.target == target and (atom.detail is None or atom.detail == detail)


class Player:
    def __init__(self, level: Level, strategy: str = "best",
                 on_step: Callable[[PracticeRun, Action | None, Note | None], None] | None = None):
        if strategy not in STRATEGIES:
            raise ValueError(f"unknown strategy {strategy!r}")
        self.clock = ManualClock()
        self.run = PracticeRun(level, self.clock)
        self.strategy = strategy
        self.on_step = on_step
        self.notes: list[tuple[Action, Note]] = []
        exprs = [parse(r.when) for r in level.practice.rules]
        self.required = [c for e in exprs for c in e.clauses if not c.negated]
        self.forbidden = [c.atom for e in exprs for c in e.clauses if c.negated]

    def available(self) -> list[Action]:
        out: list[Action] = []
        for name in self.run.p.apps:
            out += app_registry.get(name).available(self.run)
        return out

    def allowed(self, action: Action) -> bool:
        return not any(_matches(a, action) for a in self.forbidden)

    def next_action(self) -> Action | None:
        run = self.run
        if self.strategy == "idle":
            return None
        if self.strategy == "risky":
            for name in run.p.apps:
                acts = app_registry.get(name).risky(run)
                if acts:
                    return acts[0]
            return None
        avail = self.available()
        for clause in self.required:
            atom = clause.atom
            if atom.verb is None or atom.verb in ("on", "off") or run.first_seq(atom) is not None:
                continue
            # an action another rule wants *before* this one goes first
            first = next((c.atom for c in self.required if c.before == atom and run.first_seq(c.atom) is None), None)
            want = first or atom
            act = next((a for a in avail if _matches(want, a) and self.allowed(a)), None)
            if act is not None:
                return act
        for name in run.p.apps:
            for act in app_registry.get(name).best(run):
                if self.allowed(act):
                    return act
        return None

    def wait(self) -> bool:
        """Let time pass to the next event. False when nothing more can happen."""
        run = self.run
        now = run.now()
        future = [ev.at for ev in run.pending if ev.at > now]
        if future:
            self.clock.advance(min(future) - now)
        elif run.pending and now < 60:
            self.clock.advance(1.0)  # an event waits for a condition; give the player a chance
        else:
            return False
        run.update()
        if self.on_step:
            self.on_step(run, None, None)
        return True

    def do(self, action: Action) -> Note:
        note = self.run.act(*action)
        self.notes.append((action, note))
        if self.on_step:
            self.on_step(self.run, action, note)
        self.clock.advance(0.5)  # acting takes a moment, like a real tap
        self.run.update()
        return note

    def play(self) -> Debrief:
        for _ in range(MAX_STEPS):
            act = self.next_action()
            if act is not None:
                self.do(act)
            elif not self.wait():
                break
        return self.run.finish()


def play(level: Level, strategy: str = "best") -> tuple[Debrief, Player]:
    player = Player(level, strategy)
    return player.play(), player


def reach(level: Level, event_id: str, reply_id: str) -> Note:
    """Play until ``event_id`` has arrived (doing what its condition needs, never blocking) and choose ``reply_id``."""
    player = Player(level, "idle")
    run = player.run
    ev = run.p.known_event(event_id)
    needs = [c.atom for c in parse(ev.condition).clauses if not c.negated] if ev.condition else []
    for _ in range(MAX_STEPS):
        if run.arrived(event_id):
            return player.do(("reply", event_id, reply_id))
        todo = [a for a in needs if run.first_seq(a) is None]
        avail = player.available()
        act = next((a for a in avail for atom in todo if _matches(atom, a)), None)
        if act is None and todo and todo[0].verb == "reply":
            act = ("reply", todo[0].target, todo[0].detail)
        if act is not None and (act[0] != "reply" or run.arrived(act[1])):
            player.do(act)
        elif not player.wait():
            break
    raise RuntimeError(f"event {event_id} of {level.id} can never arrive")


def attempt_rows(level: Level, strategy: str) -> list[tuple[str, float, int]]:
    """The attempt rows a play with ``strategy`` would save: (item "verb:target", score, ms since the
    last action). Used by the lab simulator; the scene saves the same shape."""
    player = Player(level, strategy)
    rows: list[tuple[str, float, int]] = []
    last = [0.0]

    def step(run: PracticeRun, action: Action | None, note: Note | None) -> None:
        if action is None or note is None:
            return
        t = run.now()
        rows.append((f"{action[0]}:{action[1]}"[:64], note_score(note), int(max(0.0, t - last[0]) * 1000)))
        last[0] = t

    player.on_step = step
    debrief = player.play()
    return rows + [(item, score, 0) for item, score in debrief.judgement_rows()]


def describe_item(level: Level, item: str):
    """The level text an attempt row is about ("reply:e3" -> the message), for class summaries."""
    verb, _, target = item.partition(":")
    p = level.practice
    if p is None:
        return None
    if verb == "judged":  # the end-of-level judgement of a rule: what the rule asks for
        rule = next((r for r in p.rules if r.id == target), None)
        if rule is not None:
            return rule.praise
    ev = p.event(target)
    if ev is not None:
        return ev.text
    for things, attr in ((p.mail, "subject"), (p.posts, "text"), (p.switches, "label"), (p.offers, "label"),
                         (p.sessions, "label")):
        for x in things:
            if x.id == target:
                return getattr(x, attr, None) or getattr(x, "text", None)
    c = p.contact(target) or (p.chat(target) and p.contact(p.chat(target).members[0]))
    last = next((e.text for e in reversed(p.events) if c and e.sender == c.id), None)
    if last is not None:
        return last
    # Actions on the device itself (tell, ask, passphrase...): the rule about that action says what it is for.
    for needle in (f"{verb}({target}", f"{verb}("):
        rule = next((r for r in p.rules if needle in r.when), None)
        if rule is not None:
            return rule.praise
    return level.goal
