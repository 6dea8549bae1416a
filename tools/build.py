"""Build Sango for computers without Python, and the offline lab kit.

    python tools/build.py bundle    # PyInstaller onedir bundle: dist/sango-game/ (this platform)
    python tools/build.py tarball   # Linux: dist/sango-game-<version>-linux-<arch>.tar.gz (+ install.sh)
    python tools/build.py deb       # Linux: dist/sango-game_<version>_<arch>.deb (dpkg-deb)
    python tools/build.py labkit    # dist/sango-labkit-<version>/: wheels for every platform + install scripts

Options: ``--out DIR`` (default ``dist/``), ``--work DIR`` (PyInstaller's work folder, default
``build/``), ``--reuse`` (tarball/deb: use an existing bundle instead of building again),
``--platforms`` (labkit: which platforms' wheels to download; default all five).
The Windows installer (packaging/windows/sango-game.iss) and the macOS app are built by
.github/workflows/bundles.yml on Windows and macOS runners.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from build_labkit import PYTHON_VERSIONS, build_labkit, current_platform  # noqa: E402
from build_linux import build_deb, build_tarball  # noqa: E402

NAME = "sango-game"


def version() -> str:
    """The version in sango_game/__init__.py (pyproject.toml reads it from there too: dynamic)."""
    import re

    text = (ROOT / "sango_game" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.M)
    if match is None:
        raise SystemExit("no __version__ in sango_game/__init__.py")
    return match.group(1)


def compile_catalogs(out: Path) -> list[Path]:
    """Every catalog compiled in the parts the game loads, into ``out/<lang>/LC_MESSAGES/``."""
    from sango_game.i18n import MO_NAMES, compile_po_bytes

    written = []
    for po in sorted((ROOT / "locales").glob("*/LC_MESSAGES/messages.po")):
        for part, name in MO_NAMES.items():
            target = out / po.relative_to(ROOT / "locales").with_name(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(compile_po_bytes(po, part))
            written.append(target)
    return written


def tree_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def build_bundle(out: Path, work: Path) -> Path:
    """PyInstaller onedir bundle in ``out/sango-game``; returns that folder."""
    mo_dir = Path(tempfile.mkdtemp(prefix="sango-mo-"))
    try:
        compile_catalogs(mo_dir)
        env = {**os.environ, "SANGO_MO_DIR": str(mo_dir), "SANGO_VERSION": version()}
        if sys.platform == "win32":  # also used by packaging/windows/sango-game.iss
            from build_icons import write_ico

            env["SANGO_ICON"] = str(write_ico(work / "sango-game.ico"))
        subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                        "--distpath", str(out), "--workpath", str(work), str(ROOT / "packaging" / "sango-game.spec")],
                       check=True, env=env, cwd=ROOT)
    finally:
        shutil.rmtree(mo_dir, ignore_errors=True)
    bundle = out / NAME
    shutil.copy2(ROOT / "LICENSE", bundle / "LICENSE")
    return bundle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/build.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("target", choices=["bundle", "tarball", "deb", "labkit"])
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller work folder (default: build/)")
    parser.add_argument("--reuse", action="store_true", help="tarball/deb: reuse an existing bundle in --out")
    parser.add_argument("--platforms", nargs="*", help="labkit: platforms to download wheels for (default: all; "
                        "'current' for this computer's only)")
    parser.add_argument("--python-versions", nargs="*", default=list(PYTHON_VERSIONS),
                        help=f"labkit: Python versions to download wheels for (default: {' '.join(PYTHON_VERSIONS)})")
    parser.add_argument("--wheel-cache", type=Path, help="labkit: folder of already downloaded wheels to reuse")
    parser.add_argument("--compression", default="xz", choices=["xz", "gzip", "zstd", "none"],
                        help="deb: dpkg-deb compression (default xz, readable by every dpkg)")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    if args.target == "labkit":
        platforms = [current_platform() if p == "current" else p for p in args.platforms or []]
        result = build_labkit(out, version(), platforms=platforms or None, cache=args.wheel_cache,
                              python_versions=tuple(args.python_versions))
    else:
        bundle = out / NAME
        if not (args.reuse and (bundle / NAME).exists()):
            bundle = build_bundle(out, args.work.resolve())
        if args.target == "bundle":
            result = bundle
        elif args.target == "tarball":
            result = build_tarball(bundle, out, version())
        else:
            result = build_deb(bundle, out, version(), args.compression)
    size = tree_size(result) if result.is_dir() else result.stat().st_size
    print(f"built {result} ({size / 1e6:.1f} MB) in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
