"""Shuffled answer options, stable within one attempt.

Every play of a level (an "attempt") gets a random seed. The order of a question's options or a
story step's choices is derived from that seed and the item's id only, so the same attempt always
shows the same order (redrawing, read-aloud, going back to a story step, screenshots), while a new
attempt shows a new one. The seed is saved with every answer, so a report can rebuild what a child
saw (:func:`shown_order`).

What keeps its order: true/false (True always comes first), the lines of a red-flag message (a
chat must read in order), sort groups (the numbers on them are a legend), and any question or
story step marked ``order: fixed`` in its level file (for "all of the above" style options).
No pygame here.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import replace
from typing import TypeVar

from ..content.model import Node, Question

T = TypeVar("T")

SEED_BITS = 31  # fits an SQLite INTEGER and a JSON number everywhere


def new_seed() -> int:
    """A fresh seed for a new attempt."""
    return secrets.randbits(SEED_BITS)


def seed_for(pinned: int | None) -> int:
    """The seed of a new attempt: ``pinned`` if given (screenshots, tests), else a fresh one."""
    return pinned if pinned is not None else new_seed()


def permutation(seed: int, key: str, n: int) -> list[int]:
    """A permutation of ``range(n)`` that depends only on ``seed`` and ``key``.

    ``random.Random`` seeded with a string is the same on every platform and Python version
    (version 2 seeding hashes the text with SHA-512), unlike ``hash()``.
    """
    order = list(range(n))
    random.Random(f"{seed}:{key}").shuffle(order)
    return order


def shuffled(items: tuple[T, ...] | list[T], seed: int, key: str) -> tuple[T, ...]:
    return tuple(items[i] for i in permutation(seed, key, len(items)))


def arrange_question(q: Question, seed: int | None) -> Question:
    """The question as shown in the attempt with ``seed`` (None: as written)."""
    if seed is None or q.fixed_order:
        return q
    if q.type in ("single", "multi"):
        return replace(q, choices=shuffled(q.choices, seed, q.id))
    if q.type == "sort":
        return replace(q, items=shuffled(q.items, seed, q.id))
    return q  # true_false, red_flags: their order is part of the question


def arrange_node(node: Node, seed: int | None) -> Node:
    """A story step as shown in the attempt with ``seed`` (None: as written)."""
    if seed is None or node.fixed_order or not node.choices:
        return node
    return replace(node, choices=shuffled(node.choices, seed, node.id))


def shown_order(q: Question, seed: int | None) -> list[str]:
    """The ids of a question's options in the order the child saw them (for reports)."""
    arranged = arrange_question(q, seed)
    if q.type in ("single", "multi"):
        return [c.id for c in arranged.choices]
    if q.type == "sort":
        return [it.id for it in arranged.items]
    if q.type == "red_flags" and q.message is not None:
        return [ln.id for ln in q.message.lines]
    if q.type == "true_false":
        return ["true", "false"]
    return []
