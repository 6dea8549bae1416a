"""The real display path: Sango in an X11 window, side by side with a bare pygame-ce window.

    python bench/bench_display.py            # 1280x720 and 1920x1080
    python bench/bench_display.py --quick    # fewer frames

The dummy driver (bench_game.py) measures game work only; here every frame goes to a real X
server. With no DISPLAY the benchmark starts Xvfb itself on a free display number and stops it
afterwards (Debian: apt install xvfb). Prints numbers; asserts nothing. Per window size:

* start-up: process start to the first frame of the title on screen [<= 1.3x] and to ready for
  input (progress store open) [<= 1.5x], against a bare window opened the same way, median of
  interleaved runs, English and Arabic;
* bare window: fill + flip, median / p99 (the display's own floor), and its resident memory;
* Sango quiz screen: a full redraw + flip, and a focus move (Tab), which updates only the
  widgets it touched, with its ratio to the bare full flip [target <= 30 %];
* CPU share of one core in the real loop (60 frames a second at most): idle on the title [< 2 %],
  Sango walking on the world map, typing dots and arriving messages on the pretend phone, the
  results screen's stars popping in [each <= 25 %], and how many of those frames were partial;
* peak resident memory against the bare window [<= bare + 100 MB].

    python bench/bench_display.py --quick --root /tmp/main-copy   # the same numbers for another tree (a copy: it is compiled)
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
HINT = ("SDL_FRAMEBUFFER_ACCELERATION", "0")  # = sango_game.display.FRAMEBUFFER_HINT

BARE = """
import json, resource, statistics, sys, time
import pygame
w, h, frames = {w}, {h}, {frames}
t0 = time.time()
pygame.display.init()
screen = pygame.display.set_mode((w, h))
screen.fill((232, 246, 245)); pygame.display.flip()
first = time.time() - {{start}}
times, cpu = [], []
for i in range(frames):
    pygame.event.pump()
    t, c = time.perf_counter(), time.process_time()
    screen.fill((232, 246, 245 - i % 2)); pygame.display.flip()
    times.append((time.perf_counter() - t) * 1000)
    cpu.append((time.process_time() - c) * 1000)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"first": first, "full": times, "full_cpu": cpu, "rss": rss}}))
"""

GAME = """
import json, os, pathlib, resource, sys, tempfile, time
sys.path.insert(0, {root!r})
from sango_game.app import App
w, h, frames, secs = {w}, {h}, {frames}, {secs}
app = App(size=(w, h), language={lang!r}, speech=False, data_dir=pathlib.Path(tempfile.mkdtemp()))
app.step()  # the first frame on screen, then the progress store opens: input is handled next
ready = time.time() - {{start}}
first = app.first_frame_at - {{start}}
import pygame
from sango_game.autoplay import ScriptedPlayer
from sango_game.input import Act, Action
XPID = os.environ.get("BENCH_XVFB_PID")


def xcpu():
    # The X server's CPU time (it copies what we send to the screen); 0 when it is not ours to read.
    try:
        f = open(f"/proc/{{XPID}}/stat").read().rsplit(")", 1)[1].split()
        return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
    except Exception:
        return 0.0


def loop(seconds, before_frame=None):
    # The real loop (App.run) for a while: poll, step at up to 60 frames a second; CPU % of one core.
    clock = pygame.time.Clock()
    c0, x0, t0, f0, p0 = time.process_time(), xcpu(), time.monotonic(), app.frames, app.partial_frames
    while time.monotonic() - t0 < seconds:
        if before_frame is not None:
            before_frame()
        idle = not (app.dirty or app.dirty_rects or app.animating or app.stack.has_pending)
        actions = app.input.poll(app.size, wait_ms=500 if idle else None)
        app.step(actions, dt=min(1.0, clock.tick(60) / 1000))
    wall = time.monotonic() - t0
    used, frames = time.process_time() - c0, app.frames - f0
    return {{"cpu": 100 * used / wall, "x": 100 * (xcpu() - x0) / wall, "frames": frames, "partial": app.partial_frames - p0,
             "ms_per_frame": 1000 * used / max(1, frames), "x_ms_per_frame": 1000 * (xcpu() - x0) / max(1, frames)}}


