"""Inbox (email and SMS): inspect the real sender, long-press or hover a link to see where it really
goes, then report as phishing, delete, or open (and see the safe, pretend consequence). Genuine and
phishing messages are mixed and both are scored: trusting real mail counts as much as spotting fakes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...content.practice_reader import items, plain
from ...i18n import N_, Nn_
from ..engine import Judgement, Note
from ..model import MAIL_FORMATS, Mail
from . import Action, AppKind, register

if TYPE_CHECKING:
    from ..engine import PracticeRun

MENU = (
    ("sender", N_("Show the real sender")),
    ("peek", N_("Show where the link goes")),
    ("flag", N_("Report as phishing")),
    ("delete", N_("Delete")),
    ("open", N_("Open the link")),
)


@register
class Inbox(AppKind):
    name = "inbox"
    title = N_("Inbox")
    icon = "import"
    verbs = frozenset({"sender", "peek", "open", "delete", "flag"})
    keys = ("mail",)

    def read(self, r: Any, top: dict) -> dict[str, Any]:
        """Read and check this app's part of a level file (``r`` is the level reader: lines, limits, errors)."""
        mail = []
        for p, m, mid in items(r, top, "mail", 2, 6, "messages"):
            r.keys(m, p, ["id", "format", "from", "address", "text", "explain"],
                   ["subject", "link", "target", "phishing", "consequence"])
            fmt = r.choice_of(m, "format", p, MAIL_FORMATS)
            sender = r.text(m, "from", p, f"mail.{mid}.from", "from")
            address = plain(r, m, "address", p)
            subject = r.text(m, "subject", p, f"mail.{mid}.subject", "subject", required=False)
            text = r.text(m, "text", p, f"mail.{mid}.text", "node")
            link = r.text(m, "link", p, f"mail.{mid}.link", "choice", required=False)
            target = plain(r, m, "target", p, required=link is not None)
            phishing = r.flag(m, "phishing", p)
            consequence = r.text(m, "consequence", p, f"mail.{mid}.consequence", "consequence", required=phishing)
            explain = r.text(m, "explain", p, f"mail.{mid}.explain", "feedback")
            if fmt and sender and address and text and explain:
                mail.append(Mail(mid, fmt, sender, address, text, phishing, explain, subject, link, target, consequence))
        if mail and (all(x.phishing for x in mail) or not any(x.phishing for x in mail)):
            r.error(("mail",), "the inbox needs both genuine and phishing messages",
                    "mix them: children practise trusting real messages as well as spotting fakes")
        return {"mail": tuple(mail)}

    def start(self, run: PracticeRun) -> None:
        run.state["mail"] = {m.id: None for m in run.p.mail}  # id -> "open" | "flag" | "delete" | None

    def owns(self, run: PracticeRun, verb: str, target: str) -> bool:
        return verb in self.verbs and any(m.id == target for m in run.p.mail)

    def apply(self, run: PracticeRun, verb: str, target: str, detail: str | None) -> Note:
        m = next((x for x in run.p.mail if x.id == target), None)
        if m is None:
            raise ValueError(f"no message '{target}'")
        done = run.state["mail"]
        if verb == "sender":
            return Note(None, None, N_("Real sender: {address}"), (("address", m.address),))
        if verb == "peek":
            if m.target is None:
                raise ValueError("this message has no link")
            return Note(None, None, N_("This link really goes to: {target}"), (("target", m.target),))
        if done[target] in ("flag", "delete"):
            raise ValueError("this message is gone")
        if verb == "open":
            if m.target is None:
                raise ValueError("this message has no link")
            done[target] = "open"
            if m.phishing:
                return Note("risky", m.consequence)
            return Note("good", m.explain, N_("Nothing bad happened: this message was genuine."))
        done[target] = verb
        if m.phishing:
            return Note("good", m.explain, N_("Reported as phishing and removed.") if verb == "flag" else N_("Deleted."))
        return Note("okay", m.explain, N_("That one was genuine."))

    def judge(self, run: PracticeRun) -> list[Judgement]:
        out = []
        for m in run.p.mail:
            did = run.state["mail"][m.id]
            ok = did in ("flag", "delete") if m.phishing else did not in ("flag", "delete")
            if m.phishing and run.did("open", m.id):
                ok = False
            out.append(Judgement(f"mail.{m.id}", 1, ok, m.explain, m.subject or m.sender))
        return out

    def moments(self, run: PracticeRun) -> list[Note]:
        checked = len({e.target for e in run.history if e.verb in ("sender", "peek")})
        one, other = Nn_("You checked {n} message before deciding.", "You checked {n} messages before deciding.")
        return [Note(None, None, one, (("n", checked),), other)]

    def available(self, run: PracticeRun) -> list[Action]:
        out: list[Action] = []
        for m in run.p.mail:
            if run.state["mail"][m.id] in ("flag", "delete"):
                continue
            out += [("sender", m.id, None), ("flag", m.id, None), ("delete", m.id, None)]
            if m.target:
                out += [("peek", m.id, None), ("open", m.id, None)]
        return out

    def best(self, run: PracticeRun) -> list[Action]:
        for m in run.p.mail:
            if run.state["mail"][m.id] is not None:
                continue
            if not run.did("sender", m.id):
                return [("sender", m.id, None)]
            if m.target and not run.did("peek", m.id):
                return [("peek", m.id, None)]
            if m.phishing:
                return [("flag", m.id, None)]
            if m.target:
                return [("open", m.id, None)]
        return []

    def risky(self, run: PracticeRun) -> list[Action]:
        for m in run.p.mail:
            if run.state["mail"][m.id] is None:
                return [("open", m.id, None)] if m.target else [("flag", m.id, None)]
        return []

    def speech(self, run: PracticeRun, tr: Any) -> str:
        return "\n".join(f"{tr.level(m.sender)}: {tr.level(m.subject) if m.subject else tr.level(m.text)}" for m in run.p.mail)
