"""Catalog entries that contain a glossary term use the agreed translation (locales/glossary.csv).

A term matches the English msgid on word boundaries, case-insensitively, also inflected ("passwords",
"blocked", "reporting", "scammer").
The translation must then contain the agreed translation or one of the accepted forms for that language.
An accepted form is a lower-case stem; ``a+b`` means both stems must appear (word order and endings
free), which is how inflected languages (Arabic, Russian) are checked without weakening the rule.
Arabic is compared without short-vowel marks and tatweel, all languages with straight apostrophes.
Empty translations are skipped here (the completeness test in test_i18n.py catches them).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from sango_game.i18n import LANGUAGES
from sango_game.i18n_tools import read_catalog_shared as read_catalog

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "locales" / "glossary.csv"
LANGS = {"ar": "ar", "zh_Hans": "zh", "fr": "fr", "ru": "ru", "es": "es"}
HEADER = ["term", "part_of_speech", "ar", "zh_Hans", "fr", "ru", "es", "accepted_forms", "note"]
# English endings that keep the glossary sense: reports, reported, reporting, blocked, scammer...
INFLECTIONS = r"(?:s|es|ed|d|ing|med|ming|mer|mers)?\b"
ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")

# Where the English word is not the glossary sense: locales/glossary_exclusions.csv, keyed by (term, msgctxt, msgid),
# each with its reason. Add to it only for a different meaning, never because a translation is hard to fit.
EXCLUSIONS_FILE = ROOT / "locales" / "glossary_exclusions.csv"


def load_exclusions() -> dict[tuple[str, str | None, str], str]:
    with EXCLUSIONS_FILE.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and set(rows[0]) == {"term", "msgctxt", "msgid", "reason"}, "bad glossary_exclusions.csv header"
    assert all(row["reason"].strip() for row in rows), "every exclusion needs a reason"
    return {(row["term"], row["msgctxt"] or None, row["msgid"]): row["reason"] for row in rows}


EXCLUSIONS = load_exclusions()


def normalize(text: str) -> str:
    text = ARABIC_MARKS.sub("", text)
    return text.replace("\u2019", "'").replace("\u02bc", "'").replace("\u00a0", " ").replace("\u202f", " ").lower()


def load_glossary() -> list[dict]:
    with GLOSSARY.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        assert header == HEADER, f"glossary header must be {HEADER}"
        rows = []
        for line in reader:
            assert len(line) == len(HEADER), f"glossary row {line[:1]} has {len(line)} fields"
            row = dict(zip(HEADER, line, strict=True))
            forms: dict[str, list[list[str]]] = {lang: [] for lang in LANGS}
            prefix = {v: k for k, v in LANGS.items()}
            for item in filter(None, row["accepted_forms"].split("|")):
                code, _, form = item.partition(":")
                assert code in prefix and form, f"bad accepted form {item!r} for {row['term']!r}"
                forms[prefix[code]].append([normalize(s) for s in form.split("+")])
            for lang in LANGS:
                assert row[lang].strip(), f"{row['term']!r} has no {lang} translation"
                forms[lang].insert(0, [normalize(row[lang])])
            row["forms"] = forms
            row["pattern"] = re.compile(r"\b" + re.escape(row["term"]) + INFLECTIONS, re.IGNORECASE)
            rows.append(row)
        return rows


def uses_term(translation: str, forms: list[list[str]]) -> bool:
    text = normalize(translation)
    return any(all(stem in text for stem in form) for form in forms)


def strings(message) -> list[str]:
    return [message.string] if isinstance(message.string, str) else list(message.string)


def english(message) -> str:
    return message.id if isinstance(message.id, str) else " ".join(message.id)


# (glossary, English text) -> the glossary rows whose term it uses: the same for every language.
_TERMS_IN: dict[tuple[int, str], list[dict]] = {}


def violations(lang: str, glossary: list[dict], catalog) -> list[str]:
    found = []
    for message in catalog:
        if not message.id:
            continue
        source = english(message)
        rows = _TERMS_IN.get((id(glossary), source))
        if rows is None:
            rows = _TERMS_IN[(id(glossary), source)] = [row for row in glossary if row["pattern"].search(source)]
        for row in rows:
            if (row["term"], message.context, source) in EXCLUSIONS:
                continue
            for text in strings(message):
                if text and not uses_term(text, row["forms"][lang]):
                    found.append(f"[{row['term']} = {row[lang]}] {message.context}: {source[:70]!r} -> {text[:90]!r}")
                    break
    return found


@pytest.fixture(scope="module")
def glossary() -> list[dict]:
    return load_glossary()


def test_glossary_covers_the_key_terms(glossary):
    terms = {row["term"] for row in glossary}
    needed = {"trusted adult", "block", "report", "password", "scam", "red flag", "grooming", "deepfake", "chatbot"}
    assert needed <= terms
    assert len(terms) == len(glossary), "a term is listed twice"


@pytest.mark.parametrize("lang", list(LANGS))
def test_catalog_uses_the_agreed_terms(lang, glossary):
    # Read with the language table's Babel locale, as the i18n check does: one parsed catalog for both.
    babel = next(language.babel for language in LANGUAGES if language.code == lang)
    catalog = read_catalog(ROOT / "locales" / lang / "LC_MESSAGES" / "messages.po", babel)
    bad = violations(lang, glossary, catalog)
    assert bad == [], f"{len(bad)} entries do not use the glossary term, e.g.:\n" + "\n".join(bad[:25])


def test_exclusions_still_exist_and_still_match():
    """A stale exclusion (the string changed or went away) must be removed, not kept as a silent hole."""
    catalog = read_catalog(ROOT / "locales" / "messages.pot")
    present = {(m.context, english(m)) for m in catalog if m.id}
    for term, context, msgid in EXCLUSIONS:
        assert (context, msgid) in present, f"exclusion for {term!r} names a string that is gone: {msgid[:60]!r}"
        assert re.search(r"\b" + re.escape(term), msgid, re.IGNORECASE), f"{msgid[:60]!r} does not contain {term!r}"


def test_checker_catches_a_wrong_term_and_accepts_an_inflected_one(glossary):
    """The rule can fail: a synonym outside the glossary is caught, an accepted inflection passes."""
    from babel.messages.catalog import Catalog

    cat = Catalog(locale="ru")
    cat.add("Tell a trusted adult.", "Скажи взрослому, которому доверяешь.", context="x|a")
    cat.add("Tell a trusted adult.", "Скажи старшему.", context="x|b")
    cat.add("Block them.", "Забань его.", context="x|c")
    cat.add("The block of text.", "", context="x|d")
    bad = violations("ru", glossary, cat)
    assert len(bad) == 2 and "x|b" in bad[0] and "x|c" in bad[1]
    fr = Catalog(locale="fr")
    fr.add("That is a red flag.", "C\u2019est un signal d\u2019alarme.", context="x|e")
    assert len(violations("fr", glossary, fr)) == 1
    ar = Catalog(locale="ar")
    ar.add("Tell a trusted adult.", "أخبر شخصًا بالغًا تثق به.", context="x|f")
    assert violations("ar", glossary, ar) == []


def test_character_gender_choices_are_recorded_for_real_levels():
    """locales/characters.csv: one row per character, a choice for every language, existing level ids."""
    levels = {p.stem for p in (ROOT / "levels").rglob("*.yaml")}
    with (ROOT / "locales" / "characters.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows, "locales/characters.csv is empty"
    for row in rows:
        assert set(row) == {"name", "level_ids", *LANGS, "note"}, f"bad columns in row {row.get('name')!r}"
        assert all(row[lang].strip() for lang in LANGS), f"{row['name']!r} lacks a choice for a language"
        named = set(re.findall(r"[tk]-[a-z0-9-]+", row["level_ids"]))
        assert named and named <= levels, f"{row['name']!r} names unknown levels: {sorted(named - levels)}"
