"""Command line: ``sango-game`` (play), ``sango-game check PATH``, and teacher/translator tools."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__


def _cmd_check(args: argparse.Namespace) -> int:
    from .cli_i18n import cli_translator
    from .content import load_catalog
    from .content.balance import level_warnings, stats_report
    from .content.catalog import level_files
    from .content.packs import is_pack, load_pack_catalog
    from .resources import levels_path

    tr = cli_translator()
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
            print(tr.f("{path}: error: no such file or folder", path=str(root)), file=sys.stderr)
            errors += 1
            continue
        if is_pack(root):  # a content pack (folder or zip): its levels with the game's topics
            catalog, files_checked = load_pack_catalog(root)
            files += files_checked
        else:
            # Printed file by file as the check goes, so a slow or broken file never hides the others' reports.
            catalog = load_catalog(root, on_file=lambda _shown, issues: show(issues))
            files += len(level_files(root))
        # Then what only the whole folder shows (duplicate ids, order numbers).
        show([i for i in catalog.issues if id(i) not in printed])
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
                print(tr.f("ok {level} ({kind}, {band}, {topic})", level=lv.id, kind=lv.kind, band=lv.band, topic=lv.topic))
    print(tr.f("{files}: {errors}, {warnings}", files=tr.nf("checked {n} level file", "checked {n} level files", files),
               errors=tr.nf("{n} error", "{n} errors", errors), warnings=tr.nf("{n} warning", "{n} warnings", warnings)))
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

    app = App(language=args.language, speech=False, title_cache=True)  # as run_game() opens it
    app.step()
    print(app.first_frame_at, time.time())
    app.shutdown()
    return 0


def _setup_log_file() -> None:
    from .logfile import setup_logging  # (imports logging)

    setup_logging()


def _cmd_play(args: argparse.Namespace) -> int:
    if getattr(args, "first_frame_only", False):
        return _first_frame_only(args)
    from .lazylog import defer_setup

    # Before run_game()'s logging.basicConfig(), which then leaves these handlers alone; both run at
    # the first record or once the title's first frame is on screen (lazylog).
    defer_setup(_setup_log_file)
    from .startup import run_game

    return run_game(language=args.language, fullscreen=args.fullscreen, windowed_size=args.size)


def build_parser(tr=None, extra_commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; without ``extra_commands`` only play, check and reset-pin (the tools'
    commands import the lab and content code, which starting the game does not need)."""
    from .cli_i18n import cli_translator

    tr = tr or cli_translator()
    _ = tr._
    kind = _MainParser if extra_commands else _PlayParser
    parser = kind(prog="sango-game", description=_("Sango: stay safe online (offline game)"),
                  formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", "-V", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--verbose", action="store_true", help=_("log details to the terminal (same as SANGO_LOG=DEBUG)"))
    sub = parser.add_subparsers(dest="command")
    play = sub.add_parser("play", help=_("play the game (default)"))
    for p in (parser, play):
        p.add_argument("--language", "-l", help=_("language of the game and of these messages (ar, en, es, fr, ru, zh_Hans)"))
        p.add_argument("--fullscreen", action="store_true", help=_("start in fullscreen"))
        p.add_argument("--size", help=_("window size, e.g. 1280x720"))
        p.add_argument("--first-frame-only", action="store_true", help=argparse.SUPPRESS)
    check = sub.add_parser("check", help=_("validate level files or a pack and print every problem with file:line"))
    check.add_argument("paths", nargs="*", help=_("level files, folders or packs (default: the bundled levels)"))
    check.add_argument("--warnings", "-W", action="store_true", help=_("also print warnings"))
    check.add_argument("--verbose", "-v", action="store_true", help=_("list the levels that are fine too"))
    check.add_argument("--stats", action="store_true",
                       help=_("print answer-bias numbers (longest/position of right answers) and story stakes"))
    reset = sub.add_parser("reset-pin", help=_("forget the teacher PIN (for a teacher who forgot it); players and results stay"))
    reset.add_argument("--data-dir", help=_("the data folder (default: the one the game uses)"))
    reset.add_argument("--yes", "-y", action="store_true", help=_("do not ask for confirmation"))
    if extra_commands:
        _add_extra_commands(sub, tr)
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


class _NotPlain(Exception):
    pass


class _PlayParser(_MainParser):
    """Parses a plain start of the game; anything it would complain about goes to the whole parser,
    so errors, usage and help read exactly as before."""

    def error(self, message: str):
        raise _NotPlain(message)


PLAY_VALUE_OPTIONS = ("--language", "-l", "--size")


def _plain_play(argv: list[str]) -> bool:
    """True for a start of the game (no command, or "play"), without asking for help."""
    words = [a for i, a in enumerate(argv) if not a.startswith("-") and (i == 0 or argv[i - 1] not in PLAY_VALUE_OPTIONS)]
    return words in ([], ["play"]) and not any(a in ("-h", "--help") for a in argv)


def parse_args(argv: list[str], tr=None) -> argparse.Namespace:
    if _plain_play(argv):
        try:
            return build_parser(tr, extra_commands=False).parse_args(argv)
        except _NotPlain:
            pass
    return build_parser(tr).parse_args(argv)


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
    args = parse_args(argv, setup(argv))
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
        build_parser().print_help()
        return 2
    return handler(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
