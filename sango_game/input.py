"""The only reader of pygame events: turns mouse, touch and keys into game actions.

Scenes never look at pygame events; they get :class:`Action` values, so tests can drive the
game with actions and a scripted player can finish every level.

Horizontal arrows are mirrored in right-to-left languages: on an Arabic screen the item
logically *after* the focused one is on its left, so the Left arrow moves forward.
"""

from __future__ import annotations

from enum import Enum

from .records import record, replace


class Act(str, Enum):  # noqa: UP042 (StrEnum changes str() and format() of members)
    UP = "up"
    DOWN = "down"
    FORWARD = "forward"  # logical next in reading direction (Right in LTR, Left in RTL)
    BACKWARD = "backward"
    FOCUS_NEXT = "focus_next"  # Tab
    FOCUS_PREV = "focus_prev"  # Shift+Tab
    CONFIRM = "confirm"  # Enter, Space, keypad Enter
    BACK = "back"  # Esc, Backspace outside text fields, mouse "back" button
    CHOOSE = "choose"  # number keys 1-9: pick the n-th choice (index 0-based)
    POINTER_DOWN = "pointer_down"
    POINTER_UP = "pointer_up"
    POINTER_MOVE = "pointer_move"
    SCROLL = "scroll"  # amount in .index (+1 down, -1 up)
    TEXT = "text"  # typed text (nicknames, PIN)
    ERASE = "erase"  # Backspace inside text fields
    READ_ALOUD = "read_aloud"  # F2 / R
    FULLSCREEN = "fullscreen"  # F11, Alt+Enter
    RESIZE = "resize"  # .pos = new size
    QUIT = "quit"


@record
class Action:
    kind: Act
    pos: tuple[int, int] | None = None
    index: int | None = None
    text: str | None = None
    touch: bool = False
    #: When the event was read (time.monotonic()); None for actions made by tests and scripts.
    at: float | None = None
    #: A key held down and repeated by the keyboard, not a new press.
    repeat: bool = False

    # Convenience constructors used by tests and the scripted player.
    @staticmethod
    def key(kind: Act) -> Action:
        return Action(kind)

    @staticmethod
    def choose(i: int) -> Action:
        return Action(Act.CHOOSE, index=i)

    @staticmethod
    def click(pos: tuple[int, int]) -> list[Action]:
        return [Action(Act.POINTER_DOWN, pos=pos), Action(Act.POINTER_UP, pos=pos)]

    @staticmethod
    def type_text(text: str) -> Action:
        return Action(Act.TEXT, text=text)


