"""The debrief: at most two short pages. Page 1 replays the key moments and what went well; page 2
says what to do next time. Then the usual results screen (stars, badges)."""

from __future__ import annotations

import pygame

from ...i18n import N_
from ...practice.engine import Debrief
from ...ui.widgets import Button
from ..base import BaseScene
from . import labels as L
from .view_kit import note_text


class DebriefScene(BaseScene):
    name = "practice-debrief"
    back_label = N_("Levels")

    def __init__(self, app, level, debrief: Debrief):
        super().__init__(app)
        self.level = level
        self.debrief = debrief
        self.page = 0

    def title(self) -> str:
        return self.tr._(L.DEBRIEF)

    def back(self) -> None:
        self.finish()

    def build(self) -> list:
        body = self.body_rect
        r = self.ui.mirror(pygame.Rect(body.right - self.px(260), body.bottom - self.px(70), self.px(260), self.px(66)), body)
        if self.page == 0:
            return [Button(self.tr._(L.NEXT), self.next_page, icon="forward", style="primary", name="next", rect=r,
                           size=self.theme.body)]
        again = self.ui.mirror(pygame.Rect(body.x, body.bottom - self.px(70), self.px(260), self.px(66)), body)
        return [Button(self.tr._(L.TRY_AGAIN), self.again, icon="play", name="again", rect=again, size=self.theme.body),
                Button(self.tr._(L.FINISH), self.finish, icon="check", style="primary", name="finish", rect=r,
                       size=self.theme.body)]

    def next_page(self) -> None:
        self.page = 1
        self.layout()
        self.focus.set(self.focus.widgets, keep=False)
        if self.app.speech.enabled:
            self.app.speech.say(self.speech(), self.tr.code)

    def again(self) -> None:
        self.app.go("practice", self.level)

    def finish(self) -> None:
        self.app.go("results", self.level, self.debrief.score, self.debrief.stars)

    def lines(self) -> tuple[str, list[str]]:
        tr, d = self.tr, self.debrief
        pages = d.pages()
        if self.page == 0:
            items = [note_text(tr, n) for n in d.moments]
            items += [self._judged(j) for j in pages[0]] or [tr._(L.NOTHING_WELL)]
            return tr._(L.WELL), items
        items = [self._judged(j) for j in pages[1]] or [tr._(L.ALL_WELL)]
        return tr._(L.NEXT_TIME), items

    def _judged(self, j) -> str:
        text = self.tr.level(j.text)
        return f"{self.tr.level(j.about)}\n{text}" if j.about is not None else text

    def draw_content(self, surface) -> None:
        body = self.body_rect
        head, items = self.lines()
        panel = pygame.Rect(body.x, body.y, body.w, body.h - self.px(90))
        self.ui.panel(surface, panel, self.c.bubble, self.c.accent, radius=16, width=3)
        hr = pygame.Rect(panel.x + self.px(24), panel.y + self.px(8), panel.w - self.px(48),
                         self.app.text.line_height(self.tr.code, self.theme.heading) + self.px(4))
        self.ui.text(surface, head, hr, self.theme.heading, self.c.accent, align="start", bold=True)
        n = max(1, len(items))
        top = hr.bottom + self.px(8)
        h = (panel.bottom - top - self.px(12)) // n
        for i, text in enumerate(items):
            r = pygame.Rect(hr.x + self.px(40), top + i * h, hr.w - self.px(40), h - self.px(6))
            icon = self.ui.mirror(pygame.Rect(hr.x, r.y + self.px(4), self.px(32), self.px(32)), panel)
            self.ui.icon(surface, "check" if self.page == 0 else "forward", icon.center, self.px(28),
                         self.c.good if self.page == 0 else self.c.accent)
            self.ui.text(surface, text, self.ui.mirror(r, panel), self.theme.font(20), align="start", valign="top")
        stars_c = (body.centerx, body.bottom - self.px(36))
        if self.page == 1:
            self.ui.stars(surface, stars_c, self.debrief.stars, size=self.px(40))

    def speech(self) -> str:
        head, items = self.lines()
        return "\n".join([head, *items])
