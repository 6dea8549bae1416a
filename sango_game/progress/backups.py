"""Backups of the progress file: made with SQLite's backup API, verified, rotated, never the last good one lost."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..atomic import fsync_dir
from .errors import StoreError
from .storefile import BACKUP_DIR, StoreFile, _fsync_file, _os_error, _sqlite_error, _stamp, backup_files, verify_backup

KEEP_BACKUPS = 5


class BackupMixin(StoreFile):
    def _forget_history(self) -> None:
        """After a deletion: the journal and the older backups still hold the deleted rows; replace
        them with one fresh backup (the one case where older good backups are removed on purpose)."""
        conn = self._live()
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except sqlite3.Error:
            pass  # another process is reading; its next checkpoint overwrites the frames
        old = backup_files(self.path)
        if old:
            fresh = self.backup()
            for b in old:
                if b != fresh:
                    try:
                        b.unlink()
                    except OSError:
                        pass

    def backup(self) -> Path:
        """Copy the store into ``backups/<name>-YYYYmmdd-HHMMSS.sqlite3`` (UTC) and keep the newest five.

        The copy is made with SQLite's backup API, verified (full integrity check and every table of
        its schema) and only then renamed into place; older ones are rotated out only after that. So
        every file in ``backups/`` passed verification, the newest of them is always the newest good
        copy, and a damaged or incomplete store never pushes a good backup out.
        """
        conn = self._live()
        folder = self.path.parent / BACKUP_DIR
        target = folder / f"{self.path.stem}-{_stamp()}.sqlite3"
        tmp = folder / f".{target.name}.tmp-{os.getpid()}"
        try:
            folder.mkdir(exist_ok=True)
            tmp.unlink(missing_ok=True)
            dst = sqlite3.connect(str(tmp), isolation_level=None)
            try:
                conn.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE").fetchone()  # one self-contained file
            finally:
                dst.close()
            problem = verify_backup(tmp)
            if problem is not None:
                tmp.unlink(missing_ok=True)
                raise StoreError(f"The progress file is damaged ({problem}); the backup was not kept. "
                                 "Restart Sango to restore the last good backup.", code="store_damaged")
            _fsync_file(tmp)
            os.replace(tmp, target)
            fsync_dir(folder)
        except sqlite3.Error as exc:
            tmp.unlink(missing_ok=True)
            raise _sqlite_error(exc, "make a backup of the progress", folder) from None
        except OSError as exc:
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass
            raise _os_error(exc, "make a backup of the progress", folder) from None
        others = [b for b in backup_files(self.path) if b != target]
        for old in others[: max(0, len(others) - (KEEP_BACKUPS - 1))]:
            try:
                old.unlink()
            except OSError:
                pass
        return target

    def backups(self) -> list[Path]:
        """This store's backups, oldest first."""
        return backup_files(self.path)
