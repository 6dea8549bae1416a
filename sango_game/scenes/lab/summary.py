"""The class summary after importing results: pupils, topics, most missed questions, before / after."""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

import pygame

from ...classroom import ClassroomFileError, summarise
from ...classroom.files import file_stamp, slug
from ...classroom.merge import ImportReport
from ...i18n import N_
from ...ui.widgets import Button
from ..base import BaseScene
from ..dialogs import MessageDialog
from . import common
from .common import ltr, paged

log = logging.getLogger(__name__)


TABS = (("pupils", N_("Pupils")), ("topics", N_("Topics")), ("missed", N_("Most missed")), ("check", N_("Before / after")),
        ("files", N_("Files")))


class ClassSummaryScene(BaseScene):
    """The class at a glance: completion per pupil, scores per topic, most missed questions with a
    discussion prompt, the knowledge check before and after, and what happened to every file."""

    name = "class-summary"

    def __init__(self, app, report: ImportReport, tab: str | None = None):
        super().__init__(app)
        self.report = report
        self.summary = summarise(report.merged, app.catalog)
        self.tab = tab or ("files" if report.problems or not report.merged.pupils else "pupils")
        self.page = 0
        self.pages = 1

    def title(self) -> str:
        return self.tr.f("Class summary: {name}", name=self.summary.session.name)

    def resume(self) -> None:
        self.layout()

    # layout ------------------------------------------------------------------------------------------------
    def areas(self):
        body = self.body_rect
        tabs = pygame.Rect(body.x, body.y, body.w, self.px(50))
        line = pygame.Rect(body.x, tabs.bottom + self.px(6), body.w, self.px(32))
        bottom = pygame.Rect(body.x, body.bottom - self.px(60), body.w, self.px(60))
        content = pygame.Rect(body.x, line.bottom + self.px(6), body.w, bottom.y - line.bottom - self.px(14))
        return tabs, line, content, bottom

    def row_h(self) -> int:
        return self.px(44) if self.tab in ("pupils", "topics") else self.px(110 if self.tab == "missed" else 52)

    def items(self) -> list:
        s = self.summary
        if self.tab == "pupils":
            return s.pupils
        if self.tab == "topics":
            return s.topics
        if self.tab == "missed":
            return s.most_missed
        if self.tab == "check":
            return [p for p in s.pupils if p.pre is not None or p.post is not None]
        r = self.report
        return [("problem", n) for n in r.problems] + [("duplicate",
                                                        n) for n in r.duplicates] + [("ignored", n) for n in r.ignored]

    def per_page(self) -> int:
        _, _, content, _ = self.areas()
        head = self.px(40) if self.tab in ("pupils", "topics", "check") else 0
        extra = self.px(120) if self.tab == "check" else 0
        return max(1, (content.h - head - extra) // (self.row_h() + self.px(4)))

    def build(self):
        tabs, _, _, bottom = self.areas()
        out = []
        rects = self.ui.row(tabs, len(TABS), tabs.h, self.px(8))
        for (key, label), r in zip(TABS, rects, strict=False):
            b = Button(self.tr._(label), partial(self.show, key), rect=r, name=f"tab-{key}", size=self.theme.small)
            b.state = "selected" if key == self.tab else None
            out.append(b)
        _, self.page, self.pages = paged(self.items(), self.page, self.per_page())
        rects = self.ui.row(bottom, 4, bottom.h, self.px(14))
        prev = Button(self.tr._("Previous"), lambda: self.turn(-1), icon="back", name="prev", rect=rects[0],
                      size=self.theme.small)
        nxt = Button(self.tr._("Next"), lambda: self.turn(1), icon="forward", name="next", rect=rects[1], size=self.theme.small)
        prev.enabled = self.page > 0
        nxt.enabled = self.page < self.pages - 1
        csv_b = Button(self.tr._("Save CSV files"), self.save_csv, icon="export", name="save-csv", rect=rects[2],
                       size=self.theme.small)
        rep_b = Button(self.tr._("Save report and certificates"), self.save_report, icon="trophy", name="save-report",
                       rect=rects[3],
                       size=self.theme.small)
        csv_b.enabled = rep_b.enabled = bool(self.report.merged.pupils)
        return out + [prev, nxt, csv_b, rep_b]

    def show(self, tab: str) -> None:
        self.tab = tab
        self.page = 0
        self.layout()
        current = self.focus.find(f"tab-{tab}")
        if current is not None:
            self.focus.focus(current)

    def enter(self) -> None:
        current = self.focus.find(f"tab-{self.tab}")
        if current is not None:
            self.focus.focus(current)

    def turn(self, d: int) -> None:
        self.page += d
        self.layout()

    # saving ------------------------------------------------------------------------------------------------
    def output_folder(self) -> Path:
        folder, _ = common.lab_folders()
        return folder / f"sango-class-{slug(self.summary.session.name, self.summary.session.id[:8])}-{file_stamp()}"

    def save_csv(self) -> None:
        from ...classroom.csvout import write_csv_files

        try:
            paths = write_csv_files(self.output_folder(), self.summary, self.app.catalog, self.tr)
        except ClassroomFileError as exc:
            self.app.stack.push(MessageDialog(self.app, self.tr._("The CSV files could not be saved."), exc.message(self.tr),
                                              mood="worried"))
            return
        self.app.stack.push(MessageDialog(self.app, self.tr._("The CSV files were saved in this folder:"),
                                          ltr(str(paths[0].parent)),
                                          mood="celebrating"))

    def save_report(self) -> None:
        """One PDF: the class report in the teacher's language, then every pupil's certificate."""
        from ...classroom.pdf import write_class_pdf

        try:
            result = write_class_pdf(self.summary, self.app.catalog, self.tr, self.output_folder())
        except ClassroomFileError as exc:
            self.app.stack.push(MessageDialog(self.app, self.tr._("The report could not be saved."), exc.message(self.tr),
                                              mood="worried"))
            return
        except Exception as exc:  # noqa: BLE001 - fpdf2 errors are plain Exceptions; the lab day must go on
            self.app.stack.push(MessageDialog(self.app, self.tr._("The report could not be saved."), str(exc), mood="worried"))
            return
        n = result.certificates
        self.app.stack.push(MessageDialog(
            self.app, self.tr.nf("The class report and {n} certificate were saved in this folder:",
                                 "The class report and {n} certificates were saved in this folder:", n),
            ltr(str(result.path.parent)), mood="celebrating"))

    # drawing -----------------------------------------------------------------------------------------------
    def headline(self) -> str:
        r, s = self.report, self.summary
        text = self.tr.nf("{n} pupil", "{n} pupils", len(r.merged.pupils)) + " · " + \
            self.tr.nf("{n} file imported", "{n} files imported", len(r.merged.files))
        if r.problems:
            text += " · " + self.tr.nf("{n} file could not be used", "{n} files could not be used", len(r.problems))
        if s.completion_average is not None:
            text += " · " + self.tr.f("average completion {percent}", percent=self.tr.percent(s.completion_average))
        if self.pages > 1:
            text += " · " + self.tr.f("Page {page} of {pages}", page=self.page + 1, pages=self.pages)
        return text

    def draw_content(self, surface) -> None:
        _, line, content, bottom = self.areas()
        self.ui.text(surface, self.headline(), line, self.theme.small, self.c.text_soft, align="center")
        getattr(self, f"draw_{self.tab}")(surface, content)

    def _columns(self, rect: pygame.Rect, widths) -> list[pygame.Rect]:
        """Column boxes from fractions, laid out in reading order (mirrored in Arabic)."""
        out, x = [], rect.x
        for w in widths:
            cw = int(rect.w * w)
            out.append(self.ui.mirror(pygame.Rect(x + self.px(6), rect.y, cw - self.px(12), rect.h), rect))
            x += cw
        return out

    def _header(self, surface, rect, labels, widths) -> None:
        pygame.draw.rect(surface, self.c.bg2, rect, border_radius=self.px(8))
        for label, col in zip(labels, self._columns(rect, widths), strict=False):
            self.ui.text(surface, label, col, self.theme.small, align="start", bold=True, min_size=10)

    def _rows(self, content):
        items, _, _ = paged(self.items(), self.page, self.per_page())
        return items

    def _pct(self, value) -> str:
        return "–" if value is None else self.tr.percent(value)

    def draw_pupils(self, surface, content) -> None:
        widths = (0.30, 0.34, 0.14, 0.11, 0.11)
        head = pygame.Rect(content.x, content.y, content.w, self.px(36))
        self._header(surface, head, [self.tr._("Nickname"), self.tr._("Levels completed"), self.tr._("Stars"),
                                     self.tr._("Before"), self.tr._("After")], widths)
        if not self.summary.pupils:
            self.ui.text(surface, self.tr._("No pupil results yet. Check the Files tab."), content.move(0, self.px(50)),
                         self.theme.body, align="center", valign="top")
            return
        y = head.bottom + self.px(4)
        for row in self._rows(content):
            r = pygame.Rect(content.x, y, content.w, self.row_h())
            self.ui.panel(surface, r, self.c.panel, self.c.panel_border, radius=8, width=1)
            cols = self._columns(r, widths)
            name = row.pupil.display_name
            img = self.app.art.avatar(row.pupil.avatar, r.h - self.px(8))
            pic = self.ui.mirror(pygame.Rect(cols[0].x, r.y + self.px(4), img.get_width(), img.get_height()), cols[0])
            surface.blit(img, pic)
            name_box = self.ui.mirror(pygame.Rect(cols[0].x + img.get_width() + self.px(8), r.y,
                                                  cols[0].w - img.get_width() - self.px(8), r.h),
                                      cols[0])
            self.ui.text(surface, name, name_box, self.theme.small, align="start", bold=True)
            bar = pygame.Rect(cols[1].x, r.centery - self.px(8), cols[1].w * 3 // 5, self.px(16))
            bar = self.ui.mirror(bar, cols[1])
            self.ui.progress_bar(surface, bar, row.completion, self.c.good)
            label = self.ui.mirror(pygame.Rect(cols[1].x + cols[1].w * 3 // 5 + self.px(8), r.y, cols[1].w * 2 // 5 - self.px(8),
                                               r.h), cols[1])
            self.ui.text(surface, self.tr.f("{done} of {total}", done=row.completed, total=row.total), label, self.theme.small,
                         align="start")
            self.ui.text(surface, self.tr.f("{done} of {total}", done=row.stars, total=row.max_stars), cols[2], self.theme.small,
                         align="start")
            self.ui.text(surface, self._pct(row.pre), cols[3], self.theme.small, align="start")
            self.ui.text(surface, self._pct(row.post), cols[4], self.theme.small, align="start")
            y += self.row_h() + self.px(4)

    def draw_topics(self, surface, content) -> None:
        widths = (0.40, 0.36, 0.24)
        head = pygame.Rect(content.x, content.y, content.w, self.px(36))
        self._header(surface, head, [self.tr._("Topic"), self.tr._("Average score"), self.tr._("Pupils who completed it")],
                     widths)
        y = head.bottom + self.px(4)
        n = len(self.summary.pupils)
        for t in self._rows(content):
            r = pygame.Rect(content.x, y, content.w, self.row_h())
            self.ui.panel(surface, r, self.c.panel, self.c.panel_border, radius=8, width=1)
            cols = self._columns(r, widths)
            title = self.tr.level(t.title) if t.title is not None else t.topic
            topic = self.app.catalog.topics.get(t.topic)
            icon = self.app.art.topic(topic.icon if topic is not None else t.topic, r.h - self.px(8))
            ic = self.ui.mirror(pygame.Rect(cols[0].x, r.y + self.px(4), icon.get_width(), icon.get_height()), cols[0])
            surface.blit(icon, ic)
            self.ui.text(surface, title, self.ui.mirror(pygame.Rect(cols[0].x + icon.get_width() + self.px(8), r.y,
                                                                    cols[0].w - icon.get_width() - self.px(8), r.h), cols[0]),
                         self.theme.small, align="start", bold=True)
            bar = self.ui.mirror(pygame.Rect(cols[1].x, r.centery - self.px(8), cols[1].w * 2 // 3, self.px(16)), cols[1])
            avg = t.average if t.average is not None else 0.0
            self.ui.progress_bar(surface, bar, avg, self.c.good if avg >= 0.75 else (self.c.okay if avg >= 0.5 else self.c.bad))
            self.ui.text(surface, self._pct(t.average),
                         self.ui.mirror(pygame.Rect(cols[1].x + cols[1].w * 2 // 3 + self.px(8), r.y, cols[1].w // 3 - self.px(8),
                                                    r.h), cols[1]),
                         self.theme.small, align="start")
            self.ui.text(surface, self.tr.f("{done} of {total}", done=t.pupils_completed, total=n), cols[2], self.theme.small,
                         align="start")
            y += self.row_h() + self.px(4)

    def draw_missed(self, surface, content) -> None:
        if not self.summary.most_missed:
            self.ui.text(surface, self.tr._("Not enough answers yet: a question needs at least 3 answers to be listed here."),
                         content, self.theme.body, align="center", valign="top")
            return
        y = content.y
        start = self.page * self.per_page()
        for i, m in enumerate(self._rows(content)):
            r = pygame.Rect(content.x, y, content.w, self.row_h())
            self.ui.panel(surface, r, self.c.bubble, self.c.bad if m.share >= 0.5 else self.c.okay, radius=12, width=2)
            inner = r.inflate(-self.px(24), -self.px(10))
            rank = self.ui.mirror(pygame.Rect(inner.x, inner.y, self.px(44), inner.h), inner)
            self.ui.text(surface, self.tr.number(start + i + 1), rank, self.theme.heading, self.c.bad, align="center", bold=True)
            text_box = self.ui.mirror(pygame.Rect(inner.x + self.px(54), inner.y, inner.w - self.px(54), inner.h), inner)
            third = text_box.h // 3
            prompt = self.tr.level(m.prompt) if m.prompt is not None else m.question
            level = self.tr.level(m.level_title) if m.level_title is not None else m.level
            stat = self.tr.f("{missed} of {total} answers wrong or partly right ({percent})", missed=m.missed, total=m.attempts,
                             percent=self.tr.percent(m.share))
            self.ui.text(surface, prompt, pygame.Rect(text_box.x, text_box.y, text_box.w, third), self.theme.small, align="start",
                         bold=True)
            self.ui.text(surface, f"{level} · {stat}", pygame.Rect(text_box.x, text_box.y + third, text_box.w, third),
                         self.theme.small,
                         self.c.text_soft, align="start")
            talk = (self.tr.level(m.discussion) if m.discussion is not None
                    else (self.tr.level(m.explain) if m.explain is not None else ""))
            if talk:
                self.ui.text(surface, self.tr.f("Talk about it: {question}", question=talk),
                             pygame.Rect(text_box.x, text_box.y + 2 * third, text_box.w, text_box.h - 2 * third),
                             self.theme.small,
                             self.c.teacher, align="start")
            y += self.row_h() + self.px(4)

    def draw_check(self, surface, content) -> None:
        s = self.summary
        if not s.session.check:
            self.ui.text(surface, self.tr._("This session has no knowledge check."), content, self.theme.body, align="center",
                         valign="top")
            return
        box = pygame.Rect(content.x, content.y, content.w, self.px(110))
        self.ui.panel(surface, box, self.c.panel, self.c.panel_border, radius=12, width=2)
        cols = self.ui.row(box.inflate(-self.px(20), -self.px(16)), 3, box.h - self.px(16), self.px(12))
        values = [(self.tr._("Before"), s.pre_average, s.pre_count), (self.tr._("After"), s.post_average, s.post_count)]
        def three(r):
            q = r.h // 4
            return (pygame.Rect(r.x, r.y, r.w, q), pygame.Rect(r.x, r.y + q, r.w, r.h - 2 * q),
                    pygame.Rect(r.x, r.bottom - q, r.w, q))

        for (label, value, count), r in zip(values, cols[:2], strict=False):
            top, mid, low = three(r)
            self.ui.text(surface, label, top, self.theme.small, self.c.text_soft, align="center")
            self.ui.text(surface, self._pct(value), mid, self.theme.heading, align="center", bold=True)
            self.ui.text(surface, self.tr.nf("{n} pupil", "{n} pupils", count), low, self.theme.small, self.c.text_soft,
                         align="center")
        top, mid, low = three(cols[2])
        imp = s.improvement_average
        self.ui.text(surface, self.tr._("Improvement"), top, self.theme.small, self.c.text_soft, align="center")
        change = "–" if imp is None else self.tr.f("{sign}{points} points", sign="+" if imp >= 0 else "-",
                                                   points=round(abs(imp) * 100))
        self.ui.text(surface, change, mid, self.theme.heading, self.c.good if imp is not None and imp > 0 else self.c.text,
                     align="center", bold=True)
        both = self.tr.nf("{n} pupil did both", "{n} pupils did both", s.paired_count)
        if s.gain_class is not None:  # normalised gain: the share of what there was left to learn
            both += " · " + self.tr.f("gain {percent}", percent=self.tr.percent(s.gain_class))
        self.ui.text(surface, both, low, self.theme.small, self.c.text_soft, align="center")
        widths = (0.40, 0.20, 0.20, 0.20)
        head = pygame.Rect(content.x, box.bottom + self.px(10), content.w, self.px(36))
        self._header(surface, head, [self.tr._("Nickname"), self.tr._("Before"), self.tr._("After"), self.tr._("Improvement")],
                     widths)
        y = head.bottom + self.px(4)
        for row in self._rows(content):
            r = pygame.Rect(content.x, y, content.w, self.row_h())
            self.ui.panel(surface, r, self.c.panel, self.c.panel_border, radius=8, width=1)
            cols = self._columns(r, widths)
            self.ui.text(surface, row.pupil.display_name, cols[0], self.theme.small, align="start", bold=True)
            self.ui.text(surface, self._pct(row.pre), cols[1], self.theme.small, align="start")
            self.ui.text(surface, self._pct(row.post), cols[2], self.theme.small, align="start")
            imp = row.improvement
            txt = "–" if imp is None else self.tr.f("{sign}{points} points", sign="+" if imp >= 0 else "-",
                                                    points=round(abs(imp) * 100))
            self.ui.text(surface, txt, cols[3], self.theme.small, self.c.good if imp and imp > 0 else self.c.text, align="start")
            y += self.row_h() + self.px(4)

    def draw_files(self, surface, content) -> None:
        r = self.report
        y = content.y
        summary = self.tr.nf("{n} results file was used.", "{n} results files were used.", len(r.merged.files))
        if not r.problems and not r.duplicates:
            summary += " " + self.tr._("Every file was fine.")
        self.ui.text(surface, summary, pygame.Rect(content.x, y, content.w, self.px(36)), self.theme.body, align="start",
                     bold=True)
        y += self.px(40)
        labels = {"problem": (self.tr._("Not used"), self.c.bad, "cross"),
                  "duplicate": (self.tr._("Counted once"), self.c.okay, "check"),
                  "ignored": (self.tr._("Not needed"), self.c.text_soft, "help")}
        for kind, note in self._rows(content):
            box = pygame.Rect(content.x, y, content.w, self.row_h())
            label, color, icon = labels[kind]
            self.ui.panel(surface, box, self.c.panel, color, radius=8, width=2)
            self.ui.icon(surface, icon, self.ui.mirror(pygame.Rect(box.x, box.y, box.h, box.h), box).center, self.px(26), color)
            text = f"{label}: {note.text(self.tr)}"
            self.ui.text(surface, text,
                         self.ui.mirror(pygame.Rect(box.x + box.h, box.y + self.px(2), box.w - box.h - self.px(10),
                                                    box.h - self.px(4)), box),
                         self.theme.small, align="start", min_size=10)
            y += self.row_h() + self.px(4)

    def speech(self) -> str:
        return self.headline()
