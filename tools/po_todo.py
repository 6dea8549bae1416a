"""Hand a language's untranslated messages to a translator as JSON, and take the translations back.

    python tools/po_todo.py export fr todo-fr.json   # every entry of locales/fr/... with no translation
    python tools/po_todo.py import fr todo-fr.json   # fill the translations in; nothing else changes
    python tools/po_todo.py review fr keys.txt review-fr.json  # given entries (one context per line)
                                                   # with their current translations, for a reviewer

The JSON is a list of {"context", "english", "english_plural", "comments", "translation"}. For a
plural entry "translation" is a list with one string per plural form of the language, in the
catalog's order (the header's Plural-Forms), and "plural_forms_used_for_numbers" says which numbers
each form is for (Arabic: "0", "1", "2", "3, 4, 5...", "11, 12, 13...", "100, 101, 102...").
A translator edits only "translation"; the import
refuses entries whose context or English no longer match the catalog, and leaves an entry empty
where the translation is empty, so a half-done file loses nothing and fakes nothing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sango_game.i18n import po_path  # noqa: E402
from sango_game.i18n_tools import read_catalog, write_catalog  # noqa: E402
from sango_game.plurals import parse_plural_forms  # noqa: E402


def plural_examples(cat) -> list[str]:
    """For each plural form of the catalog, the first numbers it is used for (e.g. "1", "0, 2, 3, 4...")."""
    n_forms, pick = parse_plural_forms(cat.plural_forms)
    seen: list[list[int]] = [[] for _ in range(n_forms)]
    for n in list(range(0, 1200)) + [1_000_000, 2_000_000]:
        form = pick(n)
        if 0 <= form < n_forms and len(seen[form]) < 5:
            seen[form].append(n)
    return [", ".join(f"{n:,}" for n in nums) + ("..." if len(nums) == 5 else "") for nums in seen]


def _po(code: str) -> Path:
    return po_path(code, ROOT / "locales")


def _empty(msg) -> bool:
    strings = msg.string if isinstance(msg.string, (list, tuple)) else [msg.string]
    return not any(strings)


def _entry(cat, msg, examples: list[str], current: bool) -> dict:
    plural = isinstance(msg.id, (list, tuple))
    if current:
        translation = list(msg.string) if plural else msg.string
    else:
        translation = [""] * cat.num_plurals if plural else ""
    return {"context": msg.context, "english": msg.id[0] if plural else msg.id,
            "english_plural": msg.id[1] if plural else None, "comments": list(msg.auto_comments),
            "plural_forms_used_for_numbers": examples if plural else None, "translation": translation}


def export(code: str, out: Path, keys: set[str] | None = None) -> int:
    """Untranslated (or fuzzy) entries, or (``keys``) the entries with those contexts (or English, for
    entries without a context) with their current translations."""
    cat = read_catalog(_po(code), code)
    examples = plural_examples(cat)
    todo = []
    for msg in cat:
        if not msg.id:
            continue
        if keys is None and (_empty(msg) or "fuzzy" in msg.flags):  # a fuzzy guess is a hint, not a translation
            entry = _entry(cat, msg, examples, current=False)
            if not _empty(msg):
                entry["fuzzy_guess_to_check"] = list(msg.string) if isinstance(msg.id, (list, tuple)) else msg.string
            todo.append(entry)
        elif keys is not None and (msg.context or (msg.id[0] if isinstance(msg.id, (list, tuple)) else msg.id)) in keys:
            todo.append(_entry(cat, msg, examples, current=True))
    out.write_text(json.dumps(todo, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{code}: {len(todo)} entries written to {out}")
    return 0


def import_(code: str, src: Path) -> int:
    path = _po(code)
    cat = read_catalog(path, code)
    filled = skipped = 0
    problems = []
    for item in json.loads(src.read_text(encoding="utf-8")):
        key = (item["english"], item["english_plural"]) if item.get("english_plural") else item["english"]
        msg = cat.get(key, context=item.get("context"))
        if msg is None:
            problems.append(f"not in the catalog any more: {item.get('context')} {item['english'][:60]!r}")
            continue
        tr = item.get("translation")
        if isinstance(msg.id, (list, tuple)):
            if not isinstance(tr, list) or len(tr) != cat.num_plurals:
                problems.append(f"needs {cat.num_plurals} plural forms: {item.get('context')} {item['english'][:60]!r}")
                continue
            if not all(t.strip() for t in tr):
                skipped += 1
                continue
            msg.string = tuple(tr)
        else:
            if not isinstance(tr, str):
                problems.append(f"translation must be a string: {item.get('context')} {item['english'][:60]!r}")
                continue
            if not tr.strip():
                skipped += 1
                continue
            msg.string = tr
        msg.flags.discard("fuzzy")
        filled += 1
    write_catalog(cat, path)
    for p in problems:
        print("problem:", p)
    print(f"{code}: {filled} filled, {skipped} left empty, {len(problems)} problems")
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    if len(argv) == 4 and argv[0] == "review":
        keys = {line.strip() for line in Path(argv[2]).read_text(encoding="utf-8").splitlines() if line.strip()}
        return export(argv[1], Path(argv[3]), keys)
    if len(argv) != 3 or argv[0] not in ("export", "import"):
        print(__doc__)
        return 2
    code, path = argv[1], Path(argv[2])
    return export(code, path) if argv[0] == "export" else import_(code, path)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
