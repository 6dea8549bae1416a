"""``sango-game report``: merge a lab's results files without opening the game.

    sango-game report --session sango-session-Day.json /media/usb/Sango --out class-report/

Writes ``results.csv``, ``summary.csv`` and ``questions.csv``, the printable class report and a
certificate per pupil (PNG, unless ``--no-pictures``) into ``--out``, and prints a short summary
with every file that could not be used. The results folder is only read, never changed.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from pathlib import Path

from ..i18n import plain_text

# Characters that would let a file name forge output lines, move the cursor or reverse the text around
# it: C0/C1 controls (newline, ESC), line separators and the bidi embedding/override/isolate controls.
_UNSAFE = frozenset("\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def shown(value: object) -> str:
    """Text safe to print on a terminal: unsafe characters written as escapes (\\n, \\x1b, \\u202e)."""
    out = []
    for ch in str(value):
        if ch in _UNSAFE or unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") and ch != " ":
            out.append(ch.encode("unicode_escape").decode("ascii") if ord(ch) > 0x7F or ch in "\n\r\t"
                       else f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    return "".join(out)


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
        print(shown(f"sango-game report: {exc.message()}"), file=sys.stderr)
        return 2
    tr = Translator(args.language or session.language)
    report = import_results(list(args.results), session)
    for note in report.problems:
        print(shown(f"not used: {note.file}: {plain_text(note.text(tr))}"), file=sys.stderr)
    for note in report.duplicates:
        print(shown(f"duplicate, skipped: {note.file}: {plain_text(note.text(tr))}"), file=sys.stderr)
    summary = summarise(report.merged, catalog)
    out = Path(args.out)
    problem = _output_folder_problem(out)
    if problem:
        print(shown(f"sango-game report: cannot write to {out}: {problem}"), file=sys.stderr)
        return 2
    try:
        written = write_csv_files(out, summary, catalog, tr)
        if not args.no_pictures and summary.pupils:
            written += _pictures(summary, catalog, tr, out)
    except OSError as exc:
        print(shown(f"sango-game report: cannot write to {out}: {exc.strerror or exc} "
                    f"({exc.filename or out}); choose another folder with --out"), file=sys.stderr)
        return 2
    avg = summary.completion_average
    print(f"session {shown(repr(session.name))}: {len(summary.pupils)} pupil(s), {summary.attempts} answer(s), "
          f"average completion {'-' if avg is None else f'{avg:.0%}'}")
    if summary.pre_average is not None and summary.post_average is not None:
        print(f"knowledge check: before {summary.pre_average:.0%}, after {summary.post_average:.0%}")
    for q in summary.most_missed[:5]:
        print(f"most missed: {shown(q.level)}/{shown(q.question)}: {q.missed} of {q.attempts} wrong or partly right")
    print(shown(f"wrote {len(written)} file(s) to {out}"))
    return 0 if report.ok else 1


def _output_folder_problem(out: Path) -> str:
    """Why ``out`` cannot take the report files ("" when it can), found before anything is written."""
    if out.exists() and not out.is_dir():
        return "a file with that name is in the way; give the name of a folder"
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"{exc.strerror or exc}; choose another folder with --out"
    if not os.access(out, os.W_OK | os.X_OK):
        return "the folder is read-only; choose another folder with --out"
    return ""


def _pictures(summary, catalog, tr, out: Path) -> list[Path]:
    """Render the report and certificates with the game's text engine, without a window."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from ..art import Art
    from ..text import TextEngine
    from .report import save_certificates, save_class_report

    pygame.display.init()
    pygame.display.set_mode((1, 1))
    try:
        engine, art = TextEngine(), Art()
        return save_class_report(summary, catalog, engine, art, tr, out) + save_certificates(summary, catalog, engine, art, out)
    finally:
        pygame.display.quit()