out = {{"first": first, "ready": ready, "idle": loop(secs)}}
# Sango walks from place to place on the world map, without pause.
app.reset_to("worldmap", "9-12")
app.step()
scene = app.stack.top
n = len(scene.world.locations)


def walk_on():
    if scene.walk_t >= 1.0 and scene.arrive is None:
        scene.walk_to((scene.world.current + 1) % n)


out["walk"] = loop(secs, walk_on)
# Typing dots and arriving messages on the pretend phone's group chat.
level = app.catalog.levels["k-kindness-practice"]
app.reset_to("practice", level)
app.step()
practice = app.stack.top
practice.go("chat", "group")
app.step()
out["chat"] = loop(secs)
# The results screen's stars pop in, again and again.
lv = app.catalog.levels["k-passwords-quiz"]
app.reset_to("results", lv, 1.0, 3)
app.step()
res = app.stack.top


def pop_again():
    if res.t >= res.ANIM_SECONDS:
        res.t = 0.0


out["stars"] = loop(secs, pop_again)
ScriptedPlayer(app).start_level(lv)
app.step()
full, partial, partial_cpu = [], [], []
for i in range(frames):
    pygame.event.pump()
    app.dirty = True
    t = time.perf_counter(); app.step(); full.append((time.perf_counter() - t) * 1000)
    t, c = time.perf_counter(), time.process_time()
    app.step([Action(Act.FOCUS_NEXT)])
    partial.append((time.perf_counter() - t) * 1000)
    partial_cpu.append((time.process_time() - c) * 1000)
