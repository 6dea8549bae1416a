"""Six languages: complete catalogs, safe fallbacks, plural rules, names in their own script, number formats."""

import shutil
from pathlib import Path

import pytest

from sango_game.i18n import LANGUAGES, Translator, native_name, normalize_code, po_path
from sango_game.i18n_tools import check, extract, read_catalog, write_catalog

ROOT = Path(__file__).resolve().parent.parent


def test_template_is_up_to_date():
    """Every UI and level string is in locales/messages.pot (run `sango-game i18n update` after edits)."""
    fresh = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in extract(ROOT) if m.id}
    pot = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in read_catalog(ROOT / "locales" / "messages.pot") if m.id}
    assert fresh - pot == set(), f"not in messages.pot: {sorted(fresh - pot)[:10]}"
    assert pot - fresh == set(), f"obsolete in messages.pot: {sorted(pot - fresh)[:10]}"


@pytest.mark.parametrize("code", [lang.code for lang in LANGUAGES])
def test_catalog_complete_and_correct(code):
    """100% translated: no missing or fuzzy entry, placeholders intact, right plural count, drawable glyphs."""
    report = next(r for r in check(ROOT) if r.code == code)
    assert report.total > 1000
    assert report.problems == [], f"{len(report.problems)} problems, e.g.:\n" + "\n".join(report.problems[:15])
    assert report.translated == report.total


def test_check_catches_every_kind_of_problem(tmp_path):
    root = tmp_path / "proj"
    shutil.copytree(ROOT / "locales", root / "locales")
    po = po_path("ru", root / "locales")
    cat = read_catalog(po, "ru")
    msgs = [m for m in cat if m.id and not m.pluralizable]
    plural = next(m for m in cat if m.pluralizable)
    fmt = next(m for m in msgs if "{" in m.id)
    msgs[0].string = ""  # missing
    msgs[1].string = "Что-то"
    msgs[1].flags.add("fuzzy")  # fuzzy
    fmt.string = "Привет, {x}"  # placeholder mismatch
    plural.string = ("{n} раз", "{n} раза")  # 2 forms instead of 3
    english = next(m for m in msgs[2:] if m is not fmt and "{" not in m.id and len(m.id.split()) >= 4)
    english.string = english.id  # English left untranslated
    write_catalog(cat, po)
    ar = po_path("ar", root / "locales")
    cat = read_catalog(ar, "ar")
    m = next(m for m in cat if m.id and not m.pluralizable and "{" not in m.id)
    m.string = m.string + " \U0001F9FF"  # a character no bundled font draws
    write_catalog(cat, ar)
    reports = {r.code: r for r in check(root)}
    text = "\n".join(reports["ru"].problems)
    assert "not translated" in text and "fuzzy" in text and "placeholder" in text and "plural forms, ru needs 3" in text
    assert "the translation is the English text" in text
    assert any("font cannot draw" in p for p in reports["ar"].problems)


def test_missing_or_broken_translation_falls_back_to_english(tmp_path):
    root = tmp_path / "locales"
    shutil.copytree(ROOT / "locales", root)
    po = po_path("fr", root)
    cat = read_catalog(po, "fr")
    cat.get("Play").string = ""
    welcome = cat.get("Welcome back, {nickname}!")
    welcome.string = "Bon retour, {surnom} !"  # a translator typo in the placeholder
    write_catalog(cat, po)
    tr = Translator("fr", root=root)
    assert tr._("Play") == "Play"
    assert tr.f("Welcome back, {nickname}!", nickname="Zoé") == "Welcome back, Zoé!"
    assert tr._("Settings") != "Settings"


def test_damaged_catalog_does_not_stop_the_game(tmp_path):
    root = tmp_path / "locales"
    shutil.copytree(ROOT / "locales", root)
    po_path("es", root).write_bytes(b"\x00\xff garbage")
    tr = Translator("es", root=root)
    assert tr._("Play") == "Play"


@pytest.mark.parametrize("code,expected", [("ar", 6), ("ru", 3), ("zh_Hans", 1), ("fr", 2), ("es", 2), ("en", 2)])
def test_plural_forms(code, expected):
    lang = next(l for l in LANGUAGES if l.code == code)
    cat = read_catalog(po_path(code, ROOT / "locales"), lang.babel)
    assert cat.num_plurals == expected


def test_arabic_and_russian_pick_distinct_plural_forms():
    ar = Translator("ar")
    forms = {ar.nf("You earned {n} star of 3.", "You earned {n} stars of 3.", n) for n in (0, 1, 2, 3, 11, 100)}
    assert len(forms) == 6, forms
    ru = Translator("ru")
    forms = [ru.nf("{n} badge", "{n} badges", n) for n in (1, 2, 5, 21)]
    assert forms[0] != forms[1] != forms[2] and forms[0].replace("1", "21") == forms[3]


def test_language_names_in_their_own_script():
    names = {lang.code: native_name(lang.code) for lang in LANGUAGES}
    assert names == {"ar": "العربية", "zh_Hans": "中文 (简体)", "en": "English", "fr": "Français", "ru": "Русский", "es": "Español"}


def test_locale_numbers():
    assert Translator("fr").number(1234.5) == "1\u202f234,5"
    assert Translator("ru").number(1234.5) == "1\u00a0234,5"
    assert Translator("en").number(1234.5) == "1,234.5"
    assert Translator("es").percent(0.5).replace("\xa0", " ") == "50 %"


def test_system_language_detection():
    assert normalize_code("fr_CA.UTF-8") == "fr"
    assert normalize_code("zh-CN") == "zh_Hans"
    assert normalize_code("zh_TW") is None
    assert normalize_code("ar_EG") == "ar"
    assert normalize_code("de_DE") is None
