"""Where lab files can go and come from, without any network: the export folder and USB drives.

USB drives are found by looking at the usual mount places: ``/media/<user>/<drive>``,
``/run/media/<user>/<drive>`` (Linux), ``/Volumes/<drive>`` (macOS, without the system disk) and
the drive letters D: to Z: (Windows). Only existing folders that can be written to count.
"""

from __future__ import annotations

import glob
import os
import string
from pathlib import Path

from .results import RESULTS_PREFIX
from .session import SESSION_PREFIX

POSIX_PATTERNS = ("/media/*/*", "/run/media/*/*", "/Volumes/*")
SUBFOLDER = "Sango"  # lab files are written into <drive>/Sango


def _writable_dir(p: Path) -> bool:
    try:
        return p.is_dir() and os.access(p, os.W_OK | os.X_OK)
    except OSError:
        return False


def removable_drives(patterns=POSIX_PATTERNS, windows: bool | None = None) -> list[Path]:
    """Mounted drives that look removable and writable."""
    windows = (os.name == "nt") if windows is None else windows
    out: list[Path] = []
    if windows:
        for letter in string.ascii_uppercase[3:]:
            p = Path(f"{letter}:\\")
            if _writable_dir(p):
                out.append(p)
        return out
    root = os.path.realpath("/")
    for pattern in patterns:
        for hit in sorted(glob.glob(pattern)):
            p = Path(hit)
            try:
                if os.path.realpath(p) == root:  # /Volumes/Macintosh HD is the system disk
                    continue
            except OSError:
                continue
            if _writable_dir(p) and p not in out:
                out.append(p)
    return out


def export_targets(export_folder: Path, drives: list[Path] | None = None) -> list[Path]:
    """Folders to write lab files to: the export folder, and a Sango folder on every USB drive."""
    drives = removable_drives() if drives is None else drives
    return [Path(export_folder)] + [d / SUBFOLDER for d in drives]


def import_folders(export_folder: Path, drives: list[Path] | None = None) -> list[Path]:
    """Folders a teacher may import results from: every USB drive (searched through), and the export folder."""
    drives = removable_drives() if drives is None else drives
    out = list(drives)
    if Path(export_folder).is_dir():
        out.append(Path(export_folder))
    return out


def _listing(folder: Path, prefix: str) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.name.startswith(prefix) and p.name.lower().endswith(".json")
                      and p.is_file())
    except OSError:
        return []


def find_session_files(export_folder: Path, drives: list[Path] | None = None) -> list[Path]:
    """``sango-session-*.json`` files at the top of each USB drive, in its Sango folder, and in the export folder."""
    drives = removable_drives() if drives is None else drives
    folders: list[Path] = []
    for d in drives:
        folders += [d, d / SUBFOLDER]
    folders.append(Path(export_folder))
    out: list[Path] = []
    for f in folders:
        for p in _listing(f, SESSION_PREFIX):
            if p not in out:
                out.append(p)
    return out


def count_results_files(folder: Path, limit: int = 2000) -> int:
    """How many results files a folder holds (searched through, for the folder list)."""
    from .merge import find_json_files

    return sum(1 for p in find_json_files(folder, limit) if p.name.startswith(RESULTS_PREFIX))
