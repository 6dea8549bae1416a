"""The lab menu (teacher area): prepare, load, export, import, end-of-day wipe."""

from __future__ import annotations

import logging

import pygame

from ...classroom import end_of_day_wipe, export_results, lab_data_dir, machine_id
from ...classroom.drives import export_targets
from ...content.bands import BAND_LABELS
from ...ui.widgets import Button
from ..base import BaseScene
from ..dialogs import ConfirmDialog, MessageDialog, PinDialog
from . import common
from .common import error_text, paths_text

log = logging.getLogger(__name__)


class LabMenuScene(BaseScene):
    name = "lab"

    def title(self) -> str:
        return self.tr._("Lab session (several computers)")

    def resume(self) -> None:
        self.layout()

    def build(self):
        body = self.body_rect
        loaded = self.app.class_session is not None
        items = [
            ("prepare", self.tr._("Prepare a session"), self.prepare, "plus", "normal", True),
            ("load", self.tr._("Load a session on this computer"), self.load, "import", "normal", True),
            ("export", self.tr._("Export this computer's results"), self.export, "export", "normal", loaded),
            ("import", self.tr._("Import results and see the class summary"), self.import_results, "team", "normal", loaded),
            ("wipe", self.tr._("End of the day: delete this session's data"), self.wipe, "trash", "danger", loaded),
        ]
        gap = self.px(12)
        h = min(self.px(64), (body.h - self.px(110) - gap * (len(items) - 1)) // len(items))
        col = pygame.Rect(body.centerx - self.px(360), body.y + self.px(100), self.px(720), h)
        out = []
        for i, (name, label, fn, icon, style, enabled) in enumerate(items):
            b = Button(label, fn, icon=icon, name=name, rect=col.move(0, i * (h + gap)), align="start", style=style)
            b.enabled = enabled
            out.append(b)
        return out

    def status(self) -> str:
        s = self.app.class_session
        if s is None:
            return self.tr._("No session is loaded on this computer. Prepare one, or load the session file from the USB stick.")
        n = len(s.playlist)
        text = self.tr.f("Loaded on this computer: “{name}”", name=s.name) + "\n" + self.tr._(BAND_LABELS[s.band]) + " · " + \
            self.tr.nf("{n} level", "{n} levels", n)
        if s.check:
            text += " · " + self.tr.nf("check of {n} question", "check of {n} questions", len(s.check_for("pre")))
        return text

    def draw_content(self, surface) -> None:
        body = self.body_rect
        box = pygame.Rect(body.centerx - self.px(360), body.y, self.px(720), self.px(84))
        loaded = self.app.class_session is not None
        self.ui.panel(surface, box, self.c.bubble, self.c.teacher if loaded else self.c.panel_border, radius=14, width=3)
        self.ui.text(surface, self.status(), box.inflate(-self.px(24), -self.px(12)), self.theme.small, align="start")

    def speech(self) -> str:
        return self.status()

    # actions ----------------------------------------------------------------------------------------
    def prepare(self) -> None:
        self.app.push("lab-prepare")

    def load(self) -> None:
        self.app.push("lab-load")

    def export(self) -> None:
        export_this_computer(self.app)

    def import_results(self) -> None:
        self.app.push("lab-import")

    def wipe(self) -> None:
        wipe_this_computer(self.app)


def export_this_computer(app) -> None:
    tr = app.tr
    s = app.class_session
    if s is None or app.store is None:
        app.stack.push(MessageDialog(app, tr._("Load the session on this computer first."), mood="thinking"))
        return
    folder, drives = common.lab_folders()
    try:
        machine = machine_id(lab_data_dir(app))
        written, failed = export_results(app.store, s, machine, export_targets(folder, drives))
        players = len(app.store.session_profiles(s.id))
    except Exception as exc:
        log.exception("export failed")
        app.stack.push(MessageDialog(app, tr._("The results could not be exported."), str(exc), mood="worried"))
        return
    if not written:
        app.stack.push(MessageDialog(app, tr._("The results could not be exported."), error_text(tr, failed), mood="worried"))
        return
    title = tr.nf("The results of {n} player were saved:", "The results of {n} players were saved:", players)
    if players == 0:
        title = tr._("Nobody has played this session on this computer yet. An empty results file was saved:")
    body = paths_text(written)
    if not drives:
        body += "\n" + tr._("No USB stick was found. Copy the file from this folder to the USB stick.")
    if failed:
        body += "\n" + error_text(tr, failed)
    app.stack.push(MessageDialog(app, title, body, mood="celebrating" if players else "thinking"))


def wipe_this_computer(app) -> None:
    tr = app.tr
    s = app.class_session
    if s is None or app.store is None:
        return

    def confirmed() -> None:
        def check(pin: str) -> bool:
            try:
                if not app.store.verify_teacher_pin(pin):
                    return False
                profile = app.profile
                result = end_of_day_wipe(app.store, lab_data_dir(app), s)
            except Exception as exc:
                log.exception("wipe failed")
                app.stack.replace(MessageDialog(app, tr._("Nothing was deleted."), str(exc), mood="worried"))
                return False
            app.class_session = None
            if profile is not None and profile.id in result.profile_ids:
                app.profile = None
            body = tr.nf("{n} answer was deleted.", "{n} answers were deleted.", result.attempts)
            if result.profiles:
                body += "\n" + tr.f("Players deleted: {names}", names=", ".join(result.profiles))
            app.stack.replace(MessageDialog(app, tr._("This session's data was deleted from this computer."), body, mood="happy"))
            return False

        app.stack.push(PinDialog(app, tr._("Type the teacher PIN to delete this session's data"), check))

    question = tr.f("Delete every answer of the session “{name}” from this computer, and the players made for it? "
                    "Export the results first. This cannot be undone.", name=s.name)
    app.stack.push(ConfirmDialog(app, question, confirmed, yes=tr._("Delete"), no=tr._("Cancel"), danger=True, mood="worried"))
