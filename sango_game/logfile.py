"""The game's log: a small rotating file in the data folder, plus warnings on stderr.

``<data folder>/logs/sango-game.log``, at most ``MAX_BYTES`` per file and ``BACKUPS`` older files,
so a lab PC that runs for years never fills its disk. The level comes from ``SANGO_LOG``
(``DEBUG``, ``INFO``, ``WARNING``...; default ``INFO`` in the file, ``WARNING`` on stderr). The file
is opened only when the first record is written: a quiet session costs nothing. No pygame here.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

ENV_LOG = "SANGO_LOG"
LOG_NAME = "sango-game.log"
MAX_BYTES = 256 * 1024
BACKUPS = 2


def log_path(data_folder: Path | None = None) -> Path:
    """Where the log file is (or will be): ``logs/sango-game.log`` in the data folder."""
    if data_folder is None:
        from .paths import data_dir

        data_folder = data_dir()
    return Path(data_folder) / "logs" / LOG_NAME


class SmallRotatingFile(logging.FileHandler):
    """Like logging.handlers.RotatingFileHandler (whose module pulls in sockets and pickle at
    start-up): when the file passes ``max_bytes`` it becomes ``.1``, ``.1`` becomes ``.2``..."""

    def __init__(self, path: Path, max_bytes: int = MAX_BYTES, backups: int = BACKUPS):
        path.parent.mkdir(parents=True, exist_ok=True)
        super().__init__(path, encoding="utf-8", delay=True)
        self.max_bytes, self.backups = max_bytes, backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is not None and self.stream.tell() >= self.max_bytes:
                self.rotate()
            elif self.stream is None and os.path.exists(self.baseFilename) \
                    and os.path.getsize(self.baseFilename) >= self.max_bytes:
                self.rotate()
        except OSError:
            pass  # a log that cannot rotate keeps writing; it must never stop the game
        super().emit(record)

    def rotate(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None  # reopened by the next emit()
        for i in range(self.backups - 1, 0, -1):
            older = f"{self.baseFilename}.{i}"
            if os.path.exists(older):
                os.replace(older, f"{self.baseFilename}.{i + 1}")
        if self.backups > 0:
            os.replace(self.baseFilename, f"{self.baseFilename}.1")
        else:
            os.remove(self.baseFilename)


def setup_logging() -> Path | None:
    """Log warnings to stderr and everything from INFO (or ``SANGO_LOG``) to the log file.
    Returns the log file's path, or None when the data folder cannot be used (the game then
    reports that itself when it opens its progress store)."""
    level_name = os.environ.get(ENV_LOG, "").strip().upper()
    level = logging.getLevelName(level_name) if level_name else logging.INFO
    if not isinstance(level, int):
        level = logging.INFO
    root = logging.getLogger()
    root.setLevel(level)
    if sys.stderr is not None:  # None in the windowed Windows program (Sango.exe)
        console = logging.StreamHandler()
        console.setLevel(level if level_name else logging.WARNING)  # a terminal shows only problems by default
        console.setFormatter(logging.Formatter("sango-game: %(levelname)s: %(message)s"))
        root.addHandler(console)
    try:
        path = log_path()
        handler = SmallRotatingFile(path)
    except Exception:  # ConfigError, DataDirError, read-only folder: play on without a log file
        return None
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return path
