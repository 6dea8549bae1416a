"""What a loaded lab session means for the player in front of the computer (no pygame, no app).

* :func:`session_levels` - the playlist levels of a band while a session is loaded;
* :func:`check_phase` - which knowledge check (before / after) the player should take now;
* :func:`check_level` - the knowledge check as one quiz level.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..content.model import Level
from ..progress.player import PlayerProgress
from .results import check_level_id
from .session import PHASES, Session


def session_levels(session: Session | None, catalog: Any, band: str) -> list[Level] | None:
    """The levels to show for ``band`` while ``session`` is loaded: only the playlist, in its
    order (empty for the other band). None when no session is loaded (show every level)."""
    if session is None:
        return None
    if session.band != band:
        return []
    return [catalog.levels[lid] for lid in session.playlist if lid in catalog.levels]


def check_phase(session: Session | None, catalog: Any, player: PlayerProgress) -> str | None:
    """Which knowledge check the player should take now: "pre" (before playing, until every check
    question is answered), "post" (once every playlist level is completed), or None.

    Only a saved player takes the check (a guest's answers are not recorded); if the progress
    cannot be read, no check is asked for (the child keeps playing)."""
    if session is None or not session.check or not player.saved:
        return None
    try:
        attempts = [a for a in player.attempts() if a.session_id == session.id]
    except Exception:  # noqa: BLE001
        attempts = []
    keys = {ph: {c.key for c in session.check_for(ph)} for ph in PHASES}  # different questions before and after
    answered = {ph: {a.question_id for a in attempts if a.level_id == check_level_id(ph)} & keys[ph] for ph in PHASES}
    if answered["pre"] != keys["pre"]:
        return "pre"
    if answered["post"] == keys["post"]:
        return None
    try:
        results = player.level_results()
    except Exception:  # noqa: BLE001
        return None
    if all(getattr(results.get(lid), "completed", False) for lid in session.playlist if lid in catalog.levels):
        return "post"
    return None


def check_level(session: Session, catalog: Any, phase: str) -> Level:
    """The knowledge check as one quiz; each question keeps its own level's texts and translations."""
    questions = []
    for ref in session.check_for(phase):
        lv = catalog.levels.get(ref.level)
        q = next((q for q in lv.questions if q.id == ref.question), None) if lv is not None else None
        if q is not None:
            questions.append(replace(q, id=ref.key))
    first = catalog.levels[session.check[0].level] if session.check and session.check[0].level in catalog.levels else None
    title = first.title if first is not None else None
    # An empty session makes an untitled check (title None), which Level's annotation does not admit yet.
    return Level(id=check_level_id(phase), kind="quiz", band=session.band, topic="check", order=0,
                 title=title, goal=title, intro=title,  # type: ignore[arg-type]
                 discussion=(), questions=tuple(questions))
