"""The one error of the classroom package: a file a teacher gave us cannot be used.

The message says which file, what is wrong with it and what to do. It exists in plain English
(``str(exc)``, for logs) and as translatable templates (``exc.message(tr)``), so the teacher reads
it in the game's language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..i18n import N_


class ClassroomFileError(Exception):
    """A session or results file cannot be used (or written).

    ``problem`` and ``fix`` are English templates marked for translation, formatted with
    ``params``; ``path`` is the file concerned.
    """

    def __init__(self, path: Path | str | None, problem: str, fix: str = "", **params: Any):
        self.path = Path(path) if path is not None else None
        self.problem = problem
        self.fix = fix
        self.params = {k: v for k, v in params.items()}
        super().__init__(self._english())

    @property
    def file_name(self) -> str:
        return self.path.name if self.path is not None else ""

    def _fmt(self, template: str) -> str:
        try:
            return template.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return template

    def _english(self) -> str:
        where = f"{self.file_name}: " if self.path is not None else ""
        text = where + self._fmt(self.problem)
        if self.fix:
            text += " " + self._fmt(self.fix)
        return text

    def what(self, tr=None) -> str:
        """What is wrong (translated when a Translator is given), without the file name."""
        if tr is None:
            return self._fmt(self.problem)
        return tr.f(self.problem, **self.params)

    def what_to_do(self, tr=None) -> str:
        if not self.fix:
            return ""
        if tr is None:
            return self._fmt(self.fix)
        return tr.f(self.fix, **self.params)

    def message(self, tr=None) -> str:
        """File name, what is wrong and what to do, in the translator's language."""
        parts = [self.what(tr)]
        fix = self.what_to_do(tr)
        if fix:
            parts.append(fix)
        text = " ".join(parts)
        return f"{self.file_name}: {text}" if self.file_name else text


# Messages shared by several readers (marked for extraction; formatted by ClassroomFileError).
NOT_FOUND = N_("The file was not found.")
CANNOT_READ = N_("The file cannot be read ({reason}).")
TOO_BIG = N_("The file is too big ({size} MB; a Sango file is at most {limit} MB).")
NOT_JSON = N_("This is not a Sango file: its content is not readable JSON text.")
NOT_TEXT = N_("This is not a Sango file: its content is not UTF-8 text.")
TRUNCATED = N_("The file is cut short: it was probably not copied completely.")
NOT_OBJECT = N_("This is not a Sango file: it does not have the expected structure.")
TRY_AGAIN_COPY = N_("Copy the file again from the computer that made it.")
ASK_NEW_FILE = N_("Make the file again in Sango (Teacher area, Lab session).")
