"""Shared scene layout: background, header with a back button, Sango with a speech bubble."""

from __future__ import annotations

import pygame

from ..i18n import N_
from ..input import Act, Action
from ..scene import Scene
from ..ui.widgets import Button, FocusGroup


class BaseScene(Scene):
    header = True
    back_label = N_("Back")
    #: Typed characters go to this scene (nicknames, PINs, names) instead of acting as shortcuts.
    text_entry = False

    def __init__(self, app):
        super().__init__(app)
        self.focus = FocusGroup(rtl=app.tr.rtl)
        self.back_button: Button | None = None
        self.sango_reach: pygame.Rect | None = None  # set by draw_sango

    # shortcuts ------------------------------------------------------------------------------
    @property
    def ui(self):
        return self.app.ui

    @property
    def tr(self):
        return self.app.tr

    @property
    def c(self):
        return self.app.theme.colors

    @property
    def theme(self):
        return self.app.theme

    def px(self, v: float) -> int:
        return self.app.theme.px(v)

    @property
    def screen_rect(self) -> pygame.Rect:
        return pygame.Rect((0, 0), self.app.size)

    @property
    def header_rect(self) -> pygame.Rect:
        return pygame.Rect(0, 0, self.app.size[0], self.px(76)) if self.header else pygame.Rect(0, 0, self.app.size[0], 0)

    @property
    def body_rect(self) -> pygame.Rect:
        """The content area below the header, with margins."""
        m = self.px(28)
        top = self.header_rect.bottom + self.px(12)
        return pygame.Rect(m, top, self.app.size[0] - 2 * m, self.app.size[1] - top - m)

    # lifecycle --------------------------------------------------------------------------------
    def _text_mode(self, on: bool) -> None:
        if not self.text_entry:
            return
        self.app.input.text_mode = on
        if on:
            try:
                pygame.key.start_text_input()
            except pygame.error:  # pragma: no cover - no keyboard subsystem
                pass

    def enter(self) -> None:
        self._text_mode(True)

    def resume(self) -> None:
        self._text_mode(True)

    def pause(self) -> None:
        self._text_mode(False)

    def exit(self) -> None:
        self._text_mode(False)

    def layout(self) -> None:
        self.focus.rtl = self.app.tr.rtl
        widgets: list = []
        if self.header:
            self.back_button = Button(self.tr._(self.back_label), self.back, icon="back", name="back",
                                      rect=self.ui.mirror(pygame.Rect(self.px(16), self.px(12), self.px(170), self.px(52))),
                                      size=self.theme.small)
        content = self.build() or []
        widgets.extend(content)
        if self.header and self.back_button is not None:
            widgets.append(self.back_button)
        self.focus.set(widgets, keep=True)

    def build(self) -> list:
        """Create the widgets of the scene (with rects). Called on every layout."""
        return []

    def title(self) -> str:
        return ""

    # input --------------------------------------------------------------------------------
    def back(self) -> None:
        self.app.sound.play("click")
        self.app.stack.pop()

    #: A focus or hover move changes only the widgets it touches, so the app updates just those
    #: parts of the window. A scene that draws something else from the focus or the pointer
    #: (a detail panel for the focused item, a drag) sets this to False.
    partial_focus_updates = True

    def handle(self, action: Action) -> bool:
        if action.kind == Act.BACK:
            self.back()
            return True
        return self.focus.handle(action)

    # drawing --------------------------------------------------------------------------------
    def draw_background(self, surface) -> None:
        if self.app.text.glyphs:  # measure-only (the overflow tour) looks at no pixel
            surface.fill(self.c.bg)
        if self.header:
            hr = self.header_rect
            pygame.draw.rect(surface, self.c.bg2, hr)
            pygame.draw.line(surface, self.c.panel_border, hr.bottomleft, hr.bottomright, max(1, self.px(2)))

    def draw_header(self, surface) -> None:
        if not self.header:
            return
        title = self.title()
        if title:
            hr = self.header_rect
            box = pygame.Rect(self.px(200), 0, hr.w - self.px(400), hr.h)
            self.ui.text(surface, title, box, self.theme.heading, self.c.text, align="center", bold=True)

    def draw(self, surface) -> None:
        self.draw_background(surface)
        self.draw_header(surface)
        self.draw_content(surface)
        self.focus.draw(self.ui, surface)

    def draw_content(self, surface) -> None:
        pass

    def bubble_text_rect(self, bubble: pygame.Rect, sango_size: int) -> pygame.Rect:
        """The text area inside the speech bubble that draw_sango draws in ``bubble``."""
        inner = pygame.Rect(bubble.x + sango_size + self.px(18), bubble.y, bubble.w - sango_size - self.px(18), bubble.h)
        return inner.inflate(-self.px(36), -self.px(24))

    def paginate(self, texts: list[str], box: pygame.Rect, size: int) -> list[str]:
        """Split texts into pages that fit ``box`` at ``size`` (at most a little smaller), at sentence ends.

        Long explanations in a big language at a large text size become two pages instead of tiny text."""
        import re

        engine = self.app.text
        lang = self.tr.code
        comfortable = max(12, int(size * 0.85))

        def fits(t: str) -> bool:
            return engine.layout(t, lang, comfortable, max_width=box.w).height <= box.h

        out: list[str] = []
        for text in texts:
            if fits(text):
                out.append(text)
                continue
            sentences = [x for x in re.split(r"(?<=[.!?。！？؟])\s*", text) if x.strip()]
            sep = self.tr.language.sentence_separator
            page = ""
            for sent in sentences:
                candidate = f"{page}{sep}{sent}" if page else sent
                if page and not fits(candidate):
                    out.append(page)
                    page = sent
                else:
                    page = candidate
            if page:
                out.append(page)
        return out

    def draw_sango(self, surface, rect: pygame.Rect, text: str, mood: str | None = "happy",
                   text_size: int | None = None, sango_size: int | None = None, sango_dy: int = 0) -> pygame.Rect:
        """Sango on the start side of ``rect`` and a speech bubble with ``text`` beside it.
        Returns the bubble's rect."""
        ui = self.ui
        s = sango_size or min(rect.h, self.px(150))
        sango_box = ui.mirror(pygame.Rect(rect.x, rect.bottom - s, s, s), rect)
        if self.theme.teen:
            # Teens: Sango is a small guide badge beside the text, not the big round mascot.
            b = max(self.px(44), s // 2)
            badge = pygame.Rect(0, 0, b, b)
            badge.center = sango_box.move(0, sango_dy).center
            pygame.draw.circle(surface, self.c.panel_border, badge.center, b // 2 + self.px(3))
            pygame.draw.circle(surface, self.c.accent, badge.center, b // 2)
            head = self.app.art.get("sango/icon.svg", (b - self.px(8), b - self.px(8)))
            surface.blit(head, head.get_rect(center=badge.center))
            sango_box = badge
            reach = badge.inflate(2 * self.px(3) + 4, 2 * self.px(3) + 4)
        else:
            surface.blit(self.app.art.sango(mood, s), sango_box.move(0, sango_dy))
            reach = sango_box.move(0, sango_dy)
        self.sango_reach = reach.move(0, -sango_dy)  # every pixel drawn for Sango when not hopping (for animations)
        bubble = ui.mirror(pygame.Rect(rect.x + s + self.px(18), rect.y, rect.w - s - self.px(18), rect.h), rect)
        if text:
            ui.panel(surface, bubble, self.c.bubble, self.c.panel_border, radius=18, width=3)
            # The bubble's tail points at Sango.
            tail_y = min(bubble.bottom - self.px(24), sango_box.centery)
            if self.tr.rtl:
                pts = [(bubble.right - 1, tail_y - self.px(12)), (bubble.right + self.px(16), tail_y),
                       (bubble.right - 1, tail_y + self.px(12))]
            else:
                pts = [(bubble.left + 1, tail_y - self.px(12)), (bubble.left - self.px(16), tail_y),
                       (bubble.left + 1, tail_y + self.px(12))]
            pygame.draw.polygon(surface, self.c.bubble, pts)
            pygame.draw.lines(surface, self.c.panel_border, False, pts, max(1, self.px(3)))
            inner = bubble.inflate(-self.px(36), -self.px(24))
            ui.text(surface, text, inner, text_size or self.theme.body, self.c.text, align="start")
        return bubble
