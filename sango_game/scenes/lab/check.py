"""The knowledge check before and after a lab session (the questions without marks), and its thank-you screen."""

from __future__ import annotations

import time

import pygame

from ...core.play import Outcome
from ...ui.widgets import Button
from ..base import BaseScene
from ..quiz import QuizScene, record_attempt
from .common import check_level


class CheckScene(QuizScene):
    """The knowledge check: the same questions before and after the session. Answers are saved
    (with the session id) but not marked, so the check before does not teach the check after."""

    name = "check"

    def __init__(self, app, phase: str):
        super().__init__(app, check_level(app, phase))
        self.phase = phase
        self.chosen: set[str] = set()

    def title(self) -> str:
        if self.phase == "pre":
            return self.tr._("Quick check: before we start")
        return self.tr._("Quick check: what did you learn?")

    def _state(self, item_id: str) -> str | None:
        if self.outcome is not None:
            return "selected" if item_id in self.chosen else None
        return super()._state(item_id)

    def submit(self, answer) -> None:
        elapsed = int((time.monotonic() - self.started) * 1000)
        real = self.run.answer(answer)
        record_attempt(self.app, self.level, self.q.id, real, elapsed, self.run.seed)
        self.chosen = self.kind.chosen_ids(self.q, answer)
        # A neutral outcome for the screen: no right/wrong marks, Sango just listens.
        self.outcome = Outcome(0.5, {}, (), real.answer_repr)
        self.app.sound.play("click")
        thanks = self.tr._("Thank you! Your answer is saved.")
        self.raw_pages = [thanks]  # the quiz screen fits these into Sango's bubble
        self.pages = [thanks]
        self.page = 0
        self.layout()
        nxt = self.focus.find("next")
        if nxt is not None:
            self.focus.focus(nxt)

    def next(self) -> None:
        if self.run.index + 1 >= self.run.total:
            self.run.advance()
            self.app.go("check-done", self.phase)
            return
        self.chosen = set()
        super().next()


class CheckDoneScene(BaseScene):
    name = "check-done"

    def __init__(self, app, phase: str):
        super().__init__(app)
        self.phase = phase

    def title(self) -> str:
        return self.tr._("Quick check")

    def build(self):
        body = self.body_rect
        return [Button(self.tr._("Continue"), self.back, icon="forward", style="primary", name="continue",
                       rect=pygame.Rect(body.centerx - self.px(150), body.bottom - self.px(80), self.px(300), self.px(72)))]

    def message(self) -> str:
        if self.phase == "pre":
            return self.tr._(
                "Thank you! Now play the levels of today's session. At the end, you will answer the same questions again.")
        return self.tr._("Thank you! You finished today's session. Well done!")

    def draw_content(self, surface) -> None:
        body = self.body_rect
        self.draw_sango(surface, pygame.Rect(body.x, body.y + self.px(20), body.w, self.px(240)), self.message(),
                        "celebrating" if self.phase == "post" else "happy", sango_size=self.px(220))

    def speech(self) -> str:
        return self.message()
