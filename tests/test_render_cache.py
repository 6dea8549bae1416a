"""Render caches are bounded in bytes, with a budget that grows with the window; screens under
another one keep no window-sized pictures; another language's fonts are let go."""

import pygame
import pytest

from sango_game.text.cache import LRUCache


def _weighed(max_bytes, maxsize=100):
    return LRUCache(maxsize, max_bytes, weigh=len)


def test_least_recently_used_entries_go_past_the_byte_budget():
    c = _weighed(100)
    c.put("a", "x" * 40)
    c.put("b", "x" * 40)
    assert c.bytes == 80 and len(c) == 2
    assert c.get("a") is not None  # "a" is now the most recent
    c.put("c", "x" * 40)
    assert "b" not in c and "a" in c and "c" in c
    assert c.bytes == 80


def test_replacing_an_entry_counts_its_bytes_once():
    c = _weighed(100)
    c.put("a", "x" * 60)
    c.put("a", "x" * 30)
    assert c.bytes == 30 and len(c) == 1
    c.clear()
    assert c.bytes == 0 and len(c) == 0


def test_the_newest_entry_stays_even_when_bigger_than_the_budget():
    c = _weighed(100)
    c.put("a", "x" * 50)
    c.put("big", "x" * 500)
    assert list(c._data) == ["big"] and c.bytes == 500
    c.put("small", "x" * 10)  # the big one goes as soon as anything else comes
    assert "big" not in c and c.bytes == 10


def test_a_smaller_budget_evicts_at_once_and_the_entry_count_still_applies():
    c = _weighed(1000, maxsize=3)
    for k in "abcd":
        c.put(k, "x" * 100)
    assert list(c._data) == ["b", "c", "d"] and c.bytes == 300
    c.set_max_bytes(150)
    assert list(c._data) == ["d"] and c.bytes == 100


def test_budgets_need_a_weigh_function_and_a_positive_size():
    with pytest.raises(ValueError):
        LRUCache(10, max_bytes=100)
    with pytest.raises(ValueError):
        _weighed(0)
    with pytest.raises(ValueError):
        LRUCache(10).set_max_bytes(5)


def test_art_cache_stays_within_its_budget():
    from sango_game.art import Art

    art = Art(max_bytes=3 * 200 * 200 * 4)
    for size in range(150, 200, 5):
        art.get("sango/happy.svg", size)
    assert 0 < art.cache_bytes <= 3 * 200 * 200 * 4
    assert art.cache_bytes == sum(s.get_pitch() * s.get_height() for s in art._cache._data.values())


def test_text_render_cache_stays_within_its_budget():
    from sango_game.text import TextEngine

    engine = TextEngine()
    engine.set_budget(200_000)
    for i in range(60):
        engine.render(f"Hello number {i}, stay safe online", "en", 40, (0, 0, 0))
    assert 0 < engine.cache_bytes <= 200_000
    assert len(engine._renders) < 60


def test_budgets_grow_with_the_window(tmp_path):
    from sango_game.app import App

    app = App(size=(1024, 600), language="en", data_dir=tmp_path, speech=False, audio=False)
    small = (app.art._cache.max_bytes, app.text._renders.max_bytes)
    app.resize((1920, 1080))
    big = (app.art._cache.max_bytes, app.text._renders.max_bytes)
    assert big[0] == 4 * 1920 * 1080 * 4 and big[1] == 2 * 1920 * 1080 * 4
    assert small[0] < big[0] and small[1] < big[1]
    app.shutdown()


def test_a_world_map_under_another_screen_keeps_no_window_sized_picture(tmp_path):
    from sango_game.app import App

    app = App(size=(1280, 720), language="en", data_dir=tmp_path, speech=False, audio=False)
    world = app.push("worldmap", "9-12")
    app.step()
    assert world._layer is not None and world._layer.get_size() == (1280, 720) and world._panels
    app.push("levelmap", "9-12")  # an opaque screen on top: the map is not drawn
    for _ in range(3):
        app.step()
    assert world._layer is None and not world._panels
    app.stack.pop()
    app.step()
    assert world._layer is not None  # made again when it shows
    app.shutdown()


def test_a_world_map_keeps_only_a_few_place_panels(tmp_path):
    from sango_game.app import App
    from sango_game.input import Act, Action

    app = App(size=(1280, 720), language="en", data_dir=tmp_path, speech=False, audio=False)
    world = app.push("worldmap", "9-12")
    app.step()
    for _ in range(len(world.world.locations) + 2):
        app.step([Action(Act.FOCUS_NEXT)])
        for _ in range(200):
            if not app.step(dt=0.05):
                break
    kept = sum(p.get_width() * p.get_height() * 4 for p in world._panels.values())
    assert 1 < len(world._panels) < len(world.world.locations) and kept <= world.panel_budget()
    app.shutdown()


def test_choosing_another_language_lets_the_old_fonts_go(tmp_path):
    from sango_game.app import App

    app = App(size=(1280, 720), language="zh_Hans", data_dir=tmp_path, speech=False, audio=False)
    app.step()
    chinese = {key[0] for key in app.text._fonts if "NotoSansSC" in key[0]}
    assert chinese
    app.set_language("en")
    app.step()
    now = {key[0] for key in app.text._fonts}
    assert now and not (now & chinese)  # the English screen loaded its own fonts only
    assert pygame.display.get_surface() is not None
    app.shutdown()
