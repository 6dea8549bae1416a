"""Post inspector ("true or fake"): investigate a feed post the way fact-checkers do (who posted it,
when, where the image first appeared, what other sources say), then share, don't share, or flag.
Real and fake posts are mixed: trusting real news is scored as well as spotting fakes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...i18n import N_
from ..engine import Judgement, Note
from . import Action, AppKind, register

if TYPE_CHECKING:
    from ..engine import PracticeRun

DECISIONS = (("share", N_("Share")), ("skip", N_("Don't share")), ("flag", N_("Flag as false")))


@register
class PostInspector(AppKind):
    name = "post"
    title = N_("Feed")
    icon = "globe"
    verbs = frozenset({"check", "share", "skip", "flag"})

    def start(self, run: PracticeRun) -> None:
        run.state["posts"] = {p.id: None for p in run.p.posts}

    def owns(self, run: PracticeRun, verb: str, target: str) -> bool:
        return verb in self.verbs and any(p.id == target for p in run.p.posts)

    def apply(self, run: PracticeRun, verb: str, target: str, detail: str | None) -> Note:
        post = next((p for p in run.p.posts if p.id == target), None)
        if post is None:
            raise ValueError(f"no post '{target}'")
        if verb == "check":
            c = next((c for c in post.checks if c.id == detail), None)
            if c is None:
                raise ValueError(f"post '{target}' has no check '{detail}'")
            return Note(None, c.finding)
        if run.state["posts"][target] is not None:
            raise ValueError("you already decided about this post")
        run.state["posts"][target] = verb
        fake = post.verdict == "fake"
        if verb == "share":
            if fake:
                return Note("risky", post.explain, N_("Shared. Three friends share it too before it is shown to be false."))
            return Note("good", post.explain, N_("Shared. Your friends get news that checks out."))
        if verb == "flag" and not fake:
            return Note("okay", post.explain, N_("This one was real. Calling real news fake makes trust harder for everyone."))
        return Note("good" if fake else "okay", post.explain)

    def judge(self, run: PracticeRun) -> list[Judgement]:
        out = []
        for p in run.p.posts:
            d = run.state["posts"][p.id]
            ok = d in ("skip", "flag") if p.verdict == "fake" else d in ("share", "skip")
            out.append(Judgement(f"post.{p.id}", 1, ok, p.explain, p.sender))
        return out

    def moments(self, run: PracticeRun) -> list[Note]:
        n = sum(1 for e in run.history if e.verb == "check")
        return [Note(None, None, N_("You ran {n} check before deciding."), (("n", n),), N_("You ran {n} checks before deciding."))]

    def available(self, run: PracticeRun) -> list[Action]:
        out: list[Action] = []
        for p in run.p.posts:
            out += [("check", p.id, c.id) for c in p.checks]
            if run.state["posts"][p.id] is None:
                out += [(d, p.id, None) for d, _ in DECISIONS]
        return out

    def best(self, run: PracticeRun) -> list[Action]:
        for p in run.p.posts:
            for c in p.checks:
                if not run.did("check", p.id, c.id):
                    return [("check", p.id, c.id)]
            if run.state["posts"][p.id] is None:
                return [("flag" if p.verdict == "fake" else "share", p.id, None)]
        return []

    def risky(self, run: PracticeRun) -> list[Action]:
        for p in run.p.posts:
            if run.state["posts"][p.id] is None:
                return [("share" if p.verdict == "fake" else "flag", p.id, None)]
        return []

    def speech(self, run: PracticeRun, tr: Any) -> str:
        return "\n".join(f"{tr.level(p.sender)}: {tr.level(p.text)}" for p in run.p.posts)
