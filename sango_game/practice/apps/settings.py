"""Privacy settings of a pretend social app: the level states a situation, the child sets the switches,
and every switch is judged with its explanation (right away, and again in the debrief)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...i18n import N_
from ..engine import Judgement, Note
from . import Action, AppKind, register

if TYPE_CHECKING:
    from ..engine import PracticeRun


@register
class Settings(AppKind):
    name = "settings"
    title = N_("Settings")
    icon = "settings"
    verbs = frozenset({"on", "off"})

    def start(self, run: PracticeRun) -> None:
        run.state["switches"] = {s.id: s.start for s in run.p.switches}

    def apply(self, run: PracticeRun, verb: str, target: str, detail: str | None) -> Note:
        sw = next((s for s in run.p.switches if s.id == target), None)
        if sw is None:
            raise ValueError(f"no switch '{target}'")
        value = verb == "on"
        run.state["switches"][target] = value
        return Note("good" if value == sw.best else "risky", sw.explain)

    def judge(self, run: PracticeRun) -> list[Judgement]:
        now = run.state["switches"]
        return [Judgement(f"switch.{s.id}", 1, now[s.id] == s.best, s.explain, s.label) for s in run.p.switches]

    def moments(self, run: PracticeRun) -> list[Note]:
        total = len(run.p.switches)
        right = sum(1 for s in run.p.switches if run.state["switches"][s.id] == s.best)
        return [Note(None, None, N_("You set {n} of {total} switch the safe way."),
                     (("n", right), ("total", total)), N_("You set {n} of {total} switches the safe way."))]

    def available(self, run: PracticeRun) -> list[Action]:
        return [("off" if run.state["switches"][s.id] else "on", s.id, None) for s in run.p.switches]

    def best(self, run: PracticeRun) -> list[Action]:
        return [("on" if s.best else "off", s.id, None) for s in run.p.switches if run.state["switches"][s.id] != s.best][:1]

    def risky(self, run: PracticeRun) -> list[Action]:
        return [("off" if s.best else "on", s.id, None) for s in run.p.switches if run.state["switches"][s.id] == s.best][:1]

    def speech(self, run: PracticeRun, tr: Any) -> str:
        on, off = tr._("On"), tr._("Off")
        return "\n".join(f"{tr.level(s.label)}: {on if run.state['switches'][s.id] else off}" for s in run.p.switches)
