"""Stars, mastery, band progress and badges (pure rules)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sango_game.progress.models import LevelResult
from sango_game.progress.rules import (
    CatalogInfo,
    LevelInfo,
    TopicProgress,
    band_progress,
    catalog_info,
    earned_badges,
    is_mastered,
    levels_by_topic,
    new_badges,
    stars_for_score,
    topic_mastery,
)

ROOT = Path(__file__).resolve().parents[1]


def res(stars, score=None, completed=True, endings=()):
    return LevelResult(stars, score if score is not None else stars / 3, 1, completed, frozenset(endings))


@pytest.mark.parametrize("score, finished, stars", [
    (1.0, True, 3), (0.9, True, 3), (0.8999, True, 2), (0.6, True, 2), (0.5999, True, 1), (0.0, True, 1),
    (1.0, False, 0), (0.3, False, 0), (0.7 * 3 / 3.5, True, 2), (27 / 30, True, 3), (18 / 30, True, 2),
])
def test_stars_for_score(score, finished, stars):
    assert stars_for_score(score, finished) == stars


def test_stars_match_the_play_module():
    from sango_game.core.play import stars_for_score as play_stars

    for i in range(101):
        for finished in (True, False):
            assert stars_for_score(i / 100, finished) == play_stars(i / 100, finished)


def test_topic_mastery_and_is_mastered():
    assert topic_mastery([], 3) == 0.0
    assert topic_mastery([res(3), res(3), res(3)], 3) == 1.0
    assert topic_mastery([res(3), None], 2) == 0.5
    assert topic_mastery({"a": res(2), "b": res(1)}, 2) == pytest.approx(0.5)
    assert topic_mastery([res(3, completed=False)], 1) == 0.0
    assert topic_mastery([res(3)], 0) == 0.0
    assert is_mastered([res(2), res(3)], 2)
    assert not is_mastered([res(2), res(1)], 2)
    assert not is_mastered([res(3)], 2)  # a level not played yet
    assert not is_mastered([res(3, completed=False)], 1)
    assert not is_mastered([], 0)


@given(st.lists(st.one_of(st.none(), st.builds(res, st.integers(0, 3), st.floats(0, 1), st.booleans())), max_size=6),
       st.integers(0, 8))
def test_mastery_is_a_fraction(results, n):
    m = topic_mastery(results, n)
    assert 0.0 <= m <= 1.0
    if is_mastered(results, n):
        assert m >= 2 / 3 - 1e-9 or len(results) > n


CATALOG = CatalogInfo((
    LevelInfo("k-pw-1", "9-12", "passwords", "quiz"),
    LevelInfo("k-pw-2", "9-12", "passwords", "scenario", frozenset({"end-good", "end-okay", "end-risky"})),
    LevelInfo("k-sc-1", "9-12", "scams", "quiz"),
    LevelInfo("t-pw-1", "13-18", "passwords", "quiz"),
))


def test_band_progress():
    results = {"k-pw-1": res(3), "k-pw-2": res(1, completed=False), "t-pw-1": res(2)}
    got = band_progress(results, levels_by_topic(CATALOG, "9-12"))
    assert got == {"passwords": TopicProgress(1, 2, 3, 6), "scams": TopicProgress(0, 1, 0, 3)}
    assert got["passwords"] == (1, 2, 3, 6)  # a plain tuple too
    assert band_progress({}, {"x": []}) == {"x": (0, 0, 0, 0)}


def test_badges_step_by_step():
    state: dict = {}
    assert earned_badges(state, CATALOG) == []

    after = {"k-pw-1": res(2, 0.7)}
    assert new_badges(state, after, CATALOG) == ["first-steps"]

    state, after = after, {**after, "k-pw-1": res(3, 1.0)}
    assert new_badges(state, after, CATALOG) == ["perfect"]

    state, after = after, {**after, "k-pw-2": res(2, 0.6, endings={"end-good", "end-risky"})}
    assert new_badges(state, after, CATALOG) == ["topic:9-12:passwords"]

    state, after = after, {**after, "k-pw-2": res(2, 0.6, endings={"end-good", "end-risky", "end-okay"})}
    assert new_badges(state, after, CATALOG) == ["explorer"]

    state, after = after, {**after, "k-sc-1": res(1, 0.5)}
    assert new_badges(state, after, CATALOG) == []  # one star is not mastery
    state, after = after, {**after, "k-sc-1": res(2, 0.65)}
    assert new_badges(state, after, CATALOG) == ["topic:9-12:scams", "band-champion:9-12"]
    assert "band-champion:13-18" not in earned_badges(after, CATALOG)
    # Badges already held are not given again.
    assert new_badges({}, after, CATALOG, already=["first-steps", "perfect"])[0] == "explorer"


def test_perfect_is_only_for_quizzes_and_explorer_needs_every_ending():
    assert "perfect" not in earned_badges({"k-pw-2": res(3, 1.0)}, CATALOG)
    assert "perfect" not in earned_badges({"k-pw-1": res(0, 1.0, completed=False)}, CATALOG)
    assert "explorer" not in earned_badges({"k-pw-2": res(3, 1.0, endings={"end-good", "end-okay"})}, CATALOG)
    assert "explorer" not in earned_badges({"unknown": res(3, 1.0, endings={"x"})}, CATALOG)


def test_guest_results_and_the_real_catalog_objects(fixture_catalog):
    info = catalog_info(fixture_catalog)
    assert [lv.id for lv in info.levels] == ["k-passwords-quiz", "k-strangers-scenario"]
    scenario = info.get("k-strangers-scenario")
    assert scenario.kind == "scenario" and scenario.endings == {"end-good", "end-risky"}
    guest = {  # results are read by attribute: any object with these fields works
        "k-passwords-quiz": SimpleNamespace(best_stars=3, best_score=1.0, plays=1, completed=True, endings=frozenset()),
        "k-strangers-scenario": SimpleNamespace(best_stars=2, best_score=0.7, plays=2, completed=True,
                                                endings=frozenset({"end-good", "end-risky"})),
    }
    assert earned_badges(guest, fixture_catalog) == [
        "first-steps", "perfect", "explorer", "topic:9-12:passwords", "topic:9-12:strangers", "band-champion:9-12"]


def test_badges_from_a_real_store(tmp_path, fixture_catalog):
    from sango_game.progress import ProgressStore

    with ProgressStore.open(tmp_path / "p.sqlite3") as store:
        pid = store.create_profile("Ada", "cat").id
        before = store.level_results(pid)
        store.record_level_result(pid, "k-strangers-scenario", "strangers", "9-12", 0.7, 2, "end-good")
        store.record_level_result(pid, "k-strangers-scenario", "strangers", "9-12", 0.2, 1, "end-risky")
        after = store.level_results(pid)
    assert new_badges(before, after, fixture_catalog) == ["first-steps", "explorer", "topic:9-12:strangers"]


def test_rules_are_pure():
    code = ("import sys, sango_game.progress.rules; "
            "print(sorted(m for m in sys.modules if m.startswith(('pygame', 'sango_game.content'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
    source = (ROOT / "sango_game" / "progress" / "rules.py").read_text(encoding="utf-8")
    for word in ("import os", "import sqlite3", "open(", "import time", "datetime", "import random"):
        assert word not in source
