"""The practice apps registry: each app (messenger, settings, inbox, password, post, shop) is one
module that registers itself here by name, with its actions, scoring, debrief moments, read-aloud
text and scripted play. Views live beside the practice scene and are looked up by the same name.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..engine import Judgement, Note, PracticeRun

Action = tuple[str, str, str | None]  # (verb, target, detail)
_REGISTRY: dict[str, AppKind] = {}
MODULES = ("messenger", "settings", "inbox", "password", "post", "shop")


class AppKind:
    """Base of every app. Subclasses set ``name``, ``title`` (an ``N_`` msgid), ``icon`` and ``verbs``."""

    name = ""
    title = ""
    icon = "chat"
    verbs: frozenset[str] = frozenset()

    def start(self, run: PracticeRun) -> None:
        """Put this app's starting state into ``run.state``."""

    def owns(self, run: PracticeRun, verb: str, target: str) -> bool:
        return verb in self.verbs

    def apply(self, run: PracticeRun, verb: str, target: str, detail: str | None) -> Note:
        raise NotImplementedError

    def judge(self, run: PracticeRun) -> list[Judgement]:
        """Items judged at the end besides the level's rules (switches, messages, posts)."""
        return []

    def moments(self, run: PracticeRun) -> list[Note]:
        """Key moments replayed in the debrief."""
        return []

    def available(self, run: PracticeRun) -> list[Action]:
        """Every action the child could do right now in this app (for the scripted player and tests)."""
        return []

    def best(self, run: PracticeRun) -> list[Action]:
        """What a careful player does now, besides what the level's rules ask for."""
        return []

    def risky(self, run: PracticeRun) -> list[Action]:
        """What a hurried player does now: the harmful choices, to reach every consequence."""
        return []

    def speech(self, run: PracticeRun, tr: Any) -> str:
        return tr._(self.title)


def register(cls: type[AppKind]) -> type[AppKind]:
    _REGISTRY[cls.name] = cls()
    return cls


def _load() -> None:
    for m in MODULES:
        importlib.import_module(f"{__name__}.{m}")


def get(name: str) -> AppKind:
    if name not in _REGISTRY:
        _load()
    return _REGISTRY[name]


def all_apps() -> dict[str, AppKind]:
    _load()
    return dict(_REGISTRY)
