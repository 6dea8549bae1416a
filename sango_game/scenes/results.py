"""End of a level: stars, what was learnt, new badges, and where to go next."""

from __future__ import annotations

import pygame

from ..i18n import N_
from ..progress.mastery import is_review_round
from ..ui.widgets import Button
from .base import BaseScene
from .shared import level_results


def finish_level(app, level, score: float, stars: int, ending: str | None) -> list[str]:
    """Save the result and return the ids of badges newly earned (a storage error is shown)."""
    from ..core.journey import finish_level as finish

    try:
        return finish(app.player, app.catalog, level, score, stars, ending)
    except Exception as exc:
        app.report_storage_error(exc)
        return []


def badge_title(tr, catalog, badge_id: str) -> str:
    parts = badge_id.split(":")
    if parts[0] == "topic" and len(parts) == 3 and parts[2] in catalog.topics:
        return tr.f("Topic badge: {topic}", topic=tr.level(catalog.topics[parts[2]].title))
    if parts[0] == "band-champion":
        return tr._("Champion of all topics!")
    return {
        "first-steps": tr._("First steps: you finished your first level!"),
        "explorer": tr._("Explorer: you found every ending of a story!"),
        "perfect": tr._("Perfect: every answer right!"),
    }.get(parts[0], badge_id)


