"""Lab sessions on several computers (teacher area): prepare, load, export, import, summary, wipe.

A one-day Child Online Protection Challenge in an offline lab: the teacher prepares a session
file, copies it to every computer (USB stick or shared folder), pupils play the session's
levels, every computer exports its results, and the teacher imports them all to see the class
summary, save CSV files, a printable report and certificates. At the end of the day each
computer's session data is wiped.

Helpers for the rest of the game (no teacher area needed):

* :func:`session_banner_text` - "Lab session: <name>" for the title and level map, or None;
* :func:`session_levels` - the playlist levels of a band while a session is loaded, or None;
* :func:`session_check_phase` / :func:`start_session_check` - the knowledge check before and
  after the session, for the current player.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pygame

from ..classroom import (ClassroomFileError, Session, check_level_id, end_of_day_wipe, export_results, import_results,
                         lab_data_dir, machine_id, new_session, pick_check_questions, read_session, save_lab_state,
                         save_session_to, summarise)
from ..classroom.drives import count_results_files, export_targets, find_session_files, import_folders, removable_drives
from ..classroom.files import file_stamp, slug
from ..classroom.merge import ImportReport
from ..classroom.session import MAX_NAME, PHASES
from ..content.model import Level
from ..core.play import Outcome
from ..i18n import N_
from ..input import Act, Action
from ..ui.widgets import Button
from .base import BaseScene
from .dialogs import ConfirmDialog, MessageDialog, PinDialog
from .levelmap import BAND_LABELS
from .progress import export_folder
from .quiz import QuizScene, record_attempt

log = logging.getLogger(__name__)

CHECK_SIZES = (0, 5, 10)


# -- helpers for the rest of the game --------------------------------------------------------------
def session_banner_text(app) -> str | None:
    """What the title and the level map show while a lab session is loaded (None otherwise)."""
    s = getattr(app, "class_session", None)
    if s is None:
        return None
    return app.tr.f("Lab session: {name}", name=s.name)


def session_levels(app, band: str) -> list[Level] | None:
    """The levels to show for ``band`` while a lab session is loaded: only the playlist, in its
    order (empty for the other band). None when no session is loaded (show every level)."""
    s = getattr(app, "class_session", None)
    if s is None:
        return None
    if s.band != band:
        return []
    return [app.catalog.levels[lid] for lid in s.playlist if lid in app.catalog.levels]


def _player_session_attempts(app):
    s = app.class_session
    try:
        return [a for a in app.store.attempts(app.profile.id) if a.session_id == s.id]
    except Exception:
        return []


def session_check_phase(app) -> str | None:
    """Which knowledge check the current player should take now: "pre" (before playing, until
    every check question is answered), "post" (once every playlist level is completed), or None."""
    s = getattr(app, "class_session", None)
    if s is None or not s.check or app.store is None or app.profile is None:
        return None
    attempts = _player_session_attempts(app)
    keys = {c.key for c in s.check}
    answered = {ph: {a.question_id for a in attempts if a.level_id == check_level_id(ph)} & keys for ph in PHASES}
    if answered["pre"] != keys:
        return "pre"
    if answered["post"] == keys:
        return None
    try:
        results = app.store.level_results(app.profile.id)
    except Exception:
        return None
    if all(getattr(results.get(lid), "completed", False) for lid in s.playlist if lid in app.catalog.levels):
        return "post"
    return None


def check_level(app, phase: str) -> Level:
    """The knowledge check as one quiz; each question keeps its own level's texts and translations."""
    s = app.class_session
    questions = []
    for ref in s.check:
        lv = app.catalog.levels.get(ref.level)
        q = next((q for q in lv.questions if q.id == ref.question), None) if lv is not None else None
        if q is not None:
            questions.append(replace(q, id=ref.key))
    first = app.catalog.levels[s.check[0].level] if s.check and s.check[0].level in app.catalog.levels else None
    title = first.title if first is not None else None
    return Level(id=check_level_id(phase), kind="quiz", band=s.band, topic="check", order=0, title=title, goal=title,
                 intro=title, discussion=(), questions=tuple(questions))


