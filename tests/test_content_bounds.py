"""The level checker against hostile or clumsy files: bounded time and memory, clear errors, no traceback."""

import json
import os
import subprocess
import sys
import textwrap
import tracemalloc

import pytest

from sango_game.content import load_catalog, load_level
from sango_game.content.catalog import level_files
from sango_game.resources import asset_path

from .test_content import quiz, topics, write


def billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [{', '.join('*' + prev for _ in range(9))}]")
    return "\n".join(lines) + "\n"


HOSTILE = {
    "alias-bomb": billion_laughs(),
    "deep-flow": "[" * 400_000,
    "deep-block": "- " * 200_000 + "x\n",
    "many-nodes": "questions:\n" + "  - x\n" * 80_000,
    "huge-int": "order: " + "9" * 5000 + "\n",
}

# Runs in a child process limited to 1 GB of address space: a level file must be checked within that.
CHILD = """
import json, resource, sys, time
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
from sango_game.content import load_level
t = time.perf_counter()
res = load_level(Path(sys.argv[1]))
print(json.dumps({"seconds": time.perf_counter() - t, "issues": [i.format() for i in res.issues]}))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_AS is POSIX")
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_checked_in_under_a_second_and_1gb(tmp_path, name):
    p = tmp_path / f"k-{name}.yaml"
    p.write_text(HOSTILE[name], encoding="utf-8")
    try:
        out = subprocess.run([sys.executable, "-c", CHILD, str(p)], capture_output=True, text=True, timeout=60,
                             env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    except subprocess.TimeoutExpired:
        pytest.fail(f"checking {name} did not finish in 60 s")
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout)
    assert result["seconds"] < 1.0, result
    assert result["issues"] and all("error:" in i and "fix:" in i for i in result["issues"]), result
    assert "Traceback" not in out.stderr


def test_alias_is_refused_with_line_and_fix(tmp_path):
    res = load_level(write(tmp_path, "k-x-quiz", billion_laughs()), topics())
    assert res.level is None
    [issue] = res.issues
    assert issue.line == 1 and "alias" in issue.message and "in full" in issue.fix


def test_huge_integer_is_a_clear_error(tmp_path):
    text = quiz().replace("order: 1", "order: " + "1" * 4400)
    res = load_level(write(tmp_path, "k-x-quiz", text), topics())
    assert res.level is None
    assert res.issues[0].line == 5 and "too long" in res.issues[0].message


def test_size_is_checked_before_reading(tmp_path):
    p = tmp_path / "k-big-quiz.yaml"
    with p.open("wb") as f:
        f.truncate(64 * 1024 * 1024)  # sparse: costs no disk
    tracemalloc.start()
    try:
        res = load_level(p, topics())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert res.level is None and "too big" in res.issues[0].message
    assert peak < 4 * 1024 * 1024, peak


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_blocking(tmp_path):
    p = tmp_path / "k-fifo-quiz.yaml"
    os.mkfifo(p)
    res = load_level(p, topics())  # would block forever if opened for reading
    assert "not a regular file" in res.issues[0].message


@pytest.mark.parametrize("image", ["data:image/png;base64,iVBORw0KGgo=", "illustrations/a\x00b.svg",
                                   "a/" * 3000 + "x.svg", "../../etc/passwd", "https://example.org/x.png"])
def test_hostile_image_fields_are_clear_errors(tmp_path, image):
    text = quiz().replace("    prompt: P\n", f"    prompt: P\n    image: {json.dumps(image)}\n", 1)
    res = load_level(write(tmp_path, "k-x-quiz", text), topics(), asset_path())
    assert res.level is None
    msgs = [i.format() for i in res.issues]
    assert len(msgs) == 1 and "image" in msgs[0] and "fix:" in msgs[0], msgs
    assert "\x00" not in msgs[0] and len(msgs[0]) < 400, msgs


def test_folder_check_reports_every_file_in_order_as_it_goes(tmp_path, capsys, monkeypatch):
    from sango_game.cli import main
    from sango_game.content import catalog as catalog_mod

    root = tmp_path / "levels" / "9-12"
    root.mkdir(parents=True)
    (root / "k-a-quiz.yaml").write_text(billion_laughs(), encoding="utf-8")
    bad_image = quiz().replace("    prompt: P\n", "    prompt: P\n    image: " + "a" * 6000 + "\n", 1)
    (root / "k-b-quiz.yaml").write_text(bad_image.replace("k-x-quiz", "k-b-quiz"), encoding="utf-8")
    (root / "k-c-quiz.yaml").write_text("order: " + "7" * 5000 + "\n", encoding="utf-8")
    (root / "k-d-quiz.yaml").write_text("id: k-d-quiz\n", encoding="utf-8")
    (root / "k-e-quiz.yaml").write_text(quiz().replace("k-x-quiz", "k-e-quiz"), encoding="utf-8")

    real = catalog_mod.load_level

    def explode_on_d(path, *a, **kw):
        if path.name == "k-d-quiz.yaml":
            raise RuntimeError("simulated loader bug")
        return real(path, *a, **kw)

    monkeypatch.setattr(catalog_mod, "load_level", explode_on_d)
    seen: list[str] = []
    load_catalog(tmp_path / "levels", on_file=lambda shown, issues: seen.append(shown))
    assert [s.rsplit("/", 1)[-1] for s in seen] == [p.name for p in level_files(tmp_path / "levels")]

    assert main(["check", str(tmp_path / "levels")]) == 1
    out = capsys.readouterr().out
    for name in ("k-a-quiz", "k-b-quiz", "k-c-quiz", "k-d-quiz"):
        assert f"{name}.yaml" in out, out
    assert "k-e-quiz.yaml" not in out and "checked 5 level files" in out
    assert "simulated loader bug" in out and "Traceback" not in out


def test_missing_colon_is_reported_on_its_own_line(tmp_path):
    text = quiz().replace("title: T\n", "title T\n")
    res = load_level(write(tmp_path, "k-x-quiz", text), topics())
    line = text.splitlines().index("title T") + 1
    assert res.issues[0].line == line and "':'" in res.issues[0].fix, res.issues[0].format()
    text = quiz().replace("    prompt: P\n", "    prompt P\n", 1)
    res = load_level(write(tmp_path, "k-x-quiz", text), topics())
    line = text.splitlines().index("    prompt P") + 1
    assert res.issues[0].line == line, res.issues[0].format()


def test_unquoted_off_is_quoted_back_as_written(tmp_path):
    text = quiz().replace("text: B,", "text: off,", 1)
    res = load_level(write(tmp_path, "k-x-quiz", text), topics())
    assert any('text: "off"' in i.fix for i in res.issues), [i.format() for i in res.issues]


@pytest.mark.parametrize("text", ["", "\n\n# only a comment\n", "---\n"])
def test_empty_file_is_called_empty(tmp_path, text):
    res = load_level(write(tmp_path, "k-x-quiz", text), topics())
    [issue] = res.issues
    assert issue.message == "the file is empty" and "NoneType" not in issue.format()


def test_quiz_with_empty_question_says_empty(tmp_path):
    text = quiz().replace("questions:\n", "questions:\n  -\n")
    res = load_level(write(tmp_path, "k-x-quiz", textwrap.dedent(text)), topics())
    assert any("is empty" in i.message and "NoneType" not in i.message for i in res.issues)
