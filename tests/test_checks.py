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
