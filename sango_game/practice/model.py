"""Frozen dataclasses for practice levels (a pretend phone or laptop). Pure Python: no pygame, no I/O.

A practice level is a script of timed events plus the things on the device (contacts, chats,
switches, mail, posts, shop offers, sessions) and rules judged on what the child did.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.model import Text

DEVICES = ("phone", "laptop")
APPS = ("messenger", "settings", "inbox", "password", "post", "shop")
MAIL_FORMATS = ("email", "sms")
VERDICTS = ("real", "fake")


@dataclass(frozen=True)
class Contact:
    id: str
    name: Text
    adult: bool = False  # a trusted adult the child can tell


@dataclass(frozen=True)
class Chat:
    id: str
    members: tuple[str, ...]  # contact ids; more than one makes it a group
    title: Text | None = None

    @property
    def is_group(self) -> bool:
        return len(self.members) > 1


@dataclass(frozen=True)
class Reply:
    id: str
    text: Text
    quality: str  # good | okay | risky
    consequence: Text


@dataclass(frozen=True)
class Event:
    """Something that happens at ``at`` seconds on the engine clock: a chat message or a notification."""

    id: str
    at: float
    text: Text
    chat: str | None = None
    sender: str | None = None
    app: str | None = None  # for notifications: the app the banner opens
    condition: str | None = None  # rule expression; the event is skipped when false at its time
    replies: tuple[Reply, ...] = ()

    @property
    def is_message(self) -> bool:
        return self.chat is not None


@dataclass(frozen=True)
class Switch:
    id: str
    label: Text
    start: bool
    best: bool
    explain: Text


@dataclass(frozen=True)
class Mail:
    id: str
    format: str
    sender: Text
    address: str  # shown as is, left-to-right (never translated)
    text: Text
    phishing: bool
    explain: Text
    subject: Text | None = None
    link: Text | None = None
    target: str | None = None  # where the link really goes (left-to-right)
    consequence: Text | None = None  # what opening it leads to (safe, pretend)


@dataclass(frozen=True)
class Check:
    id: str
    label: Text
    finding: Text


@dataclass(frozen=True)
class Post:
    id: str
    sender: Text
    text: Text
    checks: tuple[Check, ...]
    verdict: str  # real | fake
    explain: Text


@dataclass(frozen=True)
class Offer:
    id: str
    label: Text
    gems: int
    real: str  # real-money price, digits only (currency-neutral), e.g. "4.99"
    explain: Text
    pressure: Text | None = None


@dataclass(frozen=True)
class Session:
    id: str
    label: Text
    yours: bool


@dataclass(frozen=True)
class Rule:
    """A protective action judged at the end: ``when`` is a rule expression (see practice/rules.py)."""

    id: str
    when: str
    praise: Text  # said when the rule is met ("You blocked Sam before ... Good.")
    tip: Text  # said when it is not ("Next time also save the chat first.")
    credit: int = 1


@dataclass(frozen=True)
class PasswordSetup:
    twostep: bool = True
    codes: bool = True


@dataclass(frozen=True)
class Practice:
    device: str
    apps: tuple[str, ...]
    contacts: tuple[Contact, ...] = ()
    chats: tuple[Chat, ...] = ()
    events: tuple[Event, ...] = ()
    switches: tuple[Switch, ...] = ()
    mail: tuple[Mail, ...] = ()
    posts: tuple[Post, ...] = ()
    offers: tuple[Offer, ...] = ()
    sessions: tuple[Session, ...] = ()
    password: PasswordSetup | None = None
    rules: tuple[Rule, ...] = ()

    def contact(self, cid: str) -> Contact | None:
        return next((c for c in self.contacts if c.id == cid), None)

    def chat(self, cid: str) -> Chat | None:
        return next((c for c in self.chats if c.id == cid), None)

    def event(self, eid: str) -> Event | None:
        return next((e for e in self.events if e.id == eid), None)

    # Strict look-ups for ids the loader has checked (a chat's members, an event's sender, an action's
    # target taken from the level): an unknown id is a bug, said clearly instead of failing on None later.
    def known_contact(self, cid: str) -> Contact:
        found = self.contact(cid)
        if found is None:
            raise KeyError(f"no contact {cid!r} in this practice level")
        return found

    def known_chat(self, cid: str) -> Chat:
        found = self.chat(cid)
        if found is None:
            raise KeyError(f"no chat {cid!r} in this practice level")
        return found

    def known_event(self, eid: str) -> Event:
        found = self.event(eid)
        if found is None:
            raise KeyError(f"no event {eid!r} in this practice level")
        return found

    @property
    def adults(self) -> tuple[Contact, ...]:
        return tuple(c for c in self.contacts if c.adult)

    def texts(self) -> list[Text]:
        """Every translatable string, in reading order (for the catalog extractor)."""
        out: list[Text] = [c.name for c in self.contacts]
        out += [c.title for c in self.chats if c.title]
        for e in self.events:
            out.append(e.text)
            for r in e.replies:
                out += [r.text, r.consequence]
        for s in self.switches:
            out += [s.label, s.explain]
        for m in self.mail:
            out += [m.sender] + ([m.subject] if m.subject else []) + [m.text]
            out += [t for t in (m.link, m.consequence) if t] + [m.explain]
        for p in self.posts:
            out += [p.sender, p.text]
            for c in p.checks:
                out += [c.label, c.finding]
            out.append(p.explain)
        for o in self.offers:
            out += [o.label] + ([o.pressure] if o.pressure else []) + [o.explain]
        out += [s.label for s in self.sessions]
        for rule in self.rules:
            out += [rule.praise, rule.tip]
        return out
