"""Import and summarise a lab's results: 30 computers, 40 pupils. Prints the times; asserts nothing.

    python bench/bench_merge.py [--pcs 30] [--shared 10] [--repeat 5] [--band 9-12]

The results files are simulated with the real levels (``sango_game.classroom.simulate``): every
pupil plays part of the whole band's playlist, some levels twice, plus the knowledge check before
and after. Measured, median of ``--repeat`` runs:

* import: find, read, verify (checksum and every field) and merge every file of the folder;
* summary: completion, topics, most missed questions, before/after;
* CSV: writing results.csv, summary.csv and questions.csv.

Not measured: reading from a real USB stick, whose speed dominates there; the size of the
folder is printed so that it can be estimated.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sango_game.classroom import import_results, new_session, pick_check_questions, summarise  # noqa: E402
from sango_game.classroom.csvout import write_csv_files  # noqa: E402
from sango_game.classroom.simulate import simulate_lab  # noqa: E402
from sango_game.content import load_catalog  # noqa: E402


def timed(fn, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return result, times


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pcs", type=int, default=30)
    ap.add_argument("--shared", type=int, default=10, help="computers used by two pupils")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--band", default="9-12")
    args = ap.parse_args(argv)

    catalog = load_catalog()
    levels = catalog.band_levels(args.band)
    session = new_session("Benchmark class", args.band, "en", [lv.id for lv in levels], pick_check_questions(levels, 10),
                          catalog=catalog)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "usb"
        t0 = time.perf_counter()
        files = simulate_lab(session, catalog, folder / "Sango", pcs=args.pcs, shared=args.shared, seed=1)
        gen_ms = (time.perf_counter() - t0) * 1000
        size = sum(f.stat().st_size for f in files)
        report, t_import = timed(lambda: import_results(folder, session), args.repeat)
        summary, t_summary = timed(lambda: summarise(report.merged, catalog), args.repeat)
        _, t_csv = timed(lambda: write_csv_files(Path(tmp) / "out", summary, catalog), args.repeat)
        merged = report.merged
        print(f"lab: {len(files)} results files ({size / 1024:.0f} KiB), {len(merged.pupils)} pupils, "
              f"{merged.attempt_count} answers, playlist of {len(session.playlist)} levels ({args.band})")
        print(f"problems: {len(report.problems)}, duplicates: {len(report.duplicates)}  (generated in {gen_ms:.0f} ms)")
        for name, t in (("import (read+verify+merge)", t_import), ("summary", t_summary), ("CSV files", t_csv)):
            print(f"{name:28s} median {statistics.median(t):7.1f} ms   min {min(t):7.1f} ms   max {max(t):7.1f} ms")
        total = statistics.median(t_import) + statistics.median(t_summary)
        print(f"{'import + summary':28s} median {total:7.1f} ms   ({total / max(1, len(merged.pupils)):.2f} ms per pupil)")
        top = summary.most_missed[0] if summary.most_missed else None
        if top is not None:
            print(f"most missed: {top.level}/{top.question}: {top.missed} of {top.attempts} answers "
                  f"({top.share:.0%}) wrong or partly right")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
