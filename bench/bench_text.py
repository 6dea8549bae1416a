"""CPU time of the text layout with and without its fast paths. Prints numbers; asserts nothing.

    python bench/bench_text.py              # the overflow tour (measure only), en and ar, both test sizes
    python bench/bench_text.py -l en,fr     # other languages
    python bench/bench_text.py --repeat 2   # each measurement twice, the smaller CPU time kept

Runs what tests/test_screens.py::test_no_text_overflows_on_any_screen runs: every screen drawn with
``glyphs = False`` (layout and fit only), at 1280x720 normal text and 1024x600 larger text. Each run
starts from empty text caches (paragraphs, run widths, inks), once with the fast paths of
``sango_game.text.layout`` switched off (the general code) and once on, interleaved, so both see
the same machine load. The fast paths give the same results (tools/text_golden.py proves it on
every catalog string; tests/test_text_wrap.py compares them on random text).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def empty_caches() -> None:
    from sango_game.text.engine import forget_measurements

    forget_measurements()


def tour_cpu(code: str, big: bool, fast: bool, catalog, art) -> tuple[float, int]:
    """CPU seconds of one measure-only tour, and the number of screens it drew."""
    from sango_game import screenshots
    from sango_game.text import layout

    empty_caches()
    layout.fast_paths(fast)
    try:
        size = (1024, 600) if big else (1280, 720)
        app = screenshots.measuring_app(code, size, "larger" if big else "normal", Path(tempfile.mkdtemp()) / "data",
                                        catalog, art)
        visits = [0]
        t0 = time.process_time()
        screenshots.tour(app, lambda name: visits.__setitem__(0, visits[0] + 1))
        return time.process_time() - t0, visits[0]
    finally:
        layout.fast_paths(True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-l", "--langs", default="en,ar", help="comma-separated language codes")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each measurement (the smallest is kept)")
    args = ap.parse_args()
    from sango_game.art import Art
    from sango_game.content import load_catalog

    catalog, art = load_catalog(), Art()
    tour_cpu("en", False, True, catalog, art)  # warm-up: imports, fonts, pictures
    print(f"{'run':16s} {'screens':>7s} {'general s':>10s} {'fast s':>8s} {'saved':>6s}")
    totals = [0.0, 0.0]
    for code in args.langs.split(","):
        for big in (False, True):
            best = [float("inf"), float("inf")]
            visits = 0
            for _ in range(max(1, args.repeat)):
                for k, fast in enumerate((False, True)):
                    cpu, visits = tour_cpu(code, big, fast, catalog, art)
                    best[k] = min(best[k], cpu)
            totals[0] += best[0]
            totals[1] += best[1]
            name = f"{code}-{'1024' if big else '1280'}"
            print(f"{name:16s} {visits:7d} {best[0]:10.2f} {best[1]:8.2f} {1 - best[1] / best[0]:6.0%}", flush=True)
    print(f"{'total':16s} {'':7s} {totals[0]:10.2f} {totals[1]:8.2f} {1 - totals[1] / totals[0]:6.0%}")


if __name__ == "__main__":
    main()
