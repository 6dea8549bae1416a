"""A module's logger that imports :mod:`logging` only when it is used.

``logging`` (with ``string`` and its templates) costs a start a few milliseconds before the first
frame, and the modules the title needs only log when something goes wrong. ``log = LazyLogger(__name__)``
then ``log.warning(...)`` works exactly like ``logging.getLogger(__name__).warning(...)``: the real
logger is looked up at the first call, so handlers and levels set up by then (``logfile.setup_logging``,
``logging.basicConfig``, pytest's caplog) apply as before. No pygame here.
"""

from __future__ import annotations

from typing import Any


class LazyLogger:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __getattr__(self, attr: str) -> Any:
        import logging

        return getattr(logging.getLogger(self.name), attr)

    def __repr__(self) -> str:
        return f"<LazyLogger {self.name}>"
