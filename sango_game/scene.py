"""Scenes and the one scene stack.

Changes (push, pop, replace) are queued and applied between frames, so a scene can ask to
leave from inside its own ``handle`` without pulling the floor from under itself.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pygame

    from .app import App
    from .input import Action

#: name -> a scene class, or "module:Class" (relative to sango_game) imported on first use, so
#: scenes reach each other by name without importing each other (and start-up stays light).
_REGISTRY: dict[str, Any] = {}


def register(name: str, target: Any) -> None:
    """Make a scene reachable as ``app.push(name, ...)``; ``target`` is a class or factory, or
    ``"module:Class"`` relative to ``sango_game`` (a plug-in may register its own screens)."""
    _REGISTRY[name] = target


def scene_factory(name: str) -> Callable[..., Scene]:
    """The class (or factory) registered as ``name``; KeyError names the unknown scene."""
    try:
        target = _REGISTRY[name]
    except KeyError:
        raise KeyError(f"no scene registered as {name!r} (known: {', '.join(sorted(_REGISTRY))})") from None
    if isinstance(target, str):
        module, _, attr = target.partition(":")
        target = getattr(importlib.import_module(f"sango_game.{module}"), attr)
        _REGISTRY[name] = target
    return target


def registered_scenes() -> list[str]:
    return sorted(_REGISTRY)


class Scene:
    #: An opaque scene hides everything below it; a non-opaque one (a dialog) is drawn on top.
    opaque = True
    #: Name used in tests, logs and screenshots.
    name = "scene"

    def __init__(self, app: App):
        self.app = app

    # lifecycle --------------------------------------------------------------------------
    def enter(self) -> None:
        """Pushed onto the stack (becomes the top)."""

    def exit(self) -> None:
        """Popped or replaced."""

    def pause(self) -> None:
        """Another scene was pushed on top."""

    def resume(self) -> None:
        """The scene above was popped; this one is the top again."""

    def layout(self) -> None:
        """Window size, language or text size changed: recompute rectangles."""

    # frame ------------------------------------------------------------------------------
    def handle(self, action: Action) -> bool:
        """Return True if the action was consumed."""
        return False

    def update(self, dt: float) -> bool:
        """Advance animations by ``dt`` seconds. Return True while something is moving."""
        return False

    def animation_rects(self) -> list[pygame.Rect] | None:
        """Asked after ``update`` returned True, before drawing: the parts of the window this frame
        changes (the old and the new bounds of whatever moved), so only those are redrawn and sent
        to the display; None (the default) redraws the whole window."""
        return None

    def draw(self, surface) -> None:
        raise NotImplementedError

    def speech(self) -> str:
        """What read-aloud says for this screen (question and choices, or the main text)."""
        return ""


class SceneStack:
    def __init__(self) -> None:
        self._stack: list[Scene] = []
        self._pending: list[tuple[str, Any]] = []  # a scene, None, or the pop_until test
        self.changed = False

    def __len__(self) -> int:
        return len(self._stack)

    def __iter__(self):
        return iter(self._stack)

    @property
    def top(self) -> Scene | None:
        return self._stack[-1] if self._stack else None

    def push(self, scene: Scene) -> None:
        self._pending.append(("push", scene))

    def pop(self) -> None:
        self._pending.append(("pop", None))

    def replace(self, scene: Scene) -> None:
        self._pending.append(("replace", scene))

    def clear_to(self, scene: Scene) -> None:
        """Pop everything and show ``scene`` (e.g. back to the title)."""
        self._pending.append(("clear", scene))

    def pop_until(self, predicate: Callable[[Scene], bool]) -> None:
        self._pending.append(("pop_until", predicate))

    @property
    def has_pending(self) -> bool:
        return bool(self._pending)

    def apply_pending(self) -> bool:
        """Apply queued changes in order. Returns True if the stack changed."""
        changed = False
        while self._pending:
            op, arg = self._pending.pop(0)
            changed = True
            if op == "push":
                if self.top:
                    self.top.pause()
                self._stack.append(arg)
                arg.layout()
                arg.enter()
            elif op == "pop":
                if self._stack:
                    self._stack.pop().exit()
                if self.top:
                    self.top.resume()
            elif op == "replace":
                if self._stack:
                    self._stack.pop().exit()
                self._stack.append(arg)
                arg.layout()
                arg.enter()
            elif op == "clear":
                while self._stack:
                    self._stack.pop().exit()
                self._stack.append(arg)
                arg.layout()
                arg.enter()
            elif op == "pop_until":
                while self._stack and not arg(self._stack[-1]):
                    self._stack.pop().exit()
                if self.top:
                    self.top.resume()
        self.changed = self.changed or changed
        return changed

    def visible(self) -> list[Scene]:
        """Scenes to draw, bottom first: from the top-most opaque scene upwards."""
        out: list[Scene] = []
        for scene in reversed(self._stack):
            out.append(scene)
            if scene.opaque:
                break
        return list(reversed(out))
