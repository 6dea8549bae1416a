"""The stage of a story step: the node's scene behind the speaker's portrait (or Sango)."""

from __future__ import annotations

import pygame

from .portraits import expression_for, portrait_svg


def speaker_portrait(app, level, speaker: str, mood: str | None, size: int) -> pygame.Surface | None:
    """The speaker's portrait at ``size``: Sango, a character (by English name), or None for the narrator."""
    if speaker == "sango":
        return app.art.sango(mood or "happy", size)
    ch = level.character(speaker)
    if ch is None:
        return None
    name = ch.name.source
    svg = portrait_svg(name, mood)
    if svg is None:
        return None
    return app.art.from_svg_text(f"portrait:{name}:{expression_for(mood)}", svg, size)


def scene_surface(app, scene: str, size: tuple[int, int]) -> pygame.Surface:
    """A 16:9 scene covering ``size`` (cropped at the sides or top and bottom, never stretched)."""
    w, h = size
    cover = (max(w, h * 16 // 9), max(h, w * 9 // 16))
    full = app.art.get(f"scenes/{scene}.svg", cover)
    if cover == (w, h):
        return full
    return full.subsurface(pygame.Rect((cover[0] - w) // 2, (cover[1] - h) // 2, w, h))


def draw_stage(scene, surface, rect: pygame.Rect, level, node, speaker: str) -> None:
    """The node's background with the speaker in front; a plain panel when the node has no scene."""
    app = scene.app
    if node.scene:
        surface.blit(scene_surface(app, node.scene, rect.size), rect)
    else:
        pygame.draw.rect(surface, scene.c.bg2, rect)
    mood = node.mood
    size = min(rect.h, rect.w) - scene.px(6)
    img = speaker_portrait(app, level, speaker, mood, size)
    if img is not None:
        surface.blit(img, img.get_rect(midbottom=(rect.centerx, rect.bottom + scene.px(2))))
    pygame.draw.rect(surface, scene.c.panel_border, rect, max(1, scene.px(2)), border_radius=scene.px(scene.theme.radius(10)))
