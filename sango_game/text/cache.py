"""A small least-recently-used cache (layouts, surfaces, fit answers, paragraphs, art). No pygame.

Entries can be weighed (a surface by its pixel bytes): the cache then also keeps its total under a
byte budget, which the app scales with the window's area, so a full-HD window may keep more and
bigger pictures than a small one, and neither grows without bound.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from itertools import islice
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:  # pragma: no cover
    import pygame

V = TypeVar("V")


class LRUCache(Generic[V]):
    """A dict that forgets its least recently used entries beyond ``maxsize`` entries or, when
    ``weigh`` is given, beyond ``max_bytes`` in total (the newest entry always stays, however big)."""

    def __init__(self, maxsize: int, max_bytes: int | None = None, weigh: Callable[[V], int] | None = None):
        if maxsize < 1:
            raise ValueError("maxsize must be at least 1")
        if max_bytes is not None and weigh is None:
            raise ValueError("a byte budget needs a weigh function")
        self.maxsize = maxsize
        self._data: OrderedDict[Hashable, V] = OrderedDict()
        self._weigh = weigh
        self._weights: dict[Hashable, int] = {}
        self.bytes = 0  # total weight of the entries (0 when nothing is weighed)
        self.max_bytes: int | None = None
        if max_bytes is not None:
            self.set_max_bytes(max_bytes)

    def get(self, key: Hashable) -> V | None:
        value = self._data.get(key)
        if value is not None:
            self._data.move_to_end(key)
        return value

    def put(self, key: Hashable, value: V) -> V:
        if self._weigh is not None:
            weight = int(self._weigh(value))
            self.bytes += weight - self._weights.get(key, 0)
            self._weights[key] = weight
        self._data[key] = value
        self._data.move_to_end(key)
        self._evict()
        return value

    def set_max_bytes(self, max_bytes: int | None) -> None:
        """A new byte budget (None: count only entries); entries beyond it go at once."""
        if max_bytes is not None and (self._weigh is None or max_bytes < 1):
            raise ValueError("a byte budget is a positive number, for a cache that weighs its entries")
        self.max_bytes = max_bytes
        self._evict()

    def _evict(self) -> None:
        while len(self._data) > 1 and (len(self._data) > self.maxsize
                                       or (self.max_bytes is not None and self.bytes > self.max_bytes)):
            key, _ = self._data.popitem(last=False)
            self.bytes -= self._weights.pop(key, 0)

    def clear(self) -> None:
        self._data.clear()
        self._weights.clear()
        self.bytes = 0

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._data


def forget_oldest_half(cache: dict) -> None:
    """Make room in a full measurement cache (a plain dict keeps its order of insertion): the newest
    half stays (emptying it all would measure again the words the next texts share with the last ones)."""
    for key in list(islice(cache, len(cache) // 2)):
        del cache[key]


def surface_bytes(surface: pygame.Surface) -> int:
    """The memory a surface's pixels take (the weight of a cached picture or line of text)."""
    return surface.get_pitch() * surface.get_height()
