"""The lock file pins the whole dependency set of the test run, and the README uses it."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _name(req: str) -> str:
    return re.split(r"[\s<>=!~;\[]", req.strip(), maxsplit=1)[0].lower().replace("_", "-").replace(".", "-")


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements-lock.txt").read_text("utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        if m:
            pins[_name(m.group(1))] = m.group(2)
    return pins


def test_every_runtime_and_test_dependency_is_pinned():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    wanted = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    missing = wanted - set(_pins())
    assert not missing, f"not in requirements-lock.txt (refresh it, see README 'The lock file'): {sorted(missing)}"


def test_installed_versions_match_the_lock_when_installed_with_it():
    """Only meaningful in a venv made by the README command (as CI does); elsewhere it says so."""
    import os
    from importlib import metadata

    import pytest

    if not os.environ.get("CI"):
        pytest.skip("checked in CI, where the README's command installs with the lock")
    pins = _pins()
    wrong = {}
    for dist in metadata.distributions():
        name = _name(dist.metadata["Name"])
        if name in pins and dist.version != pins[name]:
            wrong[name] = (dist.version, pins[name])
    assert not wrong, wrong


def test_quick_start_has_two_commands_and_ci_runs_the_second():
    readme = (ROOT / "README.md").read_text("utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)\n```", quick.split("### ", 1)[0], re.S)
    assert len(blocks) == 2 and all("\n" not in b.strip() for b in blocks)
    assert "sango-game" in blocks[0] and "-c requirements-lock.txt" in blocks[1] and "pytest" in blocks[1]
    assert "blocks[1]" in (ROOT / ".ci" / "run").read_text("utf-8")
