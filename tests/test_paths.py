"""Where progress data lives: environment variable, configuration files, platform default."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sango_game import paths
from sango_game.paths import ConfigError, DataDirError, config_file, config_value, data_dir


@pytest.fixture
def dirs(tmp_path, monkeypatch):
    """No SANGO_* variables; site/user config files and the default data folder inside tmp_path."""
    monkeypatch.delenv("SANGO_DATA_DIR", raising=False)
    monkeypatch.delenv("SANGO_CONFIG", raising=False)
    site = tmp_path / "site" / "config.toml"
    user = tmp_path / "user" / "config.toml"
    default = tmp_path / "default-data"
    monkeypatch.setattr(paths, "_site_config_file", lambda: site)
    monkeypatch.setattr(paths, "_user_config_file", lambda: user)
    monkeypatch.setattr(paths, "_default_data_dir", lambda: default)
    return site, user, default


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_default_is_platform_user_data_dir_and_is_created(dirs):
    _, _, default = dirs
    assert not default.exists()
    assert data_dir() == default
    assert default.is_dir()
    assert config_file() is None
    assert config_value("language", "en") == "en"


def test_env_var_wins_over_every_config(dirs, tmp_path, monkeypatch):
    site, user, _ = dirs
    write(site, 'data_dir = "/nonexistent/site"\n')
    write(user, 'data_dir = "/nonexistent/user"\n')
    monkeypatch.setenv("SANGO_DATA_DIR", str(tmp_path / "from-env"))
    assert data_dir() == tmp_path / "from-env"
    assert (tmp_path / "from-env").is_dir()


def test_precedence_sango_config_then_site_then_user(dirs, tmp_path, monkeypatch):
    site, user, default = dirs
    write(user, f'data_dir = "{(tmp_path / "u").as_posix()}"\nlanguage = "ru"\n')
    assert data_dir() == tmp_path / "u"
    assert config_value("language") == "ru"

    write(site, f'data_dir = "{(tmp_path / "lab-share").as_posix()}"\nteacher_only_erase = true\n')
    assert config_file() == site
    assert data_dir() == tmp_path / "lab-share"  # the school-wide file applies to every account
    assert config_value("teacher_only_erase") is True
    assert config_value("language", "en") == "en"  # one config file is used, not a mix

    explicit = write(tmp_path / "elsewhere" / "sango.toml", 'language = "ar"\n')
    monkeypatch.setenv("SANGO_CONFIG", str(explicit))
    assert config_file() == explicit
    assert config_value("language") == "ar"
    assert data_dir() == default  # that file has no data_dir


def test_relative_data_dir_is_relative_to_the_config_file(dirs, tmp_path, monkeypatch):
    cfg = write(tmp_path / "conf" / "sango.toml", 'data_dir = "../progress-data"\n')
    monkeypatch.setenv("SANGO_CONFIG", str(cfg))
    monkeypatch.chdir(tmp_path / "conf")
    got = data_dir()
    assert got.resolve() == (tmp_path / "progress-data").resolve()
    assert got.is_absolute()


def test_unicode_folder_names(dirs, tmp_path, monkeypatch):
    cfg = write(tmp_path / "c.toml", 'data_dir = "مدرسة/进度/Прогресс"\n')
    monkeypatch.setenv("SANGO_CONFIG", str(cfg))
    assert data_dir() == tmp_path / "مدرسة" / "进度" / "Прогресс"


@pytest.mark.parametrize("text, problem", [
    ('data_dir = "unterminated\n', "not valid TOML"),
    ("data_dir = 42\n", "'data_dir' must be a text string"),
    ('data_dir = "   "\n', "'data_dir' is empty"),
    ('[data_dir]\npath = "x"\n', "'data_dir' must be a text string"),
])
def test_bad_config_file_gives_clear_error(dirs, tmp_path, monkeypatch, text, problem):
    cfg = write(tmp_path / "bad.toml", text)
    monkeypatch.setenv("SANGO_CONFIG", str(cfg))
    with pytest.raises(ConfigError) as info:
        data_dir()
    msg = str(info.value)
    assert str(cfg) in msg and problem in msg
    assert info.value.path == cfg
    assert info.value.__cause__ is None  # no chained traceback from deep inside tomllib


def test_bad_toml_names_the_line(dirs, tmp_path, monkeypatch):
    cfg = write(tmp_path / "bad.toml", 'language = "fr"\n\ndata_dir = = "x"\n')
    monkeypatch.setenv("SANGO_CONFIG", str(cfg))
    with pytest.raises(ConfigError, match=r"line 3"):
        config_value("language")


def test_not_utf8_config(dirs, tmp_path, monkeypatch):
    cfg = tmp_path / "latin1.toml"
    cfg.write_bytes('data_dir = "caf\xe9"\n'.encode("latin-1"))
    monkeypatch.setenv("SANGO_CONFIG", str(cfg))
    with pytest.raises(ConfigError, match="not UTF-8"):
        data_dir()


def test_bom_is_accepted(dirs, tmp_path, monkeypatch):
    cfg = tmp_path / "notepad.toml"  # Windows Notepad may save with a byte-order mark
    cfg.write_bytes(b"\xef\xbb\xbf" + b'language = "es"\n')
    monkeypatch.setenv("SANGO_CONFIG", str(cfg))
    assert config_value("language") == "es"


def test_missing_explicit_config_is_an_error(dirs, tmp_path, monkeypatch):
    monkeypatch.setenv("SANGO_CONFIG", str(tmp_path / "typo.toml"))
    with pytest.raises(ConfigError, match="does not exist"):
        data_dir()
    monkeypatch.setenv("SANGO_CONFIG", str(tmp_path))
    with pytest.raises(ConfigError, match="not a file"):
        config_value("language")


def test_bad_site_config_is_reported_even_with_a_good_user_config(dirs, tmp_path):
    site, user, _ = dirs
    write(site, "data_dir = [1, 2]\n")
    write(user, f'data_dir = "{(tmp_path / "u").as_posix()}"\n')
    with pytest.raises(ConfigError) as info:
        data_dir()
    assert str(site) in str(info.value)


def test_data_dir_blocked_by_a_file(dirs, tmp_path, monkeypatch):
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    monkeypatch.setenv("SANGO_DATA_DIR", str(blocker))
    with pytest.raises(DataDirError, match="in the way"):
        data_dir()
    monkeypatch.setenv("SANGO_DATA_DIR", str(blocker / "sub"))
    with pytest.raises(DataDirError, match="cannot be created"):
        data_dir()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are the Linux convention")
def test_real_platform_folders_follow_xdg(tmp_path, monkeypatch):
    monkeypatch.delenv("SANGO_DATA_DIR", raising=False)
    monkeypatch.delenv("SANGO_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc-xdg"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home-data"))
    assert data_dir() == tmp_path / "home-data" / "sango-game"
    write(tmp_path / "home-config" / "sango-game" / "config.toml", 'data_dir = "mine"\n')
    assert data_dir() == tmp_path / "home-config" / "sango-game" / "mine"
    write(tmp_path / "etc-xdg" / "sango-game" / "config.toml", f'data_dir = "{(tmp_path / "lab").as_posix()}"\n')
    assert data_dir() == tmp_path / "lab"


def test_progress_store_uses_data_dir_and_config_journal_mode(dirs, tmp_path, monkeypatch):
    from sango_game.progress import ProgressStore

    cfg = write(tmp_path / "c.toml", 'data_dir = "share"\njournal_mode = "delete"\n')
    monkeypatch.setenv("SANGO_CONFIG", str(cfg))
    with ProgressStore.open() as store:
        assert store.path == tmp_path / "share" / "progress.sqlite3"
        assert store.journal_mode == "delete"
        store.create_profile("Ada", "cat")
    assert (tmp_path / "share" / "progress.sqlite3").is_file()
    assert not (tmp_path / "share" / "progress.sqlite3-wal").exists()


def test_bad_journal_mode_in_config(dirs, tmp_path, monkeypatch):
    from sango_game.progress import ProgressStore

    cfg = write(tmp_path / "c.toml", 'journal_mode = "fast"\n')
    monkeypatch.setenv("SANGO_CONFIG", str(cfg))
    with pytest.raises(ConfigError, match="'journal_mode' must be one of wal, delete"):
        ProgressStore.open()


@pytest.mark.parametrize("xdg,home", [
    (None, "keep"), ("/tmp/sango-xdg-cache", "keep"), ("", "keep"), ("relative/cache", "keep"), ("  ", "keep"),
    (None, "/home/someone/"), (None, "relative-home"), (None, None), ("/tmp/x", None),
])
def test_the_cache_config_and_data_folders_are_the_ones_platformdirs_gives(monkeypatch, xdg, home):
    """The cache, config and data folders are worked out without importing platformdirs in the common
    Linux cases (the title's first frame reads the cache); they must be the folders platformdirs names."""
    import platformdirs

    for var, value in (("XDG_CACHE_HOME", xdg), ("XDG_CONFIG_HOME", xdg), ("XDG_CONFIG_DIRS", xdg), ("XDG_DATA_HOME", xdg),
                       ("HOME", home)):
        if value is None:
            monkeypatch.delenv(var, raising=False)
        elif value != "keep":
            monkeypatch.setenv(var, value)

    def reference(fn):
        try:
            return Path(fn(paths.APP_NAME))
        except RuntimeError:  # newer platformdirs: no home folder can be found at all
            return None

    cache = reference(platformdirs.user_cache_dir)
    assert paths.cache_dir("frames") == (cache / "frames" if cache else None)
    if cache is not None:
        assert paths._user_config_file() == reference(platformdirs.user_config_dir) / paths.CONFIG_NAME
        assert paths._default_data_dir() == reference(platformdirs.user_data_dir)
    assert paths._site_config_file() == reference(platformdirs.site_config_dir) / paths.CONFIG_NAME
    if xdg is not None and xdg.startswith("/"):
        assert cache == Path(xdg) / paths.APP_NAME  # the case really was one the fast path takes
