"""Sound effects and music (our own, made by tools/make_sounds.py), with volume and mute.

With no audio device, no driver, or a device that is busy, the game plays silently: the reason is
kept in ``Sound.reason`` and nothing else changes.
"""

from __future__ import annotations

from .lazylog import LazyLogger
from .resources import asset_path

log = LazyLogger(__name__)  # logging loads when the first record is written

EFFECTS = ("click", "page", "correct", "wrong", "star", "badge")


class Sound:
    def __init__(self, enabled: bool = True, lazy: bool = False):
        """``lazy``: open the audio device later, with :meth:`start` (the game does it after its
        first frame: opening a real device can take tens of milliseconds)."""
        self.enabled = enabled
        self.available = False
        self.volume = 0.8
        self.music_volume = 0.4
        self.muted = False
        self.reason = "" if enabled else "disabled"
        self._sounds: dict = {}
        self._music: str | None = None
        self._started = False
        if enabled and not lazy:
            self.start()

    def start(self) -> None:
        if self._started or not self.enabled:
            return
        self._started = True
        self._init()

    def _init(self) -> None:
        try:
            import pygame

            from .quiet import native_stderr_silenced

            if not pygame.mixer.get_init():
                with native_stderr_silenced():  # ALSA prints 8 lines on a PC without a sound card
                    pygame.mixer.init(frequency=22050, size=-16, channels=2, buffer=1024)
            self.available = True
        except Exception as exc:  # no device, no driver, busy device
            self.reason = str(exc) or "no audio device"
            log.info("no audio: %s (playing silently)", self.reason)

    def configure(self, volume: float = 0.8, music_volume: float = 0.4, muted: bool = False) -> None:
        self.volume = max(0.0, min(1.0, float(volume)))
        self.music_volume = max(0.0, min(1.0, float(music_volume)))
        self.muted = bool(muted)
        if self.available:
            try:
                import pygame

                pygame.mixer.music.set_volume(0.0 if self.muted else self.music_volume)
            except Exception:  # pragma: no cover
                pass

    def _effect(self, name: str):
        snd = self._sounds.get(name)
        if snd is None and name in EFFECTS:
            import pygame

            try:
                snd = pygame.mixer.Sound(str(asset_path("sounds", f"{name}.wav")))
            except Exception as exc:
                log.warning("cannot load sound %s: %s", name, exc)
                snd = False
            self._sounds[name] = snd
        return snd or None

    def play(self, name: str) -> bool:
        """Play an effect; returns True if it was actually sent to the device."""
        if not self.available or self.muted or self.volume <= 0:
            return False
        snd = self._effect(name)
        if snd is None:
            return False
        try:
            snd.set_volume(self.volume)
            snd.play()
            return True
        except Exception:  # pragma: no cover - device vanished mid-game
            return False

    def music(self, name: str | None) -> bool:
        """Start (or keep) the background music loop; ``None`` stops it."""
        if not self.available:
            return False
        import pygame

        try:
            if name is None:
                pygame.mixer.music.stop()
                self._music = None
                return False
            if self._music != name:
                pygame.mixer.music.load(str(asset_path("sounds", "music.wav")))
                pygame.mixer.music.play(-1, fade_ms=1500)
                self._music = name
            pygame.mixer.music.set_volume(0.0 if self.muted else self.music_volume)
            return True
        except Exception as exc:
            log.warning("music unavailable: %s", exc)
            return False

    def quit(self) -> None:
        if self.available:
            try:
                import pygame

                pygame.mixer.music.stop()
                pygame.mixer.quit()
            except Exception:  # pragma: no cover
                pass
            self.available = False
