"""Band choice, the level map (topics with progress), a topic's levels, and a level's intro."""

from __future__ import annotations

from functools import partial

import pygame

from ..content.bands import BAND_LABELS
from ..ui.widgets import Button
from .base import BaseScene
from .shared import (
    is_unlocked,  # noqa: F401  (re-exported)
    level_results,
    review_round,
    session_banner_text,
    session_check_phase,
    shown_levels,
    start_session_check,
)


class BandScene(BaseScene):
    name = "band"

    def title(self) -> str:
        if self.app.profile is not None:
            return self.tr.f("Hello, {nickname}!", nickname=self.app.profile.nickname)
        return self.tr._("Choose your level")

    def resume(self) -> None:
        self.layout()

    def build(self):
        body = self.body_rect
        area = pygame.Rect(body.x, body.y + self.px(150), body.w, self.px(170))
        rects = self.ui.row(area, 2, self.px(170), self.px(40), width=self.px(380))
        out = []
        session = self.app.class_session
        phase = session_check_phase(self.app)
        if phase is not None:
            # A lab session with a knowledge check: the check comes first (and again at the end).
            label = self.tr._("Start the quick check") if phase == "pre" else self.tr._("Take the final check")
            out.append(Button(label, partial(self.check, phase), icon="help", style="primary", name="check",
                              rect=pygame.Rect(area.centerx - self.px(260), area.y, self.px(520), self.px(90)),
                              size=self.theme.font(30)))
        if phase != "pre":
            for band, r in zip(("9-12", "13-18"), rects, strict=True):
                if session is not None and session.band != band:
                    continue
                if phase is not None:
                    r = r.move(0, self.px(110)).inflate(0, -self.px(60))
                out.append(Button(self.tr._(BAND_LABELS[band]), partial(self.open, band), style="primary", name=f"band-{band}",
                                  rect=r, size=self.theme.font(34)))
        row = pygame.Rect(body.x, body.bottom - self.px(70), body.w, self.px(64))
        extra = self.ui.row(row, 3, self.px(64), self.px(24), width=self.px(300))
        out.append(Button(self.tr._("My progress"), self.progress, icon="trophy", name="progress", rect=extra[0]))
        out.append(Button(self.tr._("Settings"), self.settings, icon="settings", name="settings", rect=extra[1]))
        out.append(Button(self.tr._("My profile"), self.manage, icon="export", name="manage", rect=extra[2]))
        if self.app.profile is None:
            out[-1].enabled = False
            out[-3].enabled = self.app.store is None
        return out

    def open(self, band: str) -> None:
        self.app.sound.play("click")
        self.app.push("worldmap", band)

    def check(self, phase: str) -> None:
        start_session_check(self.app, phase)

    def progress(self) -> None:
        self.app.push("progress")

    def settings(self) -> None:
        self.app.push("settings")

    def manage(self) -> None:
        self.app.push("profile")

    def draw_content(self, surface) -> None:
        body = self.body_rect
        if session_check_phase(self.app) == "pre":
            hello = self.tr._("First a quick check of what you already know. It is not a test!")
        elif self.app.class_session is not None:
            hello = session_banner_text(self.app)
        else:
            hello = self.tr._("Pick the level for your age. You can switch at any time.")
        self.draw_sango(surface, pygame.Rect(body.x, body.y, body.w, self.px(130)), hello, "happy", sango_size=self.px(130))


