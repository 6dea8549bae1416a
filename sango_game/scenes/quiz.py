"""The quiz screen: one question after another, each drawn and answered as its kind says
(``sango_game.kinds`` for the logic, ``quiz_views`` for the look)."""

from __future__ import annotations

import time

import pygame

from .. import kinds
from ..core.play import Outcome, QuizRun
from ..i18n import N_
from ..input import Act, Action
from ..kinds import QuestionKind
from ..ui.widgets import Button
from .base import BaseScene
from .dialogs import ConfirmDialog
from .quiz_views import QuizView, view_for


def record_attempt(app, level, question_id: str, outcome: Outcome, time_ms: int) -> None:
    """Save one answer at once (a crash later loses nothing already answered)."""
    try:
        session = getattr(app.class_session, "id", None)
        app.player.record_attempt(level.id, question_id, outcome.answer_repr, outcome.score, time_ms, session_id=session)
    except Exception as exc:
        app.report_storage_error(exc)


class QuizScene(BaseScene):
    name = "quiz"
    back_label = N_("Leave")

    def __init__(self, app, level):
        super().__init__(app)
        self.level = level
        self.run = QuizRun(level)
        self.outcome: Outcome | None = None
        self.pages: list[str] = []  # what the bubble shows, page by page (raw_pages fitted to the bubble)
        self.raw_pages: list[str] = []
        self.page = 0
        self.picked: set[str] = set()  # multi / red_flags
        self.placed: dict[str, str] = {}  # sort: item id -> bin id
        self.started = time.monotonic()
        self.bounce: float | None = None  # seconds into Sango's happy hop after a right answer

    BOUNCE_SECONDS = 0.6
    BOTTOM_H = 160  # Sango's bubble and the action button (design pixels)

    def update(self, dt: float) -> bool:
        if self.bounce is None:
            return False
        self.bounce += dt
        if self.bounce >= self.BOUNCE_SECONDS:
            self.bounce = None
        return True

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

    def build(self):
        if self.run.finished:
            return []
        _, _, content, bubble_r, action_r = self.areas()
        if self.raw_pages:
            box = self.bubble_text_rect(bubble_r, self.px(120))
            box.h -= self.app.text.line_height(self.tr.code, self.theme.small)  # room for "(1 of 3)"
            self.pages = self.paginate(self.raw_pages, box, self.theme.body)
            self.page = min(self.page, len(self.pages) - 1)
        out = list(self.view.widgets(self, content))
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
        record_attempt(self.app, self.level, self.q.id, out, elapsed)
        self.app.sound.play("correct" if out.correct else "wrong")
        self.raw_pages = self.feedback_pages(out)
        self.page = 0
        self.bounce = 0.0 if out.correct and not self.theme.reduced_motion else None
        self.layout()
        nxt = self.focus.find("next")
        if nxt is not None:
            self.focus.focus(nxt)
        if self.app.speech.enabled:
            self.app.speech.say(self.pages[0], self.tr.code)

    def feedback_pages(self, out: Outcome) -> list[str]:
        q = self.q
        if out.correct:
            verdict = self.tr._("Yes, that's right!")
        elif out.score > 0:
            verdict = self.tr.f("Partly right: {percent}.", percent=self.tr.percent(out.score))
        else:
            verdict = self.tr._("Not quite. Let's see why.")
        items = []
        for fb in out.feedback:
            if fb.about is not None:
                items.append(self.tr.f("“{item}”: {why}", item=self.tr.level(fb.about), why=self.tr.level(fb.text)))
            else:
                items.append(self.tr.level(fb.text))
        explain = self.tr.level(q.explain)
        if not items:
            return [f"{verdict} {explain}"]
        return [f"{verdict} {items[0]}", *items[1:], explain]

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
        q = self.q
        label = self.tr.f("Question {n} of {total}", n=self.run.index + 1, total=self.run.total)
        lab_w = self.px(260)
        lab_r = self.ui.mirror(pygame.Rect(progress.x, progress.y, lab_w, progress.h), progress)
        self.ui.text(surface, label, lab_r, self.theme.small, self.c.text_soft, align="start")
        bar = self.ui.mirror(pygame.Rect(progress.x + lab_w + self.px(10), progress.y + self.px(8),
                                         progress.w - lab_w - self.px(10), self.px(14)), progress)
        self.ui.progress_bar(surface, bar, (self.run.index + (0 if self.answering else 1)) / self.run.total)
        self.ui.text(surface, self.tr.level(q.prompt), prompt, self.theme.font(26), align="start", bold=True)
        self.view.draw(self, surface, content)
        if self.answering:
            hint = self.tr._(self.kind.hint)
            self.draw_sango(surface, bubble, hint, q.mood or "thinking", sango_size=self.px(120))
        else:
            outcome = self.outcome
            assert outcome is not None  # set when the answer was checked
            mood = "celebrating" if outcome.correct else ("thinking" if outcome.score > 0 else "worried")
            text = self.pages[self.page]
            if len(self.pages) > 1:
                counter = self.tr.f("({page} of {pages})", page=self.page + 1, pages=len(self.pages))
                text = f"{text}\n{counter}"
            self.draw_sango(surface, bubble.move(0, 0), text, mood, sango_size=self.px(120), text_size=self.theme.body,
                            sango_dy=self.sango_offset())

    def speech(self) -> str:
        if self.run.finished:
            return ""
        q = self.q
        parts = [self.tr.level(q.prompt)]
        parts += self.kind.speech_lines(self.tr, q, self.placed)
        if not self.answering and self.pages:
            parts = [self.pages[self.page]]
        return "\n".join(parts)
