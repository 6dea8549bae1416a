"""Text for Sango: bundled fonts, bidi, shaping, wrapping, fitting and cached rendering.

``TextEngine`` is the only caller of ``pygame.font.Font.render`` in the game. The language
helpers and :func:`missing_glyphs` do not import pygame (the translators' checks use them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .fonts import RTL_LANGS, is_rtl, missing_glyphs

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Line, Run, TextEngine, TextLayout

__all__ = ["RTL_LANGS", "is_rtl", "missing_glyphs", "TextEngine", "TextLayout", "Line", "Run"]


def __getattr__(name: str):
    # pygame is imported only when the engine itself is wanted.
    if name in ("TextEngine", "TextLayout", "Line", "Run"):
        from . import engine

        return getattr(engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
