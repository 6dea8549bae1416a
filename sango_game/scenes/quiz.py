"""The quiz screen: one question after another, each drawn and answered as its kind says
(``sango_game.kinds`` for the logic, ``quiz_views`` for the look)."""

from __future__ import annotations

import time
from datetime import UTC

import pygame

from .. import kinds
from ..core.play import Outcome, QuizRun
from ..core.shuffle import seed_for
from ..i18n import N_
from ..input import Act, Action
from ..kinds import QuestionKind
from ..text.sentences import join_sentences, strip_end
from ..ui.widgets import Button
from .base import BaseScene
from .dialogs import ConfirmDialog
from .quiz_views import QuizView, view_for


def record_attempt(app, level, question_id: str, outcome: Outcome, time_ms: int, seed: int | None = None) -> None:
    """Save one answer at once (a crash later loses nothing already answered)."""
    try:
        session = getattr(app.class_session, "id", None)
        app.player.record_attempt(level.id, question_id, outcome.answer_repr, outcome.score, time_ms, session_id=session,
                                  seed=seed)
    except Exception as exc:
        app.report_storage_error(exc)


def _with_reviews(app, level):
    from datetime import datetime

    from ..core.review import with_reviews

    try:
        return with_reviews(level, app.catalog.levels.values(), app.player.attempts(), datetime.now(UTC))
    except Exception:  # noqa: BLE001  (the level without reviews is still a level)
        return level


def _held_out(app, level):
    from ..classroom.checks import held_out

    return held_out(getattr(app, "class_session", None), level)


