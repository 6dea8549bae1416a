"""What every app view on the pretend device shares: the View base, list rows and buttons, the switch
button, and the wording of Sango's notes. The views themselves are in :mod:`.views`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame

from ...practice.apps import get as get_app
from ...practice.engine import Note
from ...ui.widgets import Button

if TYPE_CHECKING:
    from .scene import PracticeScene

Built = tuple[list, list[Callable[[], object]]]
# A list row: label, what choosing it does, widget name.
Entry = tuple[str, Callable[[], object], str]

def note_text(tr: Any, note: Note) -> str:
    parts = []
    if note.ui:
        kw = {k: (tr.level(v) if hasattr(v, "ctx") else v) for k, v in note.kw}
        if note.plural:
            n = int(kw.pop("n", 0))
            parts.append(tr.nf(note.ui, note.plural, n, **kw))
        else:
            parts.append(tr.f(note.ui, **kw))
    if note.text is not None:
        parts.append(tr.level(note.text))
    return " ".join(parts)


def clock_time(t: float) -> str:
    """A pretend phone time; digits and ':' stay left-to-right in every language."""
    return f"16:{min(59, 2 + int(t // 4)):02d}"


class SwitchButton(Button):
    """A settings row: the label on the start side, the switch on the end side (knob at the end when on)."""

    def __init__(self, label: str, value: bool, on_click, *, rect, name: str, size: int, on_word: str, off_word: str):
        super().__init__(label, on_click, rect=rect, name=name, size=size, align="start")
        self.value = value
        self.words = (on_word, off_word)

    def label_for_speech(self) -> str:
        return f"{self.label}: {self.words[0] if self.value else self.words[1]}"

    def draw(self, ui, surface, focused, hovered) -> None:
        c = ui.c
        r = self.rect
        ui.panel(surface, r, c.button_hover if hovered else c.button, c.button_border, radius=12, width=2)
        tw, th = ui.px(64), ui.px(32)
        track = ui.mirror(pygame.Rect(r.right - tw - ui.px(12), r.centery - th // 2, tw, th), r)
        pygame.draw.rect(surface, c.good if self.value else c.disabled, track, border_radius=th // 2)
        pygame.draw.rect(surface, c.panel_border, track, max(1, ui.px(2)), border_radius=th // 2)
        at_end = self.value != ui.rtl  # the knob sits at the end side when on: right in LTR, left in RTL
        knob_x = track.right - th // 2 if at_end else track.x + th // 2
        pygame.draw.circle(surface, c.panel, (knob_x, track.centery), th // 2 - ui.px(4))
        ui.icon(surface, "check" if self.value else "cross", (knob_x, track.centery), th // 2, c.text)
        text_r = ui.mirror(pygame.Rect(r.x + ui.px(14), r.y, r.w - tw - ui.px(40), r.h), r)
        ui.text(surface, self.label, text_r, self.size or ui.theme.small, c.text, align="start")
        if focused:
            ui.focus_ring(surface, r)


def _lh(scene: PracticeScene, size: float) -> int:
    """The language's line height at a design font size (Arabic and Chinese lines are taller)."""
    return scene.app.text.line_height(scene.tr.code, scene.theme.font(size))


def _rows(scene: PracticeScene, rect: pygame.Rect, n: int, h: float = 52, gap: float = 8, top: int = 0) -> list[pygame.Rect]:
    hh = scene.px(h)
    g = scene.px(gap)
    y = rect.y + top + g
    return [pygame.Rect(rect.x + scene.px(10), y + i * (hh + g), rect.w - scene.px(20), hh) for i in range(n)]


def _button(scene: PracticeScene, label: str, fn: Callable[[], object], r: pygame.Rect, i: int | None, name: str,
            style: str = "choice", icon: str | None = None) -> Button:
    return Button(label, fn, rect=r, badge=scene.tr.number(i + 1) if i is not None and i < 9 else None, align="start",
                  style=style, name=name, size=scene.theme.font(17), icon=icon)


def _list(scene: PracticeScene, rect: pygame.Rect, entries: list[Entry], top: int = 0,
          h: float = 52) -> Built:
    rows = _rows(scene, rect, len(entries), h=h, top=top)
    widgets = [_button(scene, label, fn, r, i, name) for i, ((label, fn, name), r) in enumerate(zip(entries, rows, strict=False))
               if r.bottom <= rect.bottom]
    return widgets, [fn for _, fn, _ in entries][: len(widgets)]


class View:
    name = ""

    def title(self, scene: PracticeScene) -> str:
        return scene.tr._(get_app(self.name).title)

    def build(self, scene: PracticeScene, rect: pygame.Rect) -> Built:
        return [], []

    def draw(self, scene: PracticeScene, surface, rect: pygame.Rect) -> None:
        pass

    def unread(self, scene: PracticeScene) -> int:
        return 0

    def animating(self, scene: PracticeScene) -> str | None:
        """"frame" while something moves every frame (typing dots), "second" for a once-a-second countdown."""
        return None

    def speech(self, scene: PracticeScene) -> str:
        return get_app(self.name).speech(scene.run, scene.tr)

    def long_press(self, scene: PracticeScene, pos: tuple[int, int]) -> bool:
        """Press and hold at ``pos`` (touch or mouse). True if it did something."""
        return False

    def hover(self, scene: PracticeScene, pos: tuple[int, int]) -> None:
        """The mouse rests at ``pos`` (not touch)."""
