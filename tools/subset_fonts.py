#!/usr/bin/env python3
"""Build Sango's bundled fonts (``assets/fonts/``) from Debian's Noto font packages.

The game never uses system fonts: it ships small subsets of the Noto fonts (SIL Open Font
License 1.1), made reproducibly by this script.

Usage
-----
Get and unpack the two Debian packages (any folder will do)::

    cd /tmp && apt-get update -qq && apt-get download fonts-noto-core fonts-noto-cjk
    mkdir -p /tmp/noto && for f in fonts-noto-core_*.deb fonts-noto-cjk_*.deb; do dpkg-deb -x "$f" /tmp/noto; done

then, from the repository root::

    python tools/subset_fonts.py /tmp/noto            # writes assets/fonts/*
    python tools/subset_fonts.py /tmp/noto --check    # only reports what would change

Options: ``--out DIR`` (default ``assets/fonts``), ``--locales DIR`` (default ``locales``),
``--extra-chars FILE`` (a UTF-8 text file whose characters are added to the Chinese subset).
Run it again whenever the Chinese translation (``locales/zh_Hans/LC_MESSAGES/*.po``) gains a
character outside GB2312: ``sango-game i18n check`` reports such characters.

What it writes
--------------
* ``NotoSans-Regular.ttf``, ``NotoSans-Bold.ttf``: Latin, Latin-1, Latin Extended-A/B,
  combining accents, Greek and Cyrillic (+ Supplement), General Punctuation, super/subscripts,
  currency symbols, letterlike symbols (№, ™), number forms and the dotted circle.
* ``NotoSansArabic-Regular.ttf``, ``NotoSansArabic-Bold.ttf``: every character of the font
  (Arabic, Arabic Supplement, Extended-A, Presentation Forms A and B, Arabic-Indic digits, and
  the few Latin punctuation marks it carries); only the digital signature table and the
  'locl' feature are dropped.
* ``NotoSansSC-Regular.otf``, ``NotoSansSC-Bold.otf``: the "Noto Sans CJK SC" face of the
  ``.ttc`` collections, cut down to every GB2312 character (found by decoding every valid
  two-byte GB2312 code with Python's codec), CJK Symbols and Punctuation, full-width and
  half-width forms, ASCII, general punctuation, and every character of the Chinese catalogs.
* ``OFL.txt``: the fonts' copyright notices and the full SIL Open Font License 1.1 text, taken
  from the Debian package's ``copyright`` file.

The OpenType layout tables (GSUB, GPOS, GDEF) are kept with all their features in the Latin
and Arabic fonts except 'locl' (see ``_features_but_locl``), so HarfBuzz still kerns Latin and
shapes Arabic, the same way on every computer. The Chinese subset keeps
the horizontal features listed in ``CJK_FEATURES`` (not 'locl': see there) and drops the
vertical-writing tables (the game writes horizontally). Hinting is kept. The output is byte-for-byte reproducible: timestamps
are not recalculated.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import re
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

REPO = Path(__file__).resolve().parent.parent

LATIN_RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x0100, 0x017F),  # Latin Extended-A
    (0x0180, 0x024F),  # Latin Extended-B
    (0x02B0, 0x02FF),  # Spacing Modifier Letters
    (0x0300, 0x036F),  # Combining Diacritical Marks (Russian stress marks, decomposed accents)
    (0x0370, 0x03FF),  # Greek (a few symbols like µ, π appear in lessons)
    (0x0400, 0x04FF),  # Cyrillic
    (0x0500, 0x052F),  # Cyrillic Supplement
    (0x1E00, 0x1EFF),  # Latin Extended Additional
    (0x2000, 0x206F),  # General Punctuation
    (0x2070, 0x209F),  # Superscripts and Subscripts
    (0x20A0, 0x20CF),  # Currency Symbols
    (0x2100, 0x214F),  # Letterlike Symbols (№, ™, ℃)
    (0x2150, 0x218F),  # Number Forms (½, ⅓)
    (0x2190, 0x21FF),  # Arrows (whatever the font has)
    (0x2212, 0x2212),  # minus sign
    (0x25CC, 0x25CC),  # dotted circle (shown by HarfBuzz for a lone combining mark)
    (0xFEFF, 0xFEFF),  # zero width no-break space
    (0xFFFD, 0xFFFD),  # replacement character
]

CJK_EXTRA_RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 (·, ×, ÷ and friends)
    (0x2000, 0x206F),  # General Punctuation (“ ” ‘ ’ … — ‧)
    (0x2190, 0x21FF),  # Arrows
    (0x25A0, 0x25FF),  # Geometric Shapes
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFE10, 0xFE1F),  # Vertical forms of punctuation (kept for completeness, tiny)
    (0xFE30, 0xFE4F),  # CJK Compatibility Forms
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
]


def _ranges(ranges) -> set[int]:
    out: set[int] = set()
    for lo, hi in ranges:
        out.update(range(lo, hi + 1))
    return out


def gb2312_chars() -> set[str]:
    """Every character of GB2312: decode each valid two-byte EUC-CN code with Python's codec."""
    chars: set[str] = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                ch = bytes((hi, lo)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            chars.add(ch)
    return chars


def po_chars(locales: Path) -> set[str]:
    """Characters of every translation (msgstr, all plural forms) in locales/zh_Hans/LC_MESSAGES/*.po."""
    from babel.messages.pofile import read_po

    chars: set[str] = set()
    folder = locales / "zh_Hans" / "LC_MESSAGES"
    if not folder.is_dir():
        return chars
    for po in sorted(folder.glob("*.po")):
        with po.open("rb") as fh:
            catalog = read_po(fh, locale="zh_Hans_CN")
        for msg in catalog:
            if not msg.id:
                continue
            strings = msg.string if isinstance(msg.string, (tuple, list)) else (msg.string,)
            for s in strings:
                chars.update(s or "")
    return chars


# Layout features kept in the Chinese subset. Left out: 'locl' (it swaps in Japanese, Korean or
# Traditional glyph shapes when HarfBuzz guesses such a language from the user's locale; the SC
# face's default shapes are the Simplified Chinese ones we want), 'aalt' and other
# alternates, and vertical-writing features. This halves the subset's size.
CJK_FEATURES = ["calt", "ccmp", "liga", "kern", "mark", "palt", "halt", "fwid", "hwid", "pwid"]


def _options(*, keep_vertical: bool, features: list[str] | None = None) -> subset.Options:
    opts = subset.Options()
    opts.layout_features = features or ["*"]
    opts.layout_scripts = ["*"]
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.name_legacy = True
    opts.notdef_glyph = True
    opts.notdef_outline = True
    opts.recommended_glyphs = True
    opts.hinting = True
    opts.legacy_kern = True
    opts.glyph_names = False
    opts.symbol_cmap = True
    opts.prune_unicode_ranges = True
    opts.drop_tables = list(opts.drop_tables) + ["DSIG"]
    if not keep_vertical:
        opts.drop_tables += ["vhea", "vmtx", "VORG"]
    return opts


def _find(src: Path, name: str) -> Path:
    hits = sorted(p for p in src.rglob(name) if p.is_file())
    if not hits:
        raise SystemExit(f"{name} not found under {src} (unpack fonts-noto-core and fonts-noto-cjk there)")
    return hits[0]


def _features_but_locl(font: TTFont) -> list[str]:
    """Every layout feature of the font except 'locl'.

    HarfBuzz takes the language from the user's locale when none is set (SDL_ttf sets none), so
    'locl' would draw Bulgarian Cyrillic or Urdu digits on some computers. Our six languages
    all use the fonts' default forms.
    """
    tags = set()
    for tag in ("GSUB", "GPOS"):
        if tag in font:
            tags |= {fr.FeatureTag for fr in font[tag].table.FeatureList.FeatureRecord}
    return sorted(tags - {"locl"})


def _load_face(path: Path, family: str) -> TTFont:
    """A font file, or the face named ``family`` inside a .ttc collection."""
    if path.suffix.lower() == ".ttc":
        coll = TTCollection(str(path), lazy=False)
        for i, face in enumerate(coll.fonts):
            if face["name"].getDebugName(1) == family:
                return TTFont(str(path), fontNumber=i, recalcTimestamp=False, recalcBBoxes=False, lazy=False)
        raise SystemExit(f"no face {family!r} in {path}")
    return TTFont(str(path), recalcTimestamp=False, lazy=False)


def _subset(font: TTFont, unicodes: set[int], *, keep_vertical: bool = False,
            features: list[str] | None = None) -> bytes:
    sub = subset.Subsetter(options=_options(keep_vertical=keep_vertical, features=features))
    have = set(font.getBestCmap())
    sub.populate(unicodes=sorted(unicodes & have))
    sub.subset(font)
    return _save(font)


def _save(font: TTFont) -> bytes:
    font.recalcTimestamp = False
    buf = io.BytesIO()
    font.save(buf, reorderTables=True)
    return buf.getvalue()


def ofl_text(copyright_file: Path, notices: list[str]) -> str:
    """The copyright notices plus the OFL 1.1 stanza of a Debian copyright file, de-indented."""
    text = copyright_file.read_text(encoding="utf-8")
    m = re.search(r"^License: (?:SIL-1\.1|OFL-1\.1)\n((?: .*\n?)+)", text, re.M)
    if not m:
        raise SystemExit(f"no OFL licence text in {copyright_file}")
    body = []
    for line in m.group(1).splitlines():
        line = line[1:] if line.startswith(" ") else line
        body.append("" if line == "." else line)
    head = "\n".join(dict.fromkeys(n.strip() for n in notices if n.strip()))
    return head + "\n\nThese fonts are licensed under the SIL Open Font License, Version 1.1.\n" \
        "This license is copied below, and is also available with a FAQ at: https://openfontlicense.org\n\n" \
        + "\n".join(body).strip() + "\n"


def build(src: Path, locales: Path, extra: str = "") -> dict[str, bytes]:
    """Make every bundled font file in memory: {file name: bytes}."""
    files: dict[str, bytes] = {}
    notices: list[str] = []

    latin = _ranges(LATIN_RANGES)
    for style in ("Regular", "Bold"):
        font = _load_face(_find(src, f"NotoSans-{style}.ttf"), "Noto Sans")
        notices.append(font["name"].getDebugName(0) or "")
        files[f"NotoSans-{style}.ttf"] = _subset(font, latin, features=_features_but_locl(font))

    for style in ("Regular", "Bold"):
        font = _load_face(_find(src, f"NotoSansArabic-{style}.ttf"), "Noto Sans Arabic")
        notices.append(font["name"].getDebugName(0) or "")
        files[f"NotoSansArabic-{style}.ttf"] = _subset(font, set(font.getBestCmap()),
                                                     features=_features_but_locl(font))

    cjk = {ord(c) for c in gb2312_chars()} | _ranges(CJK_EXTRA_RANGES)
    cjk |= {ord(c) for c in po_chars(locales) | set(extra) if not c.isspace()}
    for style in ("Regular", "Bold"):
        font = _load_face(_find(src, f"NotoSansCJK-{style}.ttc"), "Noto Sans CJK SC")
        notices.append(font["name"].getDebugName(0) or "")
        files[f"NotoSansSC-{style}.otf"] = _subset(font, cjk, features=CJK_FEATURES)

    lic = None
    for pkg in ("fonts-noto-cjk", "fonts-noto-core"):
        cand = sorted(src.rglob(f"usr/share/doc/{pkg}/copyright"))
        if cand:
            lic = cand[0]
            break
    if lic is None:
        raise SystemExit(f"no usr/share/doc/fonts-noto-*/copyright under {src}")
    files["OFL.txt"] = ofl_text(lic, notices).encode("utf-8")
    return files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("src", type=Path, help="folder where the Debian font packages were unpacked (dpkg-deb -x)")
    ap.add_argument("--out", type=Path, default=REPO / "assets" / "fonts")
    ap.add_argument("--locales", type=Path, default=REPO / "locales")
    ap.add_argument("--extra-chars", type=Path, help="UTF-8 text file: its characters join the Chinese subset")
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file would change")
    args = ap.parse_args(argv)

    extra = args.extra_chars.read_text(encoding="utf-8") if args.extra_chars else ""
    files = build(args.src, args.locales, extra)
    changed = 0
    total = 0
    for name, data in sorted(files.items()):
        target = args.out / name
        old = target.read_bytes() if target.exists() else None
        same = old == data
        changed += not same
        total += len(data)
        status = "same" if same else ("would change" if args.check else "written")
        print(f"{name:28s} {len(data):>10,d} bytes  sha256 {hashlib.sha256(data).hexdigest()[:16]}  {status}")
        if not same and not args.check:
            args.out.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    print(f"total {total:,d} bytes ({total / 1024 / 1024:.2f} MiB)")
    return 1 if (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
