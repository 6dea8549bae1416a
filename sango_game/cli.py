"""Command line: ``sango-game`` (play), ``sango-game check PATH``, and teacher/translator tools."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _cmd_check(args: argparse.Namespace) -> int:
    from .cli_i18n import cli_translator
    from .content import load_catalog
    from .content.catalog import level_files
    from .content.packs import is_pack, load_pack_catalog
    from .resources import levels_path

    tr = cli_translator()
    paths = [Path(p) for p in args.paths] or [levels_path()]
    errors = warnings = files = 0
    for root in paths:
        if not root.exists():
            print(tr.f("{path}: error: no such file or folder", path=str(root)), file=sys.stderr)
            errors += 1
            continue
        if is_pack(root):
            catalog, files_checked = load_pack_catalog(root)
            files += files_checked
        else:
            catalog = load_catalog(root)
            files += len(level_files(root))
        for issue in catalog.issues:
            if issue.severity == "warning" and not args.warnings:
                continue
            print(issue.format())
        errors += len(catalog.errors)
        warnings += len(catalog.issues) - len(catalog.errors)
        if args.verbose:
            for lv in catalog.levels.values():
                print(tr.f("ok {level} ({kind}, {band}, {topic})", level=lv.id, kind=lv.kind, band=lv.band, topic=lv.topic))
    print(tr.f("{files}: {errors}, {warnings}", files=tr.nf("checked {n} level file", "checked {n} level files", files),
               errors=tr.nf("{n} error", "{n} errors", errors), warnings=tr.nf("{n} warning", "{n} warnings", warnings)))
    return 1 if errors else 0


def _cmd_play(args: argparse.Namespace) -> int:
    from .app import run_game

    return run_game(language=args.language, fullscreen=args.fullscreen, windowed_size=args.size)


def build_parser(tr=None) -> argparse.ArgumentParser:
    from .cli_i18n import cli_translator

    tr = tr or cli_translator()
    _ = tr._
    parser = argparse.ArgumentParser(prog="sango-game", description=_("Sango: stay safe online (offline game)"))
    sub = parser.add_subparsers(dest="command")
    play = sub.add_parser("play", help=_("play the game (default)"))
    for p in (parser, play):
        p.add_argument("--language", "-l", help=_("language of the game and of these messages (ar, en, es, fr, ru, zh_Hans)"))
        p.add_argument("--fullscreen", action="store_true", help=_("start in fullscreen"))
        p.add_argument("--size", help=_("window size, e.g. 1280x720"))
    check = sub.add_parser("check", help=_("validate level files or a pack and print every problem with file:line"))
    check.add_argument("paths", nargs="*", help=_("level files, folders or packs (default: the bundled levels)"))
    check.add_argument("--warnings", "-W", action="store_true", help=_("also print warnings"))
    check.add_argument("--verbose", "-v", action="store_true", help=_("list the levels that are fine too"))
    _add_extra_commands(sub, tr)
    return parser


def _add_extra_commands(sub, tr) -> None:
    """Commands contributed by other modules (screenshots, teacher reports, packs, schema)."""
    try:
        from .tools_cli import register
    except ImportError:
        return
    register(sub, tr)


def main(argv: list[str] | None = None) -> int:
    from .cli_i18n import setup

    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(setup(argv))
    args = parser.parse_args(argv)
    command = args.command or "play"
    if command == "check":
        return _cmd_check(args)
    if command == "play":
        return _cmd_play(args)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    return handler(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
