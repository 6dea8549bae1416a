"""Line wrapping in the six languages, Chinese kinsoku rules, and a property test."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
import pytest  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from sango_game.text import TextEngine  # noqa: E402
from sango_game.text.breaking import NO_END, NO_START, cluster_bounds, segments  # noqa: E402

from .examples import examples

SAMPLES = {
    "ar": "مرحبًا يا سامي! لديك 123 نجمة. لا تشارك كلمة السر (password) مع أي أحد، حتى مع أصدقائك في Sango. "
          "إذا أرسل لك شخص غريب رابطًا، فاسأل شخصًا بالغًا تثق به قبل أن تضغط عليه.",
    "zh_Hans": "你好，小明！你已经获得了123颗星。请不要把密码（password）告诉任何人，即使是你最好的朋友。"
               "上网时要注意安全：遇到陌生人发来的链接，先问问大人。《网络安全》很重要……",
    "en": "Hi Sami! You have 123 stars. Never share your password with anyone, not even your best friend. "
          "If a stranger sends you a link, ask a grown-up you trust before you click on it.",
    "fr": "Salut Sami ! Tu as 123 étoiles. Ne partage jamais ton mot de passe, même avec ton meilleur ami. "
          "« Demande à un adulte » si un inconnu t’envoie un lien : c’est important !",
    "ru": "Привет, Сами! У тебя 123 звезды. Никогда не сообщай свой пароль никому, даже лучшему другу. "
          "Если незнакомец прислал ссылку — спроси взрослого, которому доверяешь.",
    "es": "¡Hola, Sami! Tienes 123 estrellas. ¿Sabías que nunca debes compartir tu contraseña? "
          "Ni siquiera con tu mejor amigo. Si un desconocido te envía un enlace, pregunta a un adulto.",
}


@pytest.fixture(scope="module")
def engine():
    pygame.font.init()
    return TextEngine()


def nonspace(s: str) -> str:
    return "".join(c for c in s if not c.isspace())


@pytest.mark.parametrize("lang", sorted(SAMPLES))
@pytest.mark.parametrize("max_width", [120, 180, 260, 400])
def test_wrapping_keeps_lines_inside_max_width(engine, lang, max_width):
    text = SAMPLES[lang]
    lay = engine.layout(text, lang, 20, max_width=max_width)
    assert len(lay.lines) > 1
    assert not lay.overflow
    if max_width >= 180:  # "（password）" is one unbreakable 130 px unit in Chinese
        assert lay.broken_words == 0
    assert all(ln.width <= max_width for ln in lay.lines)
    assert lay.width <= max_width
    assert nonspace("".join(ln.text for ln in lay.lines)) == nonspace(text)
    surf = engine.render(text, lang, 20, (0, 0, 0), max_width=max_width)
    assert surf.get_width() <= max_width
    assert surf.get_size() == (lay.width, lay.height)
    assert lay.height == len(lay.lines) * engine.line_height(lang, 20)


@pytest.mark.parametrize("lang", ["en", "fr", "ru", "es", "ar"])
def test_space_languages_break_only_at_spaces(engine, lang):
    text = SAMPLES[lang]
    words = text.split()
    lay = engine.layout(text, lang, 20, max_width=200)
    for ln in lay.lines:
        assert ln.text == ln.text.strip()
        assert all(w in words for w in ln.text.split()), ln.text


def test_trailing_punctuation_stays_with_its_word(engine):
    # French puts a space before "!", ":" and "»": they must never start a line.
    text = "Tu as gagné beaucoup de points aujourd’hui ! Bravo : « super » !"
    for width in range(110, 400, 7):  # wider than "« super » !", which cannot be broken
        lay = engine.layout(text, "fr", 18, max_width=width)
        assert lay.broken_words == 0
        for ln in lay.lines:
            assert ln.text[:1] not in "!:»", (width, ln.text)
            assert ln.text[-1:] != "«", (width, ln.text)


def test_spanish_inverted_marks_open_their_sentence(engine):
    text = "Muy bien. ¿Quieres jugar otra vez? ¡Vamos a aprender más cosas hoy!"
    for width in range(60, 400, 9):
        for ln in engine.layout(text, "es", 18, max_width=width).lines:
            assert not ln.text.endswith(("¿", "¡"))


def test_explicit_newlines_are_respected(engine):
    lay = engine.layout("one\ntwo\r\nthree\n\nfive", "en", 20)
    assert [ln.text for ln in lay.lines] == ["one", "two", "three", "", "five"]
    assert lay.lines[4].start == "one\ntwo\r\nthree\n\n".__len__()
    lay = engine.layout("one two\nthree four five six seven", "en", 20, max_width=120)
    assert lay.lines[0].text == "one two"
    assert len(lay.lines) >= 3


def test_overlong_word_is_cut_between_characters(engine):
    word = "Supercalifragilisticexpialidocious"
    lay = engine.layout(f"A {word} word", "en", 20, max_width=100)
    assert lay.broken_words >= 1 and not lay.overflow
    assert all(ln.width <= 100 for ln in lay.lines)
    assert nonspace("".join(ln.text for ln in lay.lines)) == nonspace(f"A {word} word")


def test_character_wider_than_the_line_is_reported(engine):
    engine.overflows.clear()
    lay = engine.layout("W", "en", 40, max_width=5)
    assert lay.overflow and lay.lines[0].text == "W"
    assert engine.overflows == ["W"]
    engine.layout("W", "en", 40, max_width=5)  # reported once, not on every draw
    assert engine.overflows == ["W"]
    engine.overflows.clear()


def test_cluster_bounds_never_split_a_base_from_its_marks():
    text = "e\u0301te\u0301"  # "été" with combining accents
    assert cluster_bounds(text, 0, len(text)) == [2, 3, 5]
    arabic = "بِسْمِ"
    assert cluster_bounds(arabic, 0, len(arabic)) == [2, 4, 6]


# --- Chinese ----------------------------------------------------------------------------------


def test_chinese_breaks_between_any_characters(engine):
    text = "我们一起学习网络安全知识保护自己"
    lay = engine.layout(text, "zh_Hans", 20, max_width=100)
    assert len(lay.lines) >= 3
    assert lay.broken_words == 0
    assert all(ln.width <= 100 for ln in lay.lines)
    widths = [ln.width for ln in lay.lines[:-1]]
    assert min(widths) >= 100 - 20, "lines are filled up to the last character that fits"


def test_chinese_kinsoku_rules(engine):
    text = SAMPLES["zh_Hans"] + "他说：“你好！”然后（笑）。「好的」『明白』【注意】……——结束。"
    # from 150 px on, the longest unbreakable unit ("（password）") fits on a line
    for width in range(150, 420, 3):
        lay = engine.layout(text, "zh_Hans", 18, max_width=width)
        assert lay.broken_words == 0
        for k, ln in enumerate(lay.lines):
            if not ln.text:
                continue
            if k > 0:
                assert ln.text[0] not in NO_START, (width, ln.text)
            if k < len(lay.lines) - 1:
                assert ln.text[-1] not in NO_END, (width, ln.text)
        joined = "".join(ln.text for ln in lay.lines)
        assert "……" in joined and "——" in joined
        assert nonspace(joined) == nonspace(text)


def test_chinese_kinsoku_rules_in_narrow_columns(engine):
    text = "他说：“你好！”然后（笑）。「好的」『明白』【注意】，我们、他们；《书》……——结束。"
    for width in range(92, 220, 2):  # the longest unit, "《书》……", is 5 characters (90 px)
        lay = engine.layout(text, "zh_Hans", 18, max_width=width)
        assert lay.broken_words == 0
        for k, ln in enumerate(lay.lines):
            assert ln.width <= width
            if k > 0:
                assert ln.text[0] not in NO_START, (width, ln.text)
            if k < len(lay.lines) - 1:
                assert ln.text[-1] not in NO_END, (width, ln.text)


def test_kinsoku_segments_glue_punctuation():
    segs = [(s, e) for s, e, _ in segments("你好，世界。（很好）")]
    texts = ["你好，世界。（很好）"[s:e] for s, e in segs]
    assert texts == ["你", "好，", "世", "界。", "（很", "好）"]


def test_latin_inside_chinese_is_not_split(engine):
    text = "请访问www.example.com网站并输入password密码"
    lay = engine.layout(text, "zh_Hans", 20, max_width=120)
    joined = [ln.text for ln in lay.lines]
    assert any("password" in t for t in joined)
    for ln in lay.lines:
        assert ln.width <= 120 or len(ln.text) == 1


# --- property test ------------------------------------------------------------------------

ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéàçÉ"
    "абвгдежзийклмнопрстуфхцчшщъыьэюяЁ"
    "ابتثجحخدذرسشصضطظعغفقكلمنهوي"
    "你好世界网络安全密码朋友学习"
    "0123456789٠١٢٣"
    ".,!?:;()[]«»“”\"'-—…，。！？（）《》「」"
    "     "
)

text_strategy = st.lists(
    st.one_of(st.sampled_from(ALPHABET), st.sampled_from(["Sango", "مرحبا", "你好", "пароль", "e\u0301"])),
    min_size=0, max_size=60,
).map("".join)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=text_strategy, lang=st.sampled_from(["ar", "zh_Hans", "en", "fr", "ru", "es"]),
       size=st.integers(10, 34), max_width=st.integers(8, 320))
def test_wrapping_property(engine, text, lang, size, max_width):
    lay = engine.layout(text, lang, size, max_width=max_width)
    for ln in lay.lines:
        if ln.width > max_width:
            # only a single character (with its marks) may be wider than the line
            assert len(cluster_bounds(ln.text, 0, len(ln.text))) == 1, (ln.text, ln.width)
            assert lay.overflow
        # runs, put back in logical order, give the line's text
        logical = "".join(r.text for r in sorted(ln.runs, key=lambda r: r.start))
        assert logical == ln.text
        # run positions tile the line from left to right
        x = 0
        for r in ln.runs:
            assert r.x == x
            x += r.width
        assert x == ln.width
    assert nonspace("".join(ln.text for ln in lay.lines)) == nonspace(text)
    assert lay.width == max((ln.width for ln in lay.lines), default=0)


# -- fast paths against the general code ---------------------------------------------------------
# Letters of three scripts, marks, digits, spaces, glue, punctuation of every breaking class,
# hyphens, dashes, isolates and a character no bundled face has: every branch of both paths.
_FAST_ALPHABET = ("abcXYZéŁ" "مرحبا" "你好世" "\u064b\u0651\u0301" "0123٣" "  \t\u00a0\u200b\u2060"
                  ".,!?»«()“”-\u2010—…/%$'\"" "\u2068\u2069\u2067\u200f" "\U0001fb00")


def _fake_measure(face: str, size: int, bold: bool, text: str, rtl: bool, script: str) -> int:
    # Not additive (a line is not the sum of its words) and sensitive to every argument.
    return size * len(text) // 3 + sum(map(ord, text)) % 7 + len(face) + rtl + len(script) + bold


def _fake_ink(face: str, size: int, bold: bool, text: str, rtl: bool, script: str) -> tuple[int, int]:
    return size + len(text) % 5, len(text) % 3


def _fast_and_general(text: str, lk: str, sizes: tuple[int, ...], widths: tuple[int | None, ...]):
    """Segments, faces, span pieces and widths, mark checks and layouts, with the fast paths on and off."""
    from sango_game.text import bidi_levels, breaking
    from sango_game.text import layout as tl
    from sango_game.text.fonts import chain_for, coverage

    cov, chain = coverage(None, lk), chain_for(lk)
    results = []
    for on in (True, False):
        tl.fast_paths(on)
        try:
            got = [breaking.segments(text), tl.faces_for(text, cov), tl._may_stick_out(text),
                   bidi_levels.paragraph_levels(text, 1), bidi_levels.paragraph_levels(text, 0)]
            p = tl.Paragraph(text, lk, cov)
            got += [p.levels, p.segments]
            n = len(text)
            spans = [(s, e) for s in range(0, n, 3) for e in range(s, n + 1, 4)]
            got.append([p.pieces(s, e) for s, e in spans])
            for size in sizes:
                lay = tl.Layouter(lk, chain, size, False, _fake_measure, _fake_ink)
                got.append([lay.width(p, s, e) for s, e in spans])
                for w in widths:
                    got.append(lay.layout(text, lambda para: tl.Paragraph(para, lk, cov), w, 1.25))
                    for max_lines in (1, 2):  # fit's question: None when more lines are needed
                        got.append(lay.layout_within(text + "\n" + text[::-1], lambda para: tl.Paragraph(para, lk, cov),
                                                     w, 1.25, max_lines))
        finally:
            tl.fast_paths(True)
        results.append(got)
    return results


# Text of one script (the paragraphs the fast paths are for) and of every script mixed.
_FAST_TEXT = st.one_of(st.text(alphabet=_FAST_ALPHABET, max_size=40),
                       st.text(alphabet="مرحبا\u064b\u0651 ،.!؟-%#()«»", max_size=40),
                       st.text(alphabet="abcé Ł-.,!?'()", max_size=40))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_FAST_TEXT, lk=st.sampled_from(["en", "ar", "zh"]))
def test_fast_paths_match_general_code_on_random_text(text, lk):
    fast, general = _fast_and_general(text, lk, (9, 14), (None, 20, 60))
    assert fast == general


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_fast_paths_match_general_code_on_samples(lang):
    lk = "zh" if lang == "zh_Hans" else lang
    fast, general = _fast_and_general(SAMPLES[lang][:120], lk, (14, 22), (None, 80, 200))
    assert fast == general


@pytest.mark.parametrize("text", [
    "a\u200bbc\u200b d", "mot-de-passe et k\u2010scams", "wait — now——then", "« Bonjour » ! (ok) [x]/y",
    "\u2068one two three four five\u2069 and \u2068sango-game check\u2069", "10\u00a0% et 5\u202f€",
    "e\u0301te\u0301 x\u2060y", "كلمة \u2067Sango 123\u2069 هنا", "你好，世界。（很好）……好", "\U0001fb00 ab\U0001fb00c",
])
def test_fast_paths_match_general_code_on_tricky_text(text):
    for lk in ("en", "ar", "zh"):
        fast, general = _fast_and_general(text, lk, (14,), (None, 30, 90))
        assert fast == general


def test_fast_paths_match_general_code_on_one_script_arabic():
    fast, general = _fast_and_general("لا تشارك كلمة السر مع أي أحد، حتى مع أصدقائك.", "ar", (14, 22), (None, 80))
    assert fast == general


def test_fast_paths_are_taken_for_plain_paragraphs():
    # The comparison above would pass with no fast path at all: check that they are used.
    from sango_game.text import bidi_levels
    from sango_game.text import layout as tl
    from sango_game.text.fonts import coverage

    p = tl.Paragraph(SAMPLES["en"], "en", coverage(None, "en"))
    assert p.uniform and p._bounds is None
    p = tl.Paragraph("لا تشارك كلمة السر، أبدًا!", "ar", coverage(None, "ar"))
    assert p.uniform and bidi_levels._all_rtl(p.text)
    p = tl.Paragraph("كلمة Sango هنا", "ar", coverage(None, "ar"))
    assert not p.uniform and not bidi_levels._all_rtl(p.text)
    p.pieces(0, len(p.text))
    assert p._bounds is not None


def _visible_by_definition(s: str) -> str:
    """What reaches the font, by the definition: no bidi controls, no C0/C1 controls (category Cc), no
    lone surrogates (Cs); a tab becomes a space."""
    import unicodedata

    from sango_game.text.bidi_levels import BIDI_CONTROLS

    return "".join(" " if c == "\t" else c for c in s
                   if c == "\t" or not (c in BIDI_CONTROLS or unicodedata.category(c) in ("Cc", "Cs")))


@given(st.text(alphabet=st.characters(codec=None), max_size=40))
def test_visible_drops_controls_and_surrogates_and_nothing_else(s):
    from sango_game.text.layout import visible

    assert visible(s) == _visible_by_definition(s)


def test_visible_agrees_with_the_definition_on_every_character_below_u3000_and_every_surrogate():
    from sango_game.text.layout import visible

    for cp in [*range(0x3000), *range(0xD800, 0xE000), 0xFEFF, 0xFFFD, 0x10FFFF]:
        assert visible(chr(cp)) == _visible_by_definition(chr(cp)), hex(cp)
    assert visible("a\u00a0b\u202fc\td") == "a\u00a0b\u202fc d"  # no-break spaces are text
