"""The review round on a topic's map: questions missed on an earlier day come back, driven through the app."""

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from sango_game.autoplay import ScriptedPlayer
from sango_game.core.review import is_review_round
from sango_game.input import Act, Action


@pytest.fixture
def app(fixture_catalog, tmp_path):
    from sango_game.app import App

    a = App(size=(1280, 720), language="en", catalog=fixture_catalog, data_dir=tmp_path / "data", speech=False, audio=False)
    yield a
    a.shutdown()


def _age_answers(app, days: int) -> None:
    """Move every saved answer ``days`` back in time (the store stamps answers with the real clock)."""
    when = (datetime.now(UTC) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")
    with sqlite3.connect(app.store.path) as conn:
        conn.execute("UPDATE attempts SET created_at = ?", (when,))


def test_missed_questions_come_back_as_a_review_round_on_the_topic(app):
    from sango_game.scenes.profiles import select_profile

    kid = app.store.create_profile("Kofi", "owl")
    select_profile(app, kid)
    quiz = app.catalog.levels["k-passwords-quiz"]
    topic = app.catalog.topics[quiz.topic]
    player = ScriptedPlayer(app)
    player.play_quiz(quiz, right=False)
    app.reset_to("worldmap", quiz.band)
    app.push("topic", quiz.band, topic)
    app.step()
    assert app.stack.top.name == "topic" and app.stack.top.focus.find("review") is None  # missed today: not straight away
    app.stack.pop()
    _age_answers(app, 1)
    app.push("topic", quiz.band, topic)
    app.step()
    button = app.stack.top.focus.find("review")
    assert button is not None and f"{min(5, len(quiz.questions))} questions" in button.label
    stars_before = app.store.level_results(kid.id)[quiz.id].best_stars
    app.step(Action.click(button.rect.center))
    scene = app.stack.top
    assert scene.name == "quiz" and is_review_round(scene.level.id)
    for q in scene.level.questions:
        player.answer_question(q, right=True)
        player.finish_feedback()
    results = app.stack.top
    assert results.name == "results" and results.review and results.focus.find("again") is None
    assert app.store.level_results(kid.id)[quiz.id].best_stars == stars_before  # a round keeps no stars
    saved = [a for a in app.store.attempts(kid.id) if is_review_round(a.level_id)]
    assert [a.question_id for a in saved] == [q.id for q in scene.level.questions] and all(a.score == 1 for a in saved)
    app.step([Action(Act.BACK)])
    assert app.stack.top.name == "topic"
    # all answered right today: they come back on another day, not again today
    assert len(quiz.questions) <= 5 and app.stack.top.focus.find("review") is None
