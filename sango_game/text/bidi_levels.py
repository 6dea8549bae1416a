"""Unicode bidirectional algorithm (UAX #9, Unicode 6.3 and later): levels and line reordering.

A complete implementation of the rules that decide levels: P2-P3, X1-X10 (explicit embeddings,
overrides and *isolates* with isolating run sequences), W1-W7, N0 (paired brackets), N1-N2 and
I1-I2; rules L1 and L2 are applied per *line* after wrapping (:func:`line_levels`,
:func:`reorder`). It passes the whole of Unicode's BidiTest.txt and BidiCharacterTest.txt
(see tests/test_text_bidi_conformance.py).

Isolates matter for the game: a value put into a translated sentence is wrapped in FSI ... PDI
(see ``i18n``), so a phone number, a date or a Latin command keeps its own order inside an
Arabic sentence and does not pull its neighbours along.

The paragraph direction is normally not guessed from the text: it comes from the language.
No pygame here.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from unicodedata import bidirectional

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
_INITIATORS = frozenset({"LRI", "RLI", "FSI"})
_EXPLICIT = _X9_REMOVED | _INITIATORS | {"PDI"}
_NEUTRALS = frozenset({"B", "S", "WS", "ON", "LRI", "RLI", "FSI", "PDI"})
_L1_RESET = frozenset({"WS", "BN", "LRI", "RLI", "FSI", "PDI", "LRE", "RLE", "LRO", "RLO", "PDF"})
MAX_DEPTH = 125
# Explicit formatting characters: they steer the levels but are never drawn.
BIDI_CONTROLS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
FSI, PDI = "\u2068", "\u2069"
ISOLATE_CONTROLS = frozenset("\u2066\u2067\u2068\u2069")


def needs_bidi(text: str, base_level: int) -> bool:
    """False when every level is 0 (LTR paragraph without any right-to-left material)."""
    if base_level:
        return True
    for ch in text:
        if ch > "\u058f" and bidirectional(ch) in _RTL_TYPES:
            return True
    return False


def bidi_class(ch: str) -> str:
    """The Bidi_Class of a character; unassigned code points default to L (R/AL ranges aside
    do not matter for the game's text)."""
    return bidirectional(ch) or "L"


def _matching_pdis(types: Sequence[str]) -> dict[int, int]:
    """BD9: the matching PDI of every isolate initiator that has one."""
    out: dict[int, int] = {}
    stack: list[int] = []
    for i, t in enumerate(types):
        if t in _INITIATORS:
            stack.append(i)
        elif t == "PDI" and stack:
            out[stack.pop()] = i
        elif t == "B":
            stack.clear()
    return out


def first_strong_level(types: Sequence[str], start: int = 0, end: int | None = None) -> int | None:
    """P2/P3: 1 or 0 from the first strong character, skipping isolated text; None if none."""
    depth = 0
    for i in range(start, len(types) if end is None else end):
        t = types[i]
        if t in _INITIATORS:
            depth += 1
        elif t == "PDI":
            if depth:
                depth -= 1
            elif end is not None:  # the PDI that closes the FSI being resolved
                return None
        elif depth == 0:
            if t == "L":
                return 0
            if t in ("R", "AL"):
                return 1
        if t == "B":
            return None
    return None


def _explicit(types: list[str], para: int, matches: dict[int, int]) -> list[int]:
    """X1-X8: explicit levels; ``types`` is changed in place by overrides (and FSI resolution)."""
    n = len(types)
    levels = [para] * n
    stack: list[tuple[int, str | None, bool]] = [(para, None, False)]
    over_iso = over_emb = valid_iso = 0
    for i in range(n):
        t = types[i]
        level, override, _ = stack[-1]
        if t in ("RLE", "LRE", "RLO", "LRO"):
            levels[i] = level
            new = (level + 1) | 1 if t[0] == "R" else (level + 2) & ~1
            if new <= MAX_DEPTH and not over_iso and not over_emb:
                stack.append((new, None if t[2] == "E" else t[0], False))
            elif not over_iso:
                over_emb += 1
        elif t in _INITIATORS:
            levels[i] = level
            if override:
                types[i] = override
            if t == "FSI":
                end = matches.get(i, n)
                rtl = first_strong_level(types, i + 1, end) == 1
                t = "RLI" if rtl else "LRI"
            new = (level + 1) | 1 if t == "RLI" else (level + 2) & ~1
            if new <= MAX_DEPTH and not over_iso and not over_emb:
                valid_iso += 1
                stack.append((new, None, True))
            else:
                over_iso += 1
        elif t == "PDI":
            if over_iso:
                over_iso -= 1
            elif valid_iso:
                over_emb = 0
                while not stack[-1][2]:
                    stack.pop()
                stack.pop()
                valid_iso -= 1
            level, override, _ = stack[-1]
            levels[i] = level
            if override:
                types[i] = override
        elif t == "PDF":
            levels[i] = level
            if over_iso:
                pass
            elif over_emb:
                over_emb -= 1
            elif not stack[-1][2] and len(stack) >= 2:
                stack.pop()
        elif t == "B":
            levels[i] = para
        else:
            levels[i] = level
            if override and t != "BN":
                types[i] = override
    return levels


def _sequences(kept: list[int], levels: list[int], types: list[str], matches: dict[int, int]) -> list[list[int]]:
    """X10/BD13: isolating run sequences (lists of indexes) from the level runs of ``kept``."""
    runs: list[list[int]] = []
    for i in kept:
        if runs and levels[runs[-1][-1]] == levels[i]:
            runs[-1].append(i)
        else:
            runs.append([i])
    pdi_to_run: dict[int, list[int]] = {}
    matched_pdis = set(matches.values())
    for run in runs:
        if run[0] in matched_pdis:
            pdi_to_run[run[0]] = run
    seqs: list[list[int]] = []
    for run in runs:
        if run[0] in matched_pdis:
            continue  # continues the sequence of its isolate initiator
        seq = list(run)
        while types[seq[-1]] in _INITIATORS and seq[-1] in matches:
            nxt = pdi_to_run.get(matches[seq[-1]])
            if nxt is None:
                break
            seq.extend(nxt)
        seqs.append(seq)
    return seqs


def _strong_of(t: str) -> str | None:
    if t == "L":
        return "L"
    if t in ("R", "EN", "AN"):
        return "R"
    return None


def _brackets(seq: list[int], ts: list[str], text: str) -> list[tuple[int, int]]:
    """BD16: bracket pairs of a sequence as positions in it, sorted by the opener. A bracket
    whose current type is not ON (an override changed it) does not pair."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for k, i in enumerate(seq):
        if ts[k] != "ON":
            continue
        c = _CANON.get(text[i], text[i])
        if c in OPENERS:
            if len(stack) == 63:
                break
            stack.append((OPENERS[c], k))
        elif c in CLOSERS:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == c:
                    pairs.append((stack[depth][1], k))
                    del stack[depth:]
                    break
    pairs.sort()
    return pairs


def _resolve_sequence(seq: list[int], types: list[str], levels: list[int], sos: str, eos: str,
                      text: str | None, orig: Sequence[str]) -> None:
    """W1-W7, N0-N2 and I1-I2 on one isolating run sequence (``types``/``levels`` in place)."""
    ts = [types[i] for i in seq]
    n = len(ts)
    # W1
    prev = sos
    for k in range(n):
        if ts[k] == "NSM":
            ts[k] = "ON" if prev in ("LRI", "RLI", "FSI", "PDI") else prev
        prev = ts[k]
    # W2, W3
    last = sos
    for k in range(n):
        t = ts[k]
        if t in ("L", "R", "AL"):
            last = t
        elif t == "EN" and last == "AL":
            ts[k] = "AN"
    for k in range(n):
        if ts[k] == "AL":
            ts[k] = "R"
    # W4
    for k in range(1, n - 1):
        t = ts[k]
        if t == "ES" and ts[k - 1] == "EN" and ts[k + 1] == "EN":
            ts[k] = "EN"
        elif t == "CS" and ts[k - 1] == ts[k + 1] and ts[k - 1] in ("EN", "AN"):
            ts[k] = ts[k - 1]
    # W5
    k = 0
    while k < n:
        if ts[k] == "ET":
            j = k
            while j < n and ts[j] == "ET":
                j += 1
            if (k > 0 and ts[k - 1] == "EN") or (j < n and ts[j] == "EN"):
                for m in range(k, j):
                    ts[m] = "EN"
            k = j
        else:
            k += 1
    # W6
    for k in range(n):
        if ts[k] in ("ES", "ET", "CS"):
            ts[k] = "ON"
    # W7
    last = sos
    for k in range(n):
        t = ts[k]
        if t in ("L", "R"):
            last = t
        elif t == "EN" and last == "L":
            ts[k] = "L"
    level = levels[seq[0]]
    e = "R" if level & 1 else "L"
    # N0
    if text is not None:
        for o, c in _brackets(seq, ts, text):
            found_e = found_opp = False
            for k in range(o + 1, c):
                s = _strong_of(ts[k])
                if s == e:
                    found_e = True
                    break
                if s is not None:
                    found_opp = True
            if found_e:
                new = e
            elif found_opp:
                new = sos
                for k in range(o - 1, -1, -1):
                    s = _strong_of(ts[k])
                    if s is not None:
                        new = s
                        break
                if new != e:
                    new = "R" if e == "L" else "L"
            else:
                continue
            for k in (o, c):
                ts[k] = new
                j = k + 1
                while j < n and orig[seq[j]] == "NSM":
                    ts[j] = new
                    j += 1
    # N1, N2
    k = 0
    while k < n:
        if ts[k] in _NEUTRALS:
            j = k
            while j < n and ts[j] in _NEUTRALS:
                j += 1
            before = sos if k == 0 else _strong_of(ts[k - 1])
            after = eos if j == n else _strong_of(ts[j])
            new = before if before == after and before is not None else e
            for m in range(k, j):
                ts[m] = new
            k = j
        else:
            k += 1
    # I1, I2
    for k, i in enumerate(seq):
        t = ts[k]
        lv = levels[i]
        if lv & 1:
            if t in ("L", "EN", "AN"):
                levels[i] = lv + 1
        elif t == "R":
            levels[i] = lv + 1
        elif t in ("AN", "EN"):
            levels[i] = lv + 2
        types[i] = t


def resolve_levels(classes: Sequence[str], base_level: int | None, text: str | None = None) -> list[int | None]:
    """Resolved levels (before L1) of one paragraph given its bidi classes.

    ``base_level`` None means "auto" (P2/P3, LTR when there is no strong character).
    Characters removed by rule X9 get None. ``text`` (same length) enables rule N0.
    """
    orig = list(classes)
    types = list(orig)
    if text is not None and len(text) != len(orig):
        raise ValueError("text and classes differ in length")
    para = base_level if base_level is not None else (first_strong_level(types) or 0)
    if not _EXPLICIT.intersection(orig):
        # No explicit controls: one level run, one isolating run sequence (the common case).
        levels = [para] * len(orig)
        if orig:
            sos = "R" if para & 1 else "L"
            _resolve_sequence(list(range(len(orig))), types, levels, sos, sos, text, orig)
        return levels  # type: ignore[return-value]
    matches = _matching_pdis(types)
    levels = _explicit(types, para, matches)
    kept = [i for i, t in enumerate(orig) if t not in _X9_REMOVED]
    # sos/eos need the neighbours' levels as set by X1-X8 (before W/N/I change them).
    explicit = list(levels)
    pos = {i: k for k, i in enumerate(kept)}
    for seq in _sequences(kept, levels, types, matches):
        level = explicit[seq[0]]
        k0 = pos[seq[0]]
        before = explicit[kept[k0 - 1]] if k0 > 0 else para
        last = seq[-1]
        k1 = pos[last]
        if orig[last] in _INITIATORS:  # an isolate initiator without its PDI ends the sequence
            after = para
        else:
            after = explicit[kept[k1 + 1]] if k1 + 1 < len(kept) else para
        sos = "R" if max(level, before) & 1 else "L"
        eos = "R" if max(level, after) & 1 else "L"
        _resolve_sequence(seq, types, levels, sos, eos, text, orig)
    out: list[int | None] = list(levels)
    for i, t in enumerate(orig):
        if t in _X9_REMOVED:
            out[i] = None
    return out


# Fast paths give the general code's answers sooner; layout.fast_paths switches them off to compare.
FAST = True
# Classes that, in a right-to-left paragraph without explicit controls, numbers or left-to-right
# letters, all resolve to R at level 1: W1 gives marks their neighbour's class (R, or ON at the
# start), W3 makes AL R, W4-W6 make separators and terminators ON (no number is near), and N0-N2
# resolve every neutral between R, sos and eos (all R) to R; I1 leaves R at level 1 alone.
_ALL_RTL_CLASSES = frozenset({"R", "AL", "NSM", "WS", "ON", "CS", "ES", "ET"})
_rtl_chars: set[str] = set()  # characters of those classes met so far
_other_chars: set[str] = set()


def _all_rtl(text: str) -> bool:
    chars = set(text)
    if chars <= _rtl_chars:
        return True
    if not chars.isdisjoint(_other_chars):
        return False
    for ch in chars - _rtl_chars:
        if bidi_class(ch) in _ALL_RTL_CLASSES:
            _rtl_chars.add(ch)
        else:
            _other_chars.add(ch)
            return False
    return True


@lru_cache(maxsize=1024)
def paragraph_levels(text: str, base_level: int) -> tuple[int, ...]:
    """Resolved embedding level of every character of one paragraph (no line breaks inside).

    Rules L1/L2 are not applied here: they depend on where lines break. Characters removed by
    X9 (embedding controls, BN) take the level of the character before them, so they fall
    into their neighbour's run (they are never drawn).
    """
    if not needs_bidi(text, base_level):
        return (0,) * len(text)
    if FAST and base_level == 1 and _all_rtl(text):
        return (1,) * len(text)
    levels = resolve_levels([bidi_class(c) for c in text], base_level, text)
    prev = base_level
    out = []
    for lv in levels:
        if lv is None:
            out.append(prev)
        else:
            out.append(lv)
            prev = lv
    return tuple(out)


def line_levels(text: str, levels: Sequence[int], start: int, end: int, base_level: int) -> list[int]:
    """Levels of ``text[start:end]`` (one line) after rule L1: segment and paragraph
    separators, and the whitespace and isolate controls before them or at the end of the
    line, go back to the paragraph level."""
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


def strip_isolates(text: str) -> str:
    """``text`` without the isolate controls the translator puts around values (for speech,
    files and terminals, where they would be stray invisible characters)."""
    if not any(c in ISOLATE_CONTROLS for c in text):
        return text
    return "".join(c for c in text if c not in ISOLATE_CONTROLS)
