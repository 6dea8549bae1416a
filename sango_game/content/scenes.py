"""The ``scene:`` field of story levels: which background a node is drawn on.

Kept out of the loader (which is being split up): the loader calls ``read_scene`` for a level's
default scene and for each node; a node without one uses the level's, and without that none.
"""

from __future__ import annotations

from typing import Any

#: Story backgrounds (assets/scenes/<name>.svg).
SCENES = ("school", "classroom", "bedroom", "living-room", "kitchen", "bus", "park", "street", "library",
          "cafe", "game-lobby", "phone", "stream")


def read_scene(reader: Any, m: dict, path: tuple, default: str | None = None) -> str | None:
    """The validated ``scene:`` of mapping ``m`` (an error with a suggestion if unknown), else ``default``."""
    if "scene" not in m:
        return default
    return reader.choice_of(m, "scene", path, SCENES, required=False) or default
