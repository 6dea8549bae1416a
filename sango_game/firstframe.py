"""The title's first frame, kept from the last start.

Fitting and drawing the title's text and art costs a start about as much again as opening a bare
window. So the first frame of a start can be the title exactly as the last start drew it, read
back from the user cache; the next frame draws the title for real (input is already handled by
then: the title's widgets are laid out before any drawing). A kept frame is used only for the
same game version, language, window size, pixel depth and theme, and only while the title is the
plain title (no profile, lab session, notice, teacher frame or disk-full banner): anything drawn
from the player's state comes after the first frame anyway. The real drawing is compared with
the kept frame, and a frame that differs (fonts or art changed without a new version, in a
source checkout) is replaced, so a stale picture is never shown for more than one frame.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

import pygame

if TYPE_CHECKING:  # pragma: no cover
    from .app import App

KEEP = 6  # frames kept (each is a window's worth of pixels)
FORMAT: Final[Literal["RGBX"]] = "RGBX"  # lossless for the 24-bit colour the game draws; the header records the depth anyway


def cache_folder() -> Path | None:
    from .paths import cache_dir

    return cache_dir("frames")


def frame_key(app: App) -> str | None:
    """What the first frame of the title depends on; None when the screen is not the plain title."""
    from . import __version__

    if (app.profile is not None or app.class_session is not None or app.notices or app.teacher_unlocked
            or app.storage_full):
        return None
    scenes = list(app.stack.visible())
    if len(scenes) != 1 or scenes[0].name != "title":
        return None
    if app.screen.get_bitsize() < 24:
        return None  # the pixels would not read back exactly
    theme = app.theme
    return repr((__version__, app.tr.code, tuple(app.size), app.screen.get_bitsize(),
                 theme.settings(), theme.colors))


def _file(folder: Path, key: str) -> Path:
    import zlib  # built in: a short, stable name for the key

    return folder / f"title-{zlib.crc32(key.encode()):08x}.frame"


class TitleFrame:
    """The kept frame for one start: loaded before the first frame, checked after the first real one."""

    def __init__(self, key: str, path: Path, data: bytes | None):
        self.key = key
        self.path = path
        self.data = data  # the kept pixels, or None (nothing kept, or kept for something else)
        self.to_save: bytes | None = None  # pixels of the real title, to be written when the game is idle
        self.checked = False  # the first real drawing was compared (or there was nothing to compare)

    @classmethod
    def for_app(cls, app: App) -> TitleFrame | None:
        key = frame_key(app)
        folder = cache_folder()
        if key is None or folder is None:
            return None
        path = _file(folder, key)
        data = None
        try:
            with path.open("rb") as fh:  # the header first: the pixels are read only when they are wanted
                if fh.readline(len(key) + 2) == key.encode("utf-8") + b"\n":
                    w, h = app.size
                    pixels = fh.read(w * h * 4 + 1)
                    data = pixels if len(pixels) == w * h * 4 else None
        except OSError:
            pass  # nothing kept yet (or unreadable): the title is drawn as usual
        return cls(key, path, data)

    def surface(self, size: tuple[int, int]) -> pygame.Surface | None:
        if self.data is None:
            return None
        try:
            return pygame.image.frombuffer(self.data, size, FORMAT)  # no copy: blitted at once
        except (ValueError, pygame.error):
            return None

    def check(self, app: App) -> None:
        """After the title was drawn for real: keep these pixels if they are not what was kept."""
        self.checked = True
        if frame_key(app) != self.key:
            return  # something else is on screen already: nothing to compare
        pixels = pygame.image.tobytes(app.screen, FORMAT)
        if pixels != self.data:
            self.to_save = pixels

    def save(self) -> None:
        if self.to_save is None:
            return
        data, self.to_save = self.to_save, None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")  # two games starting at once write apart
            tmp.write_bytes(self.key.encode("utf-8") + b"\n" + data)
            tmp.replace(self.path)
            kept = sorted(self.path.parent.glob("title-*.frame"), key=lambda f: f.stat().st_mtime, reverse=True)
            for old in kept[KEEP:]:  # other languages and window sizes: a few, not one per resize
                old.unlink()
        except OSError:
            pass  # read-only or full disk: the next start draws its first frame as usual
