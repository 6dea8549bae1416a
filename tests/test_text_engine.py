"""TextEngine API: alignment, fit, caches, overflow hook, fonts on disk, missing glyphs."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
import pytest  # noqa: E402

from sango_game.resources import asset_path  # noqa: E402
from sango_game.text import RTL_LANGS, TextEngine, is_rtl, missing_glyphs  # noqa: E402
from sango_game.text import fonts as fontmod  # noqa: E402

from .test_text_bidi import INK, alpha_rows  # noqa: E402

FONT_DIR = asset_path("fonts")
FONT_FILES = ["NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSansArabic-Regular.ttf",
              "NotoSansArabic-Bold.ttf", "NotoSansSC-Regular.otf", "NotoSansSC-Bold.otf"]
AR_PARA = "مرحبًا يا سامي! لديك 123 نجمة. لا تشارك كلمة السر مع أي أحد، حتى مع أصدقائك."


@pytest.fixture(scope="module")
def engine():
    pygame.font.init()
    return TextEngine()


def ink_columns(surf: pygame.Surface, y0: int, y1: int) -> tuple[int, int]:
    """Leftmost and rightmost inked column between rows y0 and y1."""
    rows = alpha_rows(surf)[y0:y1]
    cols = [x for x in range(surf.get_width()) if any(row[x] for row in rows)]
    return min(cols), max(cols)


# --- language helpers ------------------------------------------------------------------------


def test_rtl_languages():
    assert RTL_LANGS == frozenset({"ar"})
    assert is_rtl("ar") and is_rtl("ar_EG") and is_rtl("AR")
    assert not any(is_rtl(code) for code in ("zh_Hans", "en", "fr", "ru", "es"))


def test_importing_the_package_does_not_import_pygame():
    code = "import sys, sango_game.text as t; t.missing_glyphs('abc', 'en'); print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parent.parent)
    assert out.stdout.strip() == "False"


# --- alignment -----------------------------------------------------------------------------


def test_rtl_start_alignment_is_right(engine):
    lay = engine.layout(AR_PARA, "ar", 22, max_width=260)
    assert len(lay.lines) >= 3
    surf = engine.render(AR_PARA, "ar", 22, INK, max_width=260)
    last = lay.lines[-1]
    assert last.width < lay.width - 40, "the sample needs a short last line"
    top = (len(lay.lines) - 1) * lay.line_pitch
    left, right = ink_columns(surf, top, top + lay.line_pitch)
    assert right >= surf.get_width() - 4 and left > 30
    # "end" is the opposite, "left"/"right" are absolute
    for align, flush_left in (("end", True), ("left", True), ("right", False), ("start", False)):
        s = engine.render(AR_PARA, "ar", 22, INK, max_width=260, align=align)
        left, right = ink_columns(s, top, top + lay.line_pitch)
        assert (left <= 3) == flush_left, align
    s = engine.render(AR_PARA, "ar", 22, INK, max_width=260, align="center")
    left, right = ink_columns(s, top, top + lay.line_pitch)
    assert abs((left + right) / 2 - s.get_width() / 2) <= 4


def test_ltr_start_alignment_is_left(engine):
    text = "Never share your password with anyone. OK?"
    lay = engine.layout(text, "en", 22, max_width=220)
    assert lay.lines[-1].width < lay.width - 40, "the sample needs a short last line"
    top = (len(lay.lines) - 1) * lay.line_pitch
    s = engine.render(text, "en", 22, INK, max_width=220)
    left, right = ink_columns(s, top, top + lay.line_pitch)
    assert left <= 3 and right < s.get_width() - 30
    s = engine.render(text, "en", 22, INK, max_width=220, align="end")
    left, right = ink_columns(s, top, top + lay.line_pitch)
    assert right >= s.get_width() - 4


def test_bad_alignment_is_refused(engine):
    with pytest.raises(ValueError):
        engine.render("x", "en", 20, INK, align="justify")


# --- fit ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang,text", [("en", "Never share your password with anyone, not even a friend."),
                                       ("ar", AR_PARA),
                                       ("zh_Hans", "请不要把密码告诉任何人，即使是你最好的朋友。上网时要注意安全。")])
def test_fit_finds_the_largest_size_that_fits(engine, lang, text):
    box_w, box_h = 300, 110
    size = engine.fit(text, lang, 40, box_w, box_h, min_size=10)
    assert 10 <= size < 40
    lay = engine.layout(text, lang, size, max_width=box_w)
    assert lay.width <= box_w and lay.height <= box_h and lay.broken_words == 0
    bigger = engine.layout(text, lang, size + 1, max_width=box_w)
    assert bigger.height > box_h or bigger.width > box_w or bigger.broken_words


def test_fit_keeps_the_size_when_it_fits(engine):
    assert engine.fit("OK", "en", 24, 400, 200) == 24
    assert engine.fit("حسنا", "ar", 24, 400, 200) == 24


def test_fit_prefers_whole_words(engine):
    # At 30 px the long word does not fit the width and would be cut: a smaller size keeps it whole.
    text = "Cybersecurity"
    size = engine.fit(text, "en", 30, 120, 200, min_size=8)
    assert engine.layout(text, "en", size, max_width=120).broken_words == 0
    assert size < 30


# fit()'s preferences, best first: whole words with the marks' ink inside the box, whole words, then
# cut words, likewise.
PREFERENCES = ((True, True), (True, False), (False, True), (False, False))


def _layout_fits(engine, text, lang, s, box_w, box_h, strict, ink) -> bool:
    """Whether the whole layout at size ``s`` fits the box under one preference (``strict``: no word
    cut; ``ink``: the marks' ink inside the box too)."""
    lay = engine.layout(text, lang, s, max_width=box_w)
    h = lay.height if ink else lay.height - lay.ink_top - lay.ink_bottom
    return not (lay.overflow or h > box_h or lay.width > box_w or (strict and lay.broken_words))


def _fit_by_trying_every_size(engine, text, lang, size, box_w, box_h, min_size):
    """fit() by its definition: per preference, the largest size whose layout fits; else min_size."""
    for strict, ink in PREFERENCES:
        for s in range(size, min_size - 1, -1):
            if _layout_fits(engine, text, lang, s, box_w, box_h, strict, ink):
                return s
    return min_size


@pytest.mark.parametrize("lang,text,box", [
    ("en", "Never share your password with anyone, not even a friend.", (300, 110)),
    ("en", "Supercalifragilisticexpialidocious words", (60, 200)),  # whole words never fit: cut words
    ("en", "A long sentence that can never fit in such a tiny box at all", (50, 20)),  # nothing fits
    ("en", "Two words", (1000, 15)),  # only the smallest size's lines fit
    ("ar", AR_PARA, (300, 110)),
    ("ar", "تباين عالٍ", (400, 31)),  # marks sticking out of a tight box
    ("zh_Hans", "请不要把密码告诉任何人，即使是你最好的朋友。", (120, 60)),
])
def test_fit_gives_what_trying_every_size_gives(lang, text, box):
    engine = TextEngine()  # its own: the shared one would keep these answers for the other tests
    assert engine.fit(text, lang, 30, *box, min_size=12) == _fit_by_trying_every_size(engine, text, lang, 30, *box, 12)


def test_fit_failure_reports_overflow(engine):
    engine.overflows.clear()
    text = "A long sentence that can never fit in such a tiny box at all"
    assert engine.fit(text, "en", 30, 50, 20, min_size=12) == 12
    assert engine.overflows == [text]
    engine.overflows.clear()


@pytest.mark.parametrize("lang,text", [("en", "A long sentence that can never fit in such a tiny box at all"),
                                       ("ar", AR_PARA)])
def test_measuring_without_glyphs_gives_the_drawn_sizes_and_overflows(lang, text):
    """glyphs=False (the overflow tour) must see exactly what drawing sees: fit, layout, surface size,
    overflow report; only the pixels are left out."""
    drawn, measured = TextEngine(), TextEngine()
    measured.glyphs = False
    for box in ((400, 300), (50, 20)):
        sizes = [e.fit(text, lang, 30, *box, min_size=12) for e in (drawn, measured)]
        assert sizes[0] == sizes[1]
        surfs = [e.render(text, lang, sizes[0], (0, 0, 0), max_width=box[0]) for e in (drawn, measured)]
        assert surfs[0].get_size() == surfs[1].get_size()
        assert surfs[0].get_bounding_rect().w > 0  # drawn: ink
        assert surfs[1].get_bounding_rect().w == 0  # measured: no pixels
    assert drawn.overflows == measured.overflows == [text]  # the tiny box


def test_line_height(engine):
    for lang in ("en", "ar", "zh_Hans"):
        assert engine.line_height(lang, 20) == engine.layout("x", lang, 20).height
        assert engine.line_height(lang, 40) > engine.line_height(lang, 20)
    assert engine.line_height("ar", 20) > engine.line_height("en", 20)
    assert engine.layout("a\nb", "en", 20, line_spacing=2.0).height == 2 * 40


# --- caches -------------------------------------------------------------------------------


def test_render_cache_returns_the_same_surface(engine):
    a = engine.render(AR_PARA, "ar", 20, (1, 2, 3), max_width=300)
    b = engine.render(AR_PARA, "ar", 20, (1, 2, 3), max_width=300)
    assert a is b
    assert engine.render(AR_PARA, "ar", 20, (1, 2, 4), max_width=300) is not a
    assert engine.render(AR_PARA, "ar", 20, (1, 2, 3), max_width=301) is not a
    assert engine.render(AR_PARA, "ar", 20, (1, 2, 3), max_width=300, bold=True) is not a
    assert engine.layout(AR_PARA, "ar", 20, max_width=300) is engine.layout(AR_PARA, "ar", 20, max_width=300)
    engine.clear_cache()
    assert engine.render(AR_PARA, "ar", 20, (1, 2, 3), max_width=300) is not a


def test_render_cache_is_bounded_lru():
    eng = TextEngine(cache_size=3)
    first = eng.render("one", "en", 20, INK)
    for word in ("two", "three"):
        eng.render(word, "en", 20, INK)
    assert eng.render("one", "en", 20, INK) is first  # refreshed: now the most recent
    eng.render("four", "en", 20, INK)  # evicts "two"
    assert eng.render("one", "en", 20, INK) is first
    assert len(eng._renders) == 3


def test_cache_hit_is_fast(engine):
    text = ("Never share your password with anyone. " * 5)[:200]
    engine.render(text, "en", 20, INK, max_width=400)
    t = time.perf_counter()
    for _ in range(2000):
        engine.render(text, "en", 20, INK, max_width=400)
    per_call = (time.perf_counter() - t) / 2000
    assert per_call < 50e-6, f"cache hit took {per_call * 1e6:.1f} µs"


def test_fonts_load_lazily():
    eng = TextEngine()
    eng.layout("Hello", "en", 20)
    assert {k[0].rsplit("/", 1)[-1] for k in eng._fonts} == {"NotoSans-Regular.ttf"}
    eng.layout("你好", "zh_Hans", 20)
    assert any(k[0].endswith("NotoSansSC-Regular.otf") for k in eng._fonts)
    assert not any("Arabic" in k[0] for k in eng._fonts)


def test_color_forms_and_translucency(engine):
    a = engine.render("Hi", "en", 24, "red")
    b = engine.render("Hi", "en", 24, pygame.Color(255, 0, 0))
    assert pygame.image.tobytes(a, "RGBA") == pygame.image.tobytes(b, "RGBA")
    half = engine.render("Hi", "en", 24, (255, 0, 0, 128))
    assert max(alpha_rows(half)[engine.layout("Hi", "en", 24).lines[0].baseline - 5]) <= 128
    # edge pixels keep the text colour (no dark fringe from blending onto black)
    raw = pygame.image.tobytes(a, "RGBA")
    edge = [raw[i:i + 4] for i in range(0, len(raw), 4) if 0 < raw[i + 3] < 255]
    assert edge and all(px[:3] == b"\xff\x00\x00" for px in edge)


def test_surface_is_per_pixel_alpha(engine):
    s = engine.render("Hi", "en", 24, INK)
    assert s.get_flags() & pygame.SRCALPHA
    assert s.get_at((0, 0)).a == 0


def test_empty_and_odd_text(engine):
    lay = engine.layout("", "en", 20)
    assert lay.width == 0 and len(lay.lines) == 1
    assert engine.render("", "en", 20, INK).get_height() == lay.height
    assert engine.render("", "ar", 20, INK).get_size() == (0, engine.line_height("ar", 20))
    s = engine.render("tab\there \x00 nul \ud800 lone", "en", 20, INK)
    assert s.get_width() > 0


# --- fonts on disk ------------------------------------------------------------------------


def test_bundled_fonts_exist_and_are_small():
    total = 0
    for name in FONT_FILES:
        path = FONT_DIR / name
        assert path.is_file(), name
        total += path.stat().st_size
    assert total < 12 * 1024 * 1024
    ofl = (FONT_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in ofl and "Google" in ofl and "Adobe" in ofl
    readme = (FONT_DIR / "README.md").read_text(encoding="utf-8")
    assert all(name in readme for name in FONT_FILES)


def test_fonts_keep_opentype_layout():
    fontTools = pytest.importorskip("fontTools.ttLib")
    for name in FONT_FILES:
        f = fontTools.TTFont(str(FONT_DIR / name), lazy=True)
        assert "GSUB" in f and "GPOS" in f, name
        feats = {fr.FeatureTag for fr in f["GSUB"].table.FeatureList.FeatureRecord}
        feats |= {fr.FeatureTag for fr in f["GPOS"].table.FeatureList.FeatureRecord}
        assert "locl" not in feats, name  # no locale-dependent glyph shapes
        assert "kern" in feats, name
        if "Arabic" in name:
            assert {"init", "medi", "fina", "rlig", "mark"} <= feats


def test_builtin_cmap_reader_matches_fonttools():
    pytest.importorskip("fontTools")
    for name in FONT_FILES:
        path = FONT_DIR / name
        assert fontmod._cmap_builtin(path) == fontmod._cmap_fonttools(path), name


def test_chinese_subset_has_all_of_gb2312():
    cmap = fontmod.font_cmap(FONT_DIR / "NotoSansSC-Regular.otf")
    gb = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                gb.add(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    assert len(gb) > 7000
    assert not {c for c in gb if ord(c) not in cmap}
    assert fontmod.font_cmap(FONT_DIR / "NotoSansSC-Bold.otf") == cmap


# --- missing glyphs --------------------------------------------------------------------------


def test_missing_glyphs():
    assert missing_glyphs("你好，世界！", "zh_Hans") == set()
    assert missing_glyphs("你好𠀀", "zh_Hans") == {"𠀀"}  # CJK Extension B: not in the subset
    assert missing_glyphs("丂", "zh_Hans") == {"丂"}  # GBK but not GB2312
    assert missing_glyphs("مرحبًا ٣ (Sango)؟", "ar") == set()
    assert missing_glyphs("Ёжик, Éléonore, ¿Niño? №5 — 10 €", "ru") == set()
    assert missing_glyphs("chess ♞ \t\n\u200f", "en") == {"♞"}
    assert missing_glyphs("", "fr") == set()


def test_fit_that_stops_wrapping_early_answers_as_full_layouts_do():
    """fit() drops a size as soon as its wrap needs more lines than the box holds; the answers
    must be those of laying every size out in full (the former fit), in boxes of every shape."""
    def full_fit(eng, text, lang, size, box_w, box_h):
        def fits(s, strict, ink):
            return _layout_fits(eng, text, lang, s, box_w, box_h, strict, ink)
        for strict, ink in PREFERENCES:
            if fits(size, strict, ink):
                return size
            if fits(12, strict, ink):
                lo, hi = 12, size
                while hi - lo > 1:
                    mid = (lo + hi) // 2
                    lo, hi = (mid, hi) if fits(mid, strict, ink) else (lo, mid)
                return lo
        return 12

    fast, full = TextEngine(), TextEngine()
    sizes = set()
    for lang, text in (("ar", AR_PARA), ("en", "A long sentence that wraps onto several lines in a narrow box"),
                       ("zh_Hans", "请不要把密码告诉任何人，即使是你最好的朋友。上网时要注意安全。")):
        for box_w in (60, 140, 260, 500):
            for box_h in (0, 30, 61, 95, 160, 400):
                got = fast.fit(text, lang, 32, box_w, box_h, min_size=12)
                assert got == full_fit(full, text, lang, 32, box_w, box_h), (lang, box_w, box_h)
                sizes.add(got)
    assert len(sizes) > 5  # boxes that fit at full size, at sizes in between and not at all
