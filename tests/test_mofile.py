"""mofile.MoCatalog reads every catalog into exactly what gettext.GNUTranslations reads, and answers alike."""

from __future__ import annotations

import gettext
import io
import struct

import pytest

from sango_game import i18n
from sango_game.languages import TABLE
from sango_game.mofile import MoCatalog


@pytest.mark.parametrize("part", ["ui", "levels"])
@pytest.mark.parametrize("code", [lang.code for lang in TABLE if lang.code != "en"])
def test_same_messages_and_answers_as_gettext(code, part):
    # The compiled file the game reads (conftest compiles the catalogs before the tests start; compiling
    # here again would parse each .po for 0.3 s), or compiled now where it is missing (a read-only checkout).
    po = i18n.po_path(code)
    mo = po.with_name(i18n.MO_NAMES[part])
    data = mo.read_bytes() if mo.exists() else i18n.compile_po_bytes(po, part)
    ref, ours = gettext.GNUTranslations(io.BytesIO(data)), MoCatalog(data)
    assert ours._catalog == ref._catalog and ours.info() == ref.info() and ours.charset() == ref.charset()
    assert [ours.plural(n) for n in range(230)] == [ref.plural(n) for n in range(230)]
    for key in ref._catalog:
        if isinstance(key, tuple):
            for n in (0, 1, 2, 3, 7, 11, 21, 102, 1000000):
                assert ours.ngettext(key[0], "other", n) == ref.ngettext(key[0], "other", n)
            assert ours.gettext(key[0]) == ref.gettext(key[0])
        elif "\x04" in key:
            ctx, msg = key.split("\x04", 1)
            assert ours.pgettext(ctx, msg) == ref.pgettext(ctx, msg)
        else:
            assert ours.gettext(key) == ref.gettext(key)
    missing = "Not in any catalog"
    assert ours.gettext(missing) is missing and ours.pgettext("x|y", missing) is missing
    assert ours.ngettext(missing, "many", 1) == missing and ours.ngettext(missing, "many", 5) == "many"


def _mo(header: str, entries: dict[str, str], big_endian: bool = False) -> bytes:
    """A tiny .mo file (the layout GNU msgfmt writes), entries sorted like msgfmt's."""
    items = sorted({"": header, **entries}.items())
    ids = b"".join(k.encode() + b"\0" for k, _ in items)
    strs = b"".join(v.encode() + b"\0" for _, v in items)
    order = ">" if big_endian else "<"
    start = 7 * 4 + 16 * len(items)
    offsets, o = [], 0
    for k, _ in items:
        offsets += [len(k.encode()), start + o]
        o += len(k.encode()) + 1
    toffsets, t = [], 0
    for _, v in items:
        toffsets += [len(v.encode()), start + len(ids) + t]
        t += len(v.encode()) + 1
    head = struct.pack(order + "7I", 0x950412DE, 0, len(items), 28, 28 + 8 * len(items), 0, 0)
    return head + struct.pack(f"{order}{2 * len(items)}I", *offsets) + struct.pack(f"{order}{2 * len(items)}I", *toffsets) \
        + ids + strs


HEADER = "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n > 1);\n"


@pytest.mark.parametrize("big_endian", [False, True])
def test_a_small_file_either_byte_order_and_a_rule_not_in_the_table(big_endian):
    data = _mo(HEADER, {"Play": "Jouer", "one\x00many": "un\x00beaucoup", "ctx\x04Quit": "Quitter"}, big_endian)
    ref, ours = gettext.GNUTranslations(io.BytesIO(data)), MoCatalog(data)
    assert ours._catalog == ref._catalog
    assert ours._plural is not None  # "(n > 1)" is no language's rule here: compiled at once, as gettext does
    assert [ours.ngettext("one", "many", n) for n in (0, 1, 2)] == [ref.ngettext("one", "many", n) for n in (0, 1, 2)]
    assert ours.pgettext("ctx", "Quit") == "Quitter" and ours.gettext("one") == ref.gettext("one") == "un"


@pytest.mark.parametrize("data", [b"", b"\x00" * 28, _mo(HEADER, {"a": "b"})[:40],
                                  _mo("Plural-Forms: nplurals=2; plural=(n >>>> 1);\n", {"a": "b"})])
def test_a_damaged_file_fails_as_with_gettext(data):
    with pytest.raises(Exception) as ref:
        gettext.GNUTranslations(io.BytesIO(data))
    with pytest.raises(Exception) as ours:
        MoCatalog(data)
    assert isinstance(ours.value, (OSError, ValueError, struct.error)) and type(ref.value) in (OSError, ValueError, struct.error)
