"""Each app's screen on the pretend device, looked up by the app's registered name (shared parts: :mod:`.view_kit`).

A view builds widgets (with rects) and the list that number keys pick from, and draws what is not
a widget (chat bubbles, switches, the strength meter). Directions follow the language: in Arabic
the bubbles, back arrows and switches mirror, while times, addresses and links stay left-to-right.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, cast

import pygame

from ...practice.apps import get as get_app
from ...practice.apps.inbox import MENU as MAIL_MENU
from ...practice.apps.messenger import MENU as CHAT_MENU
from ...practice.apps.messenger import REPORT_REASONS, TELL_LABEL, TYPING, Messenger
from ...practice.apps.password import (
    METER,
    RECOVERY_CODES,
    STRONG_SCORE,
    hint,
    strength,
)
from ...practice.apps.post import DECISIONS
from ...practice.apps.shop import ASK_LABEL
from ...practice.apps.shop import MENU as SHOP_MENU
from . import labels as L
from .view_kit import Built, Entry, SwitchButton, View, _button, _lh, _list, _rows, clock_time

if TYPE_CHECKING:
    from .scene import PracticeScene

TYPING_LEAD = 1.5  # seconds of typing dots before a message arrives


def _messenger() -> Messenger:
    return cast("Messenger", get_app("messenger"))


# -- messenger --------------------------------------------------------------------------------
class MessengerView(View):
    name = "messenger"

    def title(self, scene: PracticeScene) -> str:
        if scene.screen[0] in ("chat", "menu", "report", "contact"):
            return self.chat_name(scene, scene.screen[1])
        return scene.tr._(L.CHATS)

    def chat_name(self, scene: PracticeScene, cid: str) -> str:
        chat = scene.run.p.known_chat(cid)
        if chat.title is not None:
            return scene.tr.level(chat.title)
        return scene.tr.level(scene.run.p.known_contact(chat.members[0]).name)

    def unread(self, scene: PracticeScene) -> int:
        seen = scene.run.state.setdefault("seen", {})
        return sum(max(0, len(scene.run.messages(c.id)) - seen.get(c.id, 0)) for c in scene.run.p.chats)

    def typing(self, scene: PracticeScene, cid: str) -> str | None:
        run = scene.run
        now = run.now()
        for ev in run.pending:
            if ev.chat == cid and not ev.condition and 0 < ev.at - now <= TYPING_LEAD and ev.sender not in run.state["blocked"]:
                return ev.sender
        return None

    def animating(self, scene: PracticeScene) -> str | None:
        typing = scene.screen[0] == "chat" and self.typing(scene, scene.screen[1]) is not None
        return "frame" if typing else None

    def open_reply(self, scene: PracticeScene, cid: str):
        s = scene.run.state
        for ev, _ in scene.run.messages(cid):
            if ev.replies and ev.id not in s["replied"] and ev.sender not in s["blocked"]:
                return ev
        return None

    def build(self, scene: PracticeScene, rect: pygame.Rect) -> Built:
        run, tr = scene.run, scene.tr
        kind = scene.screen[0]
        if kind == "app":
            entries: list[Entry] = []
            for cid in _messenger().visible_chats(run):
                entries.append((self.chat_name(scene, cid), partial(self.open, scene, cid), f"chat-{cid}"))
            for a in run.p.adults:
                entries.append((f"{tr._(TELL_LABEL)}: {tr.level(a.name)}", partial(scene.act, "tell", a.id), f"tell-{a.id}"))
            return _list(scene, rect, entries)
        cid = scene.screen[1]
        chat = run.p.known_chat(cid)
        if kind == "chat":
            run.state.setdefault("seen", {})[cid] = len(run.messages(cid))
            ev = self.open_reply(scene, cid)
            entries = []
            if ev is not None:
                entries += [(tr.level(r.text), partial(scene.act, "reply", ev.id, r.id),
                             f"reply-{r.id}") for r in ev.replies]
            entries.append((tr._(L.MENU), lambda: scene.go("menu", cid), "options"))
            n = len(entries)
            h = max(scene.px(50), 2 * _lh(scene, 17) + scene.px(12))  # a reply may take two lines
            rows = _rows(scene, rect, n, h=h / scene.theme.scale, gap=6, top=rect.h - n * (h + scene.px(6)) - scene.px(8))
            widgets = [_button(scene, label, fn, r, i, name, style="choice" if name != "options" else "quiet")
                       for i, ((label, fn, name), r) in enumerate(zip(entries, rows, strict=False))]
            return widgets, [fn for _, fn, _ in entries]
        if kind == "menu":
            entries = []
            talkers = [m for m in chat.members if any(ev.sender == m for ev, _ in run.messages(cid))]
            for verb, label in CHAT_MENU:
                if verb == "save":
                    entries.append((tr._(label), lambda: scene.act("save", cid, then=("chat", cid)), "save"))
                elif verb == "leave" and chat.is_group and cid not in run.state["left"]:
                    entries.append((tr._(label), lambda: scene.act("leave", cid, then=("app", "messenger")), "leave"))
                elif verb in ("report", "block", "mute"):
                    for m in talkers:
                        who = tr.level(run.p.known_contact(m).name)
                        fn: Callable[[], object]
                        if verb == "report":
                            fn = partial(scene.go, "report", cid, m)
                        else:
                            fn = partial(scene.act, verb, m, then=("chat", cid))
                        entries.append((f"{tr._(label)}: {who}" if chat.is_group else tr._(label), fn, f"{verb}-{m}"))
            for a in run.p.adults:
                entries.append((f"{tr._(TELL_LABEL)}: {tr.level(a.name)}",
                                partial(scene.act, "tell", a.id, then=("chat", cid)), f"tell-{a.id}"))
            return _list(scene, rect, entries, h=46)
        if kind == "report":
            who = scene.screen[2]
            entries = [(tr._(label), partial(scene.act, "report", who, rid, then=("chat", cid)), f"reason-{rid}")
                       for rid, label in REPORT_REASONS]
            entries.append((tr._(L.CANCEL), lambda: scene.go("chat", cid), "cancel"))
            return _list(scene, rect, entries, top=scene.px(44), h=44)
        return [], []

    def long_press(self, scene: PracticeScene, pos: tuple[int, int]) -> bool:
        # Press and hold a message: the same menu as Options (report, block, save...), as in real apps.
        if scene.screen[0] == "chat" and scene.phone_screen_rect().collidepoint(pos):
            scene.go("menu", scene.screen[1])
            return True
        return False

    def open(self, scene: PracticeScene, cid: str) -> None:
        scene.banner = None
        scene.go("chat", cid)

    def draw(self, scene: PracticeScene, surface, rect: pygame.Rect) -> None:
        kind = scene.screen[0]
        if kind == "report":
            who = scene.run.p.known_contact(scene.screen[2]).name
            scene.ui.text(surface, scene.tr.f(L.REPORT_WHY, name=scene.tr.level(who)),
                          pygame.Rect(rect.x + scene.px(12), rect.y + scene.px(6), rect.w - scene.px(24), scene.px(40)),
                          scene.theme.small, bold=True)
        if kind == "app" and not _messenger().visible_chats(scene.run):
            scene.ui.text(surface, scene.tr._(L.NO_CHATS), rect, scene.theme.small, scene.c.text_soft, align="center")
        if kind == "chat":
            self.draw_chat(scene, surface, rect, scene.screen[1])

    def timeline(self, scene: PracticeScene, cid: str) -> list[tuple[str | None, Any, float]]:
        """(sender id or None for me, text, time) in order."""
        run = scene.run
        out = []
        for e in run.history:
            if e.verb is None:
                ev = run.p.known_event(e.target)
                if ev.chat == cid:
                    out.append((ev.sender, ev.text, e.t))
            elif e.verb == "reply" and run.p.known_event(e.target).chat == cid:
                reply = next(r for r in run.p.known_event(e.target).replies if r.id == e.detail)
                out.append((None, reply.text, e.t))
        return out

    def draw_dots(self, scene: PracticeScene, surface, box: pygame.Rect) -> None:
        """The typing dots' box, opaque, so a frame where only they move can repaint just this box."""
        c = scene.c
        pygame.draw.rect(surface, c.panel, box)
        pygame.draw.rect(surface, c.chat_them, box, border_radius=scene.px(12))
        phase = int(scene.run.now() * 4) % 3
        for i in range(3):
            col = c.text if i == phase else c.text_soft
            pygame.draw.circle(surface, col, (box.x + scene.px(18) + i * scene.px(17), box.centery), scene.px(4))

    def draw_chat(self, scene: PracticeScene, surface, rect: pygame.Rect, cid: str) -> None:
        ui, tr, c, run = scene.ui, scene.tr, scene.c, scene.run
        widgets_top = min((w.rect.y for w in scene.focus.widgets if w.name not in ("done", "back", "device-back")),
                          default=rect.bottom)
        area = pygame.Rect(rect.x, rect.y + scene.px(4), rect.w, widgets_top - rect.y - scene.px(8))
        chat = run.p.known_chat(cid)
        size = scene.theme.font(17)
        small = scene.theme.font(13)
        lh = scene.app.text.line_height(tr.code, small)  # Arabic lines are taller: size name and time rows by it
        y = area.bottom
        av = scene.px(30)
        who = self.typing(scene, cid)
        if who is not None and not scene.theme.reduced_motion:
            # Typing dots: animation only; the message itself comes at its time either way.
            y -= scene.px(30)
            box = ui.mirror(pygame.Rect(area.x + av + scene.px(16), y, scene.px(70), scene.px(26)), area)
            self.draw_dots(scene, surface, box)
            scene.dots_box = box
            words = ui.mirror(pygame.Rect(box.right + scene.px(8), box.y, area.right - box.right - scene.px(16), box.h), area) \
                if not scene.tr.rtl else pygame.Rect(area.x + scene.px(8), box.y, box.x - area.x - scene.px(16), box.h)
            ui.text(surface, tr.f(TYPING, name=tr.level(run.p.known_contact(who).name)), words, small, c.text_soft, align="start")
            y -= scene.px(6)
        blocked = run.state["blocked"]
        for sender, text, t in reversed(self.timeline(scene, cid)):
            mine = sender is None
            max_w = int(area.w * 0.72)
            label = tr.level(text)
            h = scene.app.text.layout(label, tr.code, size, max_width=max_w - scene.px(20)).height + lh + scene.px(18)
            if chat.is_group and not mine:
                h += lh
            y -= h
            if y < area.y:
                break
            if mine:
                box = ui.mirror(pygame.Rect(area.right - max_w - scene.px(8), y, max_w, h - scene.px(6)), area)
            else:
                box = ui.mirror(pygame.Rect(area.x + av + scene.px(14), y, max_w, h - scene.px(6)), area)
                circ = ui.mirror(pygame.Rect(area.x + scene.px(6), y + h - av - scene.px(8), av, av), area)
                name = tr.level(run.p.known_contact(sender).name)
                hue = sum(map(ord, sender)) % 5
                col = (c.accent, c.good, c.okay, c.teacher, c.bad)[hue]
                pygame.draw.circle(surface, col, circ.center, av // 2)
                ui.text(surface, name[:1].upper(), circ, small, c.text_on_accent, align="center", bold=True)
            pygame.draw.rect(surface, c.chat_me if mine else c.chat_them, box, border_radius=scene.px(12))
            inner = box.inflate(-scene.px(20), -scene.px(10))
            if chat.is_group and not mine:
                ui.text(surface, tr.level(run.p.known_contact(sender).name), pygame.Rect(inner.x, inner.y, inner.w, lh), small,
                        c.text_soft, align="start", bold=True)
                inner = pygame.Rect(inner.x, inner.y + lh, inner.w, inner.h - lh)
            ui.text(surface, label, pygame.Rect(inner.x, inner.y, inner.w, inner.h - lh), size, c.text, align="start",
                    valign="top")
            ui.text(surface, clock_time(t), pygame.Rect(inner.x, inner.bottom - lh, inner.w, lh), small,
                    c.text_soft, align="end")
        if chat.members and all(m in blocked for m in chat.members if not run.p.known_contact(m).adult):
            ui.text(surface, tr._(L.BLOCKED), pygame.Rect(area.x, area.y, area.w, lh), small, c.bad, align="center", bold=True)


# -- settings -----------------------------------------------------------------------------------
class SettingsView(View):
    name = "settings"

    def build(self, scene: PracticeScene, rect: pygame.Rect) -> Built:
        tr = scene.tr
        sw = scene.run.p.switches
        rows = _rows(scene, rect, len(sw), h=min(56, (rect.h / scene.theme.scale - 10) / max(1, len(sw)) - 8))
        widgets: list = []
        fns: list[Callable[[], object]] = []
        for s, r in zip(sw, rows, strict=False):
            value = scene.run.state["switches"][s.id]
            fn = partial(scene.act, "off" if value else "on", s.id)
            widgets.append(SwitchButton(tr.level(s.label), value, fn, rect=r, name=f"switch-{s.id}", size=scene.theme.font(16),
                                        on_word=tr._(L.ON), off_word=tr._(L.OFF)))
            fns.append(fn)
        return widgets, fns


# -- inbox ----------------------------------------------------------------------------------------
class InboxView(View):
    name = "inbox"
    link_rect: pygame.Rect | None = None  # where the link was drawn: hover or press and hold it to see its target

    def _peek(self, scene: PracticeScene, pos: tuple[int, int]) -> bool:
        if scene.screen[0] != "mail" or self.link_rect is None or not self.link_rect.collidepoint(pos):
            return False
        if not scene.run.did("peek", scene.screen[1]):
            scene.act("peek", scene.screen[1])
        return True

    def long_press(self, scene: PracticeScene, pos: tuple[int, int]) -> bool:
        return self._peek(scene, pos)

    def hover(self, scene: PracticeScene, pos: tuple[int, int]) -> None:
        self._peek(scene, pos)

    def title(self, scene: PracticeScene) -> str:
        if scene.screen[0] == "mail":
            m = self.mail(scene, scene.screen[1])
            return scene.tr.level(m.subject or m.sender)
        return super().title(scene)

    def mail(self, scene: PracticeScene, mid: str):
        return next(m for m in scene.run.p.mail if m.id == mid)

    def unread(self, scene: PracticeScene) -> int:
        return sum(1 for v in scene.run.state["mail"].values() if v is None)

    def build(self, scene: PracticeScene, rect: pygame.Rect) -> Built:
        tr, run = scene.tr, scene.run
        if scene.screen[0] == "app":
            entries: list[Entry] = []
            for m in run.p.mail:
                if run.state["mail"][m.id] in ("flag", "delete"):
                    continue
                head = tr.level(m.subject) if m.subject else tr.level(m.text)
                entries.append((f"{tr.level(m.sender)} · {head}", partial(scene.go, "mail", m.id), f"mail-{m.id}"))
            return _list(scene, rect, entries, h=56)
        m = self.mail(scene, scene.screen[1])
        entries = []
        for verb, label in MAIL_MENU:
            if verb in ("peek", "open") and m.target is None:
                continue
            then = ("app", "inbox") if verb in ("flag", "delete") else None
            entries.append((tr._(label), partial(scene.act, verb, m.id, then=then), verb))
        n = len(entries)
        rows = _rows(scene, rect, n, h=44, gap=6, top=rect.h - n * scene.px(50) - scene.px(8))
        widgets = [_button(scene, label, fn, r, i, name) for i,
                   ((label, fn, name), r) in enumerate(zip(entries, rows, strict=False))]
        return widgets, [fn for _, fn, _ in entries]

    def draw(self, scene: PracticeScene, surface, rect: pygame.Rect) -> None:
        self.link_rect = None
        if scene.screen[0] != "mail":
            return
        ui, tr, c, run = scene.ui, scene.tr, scene.c, scene.run
        m = self.mail(scene, scene.screen[1])
        pad = scene.px(12)
        x, w = rect.x + pad, rect.w - 2 * pad
        y = rect.y + scene.px(6)
        lh16, lh14 = (scene.app.text.line_height(tr.code, scene.theme.font(n)) for n in (16, 14))
        ui.text(surface, tr.f(L.FROM, name=tr.level(m.sender)), pygame.Rect(x, y, w, lh16), scene.theme.font(16), bold=True)
        y += lh16 + scene.px(2)
        if run.did("sender", m.id):
            ui.text(surface, m.address, pygame.Rect(x, y, w, lh14), scene.theme.font(14), c.bad if m.phishing else c.good,
                    align="start")
        y += lh14 + scene.px(4)
        top_widgets = min((wd.rect.y for wd in scene.focus.widgets if wd.name in [v for v, _ in MAIL_MENU]), default=rect.bottom)
        body = pygame.Rect(x, y, w, max(scene.px(30), top_widgets - y - scene.px(60)))
        ui.text(surface, tr.level(m.text), body, scene.theme.font(16), align="start", valign="top")
        if m.link is not None:
            link_r = pygame.Rect(x, body.bottom + scene.px(4), w, lh16)
            self.link_rect = ui.text(surface, tr.f(L.LINK, text=tr.level(m.link)), link_r, scene.theme.font(16), c.accent,
                                     align="start", bold=True)
            if run.did("peek", m.id):
                ui.text(surface, m.target, pygame.Rect(x, link_r.bottom + scene.px(2), w, lh14), scene.theme.font(14),
                        c.bad if m.phishing else c.good, align="start")


# -- password -----------------------------------------------------------------------------------
class PasswordView(View):
    name = "password"
    _cache: tuple[str, int] = ("", 0)

    def score(self, scene: PracticeScene) -> int:
        # Only the score is cached, keyed by the text of this frame; nothing is written anywhere.
        if self._cache[0] != scene.typed:
            self._cache = (scene.typed, strength(scene.typed))
        return self._cache[1]

    def build(self, scene: PracticeScene, rect: pygame.Rect) -> Built:
        tr, run = scene.tr, scene.run
        s = run.state
        entries: list[Entry] = [(tr._(L.PASS_SAVE), self.use(scene), "use-passphrase")]
        setup = run.p.password
        if setup and setup.twostep and not s["twostep"]:
            entries.append((tr._(L.TWOSTEP), lambda: scene.act("twostep", "on"), "twostep"))
        if setup and setup.codes and s["twostep"] and not s["codes"]:
            entries.append((tr._(L.CODES), lambda: scene.act("codes", "saved"), "codes"))
        for x in run.p.sessions:
            if x.id not in s["signed_out"]:
                entries.append((f"{tr._(L.SIGN_OUT)}: {tr.level(x.label)}", partial(scene.act, "signout", x.id),
                                f"signout-{x.id}"))
        return _list(scene, rect, entries, top=scene.px(70) + _lh(scene, 15) + 3 * _lh(scene, 14), h=44)

    def use(self, scene: PracticeScene) -> Callable[[], object]:
        def fn() -> None:
            if not scene.typed:
                scene.app.sound.play("wrong")
                return
            verdict = "strong" if self.score(scene) >= STRONG_SCORE else "weak"
            scene.typed = ""  # forgotten at once: only strong/weak is kept
            self._cache = ("", 0)
            scene.act("passphrase", verdict)
        return fn

    def draw(self, scene: PracticeScene, surface, rect: pygame.Rect) -> None:
        ui, tr, c = scene.ui, scene.tr, scene.c
        pad = scene.px(12)
        x, w = rect.x + pad, rect.w - 2 * pad
        ui.text(surface, tr._(L.PASS_PROMPT), pygame.Rect(x, rect.y + scene.px(4), w, _lh(scene, 15)), scene.theme.font(15),
                c.text_soft)
        box = pygame.Rect(x, rect.y + scene.px(8) + _lh(scene, 15), w, scene.px(40))
        ui.panel(surface, box, c.panel, c.focus if scene.text_entry else c.panel_border, radius=8, width=2)
        shown = "*" * len(scene.typed) + "|"
        ui.text(surface, shown, box.inflate(-scene.px(14), 0), scene.theme.font(18), align="left", lang="en")
        score = self.score(scene)
        bar = pygame.Rect(x, box.bottom + scene.px(10), w, scene.px(12))
        pygame.draw.rect(surface, c.disabled, bar, border_radius=scene.px(6))
        if scene.typed:
            fill = ui.mirror(pygame.Rect(bar.x, bar.y, bar.w * (score + 1) // 5, bar.h), bar)
            pygame.draw.rect(surface, (c.bad, c.bad, c.okay, c.good, c.good)[score], fill, border_radius=scene.px(6))
            label = tr.f(L.STRENGTH, label=tr._(METER[score]))
            ui.text(surface, f"{label}. {tr._(hint(scene.typed, score))}",
                    pygame.Rect(x, bar.bottom + scene.px(4), w, 3 * _lh(scene, 14)),
                    scene.theme.font(14), align="start", valign="top")
        if scene.run.state["twostep"]:
            # The code a 2-step sign-in sends: shown on the device, so the fake "send me the code" has something to ask for.
            ui.text(surface, tr.f(L.YOUR_CODE, code="482 913"), pygame.Rect(x, rect.bottom - scene.px(96), w, scene.px(44)),
                    scene.theme.font(14), c.accent, align="start")
        if scene.run.state["codes"]:
            codes = "  ".join(RECOVERY_CODES)
            ui.text(surface, f"{tr._(L.CODES_SHOWN)}: {codes}", pygame.Rect(x, rect.bottom - scene.px(44), w, scene.px(40)),
                    scene.theme.font(14), c.text_soft)

    def speech(self, scene: PracticeScene) -> str:
        out = [get_app("password").speech(scene.run, scene.tr)]
        if scene.typed:
            out.append(scene.tr.f(L.STRENGTH, label=scene.tr._(METER[self.score(scene)])))
        return "\n".join(out)


# -- post inspector -----------------------------------------------------------------------------
class PostView(View):
    name = "post"

    def post(self, scene: PracticeScene, pid: str):
        return next(p for p in scene.run.p.posts if p.id == pid)

    def unread(self, scene: PracticeScene) -> int:
        return sum(1 for v in scene.run.state["posts"].values() if v is None)

    def build(self, scene: PracticeScene, rect: pygame.Rect) -> Built:
        tr, run = scene.tr, scene.run
        if scene.screen[0] == "app":
            entries: list[Entry] = [(f"{tr.level(p.sender)}: {tr.level(p.text)}", partial(scene.go, "post", p.id), f"post-{p.id}")
                       for p in run.p.posts]
            lines = 3 * scene.app.text.line_height(tr.code, scene.theme.font(17)) + scene.px(12)
            return _list(scene, rect, entries, h=lines / scene.theme.scale)
        p = self.post(scene, scene.screen[1])
        entries = [(tr.level(ch.label), partial(scene.act, "check", p.id, ch.id), f"check-{ch.id}") for ch in p.checks]
        if run.state["posts"][p.id] is None:
            entries += [(tr._(label), partial(scene.act, d, p.id), d) for d, label in DECISIONS]
        n = len(entries)
        rows = _rows(scene, rect, n, h=40, gap=5, top=rect.h - n * scene.px(45) - scene.px(8))
        widgets = [_button(scene, label, fn, r, i, name) for i,
                   ((label, fn, name), r) in enumerate(zip(entries, rows, strict=False))]
        return widgets, [fn for _, fn, _ in entries]

    def draw(self, scene: PracticeScene, surface, rect: pygame.Rect) -> None:
        if scene.screen[0] != "post":
            return
        ui, tr, c = scene.ui, scene.tr, scene.c
        p = self.post(scene, scene.screen[1])
        pad = scene.px(12)
        top_widgets = min((w.rect.y for w in scene.focus.widgets if w.name.startswith("check-")), default=rect.bottom)
        card = pygame.Rect(rect.x + pad, rect.y + scene.px(6), rect.w - 2 * pad, top_widgets - rect.y - scene.px(12))
        ui.panel(surface, card, c.chat_them, c.panel_border, radius=10, width=1)
        inner = card.inflate(-scene.px(16), -scene.px(10))
        lh = scene.app.text.line_height(tr.code, scene.theme.font(15))
        ui.text(surface, tr.level(p.sender), pygame.Rect(inner.x, inner.y, inner.w, lh), scene.theme.font(15), bold=True)
        ui.text(surface, tr.level(p.text), pygame.Rect(inner.x, inner.y + lh + scene.px(2), inner.w, inner.h - lh - scene.px(2)),
                scene.theme.font(16), align="start", valign="top")


# -- shop -------------------------------------------------------------------------------------------
class ShopView(View):
    name = "shop"

    def animating(self, scene: PracticeScene) -> str | None:
        return "second" if any(o.pressure for o in scene.run.p.offers) else None

    def build(self, scene: PracticeScene, rect: pygame.Rect) -> Built:
        tr, run = scene.tr, scene.run
        entries: list[Entry] = []
        for o in run.p.offers:
            for verb, label in SHOP_MENU:
                if verb != "price" and (o.id in run.state["bought"] or o.id in run.state["declined"]):
                    continue
                entries.append((f"{tr._(label)}: {tr.level(o.label)}", partial(scene.act, verb, o.id), f"{verb}-{o.id}"))
        for a in run.p.adults:
            entries.append((f"{tr._(ASK_LABEL)}: {tr.level(a.name)}", partial(scene.act, "ask", a.id), f"ask-{a.id}"))
        return _list(scene, rect, entries, top=scene.px(40) + len(run.p.offers) * self.offer_h(scene), h=42)

    def offer_h(self, scene: PracticeScene) -> int:
        return 2 * _lh(scene, 14) + scene.px(10)

    def draw(self, scene: PracticeScene, surface, rect: pygame.Rect) -> None:
        ui, tr, c, run = scene.ui, scene.tr, scene.c, scene.run
        pad = scene.px(12)
        x, w = rect.x + pad, rect.w - 2 * pad
        ui.text(surface, tr.f(L.WALLET, gems=tr.number(1000)), pygame.Rect(x, rect.y + scene.px(6), w, scene.px(28)),
                scene.theme.font(15),
                c.text_soft, align="end")
        left = 120 - int(run.now()) % 120  # the countdown restarts: the "last chance" is never the last
        for i, o in enumerate(run.p.offers):
            r = pygame.Rect(x, rect.y + scene.px(40) + i * self.offer_h(scene), w, self.offer_h(scene) - scene.px(4))
            ui.panel(surface, r, c.chat_them, c.panel_border, radius=8, width=1)
            line = f"{tr.level(o.label)} · {tr.f(L.GEMS, gems=tr.number(o.gems))}"
            if o.pressure:
                line += f" · {tr.level(o.pressure)} {left // 60}:{left % 60:02d}"
            ui.text(surface, line, r.inflate(-scene.px(14), -scene.px(4)), scene.theme.font(14), align="start")


VIEWS: dict[str, View] = {
    v.name: v for v in (MessengerView(), SettingsView(), InboxView(), PasswordView(), PostView(), ShopView())}
