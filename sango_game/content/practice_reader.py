"""Reads the ``kind: practice`` part of a level (a pretend device), reporting problems with file:line.

Kept beside ``loader.py`` rather than inside it: the loader hands over its reader (which knows
lines, limits and how to report) and gets back a :class:`~sango_game.practice.model.Practice`.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING, Any

from ..practice import apps as app_registry
from ..practice.model import APPS, DEVICES, Contact, Event, Practice, Reply, Rule
from ..practice.rules import PASSWORD_TARGETS, VERBS, RuleError, parse
from .model import QUALITIES

if TYPE_CHECKING:
    from .loader import _LevelReader

KEYS = ["device", "apps", "rules"]
COMMON = ["contacts", "events"]


def app_keys() -> dict[str, str]:
    """Top-level key -> the app that reads it (a key needs its app turned on)."""
    return {key: name for name, app in app_registry.all_apps().items() for key in app.keys}


def optional_keys() -> list[str]:
    return COMMON + sorted(app_keys())
_PLAIN = re.compile(r"^[\x21-\x7e]{3,80}$")  # addresses and link targets: shown as is, left-to-right


def plain(r: _LevelReader, m: dict, key: str, path: tuple, required: bool = True) -> str | None:
    value = m.get(key)
    if value is None:
        if required:
            r.error(path, f"'{key}' is missing in {r.where(path)}", f"add '{key}:' (an address or link, shown as is)")
        return None
    if not isinstance(value, str) or not _PLAIN.match(value):
        r.error(path + (key,), f"{r.where(path + (key,))} must be a short address without spaces",
                'quote it, e.g. address: "help@parcel-track.example"')
        return None
    return value


def items(r: _LevelReader, top: dict, key: str, lo: int, hi: int, what: str):
    """Yield (path, mapping, id) for each well-formed entry of a list."""
    seen: set[str] = set()
    for i, raw in enumerate(r.seq(top, key, (), lo, hi, what, required=False)):
        p = (key, i)
        m = r.mapping(raw, p, what)
        if m is not None:
            yield p, m, r.ident(m, "id", p, seen)


def read_practice(r: _LevelReader, top: dict) -> Practice | None:
    device = r.choice_of(top, "device", (), DEVICES)
    apps: list[str] = []
    raw_apps = r.seq(top, "apps", (), 1, 3, "apps")
    for i, a in enumerate(raw_apps):
        if a not in APPS:
            close = difflib.get_close_matches(str(a), APPS, n=1)
            r.error(("apps", i), f"unknown app '{a}'",
                    f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(APPS)}")
        elif a in apps:
            r.error(("apps", i), f"app '{a}' is listed twice", "list each app once")
        else:
            apps.append(a)
    for key, needed in app_keys().items():
        if key in top and needed not in apps:
            r.error((key,), f"'{key}' needs the {needed} app", f"add {needed} to 'apps:' or remove '{key}'")

    contacts = []
    for p, m, cid in items(r, top, "contacts", 1, 10, "contacts"):
        r.keys(m, p, ["id", "name"], ["adult"])
        name = r.text(m, "name", p, f"contact.{cid}", "name")
        if name:
            contacts.append(Contact(cid, name, r.flag(m, "adult", p)))
    contact_ids = {c.id for c in contacts}

    parts: dict[str, Any] = {"chats": (), "switches": (), "mail": (), "posts": (), "offers": (), "sessions": (), "password": None}
    for app_name in apps:  # each app reads (and checks) its own part of the file
        parts.update(app_registry.get(app_name).read(r, top))
    chat_ids = {c.id: c for c in parts["chats"]}

    events = []
    last_at = 0.0
    raw_conditions: list[tuple[tuple, str]] = []
    for p, m, eid in items(r, top, "events", 1, 24, "events"):
        r.keys(m, p, ["id", "at", "text"], ["chat", "from", "app", "if", "replies"])
        at = m.get("at")
        if isinstance(at, bool) or not isinstance(at, (int, float)) or not 0 <= at <= 600:
            r.error(p + ("at",), f"'at' of event '{eid}' must be seconds from the start (0-600), not {at!r}", "write e.g. at: 4")
            at = last_at
        if at < last_at:
            r.error(p + ("at",), f"event '{eid}' comes at {at} s, before the event above it ({last_at} s)",
                    "list events in time order")
        last_at = float(at)
        chat, sender = m.get("chat"), m.get("from")
        if chat is not None and chat not in chat_ids:
            r.error(p + ("chat",), f"event '{eid}' is in chat '{chat}', which is not defined", "use an id from 'chats'")
            chat = None
        if chat is not None and sender not in chat_ids[chat].members:
            r.error(p + ("from",), f"the message '{eid}' must come 'from' a member of chat '{chat}'",
                    f"use one of: {', '.join(chat_ids[chat].members)}")
        if chat is None and sender is not None:
            r.error(p + ("from",), f"event '{eid}' has 'from' but no 'chat'", "add 'chat:' or remove 'from:'")
        app = r.choice_of(m, "app", p, APPS, required=False)
        text = r.text(m, "text", p, f"{eid}.text", "line")
        if "if" in m:
            raw_conditions.append((p + ("if",), m["if"]))
        replies = []
        seen: set[str] = set()
        if "replies" in m:
            if chat is None:
                r.error(p + ("replies",), f"event '{eid}' has replies but is not a chat message", "add 'chat:' and 'from:'")
            for j, raw in enumerate(r.seq(m, "replies", p, 2, 4, "replies")):
                rp = p + ("replies", j)
                rm = r.mapping(raw, rp, "a reply")
                if rm is None:
                    continue
                r.keys(rm, rp, ["id", "text", "quality", "consequence"], [])
                rid = r.ident(rm, "id", rp, seen)
                rtext = r.text(rm, "text", rp, f"{eid}.{rid}.text", "choice")
                quality = r.choice_of(rm, "quality", rp, QUALITIES)
                consequence = r.text(rm, "consequence", rp, f"{eid}.{rid}.consequence", "consequence")
                if rtext and quality and consequence:
                    replies.append(Reply(rid, rtext, quality, consequence))
            # No "needs a good reply" rule as in scenarios: the best move is often not to answer at all.
        if text:
            events.append(Event(eid, float(at), text, chat, sender if chat else None, app,
                                m.get("if") if isinstance(m.get("if"), str) else None, tuple(replies)))

    targets = {
        "event": {e.id for e in events}, "contact": contact_ids, "chat": set(chat_ids),
        "switch": {s.id for s in parts["switches"]}, "mail": {x.id for x in parts["mail"]},
        "post": {x.id for x in parts["posts"]},
        "offer": {o.id for o in parts["offers"]}, "session": {s.id for s in parts["sessions"]}, "password": set(PASSWORD_TARGETS),
    }
    targets["item"] = targets["mail"] | targets["post"]

    def check_expr(path: tuple, text: Any) -> str | None:
        if not isinstance(text, str):
            r.error(path, f"{r.where(path)} must be a rule in quotes", 'e.g. "block(sam) before e3"')
            return None
        try:
            expr = parse(text)
        except RuleError as exc:
            r.error(path, f"rule '{text}': {exc}", "see 'Rules' in levels/README.md")
            return None
        for a in expr.atoms():
            kind = "event" if a.verb is None else VERBS[a.verb]
            if a.target not in targets[kind]:
                r.error(path, f"rule '{text}': '{a.target}' is not a {kind} id of this level",
                        f"use one of: {', '.join(sorted(targets[kind])) or '(none defined)'}")
            elif a.verb == "reply" and a.detail and not any(rp.id == a.detail for rp in events_by_id[a.target].replies):
                r.error(path, f"rule '{text}': event '{a.target}' has no reply '{a.detail}'", "use a reply id of that event")
        return text

    events_by_id = {e.id: e for e in events}
    for path, cond in raw_conditions:
        check_expr(path, cond)

    rules = []
    for p, m, rid in items(r, top, "rules", 1, 8, "rules"):
        r.keys(m, p, ["id", "when", "praise", "tip"], ["credit"])
        when = check_expr(p + ("when",), m.get("when"))
        praise = r.text(m, "praise", p, f"rule.{rid}.praise", "feedback")
        tip = r.text(m, "tip", p, f"rule.{rid}.tip", "feedback")
        credit = m.get("credit", 1)
        if isinstance(credit, bool) or credit not in (1, 2, 3):
            r.error(p + ("credit",), f"credit of rule '{rid}' must be 1, 2 or 3", "leave it out for 1")
            credit = 1
        if when and praise and tip:
            rules.append(Rule(rid, when, praise, tip, credit))
    if "rules" not in top:
        r.error((), "'rules' is missing", "add 'rules:' with 1 to 8 protective actions to judge")
    if device is None:
        return None
    return Practice(device, tuple(apps), tuple(contacts), parts["chats"], tuple(events), parts["switches"],
                    parts["mail"], parts["posts"], parts["offers"], parts["sessions"], parts["password"], tuple(rules))
