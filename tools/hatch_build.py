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
        from babel.messages.catalog import Catalog
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        out_dir = Path(tempfile.mkdtemp(prefix="sango-mo-"))
        for po in sorted((root / "locales").glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as fh:
                catalog = read_po(fh, abort_invalid=False)
            # Two .mo files per language, as the game loads them (sango_game/i18n.py): the interface
            # at start-up, the level text on first use. Level text has a context "<level id>|<field>".
            for suffix, levels in (("", False), ("-levels", True)):
                part = Catalog(locale=catalog.locale, charset="utf-8", fuzzy=False)
                part.mime_headers = catalog.mime_headers
                for msg in catalog:
                    ctx = msg.context or ""
                    if msg.id and ("|" in ctx and not ctx.startswith("topic|")) == levels:
                        part[msg.id] = msg
                buf = io.BytesIO()
                write_mo(buf, part, use_fuzzy=False)
                rel = po.relative_to(root / "locales").with_name(f"{po.stem}{suffix}.mo")
                target = out_dir / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(buf.getvalue())
                build_data["force_include"][str(target)] = f"sango_game/_data/locales/{rel.as_posix()}"
