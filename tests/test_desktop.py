"""Desktop conventions: --version, --help with environment variables, exit codes and the log file's
path, and a small rotating log file in the data folder."""

import logging

import pytest

from sango_game import __version__
from sango_game.cli import main
from sango_game.logfile import SmallRotatingFile, log_path, setup_logging


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"sango-game {__version__}"


def test_help_lists_environment_exit_codes_and_log_file(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SANGO_DATA_DIR", str(tmp_path / "lab"))
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for word in ("SANGO_DATA_DIR", "SANGO_CONFIG", "SANGO_LOG", "SDL_VIDEODRIVER", "SDL_AUDIODRIVER", "exit codes"):
        assert word in out
    assert str(tmp_path / "lab" / "logs" / "sango-game.log") in out
    assert not (tmp_path / "lab").exists(), "--help must not create the data folder"


def test_help_survives_a_broken_config(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("SANGO_DATA_DIR")
    monkeypatch.setenv("SANGO_CONFIG", str(tmp_path / "missing.toml"))
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "log file: (unknown:" in capsys.readouterr().out


def test_log_file_rotates_and_stays_small(tmp_path):
    path = tmp_path / "logs" / "sango-game.log"
    handler = SmallRotatingFile(path, max_bytes=2000, backups=2)
    log = logging.getLogger("sango-test-rotation")
    log.propagate = False
    log.addHandler(handler)
    try:
        assert not path.exists(), "nothing is written before the first record"
        for i in range(400):
            log.warning("line %d %s", i, "x" * 40)
    finally:
        log.removeHandler(handler)
        handler.close()
    files = sorted(p.name for p in path.parent.iterdir())
    assert files == ["sango-game.log", "sango-game.log.1", "sango-game.log.2"]
    assert all(p.stat().st_size < 2000 + 200 for p in path.parent.iterdir())
    assert "line 399" in path.read_text(encoding="utf-8")


def test_setup_logging_writes_into_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("SANGO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SANGO_LOG", "info")
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    try:
        path = setup_logging()
        logging.getLogger("sango_game.test").info("hello from the test")
    finally:
        for h in root.handlers[len(before):]:
            h.close()
        root.handlers[:] = before
        root.setLevel(level)
    assert path == log_path(tmp_path / "data")
    assert "hello from the test" in path.read_text(encoding="utf-8")


def test_speech_programs_get_the_computers_libraries_back_in_the_bundle(monkeypatch):
    import sys

    from sango_game.speech import child_env

    assert child_env() is None  # not frozen: the environment is inherited as is
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/sango-game/_internal")
    monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", "/usr/lib/custom")
    env = child_env()
    assert env["LD_LIBRARY_PATH"] == "/usr/lib/custom" and "LD_LIBRARY_PATH_ORIG" not in env
    monkeypatch.delenv("LD_LIBRARY_PATH_ORIG")
    assert "LD_LIBRARY_PATH" not in child_env()


def test_translator_tools_explain_a_folder_without_catalogs(tmp_path, capsys):
    (tmp_path / "locales").mkdir()  # like the bundle: compiled catalogs only, no .pot/.po
    assert main(["i18n", "check", "--root", str(tmp_path)]) == 2
    assert "source checkout" in capsys.readouterr().err
