"""Story characters' portraits, composed from hand-drawn SVG parts (assets/portraits/).

A person is person.svg with a hair style, colours, an expression and an extra (glasses, beard...);
someone the player only knows online is their profile picture (profile.svg with a motif), which
never changes expression: that is all one can see of them. Looks are kept per name in
characters.yaml, so the same person looks the same in every story.
"""

from __future__ import annotations

import string
from functools import lru_cache
from typing import Any

import yaml

from ..resources import asset_path

EXPRESSIONS = ("happy", "neutral", "worried")
#: The level's ``mood:`` words (shared with Sango's moods) to a character's expression.
MOOD_EXPRESSION = {"happy": "happy", "celebrating": "happy", "waving": "happy", "thinking": "neutral",
                   "surprised": "worried", "worried": "worried"}


@lru_cache(maxsize=1)
def _data() -> tuple[dict[str, Any], dict[str, Any], str, str]:
    def read(name: str) -> str:
        return asset_path("portraits", name).read_text(encoding="utf-8")

    parts = yaml.safe_load(read("parts.yaml"))
    chars = yaml.safe_load(read("characters.yaml"))
    return parts, chars, read("person.svg"), read("profile.svg")


def known_names() -> set[str]:
    _, chars, _, _ = _data()
    return set(chars.get("people", {})) | set(chars.get("online", {}))


def expression_for(mood: str | None) -> str:
    return MOOD_EXPRESSION.get(mood or "", "neutral")


def portrait_svg(name: str, mood: str | None = None) -> str | None:
    """The SVG text of ``name``'s portrait (English name as in the level file), or None if unknown."""
    parts, chars, person, profile = _data()
    look = chars.get("people", {}).get(name)
    if look is not None:
        hair = parts["hair"].get(look.get("hair", "short"), parts["hair"]["short"])
        colours = {"hair": look.get("hair_colour", "#2a2220"), "skin": look.get("skin", "#d8a57e")}

        def fill(fragment: str) -> str:
            return string.Template(fragment).safe_substitute(colours)

        return string.Template(person).safe_substitute(
            skin=colours["skin"], shirt=look.get("shirt", "#7fb8ff"), hair_back=fill(hair.get("back", "")),
            hair_front=fill(hair.get("front", "")), face=parts["face"][expression_for(mood)],
            extra=fill(parts["extra"].get(look.get("extra", "none"), "")))
    online = chars.get("online", {}).get(name)
    if online is not None:
        return string.Template(profile).safe_substitute(bg=online.get("bg", "#eef2f5"),
                                                        motif=parts["motif"].get(online.get("motif", ""), ""))
    return None
