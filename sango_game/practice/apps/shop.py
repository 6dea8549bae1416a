"""Game shop: gems with the real price one tap away, loot boxes, countdown pressure, and a parent-
approval step. Teaches informed, limited spending, not that every purchase is bad."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ...content.practice_reader import items
from ...i18n import N_
from ..engine import Judgement, Note
from ..model import Offer
from . import Action, AppKind, register

if TYPE_CHECKING:
    from ..engine import PracticeRun

MENU = (("price", N_("Real price")), ("buy", N_("Buy")), ("decline", N_("Not now")))
ASK_LABEL = N_("Ask a parent")
PARENT_ANSWER = N_("Thanks for asking me first. Let's look at it together and agree a limit.")


@register
class Shop(AppKind):
    name = "shop"
    title = N_("Shop")
    icon = "star"
    verbs = frozenset({"price", "buy", "decline", "ask"})
    keys = ("offers",)

    def read(self, r: Any, top: dict) -> dict[str, Any]:
        """Read and check this app's part of a level file (``r`` is the level reader: lines, limits, errors)."""
        offers = []
        for p, m, oid in items(r, top, "offers", 1, 4, "offers"):
            r.keys(m, p, ["id", "label", "gems", "real", "explain"], ["pressure"])
            label = r.text(m, "label", p, f"offer.{oid}.label", "choice")
            pressure = r.text(m, "pressure", p, f"offer.{oid}.pressure", "subject", required=False)
            explain = r.text(m, "explain", p, f"offer.{oid}.explain", "feedback")
            gems, real = m.get("gems"), m.get("real")
            if isinstance(gems, bool) or not isinstance(gems, int) or gems < 0:
                r.error(p + ("gems",), f"'gems' of offer '{oid}' must be a whole number", "write e.g. gems: 480")
                gems = 0
            if not isinstance(real, str) or not re.fullmatch(r"\d{1,4}(\.\d{2})?", real):
                r.error(p + ("real",), f"'real' of offer '{oid}' must be a price in quotes, digits only",
                        'write e.g. real: "4.99"')
                real = "0"
            if label and explain:
                offers.append(Offer(oid, label, gems, real, explain, pressure))
        return {"offers": tuple(offers)}

    def start(self, run: PracticeRun) -> None:
        run.state.update(bought=set(), declined=set(), asked=set())

    def apply(self, run: PracticeRun, verb: str, target: str, detail: str | None) -> Note:
        s = run.state
        if verb == "ask":
            adult = run.p.contact(target)
            if adult is None or not adult.adult:
                raise ValueError(f"'{target}' is not a parent of this level")
            s["asked"].add(target)
            return Note("good", None, PARENT_ANSWER, (("name", adult.name),))
        offer = next((o for o in run.p.offers if o.id == target), None)
        if offer is None:
            raise ValueError(f"no offer '{target}'")
        kw = (("gems", offer.gems), ("real", offer.real))
        if verb == "price":
            return Note("good", None, N_("{gems} gems cost {real} in real money."), kw)
        if target in s["bought"] or target in s["declined"]:
            raise ValueError("you already decided about this offer")
        if verb == "decline":
            s["declined"].add(target)
            return Note("good", offer.explain)
        s["bought"].add(target)
        if s["asked"]:
            return Note("okay", offer.explain, N_("Bought with a parent's OK: {real} of real money."), kw)
        return Note("risky", offer.explain, N_("Bought: {real} of real money is gone."), kw)

    def judge(self, run: PracticeRun) -> list[Judgement]:
        return []

    def spent(self, run: PracticeRun) -> float:
        return sum(float(o.real) for o in run.p.offers if o.id in run.state["bought"])

    def moments(self, run: PracticeRun) -> list[Note]:
        return [Note(None, None, N_("Real money spent: {real}."), (("real", f"{self.spent(run):.2f}"),))]

    def available(self, run: PracticeRun) -> list[Action]:
        s = run.state
        out: list[Action] = [("ask", c.id, None) for c in run.p.adults]
        for o in run.p.offers:
            out.append(("price", o.id, None))
            if o.id not in s["bought"] and o.id not in s["declined"]:
                out += [("buy", o.id, None), ("decline", o.id, None)]
        return out

    def best(self, run: PracticeRun) -> list[Action]:
        for o in run.p.offers:
            if not run.did("price", o.id):
                return [("price", o.id, None)]
            if o.pressure and o.id not in run.state["declined"]:
                return [("decline", o.id, None)]
        return []

    def risky(self, run: PracticeRun) -> list[Action]:
        out: list[Action] = [("buy", o.id, None) for o in run.p.offers if o.id not in run.state["bought"] | run.state["declined"]]
        return out[:1]

    def speech(self, run: PracticeRun, tr: Any) -> str:
        return "\n".join(tr.f("{label}: {gems} gems", label=tr.level(o.label), gems=o.gems) for o in run.p.offers)
