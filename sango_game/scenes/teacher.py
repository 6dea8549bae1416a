"""The teacher area (behind a PIN, visibly marked while open) and class play on one projector."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import pygame

from ..content.bands import BAND_LABELS
from ..content.model import Level
from ..helpline import get_helpline, set_helpline
from ..i18n import N_
from ..input import Action
from ..ui.widgets import Button
from .base import BaseScene
from .dialogs import ConfirmDialog, MessageDialog, PinDialog
from .quiz import QuizScene
from .shared import open_teacher_area, pin_wait_message, set_new_pin, topic_toggle_buttons  # noqa: F401  (open_teacher_area: re-exported)

TIMER_STEPS = (0, 30, 60, 90)


class TeacherMenuScene(BaseScene):
    name = "teacher"
    back_label = N_("Close")

    def title(self) -> str:
        return self.tr._("Teacher area")

    def back(self) -> None:
        self.app.teacher_unlocked = False
        self.app.set_class_mode(False)
        self.app.stack.pop()

    def resume(self) -> None:
        self.layout()

    def build(self):
        body = self.body_rect
        items = [
            ("class-play", self.tr._("Class play on one screen"), self.class_play, "team"),
            ("lab", self.tr._("Lab session (several computers)"), self.lab, "export"),
            ("unlock", self.tr._("Open all levels") if not self.app.unlock_all else self.tr._("Lock levels again"),
             self.toggle_unlock, "lock"),
            ("helpline", self.tr.f("Local child helpline: {helpline}", helpline=get_helpline(self.app) or self.tr._("not set")),
             self.edit_helpline, "help"),
            ("packs", self.tr._("Content packs"), self.packs, "import"),
            ("pin", self.tr._("Change the teacher PIN"), self.change_pin, "pin"),
            ("erase", self.tr._("Erase all players on this computer"), self.erase_all, "trash"),
        ]
        gap = self.px(8)  # seven items: two-line labels (Arabic helpline) still fit at 1024x600 with larger text
        two_lines = 2 * self.app.text.line_height(self.tr.code, self.theme.body) + self.px(10)
        h = min(max(self.px(64), two_lines), (body.h - self.px(10) - gap * (len(items) - 1)) // len(items))
        col = pygame.Rect(body.centerx - self.px(330), body.y + self.px(10), self.px(660), h)
        out = []
        for i, (name, label, fn, icon) in enumerate(items):
            out.append(Button(label, fn, icon=icon, name=name, rect=col.move(0, i * (h + gap)), align="start",
                              style="danger" if name == "erase" else "normal"))
        return out

    def class_play(self) -> None:
        self.app.push("class-setup")

    def lab(self) -> None:
        self.app.push("lab")

    def toggle_unlock(self) -> None:
        self.app.unlock_all = not self.app.unlock_all
        self.layout()

    def change_pin(self) -> None:
        set_new_pin(self.app)

    def packs(self) -> None:
        self.app.push("packs")

    def edit_helpline(self) -> None:
        from .dialogs import TextPromptDialog

        def save(value: str) -> None:
            try:
                set_helpline(self.app, value)
            except OSError as exc:
                self.app.stack.push(MessageDialog(self.app, self.tr._("The setting could not be saved."), str(exc),
                                                  mood="worried"))
            self.layout()

        self.app.stack.push(TextPromptDialog(
            self.app, self.tr._("Name and number of your local child helpline"), get_helpline(self.app), save,
            hint=self.tr._("Children see it after levels about getting help. Leave it empty to hide it.")))

    def erase_all(self) -> None:
        tr = self.tr

        def confirmed() -> None:
            def check(pin: str) -> bool | str:
                try:
                    self.app.store.erase_all(pin)
                except PermissionError:
                    return pin_wait_message(tr, self.app.store.pin_wait_seconds()) or False
                except Exception as exc:
                    self.app.stack.replace(MessageDialog(self.app, tr._("Nothing was erased."), str(exc), mood="worried"))
                    return False
                self.app.profile = None
                self.app.stack.replace(MessageDialog(self.app, tr._("All players on this computer were erased."), mood="happy"))
                return False

            self.app.stack.push(PinDialog(self.app, tr._("Type the teacher PIN to erase everything"), check,
                                          error=pin_wait_message(tr, self.app.store.pin_wait_seconds())))

        self.app.stack.push(ConfirmDialog(
            self.app, tr._("Erase every player and all their results on this computer? This cannot be undone."),
            confirmed, yes=tr._("Erase"), no=tr._("Cancel"), danger=True, mood="worried"))


class ClassSetupScene(BaseScene):
    """Pick band, topics, timer and teams; the language is the game's current language."""

    name = "class-setup"

    def __init__(self, app):
        super().__init__(app)
        self.band = "9-12"
        self.topics: set[str] = set()
        self.timer = 0
        self.teams = 2

    def title(self) -> str:
        return self.tr._("Class play")

    def resume(self) -> None:
        self.layout()

    def build(self):
        body = self.body_rect
        out = []
        top = pygame.Rect(body.x, body.y, body.w, self.px(56))
        rects = self.ui.row(top, 5, self.px(56), self.px(12))
        for band, r in zip(("9-12", "13-18"), rects[:2], strict=True):
            b = Button(self.tr._(BAND_LABELS[band]), partial(self.set_band, band), rect=r, name=f"band-{band}",
                       size=self.theme.small)
            b.state = "selected" if band == self.band else None
            out.append(b)
        timer_label = self.tr._("No timer") if not self.timer else self.tr.nf("{n} second", "{n} seconds", self.timer)
        out.append(Button(timer_label, self.cycle_timer, icon="timer", rect=rects[2], name="timer", size=self.theme.small))
        out.append(Button(self.tr.nf("{n} team", "{n} teams", self.teams), self.cycle_teams, icon="team", rect=rects[3],
                          name="teams",
                          size=self.theme.small))
        out.append(Button(self.app.tr.language.native_name, self.language, icon="globe", rect=rects[4], name="language",
                          size=self.theme.small))
        grid = pygame.Rect(body.x, top.bottom + self.px(16), body.w, body.h - self.px(170))
        n = len(self.app.catalog.band_topics(self.band))
        # (topic_toggle_buttons makes every row tall enough for a two-line label)
        out += topic_toggle_buttons(self, self.band, self.topics, grid, 3 if n <= 12 else 5, self.px(60))
        start = Button(self.tr._("Start class play"), self.start, icon="play", style="primary", name="start",
                       rect=pygame.Rect(body.centerx - self.px(180), body.bottom - self.px(72), self.px(360), self.px(68)))
        start.enabled = bool(self.topics)
        out.append(start)
        return out

    def set_band(self, band: str) -> None:
        self.band = band
        self.topics = set()
        self.layout()

    def cycle_timer(self) -> None:
        self.timer = TIMER_STEPS[(TIMER_STEPS.index(self.timer) + 1) % len(TIMER_STEPS)]
        self.layout()

    def cycle_teams(self) -> None:
        self.teams = 2 + (self.teams - 1) % 3
        self.layout()

    def language(self) -> None:
        self.app.push("language")

    def toggle_topic(self, tid: str) -> None:
        self.topics ^= {tid}
        self.layout()

    def start(self) -> None:
        if not self.topics:
            return
        self.app.set_class_mode(True)
        self.app.push("class-play", class_level(self.app.catalog, self.band, self.topics), self.teams, self.timer)

    def draw_content(self, surface) -> None:
        body = self.body_rect
        self.ui.text(surface, self.tr._("Pick the topics to play:"),
                     pygame.Rect(body.x, body.bottom - self.px(150), body.w, self.px(40)),
                     self.theme.small, self.c.text_soft, align="start")


