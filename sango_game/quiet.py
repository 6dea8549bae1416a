"""Keep native libraries' chatter off the terminal.

SDL's sound and video back-ends (ALSA, PulseAudio, EGL) print their own lines straight to the
process's standard error when a computer has no sound card or no session folder: eight ALSA lines
and an ``XDG_RUNTIME_DIR`` warning on every start of a lab PC without speakers. Sango says what
matters in its own words (and in its log), so these calls run with file descriptor 2 pointed at
the null device. ``SANGO_LOG=DEBUG`` (or ``sango-game --verbose``) shows everything again.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager


def verbose() -> bool:
    return os.environ.get("SANGO_LOG", "").strip().upper() in ("DEBUG", "INFO")


@contextmanager
def native_stderr_silenced() -> Iterator[None]:
    if verbose():
        yield
        return
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):  # no real stderr (a windowed bundle): nothing to hide
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)
