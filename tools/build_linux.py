"""Linux packages from the onedir bundle: a tarball for one user, and a .deb (tools/build.py)."""
from pathlib import Path
def build_tarball(bundle: Path, out: Path, version: str) -> Path:
    raise NotImplementedError
def build_deb(bundle: Path, out: Path, version: str) -> Path:
    raise NotImplementedError
