"""Where a line may break (a small subset of UAX #14 plus Chinese kinsoku rules). No pygame.

* Space-separated scripts break after a run of breaking spaces. The spaces stay at the end
  of the segment before the break (and are dropped when the line breaks there).
* Between two characters of which one is CJK (Han, kana, Hangul, CJK punctuation, full-width
  forms) a break is allowed.
* Kinsoku: a line never starts with closing punctuation (，。、！？：；）》」』】… and the
  ASCII/Latin ones such as ``) , . ! ? » ”``), and never ends with opening punctuation
  (（《「『【 “ ‘ « ¿ ¡ ( [ ...). The same rule keeps a French ``!`` or ``»`` with its word
  across an ordinary space.
* A break is allowed before and after an em dash (but never inside "——").
* No break next to a no-break space, word joiner or combining mark; a break after a hyphen
  only between two letters (``mot-de-passe``), and not inside text of the other direction
  (a Latin ``k-scams-quiz`` in an Arabic sentence: its halves would swap sides).
* No break before "/" (UAX #14 rule LB13), even after a space.
* Inside an isolate (FSI/LRI/RLI ... PDI: a value the translator put into a sentence, such as
  a phone number, a date or a command) a line does not break, unless the value is prose
  (four words or more): then at a space between two letters.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

# Spaces after which a line may break (no-break spaces U+00A0, U+2007, U+202F are not here).
BREAKING_SPACES = frozenset(" \t\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000")
ZERO_WIDTH_BREAK = "\u200b"
GLUE = frozenset("\u00a0\u2007\u202f\u2060\ufeff\u200d")

NO_START = frozenset(
    ")]}/",
) | frozenset(
    ",.:;!?%»›”’‼⁇⁈⁉…‥·"  # Latin-script closing punctuation
    "、。，．：；！？）］｝〉》」』】〕〗〙〛〞〟｠｣､｡﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞"  # CJK closing punctuation
    # small kana, iteration marks
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿーゝゞヽヾ々〻・"
    "％‰‱℃℉°¢￠"  # postfix symbols
    "،؛؟٪"  # Arabic comma, semicolon, question mark, percent
)
NO_END = frozenset(
    "([{«‹“‘„‚¿¡"  # Latin-script opening punctuation
    "（［｛〈《「『【〔〖〘〚〝｟｢﹙﹛﹝"  # CJK opening punctuation
    "$£¥€₽￥＄￡"  # currency prefixes
)
# UAX #14 classes that forbid the breaks the CJK and em-dash rules below would otherwise
# allow: quotation marks (QU, rule LB19), break-after marks and hyphens (BA, HY: LB21) and
# prefixes (PR: LB24/LB23a), for the characters the game's text uses.
QUOTES = frozenset("\"'«»‹›")
NO_BREAK_BEFORE = QUOTES | frozenset("|-\u2010\u2013\u00ad")
NO_BREAK_AFTER = QUOTES | frozenset("+$£¥€₽#\\±№")
# Pairs such as —— and …… in Chinese are never split.
NO_SPLIT_DOUBLES = frozenset("—…‥―")
EM_DASHES = frozenset("—―")


def is_cjk(ch: str) -> bool:
    cp = ord(ch)
    if cp < 0x1100:  # Latin, Cyrillic, Arabic ...: the common case, asked for every character
        return False
    return (
        0x2E80 <= cp <= 0x2FDF  # radicals
        or 0x2FF0 <= cp <= 0x303F  # ideographic description, CJK symbols and punctuation
        or 0x3040 <= cp <= 0x31FF  # kana, bopomofo, Hangul compatibility jamo, kanbun, strokes
        or 0x3200 <= cp <= 0x4DBF  # enclosed CJK, compatibility, Extension A
        or 0x4E00 <= cp <= 0x9FFF  # unified ideographs
        or 0xA960 <= cp <= 0xA97F
        or 0xAC00 <= cp <= 0xD7AF  # Hangul syllables
        or 0xF900 <= cp <= 0xFAFF  # compatibility ideographs
        or 0xFE10 <= cp <= 0xFE1F  # vertical forms
        or 0xFE30 <= cp <= 0xFE4F  # compatibility forms
        or 0xFF00 <= cp <= 0xFF60  # full-width forms
        or 0xFFE0 <= cp <= 0xFFE6
        or 0x1100 <= cp <= 0x11FF  # Hangul jamo
        or 0x20000 <= cp <= 0x3FFFF  # supplementary ideographs
    )


# Direction marks (LRM, RLM, ALM) belong to line-break class CM like combining marks (UAX #14):
# they stay with the character before them.
_DIRECTION_MARKS = frozenset("\u200e\u200f\u061c")


def is_mark(ch: str) -> bool:
    return ch in _DIRECTION_MARKS or unicodedata.category(ch) in ("Mn", "Mc", "Me")


def break_allowed(text: str, i: int) -> bool:
    """May a line start at index ``i`` (0 < i < len(text)) of a paragraph?"""
    a = text[i - 1]
    b = text[i]
    if b in BREAKING_SPACES or b in GLUE or a in GLUE or is_mark(b):
        return False
    if a in BREAKING_SPACES or a == ZERO_WIDTH_BREAK:
        # Look back over the spaces: an opening mark before them keeps its word.
        k = i - 1
        while k >= 0 and (text[k] in BREAKING_SPACES or text[k] == ZERO_WIDTH_BREAK):
            k -= 1
        if k >= 0 and (text[k] in NO_END or (text[k] in EM_DASHES and b in EM_DASHES)):  # LB17
            return False
        return b not in NO_START
    if b in NO_START or a in NO_END:
        return False
    if a == b and a in NO_SPLIT_DOUBLES:
        return False
    if b in NO_BREAK_BEFORE or a in NO_BREAK_AFTER:
        return a in "-\u2010" and i >= 2 and text[i - 2].isalpha() and b.isalpha()
    if is_cjk(a) or is_cjk(b):
        return True
    if (a in EM_DASHES or b in EM_DASHES) and a != b:  # UAX #14 class B2: break before/after
        return True
    if a in "-\u2010" and i >= 2 and text[i - 2].isalpha() and b.isalpha():
        return True
    return False


_ISOLATE_OPEN = frozenset("\u2066\u2067\u2068")
_ISOLATE_CLOSE = "\u2069"


def _isolate_depths(text: str) -> list[int]:
    """Isolate nesting depth before each index (BD9 pairing; an unmatched PDI is ignored)."""
    depths = []
    depth = 0
    for ch in text:
        depths.append(depth)
        if ch in _ISOLATE_OPEN:
            depth += 1
        elif ch == _ISOLATE_CLOSE and depth:
            depth -= 1
    return depths


def _word_space_break(text: str, i: int) -> bool:
    """A break after spaces between two letters, inside an isolate that holds prose (three
    word spaces or more, e.g. an error message) rather than a field ("sango-game check")."""
    k = i - 1
    while k >= 0 and text[k] in BREAKING_SPACES:
        k -= 1
    if not (0 <= k < i - 1 and text[k].isalpha() and text[i].isalpha()):
        return False
    start = max(text.rfind(c, 0, i) for c in _ISOLATE_OPEN)
    end = text.find(_ISOLATE_CLOSE, i)
    inner = text[start + 1:end if end >= 0 else len(text)]
    return len(inner.split()) >= 4


# Fast paths (here and in layout.py) give exactly the answers of the general code, only sooner;
# the bench and a test switch them off (``layout.fast_paths``) to compare the two.
FAST = True

# Characters that no rule of break_allowed looks at: between two of them a line never breaks
# (every rule that allows a break needs a space, CJK, an em dash, a hyphen or punctuation on one
# side). Filled lazily, one character at a time, so nothing is computed at import.
_SPECIAL = (BREAKING_SPACES | GLUE | NO_START | NO_END | NO_BREAK_BEFORE | NO_BREAK_AFTER | NO_SPLIT_DOUBLES
            | EM_DASHES | frozenset("-\u2010" + ZERO_WIDTH_BREAK))
_plain: dict[str, bool] = {}


def _is_plain(ch: str) -> bool:
    got = _plain.get(ch)
    if got is None:
        got = _plain[ch] = not (ch in _SPECIAL or is_mark(ch) or is_cjk(ch))
    return got


def segments(text: str, levels: Sequence[int] | None = None, base_level: int = 0) -> list[tuple[int, int, int]]:
    """Split a paragraph into unbreakable segments ``(start, content_end, end)``.

    ``text[start:content_end]`` is the visible part, ``text[content_end:end]`` the breaking
    spaces after it (dropped when a line breaks there). Segments cover the text exactly.
    ``levels`` (the bidi levels) and ``base_level`` forbid hyphen breaks in text of the other
    direction.
    """
    n = len(text)
    if n == 0:
        return []
    depths = _isolate_depths(text) if not _ISOLATE_OPEN.isdisjoint(text) else None
    out: list[tuple[int, int, int]] = []
    start = 0
    # Between two plain characters no rule below allows a break (inside an isolate, a space
    # between letters is needed; a hyphen is not plain): skip those positions.
    plain = [_plain.get(c) or _is_plain(c) for c in text] if FAST else None
    for i in range(1, n + 1):
        if plain is not None and i < n and plain[i] and plain[i - 1]:
            continue
        if i < n and depths is not None and depths[i]:
            if not _word_space_break(text, i):
                continue
        if i < n and levels is not None and text[i - 1] in "-\u2010" and levels[i - 1] != base_level:
            continue
        if i == n or break_allowed(text, i):
            content_end = i
            while content_end > start and text[content_end - 1] in BREAKING_SPACES:
                content_end -= 1
            out.append((start, content_end, i))
            start = i
    return out


def cluster_bounds(text: str, start: int, end: int) -> list[int]:
    """Indexes in (start, end] where a character-level break may fall: never before a
    combining mark, a joiner or a variation selector."""
    out = []
    for i in range(start + 1, end):
        ch = text[i]
        if is_mark(ch) or ch in "\u200d\u200c" or text[i - 1] == "\u200d":
            continue
        cp = ord(ch)
        if 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF or 0xDC00 <= cp <= 0xDFFF:
            continue
        out.append(i)
    out.append(end)
    return out
