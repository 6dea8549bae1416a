"""Logging that loads when used: the game's log set-up waits for the first record or the first frame."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sango_game import lazylog

ROOT = Path(__file__).resolve().parent.parent


def test_the_waiting_set_up_runs_once_in_order_before_the_first_record(caplog):
    done: list[str] = []
    lazylog.defer_setup(lambda: done.append("log file"))
    lazylog.defer_setup(lambda: done.append("basic config"))
    log = lazylog.LazyLogger("sango-test-lazy")
    assert done == []  # making the logger sets nothing up
    with caplog.at_level("WARNING", logger="sango-test-lazy"):
        log.warning("first %s", "record")
    assert done == ["log file", "basic config"]
    assert [r.getMessage() for r in caplog.records if r.name == "sango-test-lazy"] == ["first record"]
    log.warning("again")
    lazylog.settle()
    assert done == ["log file", "basic config"]  # each step ran once


def test_a_real_start_sets_up_its_log_after_the_first_frame(tmp_path):
    """The game started as sango-game starts it: no logging before the title's first frame, the
    terminal and log-file handlers right after it, and a start-up error still reaches the terminal."""
    code = ("import sys\n"
            "import sango_game.app as appmod\n"
            "def run(self):\n"
            "    before = 'logging' in sys.modules\n"
            "    self.step()\n"
            "    import logging\n"
            "    print(before, sorted(type(h).__name__ for h in logging.getLogger().handlers))\n"
            "    self.shutdown()\n"
            "    return 0\n"
            "appmod.App.run = run\n"
            "from sango_game.cli import main\n"
            "sys.exit(main([]))\n")
    env = {k: v for k, v in os.environ.items() if k not in ("SANGO_LOG", "SANGO_CONFIG", "DISPLAY", "WAYLAND_DISPLAY")}
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", SANGO_DATA_DIR=str(tmp_path / "data"),
               XDG_CACHE_HOME=str(tmp_path / "cache"))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "False ['SmallRotatingFile', 'StreamHandler']"
    assert out.stderr == ""
    env["SANGO_CONFIG"] = str(tmp_path / "missing.toml")  # an error before the first frame: logged as before
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stderr.startswith("sango-game: ERROR: Sango configuration file")
    assert out.stdout.strip().splitlines()[-1] == "True ['SmallRotatingFile', 'StreamHandler']"
