"""Sango: an offline game that teaches children and teens to stay safe online."""

import os as _os

__version__ = "0.1.0"

# pygame prints a banner on import; a children's game started from a menu has no use for it.
_os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
