"""Field readers shared by every level kind: each reads one value, reports a problem with file:line and a
fix, and returns something usable (or None) so the reader can go on and report every other problem too."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .model import MOODS, Issue, Text, Topic

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
LEVEL_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")
MAX_FILE_BYTES = 512 * 1024
KID_SENTENCE_WORDS = 20

ORDERS = ("fixed", "shuffle")  # `order:` of a question or story step; shuffle is the default
CHECK_PHASES = ("pre", "post")  # `check:` of a question: the lab knowledge check it belongs to

# Longest allowed English text per field (translations may be ~30% longer; boxes are sized for that).
LIMITS = {
    "title": 40,
    "goal": 120,
    "intro": 160,
    "discussion": 200,
    "prompt": 200,
    "explain": 240,
    "choice": 90,
    "feedback": 220,
    "why": 200,
    "line": 160,
    "from": 40,
    "subject": 80,
    "bin": 30,
    "item": 90,
    "node": 300,
    "lesson": 240,
    "consequence": 240,
    "name": 24,
}

Path_ = tuple  # a key path inside the document: ("questions", 0, "choices", 1, "text")


MAX_IMAGE_PATH = 200


def kind_of(value: Any) -> str:
    """How an author would name what YAML made of their text."""
    if isinstance(value, bool):
        return f"true/false ({value})"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def image_path_problem(value: Any) -> str | None:
    """Why ``value`` cannot be an image path under assets/, or None. Checked before the OS sees it."""
    if not isinstance(value, str):
        return f"image must be a path under assets/, not {kind_of(value)}"
    if not value.strip():
        return "image is empty"
    if len(value) > MAX_IMAGE_PATH:
        return f"the image path is too long ({len(value)} characters, at most {MAX_IMAGE_PATH})"
    if any(ord(c) < 32 or c == "\x7f" for c in value):
        return "the image path contains an invisible control character"
    if ":" in value:  # data: and http: URIs, C:\ drive paths
        return "image must be a file under assets/, not a link, data: URI or drive path"
    if value.startswith(("/", "\\")) or ".." in value.replace("\\", "/").split("/"):
        return "image must be a relative path inside assets/"
    return None


class FieldReader:
    def __init__(self, display_path: str, lines: dict[Path_, int], topics: dict[str, Topic] | None,
                 assets_root: Path | None):
        self.display_path = display_path
        self.lines = lines
        # How YAML spelled scalars it read as true/false (off, No, yes...), to quote them back in a fix.
        self.raw: dict[Path_, str] = getattr(lines, "raw", {})
        self.topics = topics
        self.assets_root = assets_root
        self.issues: list[Issue] = []
        self.level_id = "?"
        self.band: str | None = None

    # -- reporting --------------------------------------------------------------------
    def line_of(self, path: Path_) -> int | None:
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            path = path[:-1]

    def error(self, path: Path_, message: str, fix: str = "") -> None:
        self.issues.append(Issue(self.display_path, self.line_of(path), message, fix))

    def warning(self, path: Path_, message: str, fix: str = "") -> None:
        self.issues.append(Issue(self.display_path, self.line_of(path), message, fix, "warning"))

    @staticmethod
    def where(path: Path_) -> str:
        out = ""
        for p in path:
            out += f"[{p + 1}]" if isinstance(p, int) else (f".{p}" if out else str(p))
        return out or "the file"

    # -- structure helpers ----------------------------------------------------------------
    def mapping(self, value: Any, path: Path_, what: str) -> dict | None:
        if isinstance(value, dict):
            return value
        if value is None:
            self.error(path, f"{self.where(path)} is empty; it should hold {what}",
                       "write 'key: value' lines indented under it (see levels/README.md)")
            return None
        self.error(path, f"{self.where(path)} should be a mapping of keys ({what}), not {kind_of(value)}",
                   "write it as 'key: value' lines indented under it (see levels/README.md)")
        return None

    def seq(self, m: dict, key: str, path: Path_, lo: int, hi: int, what: str, required: bool = True) -> list:
        value = m.get(key)
        p = path + (key,)
        if value is None:
            if required:
                self.error(p if key in m else path, f"'{key}' is missing in {self.where(path)}",
                           f"add '{key}:' with {lo} to {hi} {what}")
            return []
        if not isinstance(value, list):
            self.error(p, f"{self.where(p)} should be a list", f"write each of the {what} on its own line starting with '- '")
            return []
        if not lo <= len(value) <= hi:
            self.error(p, f"{self.where(p)} has {len(value)} {what}; it needs {lo} to {hi}",
                       f"use between {lo} and {hi} {what}")
        return value

    def keys(self, m: dict, path: Path_, required: Iterable[str], optional: Iterable[str]) -> None:
        required = list(required)
        allowed = set(required) | set(optional)
        for k in m:
            if not isinstance(k, str) or k not in allowed:
                close = difflib.get_close_matches(str(k), sorted(allowed), n=1)
                fix = f"did you mean '{close[0]}'?" if close else f"allowed keys here: {', '.join(sorted(allowed))}"
                self.error(path + (k,), f"unknown key '{k}' in {self.where(path)}", fix)

    def ident(self, m: dict, key: str, path: Path_, seen: set | None = None) -> str:
        value = m.get(key)
        p = path + (key,)
        if value is None:
            self.error(path, f"'{key}' is missing in {self.where(path)}", "add a short id, e.g. id: q1")
            return f"_missing{len(self.issues)}"
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.error(p, f"{self.where(p)} must be a short identifier, not {value!r}",
                       "use lowercase letters, digits, '-' or '_'")
            return f"_bad{len(self.issues)}"
        value = str(value)
        if not ID_RE.match(value):
            self.error(p, f"'{value}' is not a valid id",
                       "use 1-40 lowercase letters, digits, '-' or '_', starting with a letter or digit")
        if seen is not None:
            if value in seen:
                self.error(p, f"duplicate id '{value}' in {self.where(path[:-1])}", "give every item in this list its own id")
            seen.add(value)
        return value

    def text(self, m: Any, key: Any, path: Path_, ctx: str, limit: str, required: bool = True) -> Text | None:
        # m is a mapping and key one of its keys, or (discussion prompts) a list and an index
        p = path + (key,)
        present = (0 <= key < len(m)) if isinstance(m, list) else key in m
        if not present or m[key] is None:
            if required:
                self.error(p if present else path, f"'{key}' is missing in {self.where(path)}",
                           f"add '{key}:' with the English text")
            return None
        value = m[key]
        if isinstance(value, bool):
            spelled = self.raw.get(p, "Yes" if value else "No")
            self.error(p, f"{self.where(p)} was read as {value!r}, not as text",
                       f"put the text in quotes, e.g. {key}: \"{spelled}\"")
            return None
        if isinstance(value, (int, float)):
            self.error(p, f"{self.where(p)} was read as the number {value!r}, not as text",
                       f"put it in quotes: {key}: \"{value}\"")
            return None
        if not isinstance(value, str):
            self.error(p, f"{self.where(p)} should be text", "write the text on the same line after the key")
            return None
        value = " ".join(value.split())
        if not value:
            self.error(p, f"{self.where(p)} is empty", "write the text")
            return None
        maxlen = LIMITS[limit]
        if len(value) > maxlen:
            self.error(p, f"{self.where(p)} is too long ({len(value)} characters, at most {maxlen})",
                       "shorten it: translations are often 30% longer and must fit on screen")
        if self.band == "9-12":
            for sentence in re.split(r"(?<=[.!?])\s+", value):
                n = len(sentence.split())
                if n > KID_SENTENCE_WORDS:
                    self.error(p, f"a sentence in {self.where(p)} has {n} words; 9-12 levels allow at most {KID_SENTENCE_WORDS}",
                               "split it into two shorter sentences")
                    break
        return Text(f"{self.level_id}|{ctx}", value, self.line_of(p) or 0, maxlen)

    def choice_of(self, m: dict, key: str, path: Path_, allowed: Iterable[str], required: bool = True) -> str | None:
        allowed = tuple(allowed)
        value = m.get(key)
        if value is None:
            if required:
                self.error(path, f"'{key}' is missing in {self.where(path)}", f"add '{key}:' with one of: {', '.join(allowed)}")
            return None
        if value not in allowed:
            close = difflib.get_close_matches(str(value), allowed, n=1)
            fix = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(allowed)}"
            self.error(path + (key,), f"'{value}' is not a valid {key}", fix)
            return None
        return value

    def flag(self, m: dict, key: str, path: Path_) -> bool:
        value = m.get(key, False)
        if not isinstance(value, bool):
            self.error(path + (key,), f"{self.where(path + (key,))} must be true or false",
                       f"write '{key}: true' or leave it out")
            return False
        return value

    def image(self, m: dict, path: Path_) -> str | None:
        value = m.get("image")
        if value is None:
            return None
        p = path + ("image",)
        problem = image_path_problem(value)
        if problem:
            self.error(p, problem, "e.g. image: illustrations/phone-chat.svg (a file under assets/)")
            return None
        if self.assets_root is not None:
            try:
                target = (self.assets_root / value).resolve()
                inside = self.assets_root.resolve() in target.parents
                exists = inside and target.is_file()
            except (OSError, ValueError):  # the OS refused the name (too long for it, bad characters...)
                exists = False
            if not exists:
                self.error(p, f"image file assets/{value} does not exist",
                           "add the file under assets/ or fix the path (it is relative to assets/)")
        return value

    def mood(self, m: dict, path: Path_) -> str | None:
        return self.choice_of(m, "mood", path, MOODS, required=False)
