"""A scripted player that drives the real app through input actions only.

Used by the tests (finish every level, reach every scenario ending, right and wrong answers),
by the screenshot command and by the benchmarks. It presses the same keys and clicks a child
would: number keys to choose, Enter to confirm, clicks on buttons.
"""

from __future__ import annotations

from typing import Any

from .content.graph import paths_to_endings
from .content.model import Level, Question
from .core.play import correct_answer
from .input import Act, Action


class AutoplayError(AssertionError):
    pass


class ScriptedPlayer:
    def __init__(self, app, max_steps: int = 400):
        self.app = app
        self.max_steps = max_steps

    # -- primitives ------------------------------------------------------------------------------
    def press(self, *kinds: Act) -> None:
        for k in kinds:
            self.app.step([Action(k)])

    def choose(self, index: int) -> None:
        self.app.step([Action.choose(index)])

    def click(self, name: str) -> None:
        top = self.app.stack.top
        widget = top.focus.find(name) if hasattr(top, "focus") else None
        if widget is None:
            raise AutoplayError(f"no widget {name!r} on {top.name}")
        self.app.step(Action.click(widget.rect.center))

    def scene(self) -> str:
        return self.app.stack.top.name if self.app.stack.top else ""

    def expect(self, name: str) -> None:
        if self.scene() != name:
            raise AutoplayError(f"expected scene {name!r}, on {self.scene()!r}")

    # -- levels ------------------------------------------------------------------------------------
    def start_level(self, level: Level) -> None:
        """Open a level's intro directly (as the level map does) and press Start."""
        from .scenes.levelmap import LevelIntroScene

        self.app.stack.push(LevelIntroScene(self.app, level))
        self.app.step()
        self.expect("intro")
        self.press(Act.CONFIRM)  # Start has focus first
        self.expect("quiz" if level.kind == "quiz" else "scenario")

    def answer_question(self, q: Question, right: bool = True) -> None:
        scene = self.app.stack.top
        ids = scene.item_ids()
        answer: Any = correct_answer(q) if right else wrong_answer(q)
        if q.type == "single":
            self.choose(ids.index(answer))
        elif q.type == "true_false":
            self.choose(0 if answer else 1)
        elif q.type in ("multi", "red_flags"):
            for item in answer:
                self.choose(ids.index(item))
            self.click("check")
        elif q.type == "sort":
            bins = [b.id for b in q.bins]
            for it in scene.q.items:  # items are shown one at a time, in this attempt's shuffled order
                self.choose(bins.index(answer[it.id]))
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
        for q in level.questions:
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
        for ending, path in paths_to_endings(level.start, level.nodes).items():
            out[ending] = self.play_scenario(level, path)
            self.leave_results()
        return out

    def leave_results(self) -> None:
        self.expect("results")
        self.press(Act.BACK)


def wrong_answer(q: Question) -> Any:
    """A fully wrong answer (for testing kind feedback)."""
    if q.type == "single":
        return next(c.id for c in q.choices if not c.correct)
    if q.type == "true_false":
        return not q.answer
    if q.type == "multi":
        return [c.id for c in q.choices if not c.correct]
    if q.type == "red_flags":
        return [ln.id for ln in q.message.lines if not ln.flag]
    if q.type == "sort":
        bins = [b.id for b in q.bins]
        return {it.id: next(b for b in bins if b != it.bin) for it in q.items}
    raise ValueError(q.type)
