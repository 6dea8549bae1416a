"""The question-kind registry: every kind scores its own right answer as right, its wrong answer
as wrong, is answered by the scripted player through its own picks, and a new kind plugs in."""

from dataclasses import replace

import pytest

from sango_game import kinds
from sango_game.content.model import QUESTION_TYPES, Choice, Question, Text
from sango_game.core.play import score_answer
from sango_game.i18n import Translator


def real_questions(catalog):
    seen = {}
    for level in catalog.levels.values():
        for q in level.questions:
            seen.setdefault(q.type, q)
    return seen


def test_the_built_in_kinds_are_registered_in_order():
    assert kinds.names()[:5] == QUESTION_TYPES
    for name in QUESTION_TYPES:
        assert kinds.get(name).name == name
    with pytest.raises(KeyError, match="unknown question type 'nope'"):
        kinds.get("nope")


def test_every_kind_in_the_real_levels_scores_right_wrong_and_empty(fixture_catalog):
    from sango_game.content import load_catalog

    questions = real_questions(load_catalog())
    assert set(questions) == set(QUESTION_TYPES), "the levels use every kind"
    for name, q in questions.items():
        kind = kinds.get(name)
        assert kind.score(q, kind.correct_answer(q)).correct, name
        assert kind.score(q, kind.wrong_answer(q)).score == 0.0, name
        assert not kind.score(q, kind.empty_answer(q)).correct, name
        # The scripted player's picks are options the number keys can choose.
        assert set(kind.script(q, kind.correct_answer(q))) <= set(kind.option_ids(q)), name
        # Read-aloud has a line per option (sort: the card to place, then the groups).
        lines = kind.speech_lines(Translator("fr"), q, {})
        assert len(lines) >= len(kind.option_ids(q)) and all(lines), name
        assert kind.fields and kind.hint, name


def test_a_new_kind_registers_itself_and_is_scored_through_core():
    class Exactly(kinds.QuestionKind):
        name = "test_exactly"
        hint = "Type it."

        def score(self, q, answer):
            right = answer == "ok"
            return kinds.Outcome(1.0 if right else 0.0, {}, (), repr(answer))

        def correct_answer(self, q):
            return "ok"

    try:
        kinds.register(Exactly())
        q = Question(id="q", type="test_exactly", prompt=Text("p", "x"), explain=Text("e", "x"))
        assert score_answer(q, "ok").correct and not score_answer(q, "no").correct
        assert "test_exactly" in kinds.names()
    finally:
        kinds._KINDS.pop("test_exactly", None)
    with pytest.raises(ValueError, match="unknown question type"):
        score_answer(q, "ok")


def test_single_marks_the_missed_right_choice():
    choices = (Choice("a", Text("a", "A"), True), Choice("b", Text("b", "B"), False, Text("fb", "why")))
    q = Question(id="q", type="single", prompt=Text("p", "P"), explain=Text("e", "E"), choices=choices)
    out = kinds.get("single").score(q, "b")
    assert dict(out.marks) == {"a": "missed", "b": "wrong"} and out.answer_repr == '"b"'
    assert [fb.text.source for fb in out.feedback] == ["why"]
    assert q.correct_ids == {"a"}
    assert replace(q, type="multi").correct_ids == {"a"}


def test_each_kind_says_how_its_feedback_is_laid_out(fixture_catalog):
    """The quiz screen asks the kind (never the type name): a checklist instead of the answers, which
    answers must fit beside the feedback, and what the checklist adds."""
    from sango_game.content import load_catalog

    questions = real_questions(load_catalog())
    assert kinds.get("red_flags").checklist_feedback(questions["red_flags"])
    assert kinds.get("sort").checklist_feedback(questions["sort"])
    assert not kinds.get("true_false").checklist_feedback(questions["true_false"])
    assert kinds.get("true_false").answers_beside_feedback(questions["true_false"]) == []
    assert kinds.get("red_flags").answers_beside_feedback(questions["red_flags"]) == []
    for name in ("single", "multi"):
        q = questions[name]
        kind = kinds.get(name)
        assert [cid for cid, _ in kind.answers_beside_feedback(q)] == [c.id for c in q.choices]
        many = replace(q, choices=q.choices + tuple(replace(c, id=f"{c.id}-2") for c in q.choices[:5 - len(q.choices)]))
        assert len(many.choices) == 5 and kind.checklist_feedback(many)  # too many for half the width
        assert not kind.checklist_feedback(q) or len(q.choices) > 4


def test_the_checklist_of_a_single_choice_names_the_right_answer_once():
    choices = (Choice("a", Text("a", "A"), True), Choice("b", Text("b", "B"), False, Text("fb", "why")))
    q = Question(id="q", type="single", prompt=Text("p", "P"), explain=Text("e", "E"), choices=choices)
    single = kinds.get("single")
    extra = single.checklist_extra(q, single.score(q, "b"))
    assert [(fb.about, fb.text.source, fb.right) for fb in extra] == [(None, "A", True)]
    assert single.checklist_extra(q, single.score(q, "a")) == []  # right: nothing missed
    multi = kinds.get("multi")
    assert multi.checklist_extra(replace(q, type="multi"), multi.score(replace(q, type="multi"), ["b"])) == []
