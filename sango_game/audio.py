"""Sound effects and music. With no audio device the game plays silently (never a traceback)."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


class Sound:
    def __init__(self, enabled: bool = True):
        self.available = False
        self.volume = 0.8
        self.music_volume = 0.4
        self.muted = False
        self.reason = ""
        self._sounds: dict = {}
        if enabled:
            self._init()

    def _init(self) -> None:
        try:
            import pygame

            pygame.mixer.init()
            self.available = True
        except Exception as exc:  # no device, no driver, busy device
            self.reason = str(exc)
            log.info("no audio: %s (playing silently)", exc)

    def configure(self, volume: float = 0.8, music_volume: float = 0.4, muted: bool = False) -> None:
        self.volume = max(0.0, min(1.0, float(volume)))
        self.music_volume = max(0.0, min(1.0, float(music_volume)))
        self.muted = bool(muted)

    def play(self, name: str) -> None:
        if not self.available or self.muted:
            return

    def music(self, name: str | None) -> None:
        if not self.available or self.muted:
            return

    def quit(self) -> None:
        if self.available:
            try:
                import pygame

                pygame.mixer.quit()
            except Exception:  # pragma: no cover
                pass
