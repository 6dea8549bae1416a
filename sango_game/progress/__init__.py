"""Child profiles and local progress storage (SQLite, standard library only).

Privacy by design: a profile is a nickname, an avatar id and a random local id; nothing else
about the child is stored, and nothing here touches the network. No pygame imports.

    from sango_game.progress import ProgressStore
    store = ProgressStore.open()            # data_dir()/progress.sqlite3
    if store.notice: ...                    # the file was damaged and restored (or reset)
    kid = store.create_profile("Nour", "cat")
    store.record_attempt(kid.id, "k-passwords-1", "q1", '"b"', 1.0, 5300)
    store.record_level_result(kid.id, "k-passwords-1", "passwords", "9-12", 0.9, 3)

Pure scoring and badge rules are in :mod:`sango_game.progress.rules`.
"""

from .errors import (
    NotAStoreError,
    PinFormatError,
    ProfileError,
    SchemaTooNewError,
    StorageFullError,
    StoreAccessError,
    StoreError,
)
from .migrations import CURRENT_VERSION
from .models import Attempt, Badge, LevelResult, Profile, StoreNotice
from .store import EXPORT_FORMAT, EXPORT_VERSION, FILE_NAME, KEEP_BACKUPS, ProgressStore

__all__ = [
    "CURRENT_VERSION", "EXPORT_FORMAT", "EXPORT_VERSION", "FILE_NAME", "KEEP_BACKUPS",
    "Attempt", "Badge", "LevelResult", "NotAStoreError", "PinFormatError", "Profile", "ProfileError",
    "ProgressStore", "SchemaTooNewError", "StorageFullError", "StoreAccessError", "StoreError", "StoreNotice",
]
