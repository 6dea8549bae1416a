"""What the lab screens share: the folders to scan, loading a session, list screens, text helpers."""

from __future__ import annotations

from pathlib import Path

import pygame

from ...classroom import Session, checks, lab_data_dir, save_lab_state
from ...classroom.drives import removable_drives
from ...content.model import Level
from ...ui.widgets import Button
from ..base import BaseScene
from ..shared import export_folder

CHECK_SIZES = (0, 5, 10)


def check_level(app, phase: str) -> Level:
    return checks.check_level(app.class_session, app.catalog, phase)


def lab_folders() -> tuple[Path, list[Path]]:
    """The export folder and the USB drives found now (tests replace this)."""
    return export_folder(), removable_drives()


def load_session(app, session: Session, source: Path | None = None) -> None:
    """Use ``session`` on this computer: remembered across restarts, answers tagged with its id."""
    save_lab_state(lab_data_dir(app), session, source)
    app.class_session = session
    if session.language != app.tr.code:
        app.set_language(session.language)


LRM = "\u200e"


def ltr(text: str) -> str:
    """Keep a path or file name left-to-right inside right-to-left text (each line on its own)."""
    return "\n".join(f"{LRM}{line}{LRM}" for line in str(text).split("\n"))


def paths_text(paths) -> str:
    return "\n".join(ltr(str(p)) for p in paths)


def error_text(tr, errors) -> str:
    return "\n".join(e.message(tr) for e in errors)


class TwoLineButton(Button):
    """A title and a smaller second line (a file's place, a folder's content)."""

    def __init__(self, label: str, detail: str, on_click, **kw):
        super().__init__(label, on_click, align="start", **kw)
        self.detail = detail

    def draw(self, ui, surface, focused, hovered) -> None:
        label, self.label = self.label, ""
        super().draw(ui, surface, focused, hovered)
        self.label = label
        inner = self.rect.inflate(-ui.px(28), -ui.px(8))
        if self.icon_name:
            lead = min(inner.h, ui.px(34)) + ui.px(8)
            inner = ui.mirror(pygame.Rect(inner.x + lead, inner.y, inner.w - lead, inner.h), inner)
        top = pygame.Rect(inner.x, inner.y, inner.w, inner.h * 3 // 5)
        bottom = pygame.Rect(inner.x, top.bottom, inner.w, inner.h - top.h)
        fg = ui.c.text if self.enabled else ui.c.disabled
        ui.text(surface, label, top, self.size or ui.theme.body, fg, align="start", bold=True)
        ui.text(surface, self.detail, bottom, ui.theme.small, ui.c.text_soft if self.enabled else ui.c.disabled,
                align="start", min_size=10)


class ScannedListScene(BaseScene):
    """A paged list of things found on the USB sticks and the export folder, with "Look again"."""

    pages = 1

    def __init__(self, app):
        super().__init__(app)
        self.page = 0
        self.scan()

    def scan(self) -> None:  # pragma: no cover - each subclass scans for its own files
        raise NotImplementedError

    def nav_buttons(self, body: pygame.Rect) -> list:
        nav = pygame.Rect(body.x, body.bottom - self.px(64), body.w, self.px(60))
        rects = self.ui.row(nav, 3, self.px(60), self.px(20), width=self.px(260))
        prev = Button(self.tr._("Previous"), lambda: self.turn(-1), icon="back", name="prev", rect=rects[0])
        again = Button(self.tr._("Look again"), self.rescan, icon="import", name="rescan", rect=rects[1])
        nxt = Button(self.tr._("Next"), lambda: self.turn(1), icon="forward", name="next", rect=rects[2])
        prev.enabled = self.page > 0
        nxt.enabled = self.page < self.pages - 1
        return [again, prev, nxt]

    def turn(self, d: int) -> None:
        self.page += d
        self.layout()

    def rescan(self) -> None:
        self.scan()
        self.page = 0
        self.layout()


def paged(items: list, page: int, per_page: int) -> tuple[list, int, int]:
    pages = max(1, (len(items) + per_page - 1) // per_page)
    page = max(0, min(page, pages - 1))
    return items[page * per_page:(page + 1) * per_page], page, pages
