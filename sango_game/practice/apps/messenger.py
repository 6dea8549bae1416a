"""Messenger and group chat: messages arrive over time; reply, block, mute, report (with a reason),
save evidence, leave a group, tell a trusted adult. Mirrors the common real flow: long-press or the
contact menu, then Report with a reason, then Block; a blocked chat stays in the list (as on WhatsApp).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...content.practice_reader import items
from ...i18n import N_, Nn_
from ..engine import Note
from ..model import Chat
from . import Action, AppKind, register

if TYPE_CHECKING:
    from ..engine import PracticeRun

# 6 generic reasons, like the real apps' lists, without naming a brand
REPORT_REASONS: tuple[tuple[str, str], ...] = (
    ("bullying", N_("Bullying or harassment")),
    ("scam", N_("Spam or scam")),
    ("sexual", N_("Asking for photos or sexual content")),
    ("threat", N_("Threats or blackmail")),
    ("fake", N_("Pretending to be someone else")),
    ("other", N_("Something else")),
)
REASON_IDS = tuple(r for r, _ in REPORT_REASONS)
MENU = (
    ("save", N_("Save evidence (screenshot)")),
    ("report", N_("Report")),
    ("block", N_("Block")),
    ("mute", N_("Mute")),
    ("leave", N_("Leave group")),
)
TELL_LABEL = N_("Tell a trusted adult")
ADULT_ANSWER = N_("Thank you for telling me. You did the right thing. Let's sort it out together.")
TYPING = N_("{name} is typing…")


@register
class Messenger(AppKind):
    name = "messenger"
    title = N_("Messages")
    icon = "team"
    verbs = frozenset({"reply", "block", "mute", "report", "save", "leave", "tell"})
    keys = ("chats",)

    def read(self, r: Any, top: dict) -> dict[str, Any]:
        """Read and check this app's part of a level file (``r`` is the level reader: lines, limits, errors)."""
        contact_ids = {c.get("id") for c in top.get("contacts") or [] if isinstance(c, dict)}
        chats = []
        for p, m, cid in items(r, top, "chats", 1, 4, "chats"):
            r.keys(m, p, ["id", "with"], ["title"])
            members = m.get("with")
            if not isinstance(members, list) or not members or any(x not in contact_ids for x in members):
                r.error(p + ("with",), f"chat '{cid}' must list contact ids in 'with'",
                        f"use ids from 'contacts': {', '.join(sorted(x for x in contact_ids if isinstance(x, str)))}")
                members = []
            title = r.text(m, "title", p, f"chat.{cid}", "from", required=len(members) > 1)
            chats.append(Chat(cid, tuple(members), title))

        return {"chats": tuple(chats)}

    def start(self, run: PracticeRun) -> None:
        run.state.update(blocked=set(), muted=set(), left=set(), saved=set(), reported={}, told=set(), replied={})

    def owns(self, run: PracticeRun, verb: str, target: str) -> bool:
        return verb in self.verbs

    def contact_of_chat(self, run: PracticeRun, chat_id: str) -> str | None:
        chat = run.p.chat(chat_id)
        return chat.members[0] if chat and not chat.is_group else None

    def visible_chats(self, run: PracticeRun) -> list[str]:
        """Chats with at least one message (a chat appears in the list when its first message arrives)."""
        return [c.id for c in run.p.chats if run.messages(c.id)]

    def apply(self, run: PracticeRun, verb: str, target: str, detail: str | None) -> Note:
        s = run.state
        if verb == "reply":
            ev = run.p.event(target)
            if ev is None or not run.arrived(target) or not ev.replies:
                raise ValueError(f"nothing to reply to in '{target}'")
            if target in s["replied"]:
                raise ValueError(f"'{target}' was already answered")
            if ev.sender in s["blocked"]:
                raise ValueError("you blocked this person")
            reply = next((r for r in ev.replies if r.id == detail), None)
            if reply is None:
                raise ValueError(f"'{target}' has no reply '{detail}'")
            s["replied"][target] = reply.id
            return Note(reply.quality, reply.consequence)
        if verb == "tell":
            adult = run.p.contact(target)
            if adult is None or not adult.adult:
                raise ValueError(f"'{target}' is not a trusted adult of this level")
            s["told"].add(target)
            return Note("good", None, ADULT_ANSWER, (("name", adult.name),))
        if verb in ("save", "leave"):
            chat = run.p.chat(target)
            if chat is None or not run.messages(target):
                raise ValueError(f"no chat '{target}' to {verb}")
            if verb == "leave":
                if not chat.is_group:
                    raise ValueError("only a group can be left")
                s["left"].add(target)
                return Note("okay", None, N_("You left the group. You won't see new messages from it."))
            s["saved"].add(target)
            return Note("good", None, N_("Saved as evidence: the messages, the usernames and the date."))
        contact = run.p.contact(target)
        if contact is None or contact.adult or not any(ev.sender == target for ev, _ in run.delivered):
            raise ValueError(f"no chat with '{target}' to {verb}")
        kw = (("name", contact.name),)
        if verb == "block":
            s["blocked"].add(target)
            return Note("good", None, N_("You blocked {name}. They can't message you any more. The chat stays in your list."), kw)
        if verb == "mute":
            s["muted"].add(target)
            return Note("okay", None, N_("Muted. Messages from {name} still arrive, just without a sound."), kw)
        if detail is not None and detail not in REASON_IDS:
            raise ValueError(f"unknown report reason '{detail}'")
        s["reported"][target] = detail or "other"
        return Note("good", None, N_("Reported. {name} is not told who reported them. The app gets the last messages to check."),
                    kw)

    def moments(self, run: PracticeRun) -> list[Note]:
        out = []
        for e in run.history:
            if e.verb == "block":
                n = sum(1 for ev, t in run.delivered if ev.sender == e.target and t <= e.t)
                one, other = Nn_("You blocked {name} after {n} message.", "You blocked {name} after {n} messages.")
                out.append(Note("good", None, one, (("name", run.p.known_contact(e.target).name), ("n", n)), other))
            elif e.verb == "tell":
                out.append(Note("good", None, N_("You told {name}."), (("name", run.p.known_contact(e.target).name),)))
        return out

    def available(self, run: PracticeRun) -> list[Action]:
        s = run.state
        out: list[Action] = []
        for ev, _ in run.delivered:
            if ev.replies and ev.id not in s["replied"] and ev.sender not in s["blocked"]:
                out += [("reply", ev.id, r.id) for r in ev.replies]
        for cid in self.visible_chats(run):
            out.append(("save", cid, None))
            if run.p.known_chat(cid).is_group and cid not in s["left"]:
                out.append(("leave", cid, None))
        talkers = {ev.sender for ev, _ in run.delivered if ev.sender}
        for c in run.p.contacts:
            if c.id in talkers and not c.adult:
                out += [("block", c.id, None), ("mute", c.id, None), ("report", c.id, "other")]
            if c.adult:
                out.append(("tell", c.id, None))
        return out

    def risky(self, run: PracticeRun) -> list[Action]:
        s = run.state
        out: list[Action] = [("reply", ev.id, r.id) for ev, _ in run.delivered if ev.id not in s["replied"]
                             and ev.sender not in s["blocked"] for r in ev.replies if r.quality == "risky"]
        return out[:1]

    def best(self, run: PracticeRun) -> list[Action]:
        s = run.state
        out: list[Action] = [("reply", ev.id, r.id) for ev, _ in run.delivered if ev.id not in s["replied"]
                             and ev.sender not in s["blocked"] for r in ev.replies if r.quality == "good"]
        return out[:1]

    def speech(self, run: PracticeRun, tr: Any) -> str:
        lines = []
        for ev, _ in run.delivered[-3:]:
            if ev.chat and ev.sender:
                lines.append(f"{tr.level(run.p.known_contact(ev.sender).name)}: {tr.level(ev.text)}")
            elif ev.chat:
                lines.append(tr.level(ev.text))
        return "\n".join(lines) or tr._(self.title)