def start_session_check(app, phase: str) -> None:
    app.stack.push(CheckScene(app, phase))


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


def _paths_text(paths) -> str:
    return "\n".join(ltr(str(p)) for p in paths)


def _error_text(tr, errors) -> str:
    return "\n".join(e.message(tr) for e in errors)


# -- the knowledge check ---------------------------------------------------------------------------
class CheckScene(QuizScene):
    """The knowledge check: the same questions before and after the session. Answers are saved
    (with the session id) but not marked, so the check before does not teach the check after."""

    name = "check"

    def __init__(self, app, phase: str):
        super().__init__(app, check_level(app, phase))
        self.phase = phase
        self.chosen: set[str] = set()

    def title(self) -> str:
        if self.phase == "pre":
            return self.tr._("Quick check: before we start")
        return self.tr._("Quick check: what did you learn?")

    def _state(self, item_id: str) -> str | None:
        if self.outcome is not None:
            return "selected" if item_id in self.chosen else None
        return super()._state(item_id)

    def submit(self, answer) -> None:
        elapsed = int((time.monotonic() - self.started) * 1000)
        real = self.run.answer(answer)
        record_attempt(self.app, self.level, self.q.id, real, elapsed)
        q = self.q
        if q.type == "single":
            self.chosen = {str(answer)}
        elif q.type == "true_false":
            self.chosen = {"true" if answer else "false"}
        elif q.type in ("multi", "red_flags"):
            self.chosen = {str(a) for a in answer}
        else:
            self.chosen = set()
        # A neutral outcome for the screen: no right/wrong marks, Sango just listens.
        self.outcome = Outcome(0.5, {}, (), real.answer_repr)
        self.app.sound.play("click")
        thanks = self.tr._("Thank you! Your answer is saved.")
        self.raw_pages = [thanks]  # the quiz screen fits these into Sango's bubble
        self.pages = [thanks]
        self.page = 0
        self.layout()
        nxt = self.focus.find("next")
        if nxt is not None:
            self.focus.focus(nxt)

    def next(self) -> None:
        if self.run.index + 1 >= self.run.total:
            self.run.advance()
            self.app.stack.replace(CheckDoneScene(self.app, self.phase))
            return
        self.chosen = set()
        super().next()


class CheckDoneScene(BaseScene):
    name = "check-done"

    def __init__(self, app, phase: str):
        super().__init__(app)
        self.phase = phase

    def title(self) -> str:
        return self.tr._("Quick check")

    def build(self):
        body = self.body_rect
        return [Button(self.tr._("Continue"), self.back, icon="forward", style="primary", name="continue",
                       rect=pygame.Rect(body.centerx - self.px(150), body.bottom - self.px(80), self.px(300), self.px(72)))]

    def message(self) -> str:
        if self.phase == "pre":
            return self.tr._("Thank you! Now play the levels of today's session. At the end, you will answer the same questions again.")
        return self.tr._("Thank you! You finished today's session. Well done!")

    def draw_content(self, surface) -> None:
        body = self.body_rect
        self.draw_sango(surface, pygame.Rect(body.x, body.y + self.px(20), body.w, self.px(240)), self.message(),
                        "celebrating" if self.phase == "post" else "happy", sango_size=self.px(220))

    def speech(self) -> str:
        return self.message()


# -- small widgets -----------------------------------------------------------------------------------
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


# -- the lab menu ----------------------------------------------------------------------------------------
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
            text += " · " + self.tr.nf("check of {n} question", "check of {n} questions", len(s.check))
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
        self.app.stack.push(PrepareSessionScene(self.app))

    def load(self) -> None:
        self.app.stack.push(LoadSessionScene(self.app))

    def export(self) -> None:
        export_this_computer(self.app)

    def import_results(self) -> None:
        self.app.stack.push(ImportFolderScene(self.app))

    def wipe(self) -> None:
        wipe_this_computer(self.app)


