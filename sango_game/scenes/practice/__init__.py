"""The practice scene: a pretend phone or laptop drawn by the game (see ``sango_game/practice`` for
the pure engine). ``scene.py`` routes input and lays out the device; ``views.py`` draws each app's
screen, looked up by the app's registered name; ``debrief.py`` replays the key moments."""

from .scene import PracticeScene

__all__ = ["PracticeScene"]
