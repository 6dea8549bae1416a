"""What a loaded lab session means for the player in front of the computer (no pygame, no app).

* :func:`session_levels` - the playlist levels of a band while a session is loaded;
* :func:`check_phase` - which knowledge check (before / after) the player should take now;
* :func:`check_level` - the knowledge check as one quiz level;
* :func:`held_out` - a quiz level without the questions kept for the check after the playlist.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..content.model import Level
from ..progress.mastery import item_of
from ..progress.player import PlayerProgress
from .results import CHECK_LEVEL_PREFIX, check_level_id
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
        q = lv.question(ref.question) if lv is not None else None
        if q is not None:
            questions.append(replace(q, id=ref.key))
    first = catalog.levels[session.check[0].level] if session.check and session.check[0].level in catalog.levels else None
    title = first.title if first is not None else None
    # An empty session makes an untitled check (title None), which Level's annotation does not admit yet.
    return Level(id=check_level_id(phase), kind="quiz", band=session.band, topic="check", order=0,
                 title=title, goal=title, intro=title,  # type: ignore[arg-type]
                 discussion=(), questions=tuple(questions))


def held_out(session: Session | None, level: Level) -> Level:
    """``level`` as played during ``session``: without the questions kept for the knowledge check
    after the playlist, so the "after" score shows what was learned, not a question remembered from
    the day (the "before" questions may be played: answering them again is practice).

    Outside a session, for the check itself, or when nothing would be left, the level is unchanged."""
    if session is None or level.kind != "quiz" or level.id.startswith(CHECK_LEVEL_PREFIX):
        return level
    post = {(c.level, c.question) for c in session.check if c.phase == "post"}
    keep = tuple(q for q in level.questions if item_of(level.id, q.id) not in post)
    if not keep or len(keep) == len(level.questions):
        return level
    return replace(level, questions=keep)
