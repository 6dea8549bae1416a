"""The language table is the one source of language facts, and its facts are right."""

import gettext

import pytest

from sango_game import i18n, languages, speech
from sango_game.languages import TABLE
from sango_game.resources import locales_path
from sango_game.text import fonts


def test_every_language_has_a_catalog_and_a_unique_code():
    codes = [lang.code for lang in TABLE]
    assert len(codes) == len(set(codes)) == 6
    for code in codes:
        if code != "en":
            assert i18n.po_path(code, locales_path()).exists(), code


@pytest.mark.parametrize("lang", TABLE, ids=lambda lang: lang.code)
def test_plural_formula_is_a_valid_gettext_rule_with_the_declared_number_of_forms(lang):
    expr = lang.plural_forms.split("plural=", 1)[1].rstrip(";")
    rule = gettext.c2py(expr)
    forms = {rule(n) for n in [*range(300), 1_000_000, 2_000_000]}
    assert forms == set(range(lang.nplurals))


def test_plural_rules_follow_cldr():
    def form(code, n):
        return gettext.c2py(languages.BY_CODE[code].plural_forms.split("plural=", 1)[1].rstrip(";"))(n)

    assert [form("ar", n) for n in (0, 1, 2, 3, 11, 100)] == [0, 1, 2, 3, 4, 5]
    assert [form("fr", n) for n in (0, 1, 2, 1_000_000)] == [0, 0, 2, 1]
    assert [form("es", n) for n in (0, 1, 2, 1_000_000)] == [2, 0, 2, 1]
    assert [form("ru", n) for n in (1, 2, 5, 21)] == [0, 1, 2, 0]
    assert {lang.code: lang.nplurals for lang in TABLE} == {"ar": 6, "zh_Hans": 1, "en": 2, "fr": 3, "ru": 3, "es": 3}


@pytest.mark.parametrize("lang", TABLE, ids=lambda lang: lang.code)
def test_number_system_is_the_one_babel_formats_with(lang):
    from babel import Locale

    assert Locale.parse(lang.babel).default_numbering_system == lang.number_system


def test_other_modules_read_the_table():
    assert i18n.LANGUAGES is TABLE
    assert i18n.get_language("ar-EG").rtl and not i18n.get_language("fr").rtl
    assert fonts.RTL_LANGS == {lang.code for lang in TABLE if lang.rtl}
    assert fonts.chain_for("ar")[:2] == languages.BY_CODE["ar"].font_faces
    assert fonts.chain_for("zh_Hans")[:2] == languages.BY_CODE["zh_Hans"].font_faces
    assert fonts.metrics_for("ar").factor == languages.BY_CODE["ar"].line_metrics[2]
    assert all(face in fonts.FACES for lang in TABLE for face in lang.font_faces)
    assert speech.ESPEAK_VOICES["zh_Hans"] == "cmn" and speech.SAY_VOICES["fr"] == "Thomas"
    assert languages.BY_CODE["zh_Hans"].sentence_separator == "" and languages.BY_CODE["ru"].sentence_separator == " "


def test_unknown_code_falls_back_to_english():
    assert languages.info("xx").code == "en"
    assert languages.info(None).code == "en"
