"""Pure graph logic for scenario levels (no pygame, no I/O)."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol


class _NodeLike(Protocol):
    # read-only, so frozen dataclasses match
    @property
    def id(self) -> str: ...
    @property
    def choices(self) -> Sequence: ...
    @property
    def ending(self) -> str | None: ...


def _edges(nodes: Iterable[_NodeLike], follow: Callable[[Any], bool] | None = None) -> dict[str, list[str]]:
    return {n.id: [c.next for c in n.choices if follow is None or follow(c)] for n in nodes}


def reachable(start: str, nodes: Iterable[_NodeLike], follow: Callable[[Any], bool] | None = None) -> set[str]:
    """Ids of the nodes reached from ``start`` (itself included), taking only the choices ``follow``
    accepts (all of them by default)."""
    edges = _edges(nodes, follow)
    seen = {start}
    todo = deque([start])
    while todo:
        for nxt in edges.get(todo.popleft(), ()):
            if nxt not in seen and nxt in edges:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def unreachable_nodes(start: str, nodes: Sequence[_NodeLike]) -> list[str]:
    seen = reachable(start, nodes)
    return [n.id for n in nodes if n.id not in seen]


def dead_end_nodes(nodes: Sequence[_NodeLike]) -> list[str]:
    """Nodes from which no ending can be reached (dead ends and closed loops)."""
    back: dict[str, list[str]] = {n.id: [] for n in nodes}
    for n in nodes:
        for c in n.choices:
            if c.next in back:
                back[c.next].append(n.id)
    good = {n.id for n in nodes if n.ending is not None}
    todo = deque(good)
    while todo:
        for prev in back[todo.popleft()]:
            if prev not in good:
                good.add(prev)
                todo.append(prev)
    return [n.id for n in nodes if n.id not in good]


def paths_to_endings(start: str, nodes: Sequence[_NodeLike], limit: int = 10_000) -> dict[str, list[str]]:
    """For every reachable ending, one shortest list of choice ids that leads there from start."""
    by_id = {n.id: n for n in nodes}
    out: dict[str, list[str]] = {}
    todo: deque[tuple[str, list[str]]] = deque([(start, [])])
    seen = {start}
    while todo and limit > 0:
        limit -= 1
        nid, path = todo.popleft()
        node = by_id[nid]
        if node.ending is not None:
            out.setdefault(nid, path)
            continue
        for c in node.choices:
            if c.next not in seen:
                seen.add(c.next)
                todo.append((c.next, path + [c.id]))
    return out
