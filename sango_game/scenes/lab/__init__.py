"""Lab sessions on several computers (teacher area): prepare, load, export, import, summary, wipe.

A one-day Child Online Protection Challenge in an offline lab: the teacher prepares a session
file, copies it to every computer (USB stick or shared folder), pupils play the session's
levels, every computer exports its results, and the teacher imports them all to see the class
summary, save CSV files, a printable report and certificates. At the end of the day each
computer's session data is wiped.

One module per part: ``check`` (the knowledge check), ``menu`` (with export and wipe),
``prepare``, ``load`` (loading a session, importing results), ``summary``; ``common`` holds what
they share. The session logic itself is in ``sango_game.classroom`` (``checks`` for what a
loaded session means for the player). The helpers for the rest of the game are in
``scenes.shared`` and re-exported here.
"""

from __future__ import annotations

from ..shared import session_banner_text, session_check_phase, session_levels, start_session_check
from .check import CheckDoneScene, CheckScene
from .common import CHECK_SIZES, check_level, lab_folders, load_session, ltr, paged
from .load import ImportFolderScene, LoadSessionScene
from .menu import LabMenuScene, export_this_computer, wipe_this_computer
from .prepare import PrepareSessionScene
from .summary import TABS, ClassSummaryScene

__all__ = ["LabMenuScene", "PrepareSessionScene", "LoadSessionScene", "ImportFolderScene", "ClassSummaryScene", "CheckScene",
           "CheckDoneScene", "session_banner_text", "session_levels", "session_check_phase", "start_session_check",
           "load_session",
           "export_this_computer", "wipe_this_computer", "lab_folders", "check_level", "ltr", "paged", "CHECK_SIZES", "TABS"]
