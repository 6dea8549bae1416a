"""Settings, saved per profile: text size, contrast, motion, read-aloud, sound, music, fullscreen."""

from __future__ import annotations

import pygame

from ..i18n import N_
from ..ui.theme import TEXT_SCALES
from ..ui.widgets import Button
from .base import BaseScene

TEXT_SIZE_LABELS = {"normal": N_("Normal"), "large": N_("Large"), "larger": N_("Extra large")}
VOLUME_STEPS = (0.0, 0.25, 0.5, 0.75, 1.0)


class SettingsScene(BaseScene):
    name = "settings"

    def title(self) -> str:
        return self.tr._("Settings")

    def rows(self):
        s = self.app.settings
        on, off = self.tr._("On"), self.tr._("Off")
        speech_state = on if s.get("read_aloud") else off
        if not self.app.speech.available:
            speech_state = self.tr._("Not available on this computer")
        return [
            ("text_size", self.tr._("Text size"), self.tr._(TEXT_SIZE_LABELS[s.get("text_size", "normal")])),
            ("high_contrast", self.tr._("High contrast"), on if s.get("high_contrast") else off),
            ("reduced_motion", self.tr._("Reduce motion"), on if s.get("reduced_motion") else off),
            ("read_aloud", self.tr._("Read aloud"), speech_state),
            ("sfx_volume", self.tr._("Sound effects"), self.tr.percent(s.get("sfx_volume", 0.8))),
            ("music_volume", self.tr._("Music"), self.tr.percent(s.get("music_volume", 0.4))),
            ("muted", self.tr._("Mute all sound"), on if s.get("muted") else off),
            ("fullscreen", self.tr._("Full screen"), on if self.app.fullscreen else off),
        ]

    def build(self):
        body = self.body_rect
        rows = self.rows()
        gap = self.px(8)
        h = min(self.px(62), (body.h - self.px(40) - gap * (len(rows) - 1)) // len(rows))
        out = []
        for i, (key, label, value) in enumerate(rows):
            r = pygame.Rect(body.x + self.px(80), body.y + self.px(30) + i * (h + gap), body.w - self.px(160), h)
            b = SettingRow(label, value, lambda k=key: self.toggle(k), rect=r, name=f"setting-{key}", size=self.theme.body)
            if key == "read_aloud" and not self.app.speech.available:
                b.enabled = False
            out.append(b)
        return out

    def toggle(self, key: str) -> None:
        s = self.app.settings
        if key == "text_size":
            order = list(TEXT_SCALES)
            s[key] = order[(order.index(s.get(key, "normal")) + 1) % len(order)]
        elif key in ("sfx_volume", "music_volume"):
            cur = s.get(key, 0.8 if key == "sfx_volume" else 0.4)
            idx = min(range(len(VOLUME_STEPS)), key=lambda i: abs(VOLUME_STEPS[i] - cur))
            s[key] = VOLUME_STEPS[(idx + 1) % len(VOLUME_STEPS)]
        elif key == "fullscreen":
            self.app.toggle_fullscreen()
            return
        else:
            s[key] = not s.get(key, False)
        self.app.apply_settings(s)
        self.app.save_settings()
        self.app.sound.play("click")
        if key == "read_aloud" and s.get(key):
            self.app.speech.say(self.tr._("Read aloud"), self.tr.code, force=True)

    def draw_content(self, surface) -> None:
        if self.app.profile is None:
            body = self.body_rect
            self.ui.text(surface, self.tr._("These settings are for this game only. Pick a player to keep them."),
                         pygame.Rect(body.x, body.y - self.px(6), body.w, self.px(32)), self.theme.small, self.c.text_soft,
                         align="center")


class SettingRow(Button):
    """Label on the start side, current value (in words) on the end side."""

    def __init__(self, label: str, value: str, on_click, **kw):
        super().__init__(label, on_click, align="start", **kw)
        self.value = value

    def draw(self, ui, surface, focused, hovered) -> None:
        label, self.label = self.label, ""
        super().draw(ui, surface, focused, hovered)
        self.label = label
        r = self.rect.inflate(-ui.px(40), -ui.px(8))
        left = ui.mirror(pygame.Rect(r.x, r.y, r.w * 3 // 5, r.h), r)
        right = ui.mirror(pygame.Rect(r.x + r.w * 3 // 5, r.y, r.w * 2 // 5, r.h), r)
        ui.text(surface, label, left, self.size, ui.c.text if self.enabled else ui.c.disabled, align="start")
        ui.text(surface, self.value, right, self.size, ui.c.accent if self.enabled else ui.c.disabled, align="end", bold=True)
