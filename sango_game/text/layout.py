"""Text layout: bidi levels, font faces, line breaking and line building. Measures, never draws.

Everything here is pure computation over a *measure* function supplied by the caller (the
engine passes one backed by HarfBuzz through pygame): ``measure(face_key, size, bold, text,
rtl, script)`` gives a run's advance width, ``ink(...)`` the run's ink extent above and below
its baseline. No pygame import here, so the layout can be tested or reused without a window.

Pipeline for one paragraph (the text between explicit line breaks):

1. **Levels.** The Unicode bidi embedding level of every character (``bidi_levels``; the
   paragraph level comes from the language: 1 for Arabic, else 0).
2. **Faces.** The font face of every character: the first face of the language's chain that
   has it. Neutral characters keep the face of the character before them when that face has
   them, so "Sango!" stays in one run.
3. **Segments.** Cut the paragraph where a line may break (``breaking``).
4. **Lines.** Fill lines greedily: segment widths give a first guess, the whole line is then
   measured exactly (the same runs that will be drawn) and segments are dropped while it is
   too wide. A segment wider than the line alone is cut between characters.
5. **Runs.** On each line apply rules L1/L2: group characters of equal level and face into
   runs and order them visually.
6. **Ink.** The first and last lines grow by the ink that would stick out of them (Arabic
   marks stacked above or below the font's line box), so nothing is clipped.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from . import bidi_levels, breaking
from .breaking import cluster_bounds, is_cjk, segments
from .cache import forget_oldest_half
from .fonts import Coverage, is_rtl, metrics_for

Measure = Callable[[str, int, bool, str, bool, str], int]
Ink = Callable[[str, int, bool, str, bool, str], tuple[int, int]]


@dataclass
class Run:
    """Characters of one line drawn in one go: same bidi level, same font face."""

    text: str  # logical order; bidi controls and other invisible controls removed
    rtl: bool
    x: int = 0  # left edge, from the line's left edge
    width: int = 0
    font_key: str = ""
    script: str = "Latn"
    level: int = 0
    start: int = 0  # index of the run's first character in the laid-out text
    end: int = 0


@dataclass
class Line:
    width: int
    runs: list[Run]  # visual order, left to right
    text: str  # logical order, the line's characters without the spaces dropped at a break
    start: int = 0  # index of the line's first character in the laid-out text
    baseline: int = 0  # from the top of the layout


@dataclass
class TextLayout:
    width: int
    height: int  # lines x pitch, plus the ink of the first/last line that sticks out
    lines: list[Line]
    base_rtl: bool
    size: int = 0
    lang: str = "en"
    line_pitch: int = 0
    broken_words: int = 0  # words that had to be cut between characters
    overflow: bool = False  # some line is wider than max_width (a single character is)
    text: str = ""
    max_width: int | None = None
    bold: bool = False
    ink_top: int = 0  # extra rows above the first line box for marks that stick out
    ink_bottom: int = 0  # extra rows below the last line box


def script_of(text: str) -> str:
    """The ISO 15924 script HarfBuzz should shape a run with."""
    for ch in text:
        cp = ord(ch)
        if cp < 0x41:
            continue
        if 0x600 <= cp <= 0x8FF or 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF:
            return "Arab"
        if 0x400 <= cp <= 0x52F or 0x1C80 <= cp <= 0x1C8F or 0x2DE0 <= cp <= 0x2DFF or 0xA640 <= cp <= 0xA69F:
            return "Cyrl"
        if 0x370 <= cp <= 0x3FF or 0x1F00 <= cp <= 0x1FFF:
            return "Grek"
        if 0x3040 <= cp <= 0x309F:
            return "Hira"
        if 0x30A0 <= cp <= 0x30FF:
            return "Kana"
        if 0xAC00 <= cp <= 0xD7AF or 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F:
            return "Hang"
        if 0x2E80 <= cp <= 0x2FDF or 0x3400 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or cp >= 0x20000:
            return "Hani"
        if ch.isalpha():
            return "Latn"
    return "Zyyy"  # digits, punctuation, spaces only: script Common


def visible(s: str) -> str:
    """Drop what must not reach the font: bidi controls, C0/C1 controls, lone surrogates; a tab
    becomes a space."""
    if _NOT_FOR_FONT.search(s) is None:
        return s
    return _NOT_FOR_FONT.sub(lambda m: " " if m.group() == "\t" else "", s)


# What visible() changes: category Cc (U+0000-001F and U+007F-009F, fixed by Unicode's stability
# policy) and Cs (U+D800-DFFF), and the bidi controls. One compiled class is searched in C: the
# common text has none (isprintable() was no quick test, since it is False for every no-break space).
_NOT_FOR_FONT = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff" + "".join(sorted(bidi_levels.BIDI_CONTROLS)) + "]")


def _is_word_char(ch: str) -> bool:
    """A letter or mark of a script written with spaces between words."""
    return unicodedata.category(ch)[0] in "LM" and not is_cjk(ch)


def _may_stick_out(text: str) -> bool:
    """Could the run's ink leave the font's line box? Only stacked marks (harakat, combining
    accents) do with the game's fonts: no Arabic catalog string without a nonspacing mark
    sticks out at 18, 24 or 32 px, so other runs are not measured (rendering costs)."""
    if breaking.FAST:
        chars = set(text)
        if chars <= _NOT_MN:
            return False
        for ch in chars - _NOT_MN:
            if unicodedata.category(ch) == "Mn":
                return True
            _NOT_MN.add(ch)
        return False
    return any(unicodedata.category(ch) == "Mn" for ch in text)


_NOT_MN: set[str] = set()  # characters known not to be nonspacing marks (filled as they are met)


def faces_for(text: str, cov: Coverage) -> list[int]:
    """Chain index of the face that draws each character.

    A word (letters and marks of a non-CJK script) is drawn with the first face of the chain
    that has all of its letters, so "Łódź" does not mix two fonts. Other characters (spaces,
    digits, punctuation) stay in the face of the character before them when it has them,
    else take the first face that does.
    """
    n = len(text)
    if breaking.FAST and cov.has_all(0, text) and bidi_levels.BIDI_CONTROLS.isdisjoint(text):
        # The common case: the first face draws every character, so every rule below picks it.
        return [0] * n
    faces = [0] * n
    prev = -1
    i = 0
    while i < n:
        ch = text[i]
        if _is_word_char(ch):
            j = i + 1
            while j < n and _is_word_char(text[j]):
                j += 1
            firsts = [cov.first(c) for c in text[i:j]]
            known = {f for f in firsts if f >= 0}
            if len(known) > 1:
                word = [c for c, f in zip(text[i:j], firsts, strict=True) if f >= 0]
                for k in range(len(cov.chain)):
                    if all(cov.covers(k, c) for c in word):
                        firsts = [k] * (j - i)
                        break
            for k, f in enumerate(firsts):
                if f < 0:
                    f = prev if prev >= 0 else (min(known) if known else 0)
                faces[i + k] = prev = f
            i = j
            continue
        if ch in bidi_levels.BIDI_CONTROLS:
            # Never drawn: take a neighbour's face so an isolate does not split a run.
            faces[i] = -1
        elif prev >= 0 and (cov.covers(prev, ch) or cov.first(ch) < 0):
            faces[i] = prev
        else:
            f = cov.first(ch)
            faces[i] = prev = f if f >= 0 else 0
        i += 1
    if -1 in faces:
        nxt = 0
        for k in range(n - 1, -1, -1):  # controls at the start take the next face
            if faces[k] < 0:
                faces[k] = nxt
            else:
                nxt = faces[k]
        for k in range(1, n):  # the others the face before them
            if text[k] in bidi_levels.BIDI_CONTROLS:
                faces[k] = faces[k - 1]
    return faces


class Paragraph:
    """Per-paragraph data that does not depend on the size: levels, faces, segments."""

    __slots__ = ("text", "levels", "faces", "base_level", "_segments", "_pieces", "widths", "uniform", "_bounds",
                 "seg_widths")

    def __init__(self, text: str, lk: str, cov: Coverage):
        self.text = text
        self.base_level = 1 if is_rtl(lk) else 0
        self.levels = bidi_levels.paragraph_levels(text, self.base_level)
        self.faces = faces_for(text, cov)
        # One level and one face throughout (most paragraphs): any span is a single run.
        self.uniform = (breaking.FAST and bool(text) and len(set(self.levels)) == 1
                        and len(set(self.faces)) == 1)
        self._bounds: list[int] | None = None  # starts of the paragraph's (level, face) runs
        self._segments: list[tuple[int, int, int]] | None = None
        # (start, end) -> what a measure of [start, end) shapes; see pieces().
        self._pieces: dict[tuple[int, int], tuple[tuple[int, str, bool, str], ...]] = {}
        # (start, end, size, bold) -> advance width of [start, end) (Layouter.width)
        self.widths: dict[tuple[int, int, int, bool], int] = {}
        # (size, bold) -> widths of each segment's content and of the segment with its spaces
        self.seg_widths: dict[tuple[int, bool], tuple[list[int | None], list[int | None]]] = {}

    @property
    def segments(self) -> list[tuple[int, int, int]]:
        if self._segments is None:
            self._segments = segments(self.text, self.levels, self.base_level)
        return self._segments

    def pieces(self, start: int, end: int) -> tuple[tuple[int, str, bool, str], ...]:
        """(face index, visible text, rtl, script) of each logical run of [start, end) that has
        visible text: the size-independent part of measuring a span, kept because wrapping and
        fitting measure the same words and lines at many sizes."""
        key = (start, end)
        got = self._pieces.get(key)
        if got is None:
            out = []
            text = self.text
            if self.uniform:
                txt = visible(text[start:end])
                if txt:
                    out.append((self.faces[0], txt, bool(self.levels[0] % 2), script_of(txt)))
                got = self._pieces[key] = tuple(out)
                return got
            runs = self._runs_between(start, end) if breaking.FAST else self.logical_runs(start, end)
            for s, e, level, face in runs:
                txt = visible(text[s:e])
                if txt:
                    out.append((face, txt, bool(level % 2), script_of(txt)))
            got = self._pieces[key] = tuple(out)
        return got

    def _runs_between(self, start: int, end: int) -> list[tuple[int, int, int, int]]:
        """logical_runs(start, end) with the paragraph's levels, from run bounds found once."""
        bounds = self._bounds
        if bounds is None:
            bounds = self._bounds = [s for s, _, _, _ in self.logical_runs(0, len(self.text))]
            bounds.append(len(self.text))
        k = bisect_right(bounds, start) - 1
        out = []
        levels, faces = self.levels, self.faces
        s = start
        while s < end:
            e = min(bounds[k + 1], end)
            out.append((s, e, levels[s], faces[s]))
            s = e
            k += 1
        return out

    def logical_runs(self, start: int, end: int, levels=None) -> list[tuple[int, int, int, int]]:
        """(start, end, level, face index) groups of [start, end) in logical order."""
        lv = levels if levels is not None else self.levels[start:end]
        faces = self.faces
        out = []
        i = start
        while i < end:
            level = lv[i - start]
            face = faces[i]
            j = i + 1
            while j < end and lv[j - start] == level and faces[j] == face:
                j += 1
            out.append((i, j, level, face))
            i = j
        return out


