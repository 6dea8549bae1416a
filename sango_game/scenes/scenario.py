"""The story screen: read, choose, see what happens, reach an ending with a lesson."""

from __future__ import annotations

import json
import time

import pygame

from ..core.play import QUALITY_VALUE, ScenarioRun
from ..core.shuffle import seed_for
from ..i18n import N_
from ..input import Act, Action
from ..ui.widgets import Button
from .base import BaseScene
from .dialogs import ConfirmDialog

QUALITY_ICON = {"good": "check", "okay": "help", "risky": "cross"}


class ScenarioScene(BaseScene):
    name = "scenario"
    back_label = N_("Leave")

    def __init__(self, app, level):
        super().__init__(app)
        self.level = level
        self.run = ScenarioRun(level, seed=seed_for(getattr(app, "shuffle_seed", None)))  # choices shuffled, stable for this attempt
        self.last_choice = None  # the choice just made: its consequence is on screen
        self.started = time.monotonic()

    def title(self) -> str:
        return self.tr.level(self.level.title)

    def back(self) -> None:
        self.app.stack.push(ConfirmDialog(self.app, self.tr._("Leave this story? You can play it again later."),
                                          lambda: self.app.stack.pop(), yes=self.tr._("Leave"), no=self.tr._("Stay")))

    def quality_words(self, quality: str) -> str:
        return {"good": self.tr._("Great choice!"), "okay": self.tr._("Okay, but there is a safer choice."),
                "risky": self.tr._("Risky choice.")}[quality]

    def ending_words(self, ending: str) -> str:
        return {"good": self.tr._("Good ending"), "okay": self.tr._("Okay ending"), "risky": self.tr._("Risky ending")}[ending]

    def areas(self):
        body = self.body_rect
        story = pygame.Rect(body.x, body.y, body.w, self.px(190))
        bottom_h = self.px(150)
        choices = pygame.Rect(body.x, story.bottom + self.px(14), body.w, body.bottom - story.bottom - bottom_h - self.px(26))
        bottom = pygame.Rect(body.x, body.bottom - bottom_h, body.w, bottom_h)
        action = self.ui.mirror(pygame.Rect(bottom.right - self.px(250), bottom.bottom - self.px(76), self.px(250), self.px(72)), bottom)
        bubble = self.ui.mirror(pygame.Rect(bottom.x, bottom.y, bottom.w - self.px(270), bottom.h), bottom)
        return story, choices, bubble, action

    def build(self):
        story, choices_r, _, action_r = self.areas()
        node = self.run.node
        out = []
        if self.last_choice is not None:
            out.append(Button(self.tr._("Continue"), self.proceed, icon="forward", style="primary", name="continue",
                              rect=action_r, size=self.theme.font(26)))
            return out
        if node.is_ending:
            out.append(Button(self.tr._("Finish"), self.finish, icon="check", style="primary", name="finish",
                              rect=action_r, size=self.theme.font(26)))
            return out
        n = len(node.choices)
        gap = self.px(12)
        h = min(self.px(80), (choices_r.h - gap * (n - 1)) // n)
        for i, ch in enumerate(node.choices):
            r = pygame.Rect(choices_r.x, choices_r.y + i * (h + gap), choices_r.w, h)
            out.append(Button(self.tr.level(ch.text), lambda cid=ch.id: self.choose(cid), rect=r, badge=self.tr.number(i + 1),
                              align="start", style="choice", name=f"choice-{ch.id}", size=self.theme.body))
        return out

    # -- actions --------------------------------------------------------------------------------
    def choose(self, choice_id: str) -> None:
        node = self.run.node
        choice = self.run.choose(choice_id)
        self.last_choice = choice
        self.app.sound.play({"good": "correct", "okay": "page", "risky": "wrong"}[choice.quality])
        try:
            self.app.player.record_attempt(self.level.id, node.id, json.dumps(choice.id), QUALITY_VALUE[choice.quality],
                                           int((time.monotonic() - self.started) * 1000),
                                           session_id=getattr(self.app.class_session, "id", None), seed=self.run.seed)
        except Exception as exc:
            self.app.report_storage_error(exc)
        self.started = time.monotonic()
        self.layout()
        self.focus.set(self.focus.widgets, keep=False)
        if self.app.speech.enabled:
            self.app.speech.say(f"{self.quality_words(choice.quality)} {self.tr.level(choice.consequence)}", self.tr.code)

    def proceed(self) -> None:
        self.last_choice = None
        self.layout()
        self.focus.set(self.focus.widgets, keep=False)
        if self.app.speech.enabled:
            self.app.speech.say(self.speech(), self.tr.code)

    def finish(self) -> None:
        node = self.run.node
        self.app.go("results", self.level, self.run.score, self.run.stars, ending=node.id,
                    detail=self.ending_words(node.ending))

    def handle(self, action: Action) -> bool:
        if action.kind == Act.CHOOSE and action.index is not None:
            node = self.run.node
            if self.last_choice is None and not node.is_ending and action.index < len(node.choices):
                self.choose(node.choices[action.index].id)
            return True
        return super().handle(action)

    # -- drawing ----------------------------------------------------------------------------------
    def speaker_name(self, speaker: str) -> str:
        if speaker == "sango":
            return "Sango"
        if speaker == "narrator":
            return ""
        ch = self.level.character(speaker)
        return self.tr.level(ch.name) if ch else speaker

    def draw_content(self, surface) -> None:
        story, choices_r, bubble, _ = self.areas()
        node = self.run.node
        shown = self.level.node(self.run.path[-1][0]) if self.last_choice is not None else node
        self.ui.panel(surface, story, self.c.panel, self.c.panel_border, radius=16, width=2)
        pad = self.px(16)
        # The stage: the step's scene with the speaker in front, the speaker's name below.
        stage_w, name_h = self.px(200), self.px(30)
        stage = self.ui.mirror(pygame.Rect(story.x + pad, story.y + pad, stage_w, story.h - 2 * pad - name_h), story)
        from ..ui.story_art import draw_stage

        draw_stage(self, surface, stage, self.level, shown, shown.speaker)
        name_r = self.ui.mirror(pygame.Rect(story.x + pad, stage.bottom + self.px(2), stage_w, name_h), story)
        self.ui.text(surface, self.speaker_name(shown.speaker), name_r, self.theme.small, self.c.text_soft, align="center",
                     bold=True, valign="top")
        text_r = self.ui.mirror(pygame.Rect(story.x + 2 * pad + stage_w, story.y + pad, story.w - 3 * pad - stage_w, story.h - 2 * pad), story)
        if shown.is_ending:
            head = pygame.Rect(text_r.x, text_r.y, text_r.w, self.px(40))
            icon_r = self.ui.mirror(pygame.Rect(head.x, head.y, head.h, head.h), head)
            self.ui.icon(surface, QUALITY_ICON[shown.ending], icon_r.center, self.px(34),
                         {"good": self.c.good, "okay": self.c.okay, "risky": self.c.bad}[shown.ending])
            self.ui.text(surface, self.ending_words(shown.ending), self.ui.mirror(pygame.Rect(head.x + head.h + self.px(8), head.y, head.w - head.h - self.px(8), head.h), head),
                         self.theme.body, align="start", bold=True)
            text_r = pygame.Rect(text_r.x, text_r.y + self.px(46), text_r.w, text_r.h - self.px(46))
        self.ui.text(surface, self.tr.level(shown.text), text_r, self.theme.font(24), align="start", valign="top")
        if self.last_choice is not None:
            ch = self.last_choice
            verdict = self.quality_words(ch.quality)
            you = pygame.Rect(choices_r.x, choices_r.y, choices_r.w, min(choices_r.h, self.px(80)))
            b = Button(self.tr.level(ch.text), None, rect=you, align="start", size=self.theme.body)
            b.state = {"good": "correct", "okay": "selected", "risky": "wrong"}[ch.quality]
            b.draw(self.ui, surface, False, False)
            cons = pygame.Rect(choices_r.x, you.bottom + self.px(10), choices_r.w, choices_r.bottom - you.bottom - self.px(10))
            if cons.h > self.px(40):
                self.ui.panel(surface, cons, self.c.bubble, self.c.panel_border, radius=14, width=2)
                self.ui.text(surface, self.tr.level(ch.consequence), cons.inflate(-self.px(30), -self.px(16)), self.theme.body, align="start")
            mood = {"good": "celebrating", "okay": "thinking", "risky": "worried"}[ch.quality]
            self.draw_sango(surface, bubble, verdict, mood, sango_size=self.px(120))
        elif node.is_ending:
            # The lesson is the point of the story: it gets the big panel, with a heading.
            panel = pygame.Rect(choices_r.x, choices_r.y, choices_r.w, choices_r.h)
            self.ui.panel(surface, panel, self.c.bubble, self.c.accent, radius=16, width=3)
            head = pygame.Rect(panel.x + self.px(20), panel.y + self.px(10), panel.w - self.px(40), self.px(36))
            self.ui.text(surface, self.tr._("What to remember"), head, self.theme.small, self.c.accent, align="start", bold=True)
            body = pygame.Rect(head.x, head.bottom + self.px(6), head.w, panel.bottom - head.bottom - self.px(16))
            self.ui.text(surface, self.tr.level(node.lesson), body, self.theme.font(24), align="start", valign="top")
            cheer = self.tr._("You reached an ending! Play again to find the others.")
            self.draw_sango(surface, bubble, cheer, "celebrating" if node.ending == "good" else "happy", sango_size=self.px(120))
        else:
            self.draw_sango(surface, bubble, self.tr._("What should happen next? Choose."), node.mood or "thinking",
                            sango_size=self.px(120))

    def speech(self) -> str:
        node = self.run.node
        if self.last_choice is not None:
            return f"{self.quality_words(self.last_choice.quality)} {self.tr.level(self.last_choice.consequence)}"
        parts = [self.tr.level(node.text)]
        if node.is_ending:
            parts.append(self.tr.level(node.lesson))
        else:
            parts += [f"{self.tr.number(i + 1)}. {self.tr.level(c.text)}" for i, c in enumerate(node.choices)]
        return "\n".join(parts)
