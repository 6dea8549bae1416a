"""Settings per profile, high contrast, reduced motion, text size, keyboard-only play."""

import pytest

from sango_game.autoplay import ScriptedPlayer
from sango_game.input import Act, Action


@pytest.fixture
def app(fixture_catalog, tmp_path):
    from sango_game.app import App

    a = App(size=(1280, 720), language="en", catalog=fixture_catalog, data_dir=tmp_path / "data", speech=False, audio=False)
    yield a
    a.shutdown()


def open_settings_and_toggle(app, name):
    from sango_game.scenes.settings import SettingsScene

    app.stack.push(SettingsScene(app))
    app.step()
    scene = app.stack.top
    scene.focus.focus(scene.focus.find(f"setting-{name}"))
    app.step([Action(Act.CONFIRM)])
    app.stack.pop()
    app.step()


def test_settings_are_kept_per_profile(app):
    from sango_game.scenes.profiles import select_profile

    a = app.store.create_profile("Amina", "owl")
    b = app.store.create_profile("Ivan", "fox")
    select_profile(app, a)
    open_settings_and_toggle(app, "high_contrast")
    open_settings_and_toggle(app, "text_size")
    open_settings_and_toggle(app, "text_size")
    assert app.theme.high_contrast and app.theme.text_size == "larger"
    big = app.theme.body
    select_profile(app, b)
    assert not app.theme.high_contrast and app.theme.text_size == "normal" and app.theme.body < big
    select_profile(app, a)
    assert app.theme.high_contrast and app.theme.text_size == "larger"
    assert app.store.get_settings(a.id)["high_contrast"] is True


def test_three_text_sizes_grow(app):
    sizes = []
    for step in ("normal", "large", "larger"):
        app.apply_settings({"text_size": step})
        sizes.append(app.theme.body)
    assert sizes[0] < sizes[1] < sizes[2]


def test_high_contrast_changes_every_colour_pair(app):
    normal = app.theme.colors
    app.apply_settings({"high_contrast": True})
    hc = app.theme.colors
    assert hc.bg == (0, 0, 0) and hc.text == (255, 255, 255) and hc != normal


def test_reduced_motion_stops_animations(app):
    player = ScriptedPlayer(app)
    results = player.play_quiz(app.catalog.levels["k-passwords-quiz"], right=True)
    assert results.update(0.1) is True  # stars pop in
    player.leave_results()
    app.apply_settings({"reduced_motion": True})
    results = player.play_quiz(app.catalog.levels["k-passwords-quiz"], right=True)
    assert results.update(0.1) is False and results.star_scales() == [1.0, 1.0, 1.0]


def test_whole_level_with_the_keyboard_only(app):
    """Tab/arrows move a visible focus ring; Enter presses; numbers choose. No mouse at all."""
    from sango_game.scenes.levelmap import LevelIntroScene

    lv = app.catalog.levels["k-passwords-quiz"]
    app.stack.push(LevelIntroScene(app, lv))
    app.step([Action(Act.CONFIRM)])
    quiz = app.stack.top
    # q1 (single): move the focus ring down to the right answer (options are shuffled), press Enter.
    for _ in range(quiz.item_ids().index("b")):
        app.step([Action(Act.DOWN)])
    assert quiz.focus.focused.name == "choice-b"
    app.step([Action(Act.CONFIRM)])
    assert quiz.outcome.correct
    while quiz.run.index == 0:
        app.step([Action(Act.CONFIRM)])
    # q2 (true/false): arrows across the row, Enter on "False".
    app.step([Action(Act.FORWARD)])
    assert quiz.focus.focused.name == "choice-false"
    app.step([Action(Act.CONFIRM)])
    assert quiz.outcome.correct
    while quiz.run.index == 1:
        app.step([Action(Act.CONFIRM)])
    # q3 (multi): toggle with Enter, then Tab to "Check".
    right = {c.id for c in quiz.q.choices if c.correct}
    for i, cid in enumerate(quiz.item_ids()):
        if i:
            app.step([Action(Act.DOWN)])
        if cid in right:
            app.step([Action(Act.CONFIRM)])
    while quiz.focus.focused.name != "check":
        app.step([Action(Act.FOCUS_NEXT)])
    app.step([Action(Act.CONFIRM)])
    assert quiz.outcome.correct


def test_rtl_arrows_follow_the_mirrored_layout(fixture_catalog, tmp_path):
    from sango_game.app import App
    from sango_game.scenes.levelmap import LevelIntroScene

    app = App(language="ar", catalog=fixture_catalog, data_dir=tmp_path / "d", speech=False, audio=False)
    lv = app.catalog.levels["k-passwords-quiz"]
    app.stack.push(LevelIntroScene(app, lv))
    app.step([Action(Act.CONFIRM)])
    quiz = app.stack.top
    player = ScriptedPlayer(app)
    player.answer_question(lv.questions[0])
    player.finish_feedback()
    true_btn, false_btn = quiz.focus.find("choice-true"), quiz.focus.find("choice-false")
    assert true_btn.rect.x > false_btn.rect.x  # "True" comes first, on the right
    quiz.focus.focus(true_btn)
    import pygame

    key = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_LEFT, mod=0, unicode="", scancode=0)
    app.step(app.input.map_event(key, app.size))
    assert quiz.focus.focused is quiz.focus.find("choice-false")  # Left moves on, visually to the left
    app.shutdown()
