"""Are the answers guessable without reading? Option-length bias and story stakes, per level.

Pure functions over loaded levels (no pygame, no I/O); ``sango-game check`` warns with them and
``sango-game check --stats`` prints them.

* Length bias: in a single-choice question the right answer should not stand out as the longest
  option. Across the curriculum it may be the unique longest in at most a third of questions (by
  chance alone it would be about 1 in 3 with three options); a level where it is the unique longest
  in most of its questions gets a warning.
* Position: options are shuffled when played, but the written position is reported too (an author
  who always writes the right answer second is still worth telling).
* Story stakes: a non-good choice that leads straight to the same next step as a good choice of
  the same step "merges back" and has no consequence of its own; at most 15% should.
* Recovery: a risky choice must not lead straight back onto the good path (the steps reached from
  the start by good choices alone) or to a good ending. It leads to a step of its own, where the
  character puts things right and learns why (a recovery step), or to an ending that is not good.
  So a risky path can still end well, but only through a step that teaches.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .graph import reachable
from .model import Issue, Level

MAX_LONGEST_SHARE = 1 / 3  # curriculum target for "right answer is the unique longest"
MAX_MERGE_SHARE = 0.15  # curriculum target for non-good story choices merging straight back
LEVEL_WARN_MIN = 3  # a level needs this many single-choice questions before it is judged


def right_is_unique_longest(q) -> bool:
    lengths = [(len(c.text.source), c.correct) for c in q.choices]
    right = max(n for n, ok in lengths if ok)
    return all(n < right for n, ok in lengths if not ok)


@dataclass(frozen=True)
class QuizBias:
    level: str
    singles: int
    longest: int  # right answer is the unique longest option
    positions: tuple[int, ...]  # written position (0-based) of the right answer, per single question
    last: int  # right answer written last


@dataclass(frozen=True)
class StoryStakes:
    level: str
    steps: int
    non_good: int
    merging: int  # non-good choices whose next step is also where a good choice of the step leads
    endings: int
    good_first: int  # steps whose first written choice is a good one
    unrecovered: tuple[str, ...] = ()  # "step.choice" of risky choices that skip a recovery step


def good_path(level: Level) -> set[str]:
    """Ids of the steps reached from the start by good choices alone."""
    if level.start is None or level.start not in {n.id for n in level.nodes}:
        return set()
    endings = {n.id for n in level.endings}
    return reachable(level.start, level.nodes, follow=lambda c: c.quality == "good") - endings


def unrecovered_risks(level: Level) -> list[str]:
    """Risky choices that lead straight back onto the good path or to a good ending."""
    main = good_path(level)
    good_endings = {n.id for n in level.nodes if n.ending == "good"}
    return [f"{n.id}.{c.id}" for n in level.nodes if not n.is_ending for c in n.choices
            if c.quality == "risky" and (c.next in main or c.next in good_endings)]


def quiz_bias(level: Level) -> QuizBias:
    singles = [q for q in level.questions if q.type == "single" and any(c.correct for c in q.choices)]
    positions = tuple(next(i for i, c in enumerate(q.choices) if c.correct) for q in singles)
    return QuizBias(level.id, len(singles), sum(right_is_unique_longest(q) for q in singles), positions,
                    sum(p == len(q.choices) - 1 for p, q in zip(positions, singles, strict=True)))


def story_stakes(level: Level) -> StoryStakes:
    steps = [n for n in level.nodes if not n.is_ending]
    non_good = merging = good_first = 0
    for n in steps:
        good_next = {c.next for c in n.choices if c.quality == "good"}
        for c in n.choices:
            if c.quality != "good":
                non_good += 1
                merging += c.next in good_next
        good_first += bool(n.choices) and n.choices[0].quality == "good"
    return StoryStakes(level.id, len(steps), non_good, merging, len(level.endings), good_first,
                       tuple(unrecovered_risks(level)))


def level_warnings(level: Level) -> list[Issue]:
    """A warning when a level's right answers are systematically the longest option, or when a
    story's risky choice skips the recovery step."""
    if level.kind == "scenario":
        return [Issue(str(level.path or level.id), None,
                      f"risky choice '{ref}' leads straight back to the good path, so a risky choice costs nothing",
                      "send it to a step of its own where the character puts things right (a recovery step), "
                      "or to an ending that is not good", severity="warning")
                for ref in unrecovered_risks(level)]
    if level.kind != "quiz":
        return []
    b = quiz_bias(level)
    if b.singles >= LEVEL_WARN_MIN and b.longest * 2 > b.singles:
        return [Issue(str(level.path or level.id), None,
                      f"the right answer is the longest option in {b.longest} of {b.singles} single-choice questions, "
                      "so it can be guessed without reading",
                      "shorten right answers or give wrong answers real, plausible detail (a common misconception)",
                      severity="warning")]
    return []


