"""Honest start-up: no screen means a plain message and exit 1; a normal start prints nothing;
a bad configuration or data folder never crashes the game; --version and --language."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sango_game.input import Act, Action

ROOT = Path(__file__).resolve().parent.parent


def _env(**extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER", "SDL_AUDIODRIVER", "SANGO_LOG")}
    env.update(extra)
    return env


def test_without_a_display_the_game_says_so_and_exits_1(tmp_path):
    """A computer with no display: SDL would fall back to an invisible window and run forever."""
    out = subprocess.run([sys.executable, "-m", "sango_game"], env=_env(SANGO_DATA_DIR=str(tmp_path)),
                         capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert out.returncode == 1, (out.returncode, out.stderr)
    assert "Sango needs a screen" in out.stderr
    assert "Traceback" not in out.stderr and "XDG_RUNTIME_DIR" not in out.stderr


def test_a_normal_start_prints_nothing_on_the_terminal(tmp_path):
    """The real audio back-end is tried (no SDL_AUDIODRIVER): a PC without a sound card stays quiet."""
    code = ("import pathlib, sys\n"
            "from sango_game.app import App\n"
            "app = App(data_dir=pathlib.Path(sys.argv[1]), language='en', speech=False)\n"
            "for _ in range(3): app.step()\n"
            "app.shutdown()\n")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], env=_env(SDL_VIDEODRIVER="dummy"),
                         capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stderr == "" and out.stdout == ""


def test_version():
    from sango_game import __version__

    out = subprocess.run([sys.executable, "-m", "sango_game", "--version"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.strip() == f"sango-game {__version__}"


def _start(monkeypatch, **kw):
    from sango_game.app import App

    monkeypatch.delenv("SANGO_DATA_DIR", raising=False)
    app = App(size=(1280, 720), speech=False, audio=False, **kw)
    for _ in range(3):
        app.step()
    return app


def _write_config(tmp_path, text):
    cfg = tmp_path / "config.toml"
    cfg.write_text(text, encoding="utf-8")
    return cfg


BAD_CONFIGS = {
    "data_dir is a number": "data_dir = 5\n",
    "broken TOML": "data_dir = [unclosed\n",
    "not UTF-8": None,
}


@pytest.mark.parametrize("case", [*BAD_CONFIGS, "SANGO_CONFIG names a missing file", "a file is in the way",
                                  "data folder under a file"])
def test_bad_configuration_or_data_folder_still_plays_without_saving(case, tmp_path, monkeypatch):
    if case in BAD_CONFIGS:
        cfg = tmp_path / "config.toml"
        if BAD_CONFIGS[case] is None:
            cfg.write_bytes(b"data_dir = \"\xff\xfe\"\n")
        else:
            cfg.write_text(BAD_CONFIGS[case], encoding="utf-8")
        monkeypatch.setenv("SANGO_CONFIG", str(cfg))
    elif case == "SANGO_CONFIG names a missing file":
        monkeypatch.setenv("SANGO_CONFIG", str(tmp_path / "nope.toml"))
    elif case == "a file is in the way":
        (tmp_path / "blocker").write_text("x")
        monkeypatch.setenv("SANGO_CONFIG", str(_write_config(tmp_path, f'data_dir = "{tmp_path / "blocker"}"\n')))
    else:
        (tmp_path / "afile").write_text("x")
        monkeypatch.setenv("SANGO_CONFIG", str(_write_config(tmp_path, f'data_dir = "{tmp_path / "afile" / "sub"}"\n')))
    monkeypatch.delenv("SANGO_DATA_DIR", raising=False)
    from sango_game.app import App
    from sango_game.content import load_catalog
    from tests.conftest import FIXTURES

    app = App(size=(1280, 720), speech=False, audio=False, language="en", catalog=load_catalog(FIXTURES / "levels"))
    for _ in range(3):
        app.step()
    try:
        assert app.store is None
        # The title told the child in plain words (a dialog over the title), once.
        assert app.stack.top.name != "title"
        assert "Progress cannot be saved on this computer right now." in app.stack.top.speech()
        assert not app.notices
        # ... and the game still plays, as a guest: close the message, then Play goes to the age bands.
        app.step([Action(Act.CONFIRM)])
        assert app.stack.top.name == "title"
        app.step([Action(Act.CONFIRM)])
        assert app.stack.top.name == "band"
    finally:
        app.shutdown()


def test_explicit_language_wins_over_the_players_saved_language(tmp_path):
    from sango_game.app import App

    app = App(size=(1280, 720), speech=False, audio=False, language="en", data_dir=tmp_path)
    app.apply_settings({"language": "fr"})
    assert app.tr.code == "en"
    app.shutdown()
    app = App(size=(1280, 720), speech=False, audio=False, data_dir=tmp_path)
    app.apply_settings({"language": "fr"})
    assert app.tr.code == "fr"
    app.shutdown()


def test_config_language_is_the_default(tmp_path, monkeypatch):
    monkeypatch.setenv("SANGO_CONFIG", str(_write_config(tmp_path, 'language = "ru"\n')))
    monkeypatch.setenv("LANGUAGE", "es")
    seen = {}

    import sango_game.app as appmod
    from sango_game.startup import run_game

    class Probe(appmod.App):
        def run(self):
            seen["lang"] = self.tr.code
            self.shutdown()
            return 0

    monkeypatch.setattr(appmod, "App", Probe)
    assert run_game() == 0
    assert seen["lang"] == "ru"
    assert run_game(language="ar") == 0
    assert seen["lang"] == "ar"
