"""Entry point of the PyInstaller bundle: the same ``sango-game`` command as the pip-installed one."""

import sys

from sango_game.cli import main

if __name__ == "__main__":
    sys.exit(main())
