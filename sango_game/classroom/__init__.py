"""Lab sessions for teachers: a one-day Child Online Protection Challenge on ~30 offline computers.

1. The teacher prepares a session (band, playlist, optional knowledge check) and saves the session
   file to a USB stick or shared folder (:mod:`.session`).
2. Every computer loads it (:mod:`.state` remembers it across restarts); pupils play; their answers
   carry the session id.
3. Every computer exports its results file, with a checksum (:mod:`.results`).
4. The teacher imports all results files at once (:mod:`.merge`), sees the class summary
   (:mod:`.summary`), saves CSV files (:mod:`.csvout`), a printable report and certificates
   (:mod:`.report`, the only module here that uses pygame).
5. At the end of the day, each computer's session data is wiped (:func:`.state.end_of_day_wipe`).

Nothing here touches the network; files move by USB stick or shared folder (:mod:`.drives`).
"""

from .errors import ClassroomFileError
from .merge import ClassResults, ImportReport, Note, Pupil, import_results
from .results import (
    RESULTS_FORMAT,
    RESULTS_VERSION,
    PlayerResults,
    ResultsFile,
    build_results,
    check_level_id,
    export_results,
    read_results,
    write_results,
)
from .session import (
    SESSION_FORMAT,
    SESSION_VERSION,
    CheckRef,
    Session,
    new_session,
    pick_check_questions,
    read_session,
    save_session_to,
    write_session,
)
from .state import (
    LabState,
    WipeResult,
    clear_lab_state,
    end_of_day_wipe,
    lab_data_dir,
    load_lab_state,
    machine_id,
    restore_class_session,
    save_lab_state,
)
from .summary import ClassSummary, summarise

__all__ = [
    "ClassroomFileError", "ClassResults", "ImportReport", "Note", "Pupil", "import_results",
    "RESULTS_FORMAT", "RESULTS_VERSION", "PlayerResults", "ResultsFile", "build_results", "check_level_id",
    "export_results", "read_results", "write_results",
    "SESSION_FORMAT", "SESSION_VERSION", "CheckRef", "Session", "new_session", "pick_check_questions", "read_session",
    "save_session_to", "write_session",
    "LabState", "WipeResult", "clear_lab_state", "end_of_day_wipe", "lab_data_dir", "load_lab_state", "machine_id",
    "restore_class_session", "save_lab_state",
    "ClassSummary", "summarise",
]
