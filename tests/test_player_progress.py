"""One PlayerProgress interface: a saved profile and a guest behave the same for the game."""

import pytest

from sango_game.core.journey import finish_level, is_unlocked
from sango_game.progress import ProgressStore
from sango_game.progress.player import GuestProgress, StoredProgress


@pytest.fixture(params=["guest", "stored"])
def player(request, tmp_path):
    if request.param == "guest":
        yield GuestProgress()
        return
    with ProgressStore.open(tmp_path / "p.sqlite3") as store:
        yield StoredProgress(store, store.create_profile("Ada", "cat").id)


def test_finishing_levels_keeps_the_best_and_awards_badges_once(player, fixture_catalog):
    level = fixture_catalog.levels["k-strangers-scenario"]
    first = finish_level(player, fixture_catalog, level, 0.7, 2, "end-good")
    assert "first-steps" in first
    again = finish_level(player, fixture_catalog, level, 0.2, 1, "end-risky")
    assert "first-steps" not in again and "explorer" in again
    result = player.level_results()["k-strangers-scenario"]
    assert (result.best_stars, result.best_score, result.plays, result.completed) == (2, 0.7, 2, True)
    assert result.endings == {"end-good", "end-risky"}
    assert {"first-steps", "explorer"} <= player.badge_ids()
    assert not player.award_badge("first-steps")


def test_only_a_saved_player_keeps_answers(player):
    player.record_attempt("k-passwords-quiz", "q1", '"a"', 1.0, 1200, session_id=None)
    assert len(player.attempts()) == (1 if player.saved else 0)


def test_unlocking_follows_the_levels_shown():
    class Lv:
        def __init__(self, id, order):
            self.id, self.order = id, order

    a, b, c = Lv("a", 1), Lv("b", 2), Lv("c", 3)

    class Done:
        completed = True

    assert is_unlocked(a, [a, b, c], {})
    assert not is_unlocked(c, [a, b, c], {"a": Done()})
    assert is_unlocked(c, [a, b, c], {"a": Done(), "b": Done()})
    assert is_unlocked(c, [a, c], {"a": Done()})  # b is not in this playlist
    assert is_unlocked(c, [a, b, c], {}, unlock_all=True)