class QuizScene(BaseScene):
    name = "quiz"
    back_label = N_("Leave")

    def __init__(self, app, level):
        super().__init__(app)
        level = _with_reviews(app, level)  # missed questions of the topic come back on later days
        level = _held_out(app, level)  # in a lab session, the "after" check's questions wait for the check
        self.level = level
        self.run = QuizRun(level, seed=seed_for(getattr(app, "shuffle_seed", None)))  # options shuffled, stable for this attempt
        self.outcome: Outcome | None = None
        self.pages: list[str] = []  # what the bubble shows, page by page (raw_pages fitted to the bubble)
        self.raw_pages: list[str] = []
        self.page = 0
        self.picked: set[str] = set()  # multi / red_flags
        self.placed: dict[str, str] = {}  # sort: item id -> bin id
        self.started = time.monotonic()
        self.bounce: float | None = None  # seconds into Sango's happy hop after a right answer
        self.force_list = False  # this answer's reasons need the full-width checklist

    BOUNCE_SECONDS = 0.6
    BOTTOM_H = 160  # Sango's bubble and the action button (design pixels)

    def update(self, dt: float) -> bool:
        if self.bounce is None:
            return False
        self.bounce += dt
        if self.bounce >= self.BOUNCE_SECONDS:
            self.bounce = None
        return True

    def animation_rects(self) -> list[pygame.Rect] | None:
        # Only Sango hops: from where it stands up to the top of the hop.
        reach = self.sango_reach
        if reach is None:
            return None
        return [reach.union(reach.move(0, -self.px(24) - 1)).inflate(4, 4)]

    def sango_offset(self) -> int:
        import math

        if self.bounce is None:
            return 0
        return -int(self.px(24) * math.sin(math.pi * self.bounce / self.BOUNCE_SECONDS))

    # -- state ---------------------------------------------------------------------------------
    @property
    def q(self):
        return self.run.question

    @property
    def kind(self) -> QuestionKind:
        return kinds.get(self.q.type)

    @property
    def view(self) -> QuizView:
        return view_for(self.kind.view)

    @property
    def answering(self) -> bool:
        return self.outcome is None

    def title(self) -> str:
        return self.tr.level(self.level.title)

    def back(self) -> None:
        self.app.stack.push(ConfirmDialog(self.app, self.tr._("Leave this level? Your answers so far are saved."),
                                          lambda: self.app.stack.pop(), yes=self.tr._("Leave"), no=self.tr._("Stay")))

    # -- layout ---------------------------------------------------------------------------------
    def areas(self):
        body = self.body_rect
        progress = pygame.Rect(body.x, body.y, body.w, self.px(30))
        prompt = pygame.Rect(body.x, progress.bottom + self.px(8), body.w, self.px(84))
        bottom_h = self.px(self.BOTTOM_H)
        content = pygame.Rect(body.x, prompt.bottom + self.px(8), body.w, body.bottom - bottom_h - prompt.bottom - self.px(18))
        bottom = pygame.Rect(body.x, body.bottom - bottom_h, body.w, bottom_h)
        action = self.ui.mirror(pygame.Rect(bottom.right - self.px(250), bottom.bottom - self.px(76), self.px(250), self.px(72)),
                                bottom)
        bubble = self.ui.mirror(pygame.Rect(bottom.x, bottom.y, bottom.w - self.px(270), bottom.h), bottom)
        return progress, prompt, content, bubble, action

    @property
    def list_feedback(self) -> bool:
        """Red flags and sorting have many long items: after answering, one full-width checklist
        (a mark and the reason for each item) replaces them, then the explanation."""
        return not self.answering and (self.kind.checklist_feedback(self.q) or self.force_list)

    @property
    def split_feedback(self) -> bool:
        """After answering a choice question, the answers (with their marks) take the start half and
        the feedback the end half."""
        return not self.answering and not self.list_feedback

    def answer_width(self, content: pygame.Rect) -> int:
        return int((content.w - self.px(20)) * 0.6)  # answers are often longer than the feedback's lines

    def answer_area(self, content: pygame.Rect) -> pygame.Rect:
        if not self.split_feedback:
            return content
        return self.ui.mirror(pygame.Rect(content.x, content.y, self.answer_width(content), content.h), content)

    def feedback_rect(self) -> pygame.Rect:
        """The end half of the screen below the prompt (all of it for a checklist), down to the action button."""
        _, _, content, _, action_r = self.areas()
        if self.list_feedback:
            return pygame.Rect(content.x, content.y, content.w, action_r.y - self.px(8) - content.y)
        half = content.w - self.px(20) - self.answer_width(content)
        r = pygame.Rect(content.x + content.w - half, content.y, half, action_r.y - self.px(12) - content.y)
        return self.ui.mirror(r, content)

    def feedback_text_rect(self) -> pygame.Rect:
        if self.list_feedback:
            # Every pixel for the checklist: its rows carry their own marks, "(1 of 2)" goes in Sango's bubble.
            return self.feedback_rect().inflate(-self.px(24), -self.px(14))
        box = self.feedback_rect().inflate(-self.px(36), -self.px(28))
        box.h -= self.app.text.line_height(self.tr.code, self.theme.small)  # room for "(1 of 2)"
        box.w -= self.px(44)  # the mark sits in the end corner
        if self.tr.rtl:
            box.x += self.px(44)
        return box

    def _fits_beside(self, content: pygame.Rect, box: pygame.Rect) -> bool:
        """Do the answers fit the start side and the reasons the panel, even at the smallest text?
        (Large text in a small window may not: then the full-width checklist is used.)"""
        smallest = max(12, int(self.theme.body * 0.6))
        engine, lang = self.app.text, self.tr.code
        outcome = self.outcome
        assert outcome is not None  # asked only once the answer was checked
        if outcome.feedback and engine.layout(self.raw_pages[0], lang, smallest, max_width=box.w).height > box.h:
            return False
        answers = self.kind.answers_beside_feedback(self.q)
        if answers:
            n = len(answers)
            h = min(self.px(96), (content.h - self.px(6) * (n - 1)) // n)
            isz = min(h - self.px(10), self.px(34))
            for cid, text in answers:
                marked = cid in outcome.marks  # a check or cross at the end as well as the number badge
                w = self.answer_width(content) - 2 * self.px(14) - (2 if marked else 1) * (isz + self.px(8))
                # Teen labels are bold.
                lay = engine.layout(self.tr.level(text), lang, smallest, max_width=w, bold=self.theme.teen)
                if lay.height > h - self.px(10) or lay.overflow:
                    return False
        return True

    def checklist_rows(self) -> list:
        outcome = self.outcome
        assert outcome is not None  # the checklist shows only after the answer was checked
        return list(outcome.feedback) + self.kind.checklist_extra(self.q, outcome)

    def checklist_line(self, fb) -> str:
        if fb.about is None:
            return self.tr.level(fb.text)
        return self.tr.f("“{item}”: {why}", item=strip_end(self.tr.level(fb.about)), why=self.tr.level(fb.text))

    def _checklist_fits(self) -> bool:
        """(Called with the checklist layout on.) Does every row fit its share of the panel at the smallest text?"""
        rows = self.checklist_rows()
        if not rows:
            return True
        box = self.feedback_text_rect()
        h = (box.h - self.px(4) * (len(rows) - 1)) // len(rows)
        w = box.w - min(h, self.px(30)) - self.px(8)
        smallest = max(12, int(self.theme.small * 0.6))
        return all(self.app.text.layout(self.checklist_line(fb), self.tr.code, smallest, max_width=w).height <= h for fb in rows)

    def fit_pages(self, pages: list[str], box: pygame.Rect) -> list[str]:
        """One page if everything fits comfortably, otherwise the (at most two) pages as they are."""
        if len(pages) < 2 or self.list_feedback:
            return pages
        joined = join_sentences(pages, self.tr.code)
        size = max(12, int(self.theme.body * 0.85))
        if self.app.text.layout(joined, self.tr.code, size, max_width=box.w).height <= box.h:
            return [joined]
        return pages

    def build(self):
        if self.run.finished:
            return []
        _, _, content, _, action_r = self.areas()
        if self.raw_pages:
            box = self.feedback_text_rect()
            if self.split_feedback and not self._fits_beside(content, box):
                self.force_list = True
                if self._checklist_fits():
                    box = self.feedback_text_rect()
                else:
                    self.force_list = False  # neither fits well: the split shrinks its text the least
            self.pages = self.fit_pages(self.raw_pages, box)
            self.page = min(self.page, len(self.pages) - 1)
        content = self.answer_area(content)
        out = [] if self.list_feedback else list(self.view.widgets(self, content))  # a checklist replaces them
        if self.answering:
            if self.kind.collects:
                check = Button(self.tr._("Check"), self.check, icon="check", style="primary", name="check", rect=action_r,
                               size=self.theme.font(26))
                out.append(check)
        else:
            last = self.page >= len(self.pages) - 1
            label = self.tr._("Next") if not last or self.run.index + 1 < self.run.total else self.tr._("Finish")
            out.append(Button(label, self.next, icon="forward", style="primary", name="next", rect=action_r,
                              size=self.theme.font(26)))
        return out

    def _state(self, item_id: str) -> str | None:
        if self.outcome is not None:
            mark = self.outcome.marks.get(item_id)
            if mark:
                return mark
            return None
        if item_id in self.picked:
            return "selected"
        return None

    # -- actions -------------------------------------------------------------------------------
    def pick(self, item_id: str) -> None:
        if not self.answering:
            return
        if not self.kind.collects:
            self.submit(self.kind.answer_for_pick(self.q, item_id))
        else:
            self.picked ^= {item_id}
            self.app.sound.play("click")
            for w in self.focus.widgets:
                if isinstance(w, Button) and w.name.endswith(f"-{item_id}"):
                    w.state = "selected" if item_id in self.picked else None

    def place(self, bin_id: str) -> None:
        pending = [it for it in self.q.items if it.id not in self.placed]
        if not self.answering or not pending:
            return
        self.placed[pending[0].id] = bin_id
        self.app.sound.play("click")
        if len(self.placed) == len(self.q.items):
            self.submit(dict(self.placed))
        else:
            self.layout()

    def check(self) -> None:
        if self.answering:
            self.submit(sorted(self.picked))

    def submit(self, answer) -> None:
        elapsed = int((time.monotonic() - self.started) * 1000)
        out = self.run.answer(answer)
        self.outcome = out
        record_attempt(self.app, self.level, self.q.id, out, elapsed, self.run.seed)
        self.app.sound.play("correct" if out.correct else "wrong")
        self.force_list = False
        self.raw_pages = self.feedback_pages(out)
        self.page = 0
        self.bounce = 0.0 if out.correct and not self.theme.reduced_motion else None
        self.layout()
        nxt = self.focus.find("next")
        if nxt is not None:
            self.focus.focus(nxt)
        if self.app.speech.enabled:
            self.app.speech.say(self.pages[0], self.tr.code)

    def verdict(self, out: Outcome) -> str:
        if out.correct:
            return self.tr._("Yes, that's right!")
        if out.score > 0:
            return self.tr.f("Partly right: {percent}.", percent=self.tr.percent(out.score))
        return self.tr._("Not quite. Let's see why.")

    def feedback_pages(self, out: Outcome) -> list[str]:
        """At most two pages: what was right or wrong in this answer, then why (the explanation).
        The verdict ("Not quite") is in Sango's bubble, the pages in the feedback panel."""
        lang = self.tr.code
        items = []
        for fb in out.feedback:
            if fb.about is not None:
                items.append(self.tr.f("“{item}”: {why}", item=strip_end(self.tr.level(fb.about)), why=self.tr.level(fb.text)))
            else:
                items.append(self.tr.level(fb.text))
        explain = self.tr.level(self.q.explain)
        if not items:
            return [explain]
        return [join_sentences(items, lang), explain]

    def next(self) -> None:
        if self.page < len(self.pages) - 1:
            self.page += 1
            self.app.sound.play("page")
            if self.app.speech.enabled:
                self.app.speech.say(self.pages[self.page], self.tr.code)
            self.layout()
            return
        self.run.advance()
        self.outcome = None
        self.picked = set()
        self.placed = {}
        self.pages = []
        self.raw_pages = []
        self.started = time.monotonic()
        if self.run.finished:
            self.app.go("results", self.level, self.run.score, self.run.stars,
                        detail=self.tr.f("{right} of {total} questions fully right",
                                         right=self.run.correct_count, total=self.run.total))
            return
        self.focus.index = 0
        self.layout()
        self.focus.index = 0
        self.focus.set(self.focus.widgets, keep=False)
        if self.app.speech.enabled:
            self.app.speech.say(self.speech(), self.tr.code)

    def handle(self, action: Action) -> bool:
        if action.kind == Act.CHOOSE and action.index is not None and not self.run.finished:
            if not self.answering:
                return True
            ids = self.item_ids()
            if action.index < len(ids):
                self.view.choose(self, ids[action.index])
            return True
        return super().handle(action)

    def item_ids(self) -> list[str]:
        return self.kind.option_ids(self.q)

    # -- drawing --------------------------------------------------------------------------------
    def draw_content(self, surface) -> None:
        if self.run.finished:
            return
        progress, prompt, content, bubble, _ = self.areas()
        content = self.answer_area(content)
        q = self.q
        label = self.tr.f("Question {n} of {total}", n=self.run.index + 1, total=self.run.total)
        lab_w = self.px(260)
        lab_r = self.ui.mirror(pygame.Rect(progress.x, progress.y, lab_w, progress.h), progress)
        self.ui.text(surface, label, lab_r, self.theme.small, self.c.text_soft, align="start")
        bar = self.ui.mirror(pygame.Rect(progress.x + lab_w + self.px(10), progress.y + self.px(8),
                                         progress.w - lab_w - self.px(10), self.px(14)), progress)
        self.ui.progress_bar(surface, bar, (self.run.index + (0 if self.answering else 1)) / self.run.total)
        self.ui.text(surface, self.tr.level(q.prompt), prompt, self.theme.font(26), align="start", bold=True)
        if not self.list_feedback:  # the checklist in the feedback panel replaces the message, card and legend
            self.view.draw(self, surface, content)
        if self.answering:
            hint = self.tr._(self.kind.hint)
            self.draw_sango(surface, bubble, hint, q.mood or "thinking", sango_size=self.px(120))
        else:
            outcome = self.outcome
            assert outcome is not None  # set when the answer was checked
            mood = "celebrating" if outcome.correct else ("thinking" if outcome.score > 0 else "worried")
            text = self.pages[self.page]
            counter = self.tr.f("({page} of {pages})", page=self.page + 1, pages=len(self.pages)) if len(self.pages) > 1 else ""
            self._draw_feedback_panel(surface, text, "" if self.list_feedback else counter)
            text = self.verdict(outcome)
            if self.list_feedback and counter:
                text = f"{text} {counter}"
            size = self.px(120)
            if self.split_feedback:
                # Sango's short verdict stays in the start half, beside the feedback panel.
                start_side = pygame.Rect(bubble.x, bubble.y, content.w, bubble.h)
                if self.tr.rtl:
                    start_side.right = bubble.right
                bubble = start_side
            else:
                # The checklist needs the height: Sango and the verdict share the action button's row.
                _, _, _, _, action_r = self.areas()
                bubble = pygame.Rect(bubble.x, action_r.y, bubble.w, action_r.h)
                size = action_r.h
            self.draw_sango(surface, bubble, text, mood, sango_size=size, text_size=self.theme.body,
                            sango_dy=self.sango_offset())

    def _draw_feedback_panel(self, surface, text: str, counter: str) -> None:
        """The explanation, large, in the free half; a mark shows at a glance how the answer went."""
        r = self.feedback_rect()
        c = self.c
        outcome = self.outcome
        assert outcome is not None  # drawn only once the answer was checked
        colour = c.good if outcome.correct else (c.okay if outcome.score > 0 else c.bad)
        self.ui.panel(surface, r, c.bubble, colour, radius=16, width=4)
        if not self.list_feedback:
            mark = self.px(40)
            corner = self.ui.mirror(pygame.Rect(r.right - mark - self.px(10), r.y + self.px(10), mark, mark), r)
            self.ui.icon(surface, "check" if outcome.correct else ("help" if outcome.score > 0 else "cross"),
                         corner.center, mark, colour)
        box = self.feedback_text_rect()
        if self.list_feedback and self.page == 0 and outcome.feedback:
            self._draw_checklist(surface, box)
        else:
            self.ui.text(surface, text, box, self.theme.body, align="start", valign="top")
        if counter:
            line = self.app.text.line_height(self.tr.code, self.theme.small)
            self.ui.text(surface, counter, pygame.Rect(box.x, r.bottom - self.px(12) - line, box.w, line), self.theme.small,
                         c.text_soft, align="end")

    def _draw_checklist(self, surface, box: pygame.Rect) -> None:
        """One row per item: a check or a cross (shape, not colour alone), then the item and why.
        For choices, the right answers the player missed get a row too: the answers are hidden here."""
        rows = self.checklist_rows()
        gap = self.px(4)
        h = (box.h - gap * (len(rows) - 1)) // len(rows)
        icon = min(h, self.px(30))
        for i, fb in enumerate(rows):
            r = pygame.Rect(box.x, box.y + i * (h + gap), box.w, h)
            ibox = self.ui.mirror(pygame.Rect(r.x, r.y, icon, icon), r)
            self.ui.icon(surface, "check" if fb.right else "cross", ibox.center, icon - self.px(4),
                         self.c.good if fb.right else self.c.bad)
            line = self.checklist_line(fb)
            # Seven long rows in Arabic at the largest text in the smallest window only fit a notch below the usual floor.
            self.ui.text(surface, line,
                         self.ui.mirror(pygame.Rect(r.x + icon + self.px(8), r.y, r.w - icon - self.px(8), r.h), r),
                         self.theme.small, align="start", valign="top", min_size=10)

    def speech(self) -> str:
        if self.run.finished:
            return ""
        q = self.q
        parts = [self.tr.level(q.prompt)]
        parts += self.kind.speech_lines(self.tr, q, self.placed)
        if not self.answering and self.pages:
            parts = [self.pages[self.page]]
        return "\n".join(parts)
