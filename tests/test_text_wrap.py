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
