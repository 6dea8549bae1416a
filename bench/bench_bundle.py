"""Start-up of the standalone bundle next to the pip-installed game. Prints numbers; asserts nothing.

    python bench/bench_bundle.py                 # builds dist/sango-game if missing
    python bench/bench_bundle.py --bundle DIR --runs 15

Both are started the same way, as a new process, and asked for the title screen's first frame
(``sango-game --first-frame-only``): process start -> first drawn frame, and -> ready for input
(progress store open). The pip-installed game is a non-editable install of this checkout into a
fresh venv (build/bench-venv) whose dependencies come from the current environment, so no network
is needed. Target from the issue: the bundle within 1.2x of the pip-installed game.
Also printed: ``--version`` and ``check`` (the teacher's command-line tools) and the bundle's size.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE = "sango-game.exe" if os.name == "nt" else "sango-game"


def pip_installed(folder: Path) -> Path:
    """A venv with this checkout pip-installed (reused while the checkout's sango_game is unchanged)."""
    cli = folder / ("Scripts" if os.name == "nt" else "bin") / EXE
    stamp = folder / "sango-source-stamp"
    sources = sorted(p for p in (ROOT / "sango_game").rglob("*.py"))
    current = str(max(p.stat().st_mtime_ns for p in sources)) + str(len(sources))
    if cli.exists() and stamp.is_file() and stamp.read_text() == current:
        return cli
    venv.EnvBuilder(with_pip=True, clear=True).create(folder)
    py = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    import site as site_mod

    outer = [p for p in site_mod.getsitepackages() if os.path.isdir(p)]
    Path(site, "sango-bench-deps.pth").write_text("\n".join(outer) + "\n", encoding="utf-8")
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", str(ROOT)],
                   check=True)
    stamp.write_text(current)
    return cli


def _children_cpu() -> float:
    try:
        import resource
    except ImportError:  # Windows: no CPU column
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def first_frame(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Seconds to the first frame and to ready-for-input, and the CPU seconds of the whole run
    (less disturbed than wall time when other work shares the machine)."""
    cpu = _children_cpu()
    start = time.time()
    out = subprocess.run(cmd + ["--first-frame-only", "--language", env["BENCH_LANG"]], capture_output=True,
                         text=True, env=env, check=True).stdout.split()
    return float(out[-2]) - start, float(out[-1]) - start, _children_cpu() - cpu


def wall(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, capture_output=True, env=env, check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "sango-game")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    if not (args.bundle / EXE).exists():
        subprocess.run([sys.executable, str(ROOT / "tools" / "build.py"), "bundle", "--out", str(args.bundle.parent)],
                       check=True)
    installed = pip_installed(ROOT / "build" / "bench-venv")
    data = tempfile.mkdtemp(prefix="sango-bench-")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(SANGO_DATA_DIR=data, XDG_CACHE_HOME=os.path.join(data, "cache"), PYGAME_HIDE_SUPPORT_PROMPT="1",
               SDL_AUDIODRIVER=env.get("SDL_AUDIODRIVER", "dummy"))
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("SDL_VIDEODRIVER", "dummy")
    targets = {"pip-installed": [str(installed)], "bundle": [str(args.bundle / EXE)]}
    for cmd in targets.values():  # warm the disk cache and the data folder once
        wall(cmd + ["--version"], env)
        for lang in ("en", "ar"):
            first_frame(cmd, {**env, "BENCH_LANG": lang})
    size = sum(p.stat().st_size for p in args.bundle.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6
    print(f"bundle: {args.bundle} ({size:.1f} MB unpacked); pip-installed: {installed}")
    print(f"median of {args.runs} runs, interleaved; seconds from process start")
    print(f"{'':34}{'pip-installed':>14}{'bundle':>10}{'ratio':>8}")
    rows: list[tuple[str, dict[str, list[float]]]] = []
    for lang in ("en", "ar"):
        frame: dict[str, list[float]] = {k: [] for k in targets}
        ready: dict[str, list[float]] = {k: [] for k in targets}
        cpu: dict[str, list[float]] = {k: [] for k in targets}
        for _ in range(args.runs):
            for name, cmd in targets.items():
                f, r, c = first_frame(cmd, {**env, "BENCH_LANG": lang})
                frame[name].append(f)
                ready[name].append(r)
                cpu[name].append(c)
        rows += [(f"first frame of the title ({lang})", frame), (f"ready for input ({lang})", ready)]
        if any(cpu["bundle"]):
            rows.append((f"CPU time, start to quit ({lang})", cpu))
    for label, extra in (("--version", ["--version"]), ("check (all levels)", ["check"])):
        times: dict[str, list[float]] = {k: [] for k in targets}
        for _ in range(max(3, args.runs // 2)):
            for name, cmd in targets.items():
                times[name].append(wall(cmd + extra, env))
        rows.append((label, times))
    for label, values in rows:
        a, b = statistics.median(values["pip-installed"]), statistics.median(values["bundle"])
        print(f"{label:34}{a:>14.3f}{b:>10.3f}{b / a:>7.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