def fast_paths(on: bool) -> None:
    """Switch the fast paths of layout and breaking on or off (for the bench and the tests that
    compare them with the general code; the game never switches them off). Paragraphs made
    before keep what they were made with: start from empty caches."""
    breaking.FAST = bidi_levels.FAST = bool(on)
    bidi_levels.paragraph_levels.cache_clear()


_MEMO_MAX = 20_000  # span widths kept per language, size and boldness


def pitch_for(lk: str, size: int, line_spacing: float) -> int:
    """Distance between two baselines."""
    m = metrics_for(lk)
    return max(1, math.ceil(size * line_spacing * m.factor - 1e-9))


class Layouter:
    """Lays out text of one language at one size with a measure function (see module doc)."""

    def __init__(self, lk: str, chain: tuple[str, ...], size: int, bold: bool, measure: Measure,
                 ink: Ink | None = None, memo: dict[tuple[int, int, str], int] | None = None):
        self.lk = lk
        self.chain = chain
        self.size = size
        self.bold = bold
        self.measure = measure
        self.ink = ink
        # (face, level, text) -> width of a one-run span; the engine passes one dict per language,
        # size and boldness, kept between layouts (like the measure function, a fact of the fonts).
        self._memo: dict[tuple[int, int, str], int] = {} if memo is None else memo

    def width(self, p: Paragraph, start: int, end: int) -> int:
        # Kept in the paragraph: fitting measures the same words and lines in many boxes. (A
        # paragraph belongs to one language, so to one face chain, and the measure function is
        # a pure function of the font files.)
        key = (start, end, self.size, self.bold)
        if p.uniform:
            # One run: its width is that of its text alone, wherever it stands (the same words
            # and spaces recur in a paragraph and across paragraphs at this size).
            sub = p.text[start:end]
            mkey = (p.faces[0], p.levels[0], sub)
            total = self._memo.get(mkey)
            if total is None:
                txt = visible(sub)
                total = (self.measure(self.chain[p.faces[0]], self.size, self.bold, txt, bool(p.levels[0] % 2),
                                      script_of(txt)) if txt else 0)
                if len(self._memo) >= _MEMO_MAX:
                    forget_oldest_half(self._memo)
                self._memo[mkey] = total
            return total
        total = p.widths.get(key)
        if total is None:
            total = 0
            chain, size, bold, measure = self.chain, self.size, self.bold, self.measure
            for face, txt, rtl, script in p.pieces(start, end):
                total += measure(chain[face], size, bold, txt, rtl, script)
            p.widths[key] = total
        return total

    def layout(self, text: str, paragraphs: Callable[[str], Paragraph], max_width: int | None,
               line_spacing: float) -> TextLayout:
        lay = self.layout_within(text, paragraphs, max_width, line_spacing, None)
        assert lay is not None  # no line limit: always a layout
        return lay

    def layout_within(self, text: str, paragraphs: Callable[[str], Paragraph], max_width: int | None,
                      line_spacing: float, max_lines: int | None) -> TextLayout | None:
        """The layout, or None as soon as it is known to need more than ``max_lines`` lines
        (fitting a box only needs to know that a size is too big, not its whole layout)."""
        size = self.size
        pitch = pitch_for(self.lk, size, line_spacing)
        m = metrics_for(self.lk)
        baseline_in_line = round((pitch - (m.ascent + m.descent) * size) / 2 + m.ascent * size)
        wrapped = self._wrapped(text, paragraphs, max_width, max_lines)
        if wrapped is None:
            return None
        paras, broken, overflow = wrapped
        lines: list[Line] = []
        offset = 0
        for para, p, spans in paras:
            para_start = offset
            for ls, le in spans:
                lines.append(self.build_line(p, ls, le, para_start))
            offset = para_start + len(para)
            # skip the line break itself (\r\n counts as one)
            if text.startswith("\r\n", offset):
                offset += 2
            elif offset < len(text):
                offset += 1
        top, bottom = self._ink_overhang(lines, baseline_in_line, pitch - baseline_in_line)
        for n, line in enumerate(lines):
            line.baseline = top + n * pitch + baseline_in_line
        width = max((ln.width for ln in lines), default=0)
        return TextLayout(width=width, height=top + pitch * len(lines) + bottom, lines=lines,
                          base_rtl=is_rtl(self.lk), size=size, lang=self.lk, line_pitch=pitch,
                          broken_words=broken, overflow=overflow, text=text, max_width=max_width,
                          bold=self.bold, ink_top=top, ink_bottom=bottom)

    def lines_within(self, text: str, paragraphs: Callable[[str], Paragraph], max_width: int,
                     max_lines: int) -> tuple[int, int, bool] | None:
        """What ``layout_within`` would answer about the lines, without making them: (lines, words
        cut, overflow), or None when more than ``max_lines`` lines are needed. (Fitting asks this
        at the sizes it tries; only a size that may be the answer is laid out in full.)"""
        wrapped = self._wrapped(text, paragraphs, max_width, max_lines)
        return None if wrapped is None else (sum(len(spans) for _, _, spans in wrapped[0]), wrapped[1], wrapped[2])

    def _wrapped(self, text: str, paragraphs: Callable[[str], Paragraph], max_width: int | None,
                 max_lines: int | None) -> tuple[list[tuple[str, Paragraph, list[tuple[int, int]]]], int, bool] | None:
        """Each paragraph of ``text`` with its line spans, and the words cut and overflow of them all;
        None as soon as more than ``max_lines`` lines are known to be needed. Paragraphs end at the
        explicit line breaks: \\n, \\r\\n, \\r, U+2028, U+2029 ... (a final one adds no empty line)."""
        out = []
        count = broken = 0
        overflow = False
        for para in text.splitlines() or [""]:
            if max_lines is not None and count >= max_lines and breaking.FAST:
                return None  # every paragraph has a line
            p = paragraphs(para)
            spans, b, o = self.wrap(p, max_width, None if max_lines is None else max_lines - count)
            count += len(spans)
            if max_lines is not None and count > max_lines:
                return None
            out.append((para, p, spans))
            broken += b
            overflow = overflow or o
        return out, broken, overflow

    def _ink_overhang(self, lines: list[Line], above: int, below: int) -> tuple[int, int]:
        """Rows of ink above the first line box and below the last one (0 when none)."""
        if self.ink is None or not lines:
            return 0, 0
        top = bottom = 0
        for run in lines[0].runs:
            if _may_stick_out(run.text):
                top = max(top, self.ink(run.font_key, self.size, self.bold, run.text, run.rtl, run.script)[0] - above)
        for run in lines[-1].runs:
            if _may_stick_out(run.text):
                bottom = max(bottom, self.ink(run.font_key, self.size, self.bold, run.text, run.rtl,
                                              run.script)[1] - below)
        # One more row so that antialiased ink does not sit on the surface's edge.
        return (top + 1 if top > 0 else 0), (bottom + 1 if bottom > 0 else 0)

    def _known_widths(self, p: Paragraph) -> tuple[list[int | None], list[int | None]]:
        """Widths of a one-run paragraph's segments (word; word and its spaces) at this size that
        are already known from other texts, looked up in one pass (most words recur); None where
        a width is not known yet (wrap measures it when it gets there, and only if it does)."""
        get = self._memo.get
        text, face, level = p.text, p.faces[0], p.levels[0]
        content = [get((face, level, text[a:b])) for a, b, _ in p.segments]
        full: list[int | None] = [None] * len(content)
        for k, (_, b, c) in enumerate(p.segments):
            w = content[k]
            if w is None:
                continue
            if c == b:
                full[k] = w
            else:
                space = get((face, level, text[b:c]))
                if space is not None:
                    full[k] = w + space
        return content, full

    def wrap(self, p: Paragraph, max_width: int | None,
             max_lines: int | None = None) -> tuple[list[tuple[int, int]], int, bool]:
        """Line spans [(start, end)] of one paragraph, words cut, overflow flag. With ``max_lines``
        it stops at max_lines + 1 spans, the last one not measured (the caller only needs to know
        there are more; spans, words cut and overflow then mean nothing)."""
        text = p.text
        if max_width is None or not text:
            return [(0, len(text))], 0, False
        segs = p.segments  # copied before a word is cut (below)
        width = self.width
        n = len(segs)
        # Segment widths at this size, kept in the paragraph for its next wrap (another box or
        # line limit); a cut segment is a new one, so this wrap then works on its own copy.
        shared = p.seg_widths.get((self.size, self.bold)) if breaking.FAST else None
        if shared is None:
            shared = p.seg_widths[(self.size, self.bold)] = self._known_widths(p) if p.uniform else ([None] * n, [None] * n)
        content_w, full_w = shared
        owned = False

        def seg_full(k: int) -> int:
            w = full_w[k]
            if w is None:
                s = segs[k]  # a first guess: the word, then its spaces
                w = full_w[k] = seg_content(k) + (width(p, s[1], s[2]) if s[2] > s[1] else 0)
            return w

        def seg_content(k: int) -> int:
            w = content_w[k]
            if w is None:
                s = segs[k]
                w = content_w[k] = width(p, s[0], s[1])
            return w

        def fill(i: int) -> int:
            """The last segment of a line from segment i, as far as the segment widths say (the
            hottest loop of wrapping: widths looked up inline)."""
            j, acc = i, 0
            while j + 1 < n:
                f = full_w[j]
                if f is None:
                    f = seg_full(j)
                c = content_w[j + 1]
                if c is None:
                    c = seg_content(j + 1)
                if acc + f + c > max_width:
                    break
                acc += f
                j += 1
            return j

        if max_lines is not None and breaking.FAST:
            # A lower bound first: lines filled by the segment widths alone end at or after the
            # lines below (the exact check of a line only drops segments from its end, and a later
            # start never ends a line sooner), so when they already need more than max_lines lines,
            # so does the layout, and no line is measured whole. No bound when a segment is wider
            # than the line: where it is cut depends on exact widths.
            guess: list[tuple[int, int]] = []
            i = 0
            while i < n and len(guess) <= max_lines and seg_content(i) <= max_width:
                j = fill(i)
                guess.append((segs[i][0], segs[j][1]))
                i = j + 1
            if len(guess) > max_lines:
                return guess, 0, False

        spans: list[tuple[int, int]] = []
        broken = 0
        overflow = False
        i = 0
        while i < n:
            if max_lines is not None and len(spans) >= max_lines:
                if breaking.FAST:
                    # One line more than allowed: the caller only needs to know that it exists,
                    # not where it ends (measuring it would be wasted).
                    spans.append((segs[i][0], len(text)))
                    break
                if len(spans) > max_lines:
                    break
            line_start = segs[i][0]
            if seg_content(i) <= max_width:
                j = fill(i)
                # exact check of the whole line, dropping segments while it is too wide
                while True:
                    w = width(p, line_start, segs[j][1])
                    if w <= max_width or j == i:
                        break
                    j -= 1
                if w <= max_width:
                    spans.append((line_start, segs[j][1]))
                    i = j + 1
                    continue
            # segs[i] alone is too wide: cut it between characters
            s0, ce, e0 = segs[i]
            if ce == s0:  # only spaces (cannot happen after a break, but be safe)
                spans.append((s0, ce))
                i += 1
                continue
            bounds = cluster_bounds(text, s0, ce)
            lo, hi = 0, len(bounds) - 1
            if width(p, s0, bounds[0]) > max_width:
                cut = bounds[0]
                overflow = True
            else:
                while lo < hi:  # largest k with width(s0, bounds[k]) <= max_width
                    mid = (lo + hi + 1) // 2
                    if width(p, s0, bounds[mid]) <= max_width:
                        lo = mid
                    else:
                        hi = mid - 1
                cut = bounds[lo]
            spans.append((s0, cut))
            if cut >= ce:
                i += 1
            else:
                broken += 1
                if not owned:
                    segs, content_w, full_w = list(segs), list(content_w), list(full_w)
                    owned = True
                segs[i] = (cut, ce, e0)
                full_w[i] = content_w[i] = None
        return spans, broken, overflow

    def build_line(self, p: Paragraph, start: int, end: int, offset: int) -> Line:
        text = p.text
        levels = None
        # L1 only moves levels back to the paragraph's: nothing to do when all are at it.
        if breaking.FAST and p.uniform and p.levels[0] == p.base_level:
            pass
        elif p.base_level or any(p.levels[start:end]):
            levels = bidi_levels.line_levels(text, p.levels, start, end, p.base_level)
        runs: list[Run] = []
        runs_between = p._runs_between if levels is None and breaking.FAST else None
        for s, e, level, face in (runs_between(start, end) if runs_between else p.logical_runs(start, end, levels)):
            txt = visible(text[s:e])
            fk = self.chain[face]
            script = script_of(txt)
            rtl = bool(level % 2)
            w = self.measure(fk, self.size, self.bold, txt, rtl, script) if txt else 0
            runs.append(Run(text=txt, rtl=rtl, width=w, font_key=fk, script=script, level=level,
                            start=offset + s, end=offset + e))
        order = bidi_levels.reorder([r.level for r in runs])
        visual = [runs[k] for k in order if runs[k].text]
        x = 0
        for r in visual:
            r.x = x
            x += r.width
        return Line(width=x, runs=visual, text=text[start:end], start=offset + start)
