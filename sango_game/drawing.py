"""Drawing helpers shared by the screens (``ui``) and the printed class report (``classroom``).

Below both layers, so the report can draw text like the game does without importing the UI.
"""

from __future__ import annotations

import pygame


def place_text(surface: pygame.Surface, engine, lang: str, rtl: bool, text: str, rect: pygame.Rect, size: int, color, *,
               align: str = "start", valign: str = "center", bold: bool = False, min_size: int = 12) -> pygame.Rect:
    """Wrap ``text`` to ``rect``, shrink it (down to ``min_size``) until it fits, blit it aligned.
    ``align``: start/end follow the reading direction; left/right/center are absolute."""
    fitted = engine.fit(text, lang, size, rect.w, rect.h, min_size=min_size, bold=bold)
    surf = engine.render(text, lang, fitted, color, max_width=rect.w, align=align, bold=bold)
    dest = surf.get_rect()
    if align == "center":
        dest.centerx = rect.centerx
    elif align == "left" or (align in ("start", "end") and (align == "start") != rtl):
        dest.x = rect.x
    else:
        dest.right = rect.right
    # The lines are placed in ``rect``; ink of marks above the first or below the last line
    # (the layout's ink_top/ink_bottom rows) may hang out of a tight box instead of being cut.
    lay = engine.layout(text, lang, fitted, max_width=rect.w, bold=bold)
    lines_h = dest.h - lay.ink_top - lay.ink_bottom
    if valign == "center":
        top = rect.centery - lines_h // 2
    elif valign == "bottom":
        top = rect.bottom - lines_h
    else:
        top = rect.y
    dest.y = top - lay.ink_top
    if engine.glyphs:  # else the surface is blank (measure-only): blitting it would change nothing
        surface.blit(surf, dest)
    return pygame.Rect(dest.x, top, dest.w, lines_h)
