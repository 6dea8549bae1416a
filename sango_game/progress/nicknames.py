"""Checking nicknames and avatar ids. Pure functions, no I/O.

A nickname may use any script (Arabic, Chinese, Cyrillic, emoji...). It is stored in Unicode
NFC form, without leading or trailing white space, and must be 1-20 characters long. Refused:
control characters, line/paragraph separators, lone surrogates, non-characters, the bidi
embedding/override/isolate controls (they can scramble how other text is shown), and names made
only of invisible characters.
"""

from __future__ import annotations

import re
import unicodedata

from .errors import ProfileError

MAX_NICKNAME = 20
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_VISIBLE_CATEGORIES = ("L", "N", "S", "P", "M")
AVATAR_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")


def _is_noncharacter(ch: str) -> bool:
    cp = ord(ch)
    return 0xFDD0 <= cp <= 0xFDEF or (cp & 0xFFFE) == 0xFFFE


def clean_nickname(nickname: object) -> str:
    """The nickname as it will be stored, or ProfileError with a code saying what is wrong."""
    if not isinstance(nickname, str):
        raise ProfileError("nickname_invalid", f"a nickname is text, not {type(nickname).__name__}")
    for ch in nickname:
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cs", "Zl", "Zp") or ch in _BIDI_CONTROLS or _is_noncharacter(ch):
            raise ProfileError("nickname_invalid", f"character U+{ord(ch):04X} is not allowed in a nickname")
    text = unicodedata.normalize("NFC", nickname).strip()
    if not text:
        raise ProfileError("nickname_empty", "the nickname is empty")
    if len(text) > MAX_NICKNAME:
        raise ProfileError("nickname_too_long", f"the nickname has {len(text)} characters; at most {MAX_NICKNAME}",
                           max=MAX_NICKNAME)
    if not any(unicodedata.category(ch)[0] in _VISIBLE_CATEGORIES for ch in text):
        raise ProfileError("nickname_invalid", "the nickname has no visible character")
    return text


# Unicode's Default_Ignorable_Code_Point ranges (DerivedCoreProperties.txt): drawn as nothing at all.
_DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
    (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)
_EMOJI_JOINERS = frozenset("\u200d\ufe0e\ufe0f")  # zero-width joiner, text/emoji presentation selectors


def _ignorable(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _DEFAULT_IGNORABLE)


def visible_nickname(nickname: str) -> str:
    """The nickname as it looks: NFKC, without invisible (default-ignorable) characters, so that two
    names that look the same are the same. Joiners inside emoji sequences are kept (they are visible)."""
    text = unicodedata.normalize("NFKC", nickname)
    out: list[str] = []
    for i, ch in enumerate(text):
        if _ignorable(ch):
            prev = out[-1] if out else ""
            nxt = text[i + 1] if i + 1 < len(text) else ""
            in_emoji = ch in _EMOJI_JOINERS and unicodedata.category(prev or " ") == "So" and (
                ch != "\u200d" or unicodedata.category(nxt or " ") == "So")
            if not in_emoji:
                continue
        out.append(ch)
    return "".join(out).strip() or nickname.strip()


def nickname_key(nickname: str) -> str:
    """The form used to decide whether two nicknames are the same: case-insensitive in every script,
    blind to compatibility variants (full-width Ａ = A) and to invisible characters."""
    text = visible_nickname(nickname)
    return unicodedata.normalize("NFKC", text.casefold())


def check_avatar(avatar: object) -> str:
    if not isinstance(avatar, str) or not AVATAR_RE.fullmatch(avatar):
        raise ProfileError("avatar_invalid", f"an avatar id is 1-40 letters, digits, '-' or '_', not {avatar!r}")
    return avatar
