"""Item analysis and gain, checked against an independent computation on a simulated class."""

import json
import random
from pathlib import Path

import pytest

from sango_game.classroom import import_results, new_session, pick_check_questions, summarise
from sango_game.classroom.csvout import write_csv_files
from sango_game.classroom.items import normalised_gain, pearson
from sango_game.classroom.results import CheckAnswer, CheckScore, PlayerResults
from sango_game.classroom.simulate import simulate_lab
from sango_game.content import load_catalog

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def curriculum():
    return load_catalog(ROOT / "levels")


def _corr(xs, ys):
    # Textbook point-biserial: (M1 - M0) / s_n * sqrt(p q), written independently of items.pearson.
    n = len(xs)
    ones = [y for x, y in zip(xs, ys, strict=True) if x == 1]
    zeros = [y for x, y in zip(xs, ys, strict=True) if x == 0]
    mean = sum(ys) / n
    sd = (sum((y - mean) ** 2 for y in ys) / n) ** 0.5
    p = len(ones) / n
    return (sum(ones) / len(ones) - sum(zeros) / len(zeros)) / sd * (p * (1 - p)) ** 0.5


def test_pearson_and_gain_basics():
    assert pearson([0, 1, 1, 0], [0.2, 0.9, 0.7, 0.1]) == pytest.approx(_corr([0, 1, 1, 0], [0.2, 0.9, 0.7, 0.1]))
    assert pearson([1, 1, 1], [0.1, 0.5, 0.9]) is None  # an item everybody got right says nothing
    assert normalised_gain(0.4, 0.7) == pytest.approx(0.5)
    assert normalised_gain(1.0, 1.0) is None and normalised_gain(None, 0.5) is None
    assert normalised_gain(0.5, 0.25) == pytest.approx(-0.5)


def test_item_statistics_match_an_independent_computation(curriculum, tmp_path):
    levels = curriculum.band_levels("9-12")
    session = new_session("Sim", "9-12", "en", [lv.id for lv in levels], pick_check_questions(levels, 6), catalog=curriculum)
    files = simulate_lab(session, curriculum, tmp_path, pcs=20, shared=10, seed=3)
    report = import_results(files, session)
    summary = summarise(report.merged, curriculum)
    # The raw answers straight from the files, without any of the code under test.
    raw = []
    for f in files:
        doc = json.loads(f.read_text(encoding="utf-8"))
        for p in doc["players"]:
            raw.append(p["check"])
    assert len(summary.items) == 12
    for stat in summary.items:
        answers = [{i["question"]: i for i in c[stat.phase]["items"]} for c in raw if c[stat.phase]]
        answered = [a for a in answers if stat.key in a]
        xs = [a[stat.key]["score"] for a in answered]
        rest = [(sum(i["score"] for k, i in a.items() if k != stat.key) / (len(a) - 1)) for a in answered]
        assert stat.answers == len(xs)
        assert stat.difficulty == pytest.approx(sum(xs) / len(xs))
        if 0 < sum(xs) < len(xs):
            assert stat.discrimination == pytest.approx(_corr(xs, rest))
        level, qid = stat.key.split("/")
        q = next(q for q in curriculum.levels[level].questions if q.id == qid)
        if q.type == "single":
            picks = [json.loads(a[stat.key]["answer"]) for a in answered if a[stat.key]["score"] == 0]
            if picks:
                best = max(sorted(set(picks)), key=picks.count)
                assert stat.top_wrong == best and stat.top_wrong_count == picks.count(best)
                assert not next(c for c in q.choices if c.id == best).correct
    # Before and after never share an item.
    assert not {s.key for s in summary.items if s.phase == "pre"} & {s.key for s in summary.items if s.phase == "post"}
    # Gains: per pupil, and the class gain from the class averages.
    both = [p for p in summary.pupils if p.pre is not None and p.post is not None]
    for p in both:
        if p.pre < 1:
            assert p.gain == pytest.approx((p.post - p.pre) / (1 - p.pre))
    mpre = sum(p.pre for p in both) / len(both)
    mpost = sum(p.post for p in both) / len(both)
    assert summary.gain_class == pytest.approx((mpost - mpre) / (1 - mpre))
    # The CSV carries the same numbers.
    paths = write_csv_files(tmp_path / "csv", summary, curriculum)
    items_csv = next(p for p in paths if p.name == "check-items.csv")
    rows = items_csv.read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 1 + len(summary.items)
    assert "Discrimination" in rows[0]


def test_a_discriminating_item_scores_higher_than_a_noisy_one():
    # Known answers: item A follows ability, item B is a coin toss unrelated to it.
    from sango_game.classroom.items import analyse_items

    rng = random.Random(1)
    checks = []
    for i in range(60):
        ability = i / 59
        items = [CheckAnswer(f"lv/r{j}", 1.0 if rng.random() < ability else 0.0, '"a"') for j in range(4)]
        items.append(CheckAnswer("lv/A", 1.0 if ability > 0.5 else 0.0, '"a"'))
        items.append(CheckAnswer("lv/B", 1.0 if rng.random() < 0.5 else 0.0, '"a"'))
        checks.append((f"p{i}", items))
    stats = {s.question: s for s in analyse_items(checks, "pre", {})}
    assert stats["A"].discrimination > 0.5
    assert abs(stats["B"].discrimination) < 0.35
    assert stats["A"].discrimination > stats["B"].discrimination


def test_results_file_keeps_check_items(curriculum):
    from sango_game.classroom.results import _player

    pr = PlayerResults("p1", "Mei", "owl", "en", {}, (), CheckScore(0.5, 2, (CheckAnswer("a/q1", 1.0, '"b"'),
                                                                             CheckAnswer("a/q2", 0.0, "true"))))
    back = _player(None, pr.to_json(), 1)
    assert back.pre == pr.pre
    legacy = pr.to_json()
    del legacy["check"]["pre"]["items"]
    assert _player(None, legacy, 1).pre.items == ()


def test_levels_finished_before_the_session_do_not_count(curriculum, tmp_path, monkeypatch):
    from datetime import datetime, timedelta

    from sango_game.classroom.results import player_results
    from sango_game.progress import ProgressStore, storefile

    levels = [curriculum.levels["k-passwords-quiz"], curriculum.levels["k-scams-quiz"]]
    session = new_session("S", "9-12", "en", [lv.id for lv in levels], catalog=curriculum)
    store = ProgressStore.open(tmp_path / "p.sqlite3")
    kid = store.create_profile("Kofi", "owl")
    store.record_attempt(kid.id, "k-scams-quiz", "q1", '"a"', 1.0, 10)  # at home, before the day
    store.record_level_result(kid.id, "k-scams-quiz", "scams", "9-12", 1.0, 3)
    # The day's play two seconds later (the store keeps times to the second): its clock moves on.
    class TwoSecondsLater(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.now(tz) + timedelta(seconds=2)

    monkeypatch.setattr(storefile, "datetime", TwoSecondsLater)
    # On the day: a question of the level played at home answered again (not finished: its stars are still home's).
    store.record_attempt(kid.id, "k-scams-quiz", "q1", '"a"', 1.0, 10, session_id=session.id)
    store.record_attempt(kid.id, "k-passwords-quiz", "q1", '"b"', 1.0, 10, session_id=session.id)
    store.record_level_result(kid.id, "k-passwords-quiz", "passwords", "9-12", 0.5, 1)
    pr = player_results(store, kid, session)
    assert set(pr.levels) == {"k-passwords-quiz"}
    store.close()
