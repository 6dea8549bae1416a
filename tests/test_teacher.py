"""Teacher area: PIN gate, visible marker, class play with teams, timer and discussion prompts."""

import pytest

from sango_game.core.play import correct_answer
from sango_game.input import Act, Action


@pytest.fixture
def app(tmp_path):
    from sango_game.app import App

    a = App(size=(1280, 720), language="en", data_dir=tmp_path / "data", audio=False, speech=False)
    yield a
    a.shutdown()


def type_pin(app, pin):
    app.step([Action(Act.TEXT, text=pin)])
    app.step([Action(Act.CONFIRM)])


def test_pin_gate_and_visible_teacher_marker(app):
    from sango_game.scenes.teacher import open_teacher_area

    open_teacher_area(app)
    app.step()
    assert app.stack.top.name == "pin"  # first time: choose a PIN
    type_pin(app, "2468")
    type_pin(app, "2468")
    assert app.stack.top.name == "teacher" and app.teacher_unlocked
    app.step()
    w = app.size[0]
    assert app.screen.get_at((w - app.theme.px(60), 2))[:3] == app.theme.colors.teacher  # the purple "Teacher mode" tab
    assert app.screen.get_at((1, app.size[1] // 2))[:3] == app.theme.colors.teacher  # and frame
    app.step([Action(Act.BACK)])
    assert not app.teacher_unlocked and app.stack.top.name == "title"
    open_teacher_area(app)
    app.step()
    type_pin(app, "1111")
    assert app.stack.top.name == "pin" and "not right" in app.stack.top.error
    type_pin(app, "2468")
    assert app.stack.top.name == "teacher"
    raw = (app.data_dir / "progress.sqlite3").read_bytes()
    assert b"2468" not in raw


def test_class_play_teams_timer_and_discussion(app):
    from sango_game.scenes.teacher import ClassSetupScene

    app.teacher_unlocked = True
    setup = ClassSetupScene(app)
    app.stack.push(setup)
    app.step()
    setup.toggle_topic("passwords")
    setup.cycle_teams()  # 2 -> 3 teams
    setup.cycle_timer()  # 30 seconds
    setup.start()
    app.step()
    play = app.stack.top
    assert play.name == "class-play" and play.teams == 3 and play.timer == 30
    assert app.theme.class_mode and app.theme.body > 22  # large text on the projector
    q = play.q
    play.submit(correct_answer(q))  # team 1 answers right
    assert play.scores == [100, 0, 0]
    assert play.raw_pages[-1].startswith("Let's talk:")  # a discussion prompt after Sango's explanation
    while play.run.index == 0:
        app.step([Action(Act.CONFIRM)])
    assert play.turn == 1
    app.step(dt=31.0)  # team 2 lets the timer run out
    assert play.outcome is not None and play.raw_pages[0] == "Time is up!"
    assert play.scores[1] == 0
    while play.run.index < play.run.total and app.stack.top is play:
        if play.answering:
            play.submit(correct_answer(play.q))
        app.step([Action(Act.CONFIRM)])
    assert app.stack.top.name == "class-results"
    app.step([Action(Act.BACK)])
    assert not app.theme.class_mode


def test_teacher_sets_the_local_helpline_shown_after_help_topics(app, monkeypatch, tmp_path):
    from sango_game.autoplay import ScriptedPlayer
    from sango_game.helpline import get_helpline
    from sango_game.scenes.teacher import TeacherMenuScene

    app.teacher_unlocked = True
    app.stack.push(TeacherMenuScene(app))
    app.step()
    menu = app.stack.top
    app.step(Action.click(menu.focus.find("helpline").rect.center))
    assert app.stack.top.name == "text-prompt"
    app.step([Action(Act.TEXT, text="Childline 116 111")])
    app.step(Action.click(app.stack.top.focus.find("ok").rect.center))
    assert get_helpline(app) == "Childline 116 111"
    assert "116 111" in app.stack.top.focus.find("helpline").label
    app.teacher_unlocked = False

    drawn = []
    real = app.ui.text
    monkeypatch.setattr(app.ui, "text", lambda surface, text, *a, **k: (drawn.append(text), real(surface, text, *a, **k))[1])
    player = ScriptedPlayer(app)
    player.play_quiz(app.catalog.levels["k-getting-help-quiz"])
    assert any("116 111" in t for t in drawn)
    player.leave_results()
    drawn.clear()
    player.play_quiz(app.catalog.levels["k-passwords-quiz"])
    assert not any("116 111" in t for t in drawn)  # only after topics where a child may need it


def test_helpline_from_a_lab_config_file(app, monkeypatch, tmp_path):
    from sango_game.helpline import get_helpline

    cfg = tmp_path / "config.toml"
    cfg.write_text('helpline = "Línea 102"\n', encoding="utf-8")
    monkeypatch.setenv("SANGO_CONFIG", str(cfg))
    assert get_helpline(app) == "Línea 102"


def test_ending_class_play_early_keeps_the_scoreboard(app):
    from sango_game.scenes.teacher import ClassSetupScene

    app.teacher_unlocked = True
    setup = ClassSetupScene(app)
    app.stack.push(setup)
    app.step()
    setup.toggle_topic("passwords")
    setup.start()
    app.step()
    play = app.stack.top
    play.submit(correct_answer(play.q))
    app.step([Action(Act.BACK)])  # "End class play?"
    app.step(Action.click(app.stack.top.focus.find("yes").rect.center))  # End
    assert app.stack.top.name == "class-results" and app.stack.top.scores == [100, 0]
    app.step([Action(Act.BACK)])
    assert not app.theme.class_mode
