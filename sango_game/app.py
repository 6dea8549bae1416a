"""The application: window, clock, scene stack and shared services.

``App.step(actions, dt)`` runs exactly one frame and is what tests drive; ``App.run()`` is the
real loop, which polls pygame events through the input module and sleeps while nothing changes
(an idle menu uses almost no CPU).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from .art import Art
from .display import MIN_SIZE, cache_budgets, clipped, open_window, update_scenes
from .i18n import Translator, detect_system_language, get_language
from .input import Act, Action, InputMapper, PressGuard
from .lazylog import LazyLogger
from .lazylog import settle as settle_logging
from .scene import Scene, SceneStack, scene_factory
from .startup import DEFAULT_SIZE
from .ui.theme import Theme
from .ui.widgets import UI

if TYPE_CHECKING:
    from .progress.models import Profile
    from .progress.player import GuestProgress
    from .progress.teacher_access import IdleLock
    from .text import TextEngine

log = LazyLogger(__name__)  # logging loads when the first record is written

# Actions that, on a scene that allows it, can only move the focus ring or a hover highlight.
FOCUS_MOVES = frozenset({Act.FOCUS_NEXT, Act.FOCUS_PREV, Act.UP, Act.DOWN, Act.FORWARD, Act.BACKWARD,
                         Act.POINTER_MOVE})


class App:
    #: Fixes how answers and choices are shuffled (the screenshots set it so that runs compare); None shuffles afresh.
    shuffle_seed: int | None = None

    def __init__(self, *, size: tuple[int, int] = DEFAULT_SIZE, language: str | None = None,
                 fullscreen: bool = False, catalog=None, store=None,
                 data_dir: Path | None = None, audio: bool = True, speech: bool = True,
                 default_language: str | None = None, title_cache: bool = False):
        """``language``: asked for on the command line; it wins over a player's saved language for
        this run. ``default_language``: the lab's choice in config.toml, used when nothing else says.
        ``title_cache``: the first frame may be the title as the last start drew it (firstframe.py);
        the game's own start sets it."""
        self.screen = open_window(size, fullscreen)
        self.size = self.screen.get_size()
        self.fullscreen = fullscreen
        self.windowed_size = size
        pygame.display.set_caption("Sango")
        pygame.key.set_repeat(400, 60)
        self._text: TextEngine | None = None  # made on first use (see the text property)
        self._text_budget: int | None = None
        self.art = Art()
        self.set_cache_budgets()
        self.theme = Theme(self.size)
        self.language_locked = language is not None
        self.tr = Translator(language or default_language or detect_system_language())
        self.input = InputMapper(self.tr.rtl)
        self.guard = PressGuard()
        self._last_input_at = float("-inf")
        self.ui = UI(self)
        self.stack = SceneStack()
        self._catalog = catalog  # loaded on first use: the title screen does not need it
        self.data_dir = data_dir
        self._store = store
        self._store_tried = store is not None
        self.store_error: str | None = None
        self.notices: list[tuple[str, dict]] = []  # (message key, params) shown once by the title
        self.profile: Profile | None = None
        self.settings: dict = {}
        self.class_session = None  # a lab session loaded on this computer (teacher mode), restored below
        self._guest: GuestProgress | None = None  # results of play without a saved profile (made on first use)
        self.unlock_all = False  # teacher option: every level open
        self.teacher_unlocked = False  # teacher area open (PIN entered)
        self.clock = time.monotonic  # for the teacher area's idle lock; tests put a fake clock here
        self.idle_lock: IdleLock | None = None  # made when the teacher area opens (progress.teacher_access.IdleLock)
        # Saving failed because the disk is full: the child is told once, then a small banner stays;
        # the teacher sees where (the data folder) in the banner while the teacher area is open.
        self.storage_full = False
        self.storage_full_where = ""
        from .audio import Sound
        from .speech import Speech

        self.sound = Sound(enabled=audio, lazy=True)  # the device opens after the first frame
        self.speech = Speech(enabled=False, engine="auto" if speech else None)
        self.running = True
        self.dirty = True  # the whole window must be drawn and flipped
        self.dirty_rects: list[pygame.Rect] = []  # or only these parts of it changed
        self.partial_draw = False  # True while a frame is drawn clipped to the parts that changed
        self.animating = False
        self.overflows: list[tuple[str, tuple, tuple]] = []
        self.frames = 0
        self.partial_frames = 0  # frames that updated only part of the window
        from . import scenes  # noqa: F401  (registers every screen by name; each loads on first use)

        self.push("title")
        self.stack.apply_pending()
        self._title_frame = None
        if title_cache:
            from .firstframe import TitleFrame

            self._title_frame = TitleFrame.for_app(self)

    # -- services ---------------------------------------------------------------------------
    @property
    def text(self) -> TextEngine:
        """The text engine, made on first use: a title kept from the last start (firstframe.py) is
        on screen before any text is measured, so that first frame does not wait for the text code."""
        if self._text is None:
            from .text import TextEngine

            self._text = TextEngine()
            if self._text_budget is not None:
                self._text.set_budget(self._text_budget)
        return self._text

    @text.setter
    def text(self, engine: TextEngine) -> None:
        self._text = engine

    @property
    def catalog(self):
        if self._catalog is None:
            from .content import load_catalog  # imported on first use: start-up stays fast

            self._catalog = load_catalog()
            from .content.packs import add_packs, pack_folders

            add_packs(self._catalog, pack_folders(self.data_dir))
            for issue in self._catalog.errors:
                log.warning("%s", issue.format())
        return self._catalog

    @property
    def store(self):
        """The progress store, opened on first use (right after the first frame at the latest)."""
        if not self._store_tried:
            self._store_tried = True
            self._open_store()
        return self._store

    @store.setter
    def store(self, value) -> None:
        self._store = value
        self._store_tried = True

    # -- navigation by scene name (scenes never import each other to move on) ------------------
    def make_scene(self, name: str, *args, **kwargs) -> Scene:
        return scene_factory(name)(self, *args, **kwargs)

    def push(self, name: str, *args, **kwargs) -> Scene:
        """Show scene ``name`` on top (the current one stays below)."""
        scene = self.make_scene(name, *args, **kwargs)
        self.stack.push(scene)
        return scene

    def go(self, name: str, *args, **kwargs) -> Scene:
        """Replace the current scene with scene ``name``."""
        scene = self.make_scene(name, *args, **kwargs)
        self.stack.replace(scene)
        return scene

    def reset_to(self, name: str, *args, **kwargs) -> Scene:
        """Leave every scene and show scene ``name`` (e.g. back to the title)."""
        scene = self.make_scene(name, *args, **kwargs)
        self.stack.clear_to(scene)
        return scene

    @property
    def player(self):
        """The current player's progress: the profile's in the store, or the guest's in memory."""
        from .progress.player import GuestProgress, StoredProgress

        if self.store is not None and self.profile is not None:
            return StoredProgress(self.store, self.profile.id)
        if self._guest is None:
            self._guest = GuestProgress()
        return self._guest

    def _open_store(self) -> None:
        try:
            from .progress import ProgressStore

            path = (self.data_dir / "progress.sqlite3") if self.data_dir else None
            self._store = ProgressStore.open(path)
            if self._store.notice is not None:
                n = self._store.notice
                self.notices.append((n.code, dict(getattr(n, "params", {}) or {})))
            self._backup_due = True  # made on the first frame with nothing to draw (or at the end, if none came)
        except Exception as exc:
            # Play still works without saving; the title shows why.
            log.error("progress store unavailable: %s", exc)
            self._store = None
            self.store_error = str(exc)
            if getattr(exc, "code", "") == "storage_full":
                self._note_storage_full(exc)
                self.notices.append(("storage_full", {}))
            else:
                self.notices.append(("store_unavailable", {"reason": str(exc)}))

    _backup_due = False

    def _start_backup(self) -> None:
        """The backup made at every start: once the game is ready for input, not before (it copies,
        verifies and syncs the whole file)."""
        self._backup_due = False
        try:
            if self._store is not None:
                self._store.backup()
        except Exception as exc:  # a full disk must not stop play
            log.warning("backup failed: %s", exc)

    def _after_first_frame(self) -> None:
        """Work the title screen does not need, done once it is on screen: open the progress store
        (and show any notice about it), restore a loaded lab session, open the audio device. The
        game's logging set-up, if it is still waiting for a first record, runs first (lazylog)."""
        settle_logging()
        _ = self.store
        self._restore_lab_session()
        self.sound.start()
        if self.stack.top is not None and self.stack.top.name == "title":
            self.sound.music("title")
        # Redraw only if the title now has something new to show: a notice or a lab session's name.
        self.dirty = self.dirty or bool(self.notices) or self.class_session is not None

    LAB_STATE_FILE = "lab-session.json"  # = classroom.state.STATE_FILE (a test keeps them equal)

    def _restore_lab_session(self) -> None:
        from .paths import data_dir

        try:
            folder = self.data_dir if self.data_dir else data_dir()
            if (folder / self.LAB_STATE_FILE).exists():  # cheap check first: the lab code loads only when needed
                from .classroom.state import restore_class_session

                restore_class_session(self)
        except Exception as exc:  # a bad config or data folder: the title already says saving is off
            log.error("lab session not restored: %s", exc)
            if not any(code == "store_unavailable" for code, _ in self.notices):
                self.notices.append(("store_unavailable", {"reason": str(exc)}))

    def set_cache_budgets(self) -> None:
        art, text = cache_budgets(self.size)
        self.art.set_budget(art)
        self._text_budget = text
        if self._text is not None:
            self._text.set_budget(text)

    def set_language(self, code: str) -> None:
        if code != self.tr.code and self._text is not None:
            self._text.forget_fonts()  # the old language's fonts close; the new one's load as they are used
        self.tr = Translator(get_language(code).code)
        self.input.rtl = self.tr.rtl
        self.relayout()

    def apply_settings(self, settings: dict) -> None:
        """Per-profile settings: text size, contrast, motion, sound, read-aloud, language."""
        self.settings = dict(settings)
        self.theme = Theme(self.size, text_size=settings.get("text_size", "normal"),
                           high_contrast=bool(settings.get("high_contrast", False)),
                           reduced_motion=bool(settings.get("reduced_motion", False)),
                           class_mode=self.theme.class_mode, band=self.theme.band)
        self.sound.configure(volume=settings.get("sfx_volume", 0.8), music_volume=settings.get("music_volume", 0.4),
                             muted=bool(settings.get("muted", False)))
        self.speech.configure(enabled=bool(settings.get("read_aloud", False)))
        lang = settings.get("language")
        if lang and lang != self.tr.code and not self.language_locked:
            self.set_language(lang)
        else:
            self.relayout()

    def save_settings(self) -> None:
        if self.store is not None and self.profile is not None:
            try:
                self.store.set_settings(self.profile.id, self.settings)
            except Exception as exc:
                self.report_storage_error(exc)

    def _note_storage_full(self, exc: Exception) -> bool:
        """Remember a full disk; True the first time (when the child should be told)."""
        first = not self.storage_full
        self.storage_full = True
        self.storage_full_where = str(getattr(exc, "params", {}).get("where", "") or "")
        self.store_error = str(exc)
        self.dirty = True
        return first

    def report_storage_error(self, exc: Exception) -> None:
        log.error("saving failed: %s", exc)
        from .scenes.dialogs import MessageDialog

        if getattr(exc, "code", "") == "storage_full":
            # Once, in a child's words; after that only the banner (a quiz would otherwise stop after every answer).
            if self._note_storage_full(exc):
                self.stack.push(MessageDialog(self, self.tr._("The computer's disk is full."),
                                              self.tr._("Your answers cannot be saved right now, but you can keep "
                                                        "playing. Please tell your teacher."), mood="worried"))
            return
        self.stack.push(MessageDialog(self, self.tr._("We could not save your progress."), str(exc), mood="worried"))

    def lock_teacher_area(self) -> None:
        """Close the teacher area and every screen of it, back to the title (the PIN is asked again)."""
        self.teacher_unlocked = False
        self.idle_lock = None
        if self.theme.class_mode:
            self.set_class_mode(False)
        top = self.stack.top
        if top is not None and top.name != "title":
            if any(scene.name == "title" for scene in self.stack):
                self.stack.pop_until(lambda scene: scene.name == "title")
            else:
                from .scenes.title import TitleScene

                self.stack.clear_to(TitleScene(self))
        self.dirty = True

    def _lock_teacher_area_if_due(self) -> None:
        """The teacher area locks on the title screen and after minutes without input (not while a
        class plays on the projector)."""
        if not self.teacher_unlocked:
            self.idle_lock = None
            return
        if self.idle_lock is None:
            from .progress.teacher_access import IdleLock  # the store is open already: no start-up cost

            self.idle_lock = IdleLock(clock=self.clock)
        top = self.stack.top
        if (top is not None and top.name == "title") or self.idle_lock.expired(class_playing=self.theme.class_mode):
            self.lock_teacher_area()

    def set_class_mode(self, on: bool) -> None:
        self.theme = Theme(self.size, self.theme.text_size, self.theme.high_contrast, self.theme.reduced_motion, class_mode=on,
                           band=self.theme.band)
        self.relayout()

    def relayout(self) -> None:
        self.theme.size = self.size
        if self._text is not None:
            self._text.clear_cache()
        for scene in self.stack:
            scene.layout()
        self.dirty = True

    def badge_ids(self) -> set[str]:
        try:
            return self.player.badge_ids()
        except Exception:
            return set()

    def note_overflow(self, text: str, box, drawn) -> None:
        self.overflows.append((text, tuple(box), tuple(drawn)))

    def toggle_fullscreen(self) -> None:
        self.fullscreen = not self.fullscreen
        try:
            if self.fullscreen:
                self.windowed_size = self.size
                self.screen = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            else:
                self.screen = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
        except pygame.error as exc:
            log.warning("fullscreen not available: %s", exc)
            self.fullscreen = False
        self.resize(self.screen.get_size())

    def resize(self, size: tuple[int, int]) -> None:
        size = (max(MIN_SIZE[0], int(size[0])), max(MIN_SIZE[1], int(size[1])))
        surface = pygame.display.get_surface()
        if surface is None or surface.get_size() != size:
            try:
                self.screen = pygame.display.set_mode(size, pygame.RESIZABLE)
            except pygame.error:  # pragma: no cover
                pass
        surface = pygame.display.get_surface()
        assert surface is not None  # the window is open
        self.screen = surface
        self.size = self.screen.get_size()
        self.set_cache_budgets()
        self.relayout()

    # -- frame ----------------------------------------------------------------------------
    def dispatch(self, action: Action) -> None:
        k = action.kind
        if self.idle_lock is not None:
            self.idle_lock.touch()
        if k == Act.QUIT:
            self.running = False
            return
        if k == Act.FULLSCREEN:
            self.toggle_fullscreen()
            return
        if k == Act.RESIZE and action.pos:
            self.resize(action.pos)
            return
        if k == Act.READ_ALOUD and self.stack.top is not None:
            text = self.stack.top.speech()
            if text:
                self.speech.say(text, self.tr.code, force=True)
            return
        top = self.stack.top
        if action.at is not None:
            self._last_input_at = action.at
        if top is None or not self.guard.allow(action):
            return
        focus = getattr(top, "focus", None)
        if k in FOCUS_MOVES and focus is not None and getattr(top, "partial_focus_updates", False):
            before = (focus.focused, focus.hover, focus.widgets)
            top.handle(action)
            if self.stack.top is top and not self.stack.has_pending and focus.widgets is before[2]:
                # Only the focus ring or a hover highlight moved: update just those widgets.
                if (focus.focused, focus.hover) != before[:2]:
                    pad = self.theme.px(14)
                    touched = {id(w): w for w in (*before[:2], focus.focused, focus.hover) if w is not None}
                    self.dirty_rects.extend(w.rect.inflate(pad, pad) for w in touched.values())
                return
            self.dirty = True
            return
        top.handle(action)
        self.dirty = True

    def step(self, actions: Iterable[Action] = (), dt: float = 1 / 60, draw: bool = True) -> bool:
        """Run one frame: apply actions, update, draw if anything changed. Returns True if drawn.
        ``draw=False`` (the screen tour, between the screens it looks at) leaves what changed to be
        drawn, whole, by the next step that draws."""
        if self.stack.apply_pending():
            self.dirty = True
            self.guard.screen_changed(time.monotonic())
        for action in actions:
            self.dispatch(action)
            if self.stack.apply_pending():
                self.dirty = True
                self._on_top_changed()
        animating, moved = update_scenes(self.stack.visible(), dt)
        self.animating = animating
        if self.stack.apply_pending():
            self.dirty = True
            self._on_top_changed()
        self._lock_teacher_area_if_due()
        if self.stack.apply_pending():
            self.dirty = True
            self._on_top_changed()
        if not self.stack.top:
            self.running = False
            return False
        if not draw:
            self.dirty = self.dirty or moved is None or bool(moved) or bool(self.dirty_rects)
            return False
        if self.dirty or moved is None:
            kept = self._first_frame_kept()
            if kept is None:
                self.draw()
            self.present(None)
            if kept is None and self._title_frame is not None and not self._title_frame.checked:
                self._title_frame.check(self)  # the first real title (already on screen): keep it for the next start
            if self.frames == 0:
                self.first_frame_at = time.time()  # wall clock, for the start-up benchmark
            self.dirty = kept is not None  # after a kept frame, the title is drawn for real next
            self.dirty_rects.clear()
            self.frames += 1
            if self.frames == 1:
                self._after_first_frame()
            return True
        rects = clipped([*self.dirty_rects, *moved], self.screen.get_rect())
        self.dirty_rects = []
        if rects:
            # Drawing is cheap; sending a full window to the display is not (a full-HD flip costs
            # about 8 ms in an X11 window). Redraw clipped to what changed, then update only that.
            clip = self.screen.get_clip()  # the whole window, or none of it for the overflow tour
            self.screen.set_clip(rects[0].unionall(rects[1:]))
            self.partial_draw = True
            try:
                self.draw()
            finally:
                self.screen.set_clip(clip)
                self.partial_draw = False
            self.present(rects)
            self.frames += 1
            self.partial_frames += 1
            return True
        if self._backup_due:
            self._start_backup()
        if self._title_frame is not None and self._title_frame.checked:
            self._title_frame.save()  # only if the title drawn differed from the kept one
            self._title_frame = None
        return False

    def _first_frame_kept(self) -> pygame.Surface | None:
        """On the first frame, the title as the last start drew it (if it was kept for this case)."""
        if self.frames != 0 or self._title_frame is None:
            return None
        kept = self._title_frame.surface(self.size)
        if kept is not None:
            self.screen.blit(kept, (0, 0))
        return kept

    def present(self, rects: list[pygame.Rect] | None) -> None:
        """Show the drawn frame: the whole window (``None``) or only ``rects`` of it."""
        if rects is None:
            pygame.display.flip()
        else:
            pygame.display.update(rects)

    def _on_top_changed(self) -> None:
        # A screen opened by an input appears no earlier than that input was read.
        self.guard.screen_changed(max(time.monotonic(), self._last_input_at))
        top = self.stack.top
        if top is not None and self.speech.enabled:
            text = top.speech()
            if text:
                self.speech.say(text, self.tr.code)

    def draw(self) -> None:
        for scene in self.stack.visible():
            scene.draw(self.screen)
        if self.teacher_unlocked:
            self._draw_teacher_marker()
        if self.storage_full:
            self._draw_storage_banner()

    def _draw_storage_banner(self) -> None:
        """A small strip at the bottom while saving is impossible; with the folder for the teacher."""
        c, px = self.theme.colors, self.theme.px
        label = self.tr._("Not saving: the disk is full")
        if self.teacher_unlocked and self.storage_full_where:
            label = self.tr.f("Not saving: the disk is full ({folder})", folder=self.storage_full_where)
        w, h = min(self.size[0] - px(40), px(900)), px(34)
        size = self.text.fit(label, self.tr.code, self.theme.small, w - px(24), h - px(4))
        surf = self.text.render(label, self.tr.code, size, c.text)
        box = pygame.Rect(0, 0, min(w, surf.get_width() + px(28)), h)
        box.midbottom = (self.size[0] // 2, self.size[1] - px(4))
        pygame.draw.rect(self.screen, c.panel, box, border_radius=px(8))
        pygame.draw.rect(self.screen, c.okay, box, px(3), border_radius=px(8))
        self.screen.blit(surf, surf.get_rect(center=box.center))

    def _draw_teacher_marker(self) -> None:
        """While the teacher area is open, a purple frame and label mark every screen."""
        c = self.theme.colors
        w = self.theme.px(6)
        pygame.draw.rect(self.screen, c.teacher, self.screen.get_rect(), w)
        label = self.tr._("Teacher mode")
        px = self.theme.px
        size = self.text.fit(label, self.tr.code, self.theme.small, px(170), px(40), bold=True)
        surf = self.text.render(label, self.tr.code, size, c.text_on_accent, bold=True)
        box = surf.get_rect().inflate(px(20), px(8))
        # In the header's end corner: the back button is on the start side, the title in the middle.
        if self.tr.rtl:
            box.topleft = (px(8), 0)
        else:
            box.topright = (self.size[0] - px(8), 0)
        pygame.draw.rect(self.screen, c.teacher, box, border_bottom_left_radius=self.theme.px(10),
                         border_bottom_right_radius=self.theme.px(10))
        self.screen.blit(surf, surf.get_rect(center=box.center))

    @property
    def top(self) -> Scene | None:
        return self.stack.top

    def screenshot(self, path: Path) -> Path:
        self.dirty = True
        self.step()
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.screen, str(path))
        return path

    # -- real loop ------------------------------------------------------------------------------
    def run(self) -> int:
        clock = pygame.time.Clock()
        while self.running:
            idle = not (self.dirty or self.dirty_rects or self.animating or self.stack.has_pending)
            # Idle: sleep until something happens (or twice a second, for timers).
            actions = self.input.poll(self.size, wait_ms=500 if idle else None)
            self.step(actions, dt=min(1.0, clock.tick(60) / 1000))
        self.shutdown()
        return 0

    def shutdown(self) -> None:
        settle_logging()
        if self._backup_due:
            self._start_backup()
        if self._title_frame is not None:
            self._title_frame.save()  # closed before an idle frame came: keep the title drawn (if it was)
        try:
            if self._store is not None:
                self._store.close()
        except Exception:  # pragma: no cover
            pass
        self.speech.stop()
        self.sound.quit()
        pygame.quit()
