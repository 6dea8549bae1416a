"""A lighter start: the game's own command line parses a plain start without importing the lab,
content and screenshot tools; anything else reads exactly as before."""

import subprocess
import sys

import pytest

from sango_game import cli


@pytest.mark.parametrize("argv,plain", [
    ([], True), (["play"], True), (["-l", "ar"], True), (["--language", "play", "--size", "1280x720"], True),
    (["play", "--fullscreen", "--language=fr"], True), (["report"], False), (["check", "x"], False),
    (["--help"], False), (["play", "-h"], False), (["nonsense"], False),
])
def test_which_command_lines_are_a_plain_start(argv, plain):
    assert cli._plain_play(argv) is plain


def test_a_plain_start_does_not_import_the_tools():
    code = ("import sys\nfrom sango_game import cli\n"
            "a = cli.parse_args(['-l', 'ar', '--size', '1280x720'])\n"
            "print(a.language, a.size, a.command, sorted(m for m in ('sango_game.classroom', 'sango_game.content', "
            "'sango_game.screenshots', 'yaml') if m in sys.modules))\n"
            "cli.parse_args(['i18n', 'check'])\n"
            "print('sango_game.classroom' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    first, second = out.stdout.strip().splitlines()
    assert first == "ar 1280x720 None []"
    assert second == "True"  # a tool's command still finds its parser (which registers every command)


@pytest.mark.parametrize("argv", [["--bogus"], ["play", "--bogus"], ["-l"], ["--size"], ["nonsense"]])
def test_errors_read_as_with_the_whole_parser(argv, capsys):
    with pytest.raises(SystemExit) as light:
        cli.parse_args(argv)
    light_err = capsys.readouterr().err
    with pytest.raises(SystemExit) as whole:
        cli.build_parser().parse_args(argv)
    assert light.value.code == whole.value.code == 2
    assert light_err == capsys.readouterr().err != ""
    assert "report" in light_err or argv == ["play", "--bogus"]  # the usage lists every command


def _backups(folder):
    return sorted(p.name for p in (folder / "backups").glob("*.sqlite3")) if (folder / "backups").exists() else []


def test_the_start_backup_is_made_once_the_game_is_ready(tmp_path):
    """Ready for input first (the store is open after the first frame), then the start backup, on the
    first frame with nothing to draw."""
    from sango_game.app import App

    app = App(size=(1280, 720), language="en", data_dir=tmp_path, speech=False, audio=False)
    assert app.step()  # the first frame: the store opens after it
    assert app.store is not None and _backups(tmp_path) == []
    for _ in range(3):
        app.step()
    assert len(_backups(tmp_path)) == 1
    for _ in range(3):
        app.step()
    app.shutdown()
    assert len(_backups(tmp_path)) == 1  # one per start


def test_a_game_closed_at_once_still_makes_its_start_backup(tmp_path):
    from sango_game.app import App

    app = App(size=(1280, 720), language="en", data_dir=tmp_path, speech=False, audio=False)
    app.step()
    app.shutdown()
    assert len(_backups(tmp_path)) == 1


def test_a_second_start_is_ready_without_hashing_or_json(tmp_path):
    """Once a start has remembered the .po's digest and kept the title's frame, the next start is
    ready for input (progress store open) without loading OpenSSL's hashes or json."""
    code = ("import sys, os\nfrom sango_game.app import App\n"
            "app = App(size=(1280, 720), language='ar', speech=False, audio=False, title_cache=True)\n"
            "app.step()\nassert app.store is not None\n"
            "print(sorted(m for m in ('hashlib', '_hashlib', 'json') if m in sys.modules))\n"
            "app.shutdown()\n")
    env = {**__import__("os").environ, "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    runs = []
    for n in range(2):
        env["SANGO_DATA_DIR"] = str(tmp_path / f"data{n}")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
        assert out.returncode == 0, out.stderr
        runs.append(out.stdout.strip().splitlines()[-1])
    assert runs[1] == "[]"
    assert list((tmp_path / "cache" / "sango-game" / "frames").glob("title-*.frame"))
