"""Wheel build hook: compile every locales/*/LC_MESSAGES/*.po into .mo inside the wheel.

The .mo files are build products and are not committed. Babel is a build requirement
(pyproject.toml [build-system]).
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogs(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version, build_data):
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        out_dir = Path(tempfile.mkdtemp(prefix="sango-mo-"))
        for po in sorted((root / "locales").glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as fh:
                catalog = read_po(fh, abort_invalid=False)
            buf = io.BytesIO()
            write_mo(buf, catalog, use_fuzzy=False)
            rel = po.relative_to(root / "locales").with_suffix(".mo")
            target = out_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(buf.getvalue())
            build_data["force_include"][str(target)] = f"sango_game/_data/locales/{rel.as_posix()}"
