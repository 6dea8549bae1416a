"""Printable PNG files: the class report (A4 portrait, in the teacher's language) and one
certificate per pupil (A4 landscape, in that pupil's own language, nickname only).

Everything is drawn with the game's text engine (Arabic shaped and right to left, Chinese
wrapped by its own rules) and the game's SVG art, at 150 dots per inch. Layouts are mirrored
for Arabic. This is the only module of the classroom package that uses pygame.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pygame

from ..content.bands import band_label
from ..i18n import N_, Translator, translator
from .errors import ClassroomFileError
from .files import slug
from .summary import ClassSummary, PupilRow

A4_PORTRAIT = (1240, 1754)  # 150 dpi
A4_LANDSCAPE = (1754, 1240)
MARGIN = 80
PUPIL_ROW = 33  # a class of 40 fits on one page

INK = (28, 38, 48)
SOFT = (80, 92, 104)
TEAL = (0, 112, 120)
TEAL_LIGHT = (214, 238, 236)
GOLD = (240, 165, 0)
GOOD = (18, 122, 62)
OKAY = (170, 110, 0)
BAD = (190, 40, 40)
PAPER = (255, 255, 255)
CREAM = (255, 252, 238)
LINE = (200, 210, 214)
LRM = "\u200e"


@dataclass
class ReportFiles:
    report: list[Path]
    certificates: list[Path]


class Painter:
    """Text and art on a page, in one language (mirrored when it is written right to left)."""

    def __init__(self, surface: pygame.Surface, text_engine, art, tr: Translator):
        self.s = surface
        self.text_engine = text_engine
        self.art = art
        self.tr = tr
        self.rtl = tr.rtl
        self.lang = tr.code

    def mirror(self, rect: pygame.Rect, container: pygame.Rect | None = None) -> pygame.Rect:
        if not self.rtl:
            return pygame.Rect(rect)
        box = container or self.s.get_rect()
        r = pygame.Rect(rect)
        r.x = box.left + (box.right - rect.right)
        return r

    def text(self, text: str, rect: pygame.Rect, size: int, color=INK, *, align: str = "start", valign: str = "center",
             bold: bool = False, min_size: int = 14) -> pygame.Rect:
        if not text:
            return pygame.Rect(rect.x, rect.y, 0, 0)
        from ..drawing import place_text

        return place_text(self.s, self.text_engine, self.lang, self.rtl, text, rect, size, color, align=align,
                          valign=valign, bold=bold, min_size=min_size)

    def bar(self, rect: pygame.Rect, fraction: float, color) -> None:
        """A bar that fills from the start side (right in Arabic)."""
        fraction = min(1.0, max(0.0, fraction))
        pygame.draw.rect(self.s, TEAL_LIGHT, rect, border_radius=rect.h // 2)
        w = int(rect.w * fraction)
        if w > 0:
            fill = pygame.Rect(rect.x, rect.y, w, rect.h)
            if self.rtl:
                fill.right = rect.right
            pygame.draw.rect(self.s, color, fill, border_radius=rect.h // 2)
        pygame.draw.rect(self.s, SOFT, rect, 2, border_radius=rect.h // 2)

    def columns(self, rect: pygame.Rect, widths) -> list[pygame.Rect]:
        out, x = [], rect.x
        for w in widths:
            cw = int(rect.w * w)
            out.append(self.mirror(pygame.Rect(x + 8, rect.y, cw - 16, rect.h), rect))
            x += cw
        return out

    def blit_art(self, image: pygame.Surface, rect: pygame.Rect) -> None:
        self.s.blit(image, image.get_rect(center=rect.center))

    def percent(self, value: float | None) -> str:
        return "–" if value is None else self.tr.percent(value)


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
    except Exception:
        return day.isoformat()


def _score_color(value: float | None):
    if value is None:
        return SOFT
    return GOOD if value >= 0.75 else (OKAY if value >= 0.5 else BAD)


# -- the class report ----------------------------------------------------------------------------------
class _Pages:
    """Portrait pages filled from the top; a new page starts when the next block does not fit."""

    def __init__(self, text_engine, art, tr: Translator, title: str):
        self.text_engine, self.art, self.tr, self.title = text_engine, art, tr, title
        self.pages: list[pygame.Surface] = []
        self.new_page()

    def new_page(self) -> None:
        surf = pygame.Surface(A4_PORTRAIT)
        surf.fill(PAPER)
        self.pages.append(surf)
        self.p = Painter(surf, self.text_engine, self.art, self.tr)
        self.area = pygame.Rect(MARGIN, MARGIN, A4_PORTRAIT[0] - 2 * MARGIN, A4_PORTRAIT[1] - 2 * MARGIN - 50)
        self.y = self.area.y
        if len(self.pages) > 1:
            self.p.text(self.title, pygame.Rect(self.area.x, self.y, self.area.w, 40), 26, SOFT, align="start")
            self.y += 56

    def need(self, h: int) -> None:
        if self.y + h > self.area.bottom:
            self.new_page()

    def row(self, h: int) -> pygame.Rect:
        self.need(h)
        r = pygame.Rect(self.area.x, self.y, self.area.w, h)
        self.y += h
        return r

    def gap(self, h: int) -> None:
        self.y += h

    def section(self, title: str) -> None:
        self.need(120)
        self.gap(18)
        r = self.row(50)
        self.p.text(title, r, 34, TEAL, align="start", bold=True)
        pygame.draw.line(self.p.s, TEAL, (r.x, r.bottom + 2), (r.right, r.bottom + 2), 3)
        self.gap(14)

    def finish(self) -> list[pygame.Surface]:
        n = len(self.pages)
        for i, surf in enumerate(self.pages, 1):
            p = Painter(surf, self.text_engine, self.art, self.tr)
            foot = pygame.Rect(MARGIN, A4_PORTRAIT[1] - MARGIN, A4_PORTRAIT[0] - 2 * MARGIN, 40)
            p.text(self.tr.f("Sango · page {page} of {pages}", page=i, pages=n), foot, 22, SOFT, align="center")
        return self.pages


def render_class_report(summary: ClassSummary, catalog, text_engine, art, tr: Translator,
                        top_missed: int = 8) -> list[pygame.Surface]:
    """The class report pages, in ``tr``'s language: overview, knowledge check, topics, most
    missed questions with a discussion prompt, then one line per pupil."""
    s = summary.session
    title = tr.f("Class report: {name}", name=s.name)
    pages = _Pages(text_engine, art, tr, title)
    p = pages.p
    head = pages.row(170)
    logo = p.mirror(pygame.Rect(head.x, head.y, 160, 160), head)
    p.blit_art(art.sango("happy", 160), logo)
    tb = p.mirror(pygame.Rect(head.x + 180, head.y, head.w - 180, head.h), head)
    p.text(title, pygame.Rect(tb.x, tb.y, tb.w, 76), 46, INK, align="start", bold=True)
    sub = " · ".join([band_label(tr, s.band), tr.nf("{n} level", "{n} levels", len(s.playlist)),
                      tr.nf("{n} pupil", "{n} pupils", len(summary.pupils)), _date_text(tr, None)])
    p.text(sub, pygame.Rect(tb.x, tb.y + 80, tb.w, 40), 28, SOFT, align="start")
    p.text(tr.nf("{n} results file imported", "{n} results files imported", len(summary.results.files)),
           pygame.Rect(tb.x, tb.y + 122, tb.w, 36), 24, SOFT, align="start")

    # Overview boxes.
    pages.gap(20)
    box_row = pages.row(170)
    values: list[tuple[str, str, str | None]] = [(tr._("Average completion"), p.percent(summary.completion_average), None),
              (tr._("Average answer score"), p.percent(_mean([r.average for r in summary.pupils if r.average is not None])),
               None)]
    if s.check:
        imp = summary.improvement_average
        values.append((tr._("Knowledge check"), f"{p.percent(summary.pre_average)} → {p.percent(summary.post_average)}"
                       if not tr.rtl else f"{p.percent(summary.pre_average)} ← {p.percent(summary.post_average)}",
                       None if imp is None else tr.f("{sign}{points} points", sign="+" if imp >= 0 else "-",
                                                     points=round(abs(imp) * 100))))
    gap = 24
    w = (box_row.w - gap * (len(values) - 1)) // len(values)
    for i, (label, value, extra) in enumerate(values):
        r = p.mirror(pygame.Rect(box_row.x + i * (w + gap), box_row.y, w, box_row.h), box_row)
        pygame.draw.rect(p.s, TEAL_LIGHT, r, border_radius=18)
        p.text(label, pygame.Rect(r.x + 16, r.y + 12, r.w - 32, 40), 26, SOFT, align="center")
        p.text(value, pygame.Rect(r.x + 16, r.y + 56, r.w - 32, 62), 48, INK, align="center", bold=True)
        if extra:
            p.text(extra, pygame.Rect(r.x + 16, r.y + 122, r.w - 32, 38), 28, GOOD, align="center", bold=True)

    # Topics.
    pages.section(tr._("Topics"))
    widths: tuple[float, ...] = (0.46, 0.34, 0.20)
    _table_header(pages, [tr._("Topic"), tr._("Average score"), tr._("Completed")], widths)
    for t in summary.topics:
        r = pages.row(58)
        p = pages.p
        cols = p.columns(r, widths)
        topic = catalog.topics.get(t.topic)
        icon = art.topic(topic.icon if topic is not None else t.topic, 46)
        ic = p.mirror(pygame.Rect(cols[0].x, r.y + 6, 46, 46), cols[0])
        p.s.blit(icon, ic)
        p.text(tr.level(t.title) if t.title is not None else t.topic,
               p.mirror(pygame.Rect(cols[0].x + 58, r.y, cols[0].w - 58, r.h), cols[0]), 26, INK, align="start")
        bar = p.mirror(pygame.Rect(cols[1].x, r.centery - 10, cols[1].w * 2 // 3, 20), cols[1])
        p.bar(bar, t.average or 0.0, _score_color(t.average))
        p.text(p.percent(t.average),
               p.mirror(pygame.Rect(cols[1].x + cols[1].w * 2 // 3 + 10, r.y, cols[1].w // 3 - 10, r.h), cols[1]),
               26, INK, align="start")
        p.text(tr.f("{done} of {total}", done=t.pupils_completed, total=len(summary.pupils)), cols[2], 26, INK, align="start")
        pygame.draw.line(p.s, LINE, (r.x, r.bottom - 1), (r.right, r.bottom - 1), 1)

    # Most missed questions.
    pages.section(tr._("Questions most often missed: talk about them together"))
    if not summary.most_missed:
        r = pages.row(50)
        pages.p.text(tr._("Not enough answers yet: a question needs at least 3 answers to be listed here."), r, 26, SOFT,
                     align="start")
    for i, m in enumerate(summary.most_missed[:top_missed], 1):
        pages.need(190)
        p = pages.p
        r = pages.row(180)
        pygame.draw.rect(p.s, CREAM, r, border_radius=14)
        pygame.draw.rect(p.s, BAD if m.share >= 0.5 else OKAY, r, 3, border_radius=14)
        num = p.mirror(pygame.Rect(r.x + 10, r.y, 60, r.h), r)
        p.text(tr.number(i), num, 44, BAD, align="center", bold=True)
        inner = p.mirror(pygame.Rect(r.x + 80, r.y + 10, r.w - 100, r.h - 20), r)
        prompt = tr.level(m.prompt) if m.prompt is not None else m.question
        level = tr.level(m.level_title) if m.level_title is not None else m.level
        stat = tr.f("{missed} of {total} answers wrong or partly right ({percent})", missed=m.missed, total=m.attempts,
                    percent=tr.percent(m.share))
        p.text(prompt, pygame.Rect(inner.x, inner.y, inner.w, 62), 26, INK, align="start", bold=True, valign="top")
        p.text(f"{level} · {stat}", pygame.Rect(inner.x, inner.y + 64, inner.w, 36), 22, SOFT, align="start")
        talk = tr.level(m.discussion) if m.discussion is not None else (tr.level(m.explain) if m.explain is not None else "")
        if talk:
            p.text(tr.f("Talk about it: {question}", question=talk), pygame.Rect(inner.x, inner.y + 102, inner.w, 56), 24, TEAL,
                   align="start", valign="top")
        pages.gap(10)

    # Pupils: a page of their own (a class of 40 fits on one page).
    pages.new_page()
    pages.section(tr._("Pupils"))
    widths = (0.34, 0.30, 0.14, 0.11, 0.11) if s.check else (0.44, 0.36, 0.20)
    labels = [tr._("Nickname"), tr._("Levels completed"), tr._("Stars")] + ([tr._("Before"), tr._("After")] if s.check else [])
    _table_header(pages, labels, widths)
    for row in summary.pupils:
        if pages.y + PUPIL_ROW > pages.area.bottom:
            pages.new_page()
            _table_header(pages, labels, widths)
        _pupil_row(pages, row, widths, art, tr, bool(s.check))
    return pages.finish()


def _mean(values):
    values = list(values)
    return sum(values) / len(values) if values else None


def _table_header(pages: _Pages, labels, widths) -> None:
    r = pages.row(46)
    p = pages.p
    pygame.draw.rect(p.s, TEAL_LIGHT, r, border_radius=8)
    for label, col in zip(labels, p.columns(r, widths), strict=False):
        p.text(label, col, 24, INK, align="start", bold=True)


def _pupil_row(pages: _Pages, row: PupilRow, widths, art, tr: Translator, check: bool) -> None:
    r = pages.row(PUPIL_ROW)
    p = pages.p
    cols = p.columns(r, widths)
    img = art.avatar(row.pupil.avatar, PUPIL_ROW - 6)
    p.s.blit(img, p.mirror(pygame.Rect(cols[0].x, r.y + 3, PUPIL_ROW - 6, PUPIL_ROW - 6), cols[0]))
    p.text(row.pupil.display_name, p.mirror(pygame.Rect(cols[0].x + PUPIL_ROW + 4, r.y, cols[0].w - PUPIL_ROW - 4, r.h), cols[0]),
           22, INK,
           align="start", bold=True)
    bar = p.mirror(pygame.Rect(cols[1].x, r.centery - 8, cols[1].w // 2, 16), cols[1])
    p.bar(bar, row.completion, GOOD)
    p.text(tr.f("{done} of {total}", done=row.completed, total=row.total),
           p.mirror(pygame.Rect(cols[1].x + cols[1].w // 2 + 10, r.y, cols[1].w // 2 - 10, r.h), cols[1]), 22, INK, align="start")
    p.text(tr.f("{done} of {total}", done=row.stars, total=row.max_stars), cols[2], 22, INK, align="start")
    if check:
        p.text(p.percent(row.pre), cols[3], 22, INK, align="start")
        p.text(p.percent(row.post), cols[4], 22, _score_color(row.post) if row.post is not None else SOFT, align="start")
    pygame.draw.line(p.s, LINE, (r.x, r.bottom - 1), (r.right, r.bottom - 1), 1)


# -- certificates -------------------------------------------------------------------------------------
def render_certificate(row: PupilRow, summary: ClassSummary, catalog, text_engine, art) -> pygame.Surface:
    """One pupil's certificate, in the pupil's own language, with the nickname only."""
    tr = translator(row.pupil.language)
    surf = pygame.Surface(A4_LANDSCAPE)
    surf.fill(CREAM)
    p = Painter(surf, text_engine, art, tr)
    page = surf.get_rect()
    pygame.draw.rect(surf, TEAL, page.inflate(-60, -60), 18, border_radius=36)
    pygame.draw.rect(surf, GOLD, page.inflate(-110, -110), 5, border_radius=26)
    for corner in ((110, 110), (page.w - 110, 110), (110, page.h - 110), (page.w - 110, page.h - 110)):
        star = art.icon("star", 54, GOLD)
        surf.blit(star, star.get_rect(center=corner))
    inner = page.inflate(-220, -200)
    art_box = p.mirror(pygame.Rect(inner.x, inner.y + 150, 500, 560), inner)
    p.blit_art(art.sango("celebrating", 500), art_box)
    col = p.mirror(pygame.Rect(inner.x + 540, inner.y, inner.w - 540, inner.h), inner)
    p.text(tr._("Certificate"), pygame.Rect(col.x, col.y, col.w, 110), 84, TEAL, align="center", bold=True)
    p.text(tr._("Online safety challenge"), pygame.Rect(col.x, col.y + 110, col.w, 56), 38, SOFT, align="center")
    p.text(tr._("Well done,"), pygame.Rect(col.x, col.y + 210, col.w, 56), 40, INK, align="center")
    name_box = pygame.Rect(col.x, col.y + 270, col.w, 140)
    p.text(row.pupil.nickname, name_box, 110, INK, align="center", bold=True, min_size=40)
    pygame.draw.line(surf, GOLD, (col.x + 80, name_box.bottom + 8), (col.right - 80, name_box.bottom + 8), 4)
    p.text(tr.f("for taking part in “{session}”", session=summary.session.name), pygame.Rect(col.x, col.y + 435, col.w, 96), 38,
           INK, align="center")
    # Stars earned: a big star and the number.
    line = pygame.Rect(col.x, col.y + 550, col.w, 80)
    label = tr.nf("{n} star earned", "{n} stars earned", row.stars)
    label_w = min(col.w - 110, 620)
    start = pygame.Rect(line.centerx - (90 + label_w) // 2, line.y, 90 + label_w, line.h)
    surf.blit(art.icon("star", 72, GOLD), p.mirror(pygame.Rect(start.x, start.y + 4, 72, 72), start))
    p.text(label, p.mirror(pygame.Rect(start.x + 90, start.y, label_w, start.h), start), 44, INK, align="start", bold=True)
    # Topics completed (or levels, when no whole topic was finished).
    topics = [catalog.topics[t] for t in row.topics_completed if t in catalog.topics]
    box = pygame.Rect(col.x, col.y + 660, col.w, 220)
    if topics:
        heading = tr.nf("{n} topic completed:", "{n} topics completed:", len(topics))
        p.text(heading, pygame.Rect(box.x, box.y, box.w, 48), 32, SOFT, align="center")
        icons = topics[:10]
        size = 80 if len(icons) <= 8 else 66
        row_w = len(icons) * (size + 12) - 12
        x0 = box.centerx - row_w // 2
        for i, t in enumerate(icons):
            r = p.mirror(pygame.Rect(x0 + i * (size + 12), box.y + 56, size, size), box)
            surf.blit(art.topic(t.icon, size), r)
        sep = "، " if tr.rtl else ("、" if tr.code.startswith("zh") else ", ")
        p.text(sep.join(tr.level(t.title) for t in topics), pygame.Rect(box.x, box.y + 150, box.w, 70), 30, INK, align="center",
               min_size=16)
    else:
        p.text(tr.f("Levels completed: {done} of {total}", done=row.completed, total=row.total),
               pygame.Rect(box.x, box.y + 30, box.w, 60), 34, INK, align="center")
    when = _date_text(tr, row.pupil.exported_at)
    p.text(f"{when} · Sango", pygame.Rect(col.x, inner.bottom - 50, col.w, 50), 28, SOFT, align="center")
    return surf


# -- saving -----------------------------------------------------------------------------------------------
def save_png(surface: pygame.Surface, path: Path) -> Path:
    """Save a PNG atomically (temporary file, then rename)."""
    path = Path(path)
    tmp = path.with_name(f".{path.stem}.tmp-{os.getpid()}.png")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(surface, str(tmp))
        os.replace(tmp, path)
    except (OSError, pygame.error) as exc:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise ClassroomFileError(path, N_("The picture could not be saved ({reason})."),
                                 N_("Check that the disk or USB stick is not full or write-protected."),
                                 reason=str(exc)) from None
    return path


def certificate_file_name(i: int, row: PupilRow) -> str:
    return f"certificate-{i:02d}-{slug(row.pupil.display_name, 'pupil', 30)}.png"


def save_class_report(summary: ClassSummary, catalog, text_engine, art, tr: Translator, folder: Path) -> list[Path]:
    pages = render_class_report(summary, catalog, text_engine, art, tr)
    return [save_png(page, Path(folder) / f"class-report-{i}.png") for i, page in enumerate(pages, 1)]


def save_certificates(summary: ClassSummary, catalog, text_engine, art, folder: Path) -> list[Path]:
    out = []
    for i, row in enumerate(summary.pupils, 1):
        surf = render_certificate(row, summary, catalog, text_engine, art)
        out.append(save_png(surf, Path(folder) / "certificates" / certificate_file_name(i, row)))
    return out


def save_report_and_certificates(app, summary: ClassSummary, folder: Path) -> ReportFiles:
    """The class report (teacher's language) and every pupil's certificate (their language)."""
    report = save_class_report(summary, app.catalog, app.text, app.art, app.tr, folder)
    certificates = save_certificates(summary, app.catalog, app.text, app.art, folder)
    return ReportFiles(report, certificates)
