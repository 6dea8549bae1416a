"""Post inspector ("true or fake"): investigate a feed post the way fact-checkers do (who posted it,
when, where the image first appeared, what other sources say), then share, don't share, or flag.
Real and fake posts are mixed: trusting real news is scored as well as spotting fakes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...content.practice_reader import items
from ...i18n import N_, Nn_
from ..engine import Judgement, Note
from ..model import VERDICTS, Check, Post
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
    keys = ("posts",)

    def read(self, r: Any, top: dict) -> dict[str, Any]:
        """Read and check this app's part of a level file (``r`` is the level reader: lines, limits, errors)."""
        posts = []
        for p, m, pid in items(r, top, "posts", 1, 3, "posts"):
            r.keys(m, p, ["id", "from", "text", "checks", "verdict", "explain"], [])
            sender = r.text(m, "from", p, f"post.{pid}.from", "from")
            text = r.text(m, "text", p, f"post.{pid}.text", "line")
            verdict = r.choice_of(m, "verdict", p, VERDICTS)
            explain = r.text(m, "explain", p, f"post.{pid}.explain", "feedback")
            checks = []
            seen_c: set[str] = set()
            for j, raw in enumerate(r.seq(m, "checks", p, 2, 4, "checks")):
                cp = p + ("checks", j)
                cm = r.mapping(raw, cp, "a check")
                if cm is None:
                    continue
                r.keys(cm, cp, ["id", "label", "finding"], [])
                ck = r.ident(cm, "id", cp, seen_c)
                label = r.text(cm, "label", cp, f"post.{pid}.{ck}.label", "choice")
                finding = r.text(cm, "finding", cp, f"post.{pid}.{ck}.finding", "feedback")
                if label and finding:
                    checks.append(Check(ck, label, finding))
            if sender and text and verdict and explain:
                posts.append(Post(pid, sender, text, tuple(checks), verdict, explain))
        return {"posts": tuple(posts)}

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
        one, other = Nn_("You ran {n} check before deciding.", "You ran {n} checks before deciding.")
        return [Note(None, None, one, (("n", n),), other)]

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
