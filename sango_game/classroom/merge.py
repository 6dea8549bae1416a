"""Importing the results files of every computer of the lab and merging them into one class.

``import_results(paths_or_folder, session)`` reads files and folders (recursively: a USB stick
with other things on it works), and never modifies, moves or deletes anything there. Every file
ends up in exactly one place of the report:

* used (``merged.files``);
* ``problems``: broken (not JSON, cut short, checksum wrong...) or foreign (another session,
  a session file by mistake, another program's JSON);
* ``duplicates``: the same file again (same bytes or same checksum), or an older export of the
  same player from the same computer (the newest export of each player is kept);
* ``ignored``: this session's own session file, which often travels on the same USB stick.

Nothing raises: an unexpected failure on one file is a problem of that file.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import N_
from ..progress.nicknames import visible_nickname
from .errors import ClassroomFileError
from .files import read_json_file
from .results import (
    RESULTS_FORMAT,
    RESULTS_PREFIX,
    AttemptRecord,
    CheckScore,
    LevelScore,
    PlayerResults,
    ResultsFile,
    results_from_json,
)
from .session import SESSION_FORMAT, Session, foreign_format_error

log = logging.getLogger(__name__)

SKIP_DIRS = frozenset({"System Volume Information", "$RECYCLE.BIN", "$Recycle.Bin", "RECYCLER", "node_modules", "__pycache__"})
MAX_FILES = 20_000
# Directory entries looked at in one folder tree: a stick full of other things is searched through, a
# whole disk is not.
MAX_SCAN = 200_000
# A lab computer in a day hosts a few classes at most; a file with more players is not a real export
# and would make reports of hundreds of MB.
MAX_PLAYERS_PER_FILE = 100
MAX_PUPILS = 1000
# "name (1).json", "name (0001).json", "name - Copy.json", "name copy 2.json": copies a file manager made.
_COPY_RE = re.compile(r"(?:\s*\(\d+\)|\s*-\s*(?:copy|copie|kopie|copia|копия|副本)(?:\s*\(\d+\))?|\s+copy(?:\s*\d+)?)$",
                      re.IGNORECASE)


class Note(tuple):
    """``(file, message)`` with the error kept for translation: ``note.text(tr)``."""

    error: ClassroomFileError

    def __new__(cls, file: Path, error: ClassroomFileError):
        self = super().__new__(cls, (Path(file), str(error)))
        self.error = error
        return self

    @property
    def file(self) -> Path:
        return self[0]

    @property
    def message(self) -> str:
        return self[1]

    def text(self, tr=None) -> str:
        return self.error.message(tr)


@dataclass(frozen=True)
class Pupil:
    machine_id: str
    profile_id: str
    nickname: str
    avatar: str
    language: str
    levels: Mapping[str, LevelScore]
    attempts: tuple[AttemptRecord, ...]
    pre: CheckScore | None
    post: CheckScore | None
    exported_at: str
    source: Path | None
    display_name: str = ""  # unique in the class: the nickname, plus the computer when two pupils share it

    @property
    def key(self) -> tuple[str, str]:
        return (self.machine_id, self.profile_id)

    @property
    def pc(self) -> str:
        return pc_label(self.machine_id)


def pc_label(machine_id: str) -> str:
    return machine_id[:4].upper()


@dataclass
class ClassResults:
    session: Session
    pupils: list[Pupil] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    @property
    def machines(self) -> list[str]:
        return sorted({p.machine_id for p in self.pupils})

    @property
    def attempt_count(self) -> int:
        return sum(len(p.attempts) for p in self.pupils)


@dataclass
class ImportReport:
    merged: ClassResults
    problems: list[Note] = field(default_factory=list)
    duplicates: list[Note] = field(default_factory=list)
    ignored: list[Note] = field(default_factory=list)
    scanned: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def find_json_files(folder: Path, limit: int = MAX_FILES) -> list[Path]:
    """Every ``*.json`` file under ``folder`` (hidden and system folders skipped, links not followed)."""
    return scan_json_files(folder, limit)[0]


def scan_json_files(folder: Path, limit: int | None = None, max_scan: int | None = None) -> tuple[list[Path], int, bool]:
    """(files, how many JSON files were left out, whether the search stopped early).

    Files named like results files come first, so that other JSON files (a stick full of them)
    never push the real results out of the limit.
    """
    limit = MAX_FILES if limit is None else limit
    max_scan = MAX_SCAN if max_scan is None else max_scan
    results: list[Path] = []
    others: list[Path] = []
    seen = 0
    stopped = False
    for root, dirs, files in os.walk(folder, onerror=lambda e: None, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS)
        seen += len(files) + len(dirs)
        for name in sorted(files):
            if name.lower().endswith(".json") and not name.startswith("."):
                (results if name.startswith(RESULTS_PREFIX) else others).append(Path(root) / name)
        if seen > max_scan:
            stopped = True
            break
    found = results + others
    return found[:limit], max(0, len(found) - limit), stopped


def is_copy_name(path: Path) -> bool:
    """Whether the name looks like a copy a file manager made of another file."""
    return bool(_COPY_RE.search(path.stem))


def _collect(paths: Iterable[Path | str] | Path | str) -> tuple[list[Path], list[Note]]:
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files: list[Path] = []
    problems: list[Note] = []
    for p in paths:
        p = Path(p)
        try:
            if p.is_dir():
                found, left_out, stopped = scan_json_files(p)
                files.extend(found)
                if left_out or stopped:
                    problems.append(Note(p, ClassroomFileError(
                        p, N_("This folder holds too many files: only the first {limit} JSON files were read, "
                              "results files first."),
                        N_("Put the results files in a folder of their own and import that folder."),
                        limit=MAX_FILES)))
            elif p.is_file():
                files.append(p)
            else:
                problems.append(Note(p, ClassroomFileError(p, N_("This file or folder was not found."),
                                                           N_("Check that the USB stick is plugged in."))))
        except OSError as exc:
            problems.append(Note(p, ClassroomFileError(p, N_("This folder cannot be read ({reason})."),
                                                       N_("Check the USB stick or folder and try again."),
                                                       reason=exc.strerror or exc.__class__.__name__)))
    seen: set[str] = set()
    unique = []
    for f in files:
        key = os.path.normcase(os.path.abspath(f))
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, problems


def _other_session(path: Path, rf: ResultsFile) -> ClassroomFileError:
    if rf.session_name:
        return ClassroomFileError(path, N_("These are the results of another session (\u201c{name}\u201d)."),
                                  N_("Import them with that session loaded, or leave them out."), name=rf.session_name)
    return ClassroomFileError(path, N_("These are the results of another session."),
                              N_("Import them with that session loaded, or leave them out."))


def import_results(paths_or_folder, session: Session) -> ImportReport:
    """Read results files (files and/or folders), check them and merge them for ``session``."""
    files, problems = _collect(paths_or_folder)
    # Files with their original names first, so that a copy ("... (1).json") is the one reported as the
    # duplicate, however its name sorts.
    files.sort(key=lambda f: (not f.name.startswith(RESULTS_PREFIX), is_copy_name(f), str(f)))
    report = ImportReport(ClassResults(session), problems=problems, scanned=len(files))
    by_bytes: dict[str, Path] = {}
    by_checksum: dict[str, Path] = {}
    accepted: list[ResultsFile] = []
    for path in files:
        try:
            data, raw = read_json_file(path)
            fmt = data.get("format")
            if fmt == SESSION_FORMAT:
                if data.get("id") == session.id:
                    report.ignored.append(Note(path, ClassroomFileError(
                        path, N_("This is the session file itself; it is not needed for the results."))))
                else:
                    report.problems.append(Note(path, ClassroomFileError(
                        path, N_("This is the session file of another session, not a results file."),
                        N_("Leave it out, or remove it from the folder."))))
                continue
            if fmt != RESULTS_FORMAT:
                report.problems.append(Note(path, foreign_format_error(path, fmt, RESULTS_FORMAT)))
                continue
            digest = hashlib.sha256(raw).hexdigest()
            if digest in by_bytes:
                report.duplicates.append(Note(path, ClassroomFileError(
                    path, N_("This is the same file as {other}; it was counted once."), other=by_bytes[digest].name)))
                continue
            players = data.get("players")
            if isinstance(players, list) and len(players) > MAX_PLAYERS_PER_FILE:
                raise ClassroomFileError(
                    path, N_("This file lists too many players ({n}): one computer has at most {limit} in a session."),
                    N_("Use the results files exported by Sango on each computer."), n=len(players),
                    limit=MAX_PLAYERS_PER_FILE)
            rf = results_from_json(data, path, digest)
            if rf.session_id != session.id:
                report.problems.append(Note(path, _other_session(path, rf)))
                continue
            if rf.checksum in by_checksum:
                report.duplicates.append(Note(path, ClassroomFileError(
                    path, N_("This is the same file as {other}; it was counted once."), other=by_checksum[rf.checksum].name)))
                continue
            by_bytes[digest] = path
            by_checksum[rf.checksum] = path
            accepted.append(rf)
        except ClassroomFileError as exc:
            report.problems.append(Note(path, exc))
        except Exception as exc:  # never a traceback for the teacher: the file is reported instead
            log.exception("unexpected error importing %s", path)
            report.problems.append(Note(path, ClassroomFileError(path, N_("This file could not be read ({reason})."),
                                                                 N_("Copy the file again from the computer that made it."),
                                                                 reason=exc.__class__.__name__)))
    _merge(report, accepted)
    return report


def _merge(report: ImportReport, accepted: list[ResultsFile]) -> None:
    # The newest export of each (computer, player) wins; ties go to more answers, then the file name.
    best: dict[tuple[str, str], tuple[ResultsFile, PlayerResults]] = {}
    order = lambda rf, pr: (rf.exported_at, len(pr.attempts), str(rf.path or ""))  # noqa: E731
    for rf in accepted:
        for pr in rf.players:
            key = (rf.machine_id, pr.profile_id)
            cur = best.get(key)
            if cur is None or order(rf, pr) > order(*cur):
                best[key] = (rf, pr)
    used_files: set[Path | None] = set()
    for rf in accepted:
        superseded = []
        for pr in rf.players:
            winner = best[(rf.machine_id, pr.profile_id)][0]
            if winner is not rf:
                superseded.append((pr, winner))
        if rf.players and len(superseded) == len(rf.players):
            newer = sorted({w.path.name for _, w in superseded if w.path is not None})
            if all(w.exported_at == rf.exported_at for _, w in superseded):
                problem = N_("This export from the same computer has the same time as {other}, which was used instead.")
            else:
                problem = N_("This is an older export from the same computer; the newer file {other} was used instead.")
            # accepted files were read from disk, so they have a path
            report.duplicates.append(Note(rf.path, ClassroomFileError(rf.path, problem, other=", ".join(newer))))  # type: ignore[arg-type]
            continue
        for pr, winner in superseded:
            if winner.exported_at == rf.exported_at:
                problem = N_("{nickname} is also in {other}, exported at the same time from the same computer; "
                             "that file was used for them.")
            else:
                problem = N_("{nickname} was exported again later from the same computer; the newer file {other} "
                             "was used for them.")
            report.duplicates.append(Note(rf.path, ClassroomFileError(  # type: ignore[arg-type]  # read from disk: has a path
                rf.path, problem, nickname=visible_nickname(pr.nickname), other=winner.path.name if winner.path else "")))
        used_files.add(rf.path)
    report.merged.files = sorted((p for p in used_files if p is not None), key=str)
    pupils = [Pupil(rf.machine_id, pr.profile_id, visible_nickname(pr.nickname), pr.avatar, pr.language,
                    dict(pr.levels), pr.attempts, pr.pre, pr.post, rf.exported_at, rf.path)
              for rf, pr in best.values()]
    if len(pupils) > MAX_PUPILS:
        pupils.sort(key=lambda p: (p.exported_at, p.machine_id, p.profile_id))
        for p in pupils[MAX_PUPILS:]:
            report.problems.append(Note(p.source or Path("?"), ClassroomFileError(
                p.source, N_("{nickname} was left out: a class report holds at most {limit} pupils."),
                N_("Make one report per class, with one session per class."), nickname=p.nickname, limit=MAX_PUPILS)))
        pupils = pupils[:MAX_PUPILS]
    report.merged.pupils = _name_pupils(pupils)


def _name_pupils(pupils: list[Pupil]) -> list[Pupil]:
    """Sort by nickname and make display names unique (two children may share a nickname on two PCs)."""
    from dataclasses import replace

    from ..progress.nicknames import nickname_key

    counts: dict[str, int] = {}
    for p in pupils:
        k = nickname_key(p.nickname)
        counts[k] = counts.get(k, 0) + 1
    out = []
    for p in pupils:
        name = p.nickname if counts[nickname_key(p.nickname)] == 1 else f"{p.nickname} ({pc_label(p.machine_id)})"
        out.append(replace(p, display_name=name))
    out.sort(key=lambda p: (nickname_key(p.nickname), p.machine_id, p.profile_id))
    # Same nickname, same computer label prefix: fall back to the profile id to stay unique.
    seen: dict[str, int] = {}
    final = []
    for p in out:
        k = nickname_key(p.display_name)
        seen[k] = seen.get(k, 0) + 1
        final.append(p if seen[k] == 1 else replace(p, display_name=f"{p.display_name} #{seen[k]}"))
    return final
