"""The size search of fit (sango_game/text/sizing.py): the answer of a plain halving search from any
guess, and few sizes measured when the guess is good."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from sango_game.text import sizing  # noqa: E402
from sango_game.text.engine import TextEngine  # noqa: E402


def _halving(ok, min_size, hi):
    """The search fit used before the guess: ok(hi), then halving [min_size, hi]."""
    if ok(hi):
        return hi
    lo, top = min_size, hi
    while top - lo > 1:
        mid = (lo + top) // 2
        lo, top = (mid, top) if ok(mid) else (lo, mid)
    return lo if lo < hi and (lo > min_size or ok(lo)) else None


@given(min_size=st.integers(1, 20), span=st.integers(0, 40), data=st.data())
def test_largest_answers_as_halving_does_from_any_guess(min_size, span, data):
    hi = min_size + span
    threshold = data.draw(st.integers(min_size - 1, hi), label="largest size that fits")
    guess = data.draw(st.none() | st.integers(-5, hi + 5), label="guess")
    asked: list[int] = []

    def ok(s):
        assert min_size <= s <= hi, f"asked {s} outside [{min_size}, {hi}]"
        asked.append(s)
        return s <= threshold

    got = sizing.largest(ok, min_size, hi, guess)
    assert got == _halving(lambda s: s <= threshold, min_size, hi)
    assert got == (threshold if threshold >= min_size else None)
    if min_size in asked:  # the smallest size is asked only when it is the answer or none is
        assert got in (min_size, None)
    if guess is not None and min_size < threshold == guess < hi:  # a right guess: at most three questions
        assert set(asked) == {hi, guess, guess + 1} and len(asked) == len(set(asked))


@given(st.lists(st.booleans(), min_size=1, max_size=30), st.integers(0, 40))
def test_largest_gives_a_size_that_fits_below_one_that_does_not_when_sizes_are_not_monotonic(fits, guess):
    """Hinting can make a size fit where a smaller one does not: the answer still fits and, unless
    it is the largest size, the next size up does not (as halving promises)."""
    min_size, hi = 10, 10 + len(fits) - 1

    def ok(s):
        return fits[s - min_size]

    got = sizing.largest(ok, min_size, hi, guess)
    if got is None:
        assert not ok(min_size)
    else:
        assert ok(got) and (got == hi or not ok(got + 1))


def test_fit_measures_few_sizes_from_the_guess():
    """A paragraph that has to shrink a lot is measured at its size, the guess and the size above
    it (halving from the middle of 12..40 measured five sizes)."""
    eng = TextEngine()
    eng.glyphs = False
    text = ("Zorbel quintary plavish moodrent. " * 12).strip()  # words no other test measures
    size = eng.fit(text, "en", 40, 320, 160, min_size=12)
    assert 12 < size < 30
    measured = {s for (s, _bold) in eng._paragraph(text, "en").seg_widths}
    assert size in measured and size + 1 in measured and len(measured) <= 4, sorted(measured)


def test_guess_is_none_without_measured_words():
    eng = TextEngine()
    p = eng._paragraph("Words never measured at size 37 by anything", "en")
    assert sizing.guess_size([p], 37, False, 200, 100, 12, lambda s: s) is None