def class_level(catalog, band: str, topic_ids) -> tuple[Level, dict[str, Level]]:
    """One quiz made of the questions of the chosen topics' quiz levels (strings keep their own
    level's translation context). Returns the level and, per question key, its source level."""
    questions = []
    source: dict[str, Level] = {}
    for lv in catalog.band_levels(band):
        if lv.topic in topic_ids and lv.kind == "quiz":
            for q in lv.questions:
                key = f"{lv.id}/{q.id}"
                questions.append(replace(q, id=key))
                source[key] = lv
    title = next(iter(source.values())).title if source else None
    # No topic picked makes an untitled level (title None), which Level's annotation does not admit yet.
    level = Level(id="class-play", kind="quiz", band=band, topic="class", order=1,
                  title=title, goal=title, intro=title,  # type: ignore[arg-type]
                  discussion=(), questions=tuple(questions))
    return level, source


class ClassPlayScene(QuizScene):
    """Teams take turns; after each answer Sango explains and a discussion prompt is shown."""

    name = "class-play"
    BOTTOM_H = 210  # explanations and discussion prompts are read by the whole class: more room

    def __init__(self, app, level_and_source, teams: int, timer: int):
        level, self.source = level_and_source
        super().__init__(app, level)
        self.teams = teams
        self.scores = [0] * teams
        self.turn = 0
        self.timer = timer
        self.left = float(timer)
        self.discussion_page = False

    def title(self) -> str:
        return self.tr._("Class play")

    def back(self) -> None:
        def leave() -> None:
            if self.run.index > 0 or not self.answering:
                # Ending early keeps the scoreboard: the class sees the points so far.
                self.app.stack.replace(ClassResultsScene(self.app, self.scores))
                return
            self.app.set_class_mode(False)
            self.app.stack.pop()

        self.app.stack.push(ConfirmDialog(self.app, self.tr._("End class play?"), leave, yes=self.tr._("End"),
                                          no=self.tr._("Continue")))

    def areas(self):
        progress, prompt, content, bubble, action = super().areas()
        side = self.px(190)

        def shrink(r):
            if self.tr.rtl:
                return pygame.Rect(r.x + side + self.px(12), r.y, r.w - side - self.px(12), r.h)
            return self.ui.mirror(pygame.Rect(r.x, r.y, r.w - side - self.px(12), r.h), self.body_rect)

        return progress, shrink(prompt), shrink(content), bubble, action

    def team_rect(self) -> pygame.Rect:
        body = self.body_rect
        _, prompt, _, _, _ = super().areas()
        r = pygame.Rect(body.right - self.px(190), prompt.y, self.px(190), body.h - self.px(200))
        return self.ui.mirror(r, body)

    def submit(self, answer) -> None:
        super().submit(answer)
        assert self.outcome is not None  # submit() scored the answer
        self.scores[self.turn] += round(100 * self.outcome.score)

    def feedback_pages(self, out):
        pages = super().feedback_pages(out)
        lv = self.source.get(self.q.id)
        self.discussion_page = bool(lv is not None and lv.discussion)
        if lv is not None and lv.discussion:
            prompt = lv.discussion[self.run.index % len(lv.discussion)]
            pages.append(self.tr.f("Let's talk: {question}", question=self.tr.level(prompt)))
        return pages

    def fit_pages(self, pages: list[str], box) -> list[str]:
        # The discussion prompt is a step of its own for the class: never joined to the explanation.
        if len(pages) > 1 and self.discussion_page:
            return super().fit_pages(pages[:-1], box) + pages[-1:]
        return super().fit_pages(pages, box)

    def next(self) -> None:
        last_page = self.page >= len(self.pages) - 1
        if last_page and self.run.index + 1 >= self.run.total:
            self.run.advance()
            self.app.go("class-results", self.scores)
            return
        super().next()
        if last_page:
            self.turn = (self.turn + 1) % self.teams
            self.left = float(self.timer)

    def update(self, dt: float) -> bool:
        if self.timer and self.answering and self.app.stack.top is self and not self.run.finished:
            before = int(self.left)
            self.left = max(0.0, self.left - dt)
            if self.left <= 0:
                self.time_up()
                return True
            return int(self.left) != before
        return False

    def animation_rects(self) -> None:
        return None  # the countdown ticks once a second (and time up turns the page): the whole window

    def time_up(self) -> None:
        super().submit(self.kind.empty_answer(self.q))
        self.raw_pages.insert(0, self.tr._("Time is up!"))
        self.layout()

    def handle(self, action: Action) -> bool:
        return super().handle(action)

    def draw_content(self, surface) -> None:
        super().draw_content(surface)
        box = self.team_rect()
        n = self.teams
        gap = self.px(10)
        h = min(self.px(90), (box.h - gap * n) // (n + 1))
        if self.timer and self.answering:
            t = pygame.Rect(box.x, box.y, box.w, h)
            self.ui.panel(surface, t, self.c.panel, self.c.bad if self.left < 10 else self.c.panel_border, radius=12, width=3)
            self.ui.icon(surface, "timer", self.ui.mirror(pygame.Rect(t.x + self.px(8), t.y, h, h), t).center, self.px(34))
            self.ui.text(surface, self.tr.number(int(self.left + 0.999)),
                         self.ui.mirror(pygame.Rect(t.x + h, t.y, t.w - h - self.px(8), t.h), t), self.theme.heading,
                         align="center", bold=True)
        for i in range(n):
            r = pygame.Rect(box.x, box.y + (i + 1) * (h + gap), box.w, h)
            active = i == self.turn
            self.ui.panel(surface, r, self.c.selected if active else self.c.panel,
                          self.c.accent if active else self.c.panel_border,
                          radius=12, width=4 if active else 2)
            label = self.tr.f("Team {n}", n=i + 1)
            if active:
                label = "▶ " + label if not self.tr.rtl else label + " ◀"
            self.ui.text(surface, label, pygame.Rect(r.x + self.px(8), r.y + self.px(4), r.w - self.px(16), r.h // 2),
                         self.theme.small, align="center", bold=active)
            self.ui.text(surface, self.tr.number(self.scores[i]), pygame.Rect(r.x, r.centery, r.w, r.h // 2 - self.px(4)),
                         self.theme.body, align="center", bold=True)


class ClassResultsScene(BaseScene):
    name = "class-results"
    back_label = N_("Close")

    def __init__(self, app, scores: list[int]):
        super().__init__(app)
        self.scores = scores

    def title(self) -> str:
        return self.tr._("Class play")

    def back(self) -> None:
        self.app.set_class_mode(False)
        self.app.stack.pop()

    def draw_content(self, surface) -> None:
        body = self.body_rect
        self.draw_sango(surface, pygame.Rect(body.x, body.y, body.w, self.px(170)),
                        self.tr._("Great teamwork, everyone! Every team learned how to stay safe online."), "celebrating",
                        sango_size=self.px(170))
        n = len(self.scores)
        row = pygame.Rect(body.x, body.y + self.px(220), body.w, self.px(160))
        rects = self.ui.row(row, n, self.px(160), self.px(24), width=min(self.px(260), (body.w - self.px(24) * (n - 1)) // n))
        best = max(self.scores) if self.scores else 0
        for i, r in enumerate(rects):
            self.ui.panel(surface, r, self.c.panel, self.c.star if self.scores[i] == best else self.c.panel_border, radius=16,
                          width=4)
            self.ui.text(surface, self.tr.f("Team {n}", n=i + 1), pygame.Rect(r.x, r.y + self.px(10), r.w, self.px(44)),
                         self.theme.body,
                         align="center", bold=True)
            self.ui.text(surface, self.tr.nf("{n} point", "{n} points", self.scores[i]),
                         pygame.Rect(r.x, r.y + self.px(60), r.w, self.px(50)),
                         self.theme.heading, align="center")
            if self.scores[i] == best:
                self.ui.icon(surface, "trophy", (r.centerx, r.bottom - self.px(28)), self.px(40), self.c.star)
