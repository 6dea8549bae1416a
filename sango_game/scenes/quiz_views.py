"""How each question kind looks on the quiz screen: widgets (focus order = list order, hit boxes
= their rects, mirrored for right-to-left), extra drawing, and what a pick or number key does.

A question kind (``sango_game.kinds``) names its view; kinds that look alike share one (single
and multi both use "choices"). A new look: a :class:`QuizView` subclass and ``register_view``.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

import pygame

from ..ui.widgets import Button

if TYPE_CHECKING:  # pragma: no cover
    from .quiz import QuizScene


class QuizView:
    def widgets(self, scene: QuizScene, area: pygame.Rect) -> list[Any]:
        """The answer widgets in ``area``, in focus order."""
        return []

    def draw(self, scene: QuizScene, surface: pygame.Surface, area: pygame.Rect) -> None:
        """Anything drawn under the widgets (a message frame, the card to sort ...)."""

    def choose(self, scene: QuizScene, item_id: str) -> None:
        """A click or number key on option ``item_id``."""
        scene.pick(item_id)


def choice_buttons(scene: QuizScene, entries: list[tuple[str, str]], area: pygame.Rect, row: bool = False) -> list[Button]:
    """Numbered answer buttons: a column (two when there are more than four), or one row."""
    n = len(entries)
    gap = scene.px(12)
    rects: list[pygame.Rect] = []
    if row:
        rects = scene.ui.row(area, n, min(area.h, scene.px(110)), scene.px(30), y=area.centery - min(area.h, scene.px(110)) // 2,
                             width=min(scene.px(420), (area.w - scene.px(30)) // 2))
    elif n <= 4:
        cap = scene.px(78)
        if scene.split_feedback:
            gap, cap = scene.px(6), scene.px(96)  # beside the feedback panel: height for two-line answers
        h = min(cap, (area.h - gap * (n - 1)) // n)
        rects = [pygame.Rect(area.x, area.y + i * (h + gap), area.w, h) for i in range(n)]
    else:
        rows = (n + 1) // 2
        h = (area.h - gap * (rows - 1)) // rows
        w = (area.w - gap) // 2
        rects = [scene.ui.mirror(pygame.Rect(area.x + (i % 2) * (w + gap), area.y + (i // 2) * (h + gap), w, h), area)
                 for i in range(n)]
    out = []
    for i, ((cid, label), r) in enumerate(zip(entries, rects, strict=False)):
        b = Button(label, partial(scene.pick, cid), rect=r, badge=scene.tr.number(i + 1), style="choice",
                   align="start" if not row else "center", name=f"choice-{cid}", size=scene.theme.body)
        b.state = scene._state(cid)
        out.append(b)
    return out


class ChoicesView(QuizView):
    def widgets(self, scene: QuizScene, area: pygame.Rect) -> list[Any]:
        return choice_buttons(scene, [(c.id, scene.tr.level(c.text)) for c in scene.q.choices], area)


class TrueFalseView(QuizView):
    def widgets(self, scene: QuizScene, area: pygame.Rect) -> list[Any]:
        return choice_buttons(scene, [("true", scene.tr._("True")), ("false", scene.tr._("False"))], area, row=True)


class MessageView(QuizView):
    """A chat, email or post, one button per line (red flags)."""

    def widgets(self, scene: QuizScene, area: pygame.Rect) -> list[Any]:
        msg = scene.q.message
        head = scene.px(40)
        lines = msg.lines
        n = len(lines)
        gap = scene.px(8)
        inner = pygame.Rect(area.x + scene.px(16), area.y + head, area.w - scene.px(32), area.h - head - scene.px(10))
        cols = 1 if n <= 4 else 2
        rows = (n + cols - 1) // cols
        h = min(scene.px(76), (inner.h - gap * (rows - 1)) // rows)
        w = (inner.w - gap * (cols - 1)) // cols
        out = []
        for i, line in enumerate(lines):
            col, rw = (i // rows, i % rows) if cols == 2 else (0, i)
            r = pygame.Rect(inner.x + col * (w + gap), inner.y + rw * (h + gap), w, h)
            if msg.format == "chat" and cols == 1:
                r.w = int(inner.w * 0.85)
            r = scene.ui.mirror(r, inner)
            b = Button(scene.tr.level(line.text), partial(scene.pick, line.id), rect=r, badge=scene.tr.number(i + 1),
                       align="start", name=f"line-{line.id}", size=scene.theme.body if cols == 1 else scene.theme.small)
            b.state = scene._state(line.id)
            out.append(b)
        return out

    def draw(self, scene: QuizScene, surface: pygame.Surface, area: pygame.Rect) -> None:
        msg = scene.q.message
        ui, c, px = scene.ui, scene.c, scene.px
        ui.panel(surface, area, c.chat_them if msg.format == "chat" else c.panel, c.panel_border, radius=16, width=2)
        icon = {"chat": "team", "email": "mail", "post": "globe"}[msg.format]
        head = pygame.Rect(area.x + px(16), area.y + px(4), area.w - px(32), px(34))
        ui.icon(surface, icon, ui.mirror(pygame.Rect(head.x, head.y, head.h, head.h), head).center, px(26))
        who = scene.tr.level(msg.sender)
        if msg.subject is not None:
            who = f"{who} · {scene.tr.level(msg.subject)}"
        ui.text(surface, who, ui.mirror(pygame.Rect(head.x + head.h + px(8), head.y, head.w - head.h - px(8), head.h), head),
                scene.theme.small, c.text, align="start", bold=True)


class SortView(QuizView):
    """One item at a time on a card, a button per group; afterwards every item with its mark."""

    def widgets(self, scene: QuizScene, area: pygame.Rect) -> list[Any]:
        q = scene.q
        out = []
        pending = [it for it in q.items if it.id not in scene.placed]
        if scene.answering and pending:
            bins = q.bins
            row = pygame.Rect(area.x, area.bottom - scene.px(100), area.w, scene.px(96))
            rects = scene.ui.row(row, len(bins), scene.px(96), scene.px(24),
                                 width=min(scene.px(360), (area.w - scene.px(48)) // len(bins)))
            for i, (b, r) in enumerate(zip(bins, rects, strict=False)):
                out.append(Button(scene.tr.level(b.label), partial(scene.place, b.id), rect=r,
                                  badge=scene.tr.number(i + 1), style="primary", name=f"bin-{b.id}", size=scene.theme.body))
        else:
            # Review: every item with its mark; the badge is the number of the group the player chose
            # (the same numbers as on the group buttons; a legend above says which is which).
            n = len(q.items)
            legend_h = scene.px(28)
            area = pygame.Rect(area.x, area.y + legend_h, area.w, area.h - legend_h)
            cols = 1 if n <= 3 else 2
            rows = (n + cols - 1) // cols
            gap = scene.px(6)
            h = min(scene.px(76), (area.h - gap * (rows - 1)) // rows)
            w = (area.w - gap * (cols - 1)) // cols
            bin_no = {b.id: i for i, b in enumerate(q.bins)}
            for i, it in enumerate(q.items):
                col, row_i = (i // rows, i % rows)
                r = scene.ui.mirror(pygame.Rect(area.x + col * (w + gap), area.y + row_i * (h + gap), w, h), area)
                placed = scene.placed.get(it.id)
                badge = scene.tr.number(bin_no[placed] + 1) if placed in bin_no else None
                b = Button(scene.tr.level(it.text), None, rect=r, align="start", name=f"item-{it.id}", size=scene.theme.small,
                           badge=badge)
                b.state = scene._state(it.id)
                b.focusable = False
                out.append(b)
        return out

    def draw(self, scene: QuizScene, surface: pygame.Surface, area: pygame.Rect) -> None:
        q = scene.q
        ui, tr, px = scene.ui, scene.tr, scene.px
        if scene.answering:
            pending = [it for it in q.items if it.id not in scene.placed]
            if pending:
                card = pygame.Rect(0, 0, min(area.w, px(640)), px(110))
                card.midtop = (area.centerx, area.y + px(30))
                ui.panel(surface, card, scene.c.bubble, scene.c.accent, radius=16, width=4)
                ui.text(surface, tr.level(pending[0].text), card.inflate(-px(30), -px(16)), scene.theme.font(26),
                        align="center", bold=True)
                count = tr.f("Item {n} of {total}", n=len(scene.placed) + 1, total=len(q.items))
                ui.text(surface, count, pygame.Rect(card.x, area.y, card.w, px(28)), scene.theme.small, scene.c.text_soft,
                        align="center")
        if not (scene.answering and len(scene.placed) < len(q.items)):
            legend = " · ".join(f"{tr.number(i + 1)} = {tr.level(b.label)}" for i, b in enumerate(q.bins))
            ui.text(surface, legend, pygame.Rect(area.x, area.y, area.w, px(28)), scene.theme.small,
                    scene.c.text_soft, align="start", bold=True)

    def choose(self, scene: QuizScene, item_id: str) -> None:
        scene.place(item_id)


_VIEWS: dict[str, QuizView] = {"choices": ChoicesView(), "true_false": TrueFalseView(), "message": MessageView(),
                               "sort": SortView()}


def register_view(name: str, view: QuizView) -> None:
    _VIEWS[name] = view


def view_for(kind_view: str) -> QuizView:
    try:
        return _VIEWS[kind_view]
    except KeyError:
        raise KeyError(f"no quiz view {kind_view!r} (known: {', '.join(_VIEWS)})") from None
