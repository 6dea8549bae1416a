"""The bidi levels pass Unicode's own conformance files, every line of both.

The files (Unicode 15.0, from Debian's ``unicode-data``) are vendored xz-compressed in
tests/data/unicode with Unicode's licence; a system copy in /usr/share/unicode is used when
present. Rules L1 and L2 are applied as the files assume: the whole input is one line.
"""

from __future__ import annotations

import functools
import lzma
import os
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from sango_game.text.bidi_levels import bidi_class, resolve_levels

DATA = Path(__file__).parent / "data" / "unicode"
SYSTEM = Path("/usr/share/unicode")
_L1_RESET = {"WS", "FSI", "LRI", "RLI", "PDI"}


def _lines(name: str) -> Iterator[str]:
    vendored = DATA / f"{name}.xz"
    if vendored.is_file():  # read whole and split: decoding line by line took a second of the test
        yield from lzma.decompress(vendored.read_bytes()).decode("utf-8").splitlines()
    elif (SYSTEM / name).is_file():
        yield from (SYSTEM / name).read_text(encoding="utf-8").splitlines()
    else:
        pytest.skip(f"{name} is neither vendored nor installed")


def _line_levels(classes: list[str], levels: list[int | None], para: int) -> list[int | None]:
    """Rule L1 on the whole input (one line)."""
    out = list(levels)
    reset = True
    for i in range(len(classes) - 1, -1, -1):
        t = classes[i]
        if t in ("S", "B"):
            out[i] = para
            reset = True
        elif out[i] is None:
            continue
        elif reset and t in _L1_RESET:
            out[i] = para
        else:
            reset = False
    return out


def _order(levels: list[int | None]) -> list[int]:
    """Rule L2 per character; removed characters are left out, as the files do."""
    return _order_of(tuple(levels))


@functools.cache  # the files repeat the same level patterns thousands of times
def _order_of(levels: tuple[int | None, ...]) -> list[int]:
    idx = [i for i, lv in enumerate(levels) if lv is not None]
    lv = [levels[i] for i in idx]
    if not lv:
        return []
    order = list(range(len(idx)))
    odd = [v for v in lv if v % 2]
    if odd:
        for level in range(max(lv), min(odd) - 1, -1):
            i = 0
            while i < len(order):
                if lv[order[i]] >= level:
                    j = i
                    while j < len(order) and lv[order[j]] >= level:
                        j += 1
                    order[i:j] = reversed(order[i:j])
                    i = j
                else:
                    i += 1
    return [idx[k] for k in order]


def _parse(levels: str) -> list[int | None]:
    return [None if v == "x" else int(v) for v in levels.split()]


def _fmt(levels: list[int | None]) -> str:
    return " ".join("x" if lv is None else str(lv) for lv in levels)


@pytest.mark.heavy(4)
def test_bidi_character_test_every_line():
    if unicodedata.unidata_version < "14":
        pytest.skip("Python's Unicode database is too old for the test file")
    passed = 0
    failures: list[str] = []
    for lineno, line in enumerate(_lines("BidiCharacterTest.txt"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cps, direction, para, want_levels, want_order = line.rstrip("\n").split(";")
        text = "".join(chr(int(c, 16)) for c in cps.split())
        classes = [bidi_class(c) for c in text]
        base = {"0": 0, "1": 1, "2": None}[direction]
        levels = resolve_levels(classes, base, text)
        got_para = base if base is not None else _auto_para(classes)
        levels = _line_levels(classes, levels, got_para)
        order = " ".join(map(str, _order(levels)))
        if got_para == int(para) and levels == _parse(want_levels) and order == want_order.strip():
            passed += 1
        else:
            failures.append(f"line {lineno}: {cps} dir={direction}: got {_fmt(levels)} / {order}, "
                            f"want {want_levels} / {want_order}")
    assert passed > 90_000, f"only {passed} lines read"
    assert not failures, f"{len(failures)} of {passed + len(failures)} lines fail:\n" + "\n".join(failures[:10])


def _auto_para(classes: list[str]) -> int:
    from sango_game.text.bidi_levels import first_strong_level

    return first_strong_level(classes) or 0


# BidiTest.txt holds about 490,000 cases: all of them take ~30 s of CPU in pure Python, so the
# default run checks every 7th data line (~70,000 cases, every @Levels group is still visited)
# and SANGO_FULL_UNICODE_TESTS=1 checks every case (done for each change of bidi_levels.py).
FULL = os.environ.get("SANGO_FULL_UNICODE_TESTS") == "1"
STRIDE = 1 if FULL else 7


@pytest.mark.heavy(4)
def test_bidi_test_cases():
    want_levels: list[int | None] = []
    want_order: list[int] = []
    cases = data_lines = 0
    failures: list[str] = []
    for lineno, line in enumerate(_lines("BidiTest.txt"), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@Levels:"):
            want_levels = _parse(line[len("@Levels:"):])
            continue
        if line.startswith("@Reorder:"):
            want_order = [int(v) for v in line[len("@Reorder:"):].split()]
            continue
        if line.startswith("@"):
            continue
        data_lines += 1
        if data_lines % STRIDE:
            continue
        seq, bits = line.split(";")
        classes = seq.split()
        for bit, base in ((1, None), (2, 0), (4, 1)):
            if not int(bits, 16) & bit:
                continue
            cases += 1
            para = base if base is not None else _auto_para(classes)
            levels = _line_levels(classes, resolve_levels(classes, base), para)
            if levels != want_levels or _order(levels) != want_order:
                failures.append(f"line {lineno}: {seq} base={base}: got {_fmt(levels)} / {_order(levels)}, "
                                f"want {_fmt(want_levels)} / {want_order}")
    assert cases > 400_000 // STRIDE, f"only {cases} cases read"
    assert not failures, f"{len(failures)} of {cases} cases fail:\n" + "\n".join(failures[:10])
