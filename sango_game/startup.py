"""Start-up: ``run_game`` reads the lab's config, the window size and the language, then runs the
:class:`~sango_game.app.App` (or says clearly why no window can be opened: ``display.open_window``)."""

from __future__ import annotations

import os
import sys

from .display import MIN_SIZE, NoDisplayError
from .lazylog import LazyLogger, defer_setup, settle

log = LazyLogger(__name__)  # logging loads when the first record is written

DEFAULT_SIZE = (1280, 720)


def _basic_logging() -> None:
    import logging

    logging.basicConfig(level=os.environ.get("SANGO_LOG", "WARNING").upper())


def run_game(language: str | None = None, fullscreen: bool = False, windowed_size: str | None = None) -> int:
    defer_setup(_basic_logging)  # at the first record or after the first frame (lazylog)
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

        app = App(size=size, language=language, fullscreen=fullscreen, default_language=default_language,
                  title_cache=True)
    except NoDisplayError as exc:
        settle()  # the logging set-up still runs (it makes the data folder), as before any window
        print("Sango needs a screen to show the game, but none could be opened "
              f"({exc}).\nStart it from a desktop session. To check levels without a screen, use: sango-game check",
              file=sys.stderr)
        return 1
    return app.run()