class ResultsScene(BaseScene):
    name = "results"
    back_label = N_("Levels")

    def __init__(self, app, level, score: float, stars: int, ending: str | None = None, detail: str = ""):
        super().__init__(app)
        self.level = level
        self.score = score
        self.stars = stars
        self.ending = ending
        self.detail = detail
        self.review = is_review_round(level.id)  # a review round: no stars to keep, nothing to unlock
        self.new_badges = finish_level(app, level, score, stars, ending)
        self.t = 0.0  # animation clock: stars pop in one by one (skipped with reduced motion)
        self._anim_boxes: list[pygame.Rect] = []  # where the stars pop and the badges rise (set when drawn)
        self.app.sound.play("star" if stars >= 2 else "page")
        for _ in self.new_badges:
            self.app.sound.play("badge")

    def title(self) -> str:
        return self.tr.level(self.level.title)

    ANIM_SECONDS = 1.4

    def update(self, dt: float) -> bool:
        if self.theme.reduced_motion or self.t >= self.ANIM_SECONDS:
            return False
        self.t = min(self.ANIM_SECONDS, self.t + dt)
        return True

    def animation_rects(self) -> list[pygame.Rect] | None:
        # Only the stars and the rising badges move: their boxes, as laid out by the last full draw.
        return list(self._anim_boxes) or None

    def star_scales(self) -> list[float]:
        """Size of each of the 3 stars now (1.0 = full); all full with reduced motion."""
        if self.theme.reduced_motion:
            return [1.0, 1.0, 1.0]
        out = []
        for i in range(3):
            k = max(0.0, min(1.0, (self.t - 0.3 * i) / 0.4))
            out.append(k * (1.0 + 0.25 * (1 - k) * 4 * k))  # a little overshoot: pop
        return out

    def next_level(self):
        levels = self.app.catalog.topic_levels(self.level.band, self.level.topic)
        later = [lv for lv in levels if lv.order > self.level.order]
        return later[0] if later else None

    def build(self):
        body = self.body_rect
        row = pygame.Rect(body.x, body.bottom - self.px(76), body.w, self.px(72))
        if self.review:  # the round is made of what is due; playing it again today would not space it
            (only,) = self.ui.row(row, 1, self.px(72), self.px(24), width=self.px(330))
            return [Button(self.tr._("Levels"), self.back, icon="home", name="levels", rect=only)]
        nxt = self.next_level()
        n = 2 if nxt is None else 3
        rects = self.ui.row(row, n, self.px(72), self.px(24), width=self.px(330))
        out = [Button(self.tr._("Play again"), self.again, icon="play", name="again", rect=rects[0]),
               Button(self.tr._("Levels"), self.back, icon="home", name="levels", rect=rects[1])]
        if nxt is not None:
            out.append(Button(self.tr._("Next level"), lambda: self.open(nxt), icon="forward", style="primary", name="next-level",
                              rect=rects[2]))
        return out

    def layout(self) -> None:
        first = not self.focus.widgets
        super().layout()
        nxt = self.focus.find("next-level")
        if first and nxt is not None:
            self.focus.focus(nxt)  # the way on is what most players want next

    def again(self) -> None:
        self.app.go("intro", self.level)

    def open(self, level) -> None:
        self.app.go("intro", level)

    def draw_content(self, surface) -> None:
        body = self.body_rect
        if self.review:
            self.draw_review(surface)
            return
        if self.theme.teen:  # teens: plainer words than "Well done!"
            msg = {3: self.tr._("Sharp. You clearly know this."),
                   2: self.tr._("Solid. A couple of things are worth another look."),
                   1: self.tr._("Worth another go: replay to see what you missed.")}.get(self.stars, self.tr._("Good try!"))
        else:
            msg = {3: self.tr._("Brilliant! You really know this."), 2: self.tr._("Well done! You are getting good at this."),
                   1: self.tr._("Good try! Play again to learn even more.")}.get(self.stars, self.tr._("Good try!"))
        self.draw_sango(surface, pygame.Rect(body.x, body.y, body.w, self.px(150)), msg,
                        "celebrating" if self.stars >= 2 else "happy", sango_size=self.px(150))
        star_size = self.px(70)
        row = self.ui.stars(surface, (body.centerx, body.y + self.px(200)), 0, 3, star_size)  # empty outlines
        boxes = [row.inflate(self.px(4), self.px(4))]
        rects = self.ui.row(row, 3, star_size, self.px(4), width=star_size)
        for i, (r, k) in enumerate(zip(rects, self.star_scales(), strict=False)):
            if i < self.stars and k > 0:
                size = max(1, int(star_size * k))
                img = self.app.art.icon("star", size, self.c.star)
                surface.blit(img, img.get_rect(center=r.center))
        line = self.tr.nf("You earned {n} star of 3.", "You earned {n} stars of 3.", self.stars)
        self.ui.text(surface, line, pygame.Rect(body.x, body.y + self.px(245), body.w, self.px(40)), self.theme.body,
                     align="center", bold=True)
        y = body.y + self.px(290)
        info = [self.detail] if self.detail else []
        if self.level.kind == "scenario":
            results = level_results(self.app)
            found = len(getattr(results.get(self.level.id), "endings", ()) or ())
            total = len(self.level.endings)
            info.append(self.tr.f("Endings found: {found} of {total}", found=max(found, 1 if self.ending else 0), total=total))
        if info:
            self.ui.text(surface, " · ".join(info), pygame.Rect(body.x, y, body.w, self.px(36)), self.theme.small,
                         self.c.text_soft, align="center")
        y += self.px(44)
        from ..helpline import HELP_TOPICS, get_helpline

        helpline = get_helpline(self.app) if self.level.topic in HELP_TOPICS else ""
        if helpline:
            two_lines = 2 * self.app.text.line_height(self.tr.code, self.theme.small) + self.px(8)
            box = pygame.Rect(body.centerx - self.px(340), y, self.px(680), max(self.px(52), two_lines))
            self.ui.panel(surface, box, self.c.panel, self.c.accent, radius=12, width=3)
            self.ui.icon(surface, "help", self.ui.mirror(pygame.Rect(box.x + self.px(8), box.y, box.h, box.h), box).center,
                         self.px(32), self.c.accent)
            self.ui.text(surface, self.tr.f("Need to talk to someone? Your child helpline: {helpline}", helpline=helpline),
                         self.ui.mirror(pygame.Rect(box.x + box.h + self.px(12), box.y, box.w - box.h - self.px(20), box.h), box),
                         self.theme.small, align="start", bold=True)
            y += box.h + self.px(8)
        # New badges rise into place once the stars have popped in (at once with reduced motion).
        k = 1.0 if self.theme.reduced_motion else max(0.0, min(1.0, (self.t - 1.0) / 0.4))
        for badge in self.new_badges[:1 if helpline else 2]:
            two_lines = 2 * self.app.text.line_height(self.tr.code, self.theme.small) + self.px(8)
            box = pygame.Rect(body.centerx - self.px(340), y + int((1 - k) * self.px(24)), self.px(680),
                              max(self.px(52), two_lines))
            boxes.append(pygame.Rect(box.x, y, box.w, box.h + self.px(24)).inflate(self.px(4), self.px(4)))
            y += self.px(60)
            if k <= 0:
                continue
            self.ui.panel(surface, box, self.c.bubble, self.c.star, radius=12, width=3)
            self.ui.icon(surface, "trophy", self.ui.mirror(pygame.Rect(box.x + self.px(8), box.y, box.h, box.h), box).center,
                         self.px(36), self.c.star)
            self.ui.text(surface, badge_title(self.tr, self.app.catalog, badge),
                         self.ui.mirror(pygame.Rect(box.x + box.h + self.px(12), box.y, box.w - box.h - self.px(20), box.h), box),
                         self.theme.small, align="start", bold=True)
        self._anim_boxes = boxes

    def review_message(self) -> str:
        return self.tr._("Questions you got right come back on another day, until you know them for sure.")

    def draw_review(self, surface) -> None:
        body = self.body_rect
        self.draw_sango(surface, pygame.Rect(body.x, body.y, body.w, self.px(150)), self.review_message(), "happy",
                        sango_size=self.px(150))
        self.ui.text(surface, self.detail, pygame.Rect(body.x, body.y + self.px(200), body.w, self.px(44)), self.theme.body,
                     align="center", bold=True)

    def speech(self) -> str:
        if self.review:
            return f"{self.detail}\n{self.review_message()}"
        from ..helpline import HELP_TOPICS, get_helpline

        text = self.tr.nf("You earned {n} star of 3.", "You earned {n} stars of 3.", self.stars)
        helpline = get_helpline(self.app) if self.level.topic in HELP_TOPICS else ""
        if helpline:
            text += "\n" + self.tr.f("Need to talk to someone? Your child helpline: {helpline}", helpline=helpline)
        return text
