"""Give French and Spanish plural entries written with two forms their CLDR "many" form.

CLDR 46 added "many" to French and Spanish for exact millions ("1 000 000 d'élèves",
"1.000.000 de estudiantes"): the noun after a million takes "de". An entry translated when the
catalog had two forms (one, other) gets (one, many, other), where "many" is "other" with "de"
after the number. Run after merging catalogs translated under the old rule, then review::

    python tools/add_many_forms.py && sango-game i18n check
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def many_form(lang: str, other: str) -> str:
    if lang == "fr":
        elided = re.sub(r"\{n\} ([aeiouyhéèêàâîôûAEIOUÉ])", r"{n} d’\1", other, count=1)
        return elided if elided != other else other.replace("{n} ", "{n} de ", 1)
    return other.replace("{n} ", "{n} de ", 1)


def main() -> int:
    from babel.messages.pofile import read_po

    from sango_game.i18n_tools import _project_headers, write_catalog

    changed = 0
    for lang in ("fr", "es"):
        path = ROOT / "locales" / lang / "LC_MESSAGES" / "messages.po"
        with path.open("rb") as fh:
            cat = read_po(fh, abort_invalid=False)
        _project_headers(cat, lang)
        for msg in cat:
            s = msg.string
            if msg.id and msg.pluralizable and isinstance(s, (tuple, list)):
                forms = [x for x in s if x]
                if len(forms) == 2 and (len(s) == 2 or not s[2]):
                    msg.string = (forms[0], many_form(lang, forms[1]), forms[1])
                    changed += 1
        write_catalog(cat, path)
    print(f"{changed} entries given a 'many' form")
    return 0


if __name__ == "__main__":
    sys.exit(main())
