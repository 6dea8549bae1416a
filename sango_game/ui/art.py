"""Moved to ``sango_game.art`` (the classroom report draws the art too, below the ui layer)."""

from ..art import AVATARS, Art  # noqa: F401
