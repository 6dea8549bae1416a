"""Fair knowledge checks: parallel pre/post items, disjoint, at least 4 per topic and band."""

from pathlib import Path

import pytest

from sango_game.classroom import CheckRef, new_session, pick_check_questions
from sango_game.classroom.itembank import bank_counts, level_check_items, pick_check_items, topic_bank
from sango_game.classroom.session import session_from_json
from sango_game.content import load_catalog

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def curriculum():
    return load_catalog(ROOT / "levels")


def test_every_topic_and_band_has_two_parallel_pairs(curriculum):
    counts = bank_counts(curriculum.levels.values())
    expected = {(band, t.id) for t in curriculum.topics.values() for band in t.bands}
    assert set(counts) == expected
    for key, (pre, post) in counts.items():
        assert pre >= 2 and post >= 2, key  # at least 4 check items per topic and band


def test_pre_and_post_items_are_disjoint_and_parallel_in_kind(curriculum):
    for band in ("9-12", "13-18"):
        for topic, (pre, post) in topic_bank(curriculum.band_levels(band)).items():
            assert not {(i.level, i.question) for i in pre} & {(i.level, i.question) for i in post}, topic
            kinds = {lv.id: {q.id: q.type for q in lv.questions} for lv in curriculum.band_levels(band)}
            # Paired items ask in a like format (one answer to pick, or several).
            def fmt(i, kinds=kinds):
                return "one" if kinds[i.level][i.question] in ("single", "true_false") else kinds[i.level][i.question]
            assert sorted(map(fmt, pre)) == sorted(map(fmt, post)), topic


def test_selection_is_balanced_over_topics_and_never_repeats(curriculum):
    levels = curriculum.band_levels("13-18")
    for count in (1, 5, 10, 40):
        pre, post = pick_check_items(levels, count)
        assert len(pre) == len(post) <= count
        assert not {(i.level, i.question) for i in pre} & {(i.level, i.question) for i in post}
        assert [i.topic for i in pre] == [i.topic for i in post]  # the same topics before and after
    pre, _ = pick_check_items(levels, 5)
    assert len({i.topic for i in pre}) == 5  # spread: one item from five topics, not five from one


def test_untagged_levels_are_split_alternately(fixture_catalog):
    quiz = next(lv for lv in fixture_catalog.levels.values() if lv.kind == "quiz")
    pre, post = level_check_items(quiz)
    ids = [q.id for q in quiz.questions]
    assert [q.id for q in pre] == ids[0::2] and [q.id for q in post] == ids[1::2]


def test_session_keeps_phases_and_reads_old_files(curriculum):
    levels = curriculum.band_levels("9-12")
    refs = pick_check_questions(levels, 4)
    s = new_session("6B", "9-12", "en", [lv.id for lv in levels], refs, catalog=curriculum)
    pre, post = s.check_for("pre"), s.check_for("post")
    assert len(pre) == len(post) == 4 and not {c.key for c in pre} & {c.key for c in post}
    again = session_from_json(s.to_json(), None, curriculum)
    assert again.check_for("post") == post
    old = s.to_json()
    old["check"] = [{"level": c.level, "question": c.question} for c in pre]  # a file from before phases
    legacy = session_from_json(old, None, curriculum)
    assert legacy.check_for("pre") == legacy.check_for("post") == tuple(CheckRef(c.level, c.question) for c in pre)
    bad = s.to_json()
    bad["check"][0]["phase"] = "during"
    with pytest.raises(Exception, match="phase"):
        session_from_json(bad, None, curriculum)


def test_the_after_check_questions_are_held_out_of_the_day(curriculum):
    from dataclasses import replace

    from sango_game.classroom.checks import check_level, held_out
    from sango_game.core.review import review_key

    levels = curriculum.band_levels("9-12")
    s = new_session("6B", "9-12", "en", [lv.id for lv in levels], pick_check_questions(levels, 6), catalog=curriculum)
    post = {(c.level, c.question) for c in s.check_for("post")}
    pre = {(c.level, c.question) for c in s.check_for("pre")}
    for lv in (lv for lv in levels if lv.kind == "quiz"):
        day = held_out(s, lv)
        ids = {q.id for q in day.questions}
        assert not {q for (lid, q) in post if lid == lv.id} & ids  # never seen before the "after" check
        assert {q for (lid, q) in pre if lid == lv.id} <= ids  # the "before" ones may be practised
        assert len(day.questions) == len(lv.questions) - sum(1 for (lid, _) in post if lid == lv.id)
    quiz = curriculum.levels[next(iter(post))[0]]
    assert held_out(None, quiz) is quiz  # no session: the whole level
    post_check = check_level(s, curriculum, "post")
    assert held_out(s, post_check) is post_check  # the check itself is never thinned
    lid, qid = next(iter(post))
    review = replace(curriculum.levels[lid].questions[0], id=review_key(lid, qid))
    with_review = replace(quiz, questions=quiz.questions + (review,))
    assert review_key(lid, qid) not in {q.id for q in held_out(s, with_review).questions}  # nor as a review


def test_a_quiz_played_in_a_lab_session_leaves_out_the_after_check(curriculum, tmp_path):
    from sango_game.app import App
    from sango_game.autoplay import ScriptedPlayer

    app = App(size=(1280, 720), language="en", catalog=curriculum, data_dir=tmp_path / "d", audio=False, speech=False)
    levels = curriculum.band_levels("13-18")
    s = new_session("9A", "13-18", "en", [lv.id for lv in levels], pick_check_questions(levels, 6), catalog=curriculum)
    app.class_session = s
    lid, qid = next((c.level, c.question) for c in s.check_for("post"))
    ScriptedPlayer(app).start_level(curriculum.levels[lid])
    shown = [q.id for q in app.stack.top.level.questions]
    assert app.stack.top.name == "quiz" and qid not in shown and shown
    app.class_session = None
    ScriptedPlayer(app).start_level(curriculum.levels[lid])
    assert qid in [q.id for q in app.stack.top.level.questions]
    app.shutdown()
