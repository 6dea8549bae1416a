"""Start-up: opening the window (or saying clearly why none can be opened) and ``run_game``, which
reads the lab's config, the window size and the language, then runs the :class:`~sango_game.app.App`."""

from __future__ import annotations

import logging
import os
import sys

import pygame

log = logging.getLogger(__name__)

MIN_SIZE = (1024, 600)
DEFAULT_SIZE = (1280, 720)


class NoDisplayError(RuntimeError):
    pass


FALLBACK_DRIVERS = ("offscreen", "dummy")


def open_window(size, fullscreen: bool) -> pygame.Surface:
    from .quiet import native_stderr_silenced

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


def run_game(language: str | None = None, fullscreen: bool = False, windowed_size: str | None = None) -> int:
    logging.basicConfig(level=os.environ.get("SANGO_LOG", "WARNING").upper())
    default_language = None
    try:
        from .paths import config_value

        value = config_value("language")
        default_language = value if isinstance(value, str) else None
    except Exception as exc:  # the store reports a broken config file on the title screen
        log.error("%s", exc)
    size = DEFAULT_SIZE
    if windowed_size:
        try:
            w, h = (int(x) for x in windowed_size.lower().split("x"))
            size = (max(MIN_SIZE[0], w), max(MIN_SIZE[1], h))
        except ValueError:
            print(f"sango-game: --size must look like 1280x720, not {windowed_size!r}", file=sys.stderr)
            return 2
    try:
        from .app import App  # the game itself (pygame, screens) loads only now

        app = App(size=size, language=language, fullscreen=fullscreen, default_language=default_language)
    except NoDisplayError as exc:
        print("Sango needs a screen to show the game, but none could be opened "
              f"({exc}).\nStart it from a desktop session. To check levels without a screen, use: sango-game check",
              file=sys.stderr)
        return 1
    return app.run()
