"""YAML parsing with bounds: the safe loader only, no aliases, bounded depth and node count.

A few kilobytes of YAML can describe gigabytes through aliases ("billion laughs") or make the parser
work quadratically through deep nesting, so the event stream is checked first and parsing stops at the
first event over a bound: the cost of a file is then linear in its (already size-checked) length.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .fields import Path_

# A level has a few hundred YAML nodes and a depth of about six (the largest bundled one: 430 and 6).
MAX_NODES = 20_000
MAX_DEPTH = 24
# Python refuses to turn longer digit strings into int (sys.int_info.default_max_str_digits is 4300).
MAX_NUMBER_DIGITS = 100

_NUMBER_RE = re.compile(r"^[-+]?(0[box])?[0-9a-fA-F_:.]+$")

# libyaml's C parser when PyYAML was built with it (the PyPI wheels are): same safe constructor, ~5x faster.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlProblem(Exception):
    def __init__(self, line: int | None, message: str, fix: str):
        super().__init__(message)
        self.line = line
        self.message = message
        self.fix = fix


class LineMap(dict):
    """Key path -> 1-based line, plus the source spelling of scalars YAML turned into true/false."""

    def __init__(self) -> None:
        super().__init__()
        self.raw: dict[Path_, str] = {}


def _line_of_position(text: str, exc: yaml.YAMLError) -> int:
    return text[: getattr(exc, "position", 0) or 0].count("\n") + 1


def _control_char_problem(text: str, exc: yaml.YAMLError) -> YamlProblem:
    return YamlProblem(_line_of_position(text, exc), f"this is not valid YAML: {getattr(exc, 'reason', exc)}",
                       "remove the invisible control character on this line (retype the line)")


def _marked_problem(text: str, exc: yaml.MarkedYAMLError) -> YamlProblem:
    problem = (exc.problem or str(exc)).strip()
    fix = "check the indentation and quoting on this line (quote text that contains ': ' or starts with a special character)"
    mark = exc.problem_mark or exc.context_mark
    # For a key without its ':' the scanner notices only on a later line; the key started at the context mark.
    if exc.context == "while scanning a simple key" and exc.context_mark is not None:
        mark = exc.context_mark
        fix = "add ':' after the key on this line (key: value)"
    line = mark.line + 1 if mark else None
    if "mapping values are not allowed" in problem and line and line > 1:
        # "title T" followed by "goal: G" reads as one text over two lines that then meets a ':'.
        previous = text.splitlines()[line - 2]
        if previous.strip() and ":" not in previous and not previous.lstrip().startswith(("-", "#")):
            line -= 1
            fix = "add ':' after the key on this line (key: value)"
    if "could not determine a constructor" in problem:
        fix = "remove the '!' tag: level files may only hold plain text, numbers, lists and mappings"
    return YamlProblem(line, f"this is not valid YAML: {problem}", fix)


def _check_events(text: str) -> None:
    """Walk the parser's events once and stop at the first thing a level never needs."""
    nodes = depth = 0
    for event in yaml.parse(text, Loader=_SafeLoader):
        line = event.start_mark.line + 1 if event.start_mark else None
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise YamlProblem(line, "this file uses a YAML anchor ('&') or alias ('*'); level files may not",
                              "write the text out in full where it is needed instead of '&name' / '*name'")
        if isinstance(event, yaml.NodeEvent):
            nodes += 1
            if nodes > MAX_NODES:
                raise YamlProblem(line, f"the file has more than {MAX_NODES} YAML values",
                                  "a level needs a few hundred at most: split it into several levels")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlProblem(line, f"the YAML is nested more than {MAX_DEPTH} levels deep",
                                  "levels only need a few levels of indentation")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.ScalarEvent) and not event.style and len(event.value) > MAX_NUMBER_DIGITS \
                and _NUMBER_RE.match(event.value):
            raise YamlProblem(line, f"a number with {len(event.value)} digits is too long",
                              "put it in quotes if it is meant as text, or use a small whole number")


def parse_yaml(text: str) -> tuple[Any, LineMap]:
    """Parse with the safe loader; return the data and a map key-path -> 1-based line.

    Raises only YamlProblem, whatever the text.
    """
    try:
        _check_events(text)
        loader = _SafeLoader(text)
    except yaml.MarkedYAMLError as exc:
        raise _marked_problem(text, exc) from None
    except yaml.YAMLError as exc:  # e.g. control characters that YAML forbids
        raise _control_char_problem(text, exc) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return None, LineMap()
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        raise _marked_problem(text, exc) from None
    except yaml.YAMLError as exc:  # reader errors (bad characters) carry a position, not a mark
        raise _control_char_problem(text, exc) from None
    except (ValueError, OverflowError) as exc:  # a value the constructor cannot build, e.g. a huge float/int
        raise YamlProblem(None, f"this is not valid YAML: a value cannot be read ({exc})",
                          "put long numbers and unusual values in quotes") from None
    finally:
        loader.dispose()
    lines = LineMap()

    def walk(n: yaml.Node, path: Path_) -> None:
        lines[path] = n.start_mark.line + 1
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                key = k.value if isinstance(k, yaml.ScalarNode) else str(k)
                walk(v, path + (key,))
                lines[path + (key,)] = k.start_mark.line + 1
        elif isinstance(n, yaml.SequenceNode):
            for i, v in enumerate(n.value):
                walk(v, path + (i,))
        elif isinstance(n, yaml.ScalarNode) and n.tag.endswith(":bool"):
            lines.raw[path] = n.value

    walk(node, ())
    return data, lines
