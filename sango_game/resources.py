"""Where the bundled data lives.

In an installed wheel the folders ``assets/``, ``levels/`` and ``locales/`` are carried
inside the package as ``sango_game/_data/``; in a source checkout they sit at the
repository root beside ``sango_game/``.
"""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def data_root() -> Path:
    bundled = _PKG / "_data"
    if bundled.is_dir():
        return bundled
    return _PKG.parent


def asset_path(*parts: str) -> Path:
    return data_root().joinpath("assets", *parts)


def levels_path(*parts: str) -> Path:
    return data_root().joinpath("levels", *parts)


def locales_path(*parts: str) -> Path:
    return data_root().joinpath("locales", *parts)
