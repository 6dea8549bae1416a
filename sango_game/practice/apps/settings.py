"""Privacy settings of a pretend social app: the level states a situation, the child sets the switches,
and every switch is judged with its explanation (right away, and again in the debrief)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...content.practice_reader import items
from ...i18n import N_, Nn_
from ..engine import Judgement, Note
from ..model import Switch
from . import Action, AppKind, register

if TYPE_CHECKING:
    from ..engine import PracticeRun


@register
class Settings(AppKind):
    name = "settings"
    title = N_("Settings")
    icon = "settings"
    verbs = frozenset({"on", "off"})
    keys = ("switches",)

    def read(self, r: Any, top: dict) -> dict[str, Any]:
        """Read and check this app's part of a level file (``r`` is the level reader: lines, limits, errors)."""
        switches = []
        for p, m, sid in items(r, top, "switches", 2, 8, "switches"):
            r.keys(m, p, ["id", "label", "start", "best", "explain"], [])
            label = r.text(m, "label", p, f"switch.{sid}.label", "choice")
            explain = r.text(m, "explain", p, f"switch.{sid}.explain", "feedback")
            for k in ("start", "best"):
                if not isinstance(m.get(k), bool):
                    r.error(p + (k,), f"'{k}' of switch '{sid}' must be true (on) or false (off)",
                            f"write {k}: true or {k}: false")
            if label and explain:
                switches.append(Switch(sid, label, bool(m.get("start")), bool(m.get("best")), explain))
        return {"switches": tuple(switches)}

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
        one, other = Nn_("You set {n} of {total} switch the safe way.", "You set {n} of {total} switches the safe way.")
        return [Note(None, None, one, (("n", right), ("total", total)), other)]

    def available(self, run: PracticeRun) -> list[Action]:
        return [("off" if run.state["switches"][s.id] else "on", s.id, None) for s in run.p.switches]

    def best(self, run: PracticeRun) -> list[Action]:
        out: list[Action] = [("on" if s.best else "off", s.id, None) for s in run.p.switches
                             if run.state["switches"][s.id] != s.best]
        return out[:1]

    def risky(self, run: PracticeRun) -> list[Action]:
        out: list[Action] = [("off" if s.best else "on", s.id, None) for s in run.p.switches
                             if run.state["switches"][s.id] == s.best]
        return out[:1]

    def speech(self, run: PracticeRun, tr: Any) -> str:
        on, off = tr._("On"), tr._("Off")
        return "\n".join(f"{tr.level(s.label)}: {on if run.state['switches'][s.id] else off}" for s in run.p.switches)
