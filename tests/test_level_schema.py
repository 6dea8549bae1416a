"""The JSON Schema of the level format: every bundled level validates; unknown keys and wrong types
are refused, as the loader refuses them; the shipped file is the generated one."""

import copy
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from sango_game.content.catalog import level_files
from sango_game.content.loader import load_level
from sango_game.content.schema import level_schema, register_kind, schema_text
from sango_game.resources import levels_path

LEVELS = level_files(levels_path())
VALIDATOR = jsonschema.Draft7Validator(level_schema())
SAMPLE_PACK = Path(__file__).parent / "fixtures" / "sample-pack" / "levels"


def load(path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def test_schema_is_valid_and_the_shipped_file_is_current():
    jsonschema.Draft7Validator.check_schema(level_schema())
    assert levels_path("level.schema.json").read_text(encoding="utf-8") == schema_text(), \
        "run: sango-game schema > levels/level.schema.json"


@pytest.mark.parametrize("path", LEVELS + level_files(SAMPLE_PACK), ids=lambda p: p.stem)
def test_every_level_validates(path):
    errors = sorted(VALIDATOR.iter_errors(load(path)), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def _kinds():
    """The first level file of each kind, found by its top-level ``kind:`` line (collection runs in
    every test process: parsing all the YAML here took 0.6 s a process)."""
    import re

    seen = {}
    for path in LEVELS:
        m = re.search(r"^kind:\s*[\"']?(\w+)", path.read_text(encoding="utf-8"), re.M)
        seen.setdefault(m.group(1) if m else load(path)["kind"], path)
    assert {kind: load(path)["kind"] for kind, path in seen.items()} == {kind: kind for kind in seen}
    return sorted(seen.items())


@pytest.mark.parametrize("kind, path", _kinds())
def test_unknown_keys_and_wrong_types_are_refused_like_the_loader_does(kind, path, tmp_path):
    good = load(path)
    spoiled = {
        "unknown top key": lambda d: d.update(colour="blue"),
        "order as text": lambda d: d.update(order="first"),
        "band not quoted": lambda d: d.update(band=912),
        "title too long": lambda d: d.update(title="x" * 200),
        "discussion not a list": lambda d: d.update(discussion="Talk about it."),
    }
    if kind == "quiz":
        spoiled["unknown question key"] = lambda d: d["questions"][0].update(hint="no")
        spoiled["answer as text"] = lambda d: d["questions"][0].update(type="true_false", answer="yes", feedback="ok")
    elif kind == "scenario":
        spoiled["unknown node key"] = lambda d: d["nodes"][0].update(colour="red")
        spoiled["bad quality"] = lambda d: d["nodes"][0]["choices"][0].update(quality="great")
    for name, spoil in spoiled.items():
        data = copy.deepcopy(good)
        spoil(data)
        assert list(VALIDATOR.iter_errors(data)), f"schema accepted: {name}"
        bad = tmp_path / path.name
        bad.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        assert load_level(bad).errors, f"loader accepted: {name}"


def test_a_new_kind_adds_its_own_part(monkeypatch):
    from sango_game.content import schema

    monkeypatch.setattr(schema, "KIND_PARTS", dict(schema.KIND_PARTS))
    register_kind("practice", lambda: {"required": ["script"], "properties": {"script": {"type": "array"}}})
    s = level_schema()
    assert "practice" in s["properties"]["kind"]["enum"]
    practice = next(v for v in s["oneOf"] if v["properties"]["kind"] == {"const": "practice"})
    assert "script" in practice["required"] and "title" in practice["required"]
    assert json.dumps(s)  # still plain JSON
