"""What the test suite's repeated work costs, before and after the changes that made it fast, side
by side in one run (issue 18: the suite in <= 90 s on 2 cores). CPU seconds of this process.

    python bench/bench_suite.py [--language ar]

* the every-screen overflow tour of one language at 1280x720: drawn (glyphs and every pixel) vs
  measured only (no glyph, and no pixel: the window's clip is empty);
* loading the 107 levels: the first load vs a later load of the same files (the suite builds
  hundreds of games, each loading the levels);
* rasterising the SVG art a game draws on its first screens: each game on its own vs once per process;
* comparing a frame with a full redraw (test_partial_update, 900 frames a test): colours converted
  vs raw pixel memory first;
* checking one catalog: with the template read again vs parsed once per content;
* fitting catalog strings into boxes: the size search as it was (every size tried laid out in full,
  the smallest size first) vs lines first (sizes tried by their lines alone; the smallest only when
  the search ends on it; a full layout with the marks' ink only where the answer may be); and that
  search halving from the middle of the sizes vs starting from a guess (text/sizing.py);
* the measured overflow tour of one language at 1024x600 larger text, cold: Python's default garbage
  collection vs what the test processes use (tests/conftest.py: frozen after collection, 10,000);
* a property test's first strings in a process of a fresh checkout (no .hypothesis folder yet, as in
  CI): ``st.text()``'s default alphabet vs ``tests/examples.utf8_text`` (the same characters);
* reading the template and six catalogs, a few small catalogs (a test's or a pack's), then the seven
  again: parsed catalogs kept by count (8, as it was) vs by size.
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


def cpu(fn, repeat: int = 1) -> float:
    start = time.process_time()
    for _ in range(repeat):
        fn()
    return (time.process_time() - start) / repeat


def tour_seconds(language: str, glyphs: bool, catalog) -> float:
    from sango_game.art import Art
    from sango_game.screenshots import measuring_app, tour
    from sango_game.text.engine import forget_measurements

    forget_measurements()  # each tour starts cold

    app = measuring_app(language, (1280, 720), "normal", Path(tempfile.mkdtemp()) / "d", catalog, Art())
    app.text.glyphs = glyphs
    if glyphs:
        app.screen.set_clip(None)  # drawn: every pixel, as a playing game draws it
    seconds = cpu(lambda: tour(app, lambda name: None))
    app.shutdown()
    return seconds


def fit_smallest_first(eng, text: str, lang: str, size: int, box_w: int, box_h: int, min_size: int) -> int:
    """TextEngine.fit as it was: every size tried laid out in full (lines, runs, the marks' ink), the
    smallest size before the search, every time."""
    def fits(s: int, strict: bool, ink: bool) -> bool:
        lay = eng._layout(text, lang, s, box_w, False, 1.25, box_h // eng.line_height(lang, s))
        if lay is None:
            return False
        h = lay.height if ink else lay.height - lay.ink_top - lay.ink_bottom
        return not (lay.overflow or h > box_h or lay.width > box_w or (strict and lay.broken_words))

    for strict, ink in ((True, True), (True, False), (False, True), (False, False)):
        if fits(size, strict, ink):
            return size
        if not fits(min_size, strict, ink):
            continue
        lo, hi = min_size, size
        while hi - lo > 1:
            mid = (lo + hi) // 2
            lo, hi = (mid, hi) if fits(mid, strict, ink) else (lo, mid)
        return lo
    return min_size


def fits_seconds(language: str, mode: str) -> float:
    """Fit every catalog string of a language into five boxes, from cold caches. ``mode``: "old" (the
    search as it was before lines-first), "halving" (today's search without its guess: halving from
    the middle of the sizes), "guess" (today's: from the guess of text/sizing.py)."""
    import re

    from sango_game.i18n import po_path
    from sango_game.text import engine as text_engine
    from sango_game.text.engine import TextEngine, forget_measurements

    texts = [m.group(1) for m in re.finditer(r'^msgstr(?:\[\d\])? "(.+)"$', po_path(language).read_text("utf-8"), re.M)]
    boxes = ((200, 60), (320, 120), (600, 90), (900, 300), (140, 400))
    forget_measurements()
    eng = TextEngine()
    eng.glyphs = False
    answers = []

    def run():
        for k, text in enumerate(texts):
            bw, bh = boxes[k % len(boxes)]
            answers.append(fit_smallest_first(eng, text, language, 32, bw, bh, 12) if mode == "old"
                           else eng.fit(text, language, 32, bw, bh, min_size=12))

    guess = text_engine.guess_size
    if mode == "halving":
        text_engine.guess_size = lambda *args: None  # type: ignore[assignment]  # no guess: halving from the middle
    try:
        seconds = cpu(run)
    finally:
        text_engine.guess_size = guess  # type: ignore[assignment]
    fits_seconds.answers[mode] = answers  # type: ignore[attr-defined]
    return seconds


fits_seconds.answers = {}  # type: ignore[attr-defined]


def gc_tour_seconds(language: str, catalog, tuned: bool) -> float:
    import gc

    from sango_game.art import Art
    from sango_game.screenshots import measuring_app, tour
    from sango_game.text.engine import forget_measurements

    forget_measurements()
    app = measuring_app(language, (1024, 600), "larger", Path(tempfile.mkdtemp()) / "d", catalog, Art())
    before = gc.get_threshold()
    gc.collect()
    if tuned:
        gc.freeze()
        gc.set_threshold(10_000, 10, 10)
    try:
        return cpu(lambda: tour(app, lambda name: None))
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()
        app.shutdown()


def hypothesis_text_seconds(default_alphabet: bool) -> float:
    """CPU seconds of a new process drawing 20 strings, with an empty Hypothesis folder."""
    import resource
    import subprocess

    strategy = "st.text(max_size=8)" if default_alphabet else "utf8_text(max_size=8)"
    code = ("from hypothesis import given, settings, strategies as st\n"
            "from tests.examples import utf8_text\n"
            f"@settings(max_examples=20, database=None)\n@given({strategy})\ndef f(s): pass\nf()\n")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryDirectory() as storage:
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True,
                       env={**os.environ, "HYPOTHESIS_STORAGE_DIRECTORY": storage})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def catalogs_seconds(by_size: bool) -> float:
    """Reading the template and the six catalogs, twelve small catalogs, then the seven again."""
    from sango_game import i18n_tools
    from sango_game.i18n import LANGUAGES, po_path

    real = [ROOT / "locales" / "messages.pot"] + [po_path(lang.code, ROOT / "locales") for lang in LANGUAGES]
    kept, budget = i18n_tools._READ_ONLY_KEPT, i18n_tools._READ_ONLY_BYTES
    if not by_size:
        i18n_tools._READ_ONLY_KEPT, i18n_tools._READ_ONLY_BYTES = 8, 2**62
    try:
        with tempfile.TemporaryDirectory() as tmp:
            small = []
            for k in range(12):
                path = Path(tmp) / f"small{k}.po"
                path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                                f'msgid "Play"\nmsgstr "Jouer {k}"\n', "utf-8")
                small.append(path)

            def read_all():
                i18n_tools._read_only.clear()
                for path in real + small + real:
                    i18n_tools.read_catalog_shared(path)

            return cpu(read_all)
    finally:
        i18n_tools._READ_ONLY_KEPT, i18n_tools._READ_ONLY_BYTES = kept, budget


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--language", default="ar")
    args = ap.parse_args()
    import pygame

    from sango_game.content import catalog as catalog_module
    from sango_game.content import load_catalog

    rows: list[tuple[str, float, float, str]] = []

    catalog_module._KEPT.clear()
    first = cpu(load_catalog)
    later = cpu(load_catalog, 5)
    rows.append(("load the levels", first, later, "first load / a later load of the same files"))

    catalog = load_catalog()
    drawn = tour_seconds(args.language, True, catalog)
    measured = tour_seconds(args.language, False, catalog)
    rows.append((f"overflow tour, {args.language} 1280x720", drawn, measured, "glyphs drawn / measured only"))

    from sango_game.app import App

    pictures = [("sango/happy.svg", (240, 240)), ("sango/waving.svg", (300, 300)), ("sango/thinking.svg", (200, 200))]

    def fresh_art():
        from sango_game.art import Art

        art = Art()
        for rel, size in pictures:
            art.get(rel, size)

    kept: dict = {}

    def shared_art():
        for rel, size in pictures:
            if (rel, size) not in kept:
                from sango_game.art import Art

                kept[(rel, size)] = Art().get(rel, size)

    shared_art()
    rows.append(("SVG art of a first screen", cpu(fresh_art, 20), cpu(shared_art, 20),
                 "rasterised per game / once per process"))

    app = App(size=(1024, 600), language="en", data_dir=Path(tempfile.mkdtemp()) / "d", audio=False, speech=False)
    app.step()
    window = app.screen.copy()

    def converted():
        pygame.image.tobytes(window, "RGB") == pygame.image.tobytes(app.screen, "RGB")  # noqa: B015

    def raw():
        window.get_view("1").raw == app.screen.get_view("1").raw  # noqa: B015

    rows.append(("compare a 1024x600 frame", cpu(converted, 200), cpu(raw, 200), "colours converted / raw memory"))
    app.shutdown()

    from sango_game import i18n_tools

    def check_reading_again():
        i18n_tools._read_only.clear()
        i18n_tools.check(codes=["fr"], glyphs=False)

    def check_shared():
        i18n_tools.check(codes=["fr"], glyphs=False)

    check_shared()
    rows.append(("check the French catalog", cpu(check_reading_again, 3), cpu(check_shared, 3),
                 "template and catalog read again / parsed once per content"))

    rows.append((f"fit {args.language} catalog in 5 boxes", fits_seconds(args.language, "old"),
                 fits_seconds(args.language, "halving"), "as it was / lines first, ink at the answer"))
    rows.append((f"fit {args.language} catalog, search", fits_seconds(args.language, "halving"),
                 fits_seconds(args.language, "guess"), "halving from the middle / from the guess"))
    answers = fits_seconds.answers  # type: ignore[attr-defined]
    assert answers["old"] == answers["halving"] == answers["guess"], "the searches must give the same sizes"
    rows.append((f"tour {args.language} 1024x600, GC", gc_tour_seconds(args.language, catalog, False),
                 gc_tour_seconds(args.language, catalog, True), "default / frozen, 10,000"))

    rows.append(("first strings, fresh checkout", hypothesis_text_seconds(True), hypothesis_text_seconds(False),
                 "st.text() default / examples.utf8_text"))
    rows.append(("7 catalogs, small ones, 7 again", catalogs_seconds(False), catalogs_seconds(True),
                 "kept by count (8) / by size"))

    print(f"{'work':32s} {'before s':>10s} {'after s':>10s} {'ratio':>7s}  before / after")
    for name, before, after, what in rows:
        ratio = before / after if after else float("inf")
        print(f"{name:32s} {before:10.4f} {after:10.4f} {ratio:6.1f}x  {what}")


if __name__ == "__main__":
    main()
