"""What a lab computer remembers between starts: its random machine id and the loaded session.

Both live in the data folder (``paths.data_dir()``, or the app's own data folder):

* ``lab-machine-id``: 32 random hex digits, made once. It tells the teacher's import which
  results come from the same computer. When the data folder is shared by every computer of a
  lab, they share one progress store, and so one id, which is right.
* ``lab-session.json``: the loaded session (a full copy, so the USB stick can be taken away),
  when it was loaded, and where it came from.
"""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from ..i18n import N_
from .errors import ClassroomFileError
from .files import atomic_write_bytes, atomic_write_json, read_json_file, utcnow
from .results import MACHINE_RE
from .session import Session, session_from_json

log = logging.getLogger(__name__)

MACHINE_FILE = "lab-machine-id"
STATE_FILE = "lab-session.json"
STATE_FORMAT = "sango-lab-state"
STATE_VERSION = 1


def lab_data_dir(app) -> Path:
    """The data folder of a running app (its own, or the configured one)."""
    if getattr(app, "data_dir", None):
        return Path(app.data_dir)
    from ..paths import data_dir

    return data_dir()


def machine_id(folder: Path) -> str:
    """This data folder's machine id, created on first use.

    Safe when two Sango windows start at once: the new id is written to a temporary file that
    is then hard-linked into place, which fails if the other window was first (its id is used).
    A damaged id file is replaced by a fresh id.
    """
    folder = Path(folder)
    path = folder / MACHINE_FILE
    for _ in range(5):
        try:
            value = path.read_text(encoding="ascii", errors="replace").strip()
        except FileNotFoundError:
            value = None
        except OSError as exc:
            raise ClassroomFileError(path, N_("The computer id file cannot be read ({reason})."),
                                     N_("Check that the Sango data folder can be read and written."),
                                     reason=exc.strerror or exc.__class__.__name__) from None
        if value is not None and MACHINE_RE.fullmatch(value):
            return value
        new = secrets.token_hex(16)
        data = (new + "\n").encode("ascii")
        if value is not None:  # damaged: replace it
            atomic_write_bytes(path, data)
            return new
        tmp = path.with_name(f".{MACHINE_FILE}.tmp-{os.getpid()}-{secrets.token_hex(4)}")
        atomic_write_bytes(tmp, data)
        try:
            os.link(tmp, path)
        except FileExistsError:
            continue  # another window made it just now: read theirs
        except OSError:
            # No hard links on this file system: an exclusive create is the next best thing.
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                continue
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        finally:
            try:
                tmp.unlink()
            except OSError:
                pass
        return new
    raise ClassroomFileError(path, N_("The computer id file cannot be read or made."),
                             N_("Check that the Sango data folder can be read and written."))


@dataclass(frozen=True)
class LabState:
    session: Session
    loaded_at: str  # UTC ISO time the session was loaded on this computer
    source: str = ""  # where the session file was loaded from


def save_lab_state(folder: Path, session: Session, source: Path | str | None = None) -> LabState:
    state = LabState(session, utcnow(), str(source or session.source or ""))
    atomic_write_json(Path(folder) / STATE_FILE, {
        "format": STATE_FORMAT, "version": STATE_VERSION, "session": session.to_json(),
        "loaded_at": state.loaded_at, "source": state.source})
    return state


def load_lab_state(folder: Path, catalog=None) -> LabState | None:
    """The loaded session, or None when there is none or the state file cannot be used (logged)."""
    path = Path(folder) / STATE_FILE
    if not path.exists():
        return None
    try:
        data, _ = read_json_file(path)
        if data.get("format") != STATE_FORMAT or data.get("version") != STATE_VERSION:
            raise ClassroomFileError(path, "not a lab state file of this version")
        session = session_from_json(data.get("session"), path, catalog)
        loaded_at = v if isinstance(v := data.get("loaded_at"), str) else ""
        source = v if isinstance(v := data.get("source"), str) else ""
        return LabState(session, loaded_at, source)
    except ClassroomFileError as exc:
        log.warning("the loaded lab session cannot be used: %s", exc)
        return None


def clear_lab_state(folder: Path) -> None:
    try:
        (Path(folder) / STATE_FILE).unlink()
    except FileNotFoundError:
        pass


def restore_class_session(app) -> Session | None:
    """At start-up: put the session loaded on this computer back into ``app.class_session``."""
    try:
        state = load_lab_state(lab_data_dir(app), getattr(app, "catalog", None))
    except Exception as exc:  # a broken lab state never stops the game
        log.warning("lab session not restored: %s", exc)
        state = None
    app.class_session = state.session if state else None
    return app.class_session


@dataclass(frozen=True)
class WipeResult:
    attempts: int  # answers deleted
    profiles: tuple[str, ...]  # nicknames of the players deleted (made during the session, nothing else)
    kept: tuple[str, ...]  # nicknames of players who keep their other data
    profile_ids: tuple[str, ...] = ()  # ids of the players deleted


def end_of_day_wipe(store, folder: Path, session: Session) -> WipeResult:
    """Delete this session's data from this computer and forget the session.

    Deleted: every answer given in the session, and the players created while the session was
    loaded who have no other data. Kept: everything else (other players, other answers, results
    of levels played outside the session, the teacher PIN, the machine id).
    """
    state = load_lab_state(folder)
    since = state.loaded_at if state is not None and state.session.id == session.id and state.loaded_at else None
    done = store.delete_session_data(session.id, created_since=since)
    clear_lab_state(folder)
    return WipeResult(int(done["attempts"]), tuple(p.nickname for p in done["deleted_profiles"]),
                      tuple(p.nickname for p in done["kept_profiles"]), tuple(p.id for p in done["deleted_profiles"]))
