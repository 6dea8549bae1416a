"""Every screen in every language fits: no text leaves its box, at the normal window and at the
smallest supported window with the largest text size. Also: window sizes and crisp art.

The overflow check needs the text's measurements, not its pixels: the tour lays out, fits and reports
exactly as when drawing, but does not draw the glyphs (``TextEngine.glyphs = False``; that measuring
sees what drawing sees is tested in test_text_engine.py). Drawn glyphs are checked where pixels
matter: the 1920x1080 run below draws world maps, stories and feedback in every language, and the
partial-update tests compare drawn frames pixel for pixel."""

import pytest

from sango_game.i18n import LANGUAGES
from sango_game.screenshots import measuring_app, tour

CONFIGS = [((1280, 720), "normal"), ((1024, 600), "larger")]
CODES = [lang.code for lang in LANGUAGES]


@pytest.fixture(scope="session")
def game_catalog():
    """The game's levels, loaded once per test process (frozen dataclasses: nothing changes them)."""
    from sango_game.content import load_catalog

    return load_catalog()


@pytest.fixture(scope="session")
def game_art():
    """SVG art rasterised once per test process: every language at one window size draws the same
    pictures at the same sizes (the cache is keyed by file and size, so sizes never mix)."""
    from sango_game.art import Art

    return Art()


# Seconds one tour takes here (Arabic shaping is the slowest): the longest start first, and both sizes
# of a language run on one worker, which keeps the text it measured (conftest.py).
TOUR_SECONDS = {"ar": 12, "zh_Hans": 6, "ru": 5.5, "fr": 5, "es": 5, "en": 5}
TOURS = [pytest.param(code, size, text_size, id=f"{code}-{sid}",
                      marks=pytest.mark.heavy(TOUR_SECONDS.get(code, 8) * (1.45 if text_size == "larger" else 1), group=code))
         for code in CODES for (size, text_size), sid in zip(CONFIGS, ["1280x720", "1024x600-larger-text"], strict=True)]


@pytest.mark.parametrize("code,size,text_size", TOURS)
def test_no_text_overflows_on_any_screen(code, size, text_size, tmp_path, game_catalog, game_art):

    app = measuring_app(code, size, text_size, tmp_path / "data", game_catalog, game_art)
    from sango_game.helpline import set_helpline

    set_helpline(app, "Childline 116 111 or 0800 1111 (free, day and night)")  # the longest panel text
    problems: list[str] = []
    count = [0]
    seen: set[str] = set()

    def visit(name: str) -> None:
        count[0] += 1
        seen.add(name)
        for text, box, drawn in app.overflows:
            problems.append(f"{name}: {text[:70]!r} needs {drawn[2]}x{drawn[3]} in a {box[2]}x{box[3]} box")
        for text in app.text.overflows:
            problems.append(f"{name}: {text[:70]!r} does not fit even at the smallest size")
        app.overflows.clear()
        app.text.overflows.clear()

    # Each question at least twice (unanswered, then its feedback), each story step and each choice's consequence.
    levels = app.catalog.levels.values()
    least = sum(2 * len(lv.questions) for lv in levels if lv.kind == "quiz") + \
        sum(len(lv.nodes) + sum(len(n.choices) for n in lv.nodes) for lv in levels if lv.kind == "scenario")
    tour(app, visit)
    app.shutdown()
    if text_size == "normal":
        # The language's second tour (conftest runs both on one worker, larger text first): its
        # hundreds of thousands of measurements are of no use to the tests after it, whose garbage
        # collections, and the process's exit, would walk them all.
        from sango_game.text.engine import forget_measurements

        forget_measurements()
    assert count[0] > max(1500, least), "the tour must visit every question and scenario step"
    # The world maps while Sango walks and the stories with scenes are part of the tour in these sizes.
    assert {"worldmap-9-12-walking", "worldmap-13-18-last", "t-scams-quiz-results", "k-strangers-scenario-intro",
            "t-grooming-scenario-intro"} <= seen
    assert not problems, f"{len(problems)} overflow(s):\n" + "\n".join(sorted(set(problems))[:20])


