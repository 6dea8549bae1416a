"""The text engine: the only place in the game that calls ``pygame.font.Font.render``.

``TextEngine`` owns the fonts (pygame/SDL_ttf with HarfBuzz), measures runs for the layout
(``layout.py``: bidi, faces, line breaking, lines; it never draws) and draws laid-out runs
side by side on a shared baseline. Each run is shaped on its own with ``set_direction`` (RTL
for odd levels) and ``set_script``, so Arabic joins and numbers or Latin words inside Arabic
keep their left-to-right order.

Layouts, rendered surfaces, ``fit`` answers and paragraphs are kept in LRU caches, so drawing
the same text again is one dictionary look-up.

``glyphs = False`` makes ``render`` return blank surfaces of the laid-out size: layout, ``fit``
and overflow reports are exactly those of drawn text, without the cost of drawing glyphs. The
every-screen overflow test uses it where it needs the measurements and not the pixels.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from . import bidi_levels
from .cache import LRUCache, forget_oldest_half, surface_bytes
from .fonts import FACES, Coverage, chain_for, coverage, default_font_dir, lang_key
from .layout import Layouter, Line, Paragraph, Run, TextLayout, pitch_for, visible
from .sizing import guess_size, largest

__all__ = ["ALIGNS", "Line", "Run", "TextEngine", "TextLayout"]

ALIGNS = ("start", "end", "center", "left", "right")
RENDER_BUDGET = 32 * 2**20  # bytes of rendered text kept until the app sets a budget for its window

# Run widths and word inks are facts about the bundled font files, the same for every engine and
# every window: kept for the whole process (a new App, a language change, a resize or clear_cache
# would otherwise shape the same words again), the older half forgotten when they grow too big.
_WIDTHS: dict[tuple, int] = {}
_INKS: dict[tuple, tuple[int, int]] = {}
_MAX_WIDTHS = 100_000
_MAX_INKS = 50_000
# Paragraphs (levels, faces, break opportunities, run pieces) depend on the text, the language and
# the font files only, not on the size or the window: shared the same way, least recently used go.
_PARAS: LRUCache[Paragraph] = LRUCache(8192)
# Widths of one-run spans by their text, one dict per (font folder, language, size, bold): shared
# the same way (Layouter bounds each dict).
_SPANS: dict[tuple, dict[tuple[int, int, str], int]] = {}


def forget_measurements() -> None:
    """Forget every measurement kept for the whole process (paragraphs, run widths and inks, span
    widths, bidi levels): the benchmarks start each run cold with it."""
    for cache in (_WIDTHS, _INKS, _PARAS, _SPANS):
        cache.clear()
    bidi_levels.paragraph_levels.cache_clear()


class TextEngine:
    """Lays out and draws text in the six UN languages; see the module docstring."""

    def __init__(self, font_dir: Path | None = None, cache_size: int = 512):
        self.font_dir = Path(font_dir) if font_dir is not None else default_font_dir()
        if not (self.font_dir / FACES["latin"].regular).is_file():
            raise FileNotFoundError(f"bundled fonts not found in {self.font_dir}")
        self.cache_size = max(1, int(cache_size))
        self.overflows: list[str] = []
        self.glyphs = True  # False: measure only, render() gives blank surfaces (see the module doc)
        if not pygame.font.get_init():
            pygame.font.init()
        self._fonts: dict[tuple[str, int, bool], pygame.font.Font] = {}  # (file, pixel size, bold)
        self._face_fonts: dict[tuple[str, int, bool], pygame.font.Font] = {}  # (face, size, bold)
        self._font_state: dict[int, tuple[int, str]] = {}
        self._layouts: LRUCache[TextLayout] = LRUCache(2 * self.cache_size)
        self._renders: LRUCache[pygame.Surface] = LRUCache(self.cache_size, RENDER_BUDGET, surface_bytes)
        self._fits: LRUCache[int] = LRUCache(2 * self.cache_size)
        self._too_tall: dict[tuple, int] = {}  # layout key -> a line count the layout is known to exceed
        self._font_key = str(self.font_dir)  # first part of the keys of the shared measurements
        self._coverages: dict[str, Coverage] = {}
        self._chains: dict[str, tuple[str, ...]] = {}
        self._lang_keys: dict[str, str] = {}

    # -- public API -------------------------------------------------------------------------
    def layout(self, text: str, lang: str, size: int, *, max_width: int | None = None,
               bold: bool = False, line_spacing: float = 1.25) -> TextLayout:
        """Wrap (at ``max_width`` if given, and at every explicit line break) and order ``text``.

        Lines are ``line_spacing * size`` apart (more for Arabic and Chinese, see
        ``fonts.LINE_METRICS``); ``width`` is the widest line, ``height`` lines x pitch plus
        any ink (Arabic marks) sticking out above the first or below the last line.
        """
        lay = self._layout(text, lang, size, max_width, bold, line_spacing, None)
        assert lay is not None  # no line limit: always a layout
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
            return hit
        if align not in ALIGNS:
            raise ValueError(f"align must be one of {ALIGNS}, not {align!r}")
        lay = self.layout(text, lang, size, max_width=max_width, bold=bold, line_spacing=line_spacing)
        return self._renders.put(key, self._draw(lay, pygame.Color(rgba), align))

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
            return hit

        box_w, box_h = max(1, int(box_w)), int(box_h)
        lines_ok: dict[tuple[int, bool], bool] = {}

        def fits_lines(s: int, strict: bool) -> bool:
            # Fits with the marks' ink left out: known from the lines alone (wrapping stops at more
            # lines than the box has; the lines it makes are never wider than the box unless a
            # character alone is, which is an overflow), so no layout is made.
            got = lines_ok.get((s, strict))
            if got is None:
                counted = self._lines_within(text, lang, s, box_w, bold, box_h // self.line_height(lang, s))
                got = lines_ok[(s, strict)] = counted is not None and not counted[2] and not (strict and counted[1])
            return got

        def fits_with_ink(s: int, strict: bool) -> bool:
            # The whole layout (kept: drawing this size then finds it), the marks' ink inside the box.
            # It is made first, so that fits_lines answers from it rather than wrapping again.
            if lines_ok.get((s, strict)) is False:
                return False
            lay = self._layout(text, lang, s, box_w, bold, 1.25, box_h // self.line_height(lang, s))
            if lay is None:
                lines_ok[(s, strict)] = False
                return False
            return fits_lines(s, strict) and lay.height <= box_h

        # Best first: whole words with the marks' ink inside the box; whole words with marks
        # sticking out of a tight box (place_text keeps the line boxes in it); then cut words,
        # likewise. The ink only adds rows, so the size where the lines fit is found first and
        # the ink is looked at there, and below it only if it does not fit there.
        def best(strict: bool) -> int | None:
            if fits_with_ink(size, strict):
                return size  # the common case: one layout, the one drawing needs
            lk = self._lang(lang)
            guess = guess_size([self._paragraph(para, lk) for para in text.splitlines() or [""]], size, bool(bold),
                               box_w, box_h, min_size, lambda s: self.line_height(lk, s))
            lines_fit = largest(lambda s: fits_lines(s, strict), min_size, size, guess)
            if lines_fit is None or fits_with_ink(lines_fit, strict):
                return lines_fit
            with_ink = (largest(lambda s: fits_with_ink(s, strict), min_size, lines_fit - 1, lines_fit - 2)
                        if lines_fit > min_size else None)
            return with_ink if with_ink is not None else lines_fit

        result = best(True)
        if result is None:
            result = best(False)
        if result is None:
            result = min_size
            if text not in self.overflows:
                self.overflows.append(text)
        return self._fits.put(key, result)

    def line_height(self, lang: str, size: int) -> int:
        """Distance between two baselines at the default line spacing (1.25)."""
        return pitch_for(self._lang(lang), int(size), 1.25)

    def set_budget(self, max_bytes: int) -> None:
        """Keep the rendered text surfaces under ``max_bytes`` of pixels (the app scales it with the window)."""
        self._renders.set_max_bytes(max_bytes)

    @property
    def cache_bytes(self) -> int:
        return self._renders.bytes

    def forget_fonts(self) -> None:
        """Close every loaded font (another language was chosen: its fonts load again when first used)."""
        self.clear_cache()
        for cache in (self._fonts, self._face_fonts, self._font_state, self._coverages, self._chains):
            cache.clear()

    def clear_cache(self) -> None:
        """Forget every cached layout, surface and fit (fonts stay loaded; paragraphs, run widths
        and inks, which only depend on the text and the font files, stay too)."""
        for cache in (self._layouts, self._renders, self._fits, self._too_tall):
            cache.clear()
        bidi_levels.paragraph_levels.cache_clear()

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

    def _paragraph(self, text: str, lk: str) -> Paragraph:
        """Levels, faces and segments of a paragraph: they do not depend on the size (cached)."""
        key = (self._font_key, text, lk)
        p = _PARAS.get(key)
        if p is None:
            p = _PARAS.put(key, Paragraph(text, lk, self._coverage(lk)))
        return p

    def _layout(self, text: str, lang: str, size: int, max_width: int | None, bold: bool, line_spacing: float,
                max_lines: int | None) -> TextLayout | None:
        """The cached layout, without reporting overflows (layout() does, fit() decides itself);
        None when it is known to need more than ``max_lines`` lines (such answers are kept too)."""
        lk = self._lang(lang)
        size = max(1, int(size))
        if max_width is not None:
            max_width = max(1, int(max_width))
        key = (text, lk, size, max_width, bool(bold), float(line_spacing))
        lay = self._layouts.get(key)
        if lay is None:
            if max_lines is not None and self._too_tall.get(key, -1) >= max_lines:
                return None
            lay = self._layouter(lk, size, bold, ink=True).layout_within(
                text, lambda para: self._paragraph(para, lk), max_width, float(line_spacing), max_lines)
            if lay is None:
                assert max_lines is not None
                if len(self._too_tall) > 4 * self.cache_size:
                    self._too_tall.clear()
                self._too_tall[key] = max(max_lines, self._too_tall.get(key, -1))
                return None
            self._layouts.put(key, lay)
        return lay

    def _lines_within(self, text: str, lang: str, size: int, max_width: int, bold: bool,
                      max_lines: int) -> tuple[int, int, bool] | None:
        """(lines, words cut, overflow) of the layout at ``size``, or None beyond ``max_lines``
        lines, without making the layout (``Layouter.lines_within``)."""
        lk = self._lang(lang)
        size = max(1, int(size))
        lay = self._layouts.get((text, lk, size, max_width, bool(bold), 1.25))
        if lay is not None:
            return None if len(lay.lines) > max_lines else (len(lay.lines), lay.broken_words, lay.overflow)
        return self._layouter(lk, size, bold, ink=False).lines_within(text, lambda para: self._paragraph(para, lk),
                                                                      max_width, max_lines)

    def _layouter(self, lk: str, size: int, bold: bool, ink: bool) -> Layouter:
        """A layouter of one language, size and boldness, with the span widths kept for them (and the
        marks' ink measured when ``ink``)."""
        self._coverage(lk)
        mkey = (self._font_key, lk, size, bool(bold))
        memo = _SPANS.get(mkey)
        if memo is None:
            memo = _SPANS[mkey] = {}
        return Layouter(lk, self._chains[lk], size, bool(bold), self._run_width, self._run_ink if ink else None, memo)

    def _set_shaping(self, f: pygame.font.Font, rtl: bool, script: str) -> None:
        state = (pygame.DIRECTION_RTL if rtl else pygame.DIRECTION_LTR, script)
        if self._font_state.get(id(f)) != state:
            f.set_direction(state[0])
            f.set_script(script)
            self._font_state[id(f)] = state

    def _run_width(self, face_key: str, size: int, bold: bool, text: str, rtl: bool, script: str) -> int:
        """The measure function of the layout: a shaped run's advance width."""
        if not text:
            return 0
        key = (self._font_key, face_key, size, bold, text, rtl, script)
        w = _WIDTHS.get(key)
        if w is None:
            f = self.font(face_key, size, bold)
            self._set_shaping(f, rtl, script)
            w = f.size(text)[0]
            if len(_WIDTHS) > _MAX_WIDTHS:
                forget_oldest_half(_WIDTHS)
            _WIDTHS[key] = w
        return w

    def _run_ink(self, face_key: str, size: int, bold: bool, text: str, rtl: bool, script: str) -> tuple[int, int]:
        """Rows of ink above and below the baseline of a shaped run. SDL_ttf reports no glyph
        bounds after shaping (marks are moved by GPOS), so words are rendered and their bounding
        boxes read. Word by word: marks attach, and Arabic letters join, only inside a word (a
        space joins nothing and has no ink), so the run's rows are those of its tallest word,
        and the same words recur in thousands of texts (each is rendered once per size)."""
        top = bottom = 0
        for word in text.split(" "):
            if word:
                up, down = self._word_ink(face_key, size, bold, word, rtl, script)
                top = max(top, up)
                bottom = max(bottom, down)
        return top, bottom

    def _word_ink(self, face_key: str, size: int, bold: bool, word: str, rtl: bool, script: str) -> tuple[int, int]:
        key = (self._font_key, face_key, size, bold, word, rtl, script)
        ink = _INKS.get(key)
        if ink is None:
            f = self.font(face_key, size, bold)
            self._set_shaping(f, rtl, script)
            box = f.render(word, True, (0, 0, 0)).get_bounding_rect()
            ink = (f.get_ascent() - box.top, box.bottom - f.get_ascent()) if box.h else (0, 0)
            if len(_INKS) > _MAX_INKS:
                forget_oldest_half(_INKS)
            _INKS[key] = ink
        return ink

    @staticmethod
    def _visible(s: str) -> str:
        return visible(s)

    # -- drawing --------------------------------------------------------------------------------
    def _draw(self, lay: TextLayout, color: pygame.Color, align: str) -> pygame.Surface:
        surf = pygame.Surface((max(0, lay.width), max(1, lay.height)), pygame.SRCALPHA)
        if not self.glyphs:
            return surf  # transparent, of the size the drawn text would have
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
