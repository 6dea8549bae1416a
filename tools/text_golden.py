"""Record the text engine's layout results on a large deterministic sample, to prove that a
speed-up changed no result (run before and after, compare the files byte for byte).

    python tools/text_golden.py /tmp/golden.json                 # every msgstr of the six catalogs
    python tools/text_golden.py /tmp/golden.json --every 3       # every third msgstr (quicker)
    python tools/text_golden.py /tmp/tour.json --tour en,ar      # every fit/layout of the overflow tour
    python tools/text_golden.py --compare /tmp/tour-before.json /tmp/tour-after.json

The tour shuffles some answers, so two tours ask for slightly different texts: --compare checks
that every fit and layout asked for in both has the same answer (the catalog sample is compared
with cmp: it must be byte-identical).

The catalog sample lays out each translation at every size of SIZES with each width of WIDTHS
in turn (one width per size, rotating, so all pairs occur across the sample), plus a fit into
one box of BOXES (rotating). Recorded: each line's text, start, width and runs (x, width, font,
script, level), the layout's width, height, ink rows, broken words and overflow, and fitted sizes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

LANGS = ("ar", "en", "es", "fr", "ru", "zh_Hans")
SIZES = (14, 17, 22, 32)
WIDTHS = (None, 120, 300, 700)
BOXES = ((200, 60), (320, 120), (600, 90), (900, 300), (140, 400))


def summary(lay) -> list:
    return [lay.width, lay.height, lay.ink_top, lay.ink_bottom, lay.broken_words, lay.overflow, lay.line_pitch,
            [[ln.text, ln.start, ln.width, ln.baseline,
              [[r.x, r.width, r.font_key, r.script, r.level, r.rtl, r.text, r.start, r.end] for r in ln.runs]]
             for ln in lay.lines]]


def strings(lang: str) -> list[str]:
    from babel.messages.pofile import read_po

    with open(ROOT / "locales" / lang / "LC_MESSAGES" / "messages.po", "rb") as fh:
        cat = read_po(fh)
    out = []
    for msg in cat:
        if not msg.id:
            continue
        forms = msg.string if isinstance(msg.string, (tuple, list)) else [msg.string]
        out.extend(s for s in forms if s)
    return out


def catalog_sample(every: int) -> dict:
    from sango_game.text.engine import TextEngine

    eng = TextEngine()
    eng.glyphs = False
    result: dict = {}
    for lang in LANGS:
        rows = []
        for i, text in enumerate(strings(lang)[::every]):
            row = []
            for k, size in enumerate(SIZES):
                width = WIDTHS[(i + k) % len(WIDTHS)]
                row.append(summary(eng.layout(text, lang, size, max_width=width)))
            bw, bh = BOXES[i % len(BOXES)]
            row.append(eng.fit(text, lang, 32, bw, bh, min_size=12, bold=bool(i % 2)))
            rows.append(row)
        result[lang] = rows
        eng.clear_cache()
    return result


def tour_record(codes: list[str]) -> dict:
    from sango_game import screenshots
    from sango_game.art import Art
    from sango_game.content import load_catalog
    from sango_game.text.engine import TextEngine

    fits: list = []
    lays: list = []
    real_fit, real_layout = TextEngine.fit, TextEngine.layout

    def fit(self, text, lang, size, box_w, box_h, **kw):
        got = real_fit(self, text, lang, size, box_w, box_h, **kw)
        fits.append([text, lang, size, box_w, box_h, sorted(kw.items()), got])
        return got

    def layout(self, text, lang, size, **kw):
        lay = real_layout(self, text, lang, size, **kw)
        lays.append([text, lang, size, sorted(kw.items()), summary(lay)])
        return lay

    TextEngine.fit, TextEngine.layout = fit, layout  # type: ignore[method-assign]
    cat, art = load_catalog(), Art()
    out: dict = {}
    for code in codes:
        for big in (False, True):
            fits.clear()
            lays.clear()
            size = (1024, 600) if big else (1280, 720)
            app = screenshots.measuring_app(code, size, "larger" if big else "normal", Path(tempfile.mkdtemp()) / "data",
                                            cat, art)
            screenshots.tour(app, lambda name: None)
            out[f"{code}-{size[0]}"] = {"fits": list(fits), "layouts": list(lays),
                                        "overflows": list(app.text.overflows)}
    return out


def compare(before: Path, after: Path) -> bool:
    """Same answer for every tour question asked in both recordings?"""
    a = json.loads(before.read_text(encoding="utf-8"))
    b = json.loads(after.read_text(encoding="utf-8"))
    same = True
    for run in sorted(set(a) | set(b)):
        for part in ("fits", "layouts"):
            da = {json.dumps(row[:-1]): row[-1] for row in a.get(run, {}).get(part, [])}
            db = {json.dumps(row[:-1]): row[-1] for row in b.get(run, {}).get(part, [])}
            common = da.keys() & db.keys()
            diff = [k for k in common if da[k] != db[k]]
            same = same and not diff
            print(f"{run} {part}: {len(common)} in both, {len(diff)} different")
    return same


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("after", type=Path, nargs="?", help="with --compare: the second recording")
    ap.add_argument("--compare", action="store_true", help="compare two tour recordings")
    ap.add_argument("--every", type=int, default=1, help="take every n-th msgstr")
    ap.add_argument("--tour", default="", help="record the overflow tour of these languages instead")
    args = ap.parse_args()
    if args.compare:
        sys.exit(0 if compare(args.out, args.after) else 1)
    data = tour_record(args.tour.split(",")) if args.tour else catalog_sample(max(1, args.every))
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {len(text)} chars, sha256 {hashlib.sha256(text.encode()).hexdigest()[:16]}")


if __name__ == "__main__":
    main()
