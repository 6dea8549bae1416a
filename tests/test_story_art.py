"""Story scenes and portraits: every scene and character has art, the checker validates scene:."""

from pathlib import Path

import pytest

from sango_game.content import load_catalog
from sango_game.content.loader import load_level
from sango_game.content.scenes import SCENES
from sango_game.ui.portraits import (
    EXPRESSIONS,
    MOOD_EXPRESSION,
    expression_for,
    known_names,
    portrait_svg,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def test_there_are_at_least_twelve_scenes_and_each_has_a_picture():
    assert len(SCENES) >= 12
    for name in SCENES:
        assert (ROOT / "assets" / "scenes" / f"{name}.svg").exists(), name


def test_every_named_character_has_its_own_portrait(catalog):
    names = {ch.name.source for lv in catalog.levels.values() for ch in lv.characters}
    assert names and names <= known_names(), sorted(names - known_names())
    faces = {portrait_svg(n, "happy") for n in names}
    assert len(faces) == len(names)  # no two people share a face (one person per name)
    assert "pixel-fox" not in portrait_svg("Amina")
    assert "#ff8a3c" in portrait_svg("PixelFox")  # PixelFox is a pixel fox, not a penguin


def test_people_have_three_expressions():
    assert set(MOOD_EXPRESSION.values()) == set(EXPRESSIONS)
    looks = {portrait_svg("Mei", m) for m in ("happy", "thinking", "worried")}
    assert len(looks) == 3
    assert expression_for(None) == "neutral" and expression_for("celebrating") == "happy"
    assert portrait_svg("Nobody at all") is None


def test_every_story_step_has_a_scene(catalog):
    missing = [(lv.id, n.id) for lv in catalog.levels.values() if lv.kind == "scenario" for n in lv.nodes if not n.scene]
    assert not missing
    used = {n.scene for lv in catalog.levels.values() for n in lv.nodes}
    assert len(used) >= 10


def test_checker_rejects_an_unknown_scene_and_applies_the_level_default(tmp_path):
    src = (ROOT / "levels" / "9-12" / "k-strangers-scenario.yaml").read_text(encoding="utf-8")
    path = tmp_path / "k-strangers-scenario.yaml"
    path.write_text(src.replace("scene: game-lobby", "scene: gamelobby", 1), encoding="utf-8")
    res = load_level(path)
    msgs = [i.message + " " + i.fix for i in res.issues]
    assert any("'gamelobby' is not a valid scene" in m and "game-lobby" in m for m in msgs)
    lines = [ln for ln in src.split("\n") if not ln.startswith("    scene:")]
    lines.insert(lines.index("start: offer"), "scene: park")
    path.write_text("\n".join(lines), encoding="utf-8")
    res = load_level(path)
    assert not [i for i in res.issues if i.severity == "error"]
    assert {n.scene for n in res.level.nodes} == {"park"}


def test_story_step_is_drawn_with_scene_and_portrait(tmp_path):
    import pygame

    from sango_game.app import App
    from sango_game.scenes.scenario import ScenarioScene

    app = App(size=(1280, 720), language="en", data_dir=tmp_path / "d", speech=False, audio=False)
    level = app.catalog.levels["k-strangers-scenario"]
    scene = ScenarioScene(app, level)
    app.stack.push(scene)
    app.step()
    # The stage (start side of the story panel) shows the game lobby's purple night, not a plain panel.
    body = scene.body_rect
    px = app.screen.get_at((body.x + scene.px(24), body.y + scene.px(24)))
    assert px[:3] == pygame.Color("#2b1d5a")[:3]
    app.shutdown()
