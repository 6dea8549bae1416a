"""Preparing a lab session: name, band, topics, language, knowledge check; saved to the USB stick."""

from __future__ import annotations

import logging
from datetime import date

import pygame

from ...classroom import ClassroomFileError, Session, new_session, pick_check_questions, save_session_to
from ...classroom.drives import export_targets
from ...classroom.session import MAX_NAME
from ...content.bands import BAND_LABELS
from ...content.model import Level
from ...input import Act, Action
from ...ui.widgets import Button
from ..base import BaseScene
from ..dialogs import ConfirmDialog, MessageDialog
from ..shared import topic_toggle_buttons
from . import common
from .common import CHECK_SIZES, error_text, load_session, paths_text

log = logging.getLogger(__name__)


class PrepareSessionScene(BaseScene):
    name = "lab-prepare"

    def __init__(self, app):
        super().__init__(app)
        self.band = "9-12"
        self.topics: set[str] = set()
        self.check_size = 5
        self.session_name = self.default_name()
        self.error = ""

    def default_name(self) -> str:
        from babel.dates import format_date

        try:
            when = format_date(date.today(), "medium", locale=self.tr.language.babel)
        except Exception:
            when = date.today().isoformat()
        return self.tr.f("Online safety day {date}", date=when)[:MAX_NAME]

    def title(self) -> str:
        return self.tr._("Prepare a session")

    text_entry = True  # the session name

    def resume(self) -> None:
        super().resume()
        self.layout()

    # what is chosen ----------------------------------------------------------------------------------
    def levels(self) -> list[Level]:
        return [lv for lv in self.app.catalog.band_levels(self.band) if lv.topic in self.topics]

    def check_refs(self):
        return pick_check_questions(self.levels(), self.check_size)

    def all_topics(self) -> list[str]:
        return [t.id for t in self.app.catalog.band_topics(self.band)]

    # layout --------------------------------------------------------------------------------------------
    def areas(self):
        body = self.body_rect
        name_r = pygame.Rect(body.x, body.y, body.w, self.px(56))
        opts = pygame.Rect(body.x, name_r.bottom + self.px(12), body.w, self.px(52))
        bottom = pygame.Rect(body.x, body.bottom - self.px(68), body.w, self.px(68))
        grid = pygame.Rect(body.x, opts.bottom + self.px(14), body.w, bottom.y - opts.bottom - self.px(60))
        info = pygame.Rect(body.x, grid.bottom + self.px(6), body.w, self.px(44))
        return name_r, opts, grid, info, bottom

    def build(self):
        name_r, opts, grid, _, bottom = self.areas()
        out = []
        rects = self.ui.row(opts, 5, opts.h, self.px(10))
        for band, r in zip(("9-12", "13-18"), rects[:2], strict=False):
            b = Button(self.tr._(BAND_LABELS[band]), lambda b=band: self.set_band(b), rect=r, name=f"band-{band}", size=self.theme.small)
            b.state = "selected" if band == self.band else None
            out.append(b)
        every = Button(self.tr._("All levels"), self.toggle_all, rect=rects[2], name="all", size=self.theme.small)
        every.state = "selected" if self.topics and set(self.all_topics()) <= self.topics else None
        out.append(every)
        label = self.tr._("No knowledge check") if not self.check_size else \
            self.tr.nf("Check: {n} question", "Check: {n} questions", self.check_size)
        out.append(Button(label, self.cycle_check, icon="help", rect=rects[3], name="check", size=self.theme.small))
        out.append(Button(self.app.tr.language.native_name, self.language, icon="globe", rect=rects[4], name="language",
                          size=self.theme.small))
        cols = 4 if len(self.app.catalog.band_topics(self.band)) <= 16 else 5
        out += topic_toggle_buttons(self, self.band, self.topics, grid, cols, self.px(58))
        save = Button(self.tr._("Save the session file"), self.save, icon="export", style="primary", name="save",
                      rect=pygame.Rect(bottom.centerx - self.px(220), bottom.y, self.px(440), bottom.h))
        save.enabled = bool(self.topics) and bool(self.session_name.strip())
        out.append(save)
        return out

    # actions ---------------------------------------------------------------------------------------------
    def set_band(self, band: str) -> None:
        self.band = band
        self.topics = set()
        self.layout()

    def toggle_all(self) -> None:
        every = set(self.all_topics())
        self.topics = set() if every <= self.topics else every
        self.layout()

    def toggle_topic(self, tid: str) -> None:
        self.topics ^= {tid}
        self.layout()

    def cycle_check(self) -> None:
        self.check_size = CHECK_SIZES[(CHECK_SIZES.index(self.check_size) + 1) % len(CHECK_SIZES)]
        self.layout()

    def language(self) -> None:
        self.app.push("language")

    def handle(self, action: Action) -> bool:
        if action.kind == Act.TEXT and action.text:
            text = "".join(ch for ch in action.text if ch.isprintable())
            self.session_name = (self.session_name + text)[:MAX_NAME]
            self.error = ""
            self.layout()
            return True
        if action.kind == Act.ERASE:
            self.session_name = self.session_name[:-1]
            self.layout()
            return True
        return super().handle(action)

    def make_session(self) -> Session:
        return new_session(self.session_name, self.band, self.tr.code, [lv.id for lv in self.levels()], self.check_refs(),
                           catalog=self.app.catalog)

    def save(self) -> None:
        tr = self.tr
        try:
            session = self.make_session()
        except ClassroomFileError as exc:
            self.error = exc.what(tr)
            return
        folder, drives = common.lab_folders()
        written, failed = save_session_to(export_targets(folder, drives), session)
        if not written:
            self.app.stack.push(MessageDialog(self.app, tr._("The session file could not be saved."), error_text(tr, failed),
                                              mood="worried"))
            return
        note = "" if drives else "\n" + tr._("No USB stick was found. Copy the file from this folder to the USB stick.")
        if failed:
            note += "\n" + error_text(tr, failed)
        question = tr._("The session file was saved:") + "\n" + paths_text(written) + note + "\n" + \
            tr._("Use this session on this computer too? (Needed to import the results here.)")

        def use_here() -> None:
            try:
                load_session(self.app, session, written[0])
            except ClassroomFileError as exc:
                self.app.stack.push(MessageDialog(self.app, tr._("The session could not be loaded."), exc.message(tr), mood="worried"))
                return
            self.app.stack.pop()  # back to the lab menu

        def not_here() -> None:
            self.app.stack.pop()  # the dialog
            self.app.stack.pop()  # this scene

        dialog = ConfirmDialog(self.app, question, use_here, yes=tr._("Use it here"), no=tr._("Not here"), mood="celebrating")
        dialog.back = not_here
        self.app.stack.push(dialog)

    def draw_content(self, surface) -> None:
        name_r, _, _, info, _ = self.areas()
        label_w = self.px(230)
        self.ui.text(surface, self.tr._("Session name:"), self.ui.mirror(pygame.Rect(name_r.x, name_r.y, label_w, name_r.h), name_r),
                     self.theme.body, align="start")
        field = self.ui.mirror(pygame.Rect(name_r.x + label_w, name_r.y, name_r.w - label_w, name_r.h), name_r)
        self.ui.panel(surface, field, self.c.panel, self.c.focus, radius=12, width=4)
        self.ui.text(surface, self.session_name + "|", field.inflate(-self.px(24), -self.px(8)), self.theme.body, align="start")
        levels = self.levels()
        if self.error:
            text, color = self.error, self.c.bad
        elif not levels:
            text, color = self.tr._("Pick the topics of the session (or All levels)."), self.c.text_soft
        else:
            text = self.tr.nf("{n} level in the session", "{n} levels in the session", len(levels))
            refs = self.check_refs()
            if self.check_size:
                text += " · " + self.tr.nf("{n} question before and a different one after",
                                           "{n} questions before and different ones after", len(refs) // 2)
            text += " · " + self.tr.f("Language: {language}", language=self.tr.language.native_name)
            color = self.c.text_soft
        self.ui.text(surface, text, info, self.theme.small, color, align="center")

    def speech(self) -> str:
        return self.tr._("Prepare a session")
