"""Line breaking never breaks where Unicode's line breaking algorithm (UAX #14) forbids it.

``uniseg`` (a maintained UAX #14 implementation) is the oracle. The breaker is a tailoring
that breaks *less* often (kinsoku, no hyphen breaks in isolates), so the test checks that
every break it allows is also a UAX #14 break opportunity, on the characters the catalogs use:
one representative of each group of characters that both breakers treat alike, every pair
of them with and without a space between, and a sample of the real catalog strings.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

from sango_game.text import breaking as br

uniseg_lb = pytest.importorskip("uniseg.linebreak")

LOCALES = Path(__file__).resolve().parents[1] / "locales"


def _catalog_text() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(LOCALES.glob("*/LC_MESSAGES/messages.po"))]


CURLY = set("“”‘’")


def _tailored(s: str, i: int) -> bool:
    """The breaker's one deliberate difference: Chinese text may break between a CJK character
    (or an em dash) and a curly quotation mark, as Chinese typesetting does (and UAX #14 itself
    since Unicode 15.1, rule LB19a); the kinsoku rules still keep “ off line ends and ” off
    line starts."""
    a, b = s[i - 1], s[i]
    return (a in CURLY and (br.is_cjk(b) or b in br.EM_DASHES)) or (b in CURLY and (br.is_cjk(a) or a in br.EM_DASHES))


def _ours(s: str) -> set[int]:
    return {start for start, _, _ in br.segments(s)[1:] if not _tailored(s, start)}


def _theirs(s: str) -> set[int]:
    return set(uniseg_lb.line_break_boundaries(s))


def _group_key(c: str) -> tuple:
    sets = (br.NO_START, br.NO_END, br.BREAKING_SPACES, br.GLUE, br.EM_DASHES, br.NO_SPLIT_DOUBLES,
            br.NO_BREAK_BEFORE, br.NO_BREAK_AFTER, br.QUOTES)
    return (str(uniseg_lb.line_break(c)), br.is_cjk(c), br.is_mark(c), c.isalpha(), c in "-\u2010",
            *(c in s for s in sets))


def test_no_break_that_uax14_forbids_between_any_two_characters_the_game_uses():
    chars = set("".join(_catalog_text())) - set("\r\n")
    groups: dict[tuple, list[str]] = defaultdict(list)
    for c in chars:
        if unicodedata.category(c) not in ("Cc", "Cs"):
            groups[_group_key(c)].append(c)
    reps = [min(v) for v in groups.values()]
    assert len(reps) > 20
    bad = []
    for a in reps:
        for b in reps:
            for s in (f"x{a}{b}x", f"x{a} {b}x"):
                extra = _ours(s) - _theirs(s)
                if extra:
                    bad.append(f"{s!r} at {sorted(extra)}")
    assert not bad, f"{len(bad)} breaks UAX #14 forbids, e.g. {bad[:10]}"


@pytest.mark.heavy(3)
def test_no_break_that_uax14_forbids_in_catalog_strings_sample():
    lines = sorted({ln for text in _catalog_text() for ln in text.splitlines()
                    if ln.startswith(("msgstr", "msgid")) and len(ln) > 12})
    # About 400 lines spread evenly over the six catalogs (uniseg is slow; the test above covers
    # every pair of the characters the catalogs use, this one real sentences).
    sample = lines[:: max(1, len(lines) // 400)]
    assert len(sample) >= 400
    bad = []
    for ln in sample:
        s = ln.split('"', 1)[1].rstrip('"').replace('\\"', '"')
        extra = _ours(s) - _theirs(s)
        if extra:
            bad.append(f"{s!r} at {sorted(extra)}")
    assert not bad, f"{len(bad)} strings break where UAX #14 forbids, e.g. {bad[:5]}"


@pytest.mark.parametrize("text", ["read and /or write", "A /B", "12/03/2025", "http://example.org /path"])
def test_no_line_starts_with_a_slash(text):
    for start, _, _ in br.segments(text):
        assert text[start] != "/", text
