"""Fair knowledge checks before and after a lab day: parallel items, never the same item twice.

The item bank of a topic (per age band) is the questions of its quiz levels tagged in the level
file with ``check: pre`` or ``check: post``: pairs that test the same skill with different
wording and situations. A child answers the "pre" items before the day and the "post" items
after it, so the "after" score cannot come from remembering the "before" questions.

A level without any tag (a teacher's own level, say) still gives a fair check: its questions are
drawn alternately into the two phases (1st, 3rd... before; 2nd, 4th... after).
No pygame here; the lab screens only show what this module picks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..content.model import Level, Question

PHASES = ("pre", "post")


@dataclass(frozen=True)
class CheckItem:
    level: str
    question: str
    phase: str  # "pre" | "post"
    topic: str


def level_check_items(level: Level) -> tuple[list[Question], list[Question]]:
    """(pre, post) questions of one quiz level."""
    if level.kind != "quiz":
        return [], []
    tagged = [q for q in level.questions if q.check in PHASES]
    if tagged:
        return [q for q in tagged if q.check == "pre"], [q for q in tagged if q.check == "post"]
    qs = list(level.questions)
    return qs[0::2], qs[1::2]


def topic_bank(levels: Iterable[Level]) -> dict[str, tuple[list[CheckItem], list[CheckItem]]]:
    """The item bank per topic of the given levels: (pre items, post items), in level order."""
    bank: dict[str, tuple[list[CheckItem], list[CheckItem]]] = {}
    for lv in levels:
        pre, post = level_check_items(lv)
        if not pre and not post:
            continue
        slot = bank.setdefault(lv.topic, ([], []))
        slot[0].extend(CheckItem(lv.id, q.id, "pre", lv.topic) for q in pre)
        slot[1].extend(CheckItem(lv.id, q.id, "post", lv.topic) for q in post)
    return bank


def pick_check_items(levels: Sequence[Level], count: int) -> tuple[list[CheckItem], list[CheckItem]]:
    """Up to ``count`` items for each phase, the same number from each topic before and after
    (parallel items), spread over the topics in turn: the first pair of every topic, then the
    second pair of each, and so on. The two lists never share a question."""
    bank = topic_bank(levels)
    pairs = {t: min(len(pre), len(post)) for t, (pre, post) in bank.items()}
    pre_out: list[CheckItem] = []
    post_out: list[CheckItem] = []
    depth = 0
    while len(pre_out) < count and any(depth < n for n in pairs.values()):
        for t, (pre, post) in bank.items():
            if depth < pairs[t] and len(pre_out) < count:
                pre_out.append(pre[depth])
                post_out.append(post[depth])
        depth += 1
    return pre_out, post_out


def bank_counts(levels: Iterable[Level]) -> dict[tuple[str, str], tuple[int, int]]:
    """(band, topic) -> (pre items, post items): what ``check --stats`` and the tests look at."""
    out: dict[tuple[str, str], tuple[int, int]] = {}
    by_band: dict[str, list[Level]] = {}
    for lv in levels:
        by_band.setdefault(lv.band, []).append(lv)
    for band, lvs in by_band.items():
        for topic, (pre, post) in topic_bank(lvs).items():
            out[(band, topic)] = (len(pre), len(post))
    return out
