"""Item analysis of the knowledge check, and learning gain. Pure computation, no pygame.

For every check question, separately before and after the day:

* difficulty: the share of the answers that were right (partly right answers count with their
  partial score, so for one-answer questions this is exactly the share right);
* discrimination: the point-biserial correlation between the item's score and the pupil's score on
  the rest of the same check (the other items). A good item is answered right more often by
  pupils who do well on the rest; near zero or negative means the item measures something else
  (or is confusing) and is worth a look;
* the wrong option picked most often (distractor analysis): which misconception is common.

Gain: the normalised gain g = (post - pre) / (100 - pre) per pupil (None when the pupil scored 100%
before: there was nothing left to gain), and for the class from the class averages of the pupils
who took both checks (Hake's g), so one pupil's extreme value does not dominate.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..content.model import Question, Text

MIN_DISCRIMINATION_N = 3  # fewer pupils than this: no correlation is reported


@dataclass(frozen=True)
class ItemStat:
    phase: str  # "pre" | "post"
    key: str  # "level/question"
    level: str
    question: str
    answers: int
    difficulty: float  # share right, 0..1
    discrimination: float | None  # point-biserial against the rest of the check, -1..1
    top_wrong: str | None = None  # id of the wrong option picked most often
    top_wrong_count: int = 0
    prompt: Text | None = None
    top_wrong_text: Text | None = None


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """The correlation of two equally long lists (the point-biserial one when ``xs`` is 0/1);
    None when there are too few values or one list does not vary."""
    n = len(xs)
    if n != len(ys) or n < MIN_DISCRIMINATION_N:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    return sxy / math.sqrt(sxx * syy)


def normalised_gain(pre: float | None, post: float | None) -> float | None:
    """(post - pre) / (1 - pre) on a 0..1 scale; None without both scores or when pre is 100%."""
    if pre is None or post is None or pre >= 1.0 - 1e-9:
        return None
    return (post - pre) / (1.0 - pre)


def wrong_picks(q: Question, answer_json: str) -> list[str]:
    """The ids of the wrong options in one answer (what a distractor analysis counts)."""
    try:
        value = json.loads(answer_json)
    except (TypeError, ValueError):
        return []
    right = q.correct_ids
    if q.type == "single":
        return [str(value)] if str(value) not in right else []
    if q.type == "true_false":
        if not isinstance(value, bool):
            return []
        picked = "true" if value else "false"
        return [picked] if picked not in right else []
    if q.type in ("multi", "red_flags"):
        return [str(v) for v in value if str(v) not in right] if isinstance(value, list) else []
    if q.type == "sort" and isinstance(value, dict):
        bins = {it.id: it.bin for it in q.items}
        return [str(k) for k, v in value.items() if k in bins and bins[k] != v]
    return []


def _option_text(q: Question, option: str) -> Text | None:
    for c in q.choices:
        if c.id == option:
            return c.text
    if q.message is not None:
        for ln in q.message.lines:
            if ln.id == option:
                return ln.text
    for it in q.items:
        if it.id == option:
            return it.text
    return None


def analyse_items(checks: Iterable[tuple[str, Sequence]], phase: str, questions: dict[str, Question]) -> list[ItemStat]:
    """Item statistics of one phase. ``checks`` holds (pupil key, that pupil's CheckAnswer items);
    ``questions`` maps "level/question" to the question (unknown keys get no distractor data)."""
    per_pupil: dict[str, dict[str, tuple[float, str]]] = {}
    for pupil, items in checks:
        answers = per_pupil.setdefault(pupil, {})
        for it in items:
            answers[it.question] = (float(it.score), it.answer)
    keys: list[str] = []
    for answers in per_pupil.values():
        keys += [k for k in answers if k not in keys]
    out = []
    for key in keys:
        xs, rest = [], []
        wrong: Counter[str] = Counter()
        scores = []
        q = questions.get(key)
        for answers in per_pupil.values():
            if key not in answers:
                continue
            score, answer = answers[key]
            scores.append(score)
            others = [s for k, (s, _) in answers.items() if k != key]
            if others:
                xs.append(score)
                rest.append(sum(others) / len(others))
            if q is not None:
                wrong.update(wrong_picks(q, answer))
        level, _, question = key.partition("/")
        top = min(wrong.items(), key=lambda kv: (-kv[1], kv[0])) if wrong else None
        out.append(ItemStat(phase, key, level, question, len(scores), sum(scores) / len(scores), pearson(xs, rest),
                            top[0] if top else None, top[1] if top else 0,
                            q.prompt if q is not None else None, _option_text(q, top[0]) if q is not None and top else None))
    return out


def check_questions(session, catalog) -> dict[str, Question]:
    """"level/question" -> question for every item of the session's knowledge check."""
    out = {}
    for ref in session.check:
        lv = catalog.levels.get(ref.level)
        q = lv.question(ref.question) if lv is not None else None
        if q is not None:
            out[ref.key] = q
    return out
