"""Spaced review: a missed question returns on later days until right on two separate days."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sango_game.progress.mastery import due_reviews, item_states, mastered_by_topic, review_key


@dataclass
class A:  # the fields of progress.models.Attempt that mastery reads
    level_id: str
    question_id: str
    score: float
    created_at: str
    id: int = 0


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
        self.log: list[A] = []

    def answer(self, level, q, score):
        self.log.append(A(level, q, score, self.now.isoformat().replace("+00:00", "Z"), len(self.log)))

    def later(self, **kw):
        self.now += timedelta(**kw)


def test_a_miss_comes_back_on_later_days_until_right_on_two_days():
    c = Clock()
    c.answer("k-passwords-quiz", "q1", 0.0)
    assert due_reviews(c.log, c.now) == []  # never straight after the miss
    c.later(hours=3)
    assert due_reviews(c.log, c.now) == []  # same day: still not
    c.later(days=1)
    assert due_reviews(c.log, c.now) == [("k-passwords-quiz", "q1")]
    # Answered right as a review inside another level of the topic: counts for the original.
    c.answer("k-passwords-scenario", review_key("k-passwords-quiz", "q1"), 1.0)
    c.later(hours=2)
    c.answer("k-passwords-quiz", "q1", 1.0)  # right again, but the same day
    c.later(days=1)
    assert due_reviews(c.log, c.now) == [("k-passwords-quiz", "q1")]  # one day is not enough
    c.answer("k-passwords-quiz", "q1", 1.0)
    c.later(days=1)
    assert due_reviews(c.log, c.now) == []
    state = item_states(c.log)[("k-passwords-quiz", "q1")]
    assert state.mastered and not state.pending


def test_a_new_miss_starts_again_and_topics_filter():
    c = Clock()
    c.answer("lv-a", "q1", 1.0)
    c.later(days=1)
    c.answer("lv-a", "q1", 1.0)
    c.later(days=1)
    c.answer("lv-a", "q1", 0.5)  # partly right is a miss
    c.answer("lv-b", "q2", 0.0)
    c.later(days=2)
    assert due_reviews(c.log, c.now) == [("lv-a", "q1"), ("lv-b", "q2")]
    assert due_reviews(c.log, c.now, topic_levels=["lv-b"]) == [("lv-b", "q2")]
    assert due_reviews(c.log, c.now, limit=1) == [("lv-a", "q1")]
    got = mastered_by_topic(c.log, {"t": [("lv-a", "q1"), ("lv-b", "q2"), ("lv-b", "q3")]})
    assert got == {"t": (0, 3)}


def test_days_follow_the_given_utc_offset():
    c = Clock()
    c.now = datetime(2026, 3, 2, 22, 30, tzinfo=UTC)
    c.answer("lv", "q1", 0.0)
    c.later(hours=2)  # 00:30 UTC: a new day in UTC, still the same evening at UTC-3
    assert due_reviews(c.log, c.now) == [("lv", "q1")]
    assert due_reviews(c.log, c.now, utc_offset=timedelta(hours=-3)) == []


def test_with_the_real_store(tmp_path):
    from sango_game.progress import ProgressStore

    store = ProgressStore.open(tmp_path / "p.sqlite3")
    kid = store.create_profile("Olu", "owl")
    store.record_attempt(kid.id, "lv", "q1", '"a"', 0.0, 10)
    later = datetime.now(UTC) + timedelta(days=1)
    assert due_reviews(store.attempts(kid.id), later) == [("lv", "q1")]
    store.close()


def test_due_reviews_come_back_inside_another_quiz_of_the_topic():
    from pathlib import Path

    from sango_game.content import load_catalog
    from sango_game.core.review import is_review, with_reviews

    cat = load_catalog(Path(__file__).resolve().parents[1] / "levels")
    quizzes = [lv for lv in cat.levels.values() if lv.kind == "quiz" and lv.band == "9-12"]
    a, b = quizzes[0], next(lv for lv in quizzes if lv.topic != quizzes[0].topic)
    c = Clock()
    c.answer(a.id, a.questions[0].id, 0.0)
    c.later(days=1)
    # Another level of the same topic would get it; there is one quiz per topic and band, so a
    # level of another topic never does, and the level itself asks it anyway.
    assert with_reviews(b, cat.levels.values(), c.log, c.now) is b
    assert with_reviews(a, cat.levels.values(), c.log, c.now) is a
    twin = type(a)(**{**a.__dict__, "id": a.id + "-2"})
    got = with_reviews(twin, [a, twin], c.log, c.now)
    assert [q.id for q in got.questions[len(a.questions):]] == [f"{a.id}/{a.questions[0].id}"]
    assert is_review(got.questions[-1].id) and got.questions[-1].prompt == a.questions[0].prompt


def test_a_review_round_gathers_the_topic_due_questions_and_counts_for_the_originals():
    from pathlib import Path

    from sango_game.content import load_catalog
    from sango_game.core.review import ROUND_SIZE, is_review_round, review_round, with_reviews

    cat = load_catalog(Path(__file__).resolve().parents[1] / "levels")
    quiz = next(lv for lv in cat.levels.values() if lv.kind == "quiz" and lv.band == "13-18")
    title = cat.topics[quiz.topic].title
    c = Clock()
    for q in quiz.questions:
        c.answer(quiz.id, q.id, 0.0)
    c.answer("other-topic-quiz", "q1", 0.0)
    assert review_round(cat.levels.values(), c.log, c.now, quiz.band, quiz.topic, title) is None  # not the same day
    c.later(days=1)
    rnd = review_round(cat.levels.values(), c.log, c.now, quiz.band, quiz.topic, title)
    assert rnd is not None and is_review_round(rnd.id) and rnd.kind == "quiz" and rnd.title == title
    assert len(rnd.questions) == min(ROUND_SIZE, len(quiz.questions))
    assert [q.id for q in rnd.questions] == [review_key(quiz.id, q.id) for q in quiz.questions[:ROUND_SIZE]]
    assert all(q.check is None for q in rnd.questions)  # never part of a lab's knowledge check
    assert with_reviews(rnd, cat.levels.values(), c.log, c.now) is rnd  # no reviews appended to a round
    # the other band has no such topic answers: nothing due there
    assert review_round(cat.levels.values(), c.log, c.now, "9-12", quiz.topic, title) is None
    # answered right in the round on two days: the first question is no longer due
    first = rnd.questions[0].id
    c.answer(rnd.id, first, 1.0)
    c.later(days=1)
    c.answer(rnd.id, first, 1.0)
    c.later(days=1)
    again = review_round(cat.levels.values(), c.log, c.now, quiz.band, quiz.topic, title, limit=50)
    assert again is not None and first not in [q.id for q in again.questions]
    assert len(again.questions) == len(quiz.questions) - 1
    assert item_states(c.log)[(quiz.id, quiz.questions[0].id)].mastered


def test_a_review_round_is_not_a_level_to_finish():
    from sango_game.core.journey import finish_level
    from sango_game.core.review import round_id
    from sango_game.progress.player import GuestProgress

    player = GuestProgress()
    rnd = type("R", (), {"id": round_id("9-12", "passwords"), "topic": "passwords", "band": "9-12"})()
    assert finish_level(player, None, rnd, 1.0, 3) == []
    assert player.level_results() == {}
