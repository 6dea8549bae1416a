"""One physical press is one action: a double-click or a held key never acts on the screen it opened."""

import time

import pygame
import pytest

from sango_game.input import Act, Action, InputMapper, PressGuard
from tests.conftest import FIXTURES


def test_guard_drops_a_second_click_that_lands_on_the_new_screen():
    g = PressGuard()
    t = 100.0
    assert g.allow(Action(Act.POINTER_DOWN, pos=(1, 1), at=t))
    assert g.allow(Action(Act.POINTER_UP, pos=(1, 1), at=t))
    g.screen_changed(t + 0.01)  # the click opened a new screen
    assert not g.allow(Action(Act.POINTER_DOWN, pos=(1, 1), at=t + 0.12))
    assert not g.allow(Action(Act.POINTER_UP, pos=(1, 1), at=t + 0.14))
    # A deliberate click once the screen has been there a moment works.
    assert g.allow(Action(Act.POINTER_DOWN, pos=(1, 1), at=t + 0.5))
    assert g.allow(Action(Act.POINTER_UP, pos=(1, 1), at=t + 0.55))


def test_guard_drops_a_release_whose_press_began_on_another_screen():
    g = PressGuard()
    assert g.allow(Action(Act.POINTER_DOWN, pos=(1, 1)))
    g.screen_changed(5.0)
    assert not g.allow(Action(Act.POINTER_UP, pos=(1, 1)))
    assert not g.allow(Action(Act.POINTER_UP, pos=(1, 1)))  # a stray release without a press


def test_guard_drops_key_repeat_across_screens_but_not_new_presses():
    g = PressGuard()
    assert g.allow(Action(Act.CONFIRM))
    assert g.allow(Action(Act.CONFIRM, repeat=True))  # still on the same screen
    g.screen_changed(1.0)
    assert not g.allow(Action(Act.CONFIRM, repeat=True))
    assert not g.allow(Action(Act.CHOOSE, index=0, repeat=True))
    assert g.allow(Action(Act.DOWN, repeat=True))  # moving the focus by holding an arrow is fine
    assert g.allow(Action(Act.CONFIRM))  # a new press
    assert g.allow(Action(Act.CONFIRM, repeat=True))


def test_input_mapper_marks_auto_repeat():
    m = InputMapper()
    down = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0)
    up = pygame.event.Event(pygame.KEYUP, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0)
    assert m.map_event(down, (1, 1)) == [Action(Act.CONFIRM)]
    assert m.map_event(down, (1, 1)) == [Action(Act.CONFIRM, repeat=True)]
    assert m.map_event(up, (1, 1)) == []
    assert m.map_event(down, (1, 1)) == [Action(Act.CONFIRM)]


@pytest.fixture
def app(tmp_path):
    from sango_game.app import App
    from sango_game.content import load_catalog

    a = App(size=(1280, 720), language="en", catalog=load_catalog(FIXTURES / "levels"), data_dir=tmp_path / "d",
            speech=False)
    a.step()
    yield a
    a.shutdown()


def _double_click(app, widget_id):
    """Click a button, then click the same spot again 120 ms later, as a double-click does."""
    scene = app.stack.top
    pos = scene.focus.find(widget_id).rect.center
    t = app.guard.changed_at + 1.0  # a deliberate click, a second after this screen appeared
    app.step([Action(Act.POINTER_DOWN, pos=pos, at=t), Action(Act.POINTER_UP, pos=pos, at=t + 0.01)])
    opened = app.stack.top
    assert opened is not scene, f"{widget_id} did not open a screen"
    app.step([Action(Act.POINTER_DOWN, pos=pos, at=t + 0.12), Action(Act.POINTER_UP, pos=pos, at=t + 0.13)])
    assert app.stack.top is opened, f"the second click of a double-click on {widget_id} acted on {opened.name}"
    return opened


def test_double_clicks_along_the_way_into_a_quiz_act_once(app):
    _double_click(app, "play")
    _double_click(app, "new-profile")
    app.step([Action.type_text("Kim")])
    band = _double_click(app, "create")
    assert band.name == "band"
    world = _double_click(app, band.focus.focused.name)
    assert world.name == "worldmap"
    topic = _double_click(app, "go-in")
    assert topic.name == "topic"
    step = _double_click(app, topic.focus.focused.name)
    assert step.name in ("intro", "quiz")
    assert app.store is None or app.store.attempts(app.profile.id) == []  # no answer was given by accident


def test_real_events_a_double_click_read_by_the_input_module(app):
    """The same, through pygame's event queue and the one input reader (time stamps are real)."""
    app.step([Action(Act.CONFIRM)])  # Play
    scene = app.stack.top
    pos = scene.focus.find("new-profile").rect.center

    def click():
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        app.step(app.input.poll(app.size))

    click()  # too soon after "Play" opened this screen: a click meant for the title
    assert app.stack.top is scene
    time.sleep(PressGuard.GUARD_S)
    click()
    opened = app.stack.top
    assert opened.name == "new-profile"
    time.sleep(0.12)
    click()
    assert app.stack.top is opened
    time.sleep(PressGuard.GUARD_S)
    app.step([Action(Act.BACK)])
    assert app.stack.top is scene
