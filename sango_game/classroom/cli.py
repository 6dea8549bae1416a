"""``sango-game report``: merge a lab's results files without opening the game.

    sango-game report --session sango-session-Day.json /media/usb/Sango --out class-report/

Writes ``results.csv``, ``summary.csv`` and ``questions.csv``, the printable class report and a
certificate per pupil (PNG, unless ``--no-pictures``) into ``--out``, and prints a short summary
with every file that could not be used. The results folder is only read, never changed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..i18n import plain_text


def register(sub) -> None:
    p = sub.add_parser("report", help="merge lab results files into CSV files, a class report and certificates")
    p.add_argument("results", nargs="+", type=Path, help="results files or folders (a USB stick is searched through)")
    p.add_argument("--session", "-s", required=True, type=Path, help="the session file the results belong to")
    p.add_argument("--out", "-o", type=Path, default=Path("sango-class-report"), help="folder for the output files")
    p.add_argument("--language", "-l", help="language of the report and CSV headings (default: the session's)")
    p.add_argument("--no-pictures", action="store_true", help="only the CSV files (no report or certificate images)")
    p.set_defaults(handler=run)


def run(args) -> int:
    from ..content import load_catalog
    from ..i18n import Translator
    from . import ClassroomFileError, import_results, read_session, summarise
    from .csvout import write_csv_files

    catalog = load_catalog()
    try:
        session = read_session(args.session, catalog)
    except ClassroomFileError as exc:
        print(f"sango-game report: {exc.message()}", file=sys.stderr)
        return 2
    tr = Translator(args.language or session.language)
    report = import_results(list(args.results), session)
    for note in report.problems:
        print(f"not used: {note.file}: {plain_text(note.text(tr))}", file=sys.stderr)
    for note in report.duplicates:
        print(f"duplicate, skipped: {note.file}: {plain_text(note.text(tr))}", file=sys.stderr)
    summary = summarise(report.merged, catalog)
    out = Path(args.out)
    written = write_csv_files(out, summary, catalog, tr)
    if not args.no_pictures and summary.pupils:
        written += _pictures(summary, catalog, tr, out)
    avg = summary.completion_average
    print(f"session {session.name!r}: {len(summary.pupils)} pupil(s), {summary.attempts} answer(s), "
          f"average completion {'-' if avg is None else f'{avg:.0%}'}")
    if summary.pre_average is not None and summary.post_average is not None:
        print(f"knowledge check: before {summary.pre_average:.0%}, after {summary.post_average:.0%}")
    for q in summary.most_missed[:5]:
        print(f"most missed: {q.level}/{q.question}: {q.missed} of {q.attempts} wrong or partly right")
    print(f"wrote {len(written)} file(s) to {out}")
    return 0 if report.ok else 1


def _pictures(summary, catalog, tr, out: Path) -> list[Path]:
    """Render the report and certificates with the game's text engine, without a window."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from ..text import TextEngine
    from ..art import Art
    from .report import save_certificates, save_class_report

    pygame.display.init()
    pygame.display.set_mode((1, 1))
    try:
        engine, art = TextEngine(), Art()
        return save_class_report(summary, catalog, engine, art, tr, out) + save_certificates(summary, catalog, engine, art, out)
    finally:
        pygame.display.quit()
