"""Linux packages from the onedir bundle (``tools/build.py tarball|deb``).

* tarball: ``sango-game-<version>-linux-<arch>.tar.gz`` holding the bundle, the desktop entry,
  icons and AppStream metainfo under ``share/``, and ``install.sh``/``uninstall.sh`` for one user.
* deb: ``sango-game_<version>_<arch>.deb`` made with ``dpkg-deb`` (no debhelper): the bundle in
  ``/opt/sango-game``, the command ``/usr/bin/sango-game``, the desktop entry, hicolor icons (PNG
  sizes + SVG) and the metainfo under ``/usr/share``. No maintainer scripts: dpkg's triggers refresh
  the menu and icon caches, and ``apt remove`` deletes every file it installed.
"""

from __future__ import annotations

import platform
import shutil
import stat
import subprocess
import tarfile
import tempfile
from pathlib import Path

from build_icons import APP_ID, hicolor_icons

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
DEB_ARCH = {"x86_64": "amd64", "aarch64": "arm64", "armv7l": "armhf"}


def desktop_files(share: Path) -> None:
    """The menu entry, the AppStream metainfo and the icons under ``share/``."""
    (share / "applications").mkdir(parents=True, exist_ok=True)
    (share / "metainfo").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(LINUX / f"{APP_ID}.desktop", share / "applications" / f"{APP_ID}.desktop")
    shutil.copyfile(LINUX / f"{APP_ID}.metainfo.xml", share / "metainfo" / f"{APP_ID}.metainfo.xml")
    hicolor_icons(share)


def _tar_filter(info: tarfile.TarInfo) -> tarfile.TarInfo:
    # Reproducible, owner-neutral archive: whoever unpacks it owns the files.
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = 0o755 if info.isdir() or info.mode & stat.S_IXUSR else 0o644
    return info


def build_tarball(bundle: Path, out: Path, version: str) -> Path:
    top = f"sango-game-{version}-linux-{platform.machine()}"
    stage = Path(tempfile.mkdtemp(prefix="sango-tar-")) / top
    try:
        shutil.copytree(bundle, stage / "sango-game", symlinks=True)
        desktop_files(stage / "share")
        for script in ("install.sh", "uninstall.sh"):
            shutil.copy2(LINUX / script, stage / script)
            (stage / script).chmod(0o755)
        target = out / f"{top}.tar.gz"
        with tarfile.open(target, "w:gz", compresslevel=6) as tar:
            tar.add(stage, arcname=top, filter=_tar_filter)
    finally:
        shutil.rmtree(stage.parent, ignore_errors=True)
    return target


def _glibc_version() -> str:
    libc, ver = platform.libc_ver()
    return ver if libc == "glibc" and ver else "2.31"


def _normalize_modes(root: Path) -> None:
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir() or path.stat().st_mode & stat.S_IXUSR:
            path.chmod(0o755)
        else:
            path.chmod(0o644)


def build_deb(bundle: Path, out: Path, version: str, compression: str = "xz") -> Path:
    arch = DEB_ARCH.get(platform.machine(), platform.machine())
    stage = Path(tempfile.mkdtemp(prefix="sango-deb-"))
    try:
        shutil.copytree(bundle, stage / "opt" / "sango-game", symlinks=True)
        launcher = stage / "usr" / "bin" / "sango-game"
        launcher.parent.mkdir(parents=True)
        launcher.write_text('#!/bin/sh\nexec /opt/sango-game/sango-game "$@"\n', encoding="utf-8")
        launcher.chmod(0o755)
        desktop_files(stage / "usr" / "share")
        doc = stage / "usr" / "share" / "doc" / "sango-game"
        doc.mkdir(parents=True)
        (doc / "copyright").write_text(
            "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
            "Upstream-Name: sango-game\n\nFiles: *\nCopyright: The Sango contributors\n"
            "License: GPL-3.0-or-later\n See /usr/share/common-licenses/GPL-3.\n\n"
            "Files: opt/sango-game/_internal/sango_game/_data/assets/*\nCopyright: The Sango contributors\n"
            "License: CC-BY-4.0\n\nFiles: opt/sango-game/_internal/sango_game/_data/assets/fonts/*\n"
            "Copyright: Google LLC and the Noto project authors\nLicense: OFL-1.1\n", encoding="utf-8")
        _normalize_modes(stage)
        size_kb = sum(p.stat().st_size for p in stage.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
        control = stage / "DEBIAN" / "control"
        control.parent.mkdir()
        control.write_text(
            f"Package: sango-game\nVersion: {version}\nArchitecture: {arch}\n"
            "Maintainer: The Sango contributors <sango-game@users.noreply.github.com>\n"
            f"Installed-Size: {size_kb}\nDepends: libc6 (>= {_glibc_version()})\nRecommends: espeak-ng\n"
            "Section: games\nPriority: optional\n"
            "Description: offline game that teaches children and teens to stay safe online\n"
            " Sango helps children (9-12) and teens (13-18) learn to stay safe online, in Arabic,\n"
            " Chinese, English, French, Russian and Spanish, with quizzes and branching stories.\n"
            " It runs offline; progress stays on the computer. A teacher mode supports class play\n"
            " and lab sessions. This package carries its own Python runtime in /opt/sango-game.\n",
            encoding="utf-8")
        control.parent.chmod(0o755)
        target = out / f"sango-game_{version}_{arch}.deb"
        subprocess.run(["dpkg-deb", "--root-owner-group", f"-Z{compression}", "--build", str(stage), str(target)],
                       check=True, stdout=subprocess.DEVNULL)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return target
