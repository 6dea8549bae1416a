"""Bidirectional text: levels, run order, and what actually reaches the screen (pixels)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
import pytest  # noqa: E402

from sango_game.text import TextEngine  # noqa: E402
from sango_game.text.bidi_levels import line_levels, paragraph_levels, reorder  # noqa: E402

INK = (10, 10, 10)


@pytest.fixture(scope="module")
def engine():
    pygame.font.init()
    return TextEngine()


# --- pixel helpers (no numpy) ---------------------------------------------------------------


def alpha_rows(surf: pygame.Surface) -> list[bytes]:
    w, h = surf.get_size()
    raw = pygame.image.tobytes(surf, "RGBA")[3::4]
    return [raw[y * w:(y + 1) * w] for y in range(h)]


def ink_template(surf: pygame.Surface) -> tuple[list[bytes], int]:
    """Alpha rows of the inked part of a surface, and the top row of that part."""
    box = surf.get_bounding_rect()
    assert box.w and box.h, "nothing drawn"
    return alpha_rows(surf.subsurface(box)), box.y


def find_template(hay: pygame.Surface, tmpl: list[bytes], y: int) -> list[int]:
    """Every x where the template's alpha matches the haystack exactly at row y."""
    rows = alpha_rows(hay)
    tw, th = len(tmpl[0]), len(tmpl)
    hits = []
    if y < 0 or y + th > len(rows):
        return hits
    for x in range(0, len(rows[0]) - tw + 1):
        if all(rows[y + k][x:x + tw] == tmpl[k] for k in range(th)):
            hits.append(x)
    return hits


def plain_ltr(engine: TextEngine, face: str, size: int, text: str) -> pygame.Surface:
    """The way pygame draws ``text`` left to right on its own, with the engine's font."""
    f = engine.font(face, size)
    f.set_direction(pygame.DIRECTION_LTR)
    f.set_script("Zyyy")
    img = f.render(text, True, INK)
    engine._font_state.clear()  # the test changed the font's state behind the engine's back
    return img


def locate(engine, full_text, lang, size, face, part) -> list[int]:
    """x positions where ``part`` (drawn LTR on its own) appears in the engine's rendering."""
    full = engine.render(full_text, lang, size, INK)
    lay = engine.layout(full_text, lang, size)
    solo = plain_ltr(engine, face, size, part)
    tmpl, top = ink_template(solo)
    f = engine.font(face, size)
    y = lay.lines[0].baseline - f.get_ascent() + top
    return find_template(full, tmpl, y)


# --- levels -----------------------------------------------------------------------------


def test_levels_numbers_in_arabic_are_ltr():
    text = "لديك 123 نجمة"
    lv = paragraph_levels(text, 1)
    assert [lv[i] for i in range(5, 8)] == [2, 2, 2]
    assert all(lv[i] == 1 for i in range(0, 5)) and all(lv[i] == 1 for i in range(8, len(text)))


def test_levels_ltr_paragraph_without_rtl_is_all_zero():
    assert set(paragraph_levels("Hello, world (1, 2, 3)!", 0)) == {0}


def test_paired_brackets_rule_n0():
    # Without N0 the ")" would take the Arabic direction and show up at the wrong end.
    text = "ABC (DEF) مرحبا"
    lv = paragraph_levels(text, 1)
    assert lv[text.index("(")] == lv[text.index(")")] == 2


def test_isolates_and_unassigned_do_not_crash():
    text = "a\u2067b\u2069c \U000e0080 مرحبا"
    lv = paragraph_levels(text, 1)
    assert len(lv) == len(text)
    assert lv[-1] == 1 and lv[0] == 2


def test_rule_l1_trailing_spaces_take_paragraph_level():
    text = "abc   "
    assert line_levels(text, (2, 2, 2, 2, 2, 2), 0, 6, 1) == [2, 2, 2, 1, 1, 1]


def test_reorder_rule_l2():
    assert reorder([1, 2, 1]) == [2, 1, 0]
    assert reorder([0, 1, 1, 0]) == [0, 2, 1, 3]
    assert reorder([1, 2, 2, 1]) == [3, 1, 2, 0]
    assert reorder([0, 0]) == [0, 1]


# --- what is drawn -----------------------------------------------------------------------


def test_number_inside_arabic_is_drawn_left_to_right(engine):
    text = "لديك 123 نجمة"
    size = 28
    hits = locate(engine, text, "ar", size, "arabic", "123")
    assert len(hits) == 1, "the digits 123 must appear exactly as a plain left-to-right 123"


def test_naive_single_rtl_run_would_fail_the_digit_check(engine):
    """The check above really catches a whole line shaped RTL in one go ("321")."""
    size = 28
    f = engine.font("arabic", size)
    f.set_direction(pygame.DIRECTION_RTL)
    f.set_script("Arab")
    naive = f.render("لديك 123 نجمة", True, INK)
    engine._font_state.clear()
    tmpl, top = ink_template(plain_ltr(engine, "arabic", size, "123"))
    assert find_template(naive, tmpl, top) == []
    reversed_tmpl, _ = ink_template(plain_ltr(engine, "arabic", size, "321"))
    assert find_template(naive, reversed_tmpl, top), "sanity: pygame alone draws 321"


def test_digit_runs_and_order(engine):
    lay = engine.layout("لديك 123 نجمة", "ar", 24)
    runs = lay.lines[0].runs
    texts = [r.text for r in runs]
    assert texts == [" نجمة", "123", "لديك "]
    assert [r.rtl for r in runs] == [True, False, True]
    assert runs[0].x < runs[1].x < runs[2].x


