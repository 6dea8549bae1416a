"""Offline lab kit (``tools/build.py labkit``): one folder for a USB stick, for computers that have
Python 3.11 or newer but no internet.

    sango-labkit-<version>/
        wheels/            the Sango wheel + every dependency's wheel for each platform
        requirements.txt   the pinned runtime dependencies (from requirements-lock.txt)
        install.sh         Linux/macOS: a venv in ~/.local/share/sango-game-venv, a menu entry
        install.bat        Windows: a venv in %LOCALAPPDATA%\\sango-game\\venv, a Start-menu shortcut
        sango-game.svg, sango-game.png, sango-game.ico, README.txt

Wheels are downloaded once with ``pip download --only-binary=:all: --platform ... --python-version``
(PyPI is needed for that step only) into a cache folder and reused by later builds.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from build_icons import SVG, _png, write_ico

ROOT = Path(__file__).resolve().parent.parent
KIT = ROOT / "packaging" / "labkit"

# pip's --platform tags per target; pip also accepts the older macOS versions below each one.
PLATFORMS: dict[str, list[str]] = {
    "win_amd64": ["win_amd64"],
    "manylinux_x86_64": ["manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64"],
    "manylinux_aarch64": ["manylinux_2_28_aarch64", "manylinux_2_17_aarch64", "manylinux2014_aarch64"],
    "macos_arm64": ["macosx_14_0_arm64", "macosx_11_0_arm64"],
    "macos_x86_64": ["macosx_12_0_x86_64", "macosx_10_9_x86_64"],
}
PYTHON_VERSIONS = ("3.11", "3.12", "3.13")
WINDOWS_EXTRAS = ["pyttsx3"]  # speech on Windows (optional; install.bat adds it when present)


def current_platform() -> str:
    import platform

    machine = platform.machine().lower()
    if sys.platform == "win32":
        return "win_amd64"
    if sys.platform == "darwin":
        return "macos_arm64" if machine == "arm64" else "macos_x86_64"
    return "manylinux_aarch64" if machine in ("aarch64", "arm64") else "manylinux_x86_64"


def pinned_requirements() -> list[str]:
    """``name==version`` for each runtime dependency in pyproject.toml, as pinned in requirements-lock.txt."""
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    names = {_norm(re.split(r"[<>=!~;\[ ]", d, maxsplit=1)[0]) for d in deps}
    pins = {}
    for line in (ROOT / "requirements-lock.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;]+)", line)
        if m:
            pins[_norm(m.group(1))] = f"{m.group(1)}=={m.group(2)}"
    missing = names - set(pins)
    if missing:
        raise SystemExit(f"requirements-lock.txt has no pin for {', '.join(sorted(missing))}")
    return [pins[n] for n in sorted(names)]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _download(requirements: list[str], tags: list[str], py: str, dest: Path) -> None:
    cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--only-binary=:all:", "--implementation", "cp",
           "--python-version", py, "--dest", str(dest), "--constraint", str(ROOT / "requirements-lock.txt")]
    for tag in tags:
        cmd += ["--platform", tag]
    subprocess.run(cmd + requirements, check=True)


def build_labkit(out: Path, version: str, platforms: list[str] | None = None, cache: Path | None = None,
                 python_versions: tuple[str, ...] = PYTHON_VERSIONS) -> Path:
    platforms = platforms or list(PLATFORMS)
    unknown = set(platforms) - set(PLATFORMS)
    if unknown:
        raise SystemExit(f"unknown platform(s) {', '.join(sorted(unknown))}; choose from {', '.join(PLATFORMS)}")
    kit = out / f"sango-labkit-{version}"
    shutil.rmtree(kit, ignore_errors=True)
    wheels = kit / "wheels"
    wheels.mkdir(parents=True)
    cache = cache or ROOT / "build" / "labkit-wheels"
    requirements = pinned_requirements()
    for name in platforms:
        for py in python_versions:
            folder = cache / name / py
            stamp = folder / ".requirements"
            wanted = "\n".join(requirements + (WINDOWS_EXTRAS if name == "win_amd64" else []))
            if not (stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted):
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir(parents=True)
                _download(requirements, PLATFORMS[name], py, folder)
                if name == "win_amd64":
                    _download(WINDOWS_EXTRAS, PLATFORMS[name], py, folder)
                stamp.write_text(wanted, encoding="utf-8")
            for whl in folder.glob("*.whl"):
                if not (wheels / whl.name).exists():
                    shutil.copy2(whl, wheels / whl.name)
    build = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(wheels), str(ROOT)]
    try:
        import hatchling  # noqa: F401  (the test extra has it: build without fetching the build tools)

        build.insert(4, "--no-build-isolation")
    except ImportError:
        pass
    subprocess.run(build, check=True)
    (kit / "requirements.txt").write_text("\n".join(requirements) + "\n", encoding="utf-8")
    for script in ("install.sh", "install.bat", "README.txt"):
        shutil.copy2(KIT / script, kit / script)
    (kit / "install.sh").chmod(0o755)
    shutil.copyfile(SVG, kit / "sango-game.svg")
    (kit / "sango-game.png").write_bytes(_png(256))
    write_ico(kit / "sango-game.ico")
    return kit
