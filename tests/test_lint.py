"""Lint and types as a gate: ruff and mypy, under the project's own configuration in pyproject.toml, find nothing.

Both run as separate processes from the project root, exactly as a contributor runs them (see CONTRIBUTING.md).
"""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec(tool) is None:
        pytest.skip(f"{tool} is not installed (it comes with the test extra: pip install -e '.[test]')")
    return subprocess.run([sys.executable, "-m", tool, *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing():
    done = _run("ruff", "check", "--no-cache", ".")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.heavy(6)  # seconds without a mypy cache (a fresh checkout)
def test_mypy_finds_nothing():
    # mypy's own cache (.mypy_cache) keeps repeated runs fast; the files to check come from pyproject.toml.
    done = _run("mypy")
    assert done.returncode == 0, done.stdout + done.stderr
