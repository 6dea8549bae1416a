"""The text engine: the only place in the game that calls ``pygame.font.Font.render``.

Pipeline for one paragraph (the text between explicit line breaks):

1. **Levels.** Resolve the Unicode bidi embedding level of every character (UAX #9 with
   python-bidi; the paragraph level comes from the language: 1 for Arabic, else 0).
2. **Faces.** Pick the font face of every character: the first face of the language's chain
   that has it. Neutral characters (spaces, punctuation, digits, marks) keep the face of the
   character before them when that face has them, so "Sango!" stays in one run.
3. **Segments.** Cut the paragraph where a line may break (spaces; between CJK characters,
   with kinsoku rules).
4. **Lines.** Fill lines greedily: segment widths give a first guess, the whole line is then
   measured exactly (the same runs that will be drawn) and segments are dropped while it is
   too wide. A segment wider than the line alone is cut between characters.
5. **Runs.** On each line apply rules L1/L2: group characters of equal level and face into
   runs, reorder the runs visually. Each run is shaped by HarfBuzz (SDL_ttf) on its own with
   ``set_direction`` (RTL for odd levels) and ``set_script``, so Arabic joins and numbers
   or Latin words inside Arabic keep their left-to-right order.
6. **Drawing.** Runs are blitted side by side on a shared baseline.

Layouts, rendered surfaces and ``fit`` answers are kept in LRU caches, so drawing the same
text again is one dictionary look-up.
"""

from __future__ import annotations

import math
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import pygame

from . import bidi_levels
from .breaking import cluster_bounds, is_cjk, segments
from .fonts import FACES, Coverage, chain_for, coverage, default_font_dir, is_rtl, lang_key, metrics_for

ALIGNS = ("start", "end", "center", "left", "right")

_STRIP_CATEGORIES = frozenset({"Cc", "Cs"})


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
    height: int
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


def _script_of(text: str, face_key: str) -> str:
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


def _is_word_char(ch: str) -> bool:
    """A letter or mark of a script written with spaces between words."""
    return unicodedata.category(ch)[0] in "LM" and not is_cjk(ch)


class _Paragraph:
    """Per-paragraph data shared by measuring and line building."""

    __slots__ = ("text", "levels", "faces", "base_level", "_segments")

    def __init__(self, text: str, levels: tuple[int, ...], faces: list[int], base_level: int):
        self.text = text
        self.levels = levels
        self.faces = faces
        self.base_level = base_level
        self._segments: list[tuple[int, int, int]] | None = None

    @property
    def segments(self) -> list[tuple[int, int, int]]:
        if self._segments is None:
            self._segments = segments(self.text)
        return self._segments


