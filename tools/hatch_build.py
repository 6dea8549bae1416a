"""Wheel build hook: compile every locales/*/LC_MESSAGES/*.po into .mo files inside the wheel.

The .mo files are build products and are not committed. Each catalog is compiled in the two parts
the game loads (sango_game.i18n.MO_NAMES: the interface at start-up, level text on first use), with
the game's own compile function. Babel is a build requirement (pyproject.toml [build-system]).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogs(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version, build_data):
        root = Path(self.root)
        sys.path.insert(0, str(root))
        try:
            from sango_game.i18n import MO_NAMES, compile_po_bytes  # needs only Babel, no pygame
        finally:
            sys.path.remove(str(root))
        out_dir = Path(tempfile.mkdtemp(prefix="sango-mo-"))
        for po in sorted((root / "locales").glob("*/LC_MESSAGES/messages.po")):
            for part, name in MO_NAMES.items():
                rel = po.relative_to(root / "locales").with_name(name)
                target = out_dir / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(compile_po_bytes(po, part))
                build_data["force_include"][str(target)] = f"sango_game/_data/locales/{rel.as_posix()}"
