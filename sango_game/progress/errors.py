"""Errors of the progress store. Each carries a short ``code`` the UI can translate; the message
itself is plain English for logs and teachers."""

from __future__ import annotations

from typing import Any


class StoreError(Exception):
    """Base class for every problem of the progress store."""

    code = "store_error"

    def __init__(self, message: str, *, code: str | None = None, **params: Any):
        if code is not None:
            self.code = code
        self.params = params
        super().__init__(message)


class ProfileError(StoreError, ValueError):
    """A profile operation was refused: bad nickname or avatar, nickname taken, unknown profile...

    ``code`` is one of: nickname_empty, nickname_too_long, nickname_invalid, nickname_taken,
    avatar_invalid, unknown_profile, profile_exists, settings_invalid, import_invalid.
    ``str(exc)`` starts with the code, e.g. ``"nickname_taken: ..."``.
    """

    code = "profile_error"

    def __init__(self, code: str, detail: str = "", **params: Any):
        super().__init__(f"{code}: {detail}" if detail else code, code=code, **params)


class StorageFullError(StoreError):
    """The disk (or the database size limit) is full. Nothing of the failed change was saved."""

    code = "storage_full"


class StoreAccessError(StoreError):
    """The progress file or its folder cannot be read or written (read-only, permission denied...)."""

    code = "store_access"


class SchemaTooNewError(StoreError):
    """The progress file was written by a newer Sango; this version leaves it untouched."""

    code = "store_too_new"


class NotAStoreError(StoreError):
    """The file is a valid SQLite database that belongs to another program; it is left untouched."""

    code = "not_a_store"


class PinFormatError(StoreError, ValueError):
    """A teacher PIN must be 4 to 8 digits."""

    code = "pin_format"
