"""Where Sango keeps its progress data, and the optional configuration file.

Precedence for the data folder (first match wins):

1. the environment variable ``SANGO_DATA_DIR``;
2. the key ``data_dir`` in the configuration file, which is the first file that exists of:
   the path in the environment variable ``SANGO_CONFIG``,
   ``<site config dir>/sango-game/config.toml`` (one file for every account of a computer,
   e.g. ``/etc/xdg/sango-game/config.toml`` or ``C:\\ProgramData\\sango-game\\config.toml``,
   so a school lab can point every account to a shared folder),
   ``<user config dir>/sango-game/config.toml``;
3. the per-user data folder of the platform (``platformdirs.user_data_dir("sango-game")``).

The configuration file is TOML with top-level keys, for example::

    data_dir = "//labserver/sango"   # a relative path is relative to this file
    language = "fr"
    teacher_only_erase = true

No pygame here, and nothing touches the network.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

APP_NAME = "sango-game"
ENV_DATA_DIR = "SANGO_DATA_DIR"
ENV_CONFIG = "SANGO_CONFIG"
CONFIG_NAME = "config.toml"

__all__ = ["APP_NAME", "ENV_CONFIG", "ENV_DATA_DIR", "ConfigError", "DataDirError", "cache_dir", "config_file",
           "config_value", "data_dir", "load_config"]


class ConfigError(Exception):
    """The configuration file cannot be used. The message names the file and what is wrong with it."""

    def __init__(self, path: Path | str, problem: str):
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"Sango configuration file {self.path}: {problem}")


class DataDirError(OSError):
    """The data folder cannot be created or is not a folder."""


# Small indirections so that tests (and unusual platforms) can substitute the platform folders.
# The cache is read before the title's first frame (the kept frame, a catalog's remembered digest),
# the lab's config file and the data folder right after it; importing platformdirs costs a start a
# few milliseconds.
# So on Linux, in the common cases, the folders are worked out here by the XDG rule platformdirs
# follows; anything else asks platformdirs itself, which stays the reference (a test compares both).
def _plain_linux() -> bool:
    return sys.platform == "linux" and not os.environ.get("ANDROID_DATA") and not hasattr(sys, "getandroidapilevel")


def _xdg_folder(var: str, default: str) -> str | None:
    """``platformdirs``' folder for ``var`` (``XDG_CACHE_HOME``...): ``$var`` when it is an absolute
    path, else ``default`` (``~/.cache``...) under an absolute ``$HOME``; None when not sure."""
    if not _plain_linux():
        return None
    value = os.environ.get(var, "")
    if os.path.isabs(value):
        return os.path.join(value, APP_NAME)
    if not value and os.path.isabs(os.environ.get("HOME", "")):
        return os.path.join(os.path.expanduser(default), APP_NAME)
    return None


def _site_config_file() -> Path:
    if _plain_linux() and not os.environ.get("XDG_CONFIG_DIRS"):
        return Path("/etc/xdg", APP_NAME, CONFIG_NAME)
    import platformdirs

    return Path(platformdirs.site_config_dir(APP_NAME)) / CONFIG_NAME


def _user_folder(kind: str, var: str, default: str) -> str:
    """The per-user ``kind`` folder ("config", "cache", "data"): by the XDG rule where that is sure,
    else platformdirs' ``user_<kind>_dir``."""
    folder = _xdg_folder(var, default)
    if folder is None:
        import platformdirs

        folder = getattr(platformdirs, f"user_{kind}_dir")(APP_NAME)
    return folder


def _user_config_file() -> Path:
    return Path(_user_folder("config", "XDG_CONFIG_HOME", "~/.config")) / CONFIG_NAME


def _user_cache_root() -> str:
    return _user_folder("cache", "XDG_CACHE_HOME", "~/.cache")


def cache_dir(part: str) -> Path | None:
    """``part`` of the per-user cache folder (compiled catalogs, kept title frames): things the game
    can always make again, so never in the data folder. None if the platform gives no such folder."""
    try:
        return Path(_user_cache_root()) / part
    except Exception:  # noqa: BLE001  (no cache is only slower)
        return None


def _default_data_dir() -> Path:
    return Path(_user_folder("data", "XDG_DATA_HOME", "~/.local/share"))


def config_file() -> Path | None:
    """The configuration file in use, or None when there is none.

    ``SANGO_CONFIG`` is an explicit request: if it names a file that does not exist, that is an
    error (a typo should not silently fall back to another folder for the children's progress).
    """
    explicit = os.environ.get(ENV_CONFIG, "").strip()
    if explicit:
        path = Path(explicit).expanduser()
        if not path.exists():
            raise ConfigError(path, f"the file does not exist (it is named by the environment variable {ENV_CONFIG})")
        if not path.is_file():
            raise ConfigError(path, f"this is not a file (it is named by the environment variable {ENV_CONFIG})")
        return path
    for path in (_site_config_file(), _user_config_file()):
        if path.is_file():
            return path
    return None


def load_config(path: Path | None = None) -> dict[str, Any]:
    """The parsed configuration (an empty dict when there is no configuration file)."""
    if path is None:
        path = config_file()
        if path is None:
            return {}
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(path, f"cannot be read ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(path, f"is not UTF-8 text (bad byte at position {exc.start})") from None
    try:
        import tomllib  # only when a config file exists: most computers have none

        return tomllib.loads(text)
    except ValueError as exc:  # tomllib.TOMLDecodeError is a ValueError
        raise ConfigError(path, f"is not valid TOML: {exc}") from None


def config_value(key: str, default: Any = None) -> Any:
    """One top-level value of the configuration file (``language``, ``teacher_only_erase``...)."""
    return load_config().get(key, default)


def _configured_data_dir() -> Path | None:
    env = os.environ.get(ENV_DATA_DIR, "").strip()
    if env:
        return Path(env).expanduser()
    path = config_file()
    if path is None:
        return None
    value = load_config(path).get("data_dir")
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigError(path, f"'data_dir' must be a text string (a folder path), not {type(value).__name__}")
    if not value.strip():
        raise ConfigError(path, "'data_dir' is empty; give a folder path or remove the line")
    if "\x00" in value:
        raise ConfigError(path, "'data_dir' contains a NUL character")
    folder = Path(os.path.expandvars(value.strip())).expanduser()
    if not folder.is_absolute():
        folder = path.resolve().parent / folder
    return folder


def data_dir() -> Path:
    """The folder for profiles and progress; created if needed."""
    folder = _configured_data_dir() or _default_data_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise DataDirError(f"The Sango data folder {folder} cannot be used: a file with that name is in the way"
                           ) from None
    except OSError as exc:
        raise DataDirError(f"The Sango data folder {folder} cannot be created: {exc.strerror or exc}. Set "
                           f"{ENV_DATA_DIR} or 'data_dir' in the configuration file to a writable folder.") from None
    if not folder.is_dir():
        raise DataDirError(f"The Sango data folder {folder} is not a folder")
    return folder
