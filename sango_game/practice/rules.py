"""The small rule language of practice levels, parsed and judged without pygame.

    block(sam)                     the child did it (at any time)
    block(sam) before e3           did it, and before event e3 arrived (or e3 never came)
    save(dm) before block(sam)     order of two actions (evidence first, then block)
    not reply(e2:photo)            never did it
    on(private)                    a settings switch ends up on (off(...) for off)
    a and b                        both

An atom is ``verb(target)`` or ``verb(target:detail)``; a bare id names an event's arrival.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

# verb -> the kind of thing its target names (checked by the level reader)
VERBS: dict[str, str] = {
    "reply": "event", "block": "contact", "mute": "contact", "report": "contact", "tell": "contact",
    "ask": "contact", "save": "chat", "leave": "chat", "on": "switch", "off": "switch",
    "sender": "mail", "peek": "mail", "open": "mail", "delete": "mail", "flag": "item",
    "check": "post", "share": "post", "skip": "post", "price": "offer", "buy": "offer", "decline": "offer",
    "signout": "session", "passphrase": "password", "twostep": "password", "codes": "password",
}
PASSWORD_TARGETS = ("strong", "weak", "on", "saved")
_ATOM = re.compile(r"^([a-z]+)\(([a-z0-9_-]+)(?::([a-z0-9_-]+))?\)$")
_EVENT = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class RuleError(ValueError):
    pass


@dataclass(frozen=True)
class Atom:
    verb: str | None  # None: the arrival of an event
    target: str
    detail: str | None = None

    def __str__(self) -> str:
        if self.verb is None:
            return self.target
        return f"{self.verb}({self.target}{':' + self.detail if self.detail else ''})"


@dataclass(frozen=True)
class Clause:
    atom: Atom
    negated: bool = False
    before: Atom | None = None


@dataclass(frozen=True)
class Expr:
    clauses: tuple[Clause, ...]

    def atoms(self) -> list[Atom]:
        out = []
        for c in self.clauses:
            out.append(c.atom)
            if c.before:
                out.append(c.before)
        return out


def _atom(text: str) -> Atom:
    text = text.strip()
    m = _ATOM.match(text)
    if m:
        verb = m.group(1)
        if verb not in VERBS:
            raise RuleError(f"unknown action '{verb}' (known: {', '.join(sorted(VERBS))})")
        return Atom(verb, m.group(2), m.group(3))
    if _EVENT.match(text):
        return Atom(None, text)
    raise RuleError(f"'{text}' is not an action like block(sam) or an event id")


def parse(text: str) -> Expr:
    if not isinstance(text, str) or not text.strip():
        raise RuleError("the rule is empty")
    clauses = []
    for part in re.split(r"\s+and\s+", text.strip()):
        negated = part.startswith("not ")
        if negated:
            part = part[4:]
        first, sep, second = part.partition(" before ")
        if negated and sep:
            raise RuleError("'not' cannot be combined with 'before'")
        clauses.append(Clause(_atom(first), negated, _atom(second) if sep else None))
    return Expr(tuple(clauses))


class History(Protocol):
    def first_seq(self, atom: Atom) -> int | None:
        """Position in the history where the atom first happened, or None."""


def holds(expr: Expr, history: History) -> bool:
    for c in expr.clauses:
        seq = history.first_seq(c.atom)
        if c.negated:
            if seq is not None:
                return False
            continue
        if seq is None:
            return False
        if c.before is not None:
            other = history.first_seq(c.before)
            if other is not None and other < seq:
                return False
    return True
