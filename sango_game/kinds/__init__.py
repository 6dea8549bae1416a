"""Question kinds: one module per kind, each registering itself by name.

``get(q.type)`` gives the kind of a question; the content loader, the scoring in ``core.play``,
the quiz screen, the scripted player and the screenshots tour ask it instead of branching on
the type. Adding a kind: a module here (a :class:`QuestionKind` subclass passed to
:func:`register`), an import below, levels that use it, and tests (see CONTRIBUTING.md). A kind
from elsewhere (the practice engine, say) registers itself the same way.

No pygame here and no content imports at run time (the loader reads kinds while loading).
"""

from __future__ import annotations

from .base import Feedback, Outcome, QuestionKind

_KINDS: dict[str, QuestionKind] = {}


def register(kind: QuestionKind) -> QuestionKind:
    """Make ``kind`` available as ``type: <kind.name>``; a second kind with the same name replaces it."""
    if not kind.name:
        raise ValueError(f"{type(kind).__name__} has no name")
    _KINDS[kind.name] = kind
    return kind


def get(name: str) -> QuestionKind:
    try:
        return _KINDS[name]
    except KeyError:
        raise KeyError(f"unknown question type {name!r} (known: {', '.join(_KINDS)})") from None


def names() -> tuple[str, ...]:
    return tuple(_KINDS)


# The built-in kinds, in the order the docs list them.
from . import single, true_false, multi, red_flags, sort  # noqa: E402,F401,I001

__all__ = ["Feedback", "Outcome", "QuestionKind", "get", "names", "register"]
