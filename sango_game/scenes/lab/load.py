"""Loading a session file on a computer, and importing every computer's results (both scan the drives)."""

from __future__ import annotations

import logging
from pathlib import Path

import pygame

from ...classroom import ClassroomFileError, Session, import_results, read_session
from ...classroom.drives import count_results_files, find_session_files, import_folders
from ...content.bands import BAND_LABELS
from ..dialogs import MessageDialog
from . import common
from .common import ScannedListScene, TwoLineButton, load_session, ltr, paged

log = logging.getLogger(__name__)


class LoadSessionScene(ScannedListScene):
    name = "lab-load"
    PER_PAGE = 5

    def scan(self) -> None:
        folder, drives = common.lab_folders()
        self.entries: list[tuple[Path, Session | None, ClassroomFileError | None]] = []
        for path in find_session_files(folder, drives):
            try:
                self.entries.append((path, read_session(path, self.app.catalog), None))
            except ClassroomFileError as exc:
                self.entries.append((path, None, exc))
        self.drives = drives

    def title(self) -> str:
        return self.tr._("Load a session on this computer")

    def build(self):
        body = self.body_rect
        shown, self.page, self.pages = paged(self.entries, self.page, self.PER_PAGE)
        gap = self.px(10)
        h = self.px(72)
        out = []
        for i, (path, session, error) in enumerate(shown):
            r = pygame.Rect(body.x + self.px(40), body.y + self.px(70) + i * (h + gap), body.w - self.px(80), h)
            if session is not None:
                label = f"{session.name} · {self.tr._(BAND_LABELS[session.band])} · " + \
                    self.tr.nf("{n} level", "{n} levels", len(session.playlist))
                detail = ltr(str(path))
                current = self.app.class_session is not None and self.app.class_session.id == session.id
                b = TwoLineButton(label, detail, lambda s=session, p=path: self.pick(s, p), rect=r, icon="import",
                                  name=f"session-{i}", size=self.theme.body)
                b.state = "selected" if current else None
            else:
                b = TwoLineButton(ltr(path.name), error.what(self.tr), lambda e=error: self.explain(e), rect=r, icon="help",
                                  name=f"session-{i}", size=self.theme.body)
            out.append(b)
        return out + self.nav_buttons(body)

    def explain(self, error: ClassroomFileError) -> None:
        self.app.stack.push(MessageDialog(self.app, self.tr._("This session file cannot be used."), error.message(self.tr),
                                          mood="worried"))

    def pick(self, session: Session, path: Path) -> None:
        try:
            load_session(self.app, session, path)
        except ClassroomFileError as exc:
            self.app.stack.push(MessageDialog(self.app, self.tr._("The session could not be loaded."), exc.message(self.tr),
                                              mood="worried"))
            return
        except Exception as exc:
            self.app.stack.push(MessageDialog(self.app, self.tr._("The session could not be loaded."), str(exc), mood="worried"))
            return
        self.app.stack.pop()
        self.app.stack.push(MessageDialog(
            self.app, self.tr.f("This computer is ready for the session “{name}”.", name=session.name),
            self.tr._("Pupils choose their player and play. Their answers are kept for the session."), mood="celebrating"))

    def draw_content(self, surface) -> None:
        body = self.body_rect
        if not self.entries:
            text = self.tr._("No session file was found. Plug in the USB stick with the session file, then press Look again.")
        elif self.drives:
            text = self.tr._("Pick the session file:")
        else:
            text = self.tr._("Pick the session file (no USB stick was found; these are in the export folder):")
        self.ui.text(surface, text, pygame.Rect(body.x + self.px(40), body.y, body.w - self.px(80), self.px(60)), self.theme.body,
                     align="start")
        if self.pages > 1:
            self.ui.text(surface, self.tr.f("Page {page} of {pages}", page=self.page + 1, pages=self.pages),
                         pygame.Rect(body.x, body.bottom - self.px(100), body.w, self.px(32)), self.theme.small,
                         self.c.text_soft, align="center")


class ImportFolderScene(ScannedListScene):
    """Where are the results? Every USB stick (searched through) and the export folder."""

    name = "lab-import"
    PER_PAGE = 5

    def scan(self) -> None:
        folder, drives = common.lab_folders()
        self.folders = [(f, count_results_files(f)) for f in import_folders(folder, drives)]

    def title(self) -> str:
        return self.tr._("Import results")

    def build(self):
        body = self.body_rect
        shown, self.page, self.pages = paged(self.folders, self.page, self.PER_PAGE)
        gap = self.px(10)
        h = self.px(72)
        out = []
        for i, (folder, n) in enumerate(shown):
            r = pygame.Rect(body.x + self.px(40), body.y + self.px(70) + i * (h + gap), body.w - self.px(80), h)
            b = TwoLineButton(ltr(str(folder)), self.tr.nf("{n} results file found", "{n} results files found", n),
                              lambda f=folder: self.run(f), rect=r, icon="import", name=f"folder-{i}", size=self.theme.body)
            out.append(b)
        return out + self.nav_buttons(body)

    def run(self, folder: Path) -> None:
        session = self.app.class_session
        if session is None:
            return
        try:
            report = import_results(folder, session)
        except Exception as exc:  # import_results reports per file; this is a last resort
            log.exception("import failed")
            self.app.stack.push(MessageDialog(self.app, self.tr._("The results could not be imported."), str(exc),
                                              mood="worried"))
            return
        self.app.go("class-summary", report)

    def draw_content(self, surface) -> None:
        body = self.body_rect
        if self.folders:
            text = self.tr._("Where are the results files? Sango only reads them; nothing in the folder is changed.")
        else:
            text = self.tr._(
                "No USB stick or export folder was found. Plug in the USB stick with the results, then press Look again.")
        self.ui.text(surface, text, pygame.Rect(body.x + self.px(40), body.y, body.w - self.px(80), self.px(60)), self.theme.body,
                     align="start")
