"""Text for Sango: bundled fonts, bidi, shaping, wrapping, fitting and cached rendering.

``TextEngine`` is the only caller of ``pygame.font.Font.render`` in the game. The language
helpers and :func:`missing_glyphs` do not import pygame (the translators' checks use them).

Every name here loads on first use: importing ``text.cache`` (the art cache uses it) or starting
the game with the title kept from the last start (``firstframe.py``) needs none of the font, bidi
or layout code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Line, Run, TextEngine, TextLayout
    from .fonts import RTL_LANGS, is_rtl, missing_glyphs

__all__ = ["RTL_LANGS", "is_rtl", "missing_glyphs", "TextEngine", "TextLayout", "Line", "Run"]


def __getattr__(name: str):
    # pygame is imported only when the engine itself is wanted.
    if name in ("TextEngine", "TextLayout", "Line", "Run"):
        from . import engine

        return getattr(engine, name)
    if name in ("RTL_LANGS", "is_rtl", "missing_glyphs"):
        from . import fonts

        return getattr(fonts, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
