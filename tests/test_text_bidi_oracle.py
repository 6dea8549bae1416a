"""python-bidi (the Rust unicode-bidi engine) as an independent oracle for our UAX #9 code.

The game resolves bidi *levels* itself (it wraps lines before reordering, and python-bidi gives
only a reordered string), so python-bidi checks it: on every line of the Arabic catalog, and on
sentences with isolated values, both must give the same visual order.
"""

from pathlib import Path

from bidi import get_display

from sango_game.i18n import po_path
from sango_game.i18n_tools import read_catalog_shared as read_catalog
from sango_game.text import bidi_levels as B

ROOT = Path(__file__).resolve().parent.parent
# get_display mirrors brackets (rule L4), which our engine leaves to HarfBuzz at drawing time.
NO_MIRRORS = str.maketrans({c: "|" for c in "()[]{}<>«»"})


def ours(text: str, base: int = 1) -> str:
    levels = B.paragraph_levels(text, base)
    order = B.reorder(B.line_levels(text, levels, 0, len(text), base))
    return "".join(text[i] for i in order if text[i] not in B.BIDI_CONTROLS)


def theirs(text: str, base: str = "R") -> str:
    return "".join(c for c in get_display(text, base_dir=base) if c not in B.BIDI_CONTROLS)


def test_every_arabic_catalog_line_orders_like_python_bidi():
    lines = []
    for msg in read_catalog(po_path("ar", ROOT / "locales"), "ar"):
        strings = msg.string if isinstance(msg.string, (tuple, list)) else (msg.string,)
        lines += [ln for s in strings if msg.id for ln in s.split("\n") if ln]
    assert len(lines) > 4000
    differ = [ln for ln in lines if ours(ln).translate(NO_MIRRORS) != theirs(ln).translate(NO_MIRRORS)]
    assert differ == [], differ[:5]


def test_isolated_values_order_like_python_bidi():
    fsi, pdi = "\u2068", "\u2069"
    for value in ("116 111", "+15", "2025-03-12 14:05", "sango-game check", "k-scams-quiz", "12/03/2025"):
        text = f"اتصل بالرقم {fsi}{value}{pdi} الآن"
        assert ours(text).translate(NO_MIRRORS) == theirs(text).translate(NO_MIRRORS), value
        assert value in ours(text)  # the value reads left to right, in one piece
