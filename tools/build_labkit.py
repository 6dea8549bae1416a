"""Offline lab kit (tools/build.py labkit)."""
from pathlib import Path
def build_labkit(out: Path, version: str, platforms=None, cache=None) -> Path:
    raise NotImplementedError
