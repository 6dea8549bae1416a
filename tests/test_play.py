"""Scoring, stars and scenario walking: pure logic, no pygame."""

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sango_game.autoplay import wrong_answer
from sango_game.core.play import QuizRun, ScenarioRun, correct_answer, score_answer, stars_for_score


def test_stars_thresholds():
    assert [stars_for_score(s) for s in (0, 0.59, 0.6, 0.89, 0.9, 1.0)] == [1, 1, 2, 2, 3, 3]
    assert stars_for_score(1.0, finished=False) == 0


def test_each_question_type_right_and_wrong(fixture_catalog):
    quiz = fixture_catalog.levels["k-passwords-quiz"]
    for q in quiz.questions:
        right = score_answer(q, correct_answer(q))
        assert right.score == 1.0 and right.correct and not right.feedback, q.id
        wrong = score_answer(q, wrong_answer(q))
        assert wrong.score == 0.0 and not wrong.correct, q.id
        assert wrong.feedback, f"{q.id}: a wrong answer must be explained"
        assert all(f.text.source for f in wrong.feedback)


def test_partial_credit(fixture_catalog):
    q = fixture_catalog.levels["k-passwords-quiz"].questions[3]  # red flags: l2, l3
    out = score_answer(q, ["l2"])
    assert out.score == pytest.approx(2 / 3)
    assert out.marks == {"l2": "correct", "l3": "missed"}
    sort_q = fixture_catalog.levels["k-passwords-quiz"].questions[4]
    out = score_answer(sort_q, {"i1": "safe", "i2": "safe", "i3": "private"})
    assert out.score == pytest.approx(2 / 3) and out.marks["i2"] == "wrong"
    assert [f.about.source for f in out.feedback] == ["Your home address"]


def test_single_marks_show_the_right_answer_when_wrong(fixture_catalog):
    q = fixture_catalog.levels["k-passwords-quiz"].questions[0]
    out = score_answer(q, "a")
    assert out.marks == {"a": "wrong", "b": "missed"}


def test_quiz_run(fixture_catalog):
    run = QuizRun(fixture_catalog.levels["k-passwords-quiz"])
    for i, q in enumerate(run.level.questions):
        run.answer(correct_answer(q) if i % 2 == 0 else wrong_answer(q))
        with pytest.raises(RuntimeError):
            QuizRun(run.level).advance()
        run.advance()
    assert run.finished and run.correct_count == 3
    assert run.score == pytest.approx(3 / 5) and run.stars == 2


@given(st.lists(st.sampled_from(["right", "wrong"]), min_size=5, max_size=5))
def test_quiz_score_is_mean_of_question_scores(choices):
    from sango_game.content import load_catalog
    from tests.conftest import FIXTURES

    level = load_catalog(FIXTURES / "levels").levels["k-passwords-quiz"]
    run = QuizRun(level)
    for q, c in zip(level.questions, choices, strict=False):
        run.answer(correct_answer(q) if c == "right" else wrong_answer(q))
        run.advance()
    assert run.score == pytest.approx(choices.count("right") / 5)
    assert 1 <= run.stars <= 3


def test_scenario_run(fixture_catalog):
    lv = fixture_catalog.levels["k-strangers-scenario"]
    run = ScenarioRun(lv)
    assert run.node.id == "hello"
    run.choose("joke")
    run.choose("stop")
    assert run.finished and run.ending == "good"
    assert run.score == pytest.approx(0.75) and run.stars == 2
    with pytest.raises(RuntimeError):
        run.choose("x")
    run2 = ScenarioRun(lv)
    run2.choose("tell")
    run2.choose("send")
    assert run2.ending == "risky" and run2.stars == 1
    with pytest.raises(KeyError):
        ScenarioRun(lv).choose("nope")


def test_core_logic_never_imports_pygame():
    code = ("import sys; import sango_game.core.play, sango_game.content, sango_game.content.graph, sango_game.i18n; "
            "print('pygame' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"
