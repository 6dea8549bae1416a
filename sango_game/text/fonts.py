"""The bundled fonts, each language's font chain, and glyph coverage (no pygame here).

Every language draws with a chain of font faces: a character is drawn by the first face of
the chain whose character map (cmap) has it. The declared chains are

* ``ar``: Noto Sans Arabic, then Noto Sans (Latin letters, ``?``, brackets ...);
* ``zh``: Noto Sans CJK SC (subset), then Noto Sans;
* the others: Noto Sans.

Each chain then ends with the remaining bundled faces, so a Chinese or Arabic word inside an
English sentence (a language's own name in the language menu, say) is still drawn. Faces are
only opened when a character actually needs them.

Character maps are read with fontTools when it is installed, else with the small reader
below (formats 4 and 12, the two that the bundled fonts use); both give the same answer
(a test checks it).
"""

from __future__ import annotations

import struct
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..languages import BY_FONT_KEY, TABLE

# Language facts (direction, face chain, metrics) come from the language table.
RTL_LANGS = frozenset(lang.code for lang in TABLE if lang.rtl)


@dataclass(frozen=True)
class Face:
    """One bundled font family."""

    key: str  # short name, also the ``font_key`` of layout runs
    regular: str  # file name in the font folder
    bold: str | None  # None: synthetic bold (pygame ``Font.bold``)
    scale: float  # pixel size = round(requested size * scale); evens out x-heights
    script: str  # default OpenType script tag (ISO 15924) for HarfBuzz


FACES: dict[str, Face] = {
    "latin": Face("latin", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", 1.0, "Latn"),
    # Arabic letters have a much smaller body than Latin ones at the same em size (x-height
    # 374 vs 536 units), so Arabic is drawn 15 % larger to stay easy to read for children.
    "arabic": Face("arabic", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf", 1.15, "Arab"),
    "cjk": Face("cjk", "NotoSansSC-Regular.otf", "NotoSansSC-Bold.otf", 1.0, "Hani"),
}

DECLARED_CHAINS: dict[str, tuple[str, ...]] = {key: lang.font_faces for key, lang in BY_FONT_KEY.items()}


@dataclass(frozen=True)
class LineMetrics:
    """Vertical metrics of a language, in ems of the requested size.

    ``ascent``/``descent`` bound the ink of ordinary text (accented capitals, Arabic letters
    with hamza and shadda, descenders); ``factor`` scales the line pitch (``size *
    line_spacing * factor``) for scripts that need more room than Latin.
    """

    ascent: float
    descent: float
    factor: float


LINE_METRICS: dict[str, LineMetrics] = {key: LineMetrics(*lang.line_metrics) for key, lang in BY_FONT_KEY.items()}


def lang_key(lang: str | None) -> str:
    """'ar', 'zh', or the lower-case base code for every other language ('en', 'fr' ...)."""
    if not lang:
        return "en"
    low = lang.replace("-", "_").split(".")[0].lower()
    base = low.split("_")[0]
    return base or "en"


def is_rtl(lang: str) -> bool:
    """True for right-to-left languages (paragraph direction comes from the language)."""
    return lang_key(lang) in RTL_LANGS


def chain_for(lang: str) -> tuple[str, ...]:
    """The full font chain (face keys) of a language: declared faces, then the others."""
    key = lang_key(lang)
    declared = DECLARED_CHAINS.get(key, DECLARED_CHAINS["default"])
    return declared + tuple(k for k in FACES if k not in declared)


def metrics_for(lang: str) -> LineMetrics:
    return LINE_METRICS.get(lang_key(lang), LINE_METRICS["default"])


def default_font_dir() -> Path:
    from ..resources import asset_path

    return asset_path("fonts")


# --- character maps ------------------------------------------------------------------------


def _cmap_fonttools(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), lazy=True)
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()


def _cmap_builtin(path: Path) -> frozenset[int]:
    """Code points of a TrueType/OpenType font's Unicode cmap (subtable formats 4 and 12)."""
    data = path.read_bytes()
    if data[:4] == b"ttcf":  # a collection: use its first face
        data_off = struct.unpack(">I", data[12:16])[0]
    else:
        data_off = 0
    num_tables = struct.unpack(">H", data[data_off + 4: data_off + 6])[0]
    cmap_off = None
    for i in range(num_tables):
        rec = data_off + 12 + 16 * i
        tag, _checksum, off, _length = struct.unpack(">4sIII", data[rec: rec + 16])
        if tag == b"cmap":
            cmap_off = off
            break
    if cmap_off is None:
        return frozenset()
    _version, n_sub = struct.unpack(">HH", data[cmap_off: cmap_off + 4])
    best = None  # (rank, offset)
    ranks = {(3, 10): 0, (0, 6): 1, (0, 4): 2, (3, 1): 3, (0, 3): 4, (0, 2): 5, (0, 1): 6, (0, 0): 7}
    for i in range(n_sub):
        pid, eid, off = struct.unpack(">HHI", data[cmap_off + 4 + 8 * i: cmap_off + 12 + 8 * i])
        rank = ranks.get((pid, eid))
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, cmap_off + off)
    if best is None:
        return frozenset()
    sub = best[1]
    fmt = struct.unpack(">H", data[sub: sub + 2])[0]
    cps: set[int] = set()
    if fmt == 4:
        seg_x2 = struct.unpack(">H", data[sub + 6: sub + 8])[0]
        n = seg_x2 // 2
        ends = struct.unpack(f">{n}H", data[sub + 14: sub + 14 + seg_x2])
        starts_off = sub + 16 + seg_x2
        starts = struct.unpack(f">{n}H", data[starts_off: starts_off + seg_x2])
        deltas = struct.unpack(f">{n}h", data[starts_off + seg_x2: starts_off + 2 * seg_x2])
        ro_off = starts_off + 2 * seg_x2
        ranges = struct.unpack(f">{n}H", data[ro_off: ro_off + seg_x2])
        for k in range(n):
            start, end, delta, ro = starts[k], ends[k], deltas[k], ranges[k]
            if start == 0xFFFF:
                continue
            for cp in range(start, end + 1):
                if ro == 0:
                    gid = (cp + delta) & 0xFFFF
                else:
                    addr = ro_off + 2 * k + ro + 2 * (cp - start)
                    gid = struct.unpack(">H", data[addr: addr + 2])[0]
                    if gid:
                        gid = (gid + delta) & 0xFFFF
                if gid:
                    cps.add(cp)
    elif fmt == 12:
        n_groups = struct.unpack(">I", data[sub + 12: sub + 16])[0]
        for g in range(n_groups):
            start, end, gid = struct.unpack(">III", data[sub + 16 + 12 * g: sub + 28 + 12 * g])
            for cp in range(start, end + 1):
                if gid + (cp - start):
                    cps.add(cp)
    else:  # pragma: no cover - the bundled fonts use formats 4 and 12
        raise ValueError(f"{path.name}: unsupported cmap format {fmt}")
    return frozenset(cps)


