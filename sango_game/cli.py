"""Command line: ``sango-game`` (play), ``sango-game check PATH``, and teacher/translator tools."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _cmd_check(args: argparse.Namespace) -> int:
    from .content import load_catalog
    from .resources import levels_path

    paths = [Path(p) for p in args.paths] or [levels_path()]
    errors = warnings = files = 0
    for root in paths:
        if not root.exists():
            print(f"{root}: error: no such file or folder", file=sys.stderr)
            errors += 1
            continue
        catalog = load_catalog(root)
        from .content.catalog import level_files
        files += len(level_files(root))
        from .content.balance import level_warnings, stats_report

        issues = list(catalog.issues) + [w for lv in catalog.levels.values() for w in level_warnings(lv)]
        for issue in issues:
            if issue.severity == "warning" and not args.warnings:
                continue
            print(issue.format())
        errors += len(catalog.errors)
        warnings += len(issues) - len(catalog.errors)
        if args.stats:
            print(stats_report(catalog.levels.values(), per_level=args.verbose))
        if args.verbose:
            for lv in catalog.levels.values():
                print(f"ok {lv.id} ({lv.kind}, {lv.band}, {lv.topic})")
    print(f"checked {files} level file(s): {errors} error(s), {warnings} warning(s)")
    return 1 if errors else 0


def _cmd_play(args: argparse.Namespace) -> int:
    from .app import run_game

    return run_game(language=args.language, fullscreen=args.fullscreen, windowed_size=args.size)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sango-game", description="Sango: stay safe online (offline game)")
    sub = parser.add_subparsers(dest="command")
    play = sub.add_parser("play", help="play the game (default)")
    for p in (parser, play):
        p.add_argument("--language", "-l", help="start in this language (ar, en, es, fr, ru, zh_Hans)")
        p.add_argument("--fullscreen", action="store_true", help="start in fullscreen")
        p.add_argument("--size", help="window size, e.g. 1280x720")
    check = sub.add_parser("check", help="validate level files and print every problem with file:line")
    check.add_argument("paths", nargs="*", help="level files or folders (default: the bundled levels)")
    check.add_argument("--warnings", "-W", action="store_true", help="also print warnings")
    check.add_argument("--verbose", "-v", action="store_true", help="list the levels that are fine too")
    check.add_argument("--stats", action="store_true",
                       help="print answer-bias numbers (longest/position of right answers) and story stakes")
    _add_extra_commands(sub)
    return parser


def _add_extra_commands(sub) -> None:
    """Commands contributed by other modules (screenshots, teacher reports)."""
    try:
        from .tools_cli import register
    except ImportError:
        return
    register(sub)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
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
