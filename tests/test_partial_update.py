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
        # Raw pixel memory first (no conversion: a third of the time); only when it differs are the
        # colours compared, as the unused fourth byte of a pixel may differ where the colours do not.
        if self.window.get_view("1").raw == self.app.screen.get_view("1").raw:
            return True
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


# -- animations: every frame of a walk, a star pop, a hop, typing dots and arriving messages -----------------------

def _animated_app(tmp_path, language, size=(1024, 600)):
    from sango_game.app import App

    app = App(size=size, language=language, data_dir=tmp_path / "d", speech=False, audio=False)
    app.step()
    return app, Shadow(app)


def _frames(app, shadow, n, actions_at=None, until_still=False, dt=1 / 60) -> list[int]:
    """Run ``n`` frames of ``dt`` seconds (actions given for some of them); the frames after which the
    window differs from a full redraw."""
    bad = []
    for i in range(n):
        app.step((actions_at or {}).get(i, []), dt=dt)
        if not shadow.matches_full_redraw():
            bad.append(i)
        if until_still and not app.animating and not (actions_at or {}).keys() - set(range(i + 1)):
            break
    return bad


def _walk_script():
    keys = [Act.FOCUS_NEXT, Act.FORWARD, Act.FORWARD, Act.DOWN, Act.UP, Act.BACKWARD, Act.FOCUS_PREV, Act.FOCUS_NEXT]
    return {i * 45: [Action(k)] for i, k in enumerate(keys)}


@pytest.mark.heavy
@pytest.mark.parametrize("band", ["9-12", "13-18"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_world_map_walk_frames_equal_a_full_redraw(language, band, tmp_path):
    app, shadow = _animated_app(tmp_path, language)
    app.reset_to("worldmap", band)
    app.step()
    shadow.present(None)
    full = app.frames - app.partial_frames
    bad = _frames(app, shadow, 8 * 45 + 60, _walk_script())
    assert bad == [], f"the window differs from a full redraw after frames {bad[:10]}"
    assert app.partial_frames > 100  # the walk really was drawn in parts...
    assert app.frames - app.partial_frames - full <= 2  # ...and hardly ever as a whole window
    app.shutdown()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_star_pop_and_badge_frames_equal_a_full_redraw(language, tmp_path):
    app, shadow = _animated_app(tmp_path, language)
    level = app.catalog.levels["k-passwords-quiz"]
    scene = app.push("results", level, 1.0, 3)
    app.step()
    assert scene.new_badges  # a first finished level earns a badge: it rises in after the stars
    shadow.present(None)
    partial = app.partial_frames
    bad = _frames(app, shadow, 100)
    assert bad == [], f"the window differs from a full redraw after frames {bad[:10]}"
    assert app.partial_frames - partial >= 80


@pytest.mark.parametrize("level_id", ["k-passwords-quiz", "t-account-security-quiz"])  # Sango, or the teens' badge
@pytest.mark.parametrize("language", ["en", "ar"])
def test_quiz_hop_frames_equal_a_full_redraw(language, level_id, tmp_path):
    from sango_game.autoplay import ScriptedPlayer

    app, shadow = _animated_app(tmp_path, language)
    level = app.catalog.levels[level_id]
    player = ScriptedPlayer(app)
    player.start_level(level)
    scene = app.stack.top
    player.answer_question(scene.q, right=True)
    assert scene.bounce is not None
    shadow.present(None)
    partial = app.partial_frames
    bad = _frames(app, shadow, 45)
    assert bad == [], f"the window differs from a full redraw after frames {bad[:10]}"
    assert app.partial_frames - partial >= 30


@pytest.mark.heavy
@pytest.mark.parametrize("language", ["en", "ar"])
def test_typing_dots_and_arriving_messages_equal_a_full_redraw(language, tmp_path):
    app, shadow = _animated_app(tmp_path, language)
    scene = app.push("practice", app.catalog.levels["k-kindness-practice"])
    app.step()
    scene.go("chat", "group")
    app.step()
    shadow.present(None)
    arrived_before, partial = len(scene.run.history), app.partial_frames
    # Hover a reply now and then: the highlight must go where the widgets are made again.
    # 15 s of chat at 30 frames a second (a slow school PC's rate; the dots move further per frame).
    hover = {i: [Action(Act.POINTER_MOVE, pos=scene.phone_screen_rect().move(0, -40).midbottom)] for i in range(0, 450, 48)}
    bad = _frames(app, shadow, 450, hover, dt=1 / 30)
    assert bad == [], f"the window differs from a full redraw after frames {bad[:10]}"
    assert len(scene.run.history) > arrived_before  # messages did arrive
    assert app.partial_frames - partial > 100  # typing dots and arrivals were drawn in parts


def test_wrong_animation_rects_are_caught(tmp_path, monkeypatch):
    """The check above can fail: a walk that forgets Sango's old place leaves a trail on the window."""
    from sango_game.scenes.worldmap import WorldMapScene

    real = WorldMapScene.update

    def forgetful(self, dt):
        moving = real(self, dt)
        if self._moved:
            self._moved = self._sprites()  # only the new bounds
        return moving

    monkeypatch.setattr(WorldMapScene, "update", forgetful)
    app, shadow = _animated_app(tmp_path, "en")
    app.reset_to("worldmap", "9-12")
    app.step()
    shadow.present(None)
    assert _frames(app, shadow, 60, {0: [Action(Act.FOCUS_NEXT)]}) != []


@pytest.mark.parametrize("preset,expected", [(None, "0"), ("1", "1")])
def test_the_window_uses_sdls_own_framebuffer_unless_told_otherwise(preset, expected):
    """SDL 2's renderer-emulated window framebuffer presents the whole window for every update, which
    makes updating a few rectangles as costly as a full flip; its own framebuffer copies only them."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "SDL_FRAMEBUFFER_ACCELERATION"}
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    if preset is not None:
        env["SDL_FRAMEBUFFER_ACCELERATION"] = preset
    code = ("import os\nfrom sango_game.display import open_window\nopen_window((1024, 600), False)\n"
            "print(os.environ['SDL_FRAMEBUFFER_ACCELERATION'])\n")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == expected


def test_the_done_button_opens_when_the_chat_script_ends(tmp_path):
    """An arriving message repaints only the device, but the end of the script lays out the whole
    screen again: the Done button becomes usable."""
    app, _ = _animated_app(tmp_path, "en")
    scene = app.push("practice", app.catalog.levels["k-kindness-practice"])
    app.step()
    scene.go("chat", "group")
    app.step()
    assert not scene.focus.find("done").enabled
    for _ in range(600):
        app.step(dt=0.25)
        if scene.run.script_over:
            break
    app.step(dt=0.25)
    assert scene.run.script_over and scene.focus.find("done").enabled
