"""Unicode bidirectional algorithm (UAX #9) helpers: resolved levels and line reordering.

Levels come from python-bidi's reference implementation (``bidi.algorithm``: rules P, X1-X10,
W1-W7, N1-N2, I1-I2), driven step by step so that we get the *levels* per character instead
of a reordered string. On top of it this module adds

* rule N0 (paired brackets), which python-bidi's reference code lacks: without it
  ``"ABC (DEF) عربي"`` shows a stray bracket in an Arabic paragraph;
* isolate controls (LRI, RLI, FSI, PDI) treated as neutrals instead of crashing;
* rules L1 and L2 applied per *line* after wrapping (:func:`line_levels`, :func:`reorder`).

The paragraph direction is not guessed from the text: it comes from the language.
No pygame here.
"""

from __future__ import annotations

from functools import lru_cache
from unicodedata import bidirectional

from bidi import algorithm as _alg

# Opening/closing pairs of Bidi_Paired_Bracket: general category Ps whose Bidi_Mirroring_Glyph
# is a Pe character (this reproduces BidiBrackets.txt).
_BRACKET_PAIRS = (
    "()[]{}༺༻༼༽᚛᚜⁅⁆⁽⁾₍₎⌈⌉⌊⌋〈〉❨❩❪❫❬❭❮❯❰❱❲❳❴❵⟅⟆⟦⟧⟨⟩⟪⟫⟬⟭⟮⟯⦃⦄⦅⦆⦇⦈⦉⦊⦋⦌⦍⦐⦏⦎"
    "⦑⦒⦓⦔⦕⦖⦗⦘⧘⧙⧚⧛⧼⧽⸢⸣⸤⸥⸦⸧⸨⸩〈〉《》「」『』【】〔〕〖〗〘〙〚〛﹙﹚﹛﹜﹝﹞（）［］｛｝｟｠｢｣"
)
OPENERS = {_BRACKET_PAIRS[i]: _BRACKET_PAIRS[i + 1] for i in range(0, len(_BRACKET_PAIRS), 2)}
CLOSERS = frozenset(OPENERS.values())
# Canonical equivalents (U+2329/U+232A decompose to U+3008/U+3009).
_CANON = {"\u2329": "\u3008", "\u232a": "\u3009"}

_RTL_TYPES = frozenset({"R", "AL", "AN", "RLE", "RLO", "RLI", "FSI"})
_X9_REMOVED = frozenset({"RLE", "LRE", "RLO", "LRO", "PDF", "BN"})
_ISOLATES = frozenset({"LRI", "RLI", "FSI", "PDI"})
_L1_RESET = frozenset({"WS", "BN", "LRI", "RLI", "FSI", "PDI", "LRE", "RLE", "LRO", "RLO", "PDF"})
# Explicit formatting characters: they steer the levels but are never drawn.
BIDI_CONTROLS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def needs_bidi(text: str, base_level: int) -> bool:
    """False when every level is 0 (LTR paragraph without any right-to-left material)."""
    if base_level:
        return True
    for ch in text:
        if ch > "\u058f" and bidirectional(ch) in _RTL_TYPES:
            return True
    return False


def _strong(t: str) -> str | None:
    if t == "L":
        return "L"
    if t in ("R", "AL", "EN", "AN"):
        return "R"
    return None


def _resolve_paired_brackets(storage) -> None:
    """Rule N0 on every level run (python-bidi has no isolating run sequences: a level run is one)."""
    chars = storage["chars"]
    for run in storage["runs"]:
        seq = chars[run["start"]: run["start"] + run["length"]]
        if not seq:
            continue
        e = "LR"[seq[0]["level"] % 2]
        stack: list[tuple[str, int]] = []
        pairs: list[tuple[int, int]] = []
        for k, ch in enumerate(seq):
            if ch["type"] != "ON":
                continue
            c = _CANON.get(ch["ch"], ch["ch"])
            if c in OPENERS:
                if len(stack) == 63:  # BD16: stop processing this run
                    break
                stack.append((OPENERS[c], k))
            elif c in CLOSERS:
                for depth in range(len(stack) - 1, -1, -1):
                    if stack[depth][0] == c:
                        pairs.append((stack[depth][1], k))
                        del stack[depth:]
                        break
        pairs.sort()
        for o, c in pairs:
            found_e = found_opposite = False
            for ch in seq[o + 1: c]:
                s = _strong(ch["type"])
                if s == e:
                    found_e = True
                    break
                if s is not None:
                    found_opposite = True
            if found_e:
                new = e
            elif found_opposite:
                new = run["sor"]
                for ch in reversed(seq[:o]):
                    s = _strong(ch["type"])
                    if s is not None:
                        new = s
                        break
            else:
                continue
            for idx in (o, c):
                seq[idx]["type"] = new
                j = idx + 1
                while j < len(seq) and seq[j]["orig"] == "NSM":
                    seq[j]["type"] = new
                    j += 1


@lru_cache(maxsize=1024)
def paragraph_levels(text: str, base_level: int) -> tuple[int, ...]:
    """Resolved embedding level of every character of one paragraph (no line breaks inside).

    Rules L1/L2 are not applied here: they depend on where lines break.
    """
    if not needs_bidi(text, base_level):
        return (0,) * len(text)
    storage = _alg.get_empty_storage()
    storage["base_level"] = base_level
    storage["base_dir"] = "LR"[base_level]
    _alg.get_embedding_levels(text, storage)
    for i, ch in enumerate(storage["chars"]):
        ch["i"] = i
        t = ch["type"]
        if t in _ISOLATES:
            ch["type"] = ch["orig"] = "ON"
        elif not t:  # unassigned code point: default L
            ch["type"] = ch["orig"] = "L"
    _alg.explicit_embed_and_overrides(storage)
    _alg.resolve_weak_types(storage)
    _resolve_paired_brackets(storage)
    _alg.resolve_neutral_types(storage, False)
    _alg.resolve_implicit_levels(storage, False)
    levels: list[int | None] = [None] * len(text)
    for ch in storage["chars"]:
        levels[ch["i"]] = ch["level"]
    # Characters removed by X9 (embedding controls, BN) take their neighbour's level.
    prev = base_level
    for i, lv in enumerate(levels):
        if lv is None:
            levels[i] = prev
        else:
            prev = lv
    return tuple(levels)  # type: ignore[arg-type]


def line_levels(text: str, levels: tuple[int, ...] | list[int], start: int, end: int, base_level: int) -> list[int]:
    """Levels of ``text[start:end]`` (one line) after rule L1: trailing whitespace and
    whitespace before a tab go back to the paragraph level."""
    out = list(levels[start:end])
    reset = True
    for k in range(end - start - 1, -1, -1):
        ch = text[start + k]
        t = bidirectional(ch)
        if t in ("S", "B"):
            out[k] = base_level
            reset = True
        elif reset and (t in _L1_RESET or ch in BIDI_CONTROLS):
            out[k] = base_level
        else:
            reset = False
    return out


def reorder(run_levels: list[int]) -> list[int]:
    """Rule L2 on a line's runs: the visual order (left to right) as indexes into the runs."""
    order = list(range(len(run_levels)))
    if not run_levels:
        return order
    highest = max(run_levels)
    odd = [lv for lv in run_levels if lv % 2]
    if not odd:
        return order
    lowest_odd = min(odd)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        n = len(order)
        while i < n:
            if run_levels[order[i]] >= level:
                j = i
                while j < n and run_levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order
