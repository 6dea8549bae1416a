"""Pick or create a child profile: a nickname and an avatar, nothing else."""

from __future__ import annotations

import pygame

from ..art import AVATARS
from ..input import Act, Action
from ..ui.widgets import Button, Widget
from .base import BaseScene

PER_PAGE = 8


class ProfileCard(Button):
    def __init__(self, profile, on_click, rect, size):
        super().__init__(profile.nickname, on_click, rect=rect, size=size, name=f"profile-{profile.id}")
        self.profile = profile

    def draw(self, ui, surface, focused, hovered) -> None:
        r = self.rect
        ui.panel(surface, r, ui.c.button_hover if hovered else ui.c.button, ui.c.button_border, radius=16, width=2)
        s = min(r.w - ui.px(40), r.h - ui.px(70))
        img = ui.app.art.avatar(self.profile.avatar, s)
        surface.blit(img, img.get_rect(midtop=(r.centerx, r.y + ui.px(12))))
        ui.text(surface, self.profile.nickname, pygame.Rect(r.x + ui.px(8), r.bottom - ui.px(54), r.w - ui.px(16), ui.px(46)),
                self.size, align="center", bold=True)
        if focused:
            ui.focus_ring(surface, r)


class ProfilesScene(BaseScene):
    name = "profiles"

    def __init__(self, app):
        super().__init__(app)
        self.page = 0

    def title(self) -> str:
        return self.tr._("Who is playing?")

    def profiles(self):
        if self.app.store is None:
            return []
        try:
            return list(self.app.store.list_profiles())
        except Exception:
            return []

    def resume(self) -> None:
        self.layout()

    def enter(self) -> None:
        if self.app.store is None:
            # No place to save: play as a guest straight away (the title already said why).
            self.app.go("band")

    def build(self):
        profiles = self.profiles()
        pages = max(1, (len(profiles) + 1 + PER_PAGE - 1) // PER_PAGE)
        self.page = min(self.page, pages - 1)
        body = self.body_rect
        cols, rows = 4, 2
        gap = self.px(20)
        grid = pygame.Rect(body.x, body.y, body.w, body.h - self.px(80))
        cw = (grid.w - gap * (cols - 1)) // cols
        ch = (grid.h - gap * (rows - 1)) // rows
        entries = profiles + ["new"]
        shown = entries[self.page * PER_PAGE:(self.page + 1) * PER_PAGE]
        out: list[Widget] = []
        for i, p in enumerate(shown):
            r = self.ui.mirror(pygame.Rect(grid.x + (i % cols) * (cw + gap), grid.y + (i // cols) * (ch + gap), cw, ch), grid)
            if p == "new":
                out.append(Button(self.tr._("New player"), self.new_profile, icon="plus", style="primary",
                                  name="new-profile", rect=r.inflate(0, -ch // 2), size=self.theme.body))
            else:
                out.append(ProfileCard(p, lambda p=p: self.select(p), r, self.theme.body))
        if pages > 1:
            nav = pygame.Rect(body.x, body.bottom - self.px(60), body.w, self.px(56))
            prev_r, next_r = self.ui.row(nav, 2, self.px(56), self.px(400), width=self.px(200))
            out.append(Button(self.tr._("Previous"), lambda: self.turn(-1), icon="back", name="prev", rect=prev_r))
            out.append(Button(self.tr._("Next"), lambda: self.turn(1), icon="forward", name="next", rect=next_r))
        return out

    def turn(self, d: int) -> None:
        self.page += d
        self.layout()

    def new_profile(self) -> None:
        self.app.push("new-profile")

    def select(self, profile) -> None:
        self.app.sound.play("click")
        select_profile(self.app, profile)
        self.app.push("band")

    def draw_content(self, surface) -> None:
        if not self.profiles():
            body = self.body_rect
            self.draw_sango(surface, pygame.Rect(body.x, body.bottom - self.px(170), body.w, self.px(150)),
                            self.tr._("Make a player with a nickname and an animal. Don't use your real name."), "happy")


def select_profile(app, profile) -> None:
    app.profile = profile
    settings: dict = {}
    if app.store is not None:
        try:
            settings = app.store.get_settings(profile.id) or {}
        except Exception:
            settings = {}
    settings.setdefault("language", app.tr.code)
    app.apply_settings(settings)


class NewProfileScene(BaseScene):
    name = "new-profile"
    text_entry = True  # the nickname

    def __init__(self, app):
        super().__init__(app)
        self.nickname = ""
        self.avatar = AVATARS[0]
        self.error = ""

    def title(self) -> str:
        return self.tr._("New player")

    def build(self):
        body = self.body_rect
        out = []
        grid = pygame.Rect(body.x, body.y + self.px(150), body.w, body.h - self.px(240))
        cols = 6
        s = min((grid.w - self.px(12) * (cols - 1)) // cols, (grid.h - self.px(12)) // 2)
        gw = cols * s + (cols - 1) * self.px(12)
        x0 = grid.centerx - gw // 2
        for i, name in enumerate(AVATARS):
            r = pygame.Rect(x0 + (i % cols) * (s + self.px(12)), grid.y + (i // cols) * (s + self.px(12)), s, s)
            r = self.ui.mirror(r, grid)
            b = AvatarButton(name, lambda n=name: self.pick(n), r)
            b.state = "selected" if name == self.avatar else None
            out.append(b)
        create = Button(self.tr._("Create"), self.create, icon="check", style="primary", name="create",
                        rect=pygame.Rect(body.centerx - self.px(140), body.bottom - self.px(70), self.px(280), self.px(64)))
        return out + [create]

    def pick(self, name: str) -> None:
        self.avatar = name
        for w in self.focus.widgets:
            if isinstance(w, AvatarButton):
                w.state = "selected" if w.avatar == name else None

    def handle(self, action: Action) -> bool:
        if action.kind == Act.TEXT and action.text:
            text = "".join(ch for ch in action.text if ch.isprintable())
            if len(self.nickname) + len(text) <= 20:
                self.nickname += text
                self.error = ""
            return True
        if action.kind == Act.ERASE:
            self.nickname = self.nickname[:-1]
            return True
        if action.kind == Act.CONFIRM and isinstance(self.focus.focused, AvatarButton):
            self.focus.focused.activate()
            return True
        return super().handle(action)

    def create(self) -> None:
        nick = self.nickname.strip()
        if not nick:
            self.error = self.tr._("Type a nickname first.")
            return
        store = self.app.store
        if store is None:
            return
        try:
            profile = store.create_profile(nick, self.avatar)
        except Exception as exc:
            code = getattr(exc, "code", "")
            if code == "nickname_taken":
                self.error = self.tr._("That nickname is already used on this computer. Try another one.")
            elif code == "storage_full":
                self.error = self.tr._("The disk is full, so the player could not be saved.")
            elif code.startswith("nickname"):
                self.error = self.tr._("Use 1 to 20 letters or numbers.")
            else:
                self.error = self.tr._("The player could not be saved.")
            return
        select_profile(self.app, profile)
        self.app.settings["language"] = self.app.tr.code
        self.app.save_settings()
        self.app.go("band")

    def draw_content(self, surface) -> None:
        body = self.body_rect
        self.ui.text(surface, self.tr._("Nickname (not your real name):"),
                     pygame.Rect(body.x, body.y, body.w, self.px(40)), self.theme.body, align="start")
        field = pygame.Rect(body.x, body.y + self.px(46), body.w, self.px(64))
        self.ui.panel(surface, field, self.c.panel, self.c.bad if self.error else self.c.focus, radius=12, width=4)
        shown = self.nickname + "|"
        self.ui.text(surface, shown, field.inflate(-self.px(30), -self.px(8)), self.theme.font(28), align="start")
        row = pygame.Rect(body.x, body.y + self.px(112), body.w, self.px(36))
        half = (row.w - self.px(20)) // 2
        # The label always stays; an error sits beside it on the end side, with a cross (not colour alone).
        self.ui.text(surface, self.tr._("Pick your animal:"), self.ui.mirror(pygame.Rect(row.x, row.y, half, row.h), row),
                     self.theme.small, self.c.text_soft, align="start")
        if self.error:
            err = self.ui.mirror(pygame.Rect(row.right - half, row.y, half, row.h), row)
            icon = self.ui.mirror(pygame.Rect(err.x, err.y, row.h, row.h), err)
            self.ui.icon(surface, "cross", icon.center, row.h - self.px(8), self.c.bad)
            self.ui.text(surface, self.error, self.ui.mirror(pygame.Rect(err.x + row.h + self.px(4), err.y, err.w - row.h - self.px(4), err.h), err),
                         self.theme.small, self.c.bad, align="start", bold=True)

    def speech(self) -> str:
        return self.tr._("Nickname (not your real name):")


class AvatarButton(Button):
    def __init__(self, avatar: str, on_click, rect):
        super().__init__("", on_click, rect=rect, name=f"avatar-{avatar}")
        self.avatar = avatar

    def draw(self, ui, surface, focused, hovered) -> None:
        r = self.rect
        sel = self.state == "selected"
        ui.panel(surface, r, ui.c.selected if sel else (ui.c.button_hover if hovered else ui.c.button),
                 ui.c.accent if sel else ui.c.button_border, radius=14, width=5 if sel else 2)
        img = ui.app.art.avatar(self.avatar, r.w - ui.px(16))
        surface.blit(img, img.get_rect(center=r.center))
        if sel:
            ui.icon(surface, "check", (r.right - ui.px(16), r.y + ui.px(16)), ui.px(26), ui.c.good)
        if focused:
            ui.focus_ring(surface, r)
