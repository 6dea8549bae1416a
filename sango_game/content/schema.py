"""JSON Schema of the level format, for editors (VS Code's YAML extension: completion and errors).

Built from the loader's own facts: the kinds, bands, moods, qualities and question types of
:mod:`.model`, the id patterns and the text length limits of :mod:`.loader`. Each level kind and
each question type adds its part through :func:`register_kind` / :func:`register_question_type`,
so a new kind (the practice levels, say) registers its fields next to its loader and the schema
follows. ``sango-game schema > level.schema.json``; the wheel ships ``levels/level.schema.json``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .fields import CHECK_PHASES, ORDERS
from .loader import ID_RE, LEVEL_ID_RE, LIMITS
from .model import BANDS, KINDS, MESSAGE_FORMATS, MOODS, QUALITIES
from .scenes import SCENES as SCENE_NAMES

Schema = dict[str, Any]
SCHEMA_ID = "https://sango.invalid/level.schema.json"

# kind -> () -> {"required": [...], "properties": {...}} (the keys beyond the common ones)
KIND_PARTS: dict[str, Callable[[], Schema]] = {}
QUESTION_PARTS: dict[str, Callable[[], Schema]] = {}


def register_kind(kind: str, part: Callable[[], Schema]) -> None:
    KIND_PARTS[kind] = part


def register_question_type(qtype: str, part: Callable[[], Schema]) -> None:
    QUESTION_PARTS[qtype] = part


# -- building blocks --------------------------------------------------------------------------------
def text(limit: str, description: str = "") -> Schema:
    """English text of at most the loader's limit (translations may be ~30 % longer)."""
    out: Schema = {"type": "string", "minLength": 1, "maxLength": LIMITS[limit]}
    if description:
        out["description"] = description
    return out


def ident(description: str = "a short id: lowercase letters, digits, '-' or '_'") -> Schema:
    return {"type": ["string", "integer"], "pattern": ID_RE.pattern, "description": description}


def obj(required: list[str], properties: Schema, description: str = "") -> Schema:
    out: Schema = {"type": "object", "required": required, "properties": properties, "additionalProperties": False}
    if description:
        out["description"] = description
    return out


def array(items: Schema, lo: int, hi: int, description: str = "") -> Schema:
    out: Schema = {"type": "array", "items": items, "minItems": lo, "maxItems": hi}
    if description:
        out["description"] = description
    return out


MOOD: Schema = {"enum": list(MOODS), "description": "Sango's face for this moment"}
IMAGE: Schema = {"type": "string", "description": "a picture under assets/, e.g. illustrations/phone-chat.svg"}


# -- the common part and the built-in kinds ---------------------------------------------------------------------
def common() -> Schema:
    return {
        "id": {"type": "string", "pattern": LEVEL_ID_RE.pattern, "description": "the file name without .yaml"},
        "band": {"enum": list(BANDS), "description": 'age band, in quotes: "9-12" or "13-18"'},
        "topic": {"type": "string", "description": "a topic id from levels/topics.yaml (or the pack's)"},
        "order": {"type": "integer", "minimum": 1, "description": "place in the topic, from 1"},
        "title": text("title"),
        "goal": text("goal", "what the child can do afterwards: 'I can ...'"),
        "intro": text("intro"),
        "mood": MOOD,
        "discussion": array(text("discussion"), 1, 3, "prompts for talking about the level in class"),
    }


COMMON_REQUIRED = ["id", "kind", "band", "topic", "order", "title", "goal", "intro", "discussion"]


def _choice_list(lo: int, hi: int) -> Schema:
    return array(obj(["id", "text"], {"id": ident(), "text": text("choice"), "correct": {"type": "boolean"},
                                      "feedback": text("feedback", "why this is not the best answer (kindly)")}), lo, hi)


SCENE = {"enum": list(SCENE_NAMES), "description": "the background drawn behind the story (see levels/README.md)"}
ORDER = {"enum": list(ORDERS), "description": "fixed: never shuffle the options (e.g. 'all of the above')"}


