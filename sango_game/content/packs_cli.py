"""``sango-game pack new|install|list|remove`` (``check`` and ``i18n --root`` also take a pack)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ..i18n import N_


def register(sub, tr=None) -> None:
    _ = tr._ if tr is not None else (lambda s: s)
    p = sub.add_parser("pack", help=_(N_("content packs: make a new one, install, list or remove")))
    p.add_argument("action", choices=["new", "install", "list", "remove"])
    p.add_argument("target", nargs="?", help=_(N_("pack name (new), folder or .zip (install), or pack id (remove)")))
    p.add_argument("--packs-dir", type=Path, help=_(N_("where packs are installed (default: the data folder's packs/)")))
    p.add_argument("--country", default="KE", help=_(N_("two-letter country code of a new pack")))
    p.set_defaults(handler=run)
    s = sub.add_parser("schema", help=_(N_("print the JSON Schema of the level format (for editors)")))
    s.set_defaults(handler=_schema)


def _schema(args) -> int:
    from .schema import schema_text

    sys.stdout.write(schema_text())
    return 0


def _packs_dir(args) -> Path:
    from .packs import pack_folders

    return args.packs_dir or pack_folders()[0]


def new_pack(name: str, where: Path, country: str = "KE") -> Path:
    from . import pack_template as t

    pack_id = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or "my-pack"
    root = Path(where) / pack_id
    if root.exists():
        raise FileExistsError(root)
    (root / "levels" / "9-12").mkdir(parents=True)
    (root / "locales").mkdir()
    (root / "pack.toml").write_text(t.MANIFEST.format(id=pack_id, name=name.replace('"', "'"), country=country.upper()[:2]),
                                    encoding="utf-8")
    (root / "levels" / "9-12" / "example-quiz.yaml").write_text(t.QUIZ, encoding="utf-8")
    (root / "levels" / "9-12" / "example-story.yaml").write_text(t.STORY, encoding="utf-8")
    (root / "README.md").write_text(t.README.format(name=name), encoding="utf-8")
    from .schema import schema_text

    (root / "level.schema.json").write_text(schema_text(), encoding="utf-8")  # for the editor line atop each level
    return root


def run(args) -> int:
    from ..cli_i18n import cli_translator
    from .packs import (
        PackError,
        install_pack,
        installed_packs,
        read_manifest,
        remove_pack,
    )

    say = cli_translator()
    if args.action in ("new", "install", "remove") and not args.target:
        print(say._("sango-game pack: this action needs a name, a path or a pack id"), file=sys.stderr)
        return 2
    if args.action == "new":
        try:
            root = new_pack(args.target, Path.cwd(), args.country)
        except FileExistsError as exc:
            print(say.f("{path} already exists; pick another name", path=str(exc)), file=sys.stderr)
            return 2
        print(say.f("made the pack {path}: check it with sango-game check {path}", path=str(root)))
        return 0
    packs_dir = _packs_dir(args)
    if args.action == "install":
        try:
            loaded = install_pack(Path(args.target), packs_dir)
        except PackError as exc:
            print(say.f("the pack was not installed: {problem}", problem=str(exc.path) + ": " + exc.message), file=sys.stderr)
            return 1
        print(say.nf("installed {name} ({n} level)", "installed {name} ({n} levels)", len(loaded.levels), name=loaded.pack.name))
        return 0
    if args.action == "remove":
        if remove_pack(packs_dir, args.target):
            print(say.f("removed {name}", name=args.target))
            return 0
        print(say.f("no pack {name} is installed", name=args.target), file=sys.stderr)
        return 1
    for root in installed_packs([packs_dir]):
        try:
            pack = read_manifest(root)
        except PackError as exc:
            print(f"{root.name}: {exc.message}")
            continue
        print(f"{pack.id} {pack.version} ({pack.country}): {pack.name}")
    return 0
