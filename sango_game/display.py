"""The window and what is sent to it: opening it, and redrawing only the parts of it that changed.

A full-HD flip costs several milliseconds of copying in an X11 window, so a frame where only a
focus ring, a walking Sango or a few stars changed draws the scene clipped to those parts and
updates just them (``pygame.display.update(rects)``); the whole window is flipped only when the
screen changes, the window is resized or exposed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:  # pragma: no cover
    from .scene import Scene

MIN_SIZE = (1024, 600)
FALLBACK_DRIVERS = ("offscreen", "dummy")


class NoDisplayError(RuntimeError):
    pass


#: SDL's own window framebuffer (X11 shared memory, GDI) instead of one emulated through a renderer:
#: SDL 2 uploads and presents the *whole* window through the renderer for every update, so sending
#: a few changed rectangles cost as much as a full flip (about 15-20 ms of CPU a frame at full HD
#: with Mesa's software OpenGL); the native one copies just the rectangles. Where a platform has no
#: native framebuffer (macOS, Wayland) SDL uses the renderer as before. An explicit setting wins.
FRAMEBUFFER_HINT = ("SDL_FRAMEBUFFER_ACCELERATION", "0")


def open_window(size, fullscreen: bool) -> pygame.Surface:
    from .quiet import native_stderr_silenced

    os.environ.setdefault(*FRAMEBUFFER_HINT)
    try:
        with native_stderr_silenced():
            pygame.display.init()
    except pygame.error as exc:
        raise NoDisplayError(str(exc)) from None
    # Without a display SDL 2.32 quietly falls back to an invisible window: the game would run
    # forever with nobody able to see it. Only tests and tools ask for those drivers on purpose.
    driver = pygame.display.get_driver()
    if driver in FALLBACK_DRIVERS and os.environ.get("SDL_VIDEODRIVER", "").strip().lower() != driver:
        pygame.display.quit()
        raise NoDisplayError(f"no display was found, SDL could only offer its '{driver}' driver")
    set_icon()  # before the window opens: SDL shows it from the start, and pygame skips loading its own
    flags = pygame.RESIZABLE
    if fullscreen:
        flags |= pygame.FULLSCREEN
        size = (0, 0)
    try:
        screen = pygame.display.set_mode(size, flags)
    except pygame.error as exc:
        raise NoDisplayError(str(exc)) from None
    try:
        import warnings

        with warnings.catch_warnings():  # only the minimum size is set; drawing stays on the display surface
            warnings.simplefilter("ignore", DeprecationWarning)
            window = pygame.Window.from_display_module()
        window.minimum_size = MIN_SIZE
    except Exception:  # older pygame-ce or a driver without window sizes: not essential
        pass
    return screen


def cache_budgets(size: tuple[int, int]) -> tuple[int, int]:
    """Byte budgets of the (art, text) caches for a window of ``size``: four and two windows' worth of
    pixels (a full-HD world map with its places, a story scene with its portraits fit; pictures of
    screens left long ago go first), never less than 16 and 8 MB."""
    window = int(size[0]) * int(size[1]) * 4
    return max(16 * 2**20, 4 * window), max(8 * 2**20, 2 * window)


def set_icon() -> None:
    from .resources import asset_path

    try:
        pygame.display.set_icon(pygame.image.load_sized_svg(str(asset_path("sango", "icon.svg")), (64, 64)))
    except (pygame.error, FileNotFoundError, OSError):
        pass


def update_scenes(scenes: Iterable[Scene], dt: float) -> tuple[bool, list[pygame.Rect] | None]:
    """Advance every visible scene's animations by ``dt``. Returns (anything moving, the parts of the
    window the moves change); None for the parts when a scene needs the whole window redrawn."""
    animating = False
    parts: list[pygame.Rect] | None = []
    for scene in scenes:
        if scene.update(dt):
            animating = True
            rects = scene.animation_rects()
            parts = None if rects is None or parts is None else parts + list(rects)
    return animating, parts


def clipped(rects: Iterable[pygame.Rect], bounds: pygame.Rect) -> list[pygame.Rect]:
    """The rects inside the window, empty ones left out."""
    out = [pygame.Rect(r).clip(bounds) for r in rects]
    return [r for r in out if r.w > 0 and r.h > 0]
