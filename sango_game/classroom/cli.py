"""``sango-game report``: merge a lab's results files without opening the game.

    sango-game report --session sango-session-Day.json /media/usb/Sango --out class-report/

Writes ``results.csv``, ``summary.csv`` and ``questions.csv`` and one PDF (the class report, then a
certificate per pupil) into ``--out``, prints its progress (files read, pupils, pages written) and
a short summary with every file that could not be used. The results folder is only read, never
changed. Messages follow the system language (LANGUAGE/LANG); the report's own language is
``--language`` or the session's.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from pathlib import Path

from ..i18n import N_, plain_text

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


def register(sub, tr=None) -> None:
    _ = tr._ if tr is not None else (lambda s: s)
    p = sub.add_parser("report", help=_(N_("merge lab results files into CSV files and one PDF with the class report and certificates")))
    p.add_argument("results", nargs="+", type=Path, help=_(N_("results files or folders (a USB stick is searched through)")))
    p.add_argument("--session", "-s", required=True, type=Path, help=_(N_("the session file the results belong to")))
    p.add_argument("--out", "-o", type=Path, default=Path("sango-class-report"), help=_(N_("folder for the output files")))
    p.add_argument("--language", "-l", help=_(N_("language of the report and CSV headings (default: the session's)")))
    p.add_argument("--paper", choices=("A4", "Letter"), help=_(N_("paper size (default: from the computer's locale)")))
    p.add_argument("--no-pdf", "--no-pictures", dest="no_pdf", action="store_true", help=_(N_("only the CSV files (no PDF)")))
    p.set_defaults(handler=run)


def run(args) -> int:
    from ..cli_i18n import cli_translator
    from ..content import load_catalog
    from ..i18n import Translator
    from . import ClassroomFileError, import_results, read_session, summarise
    from .csvout import write_csv_files

    say = cli_translator()
    catalog = load_catalog()
    try:
        session = read_session(args.session, catalog)
    except ClassroomFileError as exc:
        print(shown(f"sango-game report: {exc.message(say)}"), file=sys.stderr)
        return 2
    tr = Translator(args.language or session.language)
    report = import_results(list(args.results), session)
    print(say.nf("{n} file read", "{n} files read", report.scanned), flush=True)
    for note in report.problems:
        print(shown(say.f("not used: {file}: {reason}", file=str(note.file), reason=plain_text(note.text(say)))), file=sys.stderr)
    for note in report.duplicates:
        print(shown(say.f("duplicate, skipped: {file}: {reason}", file=str(note.file), reason=plain_text(note.text(say)))),
              file=sys.stderr)
    summary = summarise(report.merged, catalog)
    print(say.nf("{n} pupil in the class", "{n} pupils in the class", len(summary.pupils)), flush=True)
    out = Path(args.out)
    problem = _output_folder_problem(out)
    if problem:
        print(shown(f"sango-game report: cannot write to {out}: {problem}"), file=sys.stderr)
        return 2
    try:
        written = write_csv_files(out, summary, catalog, tr)
        if not args.no_pdf and summary.pupils:
            written.append(_pdf(summary, catalog, tr, out, args.paper, say))
    except ClassroomFileError as exc:
        print(shown(f"sango-game report: {exc.message(say)}"), file=sys.stderr)
        return 2
    except OSError as exc:
        print(shown(f"sango-game report: cannot write to {out}: {exc.strerror or exc} "
                    f"({exc.filename or out}); choose another folder with --out"), file=sys.stderr)
        return 2
    avg = summary.completion_average
    print(say.f("session “{name}”: {answers}, average completion {percent}", name=shown(session.name),
                answers=say.nf("{n} answer", "{n} answers", summary.attempts),
                percent="-" if avg is None else say.percent(avg)))
    if summary.pre_average is not None and summary.post_average is not None:
        print(say.f("knowledge check: before {before}, after {after}", before=say.percent(summary.pre_average),
                    after=say.percent(summary.post_average)))
    for q in summary.most_missed[:5]:
        print(say.f("most missed: {question}: {missed} of {total} wrong or partly right", question=shown(f"{q.level}/{q.question}"),
                    missed=q.missed, total=q.attempts))
    print(shown(say.nf("wrote {n} file to {folder}", "wrote {n} files to {folder}", len(written), folder=str(out))))
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


def _pdf(summary, catalog, tr, out: Path, paper: str | None, say) -> Path:
    from .pdf import write_class_pdf

    def progress(what: str, done: int, total: int) -> None:
        print(say.f("certificates: {done} of {total}", done=done, total=total), flush=True)

    result = write_class_pdf(summary, catalog, tr, out, paper, progress if len(summary.pupils) >= 100 else None)
    print(say.nf("{n} page written to {file}", "{n} pages written to {file}", result.pages, file=str(result.path)), flush=True)
    return result.path