class InputMapper:
    """Map pygame events to actions. ``rtl`` mirrors the horizontal arrows."""

    def __init__(self, rtl: bool = False):
        self.rtl = rtl
        self.text_mode = False  # when a text field has focus: letters are text, not shortcuts
        self._held: set[int] = set()  # keys down now: a second KEYDOWN without KEYUP is auto-repeat

    def poll(self, window_size: tuple[int, int], wait_ms: int | None = None) -> list[Action]:
        """Read pending pygame events as actions. With ``wait_ms``, sleep up to that long for the
        first event (an idle menu then uses almost no CPU)."""
        import pygame

        events = pygame.event.get()
        if not events and wait_ms:
            # pygame.event.wait() wakes up every millisecond while it waits (pygame-ce issue #1541):
            # about 4 % of a core on X11. Checking every 20 ms costs under 1 % and still feels instant.
            import time

            end = time.monotonic() + wait_ms / 1000
            while not events and time.monotonic() < end:
                time.sleep(0.02)
                events = pygame.event.get()
        import time

        now = time.monotonic()
        actions: list[Action] = []
        for ev in events:
            actions.extend(replace(a, at=now) for a in self.map_event(ev, window_size))
        return actions

    def map_event(self, event, window_size: tuple[int, int]) -> list[Action]:
        import pygame

        t = event.type
        if t == pygame.QUIT:
            return [Action(Act.QUIT)]
        if t in (pygame.VIDEORESIZE,):
            return [Action(Act.RESIZE, pos=(event.w, event.h))]
        if t == pygame.TEXTINPUT:
            return [Action(Act.TEXT, text=event.text)] if self.text_mode else []
        if t == pygame.KEYUP:
            self._held.discard(event.key)
            return []
        if t == pygame.KEYDOWN:
            repeat = event.key in self._held
            self._held.add(event.key)
            actions = self._key(event)
            return [Action(a.kind, a.pos, a.index, a.text, a.touch, repeat=True) for a in actions] if repeat else actions
        # Touch: SDL also sends synthetic mouse events for touches; those carry touch=True and are
        # skipped so that one tap is one action.
        if t in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION) and getattr(event, "touch", False):
            return []
        if t == pygame.MOUSEBUTTONDOWN and event.button == 1:
            return [Action(Act.POINTER_DOWN, pos=event.pos)]
        if t == pygame.MOUSEBUTTONUP and event.button == 1:
            return [Action(Act.POINTER_UP, pos=event.pos)]
        if t == pygame.MOUSEBUTTONUP and event.button in (6, 8):  # "back" side button on some mice
            return [Action(Act.BACK)]
        if t == pygame.MOUSEMOTION:
            return [Action(Act.POINTER_MOVE, pos=event.pos)]
        if t == pygame.MOUSEWHEEL:
            return [Action(Act.SCROLL, index=-int(event.y) or 0)]
        if t in (pygame.FINGERDOWN, pygame.FINGERUP, pygame.FINGERMOTION):
            pos = (int(event.x * window_size[0]), int(event.y * window_size[1]))
            kind = {pygame.FINGERDOWN: Act.POINTER_DOWN, pygame.FINGERUP: Act.POINTER_UP,
                    pygame.FINGERMOTION: Act.POINTER_MOVE}[t]
            return [Action(kind, pos=pos, touch=True)]
        return []

    def _key(self, event) -> list[Action]:
        import pygame

        k = event.key
        mods = event.mod
        if k == pygame.K_F11 or (k in (pygame.K_RETURN, pygame.K_KP_ENTER) and mods & pygame.KMOD_ALT):
            return [Action(Act.FULLSCREEN)]
        if k in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return [Action(Act.CONFIRM)]
        if k == pygame.K_ESCAPE:
            return [Action(Act.BACK)]
        if k == pygame.K_TAB:
            return [Action(Act.FOCUS_PREV if mods & pygame.KMOD_SHIFT else Act.FOCUS_NEXT)]
        if k == pygame.K_UP:
            return [Action(Act.UP)]
        if k == pygame.K_DOWN:
            return [Action(Act.DOWN)]
        if k in (pygame.K_LEFT, pygame.K_RIGHT):
            forward = (k == pygame.K_RIGHT) != self.rtl
            return [Action(Act.FORWARD if forward else Act.BACKWARD)]
        if k == pygame.K_F2:
            return [Action(Act.READ_ALOUD)]
        if self.text_mode:
            if k == pygame.K_BACKSPACE:
                return [Action(Act.ERASE)]
            return []  # characters arrive as TEXTINPUT
        if k == pygame.K_SPACE:
            return [Action(Act.CONFIRM)]
        if k == pygame.K_BACKSPACE:
            return [Action(Act.BACK)]
        if pygame.K_1 <= k <= pygame.K_9:
            return [Action(Act.CHOOSE, index=k - pygame.K_1)]
        if pygame.K_KP1 <= k <= pygame.K_KP9:
            return [Action(Act.CHOOSE, index=k - pygame.K_KP1)]
        if k == pygame.K_r:
            return [Action(Act.READ_ALOUD)]
        return []


class PressGuard:
    """One physical press acts on one screen.

    A double-click, or a press that began before a new screen appeared, must not act on that new
    screen: the second click of a double-click on "Ages 9-12" would otherwise open a topic, and on
    "Start the quick check" it answered question 1 of a knowledge check. The app tells the guard
    when the top screen changes; the guard then drops

    * a pointer press read less than ``GUARD_S`` after the change (or in the same batch of events),
    * a pointer release whose press began on an earlier screen,
    * a key auto-repeat of a press made on an earlier screen (holding Enter does not skip screens).

    Actions from tests and the scripted player carry no time stamp (``at is None``): only the
    press/release pairing applies to them. No pygame here.
    """

    GUARD_S = 0.3
    ACTING_KEYS = (Act.CONFIRM, Act.CHOOSE, Act.BACK)

    def __init__(self) -> None:
        self.screen = 0  # counts screen changes
        self.changed_at = float("-inf")
        self._down_screen: int | None = None
        self._key_screen = 0

    def screen_changed(self, now: float) -> None:
        self.screen += 1
        self.changed_at = now

    def allow(self, action: Action) -> bool:
        k = action.kind
        if k == Act.POINTER_DOWN:
            if action.at is not None and action.at - self.changed_at < self.GUARD_S:
                self._down_screen = None
                return False
            self._down_screen = self.screen
            return True
        if k == Act.POINTER_UP:
            ok = self._down_screen == self.screen
            self._down_screen = None
            return ok
        if k in self.ACTING_KEYS:
            if action.repeat:
                return self._key_screen == self.screen
            self._key_screen = self.screen
        return True