def export_this_computer(app) -> None:
    tr = app.tr
    s = app.class_session
    if s is None or app.store is None:
        app.stack.push(MessageDialog(app, tr._("Load the session on this computer first."), mood="thinking"))
        return
    folder, drives = lab_folders()
    try:
        machine = machine_id(lab_data_dir(app))
        written, failed = export_results(app.store, s, machine, export_targets(folder, drives))
        players = len(app.store.session_profiles(s.id))
    except Exception as exc:
        log.exception("export failed")
        app.stack.push(MessageDialog(app, tr._("The results could not be exported."), str(exc), mood="worried"))
        return
    if not written:
        app.stack.push(MessageDialog(app, tr._("The results could not be exported."), _error_text(tr, failed), mood="worried"))
        return
    title = tr.nf("The results of {n} player were saved:", "The results of {n} players were saved:", players)
    if players == 0:
        title = tr._("Nobody has played this session on this computer yet. An empty results file was saved:")
    body = _paths_text(written)
    if not drives:
        body += "\n" + tr._("No USB stick was found. Copy the file from this folder to the USB stick.")
    if failed:
        body += "\n" + _error_text(tr, failed)
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


# -- preparing a session ---------------------------------------------------------------------------------
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
        for band, r in zip(("9-12", "13-18"), rects[:2]):
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
        from .teacher import topic_toggle_buttons

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
        from .title import LanguageScene

        self.app.stack.push(LanguageScene(self.app))

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
        folder, drives = lab_folders()
        written, failed = save_session_to(export_targets(folder, drives), session)
        if not written:
            self.app.stack.push(MessageDialog(self.app, tr._("The session file could not be saved."), _error_text(tr, failed),
                                              mood="worried"))
            return
        note = "" if drives else "\n" + tr._("No USB stick was found. Copy the file from this folder to the USB stick.")
        if failed:
            note += "\n" + _error_text(tr, failed)
        question = tr._("The session file was saved:") + "\n" + _paths_text(written) + note + "\n" + \
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
                text += " · " + self.tr.nf("the same {n} question before and after", "the same {n} questions before and after", len(refs))
            text += " · " + self.tr.f("Language: {language}", language=self.tr.language.native_name)
            color = self.c.text_soft
        self.ui.text(surface, text, info, self.theme.small, color, align="center")

    def speech(self) -> str:
        return self.tr._("Prepare a session")


# -- loading a session -------------------------------------------------------------------------------------
class LoadSessionScene(ScannedListScene):
    name = "lab-load"
    PER_PAGE = 5

    def scan(self) -> None:
        folder, drives = lab_folders()
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
        self.app.stack.push(MessageDialog(self.app, self.tr.f("This computer is ready for the session “{name}”.", name=session.name),
                                          self.tr._("Pupils choose their player and play. Their answers are kept for the session."),
                                          mood="celebrating"))

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


# -- importing results -------------------------------------------------------------------------------------
class ImportFolderScene(ScannedListScene):
    """Where are the results? Every USB stick (searched through) and the export folder."""

    name = "lab-import"
    PER_PAGE = 5

    def scan(self) -> None:
        folder, drives = lab_folders()
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
            self.app.stack.push(MessageDialog(self.app, self.tr._("The results could not be imported."), str(exc), mood="worried"))
            return
        self.app.stack.replace(ClassSummaryScene(self.app, report))

    def draw_content(self, surface) -> None:
        body = self.body_rect
        text = self.tr._("Where are the results files? Sango only reads them; nothing in the folder is changed.") if self.folders else \
            self.tr._("No USB stick or export folder was found. Plug in the USB stick with the results, then press Look again.")
        self.ui.text(surface, text, pygame.Rect(body.x + self.px(40), body.y, body.w - self.px(80), self.px(60)), self.theme.body,
                     align="start")


