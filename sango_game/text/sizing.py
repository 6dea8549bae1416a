"""The size search of ``TextEngine.fit``: where to look first, and how to look from there.

A fit asks "does the text fit at this size?" of sizes between the smallest allowed and the size
asked for; sizes that fit are the smaller ones. Each question at a size not asked before shapes
that size's words (Arabic: about 40 microseconds a word), so the search asks as few sizes as it
can. It starts from a guess: the word widths already measured at the size asked for, scaled to
each smaller size, tell how many lines the text would need there (font hinting keeps widths from
scaling exactly, so the guess is only where to start). From the guess it steps one size up or
down, then doubles its steps, then halves the interval it has found. The answer is the same as
a plain halving search gives (the size that fits with the next size up not fitting); with a good
guess it takes two questions instead of four or five.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from .layout import Paragraph


def largest(ok: Callable[[int], bool], min_size: int, hi: int, guess: int | None = None) -> int | None:
    """The largest size in [min_size, hi] that is ``ok``, or None when none is. ``ok(min_size)`` is
    asked only if the answer can be nothing else; ``guess`` is where to look after ``hi``."""
    if ok(hi):
        return hi
    top = hi  # not ok
    lo: int | None = None  # the largest size known to be ok
    g = min_size if guess is None else max(min_size, min(int(guess), hi - 1))
    if g > min_size:
        step = 1
        if ok(g):
            lo = g
            while lo + step < top:
                if not ok(lo + step):
                    top = lo + step
                    break
                lo += step
                step *= 2
        else:
            top = g
            while top - step > min_size:
                if ok(top - step):
                    lo = top - step
                    break
                top -= step
                step *= 2
    known = lo is not None
    low = min_size if lo is None else lo
    while top - low > 1:  # low is ok (or min_size, not asked yet); top is not
        mid = (low + top) // 2
        if ok(mid):
            low, known = mid, True
        else:
            top = mid
    if low < hi and (known or ok(low)):
        return low
    return None


def guess_size(paragraphs: Iterable[Paragraph], size: int, bold: bool, box_w: int, box_h: int, min_size: int,
               line_height: Callable[[int], int]) -> int | None:
    """The largest size below ``size`` at which the text would fit ``box_w`` x ``box_h`` if its word
    widths measured at ``size`` scaled with the size (words not measured yet count as wide as the
    measured ones per character); None when no word was measured at ``size``."""
    paras = [(p, p.seg_widths.get((size, bold))) for p in paragraphs]
    chars = width = space_chars = space_width = 0.0
    for p, widths in paras:
        if widths is not None:
            for (s, ce, e), c, f in zip(p.segments, *widths, strict=True):
                if c is not None and ce > s:
                    chars += ce - s
                    width += c
                    if f is not None and e > ce:
                        space_chars += e - ce
                        space_width += f - c
    if not chars:
        return None
    per_char = width / chars
    per_space = space_width / space_chars if space_chars else per_char / 2
    segs = []
    for p, widths in paras:
        content, full = widths if widths is not None else ([None] * len(p.segments),) * 2
        cs: list[float] = []
        fs: list[float] = []
        for (s, ce, e), c, f in zip(p.segments, content, full, strict=True):
            cw = float(c) if c is not None else per_char * (ce - s)
            cs.append(cw)
            fs.append(float(f) if f is not None else cw + per_space * (e - ce))
        segs.append((cs, fs))

    def fits(s: int) -> bool:
        max_lines = box_h // line_height(s)
        max_width = box_w * size / s  # the box in widths at ``size``
        lines = 0
        for content, full in segs:
            lines += _lines(content, full, max_width)
            if lines > max_lines:
                return False
        return True

    if size <= min_size:
        return min_size
    found = largest(fits, min_size, size - 1)  # on the estimate: cheap, and its answer is only a start
    return min_size if found is None else found


def _lines(content: list[float], full: list[float], max_width: float) -> int:
    """Lines of greedily filled segments (a segment wider than a line is cut over several)."""
    n = len(content)
    if not n:
        return 1
    lines = i = 0
    while i < n:
        if content[i] > max_width:
            lines += math.ceil(content[i] / max_width)
            i += 1
            continue
        acc, j = 0.0, i
        while j + 1 < n and acc + full[j] + content[j + 1] <= max_width:
            acc += full[j]
            j += 1
        lines += 1
        i = j + 1
    return lines
