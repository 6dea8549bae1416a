"""The real display path: Sango in an X11 window, side by side with a bare pygame-ce window.

    python bench/bench_display.py            # 1280x720 and 1920x1080
    python bench/bench_display.py --quick    # fewer frames

The dummy driver (bench_game.py) measures game work only; here every frame goes to a real X
server. With no DISPLAY the benchmark starts Xvfb itself on a free display number and stops it
afterwards (Debian: apt install xvfb). Prints numbers; asserts nothing. Per window size:

* bare window: fill + flip, median / p99 (the display's own floor), and its resident memory;
* Sango quiz screen: a full redraw + flip, and a focus move (Tab), which updates only the
  widgets it touched, with its ratio to the bare full flip [target <= 30 %];
* CPU share of one core while idle on the title screen [< 2 %];
* peak resident memory against the bare window [<= bare + 100 MB];
* start-up: process start to the first frame on screen, against the bare window opened the same way.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
import json, resource, statistics, sys, time
import pygame
w, h, frames = {w}, {h}, {frames}
t0 = time.time()
pygame.display.init()
screen = pygame.display.set_mode((w, h))
screen.fill((232, 246, 245)); pygame.display.flip()
first = time.time() - {{start}}
times = []
for i in range(frames):
    pygame.event.pump()
    t = time.perf_counter()
    screen.fill((232, 246, 245 - i % 2)); pygame.display.flip()
    times.append((time.perf_counter() - t) * 1000)
print(json.dumps({{"first": first, "full": times, "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""

GAME = """
import json, pathlib, resource, sys, tempfile, time
sys.path.insert(0, {root!r})
from sango_game.app import App
from sango_game.autoplay import ScriptedPlayer
from sango_game.input import Act, Action
w, h, frames = {w}, {h}, {frames}
app = App(size=(w, h), language={lang!r}, speech=False, data_dir=pathlib.Path(tempfile.mkdtemp()))
app.step()
first = app.first_frame_at - {{start}}
# Idle on the title: the real loop, for a few seconds.
import threading
app.stack.top  # title
c0, t0 = time.process_time(), time.monotonic()
stop = time.monotonic() + {idle}
import pygame
while time.monotonic() < stop:
    app.step(app.input.poll(app.size, wait_ms=500 if not app.dirty else None))
idle = 100 * (time.process_time() - c0) / (time.monotonic() - t0)
lv = app.catalog.levels["k-passwords-quiz"]
ScriptedPlayer(app).start_level(lv)
full, partial = [], []
for i in range(frames):
    app.dirty = True
    t = time.perf_counter(); app.step(); full.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter(); app.step([Action(Act.FOCUS_NEXT)]); partial.append((time.perf_counter() - t) * 1000)
print(json.dumps({{"first": first, "idle": idle, "full": full, "partial": partial, "partial_frames": app.partial_frames,
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def p99(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(0.99 * len(xs)))]


def start_xvfb() -> tuple[subprocess.Popen | None, str | None]:
    if os.environ.get("DISPLAY"):
        return None, os.environ["DISPLAY"]
    if not shutil.which("Xvfb"):
        return None, None
    for n in range(90, 130):
        if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists():
            proc = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(50):
                if Path(f"/tmp/.X11-unix/X{n}").exists():
                    return proc, f":{n}"
                time.sleep(0.1)
            proc.kill()
    return None, None


def run(code: str, display: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("SDL_VIDEODRIVER", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=display, SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1",
               SANGO_DATA_DIR=tempfile.mkdtemp())
    code = code.replace("{start}", repr(time.time()))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    frames = 60 if args.quick else 200
    proc, display = start_xvfb()
    if display is None:
        print("no DISPLAY and no Xvfb: install xvfb (apt install xvfb) to measure a real window")
        return 0
    try:
        print(f"display {display} ({'Xvfb started by this benchmark' if proc else 'existing'}), {os.cpu_count()} cores")
        for w, h in ((1280, 720), (1920, 1080)):
            fill = {"w": w, "h": h, "frames": frames}
            bare = run(BARE.format(**fill), display)
            games = {lang: run(GAME.format(root=str(ROOT), lang=lang, idle=3 if args.quick else 5, **fill)
                               , display) for lang in ("en", "ar")}
            bmed, b99 = statistics.median(bare["full"]), p99(bare["full"])
            print(f"\n{w}x{h}               bare window     Sango en        Sango ar")
            print(f"  first frame (ms)     {bare['first'] * 1000:7.0f}        "
                  + "  ".join(f"{g['first'] * 1000:7.0f} ({g['first'] / bare['first']:.2f}x)" for g in games.values()))
            print(f"  full frame med/p99   {bmed:5.1f} / {b99:5.1f}   "
                  + "  ".join(f"{statistics.median(g['full']):5.1f} / {p99(g['full']):5.1f}" for g in games.values()))
            print("  focus move med/p99                   "
                  + "  ".join(f"{statistics.median(g['partial']):5.1f} / {p99(g['partial']):5.1f}" for g in games.values()))
            print("  focus move / bare full flip          "
                  + "  ".join(f"{100 * statistics.median(g['partial']) / bmed:5.0f} %       " for g in games.values())
                  + "  [<= 30 %]")
            print("  idle CPU (one core)                  "
                  + "  ".join(f"{g['idle']:5.2f} %       " for g in games.values()) + "  [< 2 %]")
            print(f"  peak RSS (MB)        {bare['rss']:7.0f}        "
                  + "  ".join(f"{g['rss']:7.0f} (+{g['rss'] - bare['rss']:.0f})" for g in games.values())
                  + "  [<= bare + 100]")
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
