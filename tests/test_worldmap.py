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


def _declared(band):
    """Every topic levels/topics.yaml gives the band, with or without levels yet."""
    from sango_game.content import load_catalog

    return [t for t in load_catalog().topics.values() if band in t.bands]


@pytest.mark.parametrize("band", ["9-12", "13-18"])
def test_each_band_has_a_stop_a_place_and_an_icon_for_every_topic(band):
    topics = _declared(band)
    assert len(topics) == len(STOPS[band])
    assert len(set(STOPS[band])) == len(STOPS[band])
    for t in topics:
        assert t.id in PLACES
        assert (ROOT / "assets" / "world" / "places" / f"{PLACES[t.id]}.svg").exists()
        assert (ROOT / "assets" / "icons" / "topics" / f"{t.icon}.svg").exists()
    assert (ROOT / "assets" / "world" / f"map-{band}.svg").exists()
    # More topics than drawn stops: every place still gets its own spot.
    spots = stop_positions(band, len(STOPS[band]) + 13)
    assert len(set(spots)) == len(spots)


def test_the_mean_groups_and_online_hate_icons_differ():
    icons = ROOT / "assets" / "icons" / "topics"
    assert (icons / "mean-groups.svg").read_bytes() != (icons / "online-hate.svg").read_bytes()


def _road_points(band):
    """The end points of the road's segments in map fractions, and which segments are straight."""
    import re
    import xml.etree.ElementTree as ET

    svg = ET.parse(ROOT / "assets" / "world" / f"map-{band}.svg").getroot()
    road = next(el for el in svg.iter() if el.get("id") == "road")
    points, straight = [], []
    for cmd, args in re.findall(r"([MLC])([^MLC]*)", road.get("d")):
        nums = [float(n) for n in re.findall(r"-?[\d.]+", args)]
        points.append((nums[-2] / 1600, nums[-1] / 800))
        straight.append(cmd == "L")
    return points, straight


@pytest.mark.parametrize("band", ["9-12", "13-18"])
def test_the_drawn_road_passes_every_stop_in_order(band):
    """The SVG road runs 0.04-0.05 of the height below each stop, and meets them in road order."""
    points, straight = _road_points(band)
    along = []
    for x, y in STOPS[band]:
        hits = [i + abs(x - points[i - 1][0]) / max(1e-9, abs(points[i][0] - points[i - 1][0]))
                for i in range(1, len(points))
                if straight[i] and 0.039 <= points[i][1] - y <= 0.051 and points[i - 1][1] == points[i][1]
                and min(points[i - 1][0], points[i][0]) <= x <= max(points[i - 1][0], points[i][0])]
        assert len(hits) == 1, (x, y)
        along.append(hits[0])
    assert along == sorted(along) and len(set(along)) == len(along)


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


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)])
def test_places_and_their_tags_never_overlap(tmp_path, monkeypatch, size):
    """With every declared topic on the map (each locked, with three levels: the widest tag),
    no place overlaps another place or any tag, and no two tags overlap."""
    from sango_game.app import App
    from sango_game.scenes.worldmap import WorldMapScene

    def every_topic(scene):
        topics = [t.id for t in _declared(scene.band)]
        pips = [LevelPip(f"{k}", "quiz", 0, False, False) for k in range(3)]
        return build_locations(scene.band, topics, dict.fromkeys(topics, pips), set())

    monkeypatch.setattr(WorldMapScene, "_locations", every_topic)
    app = App(size=size, language="en", data_dir=tmp_path / "data", speech=False, audio=False)
    try:
        for band in ("9-12", "13-18"):
            scene = WorldMapScene(app, band)
            app.stack.push(scene)
            app.step()
            assert len(scene.world.locations) == len(STOPS[band])
            places = [scene.place_rect(loc) for loc in scene.world.locations]
            tags = [scene.plaque_rect(loc, r)[0] for loc, r in zip(scene.world.locations, places, strict=True)]
            assert all(scene.map_rect.contains(r) for r in places)
            for i, (place, tag) in enumerate(zip(places, tags, strict=True)):
                for j, (other, other_tag) in enumerate(zip(places, tags, strict=True)):
                    if i != j:
                        assert not place.colliderect(other), (band, i, j)
                        assert not tag.colliderect(other) and not tag.colliderect(other_tag), (band, i, j)
            app.stack.pop()
            app.step()
    finally:
        app.shutdown()


def test_teen_band_gets_the_teen_look_and_leaving_restores_it(app):
    _open(app, "13-18")
    assert app.theme.teen and app.theme.colors.bg != (232, 246, 245)
    app.step([Action(Act.BACK)])
    assert not app.theme.teen
