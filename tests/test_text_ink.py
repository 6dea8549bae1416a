"""Arabic marks stacked above the first line or below the last one are not clipped.

The test renders Arabic catalog strings that carry marks (harakat) with the engine and again
by hand on a canvas with a wide margin: the engine's surface must hold all of that ink (the
same total alpha), so nothing fell off its top or bottom edge.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
import pytest  # noqa: E402

from sango_game.text import TextEngine  # noqa: E402

PO = Path(__file__).resolve().parents[1] / "locales" / "ar" / "LC_MESSAGES" / "messages.po"
KNOWN = ["الأكثر خطأً", "تباين عالٍ", "مُمْتَازٌ! أَحْسَنْتَ", "إِنَّ الأَمَانَ أَوَّلًا"]


@pytest.fixture(scope="module")
def engine():
    pygame.font.init()
    return TextEngine()


def _marked_catalog_strings() -> list[str]:
    """Arabic UI strings with a mark above or below (Mn), one line each, without placeholders."""
    out = set()
    for m in re.finditer(r'^msgstr(?:\[\d\])? "(.+)"$', PO.read_text(encoding="utf-8"), re.M):
        s = m.group(1).replace('\\"', '"')
        if "{" not in s and "\\n" not in s and any(unicodedata.category(c) == "Mn" for c in s):
            out.add(s)
    return sorted(out)


def _alpha_sum(surf: pygame.Surface) -> int:
    return sum(pygame.image.tobytes(surf, "RGBA")[3::4])


def _clipped(engine: TextEngine, text: str, max_width: int | None = None) -> int:
    """Alpha lost by the engine's surface compared with the same runs drawn with a margin."""
    lay = engine.layout(text, "ar", 24, max_width=max_width)
    margin = 40
    canvas = pygame.Surface((lay.width + 2 * margin, lay.height + 2 * margin), pygame.SRCALPHA)
    for line in lay.lines:
        x0 = lay.width - line.width  # Arabic: lines start on the right
        for run in line.runs:
            f = engine.font(run.font_key, 24)
            f.set_direction(pygame.DIRECTION_RTL if run.rtl else pygame.DIRECTION_LTR)
            f.set_script(run.script)
            canvas.blit(f.render(run.text, True, (0, 0, 0)), (margin + x0 + run.x, margin + line.baseline - f.get_ascent()))
    engine._font_state.clear()  # the test changed the fonts' state behind the engine's back
    return _alpha_sum(canvas) - _alpha_sum(engine.render(text, "ar", 24, (0, 0, 0), max_width=max_width))


def test_known_strings_keep_their_marks(engine):
    for text in KNOWN:
        assert _clipped(engine, text) == 0, text
        lay = engine.layout(text, "ar", 24)
        assert lay.height > lay.line_pitch  # the box grew for the marks
        assert lay.lines[0].baseline == lay.ink_top + engine.layout("نص", "ar", 24).lines[0].baseline


def test_catalog_strings_with_marks_are_not_clipped(engine):
    strings = _marked_catalog_strings()
    assert len(strings) > 150
    clipped = []
    for k, text in enumerate(strings[::5]):  # every 5th keeps the test at about a second
        max_width = None if k % 2 else 300
        if _clipped(engine, text, max_width):
            clipped.append((text, max_width))
    assert not clipped, f"{len(clipped)} renderings clipped, e.g. {clipped[:5]}"


def test_text_without_overhang_keeps_its_height(engine):
    for lang, text in (("en", "Hello"), ("zh_Hans", "你好"), ("ar", "مرحبا")):
        lay = engine.layout(text, lang, 24)
        assert (lay.ink_top, lay.ink_bottom) == (0, 0)
        assert lay.height == lay.line_pitch


def test_fit_keeps_the_marks_inside_the_box_when_it_can(engine):
    text = "تباين عالٍ"
    pitch = engine.line_height("ar", 24)
    lay = engine.layout(text, "ar", 24, max_width=400)
    assert lay.height > pitch  # at 24 px the marks need more than one line box
    fitted = engine.fit(text, "ar", 24, 400, pitch, min_size=12)
    assert fitted < 24
    assert engine.layout(text, "ar", fitted, max_width=400).height <= pitch
    # a box too low even at the smallest size: the line box fits, the marks hang out
    small = engine.layout(text, "ar", 12, max_width=400)
    tight = small.height - small.ink_top - small.ink_bottom
    if tight < small.height:
        assert engine.fit(text, "ar", 24, 400, tight, min_size=12) == 12
        assert text not in engine.overflows


def test_place_text_lets_marks_hang_out_of_a_tight_box_instead_of_cutting_them(engine):
    from sango_game.drawing import place_text

    text = "الأكثر خطأً"
    size = 24
    pitch = engine.line_height("ar", size)
    canvas = pygame.Surface((600, 200), pygame.SRCALPHA)
    rect = pygame.Rect(50, 80, 500, pitch)
    drawn = place_text(canvas, engine, "ar", True, text, rect, size, (0, 0, 0), min_size=size)
    assert drawn.h <= rect.h + 1 and drawn.y >= rect.y - 1  # the line box is where the box is
    assert _alpha_sum(canvas) == _alpha_sum(engine.render(text, "ar", size, (0, 0, 0), max_width=rect.w))


def test_word_by_word_ink_is_the_ink_of_the_whole_run(engine):
    """The engine measures marks word by word (cached); that must be what rendering the whole
    shaped run shows, rows above and below the baseline (no mark or join crosses a space)."""
    checked = 0
    for text in _marked_catalog_strings()[:60] + KNOWN:
        for size in (18, 31):
            for line in engine.layout(text, "ar", size).lines:
                for run in line.runs:
                    if " " not in run.text.strip():
                        continue  # one word: nothing to compare
                    f = engine.font(run.font_key, size)
                    engine._set_shaping(f, run.rtl, run.script)
                    box = f.render(run.text, True, (0, 0, 0)).get_bounding_rect()
                    whole = (f.get_ascent() - box.top, box.bottom - f.get_ascent())
                    words = engine._run_ink(run.font_key, size, False, run.text, run.rtl, run.script)
                    # the layout uses only the rows that stick out (the clamp at 0 changes nothing there)
                    assert words == (max(0, whole[0]), max(0, whole[1])), (text, size, run.text)
                    checked += 1
    assert checked > 50
