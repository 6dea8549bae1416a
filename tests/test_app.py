"""Drive the real app headless through input actions: menus, both level kinds, right and wrong answers."""

import socket

import pytest

from sango_game.autoplay import ScriptedPlayer
from sango_game.input import Act, Action
from tests.conftest import FIXTURES


@pytest.fixture
def app(fixture_catalog, tmp_path):
    from sango_game.app import App

    a = App(size=(1280, 720), language="en", catalog=fixture_catalog, data_dir=tmp_path / "data", speech=False, audio=False)
    yield a
    a.shutdown()


def names(app):
    return [s.name for s in app.stack]


def test_title_menu_to_level_map_with_keyboard(app):
    assert names(app) == ["title"]
    app.step([Action(Act.CONFIRM)])  # "Play" has focus
    assert app.stack.top.name == "profiles"
    # Create a player: focus "New player", type a nickname, create.
    app.step([Action(Act.CONFIRM)])
    assert app.stack.top.name == "new-profile"
    app.step([Action.type_text("Zoë 7")])
    app.step(Action.click(app.stack.top.focus.find("create").rect.center))
    assert app.stack.top.name == "band"
    assert app.profile.nickname == "Zoë 7"
    app.step([Action(Act.CONFIRM)])  # Ages 9-12
    assert app.stack.top.name == "worldmap"
    app.step([Action(Act.CONFIRM)])  # Sango stands at the first place: Enter goes in
    assert app.stack.top.name == "topic"
    app.step([Action(Act.BACK), Action(Act.BACK), Action(Act.BACK)])
    assert names(app)[-1] == "profiles"


def test_play_quiz_right_answers_gives_three_stars(app):
    lv = app.catalog.levels["k-passwords-quiz"]
    results = ScriptedPlayer(app).play_quiz(lv, right=True)
    assert results.stars == 3 and results.score == 1.0


def test_play_quiz_wrong_answers_shows_feedback_pages(app):
    lv = app.catalog.levels["k-passwords-quiz"]
    player = ScriptedPlayer(app)
    player.start_level(lv)
    q = lv.questions[0]
    player.answer_question(q, right=False)
    scene = app.stack.top
    assert scene.outcome.score == 0
    assert "Millions of people use this one" in scene.pages[0]  # the wrong choice's own feedback
    assert q.explain.source in scene.pages[-1] and len(scene.pages) <= 2  # at most two pages per answer
    player.finish_feedback()
    for q in lv.questions[1:]:
        player.answer_question(q, right=False)
        player.finish_feedback()
    assert app.stack.top.name == "results" and app.stack.top.stars == 1


def test_scenario_every_ending(app):
    lv = app.catalog.levels["k-strangers-scenario"]
    results = ScriptedPlayer(app).play_all_endings(lv)
    assert set(results) == {"end-good", "end-risky"}
    assert results["end-good"].stars >= 2


def test_progress_is_saved_per_profile(app):
    profile = app.store.create_profile("Kofi", "owl")
    from sango_game.scenes.profiles import select_profile

    select_profile(app, profile)
    ScriptedPlayer(app).play_quiz(app.catalog.levels["k-passwords-quiz"], right=True)
    res = app.store.level_results(profile.id)
    assert res["k-passwords-quiz"].best_stars == 3
    assert len(app.store.attempts(profile.id, "k-passwords-quiz")) == 5
    assert any(b.badge_id == "first-steps" for b in app.store.badges(profile.id))


def test_scenario_locked_until_quiz_done(app):
    from dataclasses import replace
    from types import SimpleNamespace

    from sango_game.scenes.levelmap import is_unlocked

    scen = replace(app.catalog.levels["k-strangers-scenario"], topic="passwords", id="k-passwords-scenario")
    app.catalog.levels[scen.id] = scen
    assert not is_unlocked(app, scen, {})
    assert is_unlocked(app, scen, {"k-passwords-quiz": SimpleNamespace(completed=True)})
    app.unlock_all = True
    assert is_unlocked(app, scen, {})


def test_mouse_clicks_work_like_keys(app):
    lv = app.catalog.levels["k-passwords-quiz"]
    player = ScriptedPlayer(app)
    player.start_level(lv)
    scene = app.stack.top
    right = scene.focus.find("choice-b")
    app.step(Action.click(right.rect.center))
    assert scene.outcome is not None and scene.outcome.correct


def test_touch_and_mouse_events_map_to_actions():
    import pygame

    from sango_game.input import InputMapper

    m = InputMapper(rtl=False)
    ev = pygame.event.Event(pygame.FINGERDOWN, x=0.5, y=0.25, touch_id=1, finger_id=1, dx=0, dy=0, pressure=1)
    assert m.map_event(ev, (1000, 800)) == [Action(Act.POINTER_DOWN, pos=(500, 200), touch=True)]
    synthetic = pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(1, 1), button=1, touch=True)
    assert m.map_event(synthetic, (1000, 800)) == []
    def key(k, mod=0):
        return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0)

    assert m.map_event(key(pygame.K_3), (1, 1)) == [Action(Act.CHOOSE, index=2)]
    assert m.map_event(key(pygame.K_RIGHT), (1, 1)) == [Action(Act.FORWARD)]
    assert m.map_event(key(pygame.K_ESCAPE), (1, 1)) == [Action(Act.BACK)]
    m.rtl = True
    m.map_event(pygame.event.Event(pygame.KEYUP, key=pygame.K_RIGHT, mod=0), (1, 1))  # released, pressed again
    assert m.map_event(key(pygame.K_RIGHT), (1, 1)) == [Action(Act.BACKWARD)]
    assert m.map_event(key(pygame.K_LEFT), (1, 1)) == [Action(Act.FORWARD)]


