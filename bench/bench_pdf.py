"""The class PDF (report + one certificate per pupil) for 40 and 1,000 pupils. Prints the times.

    python bench/bench_pdf.py [--sizes 40 1000] [--language fr]

Targets: 40 pupils in at most 3 s, 1,000 pupils in at most 30 s (the whole PDF: fonts loaded,
every page laid out and shaped, fonts subset and the file written). The pupils are simulated with
the real levels in all six languages (``sango_game.classroom.simulate``).

In a source checkout the first run after a catalog changed also compiles the six catalogs
(about 3 s, once; the wheel ships them compiled): run it twice to see the steady time.
Measured on the shared 2-core machine (load ~4): import 0.5 s, 40 pupils 1.1-1.2 s,
1,000 pupils 6.7-8.1 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sango_game.classroom import (  # noqa: E402
    import_results,
    new_session,
    pick_check_questions,
    summarise,
)
from sango_game.classroom.pdf import write_class_pdf  # noqa: E402
from sango_game.classroom.simulate import simulate_lab  # noqa: E402
from sango_game.content import load_catalog  # noqa: E402
from sango_game.i18n import Translator  # noqa: E402

TARGETS = {40: 3.0, 1000: 30.0}


def class_of(catalog, pupils: int, folder: Path):
    levels = catalog.band_levels("9-12")
    session = new_session("Benchmark", "9-12", "en", [lv.id for lv in levels], pick_check_questions(levels, 6), catalog=catalog)
    # simulate_lab gives each computer one pupil plus `shared` computers with a second one.
    simulate_lab(session, catalog, folder, pcs=max(1, pupils * 4 // 5), shared=pupils - max(1, pupils * 4 // 5), seed=3)
    return summarise(import_results(folder, session).merged, catalog)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[40, 1000])
    ap.add_argument("--language", default="fr")
    args = ap.parse_args()
    catalog = load_catalog()
    tr = Translator(args.language)
    t0 = time.perf_counter()
    import fpdf  # noqa: F401 - once per process (sango-game report pays it once)

    print(f"import fpdf2: {time.perf_counter() - t0:.2f} s (not counted below)")
    ok = True
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            summary = class_of(catalog, n, Path(tmp) / "lab")
            t0 = time.perf_counter()
            result = write_class_pdf(summary, catalog, tr, Path(tmp) / "out", paper="A4")
            took = time.perf_counter() - t0
            size = result.path.stat().st_size
        target = TARGETS.get(n)
        verdict = "" if target is None else f" (target <= {target:.0f} s: {'ok' if took <= target else 'TOO SLOW'})"
        ok &= target is None or took <= target
        print(f"{len(summary.pupils):5d} pupils: {took:6.2f} s, {result.pages} pages, {size / 1e6:.2f} MB{verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
