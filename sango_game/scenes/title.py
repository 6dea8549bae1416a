"""Title screen and the language picker."""

from __future__ import annotations

import pygame

from ..i18n import LANGUAGES
from ..ui.widgets import Button
from .base import BaseScene
from .shared import open_teacher_area, session_banner_text


class TitleScene(BaseScene):
    name = "title"
    header = False

    def enter(self) -> None:
        self.app.sound.music("title")

    def resume(self) -> None:
        self.layout()

    def update(self, dt: float) -> bool:
        if self.app.notices and self.app.stack.top is self:
            self.show_notices()
        return False

    def show_notices(self) -> None:
        from .dialogs import MessageDialog

        for code, params in self.app.notices:
            title, body = notice_text(self.tr, code, params)
            self.app.stack.push(MessageDialog(self.app, title, body, mood="worried"))
        self.app.notices.clear()

    def build(self):
        w, h = self.app.size
        col = self.ui.mirror(pygame.Rect(w - self.px(470), self.px(150), self.px(400), h - self.px(190)))
        bh, gap = self.px(66), self.px(16)
        items = [
            ("play", self.tr._("Play"), self.play, "play", "primary"),
            ("language", self.tr._("Language"), self.language, "globe", "normal"),
            ("settings", self.tr._("Settings"), self.settings, "settings", "normal"),
            ("teacher", self.tr._("Teacher"), self.teacher, "teacher", "normal"),
            ("quit", self.tr._("Quit"), self.quit, "cross", "normal"),
        ]
        out = []
        for i, (name, label, fn, icon, style) in enumerate(items):
            r = pygame.Rect(col.x, col.y + i * (bh + gap), col.w, bh)
            out.append(Button(label, fn, icon=icon, style=style, name=name, rect=r, size=self.theme.font(26)))
        return out

    def draw_content(self, surface) -> None:
        w, h = self.app.size
        left = self.ui.mirror(pygame.Rect(self.px(50), self.px(30), w - self.px(600), h - self.px(60)))
        # The name is a logo in Latin letters in every language: it scales with the window, not with
        # the text-size setting.
        self.ui.text(surface, "Sango", pygame.Rect(left.x, left.y - self.px(10), left.w, self.px(110)), self.px(72),
                     self.c.accent, align="center", bold=True, lang="en")
        sub_h = max(self.px(54), self.app.text.line_height(self.tr.code, self.theme.heading))
        self.ui.text(surface, self.tr._("Stay safe online"), pygame.Rect(left.x, left.y + self.px(96), left.w, sub_h),
                     self.theme.heading, self.c.text, align="center")
        size = min(left.w, left.h - self.px(300))
        img = self.app.art.sango("waving", size)
        surface.blit(img, img.get_rect(midtop=(left.centerx, left.y + self.px(150))))
        hello = self.tr._("Hi! I'm Sango. Let's learn to stay safe online together!")
        if self.app.class_session is not None:  # (the lab code loads only when a session exists)
            hello = session_banner_text(self.app) or hello
        if self.app.profile is not None:
            hello = self.tr.f("Welcome back, {nickname}!", nickname=self.app.profile.nickname)
        box = pygame.Rect(left.x, left.bottom - self.px(110), left.w, self.px(100))
        self.ui.panel(surface, box, self.c.bubble, self.c.panel_border, radius=18, width=3)
        self.ui.text(surface, hello, box.inflate(-self.px(30), -self.px(16)), self.theme.body, align="center")

    def speech(self) -> str:
        return self.tr._("Hi! I'm Sango. Let's learn to stay safe online together!")

    def back(self) -> None:
        pass  # Esc on the title does nothing; Quit is a button.

    # actions -------------------------------------------------------------------------------
    def play(self) -> None:
        self.app.sound.play("click")
        self.app.push("profiles")

    def language(self) -> None:
        self.app.push("language")

    def settings(self) -> None:
        self.app.push("settings")

    def teacher(self) -> None:
        open_teacher_area(self.app)

    def quit(self) -> None:
        self.app.running = False


def notice_text(tr, code: str, params: dict) -> tuple[str, str]:
    """Plain words for the child about what happened to their saved progress."""
    if code == "store_restored":
        when = params.get("backup_time") or params.get("backup") or ""
        return (tr._("Your saved progress file was damaged."),
                tr.f("Don't worry: we put back the copy saved on {date}. The damaged file was kept for your teacher.", date=when)
                if when else tr._("Don't worry: we put back the last saved copy. The damaged file was kept for your teacher."))
    if code == "store_reset":
        return (tr._("Your saved progress file was damaged."),
                tr._("We could not find a good copy, so progress starts again. The damaged file was kept for your teacher."))
    if code == "storage_full":
        return (tr._("The computer's disk is full."),
                tr._("Your progress cannot be saved right now, but you can still play. Please tell your teacher."))
    if code == "store_unavailable":
        return (tr._("Progress cannot be saved on this computer right now."),
                tr._("You can still play. Ask your teacher to check the data folder."))
    return (code, "")


class LanguageScene(BaseScene):
    """Six languages, each written in its own script (names from Babel/CLDR)."""

    name = "language"

    def title(self) -> str:
        return self.tr._("Language")

    def build(self):
        body = self.body_rect
        bw, bh, gap = self.px(360), self.px(80), self.px(20)
        grid = pygame.Rect(0, 0, 2 * bw + gap, 3 * bh + 2 * gap)
        grid.center = body.center
        out = []
        for i, lang in enumerate(LANGUAGES):
            r = pygame.Rect(grid.x + (i % 2) * (bw + gap), grid.y + (i // 2) * (bh + gap), bw, bh)
            r = self.ui.mirror(r, grid)
            b = LanguageButton(lang.native_name, lambda c=lang.code: self.choose(c), name=f"lang-{lang.code}", rect=r,
                               size=self.theme.font(28), lang_code=lang.code)
            if lang.code == self.tr.code:
                b.state = "selected"
            out.append(b)
        return out

    def choose(self, code: str) -> None:
        self.app.set_language(code)
        if self.app.profile is not None:
            self.app.settings["language"] = code
            self.app.save_settings()
        self.app.stack.pop()


class LanguageButton(Button):
    """Draws its label in the language it names (e.g. Arabic with the Arabic font, right-to-left)."""

    def __init__(self, *args, lang_code: str, **kw):
        super().__init__(*args, **kw)
        self.lang_code = lang_code

    def draw(self, ui, surface, focused, hovered) -> None:
        label, self.label = self.label, ""
        super().draw(ui, surface, focused, hovered)
        self.label = label
        engine = ui.app.text
        size = engine.fit(label, self.lang_code, self.size or ui.theme.body, self.rect.w - ui.px(90), self.rect.h - ui.px(10))
        img = engine.render(label, self.lang_code, size, ui.c.text)
        surface.blit(img, img.get_rect(center=self.rect.center))
