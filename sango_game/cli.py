"""Command line: ``sango-game`` (play), ``sango-game check PATH``, and teacher/translator tools."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__


def _cmd_check(args: argparse.Namespace) -> int:
    from .content import load_catalog
    from .content.balance import level_warnings, stats_report
    from .content.catalog import level_files
    from .resources import levels_path

    paths = [Path(p) for p in args.paths] or [levels_path()]
    errors = warnings = files = 0
    printed: set[int] = set()

    def show(issues: list) -> None:
        for issue in issues:
            printed.add(id(issue))
            if issue.severity == "warning" and not args.warnings:
                continue
            print(issue.format(), flush=True)

    for root in paths:
        if not root.exists():
            print(f"{root}: error: no such file or folder", file=sys.stderr)
            errors += 1
            continue
        # Printed file by file as the check goes, so a slow or broken file never hides the others' reports.
        catalog = load_catalog(root, on_file=lambda _shown, issues: show(issues))
        # Then what only the whole folder shows (duplicate ids, order numbers).
        show([i for i in catalog.issues if id(i) not in printed])
        files += len(level_files(root))
        # Answer-bias warnings ("the right answer is always the longest") need the whole level.
        balance = [w for lv in catalog.levels.values() for w in level_warnings(lv)]
        show(balance)
        issues = list(catalog.issues) + balance
        errors += len(catalog.errors)
        warnings += len(issues) - len(catalog.errors)
        if args.stats:
            print(stats_report(catalog.levels.values(), per_level=args.verbose))
        if args.verbose:
            for lv in catalog.levels.values():
                print(f"ok {lv.id} ({lv.kind}, {lv.band}, {lv.topic})")
    print(f"checked {files} level file(s): {errors} error(s), {warnings} warning(s)")
    return 1 if errors else 0


def _cmd_reset_pin(args: argparse.Namespace) -> int:
    """For a teacher who forgot the PIN: whoever can run commands on this computer's account can
    already read and delete the data folder, so this gives nothing away that the game protects."""
    from .paths import DataDirError, data_dir
    from .progress import FILE_NAME, ProgressStore, StoreError

    try:
        folder = Path(args.data_dir) if args.data_dir else data_dir()
    except DataDirError as exc:
        print(f"sango-game reset-pin: {exc}", file=sys.stderr)
        return 1
    path = folder / FILE_NAME
    if not path.is_file():
        print(f"sango-game reset-pin: there is no progress file in {folder} (nothing to reset)", file=sys.stderr)
        return 1
    if not args.yes:
        answer = input(f"Forget the teacher PIN of the progress in {folder}? Players and results stay. [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing was changed.")
            return 1
    try:
        with ProgressStore.open(path) as store:
            had = store.reset_teacher_pin()
    except StoreError as exc:
        print(f"sango-game reset-pin: {exc}", file=sys.stderr)
        return 1
    print("The teacher PIN was removed: choose a new one the next time you press Teacher." if had
          else "No teacher PIN was set; the wrong-PIN wait was cleared.")
    return 0


def _first_frame_only(args: argparse.Namespace) -> int:
    """Open the game, draw the title screen's first frame, print the wall-clock times of that frame
    and of being ready for input, and quit: bench/bench_bundle.py times the bundle and the
    pip-installed game with it."""
    import time

    from .app import App

    app = App(language=args.language, speech=False)
    app.step()
    print(app.first_frame_at, time.time())
    app.shutdown()
    return 0


def _cmd_play(args: argparse.Namespace) -> int:
    if getattr(args, "first_frame_only", False):
        return _first_frame_only(args)
    from .logfile import setup_logging

    setup_logging()  # before run_game(), whose logging.basicConfig() then leaves these handlers alone
    from .app import run_game

    return run_game(language=args.language, fullscreen=args.fullscreen, windowed_size=args.size)


def build_parser() -> argparse.ArgumentParser:
    parser = _MainParser(prog="sango-game", description="Sango: stay safe online (offline game)",
                         formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", "-V", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--verbose", action="store_true",
                        help="log details to the terminal (same as SANGO_LOG=DEBUG)")
    sub = parser.add_subparsers(dest="command")
    play = sub.add_parser("play", help="play the game (default)")
    for p in (parser, play):
        p.add_argument("--language", "-l", help="start in this language (ar, en, es, fr, ru, zh_Hans)")
        p.add_argument("--fullscreen", action="store_true", help="start in fullscreen")
        p.add_argument("--size", help="window size, e.g. 1280x720")
        p.add_argument("--first-frame-only", action="store_true", help=argparse.SUPPRESS)
    check = sub.add_parser("check", help="validate level files and print every problem with file:line")
    check.add_argument("paths", nargs="*", help="level files or folders (default: the bundled levels)")
    check.add_argument("--warnings", "-W", action="store_true", help="also print warnings")
    check.add_argument("--verbose", "-v", action="store_true", help="list the levels that are fine too")
    reset = sub.add_parser("reset-pin", help="forget the teacher PIN (for a teacher who forgot it); "
                                            "players and results stay")
    reset.add_argument("--data-dir", help="the data folder (default: the one the game uses)")
    reset.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    check.add_argument("--stats", action="store_true",
                       help="print answer-bias numbers (longest/position of right answers) and story stakes")
    _add_extra_commands(sub)
    return parser


def _log_file_text() -> str:
    try:
        from .logfile import log_path
        from .paths import _configured_data_dir, _default_data_dir

        # Without creating the folder: --help must not write anything.
        return str(log_path(_configured_data_dir() or _default_data_dir()))
    except Exception as exc:  # a broken config file: say so here too
        return f"(unknown: {exc})"


def _epilog() -> str:
    return f"""environment variables:
  SANGO_DATA_DIR     folder for progress, settings and the log (default: the user data folder)
  SANGO_CONFIG       a config.toml to use (data_dir, language, helpline...; see the README)
  SANGO_LOG          log level: DEBUG, INFO (default in the log file), WARNING (default on screen)
  SDL_VIDEODRIVER    SDL video driver, e.g. x11, wayland, windows; 'dummy' runs without a screen
  SDL_AUDIODRIVER    SDL audio driver, e.g. pulseaudio, alsa; 'dummy' plays silently
  other SDL_* variables (SDL_VIDEO_SCALE_QUALITY...) are passed to SDL unchanged

log file: {_log_file_text()}

exit codes:
  0  done (the game was closed, or the command found no problem)
  1  problems found (check: level errors; report: files that could not be used) or no screen
  2  wrong command line, or an unusable input file (session, configuration)
"""


class _MainParser(argparse.ArgumentParser):
    """The epilog (with the log file's path) is worked out only when help is shown, not at every start."""

    def format_help(self) -> str:
        self.epilog = _epilog()
        return super().format_help()


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
    if args.verbose:
        import os

        os.environ["SANGO_LOG"] = "DEBUG"
    command = args.command or "play"
    if command == "check":
        return _cmd_check(args)
    if command == "play":
        return _cmd_play(args)
    if command == "reset-pin":
        return _cmd_reset_pin(args)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    return handler(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
