"""Spot the red flags: pick every worrying line of a chat, email or post, then Check."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import N_
from . import register
from .multi import Multi

if TYPE_CHECKING:  # pragma: no cover
    from ..content.model import Question, Text


class RedFlags(Multi):
    name = "red_flags"
    view = "message"
    hint = N_("Pick every red flag, then press Check.")
    fields = ("message",)

    def read(self, reader: Any, q: dict, path: tuple, qid: str) -> dict[str, Any]:
        return {"message": reader.read_message(q, path, qid)}

    def entries(self, q: Question) -> list[tuple[str, bool, Any, Any]]:
        return [(ln.id, ln.flag, ln.text, ln.why) for ln in q.message.lines] if q.message is not None else []

    def checklist_feedback(self, q: Question) -> bool:
        return True  # the lines of a message are many and long

    def answers_beside_feedback(self, q: Question) -> list[tuple[str, Text]]:
        return []  # never beside the feedback: the checklist shows them


register(RedFlags())
