"""One PDF per class: the class report (in the teacher's language) followed by one certificate per
pupil (in that pupil's own language, nickname only).

Real text, not pictures: fpdf2 embeds subsets of the bundled Noto fonts (never system fonts) and
shapes every run with HarfBuzz, so Arabic is joined and right to left, and the text can be searched
and copied. Lines are broken with the game's own rules (:mod:`..text.breaking`), so Chinese wraps
between characters but never before closing punctuation. Pages are A4, or US Letter where CLDR
says Letter is the paper in use (the Americas list below). No pygame here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..i18n import N_, Translator, translator
from ..resources import asset_path
from ..text.breaking import segments
from .errors import ClassroomFileError
from .files import slug
from .summary import ClassSummary, PupilRow

# CLDR supplemental data, <paperSize type="US-Letter" territories=...>: everywhere else uses A4.
LETTER_TERRITORIES = frozenset({"BZ", "CA", "CL", "CO", "CR", "GT", "MX", "NI", "PA", "PH", "PR", "SV", "US", "VE"})
PAPERS = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}

BAND_LABELS = {"9-12": N_("Ages 9-12"), "13-18": N_("Ages 13-18")}

INK = (28, 38, 48)
SOFT = (80, 92, 104)
TEAL = (0, 112, 120)
TEAL_LIGHT = (214, 238, 236)
GOLD = (240, 165, 0)
GOOD = (18, 122, 62)
OKAY = (170, 110, 0)
BAD = (190, 40, 40)
CREAM = (255, 252, 238)
LINE = (200, 210, 214)

MARGIN = 16.0  # mm
FONTS = {  # family: (regular, bold); all bundled, subset on output
    "sans": ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    "arabic": ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    "sc": ("NotoSansSC-Regular.otf", "NotoSansSC-Bold.otf"),
}

Progress = Callable[[str, int, int], None]  # (what, done, total)


@dataclass(frozen=True)
class PdfResult:
    path: Path
    pages: int
    report_pages: int
    certificates: int


# -- paper -------------------------------------------------------------------------------------------
def paper_for_locale(locale_id: str | None) -> str:
    """``"Letter"`` for locales of the US-Letter territories (en_US, es_MX, fr_CA...), else ``"A4"``.

    A locale without a territory takes CLDR's likely one (``en`` is en_US, ``es`` is es_ES)."""
    if not locale_id:
        return "A4"
    from babel import Locale, UnknownLocaleError

    try:
        loc = Locale.parse(locale_id.split(".")[0].split("@")[0].replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return "A4"
    territory = loc.territory
    if not territory:
        from babel.core import get_global

        likely = get_global("likely_subtags").get(loc.language, "")
        territory = likely.split("_")[-1] if likely else None
    return "Letter" if territory in LETTER_TERRITORIES else "A4"


def system_paper() -> str:
    """The paper of this computer's locale (LC_PAPER, then LC_ALL, then LANG)."""
    for var in ("LC_PAPER", "LC_ALL", "LANG"):
        value = os.environ.get(var)
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return paper_for_locale(value)
    import locale

    try:
        return paper_for_locale(locale.getlocale()[0])
    except ValueError:  # pragma: no cover
        return "A4"


def needs_shaping(text: str) -> bool:
    """Right-to-left letters or combining marks (Russian stress marks) need HarfBuzz and bidi."""
    for ch in text:
        cp = ord(ch)
        if 0x0590 <= cp <= 0x08FF or 0xFB1D <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF or 0x0300 <= cp <= 0x036F:
            return True
    return False


def has_arabic(text: str) -> bool:
    return any(0x0600 <= ord(ch) <= 0x08FF or 0xFB50 <= ord(ch) <= 0xFEFF for ch in text)


def families_needed(texts: Sequence[str], languages: Sequence[str]) -> tuple[str, ...]:
    """Only the font families the document uses: loading the Chinese font alone takes a second."""
    need = {"sans"} | {_family_for(lang) for lang in languages} | {"sc" for lang in languages if lang.startswith("zh")}
    for text in texts:
        for ch in text:
            cp = ord(ch)
            if 0x0600 <= cp <= 0x08FF or 0xFB50 <= cp <= 0xFEFF:
                need.add("arabic")
            elif 0x2E80 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0xFF00 <= cp <= 0xFFEF:
                need.add("sc")
    return tuple(f for f in FONTS if f in need)


# -- the document ---------------------------------------------------------------------------------------
def _family_for(lang: str) -> str:
    return "arabic" if lang == "ar" else "sans"


def _date_text(tr: Translator, when: str | None) -> str:
    from babel.dates import format_date

    day = date.today()
    if when:
        try:
            day = datetime.fromisoformat(when.replace("Z", "+00:00")).date()
        except ValueError:
            pass
    try:
        return format_date(day, "long", locale=tr.language.babel)
    except Exception:  # noqa: BLE001 - an odd locale must not stop the report
        return day.isoformat()


def _score_color(value: float | None):
    if value is None:
        return SOFT
    return GOOD if value >= 0.75 else (OKAY if value >= 0.5 else BAD)


class _Doc:
    """fpdf2 with the bundled fonts, a current language, and text helpers that mirror for RTL."""

    def __init__(self, paper: str, families: Sequence[str] = tuple(FONTS)):
        from fpdf import FPDF

        self.pdf = FPDF(unit="mm", format=PAPERS[paper])
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(MARGIN, MARGIN, MARGIN)
        self.pdf.set_creator("Sango")
        self.pdf.set_title("Sango")
        self.pdf.set_lang("en")
        self.families = tuple(f for f in FONTS if f in families)
        for family in self.families:
            for style, name in zip(("", "B"), FONTS[family], strict=True):
                self.pdf.add_font(family, style, str(asset_path("fonts", name)))
        self.lang = "en"
        self.rtl = False
        self.family = "sans"
        self.shaping: bool | None = None
        self._widths: dict[tuple, float] = {}
        self._style = ("sans", False, 10.0)

    def language(self, tr: Translator) -> None:
        self.lang, self.rtl = tr.code, tr.rtl
        self.family = _family_for(tr.code)
        self.shaping = None
        # Nicknames and session names may be in any script: the other families are the fallbacks.
        self.pdf.set_fallback_fonts([f for f in self.families if f != self.family])
        self._style = (self.family, False, 0.0)

    def shape(self, text: str) -> None:
        """HarfBuzz shaping (and fpdf2's bidi) for text that needs it: Arabic pages, combining marks.
        Plain Latin, Cyrillic and Chinese runs on left-to-right pages skip it: it is the slowest step."""
        need = self.rtl or needs_shaping(text)  # right-to-left pages: bidi orders numbers and Latin words too
        if need != self.shaping:
            if need:
                self.pdf.set_text_shaping(True, direction="rtl" if self.rtl else None)
            else:
                self.pdf.set_text_shaping(False)
            self.shaping = need

    @property
    def width(self) -> float:
        return self.pdf.w

    @property
    def height(self) -> float:
        return self.pdf.h

    def font(self, size: float, bold: bool = False, color=INK, text: str = "") -> None:
        # Arabic words must be one run of the Arabic font to be joined (fpdf2 shapes font fallbacks
        # letter by letter), so text with Arabic in it is set in the Arabic font, Latin as its fallback.
        family = "arabic" if "arabic" in self.families and has_arabic(text) else self.family
        if family != self._style[0]:
            self.pdf.set_fallback_fonts([f for f in self.families if f != family])
        self.pdf.set_font(family, "B" if bold else "", size)
        self.pdf.set_text_color(*color)
        self._style = (family, bold, size)

    def mx(self, x: float, w: float, left: float | None = None, right: float | None = None) -> float:
        """x of a box of width ``w`` placed at ``x`` (left-to-right), mirrored in RTL languages."""
        if not self.rtl:
            return x
        lo = MARGIN if left is None else left
        hi = self.width - MARGIN if right is None else right
        return lo + (hi - (x + w))

    def align(self, align: str) -> str:
        if align == "center":
            return "C"
        start = align == "start"
        return ("R" if start else "L") if self.rtl else ("L" if start else "R")

    def text_width(self, text: str) -> float:
        """Width in mm, remembered: certificates repeat the same strings for every pupil."""
        key = (*self._style, self.rtl, text)
        width = self._widths.get(key)
        if width is None:
            self.shape(text)
            width = self._widths[key] = self.pdf.get_string_width(text)
        return width

    def lines(self, text: str, width: float) -> list[str]:
        """Greedy line breaking at the break opportunities of the game's own rules (segment widths
        are added up: close enough, and each segment is measured once)."""
        out: list[str] = []
        line, line_w, space_w = "", 0.0, 0.0
        for start, content_end, end in segments(text):
            word_w = self.text_width(text[start:content_end])
            if line and line_w + space_w + word_w > width:
                out.append(line.rstrip())
                line, line_w = "", 0.0
            elif line:
                line_w += space_w
            line += text[start:end]
            line_w += word_w
            space_w = self.text_width(text[content_end:end]) if end > content_end else 0.0
        if line.strip():
            out.append(line.rstrip())
        return out

    def text(self, text: str, x: float, y: float, w: float, h: float, size: float, color=INK, *, bold: bool = False,
             align: str = "start", max_lines: int = 1, min_size: float = 7.0) -> float:
        """Write ``text`` in the box (wrapping up to ``max_lines``, shrinking when it does not fit);
        returns the height used. ``x`` is in left-to-right terms; the box is mirrored in RTL."""
        if not text:
            return 0.0
        bx = self.mx(x, w)
        while True:
            self.font(size, bold, color, text)
            lines = self.lines(text, w) if max_lines > 1 else [text]
            line_h = size * 0.3528 * 1.35  # points to mm, with leading
            fits = len(lines) <= max_lines and all(self.text_width(ln) <= w for ln in lines) and line_h * len(lines) <= h + 0.01
            if fits or size <= min_size:
                break
            size = max(min_size, size * 0.9)
        lines = lines[:max_lines]
        top = y + max(0.0, (h - line_h * len(lines)) / 2) if max_lines == 1 else y
        for i, ln in enumerate(lines):
            self.shape(ln)
            self.pdf.set_xy(bx, top + i * line_h)
            self.pdf.cell(w, line_h, ln, align=self.align(align))
        return line_h * len(lines)

    def box(self, x: float, y: float, w: float, h: float, fill=None, stroke=None, width: float = 0.3, radius: float = 0.0,
            left: float | None = None, right: float | None = None) -> None:
        style = ("F" if fill else "") + ("D" if stroke else "")
        if fill:
            self.pdf.set_fill_color(*fill)
        if stroke:
            self.pdf.set_draw_color(*stroke)
            self.pdf.set_line_width(width)
        self.pdf.rect(self.mx(x, w, left, right), y, w, h, style=style, round_corners=radius > 0,
                      corner_radius=radius)

    def bar(self, x: float, y: float, w: float, h: float, fraction: float, color, left=None, right=None) -> None:
        """A bar that fills from the start side (the right in Arabic)."""
        fraction = min(1.0, max(0.0, fraction))
        self.box(x, y, w, h, fill=TEAL_LIGHT, radius=h / 2, left=left, right=right)
        if fraction > 0:
            fw = max(h, w * fraction)
            self.box(x, y, fw, h, fill=color, radius=h / 2, left=left, right=right)

    def hline(self, y: float, color=LINE, width: float = 0.2) -> None:
        self.pdf.set_draw_color(*color)
        self.pdf.set_line_width(width)
        self.pdf.line(MARGIN, y, self.width - MARGIN, y)


# -- the class report -------------------------------------------------------------------------------------
class _Report:
    """Portrait pages filled from the top; a new page starts when the next block does not fit."""

    def __init__(self, doc: _Doc, tr: Translator, title: str):
        self.doc, self.tr, self.title = doc, tr, title
        self.first_page = doc.pdf.page + 1
        self.bottom = doc.height - MARGIN - 10
        self.inner = doc.width - 2 * MARGIN
        self.new_page()

    def new_page(self) -> None:
        self.doc.pdf.add_page(orientation="P")
        self.y = MARGIN
        if self.doc.pdf.page > self.first_page:
            self.doc.text(self.title, MARGIN, self.y, self.inner, 8, 10, SOFT)
            self.y += 12

    def need(self, h: float) -> None:
        if self.y + h > self.bottom:
            self.new_page()

    def section(self, title: str) -> None:
        self.need(30)
        self.y += 5
        self.doc.text(title, MARGIN, self.y, self.inner, 10, 15, TEAL, bold=True)
        self.y += 10.5
        self.doc.hline(self.y, TEAL, 0.6)
        self.y += 3

    def columns(self, widths: Sequence[float]) -> list[tuple[float, float]]:
        out, x = [], MARGIN
        for share in widths:
            w = self.inner * share
            out.append((x + 1.5, w - 3))
            x += w
        return out

    def header(self, labels: Sequence[str], widths: Sequence[float]) -> None:
        self.need(9)
        self.doc.box(MARGIN, self.y, self.inner, 8, fill=TEAL_LIGHT, radius=1.5)
        for label, (x, w) in zip(labels, self.columns(widths), strict=True):
            self.doc.text(label, x, self.y, w, 8, 9.5, INK, bold=True)
        self.y += 8

    def footers(self) -> int:
        """Write "page i of n" on every report page (fpdf2 lets us go back to earlier pages)."""
        pdf, last = self.doc.pdf, self.doc.pdf.page
        n = last - self.first_page + 1
        for i in range(n):
            pdf.page = self.first_page + i
            self.doc.text(self.tr.f("Sango · page {page} of {pages}", page=i + 1, pages=n), MARGIN, self.doc.height - MARGIN - 4,
                          self.inner, 6, 9, SOFT, align="center")
        pdf.page = last
        return n


def _mean(values) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None


def _percent(tr: Translator, value: float | None) -> str:
    return "–" if value is None else tr.percent(value)


def write_report(doc: _Doc, summary: ClassSummary, catalog, tr: Translator, top_missed: int = 8) -> int:
    """The class report pages, in ``tr``'s language; returns how many pages it took."""
    doc.language(tr)
    s = summary.session
    title = tr.f("Class report: {name}", name=s.name)
    rep = _Report(doc, tr, title)
    inner = rep.inner
    doc.text(title, MARGIN, rep.y, inner, 13, 22, INK, bold=True)
    rep.y += 14
    band = tr._(BAND_LABELS[s.band]) if s.band in BAND_LABELS else s.band
    sub = " · ".join([band, tr.nf("{n} level", "{n} levels", len(s.playlist)),
                      tr.nf("{n} pupil", "{n} pupils", len(summary.pupils)), _date_text(tr, None)])
    doc.text(sub, MARGIN, rep.y, inner, 7, 11, SOFT)
    rep.y += 7
    doc.text(tr.nf("{n} results file imported", "{n} results files imported", len(summary.results.files)), MARGIN, rep.y,
             inner, 6, 9.5, SOFT)
    rep.y += 10

    # Overview boxes.
    values: list[tuple[str, str, str | None]]  # the third item, a gain, only with a knowledge check
    values = [(tr._("Average completion"), _percent(tr, summary.completion_average), None),
              (tr._("Average answer score"),
               _percent(tr, _mean(r.average for r in summary.pupils if r.average is not None)), None)]
    if s.check:
        imp = summary.improvement_average
        arrow = "«" if tr.rtl else "»"  # the bundled Noto subsets have no arrow glyphs (U+2190/2192)
        gain = None if imp is None else tr.f("{sign}{points} points", sign="+" if imp >= 0 else "-", points=round(abs(imp) * 100))
        values.append((tr._("Knowledge check"),
                       f"{_percent(tr, summary.pre_average)} {arrow} {_percent(tr, summary.post_average)}", gain))
    gap = 5.0
    bw = (inner - gap * (len(values) - 1)) / len(values)
    for i, (label, value, extra) in enumerate(values):
        x = MARGIN + i * (bw + gap)
        doc.box(x, rep.y, bw, 30, fill=TEAL_LIGHT, radius=3)
        doc.text(label, x + 3, rep.y + 2, bw - 6, 7, 10, SOFT, align="center")
        doc.text(value, x + 3, rep.y + 10, bw - 6, 11, 19, INK, bold=True, align="center")
        if extra:
            doc.text(extra, x + 3, rep.y + 22, bw - 6, 6, 11, GOOD, bold=True, align="center")
    rep.y += 34

    # Topics.
    rep.section(tr._("Topics"))
    widths: tuple[float, ...] = (0.46, 0.34, 0.20)
    rep.header([tr._("Topic"), tr._("Average score"), tr._("Completed")], widths)
    for t in summary.topics:
        rep.need(9)
        (x0, w0), (x1, w1), (x2, w2) = rep.columns(widths)
        doc.text(tr.level(t.title) if t.title is not None else t.topic, x0, rep.y, w0, 9, 10)
        doc.bar(x1, rep.y + 3, w1 * 0.62, 3, t.average or 0.0, _score_color(t.average))
        doc.text(_percent(tr, t.average), x1 + w1 * 0.66, rep.y, w1 * 0.34, 9, 10)
        doc.text(tr.f("{done} of {total}", done=t.pupils_completed, total=len(summary.pupils)), x2, rep.y, w2, 9, 10)
        rep.y += 9
        doc.hline(rep.y)

    # Most missed questions, each with a prompt to talk about together.
    rep.section(tr._("Questions most often missed: talk about them together"))
    if not summary.most_missed:
        doc.text(tr._("Not enough answers yet: a question needs at least 3 answers to be listed here."), MARGIN, rep.y, inner,
                 12, 10, SOFT, max_lines=2)
        rep.y += 12
    for i, m in enumerate(summary.most_missed[:top_missed], 1):
        rep.need(36)
        y0 = rep.y
        doc.box(MARGIN, y0, inner, 34, fill=CREAM, stroke=BAD if m.share >= 0.5 else OKAY, width=0.5, radius=2.5)
        doc.text(tr.number(i), MARGIN + 1, y0, 12, 34, 17, BAD, bold=True, align="center")
        tx, tw = MARGIN + 14, inner - 17
        prompt = tr.level(m.prompt) if m.prompt is not None else m.question
        level = tr.level(m.level_title) if m.level_title is not None else m.level
        stat = tr.f("{missed} of {total} answers wrong or partly right ({percent})", missed=m.missed, total=m.attempts,
                    percent=tr.percent(m.share))
        doc.text(prompt, tx, y0 + 2, tw, 10.5, 10, INK, bold=True, max_lines=2)
        doc.text(f"{level} · {stat}", tx, y0 + 13, tw, 5, 8.5, SOFT)
        talk = tr.level(m.discussion) if m.discussion is not None else (tr.level(m.explain) if m.explain is not None else "")
        if talk:
            doc.text(tr.f("Talk about it: {question}", question=talk), tx, y0 + 19, tw, 13, 9.5, TEAL, max_lines=3)
        rep.y += 37

    # Pupils: a page of their own (a class of 40 fits on one page).
    rep.new_page()
    rep.section(tr._("Pupils"))
    check = bool(s.check)
    widths = (0.34, 0.30, 0.14, 0.11, 0.11) if check else (0.44, 0.36, 0.20)
    labels = [tr._("Nickname"), tr._("Levels completed"), tr._("Stars")] + ([tr._("Before"), tr._("After")] if check else [])
    rep.header(labels, widths)
    row_h = 5.6
    for row in summary.pupils:
        if rep.y + row_h > rep.bottom:
            rep.new_page()
            rep.header(labels, widths)
        cols = rep.columns(widths)
        (x0, w0), (x1, w1), (x2, w2) = cols[:3]
        doc.text(row.pupil.display_name, x0, rep.y, w0, row_h, 9, INK, bold=True)
        doc.bar(x1, rep.y + 1.8, w1 * 0.48, 2, row.completion, GOOD)
        doc.text(tr.f("{done} of {total}", done=row.completed, total=row.total), x1 + w1 * 0.52, rep.y, w1 * 0.48, row_h, 9)
        doc.text(tr.f("{done} of {total}", done=row.stars, total=row.max_stars), x2, rep.y, w2, row_h, 9)
        if check:
            (x3, w3), (x4, w4) = cols[3:]
            doc.text(_percent(tr, row.pre), x3, rep.y, w3, row_h, 9)
            doc.text(_percent(tr, row.post), x4, rep.y, w4, row_h, 9, _score_color(row.post))
        rep.y += row_h
        doc.hline(rep.y)
    return rep.footers()


# -- certificates -------------------------------------------------------------------------------------------
def write_certificate(doc: _Doc, row: PupilRow, summary: ClassSummary, catalog) -> None:
    """One landscape page in the pupil's own language, with the nickname only."""
    tr = translator(row.pupil.language)
    doc.language(tr)
    pdf = doc.pdf
    pdf.add_page(orientation="L")
    w, h = doc.width, doc.height
    doc.box(0, 0, w, h, fill=CREAM, left=0, right=w)
    doc.box(9, 9, w - 18, h - 18, stroke=TEAL, width=3.2, radius=6, left=0, right=w)
    doc.box(16, 16, w - 32, h - 32, stroke=GOLD, width=0.9, radius=4, left=0, right=w)
    col_x, col_w = 30.0, w - 60
    y = 28.0
    doc.text(tr._("Certificate"), col_x, y, col_w, 18, 38, TEAL, bold=True, align="center")
    y += 20
    doc.text(tr._("Online safety challenge"), col_x, y, col_w, 10, 17, SOFT, align="center")
    y += 16
    doc.text(tr._("Well done,"), col_x, y, col_w, 10, 18, INK, align="center")
    y += 11
    doc.text(row.pupil.nickname, col_x + 20, y, col_w - 40, 22, 46, INK, bold=True, align="center", min_size=16)
    y += 24
    pdf.set_draw_color(*GOLD)
    pdf.set_line_width(0.7)
    pdf.line(w / 2 - 60, y, w / 2 + 60, y)
    y += 5
    doc.text(tr.f("for taking part in “{session}”", session=summary.session.name), col_x + 10, y, col_w - 20, 16, 17, INK,
             align="center", max_lines=2)
    y += 18
    doc.text(tr.nf("{n} star earned", "{n} stars earned", row.stars), col_x, y, col_w, 12, 20, INK, bold=True,
             align="center")
    y += 16
    topics = [catalog.topics[t] for t in row.topics_completed if t in catalog.topics]
    if topics:
        doc.text(tr.nf("{n} topic completed:", "{n} topics completed:", len(topics)), col_x, y, col_w, 8, 14, SOFT,
                 align="center")
        y += 9
        sep = "، " if tr.rtl else ("、" if tr.code.startswith("zh") else ", ")
        doc.text(sep.join(tr.level(t.title) for t in topics), col_x + 10, y, col_w - 20, 20, 13, INK, align="center", max_lines=3)
    else:
        doc.text(tr.f("Levels completed: {done} of {total}", done=row.completed, total=row.total), col_x, y, col_w, 10, 15, INK,
                 align="center")
    doc.text(f"{_date_text(tr, row.pupil.exported_at)} · Sango", col_x, h - 34, col_w, 8, 12, SOFT, align="center")


# -- saving -------------------------------------------------------------------------------------------------
def class_pdf_name(summary: ClassSummary) -> str:
    return f"class-report-{slug(summary.session.name, 'class', 40)}.pdf"


def build_class_pdf(summary: ClassSummary, catalog, tr: Translator, paper: str | None = None,
                    progress: Progress | None = None) -> tuple[bytes, int]:
    """The PDF bytes and the number of report pages (certificates follow, one page each)."""
    texts = [summary.session.name, *(r.pupil.display_name for r in summary.pupils)]
    doc = _Doc(paper or system_paper(), families_needed(texts, [tr.code, *(r.pupil.language for r in summary.pupils)]))
    report_pages = write_report(doc, summary, catalog, tr)
    total = len(summary.pupils)
    step = max(1, total // 10)
    for i, row in enumerate(summary.pupils, 1):
        write_certificate(doc, row, summary, catalog)
        if progress is not None and (i % step == 0 or i == total):
            progress("certificates", i, total)
    doc.pdf.set_lang(tr.language.babel.replace("_", "-"))
    return bytes(doc.pdf.output()), report_pages


def write_class_pdf(summary: ClassSummary, catalog, tr: Translator, folder: Path, paper: str | None = None,
                    progress: Progress | None = None) -> PdfResult:
    """Write the class PDF into ``folder`` atomically; a full or read-only disk gives a ClassroomFileError."""
    from ..atomic import atomic_write_bytes

    data, report_pages = build_class_pdf(summary, catalog, tr, paper, progress)
    path = Path(folder) / class_pdf_name(summary)
    try:
        atomic_write_bytes(path, data, make_parent=True)
    except OSError as exc:
        raise ClassroomFileError(path, N_("The report could not be saved ({reason})."),
                                 N_("Check that the disk or USB stick is not full or write-protected."),
                                 reason=str(exc)) from None
    return PdfResult(path, report_pages + len(summary.pupils), report_pages, len(summary.pupils))
