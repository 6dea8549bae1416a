"""Helpers that several screens use, so that screens never import each other.

Only lower layers, ``base`` and ``dialogs`` are imported here; the classroom code loads on first
use (the title screen does not need it).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from ..ui.widgets import Button
from .dialogs import MessageDialog, PinDialog

if TYPE_CHECKING:
    from ..content.model import Level


def level_results(app) -> dict:
    """Best results per level id for the current player (a guest keeps them in memory)."""
    try:
        return app.player.level_results()
    except Exception:
        return {}


def shown_levels(app, band: str, topic: str | None = None) -> list:
    """The levels the map shows: a loaded lab session's playlist, otherwise all of the band."""
    levels = session_levels(app, band)
    if levels is None:
        levels = app.catalog.band_levels(band)
    return [lv for lv in levels if topic is None or lv.topic == topic]


def review_round(app, band: str, topic) -> Level | None:
    """The topic's review round (its due questions) for the current player, or None."""
    from datetime import UTC, datetime

    from ..core.review import review_round as make_round

    try:
        return make_round(app.catalog.levels.values(), app.player.attempts(), datetime.now(UTC), band, topic.id,
                          topic.title)
    except Exception:  # noqa: BLE001  (no review is better than no map)
        return None


def is_unlocked(app, level, results: dict) -> bool:
    """The first level of a topic is always open; a later one opens when the one before is done
    (counting only the levels shown, e.g. a lab session's playlist)."""
    from ..core.journey import is_unlocked as unlocked

    return unlocked(level, shown_levels(app, level.band, level.topic), results, app.unlock_all)


def session_banner_text(app) -> str | None:
    """What the title and the level map show while a lab session is loaded (None otherwise)."""
    s = getattr(app, "class_session", None)
    if s is None:
        return None
    return app.tr.f("Lab session: {name}", name=s.name)


def session_levels(app, band: str) -> list | None:
    """The playlist levels of ``band`` while a lab session is loaded, or None (see classroom.checks)."""
    from ..classroom import checks

    return checks.session_levels(getattr(app, "class_session", None), app.catalog, band)


def session_check_phase(app) -> str | None:
    """Which knowledge check the current player should take now (see classroom.checks)."""
    if getattr(app, "class_session", None) is None:
        return None
    from ..classroom import checks

    return checks.check_phase(getattr(app, "class_session", None), app.catalog, app.player)


def start_session_check(app, phase: str) -> None:
    app.push("check", phase)


def export_folder() -> Path:
    """Where exports go: the user's Documents folder (falls back to the data folder)."""
    try:
        import platformdirs

        docs = Path(platformdirs.user_documents_dir())
        if docs.is_dir():
            return docs / "Sango"
    except Exception:
        pass
    from ..paths import data_dir

    return data_dir() / "exports"


MAX_TOPIC_COLS = 6  # narrower buttons would squeeze a long title into three short lines


def topic_toggle_buttons(scene, band: str, selected: set[str], grid: pygame.Rect, cols: int, max_h: int) -> list[Button]:
    """A grid of the band's topics that the teacher switches on and off (scene.toggle_topic(id)).

    Every label gets two full lines (29 topics for 13-18, long Arabic and Russian titles, larger
    text on a small screen): first more columns, then pages, turned by a "More topics" button in
    the grid's last cell (the page is kept as ``scene.topic_page``)."""
    topics = scene.app.catalog.band_topics(band)
    gap = scene.px(8)
    label_h = 2 * scene.app.text.line_height(scene.tr.code, scene.theme.small) + scene.px(16)  # + the button's padding
    rows = max(1, (grid.h + gap) // (label_h + gap))
    while cols < MAX_TOPIC_COLS and -(-len(topics) // cols) > rows:
        cols += 1
    per_page = rows * cols
    pages = 1 if len(topics) <= per_page else -(-len(topics) // (per_page - 1))
    page = min(getattr(scene, "topic_page", 0), pages - 1)
    shown = topics if pages == 1 else topics[page * (per_page - 1):(page + 1) * (per_page - 1)]
    rects = scene.ui.grid(grid, len(topics) if pages == 1 else per_page, cols, gap, max(max_h, label_h))
    out = []
    for t, r in zip(shown, rects, strict=False):
        b = Button(scene.tr.level(t.title), partial(scene.toggle_topic, t.id), rect=r, name=f"topic-{t.id}",
                   size=scene.theme.small, align="start")
        b.state = "selected" if t.id in selected else None
        out.append(b)
    if pages > 1:
        out.append(Button(scene.tr.f("More topics ({page} of {pages})", page=page + 1, pages=pages),
                          partial(_turn_topic_page, scene, pages), icon="forward", rect=rects[-1], name="topic-page",
                          size=scene.theme.small))
    return out


def _turn_topic_page(scene, pages: int) -> None:
    scene.topic_page = (getattr(scene, "topic_page", 0) + 1) % pages
    scene.layout()


def open_teacher_area(app) -> None:
    """Ask for the PIN (or to set one the first time), then show the teacher menu."""
    tr = app.tr
    store = app.store
    if store is None:
        app.stack.push(MessageDialog(app, tr._("The teacher area needs the progress store, which is not available."),
                                     app.store_error or "", mood="worried"))
        return
    if app.teacher_unlocked:
        app.push("teacher")
        return
    if store.has_teacher_pin():
        def check(pin: str) -> bool | str:
            if store.verify_teacher_pin(pin):
                app.teacher_unlocked = True
                app.go("teacher")
                return False  # the dialog was replaced already
            return pin_wait_message(tr, store.pin_wait_seconds()) or False

        app.stack.push(PinDialog(app, tr._("Teacher PIN"), check, error=pin_wait_message(tr, store.pin_wait_seconds())))
    else:
        set_new_pin(app, then_open=True)


def pin_wait_message(tr, seconds: int) -> str:
    """How long to wait after too many wrong PINs, in plain words ("" when there is no wait)."""
    if seconds <= 0:
        return ""
    if seconds < 60:
        return tr.nf("Too many wrong PINs. Please wait {n} second, then try again.",
                     "Too many wrong PINs. Please wait {n} seconds, then try again.", seconds)
    minutes = -(-seconds // 60)
    return tr.nf("Too many wrong PINs. Please wait {n} minute, then try again.",
                 "Too many wrong PINs. Please wait {n} minutes, then try again.", minutes)


def set_new_pin(app, then_open: bool = False) -> None:
    tr = app.tr
    first: dict[str, str] = {}

    def got_first(pin: str) -> bool:
        first["pin"] = pin
        app.stack.replace(PinDialog(app, tr._("Type the same PIN again"), got_second))
        return False

    def got_second(pin: str) -> bool:
        if pin != first.get("pin"):
            app.stack.replace(PinDialog(app, tr._("The two PINs were different. Choose a teacher PIN (4 to 8 digits)"),
                                        got_first))
            return False
        try:
            app.store.set_teacher_pin(pin)
        except Exception as exc:
            app.stack.replace(MessageDialog(app, tr._("The PIN could not be saved."), str(exc), mood="worried"))
            return False
        app.teacher_unlocked = True
        if then_open:
            app.go("teacher")
        else:
            app.stack.replace(MessageDialog(app, tr._("The new PIN is saved."), mood="happy"))
        return False

    app.stack.push(PinDialog(app, tr._("Choose a teacher PIN (4 to 8 digits)"), got_first,
                             hint=tr._("Children should not know it. It protects the teacher area.")))