_cmap_lock = threading.Lock()
_cmaps: dict[Path, frozenset[int]] = {}


def font_cmap(path: Path) -> frozenset[int]:
    """Code points that the font file can draw (cached per file)."""
    path = Path(path)
    with _cmap_lock:
        hit = _cmaps.get(path)
        if hit is not None:
            return hit
    try:
        # The built-in reader is fast and needs nothing (a test checks it matches fontTools);
        # importing fontTools alone would cost ~50 ms of start-up.
        cps = _cmap_builtin(path)
    except ValueError:
        cps = _cmap_fonttools(path)
    with _cmap_lock:
        _cmaps[path] = cps
    return cps


class Coverage:
    """Which face of a chain draws a character, reading each face's cmap only when needed."""

    def __init__(self, font_dir: Path, chain: tuple[str, ...]):
        self.font_dir = Path(font_dir)
        self.chain = chain
        self._maps: list[frozenset[int] | None] = [None] * len(chain)
        self._first: dict[str, int] = {}
        self._has: list[set[str]] = [set() for _ in chain]  # characters known to be in each face

    def has_all(self, index: int, text: str) -> bool:
        """Does the face ``index`` have every character of ``text``? (Set operations: this is
        asked for every paragraph laid out, and most need no per-character look-up.)"""
        known = self._has[index]
        chars = set(text)
        if chars <= known:
            return True
        cmap = self.face_cmap(index)
        for ch in chars - known:
            if ord(ch) not in cmap:
                return False
            known.add(ch)
        return True

    def face_cmap(self, index: int) -> frozenset[int]:
        cm = self._maps[index]
        if cm is None:
            face = FACES[self.chain[index]]
            cm = self._maps[index] = font_cmap(self.font_dir / face.regular)
        return cm

    def covers(self, index: int, ch: str) -> bool:
        return ord(ch) in self.face_cmap(index)

    def first(self, ch: str) -> int:
        """Index in the chain of the first face that has ``ch``; -1 when none has it."""
        hit = self._first.get(ch)
        if hit is not None:
            return hit
        cp = ord(ch)
        found = -1
        for i in range(len(self.chain)):
            if cp in self.face_cmap(i):
                found = i
                break
        if len(self._first) < 65536:
            self._first[ch] = found
        return found


_IGNORED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zs", "Zl", "Zp"})


def is_ignorable(ch: str) -> bool:
    """Whitespace and control/format characters: never drawn as glyphs of their own."""
    return ch.isspace() or unicodedata.category(ch) in _IGNORED_CATEGORIES


_coverages: dict[tuple[Path, tuple[str, ...]], Coverage] = {}


_coverage_keys: dict[tuple[Path | None, str], tuple[Path, tuple[str, ...]]] = {}


def coverage(font_dir: Path | None, lang: str) -> Coverage:
    # Asked once per message when a catalog is checked: the folder and chain are looked up once.
    folder = Path(font_dir) if font_dir is not None else None
    key = _coverage_keys.get((folder, lang))
    if key is None:
        key = _coverage_keys[(folder, lang)] = (folder or default_font_dir(), chain_for(lang))
    cov = _coverages.get(key)
    if cov is None:
        cov = _coverages[key] = Coverage(*key)
    return cov


@lru_cache(maxsize=4096)
def _missing(text: str, lkey: str, font_dir: Path | None) -> frozenset[str]:
    cov = coverage(font_dir, lkey)
    return frozenset(ch for ch in set(text) if not is_ignorable(ch) and cov.first(ch) < 0)


def missing_glyphs(text: str, lang: str, font_dir: Path | None = None) -> set[str]:
    """Characters of ``text`` that no bundled font of ``lang``'s chain can draw.

    Whitespace and control/format characters are ignored. Uses the fonts' cmaps (cached).
    """
    return set(_missing(text, lang_key(lang), Path(font_dir) if font_dir is not None else None))