@pytest.mark.heavy
@pytest.mark.parametrize("size,text_size", [((1920, 1080), "normal")], ids=["1920x1080"])
@pytest.mark.parametrize("code", CODES)
def test_world_maps_and_story_scenes_fit(code, size, text_size, tmp_path, game_catalog, game_art):
    """The new screens on their own in a full-HD window, glyphs drawn: both world maps while Sango walks,
    a story with scenes and portraits in each band, and a quiz's feedback panel in the teen look. (In
    the two other sizes the whole tour above visits the same screens.)"""
    from sango_game.app import App
    from sango_game.screenshots import tour_level, tour_world

    app = App(size=size, language=code, data_dir=tmp_path / "data", audio=False, speech=False, catalog=game_catalog)
    app.art = game_art
    app.apply_settings({"text_size": text_size, "language": code})
    problems: list[str] = []
    seen: list[str] = []

    def visit(name: str) -> None:
        seen.append(name)
        problems.extend(f"{name}: {t[:70]!r} needs {d[2]}x{d[3]} in a {b[2]}x{b[3]} box" for t, b, d in app.overflows)
        problems.extend(f"{name}: {t[:70]!r} does not fit even at the smallest size" for t in app.text.overflows)
        app.overflows.clear()
        app.text.overflows.clear()

    for band in ("9-12", "13-18"):
        tour_world(app, band, visit)
    for level_id in ("k-strangers-scenario", "t-grooming-scenario", "t-scams-quiz"):
        tour_level(app, app.catalog.levels[level_id], visit)
    app.shutdown()
    assert {"worldmap-9-12-walking", "worldmap-13-18-last", "t-scams-quiz-results"} <= set(seen)
    assert not problems, f"{len(problems)} overflow(s):\n" + "\n".join(sorted(set(problems))[:20])


def test_art_is_rendered_at_the_window_size(tmp_path):
    """SVG art is rasterised at the size needed, so it stays crisp when the window grows."""
    from sango_game.app import App

    app = App(size=(1024, 600), language="en", data_dir=tmp_path / "d", audio=False, speech=False)
    small = app.art.sango("happy", app.theme.px(150)).get_size()
    app.resize((1920, 1080))
    big = app.art.sango("happy", app.theme.px(150)).get_size()
    assert big[0] > small[0] * 1.6
    assert app.theme.body > 22 * 1.4
    app.shutdown()


def test_the_measuring_tour_fits_what_drawing_fits_and_draws_nothing(tmp_path, game_catalog, game_art):
    """The overflow tour's game (measuring_app) gets the same answers to the fits it asks as a game that
    draws, and leaves the window's pixels as they were (its clip is empty)."""
    import pygame

    from sango_game.app import App
    from sango_game.screenshots import tour_level
    from sango_game.text.engine import TextEngine

    real = TextEngine.fit
    levels = [game_catalog.levels[i] for i in ("k-strangers-scenario", "t-scams-quiz")]

    def fits_of(app) -> list:
        asked: list = []

        def fit(self, *args, **kwargs):
            asked.append((args, tuple(sorted(kwargs.items())), real(self, *args, **kwargs)))
            return asked[-1][-1]

        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(TextEngine, "fit", fit)
            for level in levels:
                tour_level(app, level, lambda name: None)
        return asked

    def magenta_pixels(screen) -> int:
        return pygame.mask.from_threshold(screen, (255, 0, 255), (1, 1, 1, 255)).count()

    def paint_magenta(screen) -> None:
        clip = screen.get_clip()
        screen.set_clip(None)
        screen.fill((255, 0, 255))
        screen.set_clip(clip)

    measuring = measuring_app("ar", (1024, 600), "larger", tmp_path / "m", game_catalog, game_art)
    paint_magenta(measuring.screen)
    measured = {(args, kw): got for args, kw, got in fits_of(measuring)}
    assert magenta_pixels(measuring.screen) == 1024 * 600
    overflows = list(measuring.overflows)
    measuring.shutdown()
    drawing = App(size=(1024, 600), language="ar", data_dir=tmp_path / "d", audio=False, speech=False, catalog=game_catalog)
    drawing.art = game_art
    drawing.apply_settings({"text_size": "larger", "language": "ar"})
    paint_magenta(drawing.screen)
    drawn = {(args, kw): got for args, kw, got in fits_of(drawing)}
    assert magenta_pixels(drawing.screen) < 1024 * 600 / 2
    both = measured.keys() & drawn.keys()  # answers are shuffled: a few texts are asked in one game only
    assert len(both) > 0.9 * max(len(measured), len(drawn)) > 200
    assert {k: measured[k] for k in both} == {k: drawn[k] for k in both}
    assert overflows == drawing.overflows
    drawing.shutdown()
