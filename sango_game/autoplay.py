"""A scripted player that drives the real app through input actions only.

Used by the tests (finish every level, reach every scenario ending, right and wrong answers),
by the screenshot command and by the benchmarks. It presses the same keys and clicks a child
would: number keys to choose, Enter to confirm, clicks on buttons.
"""

from __future__ import annotations

from typing import Any

from . import kinds
from .content.graph import paths_to_endings
from .content.model import Level, Question
from .core.play import correct_answer
from .input import Act, Action


class AutoplayError(AssertionError):
    pass


class ScriptedPlayer:
    def __init__(self, app, max_steps: int = 400, draw: bool = True):
        self.app = app
        self.max_steps = max_steps
        self.draw = draw  # False: frames are not drawn (the screen tour draws the screens it visits)

    # -- primitives ------------------------------------------------------------------------------
    def press(self, *kinds: Act) -> None:
        for k in kinds:
            self.app.step([Action(k)], draw=self.draw)

    def choose(self, index: int) -> None:
        self.app.step([Action.choose(index)], draw=self.draw)

    def click(self, name: str) -> None:
        top = self.app.stack.top
        widget = top.focus.find(name) if hasattr(top, "focus") else None
        if widget is None:
            raise AutoplayError(f"no widget {name!r} on {top.name}")
        self.app.step(Action.click(widget.rect.center), draw=self.draw)

    def scene(self) -> str:
        return self.app.stack.top.name if self.app.stack.top else ""

    def expect(self, name: str) -> None:
        if self.scene() != name:
            raise AutoplayError(f"expected scene {name!r}, on {self.scene()!r}")

    # -- levels ------------------------------------------------------------------------------------
    def start_level(self, level: Level) -> None:
        """Open a level's intro directly (as the level map does) and press Start."""
        self.app.push("intro", level)
        self.app.step()
        self.expect("intro")
        self.press(Act.CONFIRM)  # Start has focus first
        self.expect({"quiz": "quiz", "practice": "practice"}.get(level.kind, "scenario"))

    def answer_question(self, q: Question, right: bool = True) -> None:
        scene = self.app.stack.top
        ids = scene.item_ids()
        answer: Any = correct_answer(q) if right else wrong_answer(q)
        kind = kinds.get(q.type)
        # The kind says which options to choose, in order, for the question as shown in this
        # attempt (options and sort items are shuffled per attempt).
        for item in kind.script(scene.q, answer):
            self.choose(ids.index(item))
        if kind.collects:
            self.click("check")
        if scene.outcome is None:
            raise AutoplayError(f"question {q.id} was not answered")

    def finish_feedback(self) -> None:
        scene = self.app.stack.top
        start = scene.run.index
        for _ in range(50):
            if scene.run.index != start or self.app.stack.top is not scene:
                return
            self.press(Act.CONFIRM)  # "Next" has focus after an answer
        raise AutoplayError("feedback pages never ended")

    def play_quiz(self, level: Level, right: bool = True) -> Any:
        self.start_level(level)
        self.expect("quiz")
        # The level as played: due reviews added, a lab session's "after" check questions held out.
        for q in list(self.app.stack.top.level.questions):
            self.expect("quiz")
            self.answer_question(q, right)
            self.finish_feedback()
        self.expect("results")
        return self.app.stack.top

    def play_scenario(self, level: Level, choices: list[str]) -> Any:
        self.start_level(level)
        for cid in choices:
            self.expect("scenario")
            scene = self.app.stack.top
            ids = [c.id for c in scene.run.node.choices]
            self.choose(ids.index(cid))
            self.press(Act.CONFIRM)  # Continue
        scene = self.app.stack.top
        if not scene.run.finished:
            raise AutoplayError(f"{level.id}: path {choices} did not reach an ending")
        self.press(Act.CONFIRM)  # Finish
        self.expect("results")
        return self.app.stack.top

    def play_all_endings(self, level: Level) -> dict[str, Any]:
        out = {}
        assert level.start is not None, "a story level has a start node"
        for ending, path in paths_to_endings(level.start, level.nodes).items():
            out[ending] = self.play_scenario(level, path)
            self.leave_results()
        return out

    # -- practice levels: the planner of practice.script decides, the player taps the device ----------
    def _tap(self, name: str) -> None:
        self.click(name)

    def _open(self, *screen: str) -> None:
        """Walk the pretend device to ``screen`` with its own back button and icons."""
        scene = self.app.stack.top
        if scene.screen == screen:
            return
        for _ in range(4):
            if scene.screen == ("home",):
                break
            self._tap("device-back")
        if screen == ("home",):
            return
        app_name = {"chat": "messenger", "menu": "messenger", "mail": "inbox",
                                                    "post": "post"}.get(screen[0], screen[1] if len(screen) > 1 else "")
        self._tap(f"app-{app_name}")
        if screen[0] in ("chat", "mail", "post"):
            self._tap(f"{screen[0]}-{screen[1]}")

    def practice_action(self, verb: str, target: str, detail: str | None) -> None:
        """Do one planned action by tapping, as a child would."""
        scene = self.app.stack.top
        run = scene.run
        if verb == "reply":
            self._open("chat", run.p.event(target).chat)
            self._tap(f"reply-{detail}")
        elif verb in ("save", "leave"):
            self._open("chat", target)
            self._tap("options")
            self._tap(verb)
        elif verb in ("block", "mute", "report"):
            chat = next(c.id for c in run.p.chats if target in c.members and run.messages(c.id))
            self._open("chat", chat)
            self._tap("options")
            self._tap(f"{verb}-{target}")
            if verb == "report":
                self._tap(f"reason-{detail or 'other'}")
        elif verb == "tell":
            self._open("app", "messenger")
            self._tap(f"tell-{target}")
        elif verb in ("on", "off"):
            self._open("app", "settings")
            self._tap(f"switch-{target}")
        elif verb in ("sender", "peek", "open", "delete", "flag") and any(m.id == target for m in run.p.mail):
            self._open("mail", target)
            self._tap(verb)
        elif verb in ("check", "share", "skip", "flag"):
            self._open("post", target)
            self._tap(f"check-{detail}" if verb == "check" else verb)
        elif verb in ("price", "buy", "decline", "ask"):
            self._open("app", "shop")
            self._tap(f"{verb}-{target}")
        elif verb == "passphrase":
            from .practice.apps.password import SAMPLE

            self._open("app", "password")
            self.app.step([Action.type_text(SAMPLE if target == "strong" else "sango1")])
            self._tap("use-passphrase")
        elif verb in ("twostep", "codes"):
            self._open("app", "password")
            self._tap(verb)
        elif verb == "signout":
            self._open("app", "password")
            self._tap(f"signout-{target}")
        else:
            raise AutoplayError(f"no way to do {verb}({target})")

    def play_practice(self, level: Level, strategy: str = "best") -> Any:
        """Play a practice level with a strategy of :mod:`practice.script` (best, risky, idle) by
        tapping the device; time passes through ``App.step``. Ends on the results screen."""
        from .practice.script import Player

        self.start_level(level)
        scene = self.app.stack.top
        planner = Player(level, strategy)
        planner.run, planner.clock = scene.run, scene.clock  # plan on the scene's own run and clock
        for _ in range(self.max_steps):
            act = planner.next_action()
            if act is not None:
                before = len(scene.run.history)
                self.practice_action(*act)
                if len(scene.run.history) == before:
                    raise AutoplayError(f"{level.id}: tapping for {act} did nothing")
                continue
            future = [ev.at for ev in scene.run.pending if ev.at > scene.run.now()]
            if future:
                self.app.step(dt=min(future) - scene.run.now() + 0.01)
            elif scene.run.pending and scene.run.now() < 60:
                self.app.step(dt=1.0)
            else:
                break
        self._open("home")
        self._tap("done")
        self.expect("practice-debrief")
        self._tap("next")
        self._tap("finish")
        self.expect("results")
        return self.app.stack.top

    def leave_results(self) -> None:
        self.expect("results")
        self.press(Act.BACK)


def wrong_answer(q: Question) -> Any:
    """A fully wrong answer (for testing kind feedback)."""
    try:
        kind = kinds.get(q.type)
    except KeyError as exc:
        raise ValueError(str(exc)) from None
    return kind.wrong_answer(q)
