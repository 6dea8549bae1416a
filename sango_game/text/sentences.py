"""Joining sentences and quoting items, per language, in one place.

Chinese (and Japanese-style full-width) punctuation carries its own spacing, so sentences join
with no space and never get a space before a quote or after a full stop. Other languages join
with one space. A quoted item drops its own final full stop, so "anything.": does not pile up.
"""

from __future__ import annotations

NO_SPACE_LANGS = {"zh_Hans"}
_END_MARKS = ".!?。！？؟…"
_CLOSERS = "”»’」\""
_FULL_WIDTH = "。！？，、；：（）《》「」"  # curly quotes are shared with Latin text: not here


def join_sentences(parts: list[str] | tuple[str, ...], lang: str) -> str:
    """Join non-empty ``parts`` into one text with the spacing ``lang`` uses between sentences."""
    out = ""
    for part in parts:
        part = (part or "").strip()
        if not part:
            continue
        if not out:
            out = part
        elif lang in NO_SPACE_LANGS or out[-1] in _FULL_WIDTH or part[0] in _FULL_WIDTH:
            out += part
        else:
            out += " " + part
    return out


def strip_end(item: str) -> str:
    """``item`` without its final full stop (a quoted item is followed by its own punctuation)."""
    item = (item or "").strip()
    while item and item[-1] in _END_MARKS and not item.endswith(("...", "…")):
        item = item[:-1].rstrip()
    # A quotation that closes the item: its inner full stop goes too ("Fix it now."» -> "Fix it now"»).
    if len(item) > 2 and item[-1] in _CLOSERS and item[-2] in ".。؟?!！？" and not item[:-1].endswith(("...", "…")):
        item = item[:-2].rstrip() + item[-1]
    return item
