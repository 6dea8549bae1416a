"""Who may open the teacher area: wrong-PIN throttling kept across restarts, and the idle lock.

Pure logic with an injectable clock; the only I/O is one small JSON file next to the progress store.

* :class:`PinGuard`: after ``FREE_TRIES`` wrong PINs every further try must wait, and the wait doubles
  with each wrong PIN (30 s, 1 min, 2 min ... up to 30 min). The count and the end of the wait are kept
  in ``teacher-pin-wait.json`` in the data folder, so quitting and restarting the game does not reset
  them. A right PIN clears them. A teacher who forgot the PIN resets it from the computer's account
  with ``sango-game reset-pin`` (see the README), never from inside the game.
* :class:`IdleLock`: the teacher area locks after ``IDLE_LOCK_SECONDS`` without any input, except while
  a class is playing on the projector.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from pathlib import Path

from ..atomic import atomic_write_bytes

WAIT_FILE = "teacher-pin-wait.json"
FREE_TRIES = 3
FIRST_WAIT_SECONDS = 30
MAX_WAIT_SECONDS = 30 * 60
IDLE_LOCK_SECONDS = 5 * 60


def wait_after(failures: int) -> int:
    """Seconds to wait after ``failures`` wrong PINs in a row."""
    if failures < FREE_TRIES:
        return 0
    return min(MAX_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2 ** min(failures - FREE_TRIES, 16))


class PinGuard:
    """Counts wrong PINs in a file and says how long to wait before the next try."""

    def __init__(self, path: Path, clock: Callable[[], float] = time.time):
        self.path = Path(path)
        self.clock = clock
        self.failures = 0
        self.until = 0.0  # wall-clock time (seconds) before which no PIN is checked
        self.failed_at = 0.0
        self._load()

    @classmethod
    def beside(cls, store_path: Path, clock: Callable[[], float] = time.time) -> PinGuard:
        return cls(Path(store_path).parent / WAIT_FILE, clock)

    def _load(self) -> None:
        import json  # only where JSON is read or written: opening the store does not need it

        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            failures, until, failed_at = int(data["failures"]), float(data["until"]), float(data["failed_at"])
        except FileNotFoundError:
            return
        except (OSError, ValueError, TypeError, KeyError, OverflowError):
            # Unreadable: assume the worst that the file can say without trusting it, one full wait.
            failures, until, failed_at = FREE_TRIES, self.clock() + FIRST_WAIT_SECONDS, self.clock()
        if not (math.isfinite(until) and math.isfinite(failed_at)):
            until = failed_at = self.clock()
        self.failures, self.until, self.failed_at = max(0, min(failures, 1000)), until, failed_at

    def _save(self) -> None:
        import json  # only where JSON is read or written: opening the store does not need it

        data = {"failures": self.failures, "until": self.until, "failed_at": self.failed_at}
        try:
            atomic_write_bytes(self.path, (json.dumps(data) + "\n").encode("utf-8"))
        except OSError:
            pass  # a full or read-only disk: the wait still holds for this run of the game

    def wait_seconds(self) -> int:
        """Whole seconds to wait before a PIN may be tried; 0 when it may be tried now."""
        now = self.clock()
        if self.failures < FREE_TRIES or now >= self.until:
            return 0
        if now < self.failed_at:
            # The clock was put back: the wait starts again from now instead of being skipped.
            self.failed_at, self.until = now, now + wait_after(self.failures)
            self._save()
        return max(1, math.ceil(self.until - now))

    def record_failure(self) -> int:
        """Count one wrong PIN; returns the seconds to wait before the next try."""
        now = self.clock()
        self.failures += 1
        self.failed_at = now
        self.until = now + wait_after(self.failures)
        self._save()
        return self.wait_seconds()

    def record_success(self) -> None:
        if self.failures or self.path.exists():
            self.failures, self.until, self.failed_at = 0, 0.0, 0.0
            try:
                self.path.unlink(missing_ok=True)
            except OSError:
                self._save()

    def check(self, verify: Callable[[str], bool], pin: str) -> tuple[bool, int]:
        """(PIN accepted, seconds to wait). While a wait runs the PIN is not even checked."""
        wait = self.wait_seconds()
        if wait:
            return False, wait
        if verify(pin):
            self.record_success()
            return True, 0
        return False, self.record_failure()


class IdleLock:
    """Says when the teacher area should lock: no input for ``seconds``, unless a class is playing."""

    def __init__(self, seconds: float = IDLE_LOCK_SECONDS, clock: Callable[[], float] = time.monotonic):
        self.seconds = seconds
        self.clock = clock
        self.last_input = clock()

    def touch(self) -> None:
        self.last_input = self.clock()

    def expired(self, class_playing: bool = False) -> bool:
        if class_playing:
            self.touch()  # the idle time counts from the end of class play, not from its start
            return False
        return self.clock() - self.last_input >= self.seconds
