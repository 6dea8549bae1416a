"""Arabic shaping (HarfBuzz through SDL_ttf), font fallback per run, baseline alignment."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
import pytest  # noqa: E402

from sango_game.text import TextEngine  # noqa: E402

from .test_text_bidi import INK, alpha_rows  # noqa: E402


@pytest.fixture(scope="module")
def engine():
    pygame.font.init()
    return TextEngine()


def test_arabic_letters_join(engine):
    word = "نجمة"  # noon, jeem, meem, teh marbuta: all join
    joined = engine.layout(word, "ar", 32).width
    isolated = sum(engine.layout(ch, "ar", 32).width for ch in word)
    assert joined < isolated * 0.95


def test_arabic_contextual_forms_differ_from_isolated(engine):
    """Three beh letters in a row are drawn as initial/medial/final forms, not three isolated ones."""
    size = 40
    word = engine.render("ببب", "ar", size, INK)
    single = engine.render("ب", "ar", size, INK)
    assert word.get_width() < 3 * single.get_width() * 0.8
    # The isolated beh has a wide bowl; the joined word's ink must differ from three copies of it.
    triple = pygame.Surface((single.get_width() * 3, single.get_height()), pygame.SRCALPHA)
    for k in range(3):
        triple.blit(single, (k * single.get_width(), 0))
    assert alpha_rows(word) != alpha_rows(triple.subsurface((0, 0, word.get_width(), word.get_height())))


def test_lam_alef_ligature(engine):
    # lam + alef form one ligature glyph, narrower than the two letters side by side
    assert engine.layout("لا", "ar", 32).width < engine.layout("ل", "ar", 32).width + engine.layout("ا", "ar", 32).width


def test_arabic_runs_use_arabic_font_and_script(engine):
    runs = engine.layout("مرحبا Sango", "ar", 24).lines[0].runs
    by_text = {r.text.strip(): r for r in runs if r.text.strip()}
    assert by_text["مرحبا"].font_key == "arabic" and by_text["مرحبا"].script == "Arab"
    assert by_text["Sango"].font_key == "latin" and by_text["Sango"].script == "Latn"


def test_run_split_where_the_covering_font_changes(engine):
    # Arabic font has no "?" nor Latin letters: they fall back to Noto Sans
    runs = engine.layout("ما اسمك؟ Sami?", "ar", 24).lines[0].runs
    keys = {r.text: r.font_key for r in runs}
    assert keys.get("Sami") == "latin" and keys.get("?") == "latin"
    assert any("اسمك؟" in t and k == "arabic" for t, k in keys.items())


def test_chinese_uses_cjk_face_and_latin_inside(engine):
    runs = engine.layout("你好 Sango 世界", "zh_Hans", 24).lines[0].runs
    assert {r.font_key for r in runs} == {"cjk"}  # the CJK subset has ASCII: one face
    # GB2312 has Russian letters (the CJK face draws them) but not Polish ones
    runs = engine.layout("你好 Ёлка Łódź", "zh_Hans", 24).lines[0].runs
    assert [r.font_key for r in runs if "Ёлка" in r.text] == ["cjk"]
    assert [r.font_key for r in runs if "Łódź" in r.text] == ["latin"]
    runs = engine.layout("Привет, Ёлка", "ru", 24).lines[0].runs
    assert runs[0].script == "Cyrl" and runs[0].font_key == "latin"


def test_fallback_faces_for_other_languages(engine):
    # The language menu shows every language's own name: nothing may turn into boxes.
    runs = engine.layout("English · Français · Русский · 中文 · العربية", "en", 24).lines[0].runs
    assert {r.font_key for r in runs} == {"latin", "cjk", "arabic"}


def test_runs_share_one_baseline(engine):
    """A Latin word and an Arabic word on one line sit on the same baseline."""
    size = 40
    text = "سلام Hello"
    surf = engine.render(text, "ar", size, INK)
    lay = engine.layout(text, "ar", size)
    line = lay.lines[0]
    latin = next(r for r in line.runs if r.text == "Hello")
    # "H" and "l" have no descender: their ink must end exactly on the baseline row.
    rows = alpha_rows(surf)
    bottom = max(y for y, row in enumerate(rows) if any(row[latin.x:latin.x + latin.width]))
    assert abs(bottom - (line.baseline - 1)) <= 1
    # the Arabic run's alef (no descender) also rests on that baseline
    ar_run = next(r for r in line.runs if r.font_key == "arabic" and r.text.strip())
    alef = engine.render("ا", "ar", size, INK)
    alef_bottom = alef.get_bounding_rect().bottom
    alef_lay = engine.layout("ا", "ar", size)
    assert abs((alef_bottom - alef_lay.lines[0].baseline) - 0) <= 2
    assert latin.x < ar_run.x  # the English word ends the RTL line: it is on the left


def test_no_ink_is_clipped(engine):
    """Accented capitals, descenders and Arabic marks fit in the line box."""
    cases = [("en", "ÅÉÇ gjpqy Ёй"), ("ar", "آمنًا جيّد إلى ينبغي"), ("zh_Hans", "你好（世界）gjÁ")]
    for lang, text in cases:
        for size in (14, 18, 24, 32):
            lay = engine.layout(text, lang, size)
            surf = engine.render(text, lang, size, INK)
            total = sum(sum(row) for row in alpha_rows(surf))
            expected = 0
            for run in lay.lines[0].runs:
                f = engine.font(run.font_key, size)
                f.set_direction(pygame.DIRECTION_RTL if run.rtl else pygame.DIRECTION_LTR)
                f.set_script(run.script)
                expected += sum(sum(row) for row in alpha_rows(f.render(run.text, True, INK)))
            engine._font_state.clear()
            assert total >= expected * 0.995, (lang, size)


def test_bold_is_real_and_heavier(engine):
    for lang, text in (("en", "Password"), ("ar", "كلمة السر"), ("zh_Hans", "密码安全")):
        ink = [sum(sum(r) for r in alpha_rows(engine.render(text, lang, 24, INK, bold=b))) for b in (False, True)]
        assert ink[1] > ink[0] * 1.15
        runs = engine.layout(text, lang, 24, bold=True).lines[0].runs
        f = engine.font(runs[0].font_key, 24, bold=True)
        assert "Bold" in f.style_name
