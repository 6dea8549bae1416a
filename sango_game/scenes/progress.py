"""What the child sees of their own progress, and managing their profile (export, delete)."""

from __future__ import annotations

import math
import time

import pygame

from ..content.bands import BAND_LABELS
from ..ui.widgets import Button
from .base import BaseScene
from .dialogs import ConfirmDialog, MessageDialog
from .shared import export_folder, level_results


class ProgressScene(BaseScene):
    """A progress picture per band: each topic is a circle that fills up with stars."""

    name = "progress"

    def __init__(self, app, band: str = "9-12"):
        super().__init__(app)
        self.band = band

    def title(self) -> str:
        return self.tr._("My progress")

    def build(self):
        body = self.body_rect
        row = pygame.Rect(body.x, body.y, body.w, self.px(52))
        rects = self.ui.row(row, 2, self.px(52), self.px(20), width=self.px(260))
        out = []
        for band, r in zip(("9-12", "13-18"), rects):
            b = Button(self.tr._(BAND_LABELS[band]), lambda b=band: self.show(b), rect=r, name=f"band-{band}", size=self.theme.small)
            b.state = "selected" if band == self.band else None
            out.append(b)
        return out

    def show(self, band: str) -> None:
        self.band = band
        self.layout()

    def draw_content(self, surface) -> None:
        body = self.body_rect
        results = level_results(self.app)
        badges = self.app.badge_ids()
        topics = self.app.catalog.band_topics(self.band)
        area = pygame.Rect(body.x, body.y + self.px(70), body.w, body.h - self.px(130))
        cols = 6 if len(topics) > 12 else 4
        rows = max(1, math.ceil(len(topics) / cols))
        cw, ch = area.w // cols, area.h // rows
        total_stars = got_stars = 0
        skills = self._skills(topics)
        for i, topic in enumerate(topics):
            cell = self.ui.mirror(pygame.Rect(area.x + (i % cols) * cw, area.y + (i // cols) * ch, cw, ch), area)
            levels = self.app.catalog.topic_levels(self.band, topic.id)
            stars = sum(getattr(results.get(lv.id), "best_stars", 0) for lv in levels)
            maxs = 3 * len(levels)
            total_stars += maxs
            got_stars += stars
            label_h = 2 * self.app.text.line_height(self.tr.code, self.theme.small) + self.px(4)  # two lines of title
            radius = max(self.px(16), min(cw, ch - label_h) // 2 - self.px(8))
            center = (cell.centerx, cell.y + radius + self.px(6))
            pygame.draw.circle(surface, self.c.bg2, center, radius)
            frac = stars / maxs if maxs else 0
            if frac > 0:
                rect = pygame.Rect(0, 0, 2 * radius, 2 * radius)
                rect.center = center
                start = math.pi / 2
                # The ring fills clockwise in LTR, anticlockwise in RTL (reading direction).
                if self.tr.rtl:
                    pygame.draw.arc(surface, self.c.star, rect, start, start + 2 * math.pi * frac, max(3, self.px(8)))
                else:
                    pygame.draw.arc(surface, self.c.star, rect, start - 2 * math.pi * frac, start, max(3, self.px(8)))
            pygame.draw.circle(surface, self.c.panel_border, center, radius, max(1, self.px(2)))
            icon = self.app.art.topic(topic.icon, int(radius * 1.2))
            surface.blit(icon, icon.get_rect(center=center))
            if f"topic:{self.band}:{topic.id}" in badges:
                self.ui.icon(surface, "trophy", (center[0] + radius - self.px(8), center[1] - radius + self.px(8)), self.px(30), self.c.star)
            done, total = skills.get(topic.id, (0, 0))
            if total:  # skills mastered: questions right on two separate days since any miss
                mark = f"\u2066{self.tr.number(done)}/{self.tr.number(total)}\u2069"
                tag = self.ui.mirror(pygame.Rect(center[0] + radius - self.px(18), center[1] + radius - self.px(26), self.px(64), self.px(26)), cell)
                self.ui.text(surface, mark, tag, self.theme.small, self.c.good if done else self.c.text_soft, align="start", bold=True)
            label = pygame.Rect(cell.x + self.px(4), center[1] + radius + self.px(2), cell.w - self.px(8), cell.bottom - center[1] - radius - self.px(2))
            self.ui.text(surface, self.tr.level(topic.title), label, self.theme.small, align="center", valign="top", min_size=11)
        summary = self.tr.f("{got} of {total} stars", got=got_stars, total=total_stars)
        n_badges = len([b for b in badges if b.startswith(f"topic:{self.band}:")])
        summary += " · " + self.tr.nf("{n} badge", "{n} badges", n_badges)
        n_skills = sum(done for done, _ in skills.values())
        summary += " · " + self.tr.nf("{n} skill mastered", "{n} skills mastered", n_skills)
        self.ui.text(surface, summary, pygame.Rect(body.x, body.bottom - self.px(50), body.w, self.px(44)), self.theme.body,
                     align="center", bold=True)


    def _skills(self, topics) -> dict[str, tuple[int, int]]:
        """topic id -> (questions mastered, quiz questions of the topic in this band)."""
        from ..progress.mastery import mastered_by_topic

        store, profile = self.app.store, self.app.profile
        if store is None or profile is None:
            return {}
        try:
            attempts = store.attempts(profile.id)
        except Exception:
            return {}
        items = {t.id: [(lv.id, q.id) for lv in self.app.catalog.topic_levels(self.band, t.id) for q in lv.questions]
                 for t in topics}
        return mastered_by_topic(attempts, items)


class ProfileScene(BaseScene):
    """The child's own profile: export progress to a file, or delete the profile."""

    name = "profile"

    def title(self) -> str:
        return self.tr._("My profile")

    def build(self):
        body = self.body_rect
        col = pygame.Rect(body.centerx - self.px(260), body.y + self.px(200), self.px(520), self.px(70))
        return [
            Button(self.tr._("Save my progress to a file"), self.export, icon="export", name="export", rect=col),
            Button(self.tr._("Delete my profile"), self.delete, icon="trash", style="danger", name="delete",
                   rect=col.move(0, self.px(90))),
        ]

    def draw_content(self, surface) -> None:
        p = self.app.profile
        if p is None:
            return
        body = self.body_rect
        img = self.app.art.avatar(p.avatar, self.px(140))
        surface.blit(img, img.get_rect(midtop=(body.centerx, body.y)))
        self.ui.text(surface, p.nickname, pygame.Rect(body.x, body.y + self.px(146), body.w, self.px(44)), self.theme.heading,
                     align="center", bold=True)
        self.ui.text(surface, self.tr._("Sango only keeps your nickname, your animal and your game results, on this computer."),
                     pygame.Rect(body.x, body.bottom - self.px(60), body.w, self.px(56)), self.theme.small, self.c.text_soft, align="center")

    def export(self) -> None:
        p = self.app.profile
        if p is None or self.app.store is None:
            return
        folder = export_folder()
        safe = "".join(ch for ch in p.nickname if ch.isalnum()) or "player"
        path = folder / f"sango-progress-{safe}-{time.strftime('%Y%m%d-%H%M%S')}.json"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.app.store.export_profile_json(p.id, path)
        except Exception as exc:
            self.app.stack.push(MessageDialog(self.app, self.tr._("The file could not be saved."), str(exc), mood="worried"))
            return
        self.app.stack.push(MessageDialog(self.app, self.tr._("Your progress was saved to this file:"), str(path), mood="celebrating"))

    def delete(self) -> None:
        p = self.app.profile
        if p is None:
            return
        question = self.tr.f("Delete {nickname} and all their results from this computer? This cannot be undone.", nickname=p.nickname)
        self.app.stack.push(ConfirmDialog(self.app, question, self._really_delete, yes=self.tr._("Delete"), no=self.tr._("Keep"),
                                          danger=True, mood="worried"))

    def _really_delete(self) -> None:
        p = self.app.profile
        try:
            self.app.store.delete_profile(p.id)
        except Exception as exc:
            self.app.report_storage_error(exc)
            return
        self.app.profile = None
        self.app.apply_settings({"language": self.tr.code})
        self.app.reset_to("title")

