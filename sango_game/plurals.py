"""Plural rules owned by the project: the gettext ``Plural-Forms`` of each catalog.

The game reads plural rules from its own compiled catalogs, never from the installed Babel, so
a new Babel release cannot change what children see. ``sango-game i18n update`` writes these
headers, and ``i18n check`` (and the test suite) evaluates each formula for n = 0..1,200 and
1,000,000 against CLDR's rules as shipped in Babel: a mismatch means either a broken catalog
or a real CLDR change, and the message names which category moved.

Categories go in gettext's order: zero, one, two, few, many, other (those the language has).
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import cache

from .languages import TABLE

CATEGORY_ORDER = ("zero", "one", "two", "few", "many", "other")

# CLDR 46 (Unicode 2024); French and Spanish gained "many" (1,000,000, 2,000,000 ...: "de").
# The rules live in the language table with the other language facts.
PLURAL_FORMS: dict[str, str] = {lang.code: lang.plural_forms for lang in TABLE}

# What the check evaluates: every count a screen can show, plus the "many" numbers.
SAMPLE_NUMBERS: tuple[int, ...] = (*range(0, 1201), 1_000_000, 2_000_000, 1_000_001)


def parse_plural_forms(header: str) -> tuple[int, Callable[[int], int]]:
    """``nplurals`` and the formula as a function, parsed the way gettext does at runtime."""
    parts = {}
    for piece in header.split(";"):
        if "=" in piece:
            key, _, value = piece.partition("=")
            parts[key.strip().lower()] = value.strip()
    n = int(parts["nplurals"])
    return n, gettext.c2py(parts["plural"])


@cache
def cldr_categories(babel_locale: str) -> tuple[str, ...]:
    """The plural categories CLDR (as shipped in the installed Babel) gives whole numbers in this
    language, in gettext order. Categories only fractions reach (Russian "other") have no form:
    the game counts whole things."""
    tags = {cldr_category(babel_locale, n) for n in SAMPLE_NUMBERS}
    return tuple(c for c in CATEGORY_ORDER if c in tags)


def cldr_category(babel_locale: str, n: int) -> str:
    from babel import Locale

    return Locale.parse(babel_locale).plural_form(n)


def check_plural_forms(code: str, babel_locale: str, header: str | None) -> list[str]:
    """Problems with a catalog's Plural-Forms header, compared with CLDR; empty when right."""
    if not header:
        return ["no Plural-Forms header"]
    try:
        nplurals, formula = parse_plural_forms(header)
    except (KeyError, ValueError, SyntaxError) as exc:
        return [f"Plural-Forms cannot be read ({exc}): {header!r}"]
    problems: list[str] = []
    ours = PLURAL_FORMS.get(code)
    if ours is not None and " ".join(header.split()) != " ".join(ours.split()):
        problems.append(f"Plural-Forms differs from the project's rule: run 'sango-game i18n update' (want {ours!r})")
    cats = cldr_categories(babel_locale)
    if nplurals != len(cats):
        problems.append(f"Plural-Forms has nplurals={nplurals}, CLDR gives {code} {len(cats)} "
                        f"categories ({', '.join(cats)}): CLDR changed or the header is wrong")
        return problems
    wrong: dict[tuple[str, str], list[int]] = {}
    for n in SAMPLE_NUMBERS:
        index = formula(n)
        got = cats[index] if 0 <= index < len(cats) else f"index {index}"
        want = cldr_category(babel_locale, n)
        if got != want:
            wrong.setdefault((want, got), []).append(n)
    for (want, got), numbers in wrong.items():
        shown = ", ".join(str(x) for x in numbers[:6]) + (" ..." if len(numbers) > 6 else "")
        problems.append(f"n = {shown}: CLDR says '{want}', the catalog's formula picks the '{got}' form")
    return problems
