"""Routes input on the pretend device and lays it out: the device (phone or laptop) on the start
side, Sango's bubble with what just happened on the end side. Time comes from the frames' ``dt``
through the engine's manual clock, so ``App.step`` drives it deterministically."""

from __future__ import annotations

import json
from functools import partial
from typing import cast

import pygame

from ...i18n import N_
from ...input import Act, Action
from ...practice import apps as app_registry
from ...practice.engine import Entry, ManualClock, Note, PracticeRun, note_score
from ...ui.widgets import Button
from ..base import BaseScene
from ..dialogs import ConfirmDialog
from . import labels as L
from .view_kit import note_text
from .views import VIEWS, MessengerView

LONG_PRESS = 0.5  # seconds: press and hold a message or a link, as on a phone
QUALITY_MOOD = {"good": "celebrating", "okay": "thinking", "risky": "worried", None: "happy"}


class PracticeScene(BaseScene):
    name = "practice"
    back_label = N_("Leave")

    def __init__(self, app, level):
        super().__init__(app)
        self.level = level
        self.clock = ManualClock()
        self.run = PracticeRun(level, self.clock, on_action=self.record)
        self.screen: tuple[str, ...] = ("home",)
        self.note: Note | None = None
        self.banner: str | None = None  # the latest notification, shown on top of the device
        self.typed = ""  # the passphrase being typed: only in memory, never stored or logged
        self.choices: list = []  # what number keys 1-9 pick on this screen
        self.last_second = -1
        self.last_action_t = 0.0
        self.dots_box: pygame.Rect | None = None  # where the typing dots were drawn (set by the messenger view)
        self.dots_only = False  # this frame only the dots move: redraw just their box
        self.pressed: tuple[tuple[int, int], float] | None = None  # where and when a pointer went down (long press)
        self._moved: list[pygame.Rect] | None = None  # what this frame's animation changes (None: everything)

    def title(self) -> str:
        return self.tr.level(self.level.title)

    # -- layout -----------------------------------------------------------------------------
    def areas(self) -> tuple[pygame.Rect, pygame.Rect]:
        body = self.body_rect
        if self.run.p.device == "laptop":
            dw = int(body.w * 0.64)
        else:
            dw = min(int(body.w * 0.5), int(body.h * 0.78))
        device = self.ui.mirror(pygame.Rect(body.x, body.y, dw, body.h), body)
        side = self.ui.mirror(pygame.Rect(body.x + dw + self.px(24), body.y, body.w - dw - self.px(24), body.h), body)
        return device, side

    def phone_screen_rect(self) -> pygame.Rect:
        device, _ = self.areas()
        frame = self.px(14) if self.run.p.device == "phone" else self.px(10)
        return device.inflate(-2 * frame, -2 * frame - self.px(20))

    def go(self, *screen: str) -> None:
        self.screen = tuple(screen)
        self.app.sound.play("click")
        self._text(self.screen == ("app", "password"))
        self.layout()
        self.focus.set(self.focus.widgets, keep=False)
        self.app.dirty = True

    def _text(self, on: bool) -> None:
        # Typing is only for the passphrase box: elsewhere number keys pick choices.
        self.text_entry = on
        self.app.input.text_mode = on
        if on:
            try:
                pygame.key.start_text_input()
            except pygame.error:  # pragma: no cover
                pass

    def exit(self) -> None:
        self._text(False)
        self.typed = ""

    def pause(self) -> None:
        self._text(False)

    def resume(self) -> None:
        self._text(self.screen == ("app", "password"))

    def build(self) -> list:
        scr = self.phone_screen_rect()
        _, side = self.areas()
        top = pygame.Rect(scr.x, scr.y, scr.w, self.px(48))
        out: list = []
        if self.screen != ("home",):
            out.append(Button(self.tr._(L.BACK), self.device_back, icon="back", name="device-back", style="quiet",
                              rect=self.ui.mirror(pygame.Rect(top.x + self.px(4), top.y + self.px(4), self.px(120), self.px(40)),
                                                  top),
                              size=self.theme.small))
        content = pygame.Rect(scr.x, top.bottom, scr.w, scr.bottom - top.bottom)
        self.choices = []
        if self.screen == ("home",):
            out += self.build_home(content)
        else:
            view = VIEWS[self.view_name()]
            widgets, self.choices = view.build(self, content)
            out += widgets
        done_r = pygame.Rect(side.x, side.bottom - self.px(70), side.w, self.px(66))
        ready = self.run.script_over
        done = Button(self.tr._(L.DONE if ready else L.DONE_WAIT), self.done if ready else None,
                      icon="check" if ready else "timer",
                      style="primary" if ready else "normal", name="done", rect=done_r, size=self.theme.body)
        done.enabled = ready
        out.append(done)
        return out

    def view_name(self) -> str:
        kind = self.screen[0]
        return {"app": self.screen[1] if len(self.screen) > 1 else "messenger", "chat": "messenger", "menu": "messenger",
                "report": "messenger", "mail": "inbox", "post": "post"}.get(kind, "messenger")

    def build_home(self, rect: pygame.Rect) -> list:
        names = self.run.p.apps
        cols = 2 if self.run.p.device == "phone" else 3
        cells = self.ui.grid(pygame.Rect(rect.x + self.px(12), rect.y + self.px(70), rect.w - self.px(24), rect.h - self.px(80)),
                             len(names), cols, self.px(14), max_h=self.px(110))
        out = []
        for i, (name, r) in enumerate(zip(names, cells, strict=False)):
            app = app_registry.get(name)
            unread = VIEWS[name].unread(self)
            label = self.tr._(app.title) + (f" ({self.tr.number(unread)})" if unread else "")
            out.append(Button(label, partial(self.go, "app", name), icon=app.icon, badge=self.tr.number(i + 1), rect=r,
                              name=f"app-{name}", size=self.theme.small))
            self.choices.append(partial(self.go, "app", name))
        return out

    # -- acting -----------------------------------------------------------------------------
    def act(self, verb: str, target: str, detail: str | None = None, then: tuple[str, ...] | None = None) -> Note | None:
        try:
            note = self.run.act(verb, target, detail)
        except ValueError:
            self.app.sound.play("wrong")
            return None
        self.note = note
        self.app.sound.play({"good": "correct", "risky": "wrong"}.get(note.quality or "", "click"))
        if then is not None:
            self.screen = then
        self.layout()
        self.app.dirty = True
        if self.app.speech.enabled:
            self.app.speech.say(note_text(self.tr, note), self.tr.code)
        return note

    def record(self, entry: Entry, note: Note) -> None:
        """Every action is an attempt row: what, when (ms since the last action), on which item
        (a guest's are not kept: PlayerProgress decides)."""
        score = note_score(note)
        item = f"{entry.verb}:{entry.target}"[:64]
        answer = json.dumps({"do": entry.verb, "on": entry.target, "detail": entry.detail, "t": round(entry.t, 1)})
        ms = int(max(0.0, entry.t - self.last_action_t) * 1000)
        self.last_action_t = entry.t
        try:
            self.app.player.record_attempt(self.level.id, item, answer, score, ms,
                                           session_id=getattr(self.app.class_session, "id", None))
        except Exception as exc:
            self.app.report_storage_error(exc)

    def device_back(self) -> None:
        kind = self.screen[0]
        if kind in ("menu", "report"):
            self.go("chat", self.screen[1])
        elif kind in ("chat", "mail", "post"):
            self.go("app", self.view_name())
        else:
            self.go("home")

    def back(self) -> None:
        self.app.stack.push(ConfirmDialog(self.app, self.tr._(L.LEAVE_ASK), lambda: self.app.stack.pop(),
                                          yes=self.tr._("Leave"), no=self.tr._("Stay")))

    def done(self) -> None:
        self._text(False)
        self.typed = ""
        debrief = self.run.finish()
        try:
            for item, score in debrief.judgement_rows():
                self.app.player.record_attempt(self.level.id, item, json.dumps({"judged": score == 1.0}), score, 0,
                                               session_id=getattr(self.app.class_session, "id", None))
        except Exception as exc:
            self.app.report_storage_error(exc)
        self.app.go("practice-debrief", self.level, debrief)

    # -- frames -----------------------------------------------------------------------------
    def update(self, dt: float) -> bool:
        was_over = self.run.script_over
        self.clock.advance(dt)
        arrived = self.run.update()
        changed = bool(arrived) or was_over != self.run.script_over
        for ev in arrived:
            muted = ev.sender is not None and ev.sender in self.run.state.get("muted", ())
            if (ev.chat is None or self.screen != ("chat", ev.chat)) and not muted:
                self.banner = self.banner_text(ev)
                self.app.sound.play("page")
            if self.app.speech.enabled and self.screen == ("chat", ev.chat):
                self.app.speech.say(self.banner_text(ev), self.tr.code)
        if changed:
            # A message arrived: only the device changes. The script ended: the Done button too.
            self._moved = self._arrival_rects()
            if was_over != self.run.script_over:
                self._moved = None
            return True
        # Animate only what moves: typing dots (not with reduced motion) and a shop countdown, once a second.
        view = VIEWS[self.view_name()] if self.screen != ("home",) else None
        moving = view.animating(self) if view is not None else None
        if moving == "frame":
            if self.theme.reduced_motion:
                return False  # no typing dots (the messages still come)
            # Nothing else changed (no input this frame, we are on top): repaint only the dots' box.
            self.dots_only = (self.dots_box is not None and not self.app.dirty and not self.app.dirty_rects
                              and self.app.stack.top is self)
            self._moved = [pygame.Rect(self.dots_box)] if self.dots_only and self.dots_box is not None else None
            return True
        if moving == "second":
            second = int(self.clock())
            if second != self.last_second:
                self.last_second = second
                self._moved = [self._device_rect()]
                return True
        return False

    def _device_rect(self) -> pygame.Rect:
        """The pretend device with its notification banner and its widgets' focus rings."""
        return self.areas()[0].inflate(2 * self.px(16), 2 * self.px(16))

    def _arrival_rects(self) -> list[pygame.Rect]:
        """A message arrived: the device's screen changes (new bubble, new reply buttons, the banner),
        and the focus ring or hover highlight may move when the widgets are made again."""
        pad = self.px(14)
        before = [w.rect.inflate(pad, pad) for w in (self.focus.focused, self.focus.hover) if w is not None]
        self.layout()
        after = [w.rect.inflate(pad, pad) for w in (self.focus.focused,) if w is not None]
        return [self._device_rect(), *before, *after]

    def animation_rects(self) -> list[pygame.Rect] | None:
        return self._moved

    def banner_text(self, ev) -> str:
        if ev.sender:
            return f"{self.tr.level(self.run.p.known_contact(ev.sender).name)}: {self.tr.level(ev.text)}"
        return self.tr.level(ev.text)

    def handle(self, action: Action) -> bool:
        view = VIEWS[self.view_name()] if self.screen != ("home",) else None
        if action.kind == Act.POINTER_DOWN and action.pos is not None:
            self.pressed = (action.pos, self.clock())
        elif action.kind == Act.POINTER_UP and action.pos is not None and self.pressed is not None:
            start, t0 = self.pressed
            self.pressed = None
            near = abs(start[0] - action.pos[0]) + abs(start[1] - action.pos[1]) < self.px(24)
            if near and self.clock() - t0 >= LONG_PRESS and view is not None and view.long_press(self, action.pos):
                return True
        elif action.kind == Act.POINTER_MOVE and action.pos is not None and not action.touch and view is not None:
            view.hover(self, action.pos)
        if action.kind == Act.CHOOSE and action.index is not None:
            if action.index < len(self.choices):
                self.choices[action.index]()
            return True
        if self.text_entry and action.kind in (Act.TEXT, Act.ERASE):
            if action.kind == Act.TEXT:
                self.typed = (self.typed + (action.text or ""))[:64]
            else:
                self.typed = self.typed[:-1]
            self.app.dirty = True
            return True
        return super().handle(action)

    # -- drawing ----------------------------------------------------------------------------
    def draw(self, surface) -> None:
        dots_only, self.dots_only = self.dots_only, False
        if dots_only and self.dots_box is not None and self.app.partial_draw:
            cast("MessengerView", VIEWS["messenger"]).draw_dots(self, surface, self.dots_box)
            return
        self.dots_box = None
        super().draw(surface)

    def draw_content(self, surface) -> None:
        device, side = self.areas()
        scr = self.phone_screen_rect()
        c = self.c
        if self.run.p.device == "phone":
            self.ui.panel(surface, device, c.panel_border, c.panel_border, radius=34, width=2)
            self.ui.panel(surface, scr.inflate(0, self.px(20)), c.panel, c.panel_border, radius=22, width=1)
        else:
            lid = device.inflate(0, -self.px(30))
            self.ui.panel(surface, lid, c.panel_border, c.panel_border, radius=14, width=2)
            base = pygame.Rect(device.x - self.px(12), lid.bottom, device.w + self.px(24), self.px(18))
            pygame.draw.rect(surface, c.text_soft, base, border_radius=self.px(8))
            self.ui.panel(surface, scr, c.panel, c.panel_border, radius=6, width=1)
        top = pygame.Rect(scr.x, scr.y, scr.w, self.px(48))
        pygame.draw.line(surface, c.panel_border, top.bottomleft, top.bottomright, max(1, self.px(1)))
        content = pygame.Rect(scr.x, top.bottom, scr.w, scr.bottom - top.bottom)
        if self.screen == ("home",):
            title = self.tr._(L.HOME)
            hint = self.tr._(L.HINT_START if self.run.p.device == "phone" else L.HINT_LAPTOP)
            self.ui.text(surface, hint,
                         pygame.Rect(content.x + self.px(12), content.y + self.px(6), content.w - self.px(24), self.px(60)),
                         self.theme.small, c.text_soft, align="center")
        else:
            view = VIEWS[self.view_name()]
            title = view.title(self)
            view.draw(self, surface, content)
        title_r = pygame.Rect(top.x + self.px(130), top.y, top.w - self.px(140), top.h)
        self.ui.text(surface, title, self.ui.mirror(title_r, top), self.theme.small, c.text, align="center", bold=True)
        if self.banner:
            b = pygame.Rect(scr.x + self.px(8), scr.y - self.px(4), scr.w - self.px(16), self.px(44))
            b.bottom = scr.y - self.px(2)
            if b.y > self.areas()[0].y:
                self.ui.panel(surface, b, c.bubble, c.accent, radius=10, width=2)
                self.ui.text(surface, self.banner, b.inflate(-self.px(16), -self.px(6)), self.theme.font(16), c.text,
                             align="start")
        bubble = pygame.Rect(side.x, side.y, side.w, side.h - self.px(86))
        text = note_text(self.tr, self.note) if self.note else self.tr.level(self.level.intro)
        self.draw_sango(surface, bubble, text, QUALITY_MOOD.get(self.note.quality if self.note else None, "happy"),
                        sango_size=self.px(110))

    def speech(self) -> str:
        parts = [self.tr.level(self.level.intro)] if self.screen == ("home",) else []
        if self.screen != ("home",):
            parts.append(VIEWS[self.view_name()].speech(self))
        if self.note:
            parts.append(note_text(self.tr, self.note))
        parts += [f"{self.tr.number(i + 1)}. {w.label_for_speech()}" for i, w in enumerate(self.focus.widgets[:9])
                  if getattr(w, "badge", None)]
        return "\n".join(p for p in parts if p)
