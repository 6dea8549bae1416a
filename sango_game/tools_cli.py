"""Extra command-line tools registered on ``sango-game``: translators' and screenshots."""

from __future__ import annotations


def register(sub, tr=None) -> None:
    from . import i18n_tools
    from .classroom import cli as classroom_cli
    from .content import packs_cli

    i18n_tools.register(sub)
    classroom_cli.register(sub, tr)
    packs_cli.register(sub, tr)
    try:
        from . import screenshots
    except ImportError:  # pragma: no cover
        return
    screenshots.register(sub)
