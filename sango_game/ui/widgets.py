"""A few widgets with focus rings, keyboard/mouse/touch activation and right-to-left layout.

Meaning is never carried by colour alone: states also get an icon (check, cross, star, lock)
and, where it matters, a word.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

import pygame

from ..drawing import place_text  # noqa: F401  (re-exported: the UI draws text with it)
from ..input import Act, Action

if TYPE_CHECKING:  # pragma: no cover
    from ..app import App


class UI:
    """Drawing helpers bound to the app's theme, text engine, art and language."""

    def __init__(self, app: App):
        self.app = app

    @property
    def theme(self):
        return self.app.theme

    @property
    def c(self):
        return self.app.theme.colors

    @property
    def rtl(self) -> bool:
        return self.app.tr.rtl

    @property
    def lang(self) -> str:
        return self.app.tr.code

    def px(self, v: float) -> int:
        return self.app.theme.px(v)

    # -- geometry ---------------------------------------------------------------------------
    def mirror(self, rect: pygame.Rect, container: pygame.Rect | None = None) -> pygame.Rect:
        """Mirror a rect laid out left-to-right when the language is right-to-left."""
        if not self.rtl:
            return pygame.Rect(rect)
        box = container or pygame.Rect((0, 0), self.app.size)
        r = pygame.Rect(rect)
        r.x = box.left + (box.right - rect.right)
        return r

    def row(self, container: pygame.Rect, n: int, height: int, gap: int, y: int | None = None,
            width: int | None = None) -> list[pygame.Rect]:
        """n equal boxes in reading order (left to right, or right to left in Arabic)."""
        if n <= 0:
            return []
        w = width or (container.w - gap * (n - 1)) // n
        total = w * n + gap * (n - 1)
        x0 = container.centerx - total // 2
        yy = container.y if y is None else y
        rects = [pygame.Rect(x0 + i * (w + gap), yy, w, height) for i in range(n)]
        return [self.mirror(r, container) for r in rects]

    def grid(self, container: pygame.Rect, n: int, cols: int, gap: int, max_h: int | None = None) -> list[pygame.Rect]:
        """n cells filled row by row in reading order (mirrored in right-to-left languages)."""
        rows = max(1, (n + cols - 1) // cols)
        cw = (container.w - gap * (cols - 1)) // cols
        ch = (container.h - gap * (rows - 1)) // rows
        if max_h is not None:
            ch = min(ch, max_h)
        return [self.mirror(pygame.Rect(container.x + (i % cols) * (cw + gap), container.y + (i // cols) * (ch + gap), cw, ch),
                            container) for i in range(n)]

    # -- drawing ----------------------------------------------------------------------------
    def text(self, surface: pygame.Surface, text: str, rect: pygame.Rect, size: int, color=None, *,
             align: str = "start", valign: str = "center", bold: bool = False, min_size: int | None = None,
             lang: str | None = None) -> pygame.Rect:
        """Wrap and shrink ``text`` to fit ``rect``; returns the area actually drawn.
        ``lang`` overrides the game language for text that is not in it (the Latin "Sango" logo)."""
        if not text:
            return pygame.Rect(rect.x, rect.y, 0, 0)
        dest = place_text(surface, self.app.text, lang or self.lang, self.rtl, text, rect, size, color or self.c.text,
                          align=align,
                          valign=valign, bold=bold, min_size=min_size or max(12, int(size * 0.6)))
        if dest.h > rect.h + 1 or dest.w > rect.w + 1:
            self.app.note_overflow(text, rect, dest)
        return dest

    def panel(self, surface, rect, fill=None, border=None, radius: int = 16, width: int = 2) -> None:
        if not self.app.text.glyphs:
            # Measure-only (the overflow tour sizes text, it does not look at pixels): the most
            # drawn shape of every screen is skipped with the glyphs.
            return
        r = self.px(self.theme.radius(radius))
        pygame.draw.rect(surface, fill or self.c.panel, rect, border_radius=r)
        pygame.draw.rect(surface, border or self.c.panel_border, rect, max(1, self.px(width)), border_radius=r)

    def dashed_rect(self, surface, rect: pygame.Rect, color, width: int) -> None:
        dash, gap = self.px(14), self.px(8)
        r = rect.inflate(-width, -width)
        for (x1, y1), (x2, y2) in ((r.topleft, r.topright), (r.topright, r.bottomright),
                                   (r.bottomright, r.bottomleft), (r.bottomleft, r.topleft)):
            length = max(abs(x2 - x1), abs(y2 - y1))
            dx, dy = ((x2 > x1) - (x2 < x1)), ((y2 > y1) - (y2 < y1))
            pos = 0
            while pos < length:
                end = min(length, pos + dash)
                pygame.draw.line(surface, color, (x1 + dx * pos, y1 + dy * pos), (x1 + dx * end, y1 + dy * end), width)
                pos = end + gap

    def focus_ring(self, surface, rect: pygame.Rect, radius: int = 14) -> None:
        """Two-tone ring (dark inside, bright outside): visible on any background."""
        pad = self.px(4)
        outer = rect.inflate(pad * 2 + self.px(6), pad * 2 + self.px(6))
        pygame.draw.rect(surface, self.c.focus, outer, max(2, self.px(5)), border_radius=self.px(radius + 6))
        inner = rect.inflate(pad * 2, pad * 2)
        pygame.draw.rect(surface, self.c.focus_inner, inner, max(1, self.px(2)), border_radius=self.px(radius + 3))

    def icon(self, surface, name: str, center, size: int, color=None) -> None:
        img = self.app.art.icon(name, size, color or self.c.text, rtl=self.rtl)
        surface.blit(img, img.get_rect(center=center))

    def stars(self, surface, center, count: int, total: int = 3, size: int = 32) -> pygame.Rect:
        """A row of stars; filled and empty stars differ in shape (outline) as well as colour."""
        gap = self.px(4)
        width = total * size + (total - 1) * gap
        box = pygame.Rect(0, 0, width, size)
        box.center = center
        rects = self.row(box, total, size, gap, width=size)
        for i, r in enumerate(rects):
            filled = i < count
            name = "star" if filled else "star-empty"
            img = self.app.art.icon(name, size, self.c.star if filled else self.c.star_empty)
            surface.blit(img, r)
        return box

    def progress_bar(self, surface, rect: pygame.Rect, fraction: float, color=None) -> None:
        """Fills from the start side: left in LTR, right in RTL."""
        fraction = min(1.0, max(0.0, fraction))
        pygame.draw.rect(surface, self.c.bg2, rect, border_radius=rect.h // 2)
        w = int(rect.w * fraction)
        if w > 0:
            fill = pygame.Rect(rect.x, rect.y, w, rect.h)
            if self.rtl:
                fill.right = rect.right
            pygame.draw.rect(surface, color or self.c.accent, fill, border_radius=rect.h // 2)
        pygame.draw.rect(surface, self.c.panel_border, rect, max(1, self.px(2)), border_radius=rect.h // 2)


class Widget:
    focusable = False
    name: str  # set by the widgets that take focus; the focus ring finds them by it

    def __init__(self, rect: pygame.Rect | Sequence[int] | None = None):
        self.rect = pygame.Rect(rect or (0, 0, 0, 0))
        self.visible = True
        self.enabled = True

    def hit(self, pos) -> bool:
        return self.visible and self.enabled and self.rect.collidepoint(pos)

    def draw(self, ui: UI, surface: pygame.Surface, focused: bool, hovered: bool) -> None:  # pragma: no cover
        pass

    def activate(self) -> None:
        pass

    def label_for_speech(self) -> str:
        return ""


class Button(Widget):
    """A button with a label, optional icon, optional number badge and an answer state.

    ``state``: None | "selected" | "correct" | "wrong" | "missed" (the right answer the player did not pick).
    """

    focusable = True

    def __init__(self, label: str, on_click: Callable[[], object] | None = None, *, icon: str | None = None,
                 style: str = "normal", badge: str | None = None, rect=None, size: int | None = None,
                 align: str = "center", image: pygame.Surface | None = None, name: str | None = None):
        super().__init__(rect)
        self.label = label
        self.on_click = on_click
        self.icon_name = icon
        self.style = style  # normal | primary | choice | quiet | danger | teacher
        self.badge = badge
        self.state: str | None = None
        self.size = size
        self.min_size: int | None = None  # smallest text size when shrinking to fit (default: 60 % of size)
        self.align = align
        self.image = image
        self.name = name or label

    def activate(self) -> None:
        if self.enabled and self.on_click:
            self.on_click()

    def label_for_speech(self) -> str:
        return self.label

    def draw(self, ui: UI, surface, focused, hovered) -> None:
        c = ui.c
        r = self.rect
        fill, border, fg = c.button, c.button_border, c.text
        if self.style == "primary":
            fill, fg = (c.accent_hover if hovered else c.accent), c.text_on_accent
        elif self.style == "danger":
            fill, fg = (c.bad, c.text_on_accent) if not ui.theme.high_contrast else (c.button, c.bad)
        elif self.style == "teacher":
            fill, fg = c.teacher, c.text_on_accent
        elif hovered:
            fill = c.button_hover
        state_icon = None
        width = 2
        if self.state == "selected":
            fill, width, state_icon = c.selected, 4, "check"
        elif self.state == "correct":
            border, width, state_icon = c.good, 5, "check"
        elif self.state == "wrong":
            border, width, state_icon = c.bad, 5, "cross"
        elif self.state == "missed":
            border, width, state_icon = c.good, 5, "check"
        if not self.enabled:
            fg = c.disabled
        if self.state == "missed":
            # A right answer the player did not pick: dashed border (not just a colour) and a hollow check.
            ui.panel(surface, r, fill, fill, radius=14, width=1)
            ui.dashed_rect(surface, r, border, max(2, ui.px(4)))
        else:
            ui.panel(surface, r, fill, border, radius=14, width=width)
        pad = ui.px(14)
        inner = r.inflate(-2 * pad, -ui.px(10))
        lead = pygame.Rect(inner.x, inner.y, 0, inner.h)
        tail = pygame.Rect(inner.right, inner.y, 0, inner.h)
        isz = min(inner.h, ui.px(34))
        if self.badge is not None:
            lead.w = isz + ui.px(8)
            box = ui.mirror(pygame.Rect(lead.x, lead.centery - isz // 2, isz, isz), r)
            # Its own colour pair (checked for contrast), whatever the button's fill: white on pale teal was 1.2:1.
            pygame.draw.rect(surface, c.badge_bg, box, border_radius=ui.px(8))
            pygame.draw.rect(surface, c.panel_border, box, max(1, ui.px(2)), border_radius=ui.px(8))
            ui.text(surface, self.badge, box, ui.theme.small, c.badge_fg if self.enabled else c.disabled, align="center",
                    bold=True)
        if self.image is not None:
            lead.w += self.image.get_width() + ui.px(8)
            img_rect = ui.mirror(pygame.Rect(inner.x + (lead.w - self.image.get_width() - ui.px(8)),
                                             inner.centery - self.image.get_height() // 2, *self.image.get_size()), r)
            surface.blit(self.image, img_rect)
        if self.icon_name:
            lead.w += isz + ui.px(8)
            ic = ui.mirror(pygame.Rect(inner.x + lead.w - isz - ui.px(8), inner.centery - isz // 2, isz, isz), r)
            ui.icon(surface, self.icon_name, ic.center, isz, fg)
        if state_icon:
            tail = pygame.Rect(inner.right - isz, inner.y, isz, inner.h)
            col = c.good if self.state in ("correct", "missed") else (c.bad if self.state == "wrong" else fg)
            ti = ui.mirror(pygame.Rect(tail.x, tail.centery - isz // 2, isz, isz), r)
            if self.state == "missed":
                pygame.draw.circle(surface, col, ti.center, isz // 2, max(1, ui.px(2)))
                ui.icon(surface, state_icon, ti.center, int(isz * 0.7), col)
            else:
                ui.icon(surface, state_icon, ti.center, isz, col)
        text_rect = pygame.Rect(inner.x + lead.w, inner.y, inner.w - lead.w - (tail.w + ui.px(6) if state_icon else 0), inner.h)
        text_rect = ui.mirror(text_rect, r)
        ui.text(surface, self.label, text_rect, self.size or ui.theme.body, fg, align=self.align, bold=ui.theme.teen,
                min_size=self.min_size)
        if focused:
            ui.focus_ring(surface, r)


class FocusGroup:
    """Keyboard focus, hover and click handling for a list of widgets (in logical order)."""

    def __init__(self, widgets: Iterable[Widget] = (), rtl: bool = False):
        self.widgets: list[Widget] = list(widgets)
        self.index = 0
        self.hover: Widget | None = None
        self.pressed: Widget | None = None
        self.rtl = rtl
        self._fix()

    def set(self, widgets: Iterable[Widget], keep: bool = True) -> None:
        old = self.focused
        self.widgets = list(widgets)
        self.index = 0
        if keep and old is not None:
            if old in self.widgets:
                self.index = self.widgets.index(old)
            else:
                # Layout makes new widgets: keep the focus on the one with the same name.
                name = getattr(old, "name", None)
                same = next((i for i, w in enumerate(self.widgets) if name and getattr(w, "name", None) == name), None)
                if same is not None:
                    self.index = same
        self.hover = None
        self._fix()

    def _focusables(self) -> list[int]:
        return [i for i, w in enumerate(self.widgets) if w.focusable and w.visible and w.enabled]

    def _fix(self) -> None:
        f = self._focusables()
        if f and self.index not in f:
            self.index = f[0]

    @property
    def focused(self) -> Widget | None:
        f = self._focusables()
        return self.widgets[self.index] if f and self.index in f else None

    def focus(self, widget: Widget) -> None:
        if widget in self.widgets:
            self.index = self.widgets.index(widget)

    def _move_linear(self, step: int) -> None:
        f = self._focusables()
        if not f:
            return
        pos = f.index(self.index) if self.index in f else 0
        self.index = f[(pos + step) % len(f)]

    def _move_spatial(self, dx: int, dy: int) -> bool:
        cur = self.focused
        if cur is None:
            self._fix()
            return self.focused is not None
        cx, cy = cur.rect.center
        best, best_d = None, None
        for i in self._focusables():
            w = self.widgets[i]
            if w is cur:
                continue
            ox, oy = w.rect.centerx - cx, w.rect.centery - cy
            along = ox * dx + oy * dy
            if along <= 0:
                continue
            across = abs(ox * dy) + abs(oy * dx)
            d = along + 2 * across
            if best_d is None or d < best_d:
                best, best_d = i, d
        if best is None:
            return False
        self.index = best
        return True

    def handle(self, action: Action) -> bool:
        k = action.kind
        if k == Act.FOCUS_NEXT:
            self._move_linear(1)
            return True
        if k == Act.FOCUS_PREV:
            self._move_linear(-1)
            return True
        if k in (Act.UP, Act.DOWN, Act.FORWARD, Act.BACKWARD):
            sign = 1 if not self.rtl else -1
            dx, dy = {Act.UP: (0, -1), Act.DOWN: (0, 1), Act.FORWARD: (sign, 0), Act.BACKWARD: (-sign, 0)}[k]
            if not self._move_spatial(dx, dy):
                self._move_linear(1 if k in (Act.DOWN, Act.FORWARD) else -1)
            return True
        if k == Act.CONFIRM:
            w = self.focused
            if w is not None:
                w.activate()
                return True
            return False
        if k == Act.POINTER_MOVE and action.pos is not None:
            self.hover = next((w for w in self.widgets if w.hit(action.pos)), None)
            return False
        if k == Act.POINTER_DOWN and action.pos is not None:
            self.pressed = next((w for w in self.widgets if w.hit(action.pos)), None)
            if self.pressed is not None and self.pressed.focusable:
                self.focus(self.pressed)
            return self.pressed is not None
        if k == Act.POINTER_UP and action.pos is not None:
            target = next((w for w in self.widgets if w.hit(action.pos)), None)
            pressed, self.pressed = self.pressed, None
            if target is not None and target is pressed:
                target.activate()
                return True
            return False
        return False

    def draw(self, ui: UI, surface) -> None:
        focused = self.focused
        for w in self.widgets:
            if w.visible:
                w.draw(ui, surface, w is focused, w is self.hover)

    def find(self, name: str) -> Widget | None:
        return next((w for w in self.widgets if getattr(w, "name", None) == name), None)
