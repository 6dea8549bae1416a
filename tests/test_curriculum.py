"""The real curriculum: coverage of every topic in both bands, size, and a scripted player that
finishes every level and reaches every ending of every scenario through the real app."""

import pytest

from sango_game.autoplay import ScriptedPlayer
from sango_game.content import load_catalog
from sango_game.content.graph import paths_to_endings
from sango_game.content.model import BANDS

CATALOG = load_catalog()


def test_no_errors_and_every_topic_has_a_quiz_and_a_scenario_in_each_band():
    assert not CATALOG.errors, "\n".join(i.format() for i in CATALOG.errors)
    for band in BANDS:
        for topic in (t for t in CATALOG.topics.values() if band in t.bands):
            kinds = {lv.kind for lv in CATALOG.topic_levels(band, topic.id)}
            # a practice level is an optional third step (tests/test_practice.py checks those)
            assert kinds - {"practice"} == {"quiz", "scenario"}, f"{band} {topic.id}: {kinds}"


def test_size_of_the_curriculum():
    levels = list(CATALOG.levels.values())
    questions = sum(len(lv.questions) for lv in levels)
    choices = sum(len(q.choices) + (2 if q.type == "true_false" else 0) + len(q.message.lines if q.message else ())
                  + len(q.items) for lv in levels for q in lv.questions)
    scenario_choices = sum(len(n.choices) for lv in levels for n in lv.nodes)
    assert len(levels) >= 48
    assert questions + choices + scenario_choices >= 400
    assert questions >= 200 and scenario_choices >= 200


def test_every_wrong_answer_is_explained():
    for lv in CATALOG.levels.values():
        for q in lv.questions:
            for c in q.choices:
                assert c.correct or c.feedback, f"{lv.id} {q.id} {c.id}"
            if q.type == "true_false":
                assert q.feedback, f"{lv.id} {q.id}"
        for n in lv.nodes:
            for c in n.choices:
                assert c.consequence.source, f"{lv.id} {n.id} {c.id}"


def test_every_scenario_has_a_good_ending_and_three_decisions_on_the_best_path():
    for lv in (lv for lv in CATALOG.levels.values() if lv.kind == "scenario"):
        assert any(n.ending == "good" for n in lv.nodes), lv.id
        best = min(len(p) for e, p in paths_to_endings(lv.start, lv.nodes).items() if lv.node(e).ending == "good")
        assert best >= 2, f"{lv.id}: the good ending is only {best} choice(s) away"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from sango_game.app import App

    a = App(language="en", catalog=CATALOG, data_dir=tmp_path_factory.mktemp("data"), audio=False, speech=False)
    a.text.glyphs = False  # playing through needs the screens' layout, not their pixels (test_screens draws them)
    yield a
    a.shutdown()


@pytest.mark.parametrize("level_id", sorted(lv.id for lv in CATALOG.levels.values() if lv.kind == "quiz"))
def test_scripted_player_finishes_every_quiz(app, level_id):
    player = ScriptedPlayer(app, draw=False)  # input and outcomes; test_screens draws every screen
    results = player.play_quiz(CATALOG.levels[level_id], right=True)
    assert results.stars == 3 and results.score == pytest.approx(1.0)
    player.leave_results()
    results = player.play_quiz(CATALOG.levels[level_id], right=False)
    assert results.stars == 1 and results.score == 0.0
    player.leave_results()


@pytest.mark.parametrize("level_id", sorted(lv.id for lv in CATALOG.levels.values() if lv.kind == "scenario"))
def test_scripted_player_reaches_every_ending(app, level_id):
    lv = CATALOG.levels[level_id]
    reached = ScriptedPlayer(app, draw=False).play_all_endings(lv)
    assert set(reached) == {n.id for n in lv.endings}
    for ending_id, results in reached.items():
        if lv.node(ending_id).ending == "good":
            assert results.stars >= 2