def test_idle_title_does_not_redraw(app):
    app.step()
    drawn = [app.step() for _ in range(30)]
    assert not any(drawn), "an idle menu must not redraw every frame"
    assert app.step([Action(Act.DOWN)]) is True


def test_no_network_during_full_playthrough(app, monkeypatch):
    attempts = []

    def forbidden(*args, **kwargs):
        attempts.append(args)
        raise AssertionError("Sango must never open a network socket")

    monkeypatch.setattr(socket, "socket", forbidden)
    monkeypatch.setattr(socket, "create_connection", forbidden)
    monkeypatch.setattr(socket, "getaddrinfo", forbidden)
    player = ScriptedPlayer(app)
    player.play_quiz(app.catalog.levels["k-passwords-quiz"], right=False)
    player.leave_results()
    player.play_all_endings(app.catalog.levels["k-strangers-scenario"])
    assert attempts == []


def test_resize_and_fullscreen_relayout(app):
    app.step([Action(Act.RESIZE, pos=(1920, 1080))])
    assert app.size == (1920, 1080)
    app.step([Action(Act.RESIZE, pos=(800, 500))])
    assert app.size == (1024, 600)  # never smaller than the supported minimum


def test_damaged_progress_file_is_set_aside_and_the_child_is_told(tmp_path, fixture_catalog):
    from sango_game.app import App

    data = tmp_path / "data"
    data.mkdir()
    (data / "progress.sqlite3").write_bytes(b"this is not a database" * 100)
    app = App(language="en", catalog=fixture_catalog, data_dir=data, speech=False, audio=False)
    app.step()
    app.step()
    assert app.stack.top.name == "message"
    assert "damaged" in app.stack.top.title_text
    assert list(data.glob("progress.sqlite3.damaged-*")), "the damaged file must be kept for the teacher"
    app.step([Action(Act.CONFIRM)])
    assert app.stack.top.name == "title"
    assert app.store.create_profile("Mei", "cat").nickname == "Mei"  # a working store again
    app.shutdown()


def test_broken_level_shows_a_notice_and_the_rest_still_plays(tmp_path):
    import shutil

    from sango_game.app import App
    from sango_game.content import load_catalog
    from sango_game.scenes.levelmap import LevelMapScene

    root = tmp_path / "levels"
    shutil.copytree(FIXTURES / "levels", root)
    (root / "9-12" / "k-scams-quiz.yaml").write_text("id: k-scams-quiz\nkind: quiz\nquestions: [\n", encoding="utf-8")
    app = App(language="en", catalog=load_catalog(root), data_dir=tmp_path / "d", speech=False, audio=False)
    drawn = []
    real = app.ui.text

    def spy(surface, text, *a, **k):
        drawn.append(text)
        return real(surface, text, *a, **k)

    app.ui.text = spy
    app.stack.push(LevelMapScene(app, "9-12"))
    app.step()
    assert any("could not be loaded and was skipped" in t for t in drawn)
    assert ScriptedPlayer(app).play_quiz(app.catalog.levels["k-passwords-quiz"]).stars == 3
    app.shutdown()


def test_results_focus_next_level(tmp_path):
    from sango_game.app import App

    app = App(size=(1280, 720), language="en", data_dir=tmp_path / "data", speech=False, audio=False)
    ScriptedPlayer(app).play_quiz(app.catalog.levels["k-passwords-quiz"], right=True)
    scene = app.stack.top
    assert scene.name == "results" and scene.next_level().id == "k-passwords-scenario"
    assert scene.focus.focused.name == "next-level"
    app.step([Action(Act.CONFIRM)])
    assert app.stack.top.name == "intro" and app.stack.top.level.id == "k-passwords-scenario"
    app.shutdown()


def test_empty_nickname_error_keeps_the_animal_label(app):
    from sango_game.scenes.profiles import NewProfileScene

    drawn = []
    real = app.ui.text

    def spy(surface, text, *a, **k):
        drawn.append(text)
        return real(surface, text, *a, **k)

    app.ui.text = spy
    scene = NewProfileScene(app)
    app.stack.push(scene)
    app.step()
    drawn.clear()
    app.step(Action.click(scene.focus.find("create").rect.center))
    assert "Type a nickname first." in drawn and "Pick your animal:" in drawn


def test_steps_that_do_not_draw_leave_the_change_to_the_next_drawn_frame(app):
    """step(draw=False) (the screen tour between the screens it visits) plays input and updates,
    draws nothing, and the next drawn step shows the whole new screen."""
    import pygame

    app.step()
    frames = app.frames
    app.step([Action(Act.CONFIRM)], draw=False)  # "Play": the players screen, not drawn yet
    assert app.stack.top.name == "profiles" and app.frames == frames
    title_pixels = pygame.image.tobytes(app.screen, "RGB")
    assert app.step()  # drawn now, whole
    assert app.frames == frames + 1 and app.partial_frames == 0
    shown = pygame.image.tobytes(app.screen, "RGB")
    app.draw()
    assert shown == pygame.image.tobytes(app.screen, "RGB") != title_pixels