@dataclass(frozen=True)
class Totals:
    singles: int
    longest: int
    last: int
    first: int
    non_good: int
    merging: int
    steps: int
    good_first: int
    stories: int
    endings: dict[int, int]  # number of endings -> stories with that many
    unrecovered: int = 0

    @property
    def longest_share(self) -> float:
        return self.longest / self.singles if self.singles else 0.0

    @property
    def merge_share(self) -> float:
        return self.merging / self.non_good if self.non_good else 0.0


def totals(levels: Iterable[Level]) -> tuple[Totals, list[QuizBias], list[StoryStakes]]:
    quizzes, stories = [], []
    for lv in levels:
        if lv.kind == "quiz":
            quizzes.append(quiz_bias(lv))
        elif lv.kind == "scenario":  # practice levels have no story graph
            stories.append(story_stakes(lv))
    endings: dict[int, int] = {}
    for s in stories:
        endings[s.endings] = endings.get(s.endings, 0) + 1
    t = Totals(sum(b.singles for b in quizzes), sum(b.longest for b in quizzes), sum(b.last for b in quizzes),
               sum(p == 0 for b in quizzes for p in b.positions), sum(s.non_good for s in stories),
               sum(s.merging for s in stories), sum(s.steps for s in stories), sum(s.good_first for s in stories),
               len(stories), dict(sorted(endings.items())), sum(len(s.unrecovered) for s in stories))
    return t, quizzes, stories


def stats_report(levels: Iterable[Level], per_level: bool = True) -> str:
    """The text ``sango-game check --stats`` prints."""
    t, quizzes, stories = totals(levels)
    out = ["Option balance (single-choice questions):",
           f"  right answer is the unique longest option: {t.longest} of {t.singles} ({t.longest_share:.0%}; "
           f"target at most {MAX_LONGEST_SHARE:.0%})",
           f"  right answer written first: {t.first} of {t.singles}; written last: {t.last} of {t.singles} "
           "(options are shuffled in play)",
           "Story stakes:",
           f"  non-good choices merging straight back: {t.merging} of {t.non_good} ({t.merge_share:.0%}; "
           f"target at most {MAX_MERGE_SHARE:.0%})",
           f"  risky choices leading straight back to the good path (no recovery step): {t.unrecovered} (target 0)",
           f"  steps whose first written choice is good: {t.good_first} of {t.steps} (choices are shuffled in play)",
           "  endings per story: " + ", ".join(f"{k} endings: {v} stories" for k, v in t.endings.items())]
    if per_level:
        out.append("Per quiz (unique longest right answers / single-choice questions):")
        out += [f"  {b.level}: {b.longest}/{b.singles}" for b in quizzes if b.singles]
        out.append("Per story (merging back / non-good choices, endings, risky choices without recovery):")
        out += [f"  {s.level}: {s.merging}/{s.non_good}, {s.endings} endings, {len(s.unrecovered)} without recovery"
                for s in stories]
    return "\n".join(out)
