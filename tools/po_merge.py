"""Git merge driver for gettext catalogs: ``python tools/po_merge.py %O %A %B``.

Two branches that both add or fix translations touch the same ``.po`` file in many places, and a
line merge then conflicts on headers and neighbouring entries. A catalog is a set of entries keyed
by (context, msgid), so this driver merges entry by entry: an entry changed on one side only takes
that side; changed on both sides, the side that has a non-empty, non-fuzzy translation wins (ours
first). Entries are written in the order of *ours*, then new ones from *theirs*. Afterwards run
``sango-game i18n update`` so the catalog follows the merged template again.

Enable it once per clone (not needed for CI, which never merges)::

    git config merge.po.driver "python tools/po_merge.py %O %A %B"
    # .gitattributes has:  *.po merge=po   *.pot merge=po
"""

from __future__ import annotations

import io
import sys
from pathlib import Path


def _read(path: str):
    from babel.messages.pofile import read_po

    data = Path(path).read_bytes()
    return read_po(io.BytesIO(data), abort_invalid=False) if data.strip() else None


def _key(msg):
    return (msg.context, msg.id if isinstance(msg.id, str) else tuple(msg.id))


def _sig(msg):
    return (msg.string, tuple(sorted(msg.flags)), tuple(msg.auto_comments), tuple(msg.locations))


def _done(msg) -> bool:
    s = msg.string
    filled = all(s) if isinstance(s, (tuple, list)) else bool(s)
    return filled and "fuzzy" not in msg.flags


def merge(base_path: str, ours_path: str, theirs_path: str) -> int:
    from babel.messages.pofile import write_po

    base, ours, theirs = _read(base_path), _read(ours_path), _read(theirs_path)
    if ours is None or theirs is None:
        return 1
    base_map = {_key(m): m for m in base} if base is not None else {}
    their_map = {_key(m): m for m in theirs if m.id}
    ours_keys = set()
    for msg in list(ours):
        if not msg.id:
            continue
        k = _key(msg)
        ours_keys.add(k)
        other = their_map.get(k)
        if other is None:
            continue
        b = base_map.get(k)
        ours_changed = b is None or _sig(b) != _sig(msg)
        theirs_changed = b is None or _sig(b) != _sig(other)
        take_theirs = (theirs_changed and not ours_changed) or (theirs_changed and not _done(msg) and _done(other))
        if take_theirs:
            msg.string = other.string
            msg.flags = set(other.flags)
            msg.auto_comments = list(other.auto_comments)
            msg.locations = list(other.locations)
    for k, msg in their_map.items():
        if k not in ours_keys and not (k in base_map and _sig(base_map[k]) == _sig(msg)):
            # new on their side (or changed there while ours deleted it: keep it, update prunes)
            ours[msg.id] = msg
    for msg in ours:  # Babel re-adds this flag to any text with "%" (see i18n_tools._no_percent_format)
        msg.flags.discard("python-format")
    buf = io.BytesIO()
    write_po(buf, ours, width=100, sort_output=False, include_previous=True, include_lineno=False)
    Path(ours_path).write_bytes(buf.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(merge(*sys.argv[1:4]))
