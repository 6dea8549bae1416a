"""A module's logger that imports :mod:`logging` only when it is used, and a set-up that waits for it.

``logging`` (with ``string`` and its templates) costs a start a few milliseconds before the first
frame, and the modules the title needs only log when something goes wrong. ``log = LazyLogger(__name__)``
then ``log.warning(...)`` works exactly like ``logging.getLogger(__name__).warning(...)``: the real
logger is looked up at the first call, so handlers and levels set up by then (``logfile.setup_logging``,
``logging.basicConfig``, pytest's caplog) apply as before.

The game's start hands its logging set-up (the log file, the terminal handler) to :func:`defer_setup`:
it runs before the first record is written through a ``LazyLogger``, or when :func:`settle` is called
(the app does once its first frame is on screen, and at shutdown), whichever comes first. So every
record still reaches the same handlers, and a start that logs nothing sets them up after its first
frame. No pygame here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_PENDING: list[Callable[[], Any]] = []


def defer_setup(step: Callable[[], Any]) -> None:
    """Run ``step`` (a logging set-up) before the first record, or at :func:`settle`, in the order given."""
    _PENDING.append(step)


def settle() -> None:
    """Run the set-up steps still waiting (none: nothing to do)."""
    while _PENDING:
        _PENDING.pop(0)()


class LazyLogger:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __getattr__(self, attr: str) -> Any:
        if _PENDING:
            settle()
        import logging

        return getattr(logging.getLogger(self.name), attr)

    def __repr__(self) -> str:
        return f"<LazyLogger {self.name}>"