class TextEngine:
    """Lays out and draws text in the six UN languages; see the module docstring."""

    def __init__(self, font_dir: Path | None = None, cache_size: int = 512):
        self.font_dir = Path(font_dir) if font_dir is not None else default_font_dir()
        if not (self.font_dir / FACES["latin"].regular).is_file():
            raise FileNotFoundError(f"bundled fonts not found in {self.font_dir}")
        self.cache_size = max(1, int(cache_size))
        self.overflows: list[str] = []
        if not pygame.font.get_init():
            pygame.font.init()
        self._fonts: dict[tuple[str, int, bool], pygame.font.Font] = {}  # (file, pixel size, bold)
        self._face_fonts: dict[tuple[str, int, bool], pygame.font.Font] = {}  # (face, size, bold)
        self._paras: OrderedDict[tuple[str, str], _Paragraph] = OrderedDict()
        self._font_state: dict[int, tuple[int, str]] = {}
        self._widths: dict[tuple, int] = {}
        self._layouts: OrderedDict[tuple, TextLayout] = OrderedDict()
        self._renders: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._fits: OrderedDict[tuple, int] = OrderedDict()
        self._coverages: dict[str, Coverage] = {}
        self._chains: dict[str, tuple[str, ...]] = {}
        self._lang_keys: dict[str, str] = {}

    # -- public API -------------------------------------------------------------------------
    def layout(self, text: str, lang: str, size: int, *, max_width: int | None = None,
               bold: bool = False, line_spacing: float = 1.25) -> TextLayout:
        """Wrap (at ``max_width`` if given, and at every explicit line break) and order ``text``.

        Lines are ``line_spacing * size`` apart (more for Arabic and Chinese, see
        ``fonts.LINE_METRICS``); ``width`` is the widest line, ``height`` lines x pitch.
        """
        lk = self._lang(lang)
        size = max(1, int(size))
        if max_width is not None:
            max_width = max(1, int(max_width))
        key = (text, lk, size, max_width, bool(bold), float(line_spacing))
        lay = self._layouts.get(key)
        if lay is not None:
            self._layouts.move_to_end(key)
        else:
            lay = self._do_layout(text, lk, size, max_width, bool(bold), float(line_spacing))
            self._layouts[key] = lay
            if len(self._layouts) > 2 * self.cache_size:
                self._layouts.popitem(last=False)
        if lay.overflow and text not in self.overflows:
            self.overflows.append(text)
        return lay

    def render(self, text: str, lang: str, size: int, color, *, max_width: int | None = None,
               align: str = "start", bold: bool = False, line_spacing: float = 1.25) -> pygame.Surface:
        """A per-pixel alpha surface of the laid-out text (cached, LRU).

        The surface is as wide as the widest line (not ``max_width``) and ``layout().height``
        tall; ``align`` places the shorter lines inside it: "start" (left for LTR languages,
        right for RTL ones), "end", "center", or the absolute "left"/"right". ``color`` is
        anything pygame.Color takes; its alpha makes the whole text translucent.
        """
        if type(color) is tuple and len(color) in (3, 4):
            rgba = color if len(color) == 4 else (*color, 255)
        else:
            rgba = tuple(pygame.Color(color))
        key = (text, lang, size, rgba, max_width, align, bold, line_spacing)
        hit = self._renders.get(key)
        if hit is not None:
            self._renders.move_to_end(key)
            return hit
        if align not in ALIGNS:
            raise ValueError(f"align must be one of {ALIGNS}, not {align!r}")
        lay = self.layout(text, lang, size, max_width=max_width, bold=bold, line_spacing=line_spacing)
        surf = self._draw(lay, pygame.Color(rgba), align)
        self._renders[key] = surf
        if len(self._renders) > self.cache_size:
            self._renders.popitem(last=False)
        return surf

    def fit(self, text: str, lang: str, size: int, box_w: int, box_h: int, *, min_size: int = 12,
            bold: bool = False) -> int:
        """The largest size <= ``size`` whose wrapped layout fits ``box_w`` x ``box_h``.

        Sizes that keep every word whole win; failing that, the largest size that fits with
        words cut between characters; failing that ``min_size`` (and the text is added to
        :attr:`overflows`).
        """
        size = int(size)
        min_size = max(1, min(int(min_size), size))
        key = (text, self._lang(lang), size, int(box_w), int(box_h), min_size, bool(bold))
        hit = self._fits.get(key)
        if hit is not None:
            self._fits.move_to_end(key)
            return hit

        def fits(s: int, strict: bool) -> bool:
            lay = self._layout_quiet(text, lang, s, max(1, int(box_w)), bold)
            if lay.overflow or lay.height > box_h or lay.width > box_w:
                return False
            return not (strict and lay.broken_words)

        result = None
        for strict in (True, False):
            if fits(size, strict):
                result = size
                break
            if not fits(min_size, strict):
                continue
            lo, hi = min_size, size  # fits(lo) is True, fits(hi) is False
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if fits(mid, strict):
                    lo = mid
                else:
                    hi = mid
            result = lo
            break
        if result is None:
            result = min_size
            if text not in self.overflows:
                self.overflows.append(text)
        self._fits[key] = result
        if len(self._fits) > 2 * self.cache_size:
            self._fits.popitem(last=False)
        return result

    def line_height(self, lang: str, size: int) -> int:
        """Distance between two baselines at the default line spacing (1.25)."""
        return self._pitch(self._lang(lang), int(size), 1.25)

    def clear_cache(self) -> None:
        """Forget every cached layout, surface, fit and measurement (fonts stay loaded)."""
        self._layouts.clear()
        self._renders.clear()
        self._fits.clear()
        self._widths.clear()
        self._paras.clear()
        bidi_levels.paragraph_levels.cache_clear()

    # -- helpers ------------------------------------------------------------------------------
    def _lang(self, lang: str) -> str:
        lk = self._lang_keys.get(lang)
        if lk is None:
            lk = self._lang_keys[lang] = lang_key(lang)
        return lk

    def _coverage(self, lk: str) -> Coverage:
        cov = self._coverages.get(lk)
        if cov is None:
            cov = self._coverages[lk] = coverage(self.font_dir, lk)
            self._chains[lk] = chain_for(lk)
        return cov

    @staticmethod
    def _pitch(lk: str, size: int, line_spacing: float) -> int:
        m = metrics_for(lk)
        return max(1, math.ceil(size * line_spacing * m.factor - 1e-9))

    def _layout_quiet(self, text, lang, size, max_width, bold) -> TextLayout:
        """layout() without reporting overflows (fit() decides about those)."""
        saved = self.overflows
        self.overflows = []
        try:
            return self.layout(text, lang, size, max_width=max_width, bold=bold)
        finally:
            self.overflows = saved

    def font(self, face_key: str, size: int, bold: bool = False) -> pygame.font.Font:
        """The cached pygame font of a face at a requested size (the face's scale applied)."""
        f = self._face_fonts.get((face_key, size, bold))
        if f is not None:
            return f
        face = FACES[face_key]
        px = max(1, round(size * face.scale))
        path = self.font_dir / (face.bold if bold and face.bold else face.regular)
        key = (str(path), px, bold)
        f = self._fonts.get(key)
        if f is None:
            f = pygame.font.Font(str(path), px)
            if bold and not face.bold:
                f.bold = True
            self._fonts[key] = f
        self._face_fonts[(face_key, size, bold)] = f
        return f

    def _set_shaping(self, f: pygame.font.Font, rtl: bool, script: str) -> None:
        state = (pygame.DIRECTION_RTL if rtl else pygame.DIRECTION_LTR, script)
        if self._font_state.get(id(f)) != state:
            f.set_direction(state[0])
            f.set_script(script)
            self._font_state[id(f)] = state

    def _run_width(self, face_key: str, size: int, bold: bool, text: str, rtl: bool, script: str) -> int:
        if not text:
            return 0
        key = (face_key, size, bold, text, rtl, script)
        w = self._widths.get(key)
        if w is None:
            f = self.font(face_key, size, bold)
            self._set_shaping(f, rtl, script)
            w = f.size(text)[0]
            if len(self._widths) > 50000:
                self._widths.clear()
            self._widths[key] = w
        return w

    @staticmethod
    def _visible(s: str) -> str:
        """Drop what must not reach the font: bidi controls, C0/C1 controls, lone surrogates."""
        if s.isprintable() and not any(c in bidi_levels.BIDI_CONTROLS for c in s):
            return s
        return "".join(
            " " if c == "\t" else c
            for c in s
            if c == "\t" or not (c in bidi_levels.BIDI_CONTROLS or unicodedata.category(c) in _STRIP_CATEGORIES)
        )

    # -- paragraphs -----------------------------------------------------------------------------
    def _paragraph(self, text: str, lk: str) -> _Paragraph:
        """Levels, faces and segments of a paragraph: they do not depend on the size (cached)."""
        key = (text, lk)
        p = self._paras.get(key)
        if p is not None:
            self._paras.move_to_end(key)
            return p
        base = 1 if is_rtl(lk) else 0
        levels = bidi_levels.paragraph_levels(text, base)
        p = _Paragraph(text, levels, self._faces(text, lk), base)
        self._paras[key] = p
        if len(self._paras) > 2 * self.cache_size:
            self._paras.popitem(last=False)
        return p

    def _faces(self, text: str, lk: str) -> list[int]:
        """Chain index of the face that draws each character.

        A word (letters and marks of a non-CJK script) is drawn with the first face of the
        chain that has all of its letters, so "Łódź" does not mix two fonts. Other
        characters (spaces, digits, punctuation) stay in the face of the character before
        them when it has them, else take the first face that does.
        """
        cov = self._coverage(lk)
        n = len(text)
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
                    word = [c for c, f in zip(text[i:j], firsts) if f >= 0]
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
            if prev >= 0 and (cov.covers(prev, ch) or cov.first(ch) < 0):
                faces[i] = prev
            else:
                f = cov.first(ch)
                faces[i] = prev = f if f >= 0 else 0
            i += 1
        return faces

    def _logical_runs(self, p: _Paragraph, start: int, end: int, levels=None):
        """(start, end, level, face index) groups of [start, end) in logical order."""
        lv = levels if levels is not None else p.levels[start:end]
        faces = p.faces
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

    def _measure(self, p: _Paragraph, lk: str, start: int, end: int, size: int, bold: bool) -> int:
        chain = self._chains[lk]
        total = 0
        for s, e, level, face in self._logical_runs(p, start, end):
            txt = self._visible(p.text[s:e])
            fk = chain[face]
            total += self._run_width(fk, size, bold, txt, bool(level % 2), _script_of(txt, fk))
        return total

    def _do_layout(self, text: str, lk: str, size: int, max_width: int | None, bold: bool,
                   line_spacing: float) -> TextLayout:
        self._coverage(lk)
        chain = self._chains[lk]
        base_rtl = is_rtl(lk)
        pitch = self._pitch(lk, size, line_spacing)
        m = metrics_for(lk)
        baseline_in_line = round((pitch - (m.ascent + m.descent) * size) / 2 + m.ascent * size)
        lines: list[Line] = []
        broken = 0
        overflow = False
        offset = 0
        # Explicit line breaks: \n, \r\n, \r, U+2028, U+2029 ... (a final one adds no empty line).
        paragraphs = text.splitlines() or [""]
        for para in paragraphs:
            para_start = offset
            p = self._paragraph(para, lk)
            spans, b, o = self._wrap(p, lk, size, bold, max_width)
            broken += b
            overflow = overflow or o
            for ls, le in spans:
                lines.append(self._build_line(p, lk, chain, ls, le, size, bold, para_start))
            offset = para_start + len(para)
            # skip the line break itself (\r\n counts as one)
            if text.startswith("\r\n", offset):
                offset += 2
            elif offset < len(text):
                offset += 1
        for n, line in enumerate(lines):
            line.baseline = n * pitch + baseline_in_line
        width = max((ln.width for ln in lines), default=0)
        return TextLayout(width=width, height=pitch * len(lines), lines=lines, base_rtl=base_rtl, size=size,
                          lang=lk, line_pitch=pitch, broken_words=broken, overflow=overflow, text=text,
                          max_width=max_width, bold=bold)

    def _wrap(self, p: _Paragraph, lk: str, size: int, bold: bool, max_width: int | None):
        """Line spans [(start, end)] of one paragraph, words cut, overflow flag."""
        text = p.text
        if max_width is None or not text:
            return [(0, len(text))], 0, False
        segs = [list(s) for s in p.segments]
        measure = self._measure
        full_w = {}
        content_w = {}

        def seg_full(k):
            w = full_w.get(k)
            if w is None:
                s = segs[k]  # a first guess: the word, then its spaces
                w = full_w[k] = seg_content(k) + (measure(p, lk, s[1], s[2], size, bold) if s[2] > s[1] else 0)
            return w

        def seg_content(k):
            w = content_w.get(k)
            if w is None:
                s = segs[k]
                w = content_w[k] = measure(p, lk, s[0], s[1], size, bold)
            return w

        spans: list[tuple[int, int]] = []
        broken = 0
        overflow = False
        i = 0
        n = len(segs)
        while i < n:
            line_start = segs[i][0]
            # first guess from segment widths
            j = i
            acc = 0
            if seg_content(i) <= max_width:
                while j + 1 < n and acc + seg_full(j) + seg_content(j + 1) <= max_width:
                    acc += seg_full(j)
                    j += 1
                # exact check of the whole line, dropping segments while it is too wide
                while True:
                    w = measure(p, lk, line_start, segs[j][1], size, bold)
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
            if measure(p, lk, s0, bounds[0], size, bold) > max_width:
                cut = bounds[0]
                overflow = True
            else:
                while lo < hi:  # largest k with measure(s0, bounds[k]) <= max_width
                    mid = (lo + hi + 1) // 2
                    if measure(p, lk, s0, bounds[mid], size, bold) <= max_width:
                        lo = mid
                    else:
                        hi = mid - 1
                cut = bounds[lo]
            spans.append((s0, cut))
            if cut >= ce:
                i += 1
            else:
                broken += 1
                segs[i] = [cut, ce, e0]
                full_w.pop(i, None)
                content_w.pop(i, None)
        return spans, broken, overflow

    def _build_line(self, p: _Paragraph, lk: str, chain, start: int, end: int, size: int, bold: bool,
                    offset: int) -> Line:
        text = p.text
        levels = bidi_levels.line_levels(text, p.levels, start, end, p.base_level) if p.base_level or any(
            p.levels[start:end]) else None
        logical = self._logical_runs(p, start, end, levels)
        runs: list[Run] = []
        for s, e, level, face in logical:
            txt = self._visible(text[s:e])
            fk = chain[face]
            script = _script_of(txt, fk)
            rtl = bool(level % 2)
            runs.append(Run(text=txt, rtl=rtl, width=self._run_width(fk, size, bold, txt, rtl, script),
                            font_key=fk, script=script, level=level, start=offset + s, end=offset + e))
        order = bidi_levels.reorder([r.level for r in runs])
        visual = [runs[k] for k in order if runs[k].text]
        x = 0
        for r in visual:
            r.x = x
            x += r.width
        return Line(width=x, runs=visual, text=text[start:end], start=offset + start)

    # -- drawing --------------------------------------------------------------------------------
    def _draw(self, lay: TextLayout, color: pygame.Color, align: str) -> pygame.Surface:
        surf = pygame.Surface((max(0, lay.width), max(1, lay.height)), pygame.SRCALPHA)
        # Transparent pixels carry the text colour so antialiased edges blend without darkening.
        surf.fill((color.r, color.g, color.b, 0))
        rgb = (color.r, color.g, color.b)
        if align == "start":
            align = "right" if lay.base_rtl else "left"
        elif align == "end":
            align = "left" if lay.base_rtl else "right"
        for line in lay.lines:
            if align == "left":
                x0 = 0
            elif align == "right":
                x0 = lay.width - line.width
            else:
                x0 = (lay.width - line.width) // 2
            for run in line.runs:
                f = self.font(run.font_key, lay.size, lay.bold)
                self._set_shaping(f, run.rtl, run.script)
                img = f.render(run.text, True, rgb)
                surf.blit(img, (x0 + run.x, line.baseline - f.get_ascent()))
        if color.a < 255:
            surf.fill((255, 255, 255, color.a), special_flags=pygame.BLEND_RGBA_MULT)
        return surf