TABS = (("pupils", N_("Pupils")), ("topics", N_("Topics")), ("missed", N_("Most missed")), ("check", N_("Before / after")),
        ("files", N_("Files")))


class ClassSummaryScene(BaseScene):
    """The class at a glance: completion per pupil, scores per topic, most missed questions with a
    discussion prompt, the knowledge check before and after, and what happened to every file."""

    name = "class-summary"

    def __init__(self, app, report: ImportReport, tab: str | None = None):
        super().__init__(app)
        self.report = report
        self.summary = summarise(report.merged, app.catalog)
        self.tab = tab or ("files" if report.problems or not report.merged.pupils else "pupils")
        self.page = 0
        self.pages = 1

    def title(self) -> str:
        return self.tr.f("Class summary: {name}", name=self.summary.session.name)

    def resume(self) -> None:
        self.layout()

    # layout ------------------------------------------------------------------------------------------------
    def areas(self):
        body = self.body_rect
        tabs = pygame.Rect(body.x, body.y, body.w, self.px(50))
        line = pygame.Rect(body.x, tabs.bottom + self.px(6), body.w, self.px(32))
        bottom = pygame.Rect(body.x, body.bottom - self.px(60), body.w, self.px(60))
        content = pygame.Rect(body.x, line.bottom + self.px(6), body.w, bottom.y - line.bottom - self.px(14))
        return tabs, line, content, bottom

    def row_h(self) -> int:
        return self.px(44) if self.tab in ("pupils", "topics") else self.px(110 if self.tab == "missed" else 52)

    def items(self) -> list:
        s = self.summary
        if self.tab == "pupils":
            return s.pupils
        if self.tab == "topics":
            return s.topics
        if self.tab == "missed":
            return s.most_missed
        if self.tab == "check":
            return [p for p in s.pupils if p.pre is not None or p.post is not None]
        r = self.report
        return [("problem", n) for n in r.problems] + [("duplicate", n) for n in r.duplicates] + [("ignored", n) for n in r.ignored]

    def per_page(self) -> int:
        _, _, content, _ = self.areas()
        head = self.px(40) if self.tab in ("pupils", "topics", "check") else 0
        extra = self.px(120) if self.tab == "check" else 0
        return max(1, (content.h - head - extra) // (self.row_h() + self.px(4)))

    def build(self):
        tabs, _, _, bottom = self.areas()
        out = []
        rects = self.ui.row(tabs, len(TABS), tabs.h, self.px(8))
        for (key, label), r in zip(TABS, rects):
            b = Button(self.tr._(label), lambda k=key: self.show(k), rect=r, name=f"tab-{key}", size=self.theme.small)
            b.state = "selected" if key == self.tab else None
            out.append(b)
        _, self.page, self.pages = paged(self.items(), self.page, self.per_page())
        rects = self.ui.row(bottom, 4, bottom.h, self.px(14))
        prev = Button(self.tr._("Previous"), lambda: self.turn(-1), icon="back", name="prev", rect=rects[0], size=self.theme.small)
        nxt = Button(self.tr._("Next"), lambda: self.turn(1), icon="forward", name="next", rect=rects[1], size=self.theme.small)
        prev.enabled = self.page > 0
        nxt.enabled = self.page < self.pages - 1
        csv_b = Button(self.tr._("Save CSV files"), self.save_csv, icon="export", name="save-csv", rect=rects[2], size=self.theme.small)
        rep_b = Button(self.tr._("Save report and certificates"), self.save_report, icon="trophy", name="save-report", rect=rects[3],
                       size=self.theme.small)
        csv_b.enabled = rep_b.enabled = bool(self.report.merged.pupils)
        return out + [prev, nxt, csv_b, rep_b]

    def show(self, tab: str) -> None:
        self.tab = tab
        self.page = 0
        self.layout()
        current = self.focus.find(f"tab-{tab}")
        if current is not None:
            self.focus.focus(current)

    def enter(self) -> None:
        current = self.focus.find(f"tab-{self.tab}")
        if current is not None:
            self.focus.focus(current)

    def turn(self, d: int) -> None:
        self.page += d
        self.layout()

    # saving ------------------------------------------------------------------------------------------------
    def output_folder(self) -> Path:
        folder, _ = lab_folders()
        return folder / f"sango-class-{slug(self.summary.session.name, self.summary.session.id[:8])}-{file_stamp()}"

    def save_csv(self) -> None:
        from ..classroom.csvout import write_csv_files

        try:
            paths = write_csv_files(self.output_folder(), self.summary, self.app.catalog, self.tr)
        except ClassroomFileError as exc:
            self.app.stack.push(MessageDialog(self.app, self.tr._("The CSV files could not be saved."), exc.message(self.tr), mood="worried"))
            return
        self.app.stack.push(MessageDialog(self.app, self.tr._("The CSV files were saved in this folder:"), ltr(str(paths[0].parent)),
                                          mood="celebrating"))

    def save_report(self) -> None:
        """One PDF: the class report in the teacher's language, then every pupil's certificate."""
        from ..classroom.pdf import write_class_pdf

        try:
            result = write_class_pdf(self.summary, self.app.catalog, self.tr, self.output_folder())
        except ClassroomFileError as exc:
            self.app.stack.push(MessageDialog(self.app, self.tr._("The report could not be saved."), exc.message(self.tr), mood="worried"))
            return
        except Exception as exc:  # noqa: BLE001 - fpdf2 errors are plain Exceptions; the lab day must go on
            self.app.stack.push(MessageDialog(self.app, self.tr._("The report could not be saved."), str(exc), mood="worried"))
            return
        n = result.certificates
        self.app.stack.push(MessageDialog(
            self.app, self.tr.nf("The class report and {n} certificate were saved in this folder:",
                                 "The class report and {n} certificates were saved in this folder:", n),
            ltr(str(result.path.parent)), mood="celebrating"))

    # drawing -----------------------------------------------------------------------------------------------
    def headline(self) -> str:
        r, s = self.report, self.summary
        text = self.tr.nf("{n} pupil", "{n} pupils", len(r.merged.pupils)) + " · " + \
            self.tr.nf("{n} file imported", "{n} files imported", len(r.merged.files))
        if r.problems:
            text += " · " + self.tr.nf("{n} file could not be used", "{n} files could not be used", len(r.problems))
        if s.completion_average is not None:
            text += " · " + self.tr.f("average completion {percent}", percent=self.tr.percent(s.completion_average))
        if self.pages > 1:
            text += " · " + self.tr.f("Page {page} of {pages}", page=self.page + 1, pages=self.pages)
        return text

    def draw_content(self, surface) -> None:
        _, line, content, bottom = self.areas()
        self.ui.text(surface, self.headline(), line, self.theme.small, self.c.text_soft, align="center")
        getattr(self, f"draw_{self.tab}")(surface, content)

    def _columns(self, rect: pygame.Rect, widths) -> list[pygame.Rect]:
        """Column boxes from fractions, laid out in reading order (mirrored in Arabic)."""
        out, x = [], rect.x
        for w in widths:
            cw = int(rect.w * w)
            out.append(self.ui.mirror(pygame.Rect(x + self.px(6), rect.y, cw - self.px(12), rect.h), rect))
            x += cw
        return out

    def _header(self, surface, rect, labels, widths) -> None:
        pygame.draw.rect(surface, self.c.bg2, rect, border_radius=self.px(8))
        for label, col in zip(labels, self._columns(rect, widths)):
            self.ui.text(surface, label, col, self.theme.small, align="start", bold=True, min_size=10)

    def _rows(self, content):
        items, _, _ = paged(self.items(), self.page, self.per_page())
        return items

    def _pct(self, value) -> str:
        return "–" if value is None else self.tr.percent(value)

    def draw_pupils(self, surface, content) -> None:
        widths = (0.30, 0.34, 0.14, 0.11, 0.11)
        head = pygame.Rect(content.x, content.y, content.w, self.px(36))
        self._header(surface, head, [self.tr._("Nickname"), self.tr._("Levels completed"), self.tr._("Stars"),
                                     self.tr._("Before"), self.tr._("After")], widths)
        if not self.summary.pupils:
            self.ui.text(surface, self.tr._("No pupil results yet. Check the Files tab."), content.move(0, self.px(50)),
                         self.theme.body, align="center", valign="top")
            return
        y = head.bottom + self.px(4)
        for row in self._rows(content):
            r = pygame.Rect(content.x, y, content.w, self.row_h())
            self.ui.panel(surface, r, self.c.panel, self.c.panel_border, radius=8, width=1)
            cols = self._columns(r, widths)
            name = row.pupil.display_name
            img = self.app.art.avatar(row.pupil.avatar, r.h - self.px(8))
            pic = self.ui.mirror(pygame.Rect(cols[0].x, r.y + self.px(4), img.get_width(), img.get_height()), cols[0])
            surface.blit(img, pic)
            name_box = self.ui.mirror(pygame.Rect(cols[0].x + img.get_width() + self.px(8), r.y, cols[0].w - img.get_width() - self.px(8), r.h),
                                      cols[0])
            self.ui.text(surface, name, name_box, self.theme.small, align="start", bold=True)
            bar = pygame.Rect(cols[1].x, r.centery - self.px(8), cols[1].w * 3 // 5, self.px(16))
            bar = self.ui.mirror(bar, cols[1])
            self.ui.progress_bar(surface, bar, row.completion, self.c.good)
            label = self.ui.mirror(pygame.Rect(cols[1].x + cols[1].w * 3 // 5 + self.px(8), r.y, cols[1].w * 2 // 5 - self.px(8), r.h), cols[1])
            self.ui.text(surface, self.tr.f("{done} of {total}", done=row.completed, total=row.total), label, self.theme.small, align="start")
            self.ui.text(surface, self.tr.f("{done} of {total}", done=row.stars, total=row.max_stars), cols[2], self.theme.small, align="start")
            self.ui.text(surface, self._pct(row.pre), cols[3], self.theme.small, align="start")
            self.ui.text(surface, self._pct(row.post), cols[4], self.theme.small, align="start")
            y += self.row_h() + self.px(4)

    def draw_topics(self, surface, content) -> None:
        widths = (0.40, 0.36, 0.24)
        head = pygame.Rect(content.x, content.y, content.w, self.px(36))
        self._header(surface, head, [self.tr._("Topic"), self.tr._("Average score"), self.tr._("Pupils who completed it")], widths)
        y = head.bottom + self.px(4)
        n = len(self.summary.pupils)
        for t in self._rows(content):
            r = pygame.Rect(content.x, y, content.w, self.row_h())
            self.ui.panel(surface, r, self.c.panel, self.c.panel_border, radius=8, width=1)
            cols = self._columns(r, widths)
            title = self.tr.level(t.title) if t.title is not None else t.topic
            topic = self.app.catalog.topics.get(t.topic)
            icon = self.app.art.topic(topic.icon if topic is not None else t.topic, r.h - self.px(8))
            ic = self.ui.mirror(pygame.Rect(cols[0].x, r.y + self.px(4), icon.get_width(), icon.get_height()), cols[0])
            surface.blit(icon, ic)
            self.ui.text(surface, title, self.ui.mirror(pygame.Rect(cols[0].x + icon.get_width() + self.px(8), r.y,
                                                                    cols[0].w - icon.get_width() - self.px(8), r.h), cols[0]),
                         self.theme.small, align="start", bold=True)
            bar = self.ui.mirror(pygame.Rect(cols[1].x, r.centery - self.px(8), cols[1].w * 2 // 3, self.px(16)), cols[1])
            avg = t.average if t.average is not None else 0.0
            self.ui.progress_bar(surface, bar, avg, self.c.good if avg >= 0.75 else (self.c.okay if avg >= 0.5 else self.c.bad))
            self.ui.text(surface, self._pct(t.average),
                         self.ui.mirror(pygame.Rect(cols[1].x + cols[1].w * 2 // 3 + self.px(8), r.y, cols[1].w // 3 - self.px(8), r.h), cols[1]),
                         self.theme.small, align="start")
            self.ui.text(surface, self.tr.f("{done} of {total}", done=t.pupils_completed, total=n), cols[2], self.theme.small, align="start")
            y += self.row_h() + self.px(4)

    def draw_missed(self, surface, content) -> None:
        if not self.summary.most_missed:
            self.ui.text(surface, self.tr._("Not enough answers yet: a question needs at least 3 answers to be listed here."),
                         content, self.theme.body, align="center", valign="top")
            return
        y = content.y
        start = self.page * self.per_page()
        for i, m in enumerate(self._rows(content)):
            r = pygame.Rect(content.x, y, content.w, self.row_h())
            self.ui.panel(surface, r, self.c.bubble, self.c.bad if m.share >= 0.5 else self.c.okay, radius=12, width=2)
            inner = r.inflate(-self.px(24), -self.px(10))
            rank = self.ui.mirror(pygame.Rect(inner.x, inner.y, self.px(44), inner.h), inner)
            self.ui.text(surface, self.tr.number(start + i + 1), rank, self.theme.heading, self.c.bad, align="center", bold=True)
            text_box = self.ui.mirror(pygame.Rect(inner.x + self.px(54), inner.y, inner.w - self.px(54), inner.h), inner)
            third = text_box.h // 3
            prompt = self.tr.level(m.prompt) if m.prompt is not None else m.question
            level = self.tr.level(m.level_title) if m.level_title is not None else m.level
            stat = self.tr.f("{missed} of {total} answers wrong or partly right ({percent})", missed=m.missed, total=m.attempts,
                             percent=self.tr.percent(m.share))
            self.ui.text(surface, prompt, pygame.Rect(text_box.x, text_box.y, text_box.w, third), self.theme.small, align="start", bold=True)
            self.ui.text(surface, f"{level} · {stat}", pygame.Rect(text_box.x, text_box.y + third, text_box.w, third), self.theme.small,
                         self.c.text_soft, align="start")
            talk = self.tr.level(m.discussion) if m.discussion is not None else (self.tr.level(m.explain) if m.explain is not None else "")
            if talk:
                self.ui.text(surface, self.tr.f("Talk about it: {question}", question=talk),
                             pygame.Rect(text_box.x, text_box.y + 2 * third, text_box.w, text_box.h - 2 * third), self.theme.small,
                             self.c.teacher, align="start")
            y += self.row_h() + self.px(4)

    def draw_check(self, surface, content) -> None:
        s = self.summary
        if not s.session.check:
            self.ui.text(surface, self.tr._("This session has no knowledge check."), content, self.theme.body, align="center", valign="top")
            return
        box = pygame.Rect(content.x, content.y, content.w, self.px(110))
        self.ui.panel(surface, box, self.c.panel, self.c.panel_border, radius=12, width=2)
        cols = self.ui.row(box.inflate(-self.px(20), -self.px(16)), 3, box.h - self.px(16), self.px(12))
        values = [(self.tr._("Before"), s.pre_average, s.pre_count), (self.tr._("After"), s.post_average, s.post_count)]
        def three(r):
            q = r.h // 4
            return pygame.Rect(r.x, r.y, r.w, q), pygame.Rect(r.x, r.y + q, r.w, r.h - 2 * q), pygame.Rect(r.x, r.bottom - q, r.w, q)

        for (label, value, count), r in zip(values, cols[:2]):
            top, mid, low = three(r)
            self.ui.text(surface, label, top, self.theme.small, self.c.text_soft, align="center")
            self.ui.text(surface, self._pct(value), mid, self.theme.heading, align="center", bold=True)
            self.ui.text(surface, self.tr.nf("{n} pupil", "{n} pupils", count), low, self.theme.small, self.c.text_soft, align="center")
        top, mid, low = three(cols[2])
        imp = s.improvement_average
        self.ui.text(surface, self.tr._("Improvement"), top, self.theme.small, self.c.text_soft, align="center")
        value = "–" if imp is None else self.tr.f("{sign}{points} points", sign="+" if imp >= 0 else "-", points=round(abs(imp) * 100))
        self.ui.text(surface, value, mid, self.theme.heading, self.c.good if imp is not None and imp > 0 else self.c.text,
                     align="center", bold=True)
        self.ui.text(surface, self.tr.nf("{n} pupil did both", "{n} pupils did both", s.paired_count), low, self.theme.small,
                     self.c.text_soft, align="center")
        widths = (0.40, 0.20, 0.20, 0.20)
        head = pygame.Rect(content.x, box.bottom + self.px(10), content.w, self.px(36))
        self._header(surface, head, [self.tr._("Nickname"), self.tr._("Before"), self.tr._("After"), self.tr._("Improvement")], widths)
        y = head.bottom + self.px(4)
        for row in self._rows(content):
            r = pygame.Rect(content.x, y, content.w, self.row_h())
            self.ui.panel(surface, r, self.c.panel, self.c.panel_border, radius=8, width=1)
            cols = self._columns(r, widths)
            self.ui.text(surface, row.pupil.display_name, cols[0], self.theme.small, align="start", bold=True)
            self.ui.text(surface, self._pct(row.pre), cols[1], self.theme.small, align="start")
            self.ui.text(surface, self._pct(row.post), cols[2], self.theme.small, align="start")
            imp = row.improvement
            txt = "–" if imp is None else self.tr.f("{sign}{points} points", sign="+" if imp >= 0 else "-", points=round(abs(imp) * 100))
            self.ui.text(surface, txt, cols[3], self.theme.small, self.c.good if imp and imp > 0 else self.c.text, align="start")
            y += self.row_h() + self.px(4)

    def draw_files(self, surface, content) -> None:
        r = self.report
        y = content.y
        summary = self.tr.nf("{n} results file was used.", "{n} results files were used.", len(r.merged.files))
        if not r.problems and not r.duplicates:
            summary += " " + self.tr._("Every file was fine.")
        self.ui.text(surface, summary, pygame.Rect(content.x, y, content.w, self.px(36)), self.theme.body, align="start", bold=True)
        y += self.px(40)
        labels = {"problem": (self.tr._("Not used"), self.c.bad, "cross"), "duplicate": (self.tr._("Counted once"), self.c.okay, "check"),
                  "ignored": (self.tr._("Not needed"), self.c.text_soft, "help")}
        for kind, note in self._rows(content):
            box = pygame.Rect(content.x, y, content.w, self.row_h())
            label, color, icon = labels[kind]
            self.ui.panel(surface, box, self.c.panel, color, radius=8, width=2)
            self.ui.icon(surface, icon, self.ui.mirror(pygame.Rect(box.x, box.y, box.h, box.h), box).center, self.px(26), color)
            text = f"{label}: {note.text(self.tr)}"
            self.ui.text(surface, text, self.ui.mirror(pygame.Rect(box.x + box.h, box.y + self.px(2), box.w - box.h - self.px(10), box.h - self.px(4)), box),
                         self.theme.small, align="start", min_size=10)
            y += self.row_h() + self.px(4)

    def speech(self) -> str:
        return self.headline()


__all__ = ["LabMenuScene", "PrepareSessionScene", "LoadSessionScene", "ImportFolderScene", "ClassSummaryScene", "CheckScene",
           "CheckDoneScene", "session_banner_text", "session_levels", "session_check_phase", "start_session_check", "load_session",
           "export_this_computer", "wipe_this_computer"]
