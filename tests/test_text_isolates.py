"""Values isolated in translated sentences read correctly in Arabic, and isolates stay invisible.

Each order test also lays out the same sentence *without* isolates and checks it shows the
old fault ("111 116"), so the test proves the isolate is what fixes it.
"""

from __future__ import annotations

import os
import subprocess
import sys

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
import pytest  # noqa: E402

from sango_game.classroom.csvout import safe_cell  # noqa: E402
from sango_game.i18n import FSI, PDI, Translator, format_isolated, plain_text  # noqa: E402
from sango_game.text import TextEngine  # noqa: E402
from sango_game.text.cache import LRUCache  # noqa: E402

INK = (10, 10, 10)


@pytest.fixture(scope="module")
def engine():
    pygame.font.init()
    return TextEngine()


def visual(engine: TextEngine, text: str, lang: str = "ar", max_width: int | None = None) -> list[str]:
    """Each line's characters in visual order, left to right (RTL runs reversed)."""
    lay = engine.layout(text, lang, 24, max_width=max_width)
    return ["".join(r.text[::-1] if r.rtl else r.text for r in line.runs) for line in lay.lines]


@pytest.mark.parametrize(("template", "fields", "shown", "broken"), [
    ("خط مساندة الطفل المحلي: {helpline}", {"helpline": "116 111"}, "116 111", "111 116"),
    ("التحسّن: {sign}{points} نقطة", {"sign": "+", "points": "15"}, "+15", "15+"),
    ("يوم الأمان على الإنترنت {date}", {"date": "2025-03-12 14:05"}, "2025-03-12 14:05", "12-03-2025"),
    ("استعدنا النسخة المحفوظة في {date} و{time}.", {"date": "12/03/2025", "time": "+3"}, "12/03/2025", None),
    ("النتيجة {a} من {b}", {"a": "-2", "b": "10"}, "-2", "2-"),
])
def test_isolated_values_keep_their_order_in_arabic(engine, template, fields, shown, broken):
    isolated = format_isolated(template, fields, isolate=True)
    assert FSI in isolated and PDI in isolated
    assert shown in visual(engine, isolated)[0]
    if broken is not None:  # without isolates the same sentence reads wrongly
        assert broken in visual(engine, template.format(**fields))[0]


def test_translator_isolates_placeholders_in_arabic_only_where_needed():
    ar = Translator("ar")
    text = ar.f("Local child helpline: {helpline}", helpline="116 111")
    assert f"{FSI}116 111{PDI}" in text
    en = Translator("en")
    assert en.f("Local child helpline: {helpline}", helpline="116 111") == "Local child helpline: 116 111"
    # an Arabic nickname in an English sentence is isolated even there
    assert f"{FSI}سارة{PDI}" in en.f("Well done, {name}!", name="سارة")
    assert en.f("{sign}{points} points", sign="+", points=15) == "+15 points"


@pytest.mark.parametrize("value", ["sango-game check", "k-scams-quiz", "https://example.org/a-b"])
def test_isolated_commands_never_split_at_a_hyphen(engine, value):
    text = format_isolated("يمكن لمعلّمك تشغيل ({cmd}) الآن.", {"cmd": value}, isolate=True)
    checked = 0
    for width in range(60, 420, 20):
        lay = engine.layout(text, "ar", 24, max_width=width)
        if lay.broken_words:  # the value alone is wider than the line: cut, not broken
            continue
        checked += len(lay.lines) > 1
        for line in lay.lines:
            shown = plain_text(line.text).rstrip()
            assert not shown.endswith("-"), (width, [ln.text for ln in lay.lines])
        # the parentheses stay with the value on one line
        assert any("(" in ln.text and ")" in ln.text for ln in lay.lines), (width, [ln.text for ln in lay.lines])
    assert checked >= 3


def test_latin_identifier_in_arabic_catalog_text_not_split_at_hyphen(engine):
    text = "يمكن لمعلّمك تشغيل «sango-game check» أو فتح k-scams-quiz."
    for width in range(80, 300, 10):
        lay = engine.layout(text, "ar", 24, max_width=width)
        if lay.broken_words:
            continue
        for line in lay.lines:
            assert not line.text.rstrip().endswith("-"), width


def test_isolates_are_drawn_invisibly(engine):
    for lang, plain in (("en", "Score: 15 points"), ("ar", "النتيجة: 15 نقطة")):
        with_iso = plain.replace("15", f"{FSI}15{PDI}")
        a = engine.render(with_iso, lang, 24, INK)
        b = engine.render(plain, lang, 24, INK)
        assert a.get_size() == b.get_size()
        assert pygame.image.tobytes(a, "RGBA") == pygame.image.tobytes(b, "RGBA")
        assert all(FSI not in r.text and PDI not in r.text for ln in engine.layout(with_iso, lang, 24).lines
                   for r in ln.runs)


def test_isolates_do_not_leave_the_screen():
    text = Translator("ar").f("Local child helpline: {helpline}", helpline="116 111")
    assert FSI not in plain_text(text) and PDI not in plain_text(text)
    assert safe_cell(text) == plain_text(text)
    assert safe_cell(f"{FSI}+15{PDI}") == "'+15"  # the formula guard still sees the sign


def test_speech_gets_no_isolates(monkeypatch):
    from sango_game import speech as speech_mod

    spoken = []
    sp = speech_mod.Speech.__new__(speech_mod.Speech)
    monkeypatch.setattr(sp, "command", lambda text, lang: spoken.append(text) or None, raising=False)
    monkeypatch.setattr(speech_mod.threading, "Thread", lambda target, args, daemon: type(
        "T", (), {"start": lambda self: spoken.append(args[0])})(), raising=True)
    sp.enabled = True
    monkeypatch.setattr(speech_mod.Speech, "available", property(lambda self: True))
    monkeypatch.setattr(sp, "stop", lambda: None, raising=False)
    sp.say(f"خط المساندة {FSI}116 111{PDI}", "ar")
    assert spoken and all(FSI not in s and PDI not in s for s in spoken)


def test_layout_module_does_not_import_pygame():
    code = "import sys, sango_game.text.layout as m; print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "False"


def test_lru_cache_forgets_least_recently_used():
    c: LRUCache[int] = LRUCache(2)
    c.put("a", 1)
    c.put("b", 2)
    assert c.get("a") == 1  # "a" is now the most recent
    c.put("c", 3)
    assert "b" not in c and c.get("a") == 1 and c.get("c") == 3 and len(c) == 2
    with pytest.raises(ValueError):
        LRUCache(0)
