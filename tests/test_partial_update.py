"""Redraw only what changes: after focus and hover moves that update part of the window, what the
window shows equals a full redraw, pixel for pixel, on every screen kind."""

import pygame
import pytest

from sango_game.input import Act, Action
from tests.conftest import FIXTURES


class Shadow:
    """What the real window shows: a full flip copies the whole frame, an update only its rects."""

    def __init__(self, app):
        self.app = app
        self.window = app.screen.copy()
        self.partial = 0
        app.present = self.present

    def present(self, rects):
        if rects is None:
            self.window.blit(self.app.screen, (0, 0))
        else:
            self.partial += 1
            for r in rects:
                self.window.blit(self.app.screen, r, r)

    def matches_full_redraw(self) -> bool:
        self.app.draw()
        return pygame.image.tobytes(self.window, "RGB") == pygame.image.tobytes(self.app.screen, "RGB")


def _moves(scene):
    acts = [Action(Act.FOCUS_NEXT), Action(Act.FOCUS_NEXT), Action(Act.DOWN), Action(Act.FORWARD),
            Action(Act.FOCUS_PREV), Action(Act.UP), Action(Act.BACKWARD)]
    focus = getattr(scene, "focus", None)
    for w in list(getattr(focus, "widgets", []))[:6]:
        acts.append(Action(Act.POINTER_MOVE, pos=w.rect.center))
    acts.append(Action(Act.POINTER_MOVE, pos=(2, 2)))
    return acts


@pytest.mark.parametrize("language", ["en", "ar"])
def test_partial_updates_equal_a_full_redraw_on_every_screen(language, tmp_path):
    from sango_game.app import App
    from sango_game.content import load_catalog
    from sango_game.screenshots import tour

    app = App(size=(1024, 600), language=language, catalog=load_catalog(FIXTURES / "levels"),
              data_dir=tmp_path / "d", speech=False, audio=False)
    shadow = Shadow(app)
    checked, mismatched = [], []

    def visit(name):
        scene = app.stack.top
        focus = getattr(scene, "focus", None)
        index, hover = (focus.index, focus.hover) if focus is not None else (None, None)
        shadow.present(None)
        for action in _moves(scene):
            app.step([action])
            if app.stack.top is not scene:
                return
        checked.append(name)
        if not shadow.matches_full_redraw():
            mismatched.append(name)
        if focus is not None:  # the tour goes on from where it was
            focus.index, focus.hover = index, hover
            app.dirty = True
            app.step()

    tour(app, visit)
    app.shutdown()
    assert len(checked) > 20
    assert shadow.partial > len(checked)  # partial updates really happened
    assert mismatched == [], f"the window differs from a full redraw on: {mismatched[:20]}"


def test_a_pointer_move_that_changes_nothing_draws_nothing(tmp_path):
    from sango_game.app import App

    app = App(size=(1280, 720), language="en", data_dir=tmp_path, speech=False, audio=False)
    app.step()
    frames = app.frames
    assert not app.step([Action(Act.POINTER_MOVE, pos=(3, 3))])
    assert not app.step([Action(Act.POINTER_MOVE, pos=(5, 4))])
    assert app.frames == frames
    app.shutdown()