def _question(qtype: str) -> Schema:
    part = QUESTION_PARTS[qtype]()
    props = {"id": ident(), "type": {"const": qtype}, "prompt": text("prompt"), "explain": text("explain"), "mood": MOOD,
             "image": IMAGE, "order": ORDER,
             "check": {"enum": list(CHECK_PHASES), "description": "this question belongs to the lab check before or after"},
             **part["properties"]}
    return obj(["id", "type", "prompt", "explain", *part["required"]], props, f"a '{qtype}' question")


register_question_type("single", lambda: {"required": ["choices"], "properties": {"choices": _choice_list(2, 4)}})
register_question_type("multi", lambda: {"required": ["choices"], "properties": {"choices": _choice_list(2, 6)}})
register_question_type("true_false", lambda: {"required": ["answer", "feedback"], "properties": {
    "answer": {"type": "boolean"}, "feedback": text("feedback")}})
register_question_type("red_flags", lambda: {"required": ["message"], "properties": {"message": obj(
    ["format", "from", "lines"],
    {"format": {"enum": list(MESSAGE_FORMATS)}, "from": text("from"), "subject": text("subject"),
     "lines": array(obj(["id", "text", "why"], {"id": ident(), "text": text("line"), "why": text("why"),
                                                "flag": {"type": "boolean"}}), 2, 8)})}})
register_question_type("sort", lambda: {"required": ["bins", "items"], "properties": {
    "bins": array(obj(["id", "label"], {"id": ident(), "label": text("bin")}), 2, 3),
    "items": array(obj(["id", "text", "bin", "feedback"], {"id": ident(), "text": text("item"), "bin": ident("a bin id"),
                                                           "feedback": text("feedback")}), 3, 8)}})


def _quiz() -> Schema:
    return {"required": ["questions"],
            "properties": {"questions": array({"oneOf": [_question(t) for t in QUESTION_PARTS]}, 4, 10)}}


def _scenario() -> Schema:
    ending = obj(["id", "ending", "text", "lesson"], {
        "id": ident(), "ending": {"enum": list(QUALITIES)}, "text": text("node"), "lesson": text("lesson"),
        "speaker": {"type": "string"}, "mood": MOOD, "image": IMAGE, "scene": SCENE}, "an ending")
    step = obj(["id", "text", "choices"], {
        "id": ident(), "text": text("node"), "speaker": {"type": "string", "description": "narrator, sango or a character id"},
        "mood": MOOD, "image": IMAGE, "order": ORDER, "scene": SCENE,
        "choices": array(obj(["id", "text", "quality", "consequence", "next"], {
            "id": ident(), "text": text("choice"), "quality": {"enum": list(QUALITIES)}, "consequence": text("consequence"),
            "next": ident("the id of the next node")}), 2, 4)}, "a moment with choices")
    return {"required": ["start", "nodes"], "properties": {
        "characters": array(obj(["id", "name"], {"id": ident(), "name": text("name")}), 1, 8),
        "scene": SCENE,
        "start": ident("the id of the first node"),
        "nodes": array({"oneOf": [step, ending]}, 2, 40)}}


def _practice() -> Schema:
    """The practice levels' top-level keys, from their reader; the nested parts are checked by
    ``sango-game check`` (the practice kind can register a detailed part in place of this one)."""
    from .practice_reader import KEYS, optional_keys

    OPTIONAL = optional_keys()

    see = {"description": "see levels/README.md, practice levels"}
    return {"required": list(KEYS), "properties": {key: dict(see) for key in [*KEYS, *OPTIONAL]}}


register_kind("quiz", _quiz)
register_kind("scenario", _scenario)
if "practice" in KINDS:
    register_kind("practice", _practice)


# -- the whole schema -----------------------------------------------------------------------------------------------
def level_schema() -> Schema:
    variants = []
    for kind, part_of in KIND_PARTS.items():
        part = part_of()
        props = {**common(), "kind": {"const": kind}, **part["properties"]}
        variants.append(obj(COMMON_REQUIRED + [k for k in part["required"] if k not in COMMON_REQUIRED], props,
                            f"a {kind} level"))
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "Sango level",
        "description": "One level of Sango (levels/README.md explains every field).",
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"enum": list(KIND_PARTS)}},
        "oneOf": variants,
    }


def schema_text() -> str:
    return json.dumps(level_schema(), indent=2, ensure_ascii=False) + "\n"