out.update(full=full, partial=partial, partial_cpu=partial_cpu, rss=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
print(json.dumps(out))
"""


# Start-up, repeated (the median counts): the bare window opens the way the game opens its window.
BARE_START = """
import time
import pygame
pygame.display.init()
screen = pygame.display.set_mode(({w}, {h}), pygame.RESIZABLE)
screen.fill((232, 246, 245))
pygame.display.flip()
print(time.time(), time.time(), time.process_time(), time.process_time())
"""

GAME_START = """
import sys, time
sys.path.insert(0, {root!r})
from sango_game.app import App
cpu = []
show = App.present
App.present = lambda self, rects: (show(self, rects), cpu.append(time.process_time()))[0]  # CPU time at the first frame
kw = dict(title_cache=True) if 'title_cache' in App.__init__.__code__.co_varnames else {{}}  # as sango-game starts it
app = App(size=({w}, {h}), language={lang!r}, speech=False, **kw)
app.step()  # the first frame on screen, then the progress store opens: input is handled next
print(app.first_frame_at, time.time(), cpu[0], time.process_time())
for _ in range({settle}):  # the warm-up start: on to the first idle frame, where the title's frame is kept
    app.step()
"""


def p99(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(0.99 * len(xs)))]


def byte_compile(root: Path) -> None:
    """Measure what an installed game does: pip byte-compiles the code at install, and the wheel
    carries compiled catalogs (.mo beside each .po). Do the same in the tree measured (as bench_game.py)."""
    code = ("import compileall, sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
            "compileall.compile_dir(str(Path(sys.argv[1]) / 'sango_game'), quiet=1); "
            "from sango_game.i18n_tools import compile_all; compile_all(Path(sys.argv[1]))")
    subprocess.run([sys.executable, "-c", code, str(root)], check=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": ""})


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


def run(code: str, display: str, xpid: int | None = None, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("SDL_VIDEODRIVER", "WAYLAND_DISPLAY")}
    env.update(extra)
    env.update(DISPLAY=display, SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1",
               SANGO_DATA_DIR=tempfile.mkdtemp(), BENCH_XVFB_PID=str(xpid or ""))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    code = code.replace("{start}", repr(time.time()))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def startup(display: str, root: Path, w: int, h: int, repeats: int) -> dict:
    """Median seconds from process start to the first frame (and to ready, for the game)."""
    def once(code: str) -> list[float]:
        env = {k: v for k, v in os.environ.items() if k not in ("SDL_VIDEODRIVER", "WAYLAND_DISPLAY")}
        env.update(DISPLAY=display, SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1", SANGO_DATA_DIR=tempfile.mkdtemp())
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env[HINT[0]] = HINT[1]  # both open their window the same way (Sango sets it itself)
        t0 = time.time()
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            raise RuntimeError(out.stderr[-2000:])
        stamps = [float(x) for x in out.stdout.strip().splitlines()[-1].split()]
        return [stamps[0] - t0, stamps[1] - t0, *stamps[2:]]  # wall-clock times, then CPU times

    once(BARE_START.format(w=w, h=h))  # warm the disk cache: the first start of anything is slower
    for lang in ("en", "ar"):  # and start the game once, as a child's computer has (it keeps the title's first frame)
        once(GAME_START.format(root=str(root), lang=lang, w=w, h=h, settle=3))
    out: dict = {"bare": [], "en": [], "ar": []}
    for _ in range(repeats):  # interleaved: a burst of load on the shared machine hits all three alike
        out["bare"].append(once(BARE_START.format(w=w, h=h)))
        for lang in ("en", "ar"):
            out[lang].append(once(GAME_START.format(root=str(root), lang=lang, w=w, h=h, settle=0)))
    # Wall clock, and the process's own CPU time (the clock a loaded machine distorts least).
    med = {"bare": statistics.median(x[0] for x in out["bare"]), "bare_cpu": min(x[2] for x in out["bare"])}
    for lang in ("en", "ar"):
        med[lang] = statistics.median(x[0] for x in out[lang])
        med[lang + "_ready"] = statistics.median(x[1] for x in out[lang])
        med[lang + "_cpu"] = min(x[2] for x in out[lang])
        med[lang + "_ready_cpu"] = min(x[3] for x in out[lang])
    return med


def cpu(phase: dict, animated: bool) -> str:
    """Idle: the share of one core measured. Animated: CPU time per frame, as a share of one core at
    60 frames a second (on a loaded machine fewer frames are drawn, so the share measured would flatter)."""
    if not animated:
        return f"{phase['cpu']:5.2f} % (X {phase['x']:4.2f})"
    return f"{6 * phase['ms_per_frame']:5.1f} % (X {6 * phase['x_ms_per_frame']:4.1f})"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--root", type=Path, default=ROOT,
                    help="the Sango source tree to measure (default: this one); it is byte-compiled and its catalogs compiled, "
                         "so give a copy (git archive main | tar -x -C /tmp/x) rather than someone else's checkout")
    ap.add_argument("--sizes", default="1280x720,1920x1080")
    ap.add_argument("--repeats", type=int, default=0, help="start-up runs per language (default 3, or 5 without --quick)")
    args = ap.parse_args()
    frames = 40 if args.quick else 200
    secs = 2.5 if args.quick else 6
    args.repeats = args.repeats or (3 if args.quick else 5)
    byte_compile(args.root)
    proc, display = start_xvfb()
    if display is None:
        print("no DISPLAY and no Xvfb: install xvfb (apt install xvfb) to measure a real window")
        return 0
    xpid = proc.pid if proc else None
    try:
        print(f"display {display} ({'Xvfb started by this benchmark' if proc else 'existing'}), {os.cpu_count()} cores, "
              f"measuring {args.root}")
        print("CPU: % of one core used by the game process (X: by the X server, when this benchmark started it);\n"
              "for animations: CPU time per frame drawn, as a share of one core at 60 frames a second")
        for size in args.sizes.split(","):
            w, h = (int(x) for x in size.split("x"))
            fill = {"w": w, "h": h, "frames": frames}
            # The bare window as any pygame-ce program gets it, and opened the way Sango opens its
            # window (SDL's own framebuffer: display.FRAMEBUFFER_HINT), which start-up is compared with.
            bare = run(BARE.format(**fill), display)
            native = run(BARE.format(**fill), display, **{HINT[0]: HINT[1]})
            games = {lang: run(GAME.format(root=str(args.root), lang=lang, secs=secs, **fill), display, xpid)
                     for lang in ("en", "ar")}
            st = startup(display, args.root, w, h, args.repeats)
            bmed, b99 = statistics.median(bare["full"]), p99(bare["full"])
            print(f"\n{w}x{h}               bare window     Sango en               Sango ar")
            print(f"  first frame (ms)     {st['bare'] * 1000:7.0f}        "
                  + "  ".join(f"{st[lang] * 1000:7.0f} ({st[lang] / st['bare']:.2f}x)     " for lang in ("en", "ar"))
                  + f"  [<= 1.3x] median of {args.repeats}")
            print("  ready for input (ms)                 "
                  + "  ".join(f"{st[lang + '_ready'] * 1000:7.0f} ({st[lang + '_ready'] / st['bare']:.2f}x)     "
                              for lang in ("en", "ar"))
                  + "  [<= 1.5x]")
            print(f"  first frame, CPU ms  {st['bare_cpu'] * 1000:7.0f}        "
                  + "  ".join(f"{st[lang + '_cpu'] * 1000:7.0f} ({st[lang + '_cpu'] / st['bare_cpu']:.2f}x)     "
                              for lang in ("en", "ar")) + "  [<= 1.3x] least of the runs")
            print("  ready, CPU ms                        "
                  + "  ".join(f"{st[lang + '_ready_cpu'] * 1000:7.0f} ({st[lang + '_ready_cpu'] / st['bare_cpu']:.2f}x)     "
                              for lang in ("en", "ar")) + "  [<= 1.5x]")
            print(f"  full frame med/p99   {bmed:5.1f} / {b99:5.1f}   "
                  + "  ".join(f"{statistics.median(g['full']):5.1f} / {p99(g['full']):5.1f}         " for g in games.values()))
            print(f"  bare, SDL framebuffer {statistics.median(native['full']):5.1f} / {p99(native['full']):5.1f} ms, "
                  f"{statistics.median(native['full_cpu']):.2f} ms CPU (how Sango opens its window)")
            print("  focus move med/p99                   "
                  + "  ".join(f"{statistics.median(g['partial']):5.1f} / {p99(g['partial']):5.1f}         "
                              for g in games.values()))
            print("  focus move / bare full flip          "
                  + "  ".join(f"{100 * statistics.median(g['partial']) / bmed:5.0f} %              " for g in games.values())
                  + "  [<= 30 %]")
            bcpu = statistics.median(bare["full_cpu"])
            print("  the same in CPU time                 "
                  + "  ".join(f"{100 * statistics.median(g['partial_cpu']) / bcpu:5.0f} %              " for g in games.values())
                  + f"  (bare full flip {bcpu:.1f} ms CPU)")
            for key, label, target in (("idle", "idle CPU (title)", "< 2 %"), ("walk", "world map walk CPU", "<= 25 %"),
                                       ("chat", "typing dots, messages", "<= 25 %"), ("stars", "star pop CPU", "<= 25 %")):
                print(f"  {label:22}               " + "  ".join(f"{cpu(g[key], key != 'idle'):22}" for g in games.values())
                      + f"  [{target}]")
            print("  animated frames: partial/all         "
                  + "  ".join(" ".join(f"{g[k]['partial']}/{g[k]['frames']}" for k in ("walk", "chat", "stars")).ljust(22)
                              for g in games.values()))
            print(f"  peak RSS (MB)        {bare['rss']:7.0f}        "
                  + "  ".join(f"{g['rss']:7.0f} (+{g['rss'] - bare['rss']:.0f})          " for g in games.values())
                  + "  [<= bare + 100]")
            print(f"  bare RSS, SDL framebuffer {native['rss']:4.0f}   "
                  + "  ".join(f"        (+{g['rss'] - native['rss']:.0f})          " for g in games.values())
                  + "  (without Mesa's OpenGL, as Sango opens its window)")
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
