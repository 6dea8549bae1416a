"""SVG art rendered at the exact size needed (crisp at every window size), cached.

A missing or unreadable file never stops the game: it is logged once and a plain shape is
drawn in its place.
"""

from __future__ import annotations

import pygame

from .lazylog import LazyLogger
from .resources import asset_path
from .text.cache import LRUCache, surface_bytes

log = LazyLogger(__name__)  # logging loads when the first record is written


ART_BUDGET = 64 * 2**20  # bytes of rendered art kept until the app sets a budget for its window


class Art:
    def __init__(self, cache_size: int = 256, max_bytes: int = ART_BUDGET):
        self._cache: LRUCache[pygame.Surface] = LRUCache(cache_size, max_bytes, surface_bytes)
        self._missing: set[str] = set()

    def set_budget(self, max_bytes: int) -> None:
        """Keep the rendered pictures under ``max_bytes`` of pixels (the app scales it with the window)."""
        self._cache.set_max_bytes(max_bytes)

    @property
    def cache_bytes(self) -> int:
        return self._cache.bytes

    def _load(self, rel: str, size: tuple[int, int]) -> pygame.Surface:
        path = asset_path(*rel.split("/"))
        try:
            surf = pygame.image.load_sized_svg(str(path), size)
            if surf.get_size() != size:
                # Keep the aspect ratio inside the box, centred.
                box = pygame.Surface(size, pygame.SRCALPHA)
                box.blit(surf, surf.get_rect(center=(size[0] // 2, size[1] // 2)))
                surf = box
            return surf.convert_alpha() if pygame.display.get_surface() else surf
        except (pygame.error, FileNotFoundError, OSError) as exc:
            if rel not in self._missing:
                log.warning("cannot load art %s: %s", rel, exc)
                self._missing.add(rel)
            surf = pygame.Surface(size, pygame.SRCALPHA)
            r = min(size) // 2
            pygame.draw.circle(surf, (120, 190, 190), (size[0] // 2, size[1] // 2), max(1, r - 2))
            return surf

    def get(self, rel: str, size: tuple[int, int] | int, tint: tuple | None = None, flip_x: bool = False) -> pygame.Surface:
        if isinstance(size, int):
            size = (size, size)
        size = (max(1, int(size[0])), max(1, int(size[1])))
        key = (rel, size, tint, flip_x)
        surf = self._cache.get(key)
        if surf is not None:
            return surf
        surf = self._load(rel, size) if (tint is None and not flip_x) else self.get(rel, size).copy()
        if tint is not None:
            surf.fill((*tint[:3], 0), special_flags=pygame.BLEND_RGBA_MAX)
            surf.fill((*tint[:3], 255), special_flags=pygame.BLEND_RGBA_MIN)
        if flip_x:
            surf = pygame.transform.flip(surf, True, False)
        return self._cache.put(key, surf)

    def from_svg_text(self, key: str, text: str, size: tuple[int, int] | int) -> pygame.Surface:
        """SVG composed in memory (story portraits), cached like files."""
        if isinstance(size, int):
            size = (size, size)
        size = (max(1, int(size[0])), max(1, int(size[1])))
        ck = ("text:" + key, size, None, False)
        surf = self._cache.get(ck)
        if surf is None:
            import io

            try:
                surf = pygame.image.load_sized_svg(io.BytesIO(text.encode("utf-8")), size)
                surf = surf.convert_alpha() if pygame.display.get_surface() else surf
            except pygame.error as exc:
                log.warning("cannot draw %s: %s", key, exc)
                surf = pygame.Surface(size, pygame.SRCALPHA)
            self._cache.put(ck, surf)
        return surf

    def sango(self, mood: str | None, size: int) -> pygame.Surface:
        return self.get(f"sango/{mood or 'happy'}.svg", size)

    def icon(self, name: str, size: int, color: tuple, rtl: bool = False) -> pygame.Surface:
        # Only direction icons flip in right-to-left layouts.
        flip = rtl and name in ("back", "forward")
        return self.get(f"icons/ui/{name}.svg", size, tint=color, flip_x=flip)

    def avatar(self, name: str, size: int) -> pygame.Surface:
        return self.get(f"avatars/{name}.svg", size)

    def topic(self, name: str, size: int) -> pygame.Surface:
        return self.get(f"icons/topics/{name}.svg", size)

    @property
    def missing(self) -> set[str]:
        return set(self._missing)


AVATARS = ("cat", "fox", "owl", "turtle", "panda", "rabbit", "lion", "frog", "whale", "robot", "bee", "penguin")
