"""Guessable answers: option-length bias, story stakes, and the check command that reports them."""

from dataclasses import replace
from pathlib import Path

import pytest

from sango_game.cli import main
from sango_game.content import load_catalog
from sango_game.content.balance import (
    MAX_LONGEST_SHARE,
    good_path,
    level_warnings,
    quiz_bias,
    story_stakes,
    totals,
    unrecovered_risks,
)
from sango_game.content.model import Choice, Level, Node, ScenarioChoice, Text

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def curriculum():
    return load_catalog(ROOT / "levels")


def test_curriculum_right_answers_are_rarely_the_unique_longest(curriculum):
    t, _, _ = totals(curriculum.levels.values())
    assert t.singles >= 90
    assert t.longest / t.singles <= MAX_LONGEST_SHARE, f"{t.longest} of {t.singles}"


def _single(q, lengths, right):
    choices = tuple(Choice(f"c{i}", Text(f"x|{i}", "w" * n), i == right, None if i == right else Text("f", "why"))
                    for i, n in enumerate(lengths))
    return replace(q, type="single", choices=choices)


def test_a_level_whose_right_answers_are_longest_gets_a_warning(curriculum):
    quiz = next(lv for lv in curriculum.levels.values() if lv.kind == "quiz")
    base = quiz.questions[0]
    biased = replace(quiz, questions=tuple(_single(replace(base, id=f"q{i}"), (20, 60, 30), 1) for i in range(4)))
    fair = replace(quiz, questions=tuple(_single(replace(base, id=f"q{i}"), (20, 60, 30), i % 3) for i in range(4)))
    b = quiz_bias(biased)
    assert (b.singles, b.longest) == (4, 4)
    assert level_warnings(biased) and level_warnings(biased)[0].severity == "warning"
    assert quiz_bias(fair).longest == 1 and not level_warnings(fair)  # only when the right answer is the long one
    tie = _single(base, (60, 60, 30), 0)
    assert quiz_bias(replace(quiz, questions=(tie,))).longest == 0  # a tie is not "unique longest"


def test_story_stakes_count_choices_that_merge_back(curriculum):
    story = next(lv for lv in curriculum.levels.values() if lv.kind == "scenario")
    s = story_stakes(story)
    manual = 0
    for n in story.nodes:
        goods = {c.next for c in n.choices if c.quality == "good"}
        manual += sum(1 for c in n.choices if c.quality != "good" and c.next in goods)
    assert s.merging == manual and s.endings == len(story.endings)


def test_check_stats_prints_the_numbers(capsys):
    assert main(["check", "--stats", str(ROOT / "levels")]) == 0
    out = capsys.readouterr().out
    assert "right answer is the unique longest option:" in out
    assert "non-good choices merging straight back:" in out
    assert "endings per story:" in out


def _story(edges: dict[str, list[tuple[str, str]]], endings: dict[str, str]) -> Level:
    """A story from {step: [(quality, next), ...]} and {ending id: ending quality}."""
    t = Text("k", "words")
    nodes = [Node(nid, t, choices=tuple(ScenarioChoice(f"c{i}", t, q, t, nxt) for i, (q, nxt) in enumerate(cs)))
             for nid, cs in edges.items()]
    nodes += [Node(eid, t, ending=q, lesson=t) for eid, q in endings.items()]
    return Level("s", "scenario", "9-12", "strangers", 1, t, t, t, (), start="a", nodes=tuple(nodes))


def test_a_risky_choice_must_go_through_a_recovery_step():
    ends = {"good": "good", "risky": "risky"}
    # a -> b -> good is the good path; the risky choice of b leads straight to the good ending
    skipping = _story({"a": [("good", "b"), ("risky", "fix")], "b": [("good", "good"), ("risky", "good")],
                       "fix": [("good", "b"), ("okay", "risky")]}, ends)
    assert good_path(skipping) == {"a", "b"}
    assert unrecovered_risks(skipping) == ["b.c1"]  # a.c1 goes to its own step "fix": that is a recovery
    warnings = level_warnings(skipping)
    assert len(warnings) == 1 and "b.c1" in warnings[0].message and warnings[0].severity == "warning"
    assert story_stakes(skipping).unrecovered == ("b.c1",)
    # back onto the good path (not only the good ending) is no recovery either
    merging = _story({"a": [("good", "b"), ("risky", "b")], "b": [("good", "good"), ("risky", "risky")]}, ends)
    assert unrecovered_risks(merging) == ["a.c1"]
    fixed = _story({"a": [("good", "b"), ("risky", "fix")], "b": [("good", "good"), ("risky", "risky")],
                    "fix": [("good", "good"), ("risky", "risky")]}, ends)
    assert unrecovered_risks(fixed) == [] and level_warnings(fixed) == []


def test_curriculum_stories_have_stakes(curriculum):
    from sango_game.content.balance import MAX_MERGE_SHARE

    t, _, stories = totals(curriculum.levels.values())
    assert t.stories >= 40 and t.non_good >= 400
    assert t.merge_share <= MAX_MERGE_SHARE, f"{t.merging} of {t.non_good} non-good choices merge straight back"
    assert t.unrecovered == 0, [(s.level, s.unrecovered) for s in stories if s.unrecovered]
    assert set(t.endings) <= {2, 3, 4, 5}, t.endings  # 2 to 5 endings per story
    assert 2 in t.endings and (t.endings.get(4, 0) + t.endings.get(5, 0)) >= t.stories // 3, t.endings
