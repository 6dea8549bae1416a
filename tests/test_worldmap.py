"""The world map: pure state (stops, reading path, arrows, roads) and the scene driven by actions."""

from pathlib import Path

import pytest

from sango_game.core.worldmap import (
    PLACES,
    STOPS,
    LevelPip,
    Location,
    WorldMap,
    build_locations,
    point_on_road,
    stop_positions,
    walk_seconds,
)
from sango_game.input import Act, Action

ROOT = Path(__file__).resolve().parent.parent


def _grid(n=6):
    # Two rows of three, road order as on the maps: a snake.
    spots = [(0.1, 0.2), (0.5, 0.2), (0.9, 0.2), (0.9, 0.6), (0.5, 0.6), (0.1, 0.6)][:n]
    return WorldMap("9-12", [Location(f"t{i}", "house", x, y) for i, (x, y) in enumerate(spots)])


def test_tab_order_follows_the_road_and_wraps():
    w = _grid()
    assert [w.step_along(1)] == [1]
    w.current = 5
    assert w.step_along(1) == 0 and w.step_along(-1) == 4


def test_arrows_pick_the_nearest_place_in_that_direction():
    w = _grid()
    assert w.neighbour("forward") == 1
    assert w.neighbour("down") == 5  # straight below, not the diagonal one
    assert w.neighbour("backward") is None and w.neighbour("up") is None  # at the edge: stay
    w.current = 3
    assert w.neighbour("backward") == 4 and w.neighbour("up") == 2


def test_move_returns_the_road_through_the_stops_between():
    w = _grid()
    road = w.move_to(3)
    assert w.current == 3 and len(road) == 4 and road[0] == (0.1, 0.2) and road[-1] == (0.9, 0.6)
    assert w.move_to(3) == []  # staying is not a walk
    assert w.move_to(0)[-1] == (0.1, 0.2)
    assert point_on_road(road, 0) == road[0] and point_on_road(road, 1) == road[-1]
    mid = point_on_road([(0.0, 0.0), (1.0, 0.0)], 0.5)
    assert mid == pytest.approx((0.5, 0.0))
    assert 0 < walk_seconds(road) <= 1.0 and walk_seconds(road[:1]) == 0


def test_each_band_has_a_stop_and_a_place_for_every_topic(fixture_catalog):
    from sango_game.content import load_catalog

    catalog = load_catalog()
    for band, n in (("9-12", 11), ("13-18", 23)):
        topics = catalog.band_topics(band)
        assert len(topics) == n == len(STOPS[band])
        for t in topics:
            assert t.id in PLACES
            assert (ROOT / "assets" / "world" / "places" / f"{PLACES[t.id]}.svg").exists()
        assert (ROOT / "assets" / "world" / f"map-{band}.svg").exists()
    # More topics than drawn stops: every place still gets its own spot.
    spots = stop_positions("9-12", 30)
    assert len(set(spots)) == 30


def test_locations_carry_stars_badge_and_lock():
    pips = {"a": [LevelPip("a1", "quiz", 3, True, True), LevelPip("a2", "scenario", 1, True, True)],
            "b": [LevelPip("b1", "quiz", 0, False, False)]}
    locs = build_locations("9-12", ["a", "hidden", "b"], pips, {"topic:9-12:a"})
    assert [loc.topic for loc in locs] == ["a", "b"]
    a, b = locs
    assert (a.stars, a.max_stars, a.badge, a.locked, a.done) == (4, 6, True, False, True)
    assert b.locked and not b.badge
    assert (b.x, b.y) == STOPS["9-12"][2]  # a hidden topic keeps its stop: places never move


@pytest.fixture
def app(tmp_path):
    from sango_game.app import App

    a = App(size=(1024, 600), language="en", data_dir=tmp_path / "data", speech=False, audio=False)
    yield a
    a.shutdown()


def _open(app, band="9-12"):
    from sango_game.scenes.worldmap import WorldMapScene

    scene = WorldMapScene(app, band)
    app.stack.push(scene)
    app.step()
    return scene


def test_keyboard_walks_and_enter_opens_the_topic(app):
    scene = _open(app)
    assert scene.world.current == 0 and scene.focus.focused.index == 0
    app.step([Action(Act.FORWARD)])
    assert scene.world.current == 1 and scene.walk_t < 1.0  # walking
    assert app.step(dt=0.05)  # frames are drawn while Sango walks
    for _ in range(80):
        app.step(dt=0.05)
    assert scene.walk_t == 1.0 and not app.step()  # arrived: an idle map draws nothing
    app.step([Action(Act.FOCUS_NEXT)])
    assert scene.world.current == 2
    app.step([Action(Act.CONFIRM)])
    assert app.stack.top.name == "topic" and app.stack.top.topic.id == scene.world.locations[2].topic
    app.step([Action(Act.BACK)])
    assert app.stack.top is scene and scene.world.current == 2  # back where Sango was


def test_tab_reaches_the_buttons_and_the_topic_list(app):
    scene = _open(app)
    for _ in range(len(scene.world.locations)):
        app.step([Action(Act.FOCUS_NEXT)])
    assert scene.focus.focused.name == "go-in"
    app.step([Action(Act.FOCUS_NEXT), Action(Act.CONFIRM)])
    assert app.stack.top.name == "levelmap"  # the old topic cards stay reachable


def test_reduced_motion_jumps(app):
    app.apply_settings({"reduced_motion": True})
    scene = _open(app)
    app.step([Action(Act.DOWN)])
    assert scene.world.current != 0 and scene.walk_t == 1.0
    assert not app.step()


def test_click_walks_then_a_second_click_goes_in(app):
    scene = _open(app, "13-18")
    target = scene.focus.widgets[5]
    app.step(Action.click(target.rect.center))
    assert scene.world.current == 5 and app.stack.top is scene
    for _ in range(40):
        app.step(dt=0.05)
    app.step(Action.click(target.rect.center))
    assert app.stack.top.name == "topic"


def test_arabic_mirrors_the_map_and_the_arrows(tmp_path):
    from sango_game.app import App
    from sango_game.scenes.worldmap import WorldMapScene

    rects = {}
    for code in ("en", "ar"):
        app = App(size=(1280, 720), language=code, data_dir=tmp_path / code, speech=False, audio=False)
        scene = WorldMapScene(app, "9-12")
        app.stack.push(scene)
        app.step()
        rects[code] = [w.rect.centerx for w in scene.focus.widgets[:3]]
        # The input layer turns Left into FORWARD in Arabic; forward is the next place on the road.
        if code == "ar":
            app.step([Action(Act.FORWARD)])
            assert scene.world.current == 1 and rects["ar"][1] < rects["ar"][0]
        app.shutdown()
    assert rects["en"][0] < rects["en"][1] < rects["en"][2]
    assert [1280 - x for x in rects["ar"]] == pytest.approx(rects["en"], abs=2)


def test_teen_band_gets_the_teen_look_and_leaving_restores_it(app):
    _open(app, "13-18")
    assert app.theme.teen and app.theme.colors.bg != (232, 246, 245)
    app.step([Action(Act.BACK)])
    assert not app.theme.teen
