"""Count how the catalogs translate each glossary term: ``python tools/glossary_counts.py [TERM...]``.

For every term in ``locales/glossary.csv`` (or the terms given) and every language, prints how many
catalog entries contain the English term, and the words and word pairs (Chinese: 2-3 character
runs) that are most typical of those entries' translations compared with all other entries. This is
how the glossary translations were chosen: the form the catalogs already used most. Prints only.
"""

from __future__ import annotations

import collections
import csv
import itertools
import re
import sys
from pathlib import Path

from sango_game.i18n_tools import read_catalog

ROOT = Path(__file__).resolve().parent.parent

LANGS = ["ar", "zh_Hans", "fr", "ru", "es"]
ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")


def tokens(lang: str, text: str) -> set[str]:
    text = ARABIC_MARKS.sub("", text.lower())
    if lang == "zh_Hans":
        han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
        return {"".join(han[i : i + n]) for n in (2, 3) for i in range(len(han) - n + 1)}
    words = re.findall(r"[\w'’-]+", text)
    return set(words) | {f"{a} {b}" for a, b in itertools.pairwise(words)}


def translation(message) -> str:
    return message.string if isinstance(message.string, str) else " ".join(s for s in message.string if s)


def english(message) -> str:
    return message.id if isinstance(message.id, str) else " ".join(message.id)


def main(argv: list[str]) -> int:
    with (ROOT / "locales" / "glossary.csv").open(encoding="utf-8", newline="") as f:
        terms = argv or [row["term"] for row in csv.DictReader(f)]
    catalogs = {lang: [m for m in read_catalog(ROOT / "locales" / lang / "LC_MESSAGES" / "messages.po", lang) if m.id]
                for lang in LANGS}
    for term in terms:
        pattern = re.compile(r"\b" + re.escape(term) + r"(?:s|es|ed|d|ing)?\b", re.IGNORECASE)
        print(f"== {term}")
        for lang in LANGS:
            inside: collections.Counter[str] = collections.Counter()
            outside: collections.Counter[str] = collections.Counter()
            n_in = n_out = 0
            for message in catalogs[lang]:
                text = translation(message)
                if not text:
                    continue
                if pattern.search(english(message)):
                    inside.update(tokens(lang, text))
                    n_in += 1
                else:
                    outside.update(tokens(lang, text))
                    n_out += 1
            if not n_in:
                print(f"  {lang:8} no entry")
                continue
            best = sorted(inside, key=lambda w: -(inside[w] / n_in - outside[w] / max(n_out, 1)))[:6]
            print(f"  {lang:8} {n_in:4} entries: " + "; ".join(f"{w} {inside[w]}/{n_in}" for w in best))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
