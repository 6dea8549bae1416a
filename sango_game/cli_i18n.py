"""The command line speaks the user's language: ``--language``/``-l`` when given, else the system's
(LANGUAGE, LC_ALL, LC_MESSAGES, LANG), through the game's own catalogs.

argparse's own words ("usage:", "options"...) are looked up in the same catalogs: argparse calls
the module-level ``_`` at run time, so pointing it at our translator is enough.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from .i18n import N_, Translator, detect_system_language, normalize_code

_current: Translator | None = None

# argparse's messages (Python 3.11-3.13), so that the extractor puts them in our catalogs.
ARGPARSE_MESSAGES = (
    N_("usage: "), N_("options"), N_("positional arguments"), N_("show this help message and exit"),
    N_("the following arguments are required: %s"), N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("%(prog)s: error: %(message)s\n"),
    N_("expected one argument"), N_("invalid %(type)s value: %(value)r"),
)


def language_from_argv(argv: Sequence[str]) -> str | None:
    """The value of ``--language X``, ``--language=X`` or ``-l X`` anywhere on the line."""
    for i, arg in enumerate(argv):
        if arg in ("--language", "-l") and i + 1 < len(argv):
            return normalize_code(argv[i + 1])
        if arg.startswith("--language="):
            return normalize_code(arg.split("=", 1)[1])
    return None


def setup(argv: Sequence[str]) -> Translator:
    """Choose the CLI language for this run and hook argparse to it."""
    global _current
    _current = Translator(language_from_argv(argv) or detect_system_language())
    tr = _current

    def translate(msg: str) -> str:
        return tr._(msg)

    def ntranslate(singular: str, plural: str, n: int) -> str:
        return tr.ngettext(singular, plural, n)

    argparse._ = translate  # type: ignore[attr-defined]
    argparse.ngettext = ntranslate  # type: ignore[attr-defined]
    return tr


def cli_translator() -> Translator:
    """The translator chosen by :func:`setup` (the system language when the CLI was bypassed)."""
    global _current
    if _current is None:
        _current = Translator(detect_system_language())
    return _current
