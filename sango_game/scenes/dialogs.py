"""Modal dialogs drawn over the current screen: message, confirm, PIN entry."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pygame

from ..input import Act, Action
from ..ui.widgets import Button
from .base import BaseScene


class Dialog(BaseScene):
    opaque = False
    header = False
    name = "dialog"

    def box(self) -> pygame.Rect:
        w, h = self.app.size
        r = pygame.Rect(0, 0, min(w - self.px(80), self.px(820)), min(h - self.px(60), self.px(460)))
        r.center = (w // 2, h // 2)
        return r

    def draw_background(self, surface) -> None:
        # Only over the part being drawn: a frame that updates a focus ring needs no window-sized surface.
        area = surface.get_clip()
        shade = pygame.Surface(area.size, pygame.SRCALPHA)
        shade.fill((0, 0, 0, 150))
        surface.blit(shade, area.topleft)
        self.ui.panel(surface, self.box(), self.c.panel, self.c.panel_border, radius=20, width=3)


class MessageDialog(Dialog):
    name = "message"

    def __init__(self, app, title: str, body: str = "", mood: str = "happy", on_close: Callable[[], object] | None = None):
        super().__init__(app)
        self.title_text = title
        self.body = body
        self.mood = mood
        self.on_close = on_close

    def build(self):
        b = self.box()
        ok = Button(self.tr._("OK"), self.close, style="primary", name="ok",
                    rect=pygame.Rect(b.centerx - self.px(110), b.bottom - self.px(84), self.px(220), self.px(60)))
        return [ok]

    def close(self) -> None:
        self.app.stack.pop()
        if self.on_close:
            self.on_close()

    def back(self) -> None:
        self.close()

    def draw_content(self, surface) -> None:
        b = self.box()
        inner = b.inflate(-self.px(40), -self.px(40))
        area = pygame.Rect(inner.x, inner.y, inner.w, inner.h - self.px(90))
        text = self.title_text + ("\n" + self.body if self.body else "")
        self.draw_sango(surface, area, text, self.mood, sango_size=self.px(120))

    def speech(self) -> str:
        return f"{self.title_text}. {self.body}"


class ConfirmDialog(Dialog):
    name = "confirm"

    def __init__(self, app, question: str, on_yes: Callable[[], object], yes: str | None = None, no: str | None = None,
                 danger: bool = False, mood: str = "thinking", on_no: Callable[[], object] | None = None):
        """``on_no``: what "no" (and Escape) does instead of just closing the dialog."""
        super().__init__(app)
        self.question = question
        self.on_yes = on_yes
        self.on_no = on_no
        self.yes_label = yes or app.tr._("Yes")
        self.no_label = no or app.tr._("No")
        self.danger = danger
        self.mood = mood

    def build(self):
        b = self.box()
        row = pygame.Rect(b.x + self.px(40), b.bottom - self.px(84), b.w - self.px(80), self.px(60))
        rects = self.ui.row(row, 2, self.px(60), self.px(24))
        no = Button(self.no_label, self.back, name="no", rect=rects[0])
        yes = Button(self.yes_label, self.yes, style="danger" if self.danger else "primary", name="yes", rect=rects[1])
        return [no, yes]  # the safe answer has focus first

    def yes(self) -> None:
        self.app.stack.pop()
        self.on_yes()

    def back(self) -> None:
        if self.on_no is None:
            super().back()
        else:
            self.on_no()

    def draw_content(self, surface) -> None:
        b = self.box()
        inner = b.inflate(-self.px(40), -self.px(40))
        self.draw_sango(surface, pygame.Rect(inner.x, inner.y, inner.w, inner.h - self.px(90)), self.question, self.mood,
                        sango_size=self.px(120))

    def speech(self) -> str:
        return self.question


class PinDialog(Dialog):
    """Enter a 4-8 digit PIN with the keyboard, the number keys, or the on-screen keypad."""

    name = "pin"
    text_entry = True  # digits typed on any keyboard, Arabic-Indic digits included

    def __init__(self, app, prompt: str, on_pin: Callable[[str], bool | str], hint: str = "", error: str = ""):
        super().__init__(app)
        self.prompt = prompt
        # Returns True to close, False to show "not right" and clear, or a message to show instead
        # (e.g. how long to wait after too many wrong PINs).
        self.on_pin = on_pin
        self.hint = hint
        self.digits = ""
        self.error = error

    def box(self) -> pygame.Rect:
        w, h = self.app.size
        r = pygame.Rect(0, 0, min(w - self.px(60), self.px(640)), min(h - self.px(40), self.px(640)))
        r.center = (w // 2, h // 2)
        return r

    def build(self):
        b = self.box()
        key = self.px(62)
        gap = self.px(12)
        grid_w = 3 * key + 2 * gap
        x0 = b.centerx - grid_w // 2
        y0 = b.y + self.px(200)
        out = []
        labels = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "erase", "0", "ok"]
        for i, lab in enumerate(labels):
            r = pygame.Rect(x0 + (i % 3) * (key + gap), y0 + (i // 3) * (key + gap), key, key)
            r = self.ui.mirror(r, b) if lab in ("erase", "ok") else r  # digits keep phone order
            if lab == "erase":
                out.append(Button("", self.erase, icon="back", name="erase", rect=r))
            elif lab == "ok":
                out.append(Button("", self.submit, icon="check", style="primary", name="ok", rect=r))
            else:
                out.append(Button(self.tr.number(int(lab)), partial(self.type, lab), name=f"digit{lab}", rect=r))
        cancel = Button(self.tr._("Cancel"), self.back, name="cancel",
                        rect=pygame.Rect(b.centerx - self.px(100), b.bottom - self.px(70), self.px(200), self.px(54)))
        return out + [cancel]

    def type(self, d: str) -> None:
        if len(self.digits) < 8 and d.isdigit():
            self.digits += d
            self.error = ""

    def erase(self) -> None:
        self.digits = self.digits[:-1]

    def submit(self) -> None:
        if len(self.digits) < 4:
            self.error = self.tr._("The PIN has 4 to 8 digits.")
            return
        pin, self.digits = self.digits, ""
        result = self.on_pin(pin)
        if result is True:
            if self.app.stack.top is self:
                self.app.stack.pop()
        else:
            self.error = result if isinstance(result, str) and result else self.tr._("That PIN is not right. Try again.")

    def handle(self, action: Action) -> bool:
        if action.kind == Act.TEXT and action.text:
            for ch in action.text:
                # Accept Arabic-Indic and other Unicode digits too.
                if ch.isdigit():
                    self.type(str(int(ch)))
            return True
        if action.kind == Act.ERASE:
            self.erase()
            return True
        if action.kind == Act.CHOOSE and action.index is not None:
            self.type(str(action.index + 1))
            return True
        on_digits = self.focus.focused is None or self.focus.focused.name.startswith("digit")
        if action.kind == Act.CONFIRM and on_digits and len(self.digits) >= 4:
            self.submit()
            return True
        return super().handle(action)

    def draw_content(self, surface) -> None:
        b = self.box()
        self.ui.text(surface, self.prompt, pygame.Rect(b.x + self.px(30), b.y + self.px(20), b.w - self.px(60), self.px(70)),
                     self.theme.body, align="center", bold=True)
        dots = pygame.Rect(b.x + self.px(60), b.y + self.px(96), b.w - self.px(120), self.px(50))
        pygame.draw.rect(surface, self.c.bg2, dots, border_radius=self.px(10))
        n = len(self.digits)
        r = self.px(10)
        for i in range(n):
            cx = dots.centerx + (i - (n - 1) / 2) * self.px(30)
            pygame.draw.circle(surface, self.c.text, (int(cx), dots.centery), r)
        msg = self.error or self.hint
        if msg:
            self.ui.text(surface, msg, pygame.Rect(b.x + self.px(20), b.y + self.px(150), b.w - self.px(40), self.px(44)),
                         self.theme.small, self.c.bad if self.error else self.c.text_soft, align="center")

    def speech(self) -> str:
        return self.prompt


class TextPromptDialog(Dialog):
    """Type a short line of text (any script, via the system keyboard or input method)."""

    name = "text-prompt"
    text_entry = True

    def __init__(self, app, prompt: str, value: str, on_ok: Callable[[str], None], max_len: int = 60, hint: str = ""):
        super().__init__(app)
        self.prompt = prompt
        self.value = value
        self.on_ok = on_ok
        self.max_len = max_len
        self.hint = hint

    def build(self):
        b = self.box()
        row = pygame.Rect(b.x + self.px(40), b.bottom - self.px(84), b.w - self.px(80), self.px(60))
        cancel_r, ok_r = self.ui.row(row, 2, self.px(60), self.px(24))
        return [Button(self.tr._("Save"), self.ok, icon="check", style="primary", name="ok", rect=ok_r),
                Button(self.tr._("Cancel"), self.back, name="cancel", rect=cancel_r)]

    def ok(self) -> None:
        self.app.stack.pop()
        self.on_ok(self.value)

    def handle(self, action: Action) -> bool:
        if action.kind == Act.TEXT and action.text:
            text = "".join(ch for ch in action.text if ch.isprintable())
            self.value = (self.value + text)[: self.max_len]
            return True
        if action.kind == Act.ERASE:
            self.value = self.value[:-1]
            return True
        return super().handle(action)

    def draw_content(self, surface) -> None:
        b = self.box()
        inner = b.inflate(-self.px(60), -self.px(40))
        self.ui.text(surface, self.prompt, pygame.Rect(inner.x, inner.y, inner.w, self.px(80)), self.theme.body, align="start",
                     bold=True)
        field = pygame.Rect(inner.x, inner.y + self.px(100), inner.w, self.px(64))
        self.ui.panel(surface, field, self.c.panel, self.c.focus, radius=12, width=4)
        self.ui.text(surface, self.value + "|", field.inflate(-self.px(30), -self.px(8)), self.theme.font(26), align="start")
        if self.hint:
            self.ui.text(surface, self.hint, pygame.Rect(inner.x, field.bottom + self.px(10), inner.w, self.px(60)),
                         self.theme.small, self.c.text_soft, align="start")

    def speech(self) -> str:
        return self.prompt