def test_latin_word_inside_arabic_reads_left_to_right(engine):
    text = "مرحبا بك في Sango اليوم"
    hits = locate(engine, text, "ar", 26, "latin", "Sango")
    assert len(hits) == 1
    lay = engine.layout(text, "ar", 26)
    runs = [r for r in lay.lines[0].runs if r.text.strip()]
    # visual order: "اليوم" on the left, then Sango, then "مرحبا بك في" on the right
    assert [r.text.strip() for r in runs] == ["اليوم", "Sango", "مرحبا بك في"]
    assert runs[1].font_key == "latin" and not runs[1].rtl
    assert runs[0].font_key == runs[2].font_key == "arabic" and runs[0].rtl


def test_nickname_in_arabic_sentence(engine):
    nick = "Super Sami 2000"
    text = f"أحسنت يا {nick}، لقد فزت!"
    hits = locate(engine, text, "ar", 24, "latin", nick)
    assert len(hits) == 1
    runs = engine.layout(text, "ar", 24).lines[0].runs
    # the nickname sits between the end of the sentence (left) and its start (right)
    nick_run = next(r for r in runs if nick in r.text)
    start_run = next(r for r in runs if "أحسنت" in r.text)
    end_run = next(r for r in runs if "فزت" in r.text)
    assert end_run.x < nick_run.x < start_run.x


def test_sentence_punctuation_goes_to_the_left_end_in_arabic(engine):
    size = 28
    text = "هل أنت بخير؟ نعم!"
    full = engine.render(text, "ar", size, INK)
    lay = engine.layout(text, "ar", size)
    f = engine.font("arabic", size)
    tmpl, top = ink_template(plain_ltr(engine, "arabic", size, "!"))
    hits = find_template(full, tmpl, lay.lines[0].baseline - f.get_ascent() + top)
    assert len(hits) == 1
    assert hits[0] <= 3, "the final ! of an RTL sentence is its leftmost glyph"
    runs = lay.lines[0].runs
    assert runs[-1].rtl and runs[-1].text.startswith("هل"), "the sentence starts at the right"


def test_quotes_and_final_stop_in_arabic(engine):
    lay = engine.layout("«مرحبا» قالت سارة.", "ar", 24)
    runs = lay.lines[0].runs
    assert all(r.rtl for r in runs)
    logical = "".join(r.text for r in sorted(runs, key=lambda r: r.start))
    assert logical == "«مرحبا» قالت سارة."
    # the logically last run (with the full stop) is drawn leftmost
    assert max(runs, key=lambda r: r.start) is runs[0]


def test_neutral_between_english_and_arabic_follows_uax9(engine):
    """"!" after an English word, before Arabic, takes the paragraph direction (as in browsers)."""
    runs = engine.layout("اكتب Hello! ثم اضغط", "ar", 24).lines[0].runs
    texts = [r.text for r in runs]
    hello = texts.index("Hello")
    assert "!" in texts[hello - 1] and runs[hello - 1].rtl


def test_parentheses_are_mirrored_in_arabic(engine):
    size = 30
    text = "اسمي (سامي) هنا"
    full = engine.render(text, "ar", size, INK)
    lay = engine.layout(text, "ar", size)
    f = engine.font("latin", size)
    xs = {}
    for glyph in "()":
        tmpl, top = ink_template(plain_ltr(engine, "latin", size, glyph))
        hits = find_template(full, tmpl, lay.lines[0].baseline - f.get_ascent() + top)
        assert len(hits) == 1, glyph
        xs[glyph] = hits[0]
    # On screen the pair still reads "( ... )": the logical "(" is drawn mirrored on the right.
    assert xs["("] < xs[")"]
    assert (xs[")"] - xs["("]) > engine.layout("سامي", "ar", size).width * 0.8


def test_parentheses_around_english_in_arabic(engine):
    text = "لا تشارك كلمة السر (password) مع أحد"
    runs = engine.layout(text, "ar", 22).lines[0].runs
    seq = [r.text for r in runs]
    i = seq.index("password")
    assert seq[i - 1].startswith(")") and seq[i + 1].startswith("(")
    assert runs[i - 1].rtl and runs[i + 1].rtl  # drawn RTL, so HarfBuzz mirrors them


def test_arabic_word_inside_english_paragraph(engine):
    text = "The word سلام means peace."
    runs = engine.layout(text, "en", 24).lines[0].runs
    assert "".join(r.text for r in runs) == text  # one RTL word: visual order equals logical here
    arabic = [r for r in runs if r.rtl]
    assert [r.text for r in arabic] == ["سلام"] and arabic[0].font_key == "arabic"
    assert all(r.font_key == "latin" for r in runs if r.text.strip() and not r.rtl)


def test_bidi_controls_are_not_drawn(engine):
    plain = engine.layout("abc مرحبا", "en", 24)
    marked = engine.layout("abc \u200fمرحبا\u200e", "en", 24)
    assert "".join(r.text for r in marked.lines[0].runs).count("\u200f") == 0
    assert abs(marked.width - plain.width) <= 2


def test_multiline_rtl_keeps_logical_order_per_line(engine):
    text = "السطر الأول 1\nالسطر الثاني 2"
    lay = engine.layout(text, "ar", 24)
    assert [ln.text for ln in lay.lines] == ["السطر الأول 1", "السطر الثاني 2"]
    for ln in lay.lines:
        assert ln.runs[0].text.strip() in ("1", "2"), "the number ends each RTL line, on the left"