class TopicCard(Button):
    def __init__(self, topic, on_click, rect, stars: int, max_stars: int, badge: bool, size: int):
        super().__init__("", on_click, rect=rect, size=size, name=f"topic-{topic.id}")
        self.topic = topic
        self.stars = stars
        self.max_stars = max_stars
        self.has_badge = badge
        self.title = ""

    def draw(self, ui, surface, focused, hovered) -> None:
        r = self.rect
        ui.panel(surface, r, ui.c.button_hover if hovered else ui.c.button, ui.c.button_border, radius=14, width=2)
        icon = min(ui.px(64), r.h // 2)
        ibox = ui.mirror(pygame.Rect(r.x + ui.px(10), r.y + ui.px(10), icon, icon), r)
        surface.blit(ui.app.art.topic(self.topic.icon, icon), ibox)
        if self.has_badge:
            ui.icon(surface, "trophy",
                    ui.mirror(pygame.Rect(r.right - ui.px(40), r.y + ui.px(8), ui.px(32), ui.px(32)), r).center,
                    ui.px(30), ui.c.star)
        tbox = pygame.Rect(r.x + ui.px(10), r.y + icon + ui.px(14), r.w - ui.px(20), r.h - icon - ui.px(50))
        ui.text(surface, self.title, tbox, self.size, align="start", bold=True, valign="top")
        # Progress: stars earned out of stars possible, as a bar and as numbers.
        bar = pygame.Rect(r.x + ui.px(10), r.bottom - ui.px(28), r.w - ui.px(100), ui.px(16))
        bar = ui.mirror(bar, r)
        ui.progress_bar(surface, bar, self.stars / self.max_stars if self.max_stars else 0, ui.c.star)
        nums = ui.mirror(pygame.Rect(r.right - ui.px(86), r.bottom - ui.px(38), ui.px(78), ui.px(34)), r)
        ui.icon(surface, "star", ui.mirror(pygame.Rect(nums.x, nums.y + ui.px(4), ui.px(26), ui.px(26)), nums).center,
                ui.px(24), ui.c.star)
        label = f"{ui.app.tr.number(self.stars)}/{ui.app.tr.number(self.max_stars)}"
        ui.text(surface, label, ui.mirror(pygame.Rect(nums.x + ui.px(28), nums.y, nums.w - ui.px(28), nums.h), nums),
                ui.theme.small, align="start")
        if focused:
            ui.focus_ring(surface, r)


class LevelMapScene(BaseScene):
    """All topics of a band, grouped, with stars and badges; paged when they do not fit."""

    name = "levelmap"
    COLS, ROWS = 5, 3

    def __init__(self, app, band: str):
        super().__init__(app)
        self.band = band
        self.page = 0

    def title(self) -> str:
        return self.tr._(BAND_LABELS[self.band])

    def resume(self) -> None:
        self.layout()

    def build(self):
        shown = {lv.topic for lv in shown_levels(self.app, self.band)}
        topics = [t for t in self.app.catalog.band_topics(self.band) if t.id in shown]
        results = level_results(self.app)
        badges = self.app.badge_ids()
        per_page = self.COLS * self.ROWS
        pages = max(1, (len(topics) + per_page - 1) // per_page)
        self.pages = pages
        self.page = min(self.page, pages - 1)
        body = self.body_rect
        notice_h = self.px(40) if self.app.catalog.broken_files else 0
        grid = pygame.Rect(body.x, body.y + notice_h, body.w, body.h - self.px(76) - notice_h)
        gap = self.px(14)
        cw = (grid.w - gap * (self.COLS - 1)) // self.COLS
        ch = (grid.h - gap * (self.ROWS - 1)) // self.ROWS
        out: list[Button] = []
        for i, topic in enumerate(topics[self.page * per_page:(self.page + 1) * per_page]):
            r = pygame.Rect(grid.x + (i % self.COLS) * (cw + gap), grid.y + (i // self.COLS) * (ch + gap), cw, ch)
            r = self.ui.mirror(r, grid)
            levels = shown_levels(self.app, self.band, topic.id)
            stars = sum(getattr(results.get(lv.id), "best_stars", 0) for lv in levels)
            card = TopicCard(topic, lambda t=topic: self.open(t), r, stars, 3 * len(levels),
                             f"topic:{self.band}:{topic.id}" in badges, self.theme.small)
            card.title = self.tr.level(topic.title)
            out.append(card)
        if pages > 1:
            nav = pygame.Rect(body.x, body.bottom - self.px(60), body.w, self.px(56))
            prev_r, next_r = self.ui.row(nav, 2, self.px(56), self.px(300), width=self.px(220))
            prev = Button(self.tr._("Previous"), lambda: self.turn(-1), icon="back", name="prev", rect=prev_r)
            nxt = Button(self.tr._("Next"), lambda: self.turn(1), icon="forward", name="next", rect=next_r)
            prev.enabled = self.page > 0
            nxt.enabled = self.page < pages - 1
            out += [prev, nxt]
        return out

    def turn(self, d: int) -> None:
        self.page = max(0, min(self.pages - 1, self.page + d))
        self.layout()

    def open(self, topic) -> None:
        self.app.sound.play("click")
        self.app.push("topic", self.band, topic)

    def draw_content(self, surface) -> None:
        body = self.body_rect
        if self.app.catalog.broken_files:
            n = len(self.app.catalog.broken_files)
            msg = self.tr.nf("{n} level file could not be loaded and was skipped. Your teacher can run 'sango-game check'.",
                             "{n} level files could not be loaded and were skipped. Your teacher can run 'sango-game check'.", n)
            box = pygame.Rect(body.x, body.y, body.w, self.px(34))
            pygame.draw.rect(surface, self.c.bubble, box, border_radius=self.px(8))
            self.ui.icon(surface, "help", self.ui.mirror(pygame.Rect(box.x, box.y, box.h, box.h), box).center, self.px(26),
                         self.c.okay)
            self.ui.text(surface, msg,
                         self.ui.mirror(pygame.Rect(box.x + box.h + self.px(6), box.y, box.w - box.h - self.px(6), box.h), box),
                         self.theme.small, align="start")
        if getattr(self, "pages", 1) > 1:
            label = self.tr.f("Page {page} of {pages}", page=self.page + 1, pages=self.pages)
            self.ui.text(surface, label,
                         pygame.Rect(body.centerx - self.px(130), body.bottom - self.px(60), self.px(260), self.px(56)),
                         self.theme.small, align="center")


class LevelCard(Button):
    def __init__(self, level, on_click, rect, result, unlocked: bool, size: int, title: str, goal: str, kind_label: str):
        super().__init__(title, on_click, rect=rect, size=size, name=f"level-{level.id}")
        self.level = level
        self.result = result
        self.unlocked = unlocked
        self.goal = goal
        self.kind_label = kind_label

    def draw(self, ui, surface, focused, hovered) -> None:
        r = self.rect
        ui.panel(surface, r, ui.c.button_hover if hovered and self.unlocked else ui.c.button,
                 ui.c.button_border if self.unlocked else ui.c.disabled, radius=16, width=2)
        pad = ui.px(16)
        icon = ui.px(56)
        ibox = ui.mirror(pygame.Rect(r.x + pad, r.y + pad, icon, icon), r)
        ui.icon(surface, "lock" if not self.unlocked else {"quiz": "help", "practice": "play"}.get(self.level.kind, "team"),
                ibox.center, icon, ui.c.text if self.unlocked else ui.c.disabled)
        text_x = r.x + pad + icon + pad
        ui.text(surface, self.kind_label, ui.mirror(pygame.Rect(text_x, r.y + pad, r.w - icon - 3 * pad, ui.px(28)), r),
                ui.theme.small, ui.c.text_soft, align="start")
        # Titles may take two lines (translations run longer than English; Arabic lines are taller).
        title_h = max(ui.px(66), 2 * ui.app.text.line_height(ui.lang, ui.theme.body) + ui.px(4))
        title_y = r.y + pad + ui.px(28)
        ui.text(surface, self.label, ui.mirror(pygame.Rect(text_x, title_y, r.w - icon - 3 * pad, title_h), r),
                ui.theme.body, align="start", bold=True, valign="top")
        goal_y = max(r.y + ui.px(124), title_y + title_h + ui.px(6))
        ui.text(surface, self.goal, pygame.Rect(r.x + pad, goal_y, r.w - 2 * pad, r.bottom - ui.px(60) - goal_y),
                ui.theme.small, ui.c.text_soft, align="start", valign="top")
        stars = getattr(self.result, "best_stars", 0) if self.result else 0
        srect = ui.stars(surface, (r.centerx, r.bottom - ui.px(36)), stars, 3, ui.px(36))
        if not self.unlocked:
            lock_h = max(ui.px(32), ui.app.text.line_height(ui.lang, ui.theme.small) + ui.px(2))
            ui.text(surface, ui.app.tr._("Finish the level before this one to open it."),
                    pygame.Rect(r.x + pad, srect.y - lock_h - ui.px(4), r.w - 2 * pad, lock_h), ui.theme.small,
                    ui.c.text_soft, align="center")
        if focused:
            ui.focus_ring(surface, r)


class TopicScene(BaseScene):
    name = "topic"

    def __init__(self, app, band: str, topic):
        super().__init__(app)
        self.band = band
        self.topic = topic

    def title(self) -> str:
        return self.tr.level(self.topic.title)

    def resume(self) -> None:
        self.layout()

    def build(self):
        results = level_results(self.app)
        levels = shown_levels(self.app, self.band, self.topic.id)
        body = self.body_rect
        area = pygame.Rect(body.x, body.y + self.px(150), body.w, body.h - self.px(160))
        review = review_round(self.app, self.band, self.topic)
        extra: list[Button] = []
        if review is not None:  # questions missed on an earlier day: a short round to practise them again
            area.h -= self.px(84)
            n = len(review.questions)
            label = self.tr.nf("Review: {n} question to practise again", "Review: {n} questions to practise again", n)
            extra.append(Button(label, lambda: self.play_review(review), icon="help", name="review",
                                rect=pygame.Rect(body.centerx - self.px(300), area.bottom + self.px(14), self.px(600),
                                                 self.px(66))))
        n = max(1, len(levels))
        rects = self.ui.row(area, n, area.h, self.px(30), width=min(self.px(520), (area.w - self.px(30) * (n - 1)) // n))
        out = []
        for lv, r in zip(levels, rects, strict=False):
            unlocked = is_unlocked(self.app, lv, results)
            kind = {"quiz": self.tr._("Quiz"), "practice": self.tr._("Practice")}.get(lv.kind) or self.tr._("Story")
            if lv.pack:  # a content pack's level says where it comes from
                kind = f"{kind} · {lv.pack}"
            card = LevelCard(lv, lambda lv=lv: self.open(lv), r, results.get(lv.id), unlocked, self.theme.body,
                             self.tr.level(lv.title), self.tr.level(lv.goal), kind)
            card.enabled = unlocked
            out.append(card)
        return out + extra

    def open(self, level) -> None:
        self.app.sound.play("click")
        self.app.push("intro", level)

    def play_review(self, review) -> None:
        self.app.sound.play("click")
        self.app.push("quiz", review)

    def draw_content(self, surface) -> None:
        body = self.body_rect
        self.draw_sango(surface, pygame.Rect(body.x, body.y, body.w, self.px(130)), self.tr.level(self.topic.summary), "happy",
                        sango_size=self.px(130))

    def speech(self) -> str:
        return f"{self.title()}. {self.tr.level(self.topic.summary)}"


class LevelIntroScene(BaseScene):
    name = "intro"

    def __init__(self, app, level):
        super().__init__(app)
        self.level = level

    def title(self) -> str:
        return self.tr.level(self.level.title)

    def build(self):
        body = self.body_rect
        start = Button(self.tr._("Start"), self.start, icon="play", style="primary", name="start",
                       rect=pygame.Rect(body.centerx - self.px(150), body.bottom - self.px(80), self.px(300), self.px(72)),
                       size=self.theme.font(28))
        return [start]

    def start(self) -> None:
        self.app.sound.play("click")
        self.app.go(self.level.kind, self.level)  # each level kind is played by the scene of that name

    def draw_content(self, surface) -> None:
        body = self.body_rect
        self.draw_sango(surface, pygame.Rect(body.x, body.y + self.px(10), body.w, self.px(220)), self.tr.level(self.level.intro),
                        self.level.mood or "waving", sango_size=self.px(200))
        goal_box = pygame.Rect(body.x + self.px(40), body.y + self.px(260), body.w - self.px(80), self.px(130))
        self.ui.panel(surface, goal_box, self.c.panel, self.c.accent, radius=14, width=3)
        self.ui.text(surface, self.tr._("Your goal"),
                     pygame.Rect(goal_box.x + self.px(20), goal_box.y + self.px(10), goal_box.w - self.px(40), self.px(36)),
                     self.theme.small, self.c.accent, align="start", bold=True)
        self.ui.text(surface, self.tr.level(self.level.goal),
                     pygame.Rect(goal_box.x + self.px(20), goal_box.y + self.px(48), goal_box.w - self.px(40),
                                 goal_box.h - self.px(58)),
                     self.theme.body, align="start", valign="top")

    def speech(self) -> str:
        goal = self.tr._("Your goal")
        return f"{self.tr.level(self.level.intro)} {goal}: {self.tr.level(self.level.goal)}"
