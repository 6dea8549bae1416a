"""Turn level YAML into frozen dataclasses, reporting every problem with file:line and a fix.

YAML is read with PyYAML's SafeLoader, the same machinery as ``yaml.safe_load`` (we keep the
composed node tree only to know the line of each value). No Python object tags are allowed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable

import yaml

from .graph import dead_end_nodes, unreachable_nodes
from .scenes import read_scene
from .model import (
    BANDS,
    KINDS,
    MESSAGE_FORMATS,
    MOODS,
    QUALITIES,
    QUESTION_TYPES,
    Bin,
    Character,
    Choice,
    Issue,
    Level,
    Message,
    MessageLine,
    Node,
    Question,
    ScenarioChoice,
    SortItem,
    Text,
    Topic,
)

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
LEVEL_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")
MAX_FILE_BYTES = 512 * 1024
KID_SENTENCE_WORDS = 20

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


class YamlProblem(Exception):
    def __init__(self, line: int | None, message: str, fix: str):
        super().__init__(message)
        self.line = line
        self.message = message
        self.fix = fix


# libyaml's C parser when PyYAML was built with it (the PyPI wheels are): same safe constructor, ~5x faster.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> tuple[Any, dict[Path_, int]]:
    """Parse with the safe loader; return the data and a map key-path -> 1-based line."""
    try:
        loader = _SafeLoader(text)
    except yaml.YAMLError as exc:  # e.g. control characters that YAML forbids
        line = text[: getattr(exc, "position", 0) or 0].count("\n") + 1
        raise YamlProblem(line, f"this is not valid YAML: {getattr(exc, 'reason', exc)}",
                          "remove the invisible control character on this line (retype the line)") from None
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = (exc.problem or str(exc)).strip()
        fix = "check the indentation and quoting on this line (quote text that contains ': ' or starts with a special character)"
        if "could not determine a constructor" in problem:
            fix = "remove the '!' tag: level files may only hold plain text, numbers, lists and mappings"
        raise YamlProblem(line, f"this is not valid YAML: {problem}", fix) from None
    except yaml.YAMLError as exc:  # reader errors (bad characters) carry a position, not a mark
        line = text[: getattr(exc, "position", 0) or 0].count("\n") + 1
        raise YamlProblem(line, f"this is not valid YAML: {getattr(exc, 'reason', exc)}",
                          "remove the invisible control character on this line (retype the line)") from None
    finally:
        loader.dispose()
    lines: dict[Path_, int] = {}

    def walk(n: yaml.Node, path: Path_) -> None:
        lines[path] = n.start_mark.line + 1
        if isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                key = k.value if isinstance(k, yaml.ScalarNode) else str(k)
                lines[path + (key,)] = k.start_mark.line + 1
                walk(v, path + (key,))
                lines[path + (key,)] = k.start_mark.line + 1
        elif isinstance(n, yaml.SequenceNode):
            for i, v in enumerate(n.value):
                walk(v, path + (i,))

    walk(node, ())
    return data, lines


@dataclass
class LoadResult:
    level: Level | None
    issues: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]


class _LevelReader:
    def __init__(self, display_path: str, lines: dict[Path_, int], topics: dict[str, Topic] | None,
                 assets_root: Path | None):
        self.display_path = display_path
        self.lines = lines
        self.topics = topics
        self.assets_root = assets_root
        self.issues: list[Issue] = []
        self.level_id = "?"
        self.band = None

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
        self.error(path, f"{self.where(path)} should be a mapping of keys ({what}), not {type(value).__name__}",
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
            self.error(p, f"{self.where(p)} must be a short identifier, not {value!r}", "use lowercase letters, digits, '-' or '_'")
            return f"_bad{len(self.issues)}"
        value = str(value)
        if not ID_RE.match(value):
            self.error(p, f"'{value}' is not a valid id", "use 1-40 lowercase letters, digits, '-' or '_', starting with a letter or digit")
        if seen is not None:
            if value in seen:
                self.error(p, f"duplicate id '{value}' in {self.where(path[:-1])}", "give every item in this list its own id")
            seen.add(value)
        return value

    def text(self, m: dict, key: str, path: Path_, ctx: str, limit: str, required: bool = True) -> Text | None:
        p = path + (key,)
        present = (0 <= key < len(m)) if isinstance(m, list) else key in m
        if not present or m[key] is None:
            if required:
                self.error(p if present else path, f"'{key}' is missing in {self.where(path)}", f"add '{key}:' with the English text")
            return None
        value = m[key]
        if isinstance(value, bool):
            self.error(p, f"{self.where(p)} was read as {value!r}, not as text",
                       f"put the text in quotes, e.g. {key}: \"{'Yes' if value else 'No'}\"")
            return None
        if isinstance(value, (int, float)):
            self.error(p, f"{self.where(p)} was read as the number {value!r}, not as text", f"put it in quotes: {key}: \"{value}\"")
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
            self.error(path + (key,), f"{self.where(path + (key,))} must be true or false", f"write '{key}: true' or leave it out")
            return False
        return value

    def image(self, m: dict, path: Path_) -> str | None:
        value = m.get("image")
        if value is None:
            return None
        if not isinstance(value, str):
            self.error(path + ("image",), "image must be a path under assets/", "e.g. image: illustrations/phone-chat.svg")
            return None
        if self.assets_root is not None:
            target = (self.assets_root / value).resolve()
            inside = self.assets_root.resolve() in target.parents
            if not inside or not target.is_file():
                self.error(path + ("image",), f"image file assets/{value} does not exist",
                           "add the file under assets/ or fix the path (it is relative to assets/)")
        return value

    def mood(self, m: dict, path: Path_) -> str | None:
        return self.choice_of(m, "mood", path, MOODS, required=False)

    # -- level ------------------------------------------------------------------------
    def read(self, data: Any, stem: str) -> Level | None:
        top = self.mapping(data, (), "a level")
        if top is None:
            return None
        raw_id = top.get("id")
        self.level_id = str(raw_id) if raw_id is not None else stem
        kind = self.choice_of(top, "kind", (), KINDS)
        common = ["id", "kind", "band", "topic", "order", "title", "goal", "intro", "discussion"]
        if kind == "quiz":
            self.keys(top, (), common + ["questions"], ["mood"])
        elif kind == "scenario":
            self.keys(top, (), common + ["start", "nodes"], ["mood", "characters", "scene"])
        if raw_id is not None:
            if not isinstance(raw_id, str) or not LEVEL_ID_RE.match(raw_id):
                self.error(("id",), f"level id {raw_id!r} is not valid", "use lowercase letters, digits and '-', e.g. k-passwords-quiz")
            elif raw_id != stem:
                self.error(("id",), f"level id '{raw_id}' does not match the file name '{stem}.yaml'",
                           f"rename the file to {raw_id}.yaml or set id: {stem}")
        self.band = self.choice_of(top, "band", (), BANDS)
        if "band" in top and not isinstance(top["band"], str):
            self.error(("band",), f"band {top['band']!r} must be written in quotes", 'write band: "9-12" or band: "13-18"')
        topic = top.get("topic")
        if topic is not None and not isinstance(topic, str):
            self.error(("topic",), f"topic must be a topic id, not {topic!r}", "write e.g. topic: passwords")
            topic = None
        for must in ("id", "topic", "order"):
            if must not in top:
                self.error((), f"'{must}' is missing", f"add '{must}:' at the top of the file (see levels/README.md)")
        if kind == "scenario" and "start" not in top:
            self.error((), "'start' is missing", "add 'start:' with the id of the first node")
        if self.topics is not None and topic is not None:
            if topic not in self.topics:
                close = difflib.get_close_matches(str(topic), list(self.topics), n=1)
                self.error(("topic",), f"unknown topic '{topic}'",
                           f"did you mean '{close[0]}'?" if close else "use an id from levels/topics.yaml")
            elif self.band and self.band not in self.topics[topic].bands:
                self.error(("topic",), f"topic '{topic}' is not taught in band {self.band}",
                           "pick a topic listed for this band in levels/topics.yaml")
        order = top.get("order")
        if "order" in top and (isinstance(order, bool) or not isinstance(order, int) or order < 1):
            self.error(("order",), f"order must be a whole number from 1, not {order!r}", "write order: 1 for the first level of the topic")
            order = 1
        title = self.text(top, "title", (), "title", "title")
        goal = self.text(top, "goal", (), "goal", "goal")
        intro = self.text(top, "intro", (), "intro", "intro")
        mood = self.mood(top, ())
        discussion = []
        for i, _ in enumerate(self.seq(top, "discussion", (), 1, 3, "discussion prompts")):
            t = self.text(top["discussion"], i, ("discussion",), f"discussion.{i + 1}", "discussion")
            if t:
                discussion.append(t)
        questions: tuple[Question, ...] = ()
        characters: tuple[Character, ...] = ()
        nodes: tuple[Node, ...] = ()
        start = None
        if kind == "quiz":
            questions = self.read_questions(top)
        elif kind == "scenario":
            characters, start, nodes = self.read_scenario(top)
        if any(i.severity == "error" for i in self.issues):
            return None
        return Level(
            id=self.level_id, kind=kind, band=self.band, topic=topic, order=order, title=title, goal=goal,
            intro=intro, discussion=tuple(discussion), mood=mood, questions=questions,
            characters=characters, start=start, nodes=nodes,
        )

    # -- quizzes ----------------------------------------------------------------------
    def read_questions(self, top: dict) -> tuple[Question, ...]:
        out = []
        seen: set[str] = set()
        for i, raw in enumerate(self.seq(top, "questions", (), 4, 10, "questions")):
            path = ("questions", i)
            q = self.mapping(raw, path, "a question")
            if q is None:
                continue
            qid = self.ident(q, "id", path, seen)
            qtype = self.choice_of(q, "type", path, QUESTION_TYPES)
            extra = {
                "single": ["choices"], "multi": ["choices"], "true_false": ["answer", "feedback"],
                "red_flags": ["message"], "sort": ["bins", "items"],
            }.get(qtype, [])
            self.keys(q, path, ["id", "type", "prompt", "explain"] + extra, ["mood", "image"])
            prompt = self.text(q, "prompt", path, f"{qid}.prompt", "prompt")
            explain = self.text(q, "explain", path, f"{qid}.explain", "explain")
            kw: dict[str, Any] = {"mood": self.mood(q, path), "image": self.image(q, path)}
            if qtype in ("single", "multi"):
                kw["choices"] = self.read_choices(q, path, qid, qtype)
            elif qtype == "true_false":
                answer = q.get("answer")
                if not isinstance(answer, bool):
                    self.error(path + ("answer",), f"answer must be true or false, not {answer!r}", "write answer: true or answer: false")
                kw["answer"] = bool(answer)
                kw["feedback"] = self.text(q, "feedback", path, f"{qid}.feedback", "feedback")
            elif qtype == "red_flags":
                kw["message"] = self.read_message(q, path, qid)
            elif qtype == "sort":
                kw["bins"], kw["items"] = self.read_sort(q, path, qid)
            if qtype and prompt and explain:
                out.append(Question(id=qid, type=qtype, prompt=prompt, explain=explain, **kw))
        return tuple(out)

    def read_choices(self, q: dict, path: Path_, qid: str, qtype: str) -> tuple[Choice, ...]:
        lo, hi = (2, 4) if qtype == "single" else (2, 6)
        out = []
        seen: set[str] = set()
        for j, raw in enumerate(self.seq(q, "choices", path, lo, hi, "choices")):
            cp = path + ("choices", j)
            c = self.mapping(raw, cp, "a choice")
            if c is None:
                continue
            self.keys(c, cp, ["id", "text"], ["correct", "feedback"])
            cid = self.ident(c, "id", cp, seen)
            text = self.text(c, "text", cp, f"{qid}.{cid}.text", "choice")
            correct = self.flag(c, "correct", cp)
            feedback = self.text(c, "feedback", cp, f"{qid}.{cid}.feedback", "feedback", required=False)
            if not correct and feedback is None and "feedback" not in c:
                self.error(cp, f"wrong choice '{cid}' has no feedback",
                           "add 'feedback:' that kindly explains why it is not the best answer")
            if text:
                out.append(Choice(cid, text, correct, feedback))
        n_correct = sum(1 for c in q.get("choices") or [] if isinstance(c, dict) and c.get("correct") is True)
        if q.get("choices") and isinstance(q.get("choices"), list):
            if qtype == "single" and n_correct != 1:
                self.error(path + ("choices",), f"a single-choice question needs exactly one correct choice, it has {n_correct}",
                           "mark the one right answer with 'correct: true'")
            if qtype == "multi" and n_correct < 1:
                self.error(path + ("choices",), "a multi-select question needs at least one correct choice",
                           "mark the right answers with 'correct: true'")
        return tuple(out)

    def read_message(self, q: dict, path: Path_, qid: str) -> Message | None:
        mp = path + ("message",)
        if "message" not in q:
            self.error(path, f"'message' is missing in {self.where(path)}", "add 'message:' with format, from and lines")
            return None
        m = self.mapping(q.get("message"), mp, "the simulated message")
        if m is None:
            return None
        self.keys(m, mp, ["format", "from", "lines"], ["subject"])
        fmt = self.choice_of(m, "format", mp, MESSAGE_FORMATS)
        sender = self.text(m, "from", mp, f"{qid}.from", "from")
        subject = self.text(m, "subject", mp, f"{qid}.subject", "subject", required=False)
        lines = []
        seen: set[str] = set()
        for j, raw in enumerate(self.seq(m, "lines", mp, 2, 8, "lines")):
            lp = mp + ("lines", j)
            ln = self.mapping(raw, lp, "a message line")
            if ln is None:
                continue
            self.keys(ln, lp, ["id", "text", "why"], ["flag"])
            lid = self.ident(ln, "id", lp, seen)
            text = self.text(ln, "text", lp, f"{qid}.{lid}.text", "line")
            why = self.text(ln, "why", lp, f"{qid}.{lid}.why", "why")
            flag = self.flag(ln, "flag", lp)
            if text and why:
                lines.append(MessageLine(lid, text, flag, why))
        if m.get("lines") and not any(isinstance(x, dict) and x.get("flag") is True for x in m["lines"]):
            self.error(mp + ("lines",), "no line is marked as a red flag", "mark the warning signs with 'flag: true'")
        if fmt and sender:
            return Message(fmt, sender, subject, tuple(lines))
        return None

    def read_sort(self, q: dict, path: Path_, qid: str) -> tuple[tuple[Bin, ...], tuple[SortItem, ...]]:
        bins = []
        seen: set[str] = set()
        for j, raw in enumerate(self.seq(q, "bins", path, 2, 3, "bins")):
            bp = path + ("bins", j)
            b = self.mapping(raw, bp, "a bin")
            if b is None:
                continue
            self.keys(b, bp, ["id", "label"], [])
            bid = self.ident(b, "id", bp, seen)
            label = self.text(b, "label", bp, f"{qid}.bin.{bid}", "bin")
            if label:
                bins.append(Bin(bid, label))
        items = []
        seen_items: set[str] = set()
        used: set[str] = set()
        for j, raw in enumerate(self.seq(q, "items", path, 3, 8, "items")):
            ip = path + ("items", j)
            it = self.mapping(raw, ip, "an item")
            if it is None:
                continue
            self.keys(it, ip, ["id", "text", "bin", "feedback"], [])
            iid = self.ident(it, "id", ip, seen_items)
            text = self.text(it, "text", ip, f"{qid}.{iid}.text", "item")
            feedback = self.text(it, "feedback", ip, f"{qid}.{iid}.feedback", "feedback")
            target = it.get("bin")
            if target is not None and str(target) not in seen:
                self.error(ip + ("bin",), f"item '{iid}' goes into bin '{target}', which is not defined",
                           f"use one of the bin ids: {', '.join(sorted(seen))}")
            used.add(str(target))
            if text and feedback:
                items.append(SortItem(iid, text, str(target), feedback))
        if items and len(used & seen) < 2:
            self.warning(path + ("items",), "every item goes into the same bin", "sorting is more useful with items in at least two bins")
        return tuple(bins), tuple(items)

    # -- scenarios --------------------------------------------------------------------
    def read_scenario(self, top: dict):
        characters = []
        char_ids: set[str] = set()
        if "characters" in top:
            for i, raw in enumerate(self.seq(top, "characters", (), 1, 8, "characters")):
                cp = ("characters", i)
                c = self.mapping(raw, cp, "a character")
                if c is None:
                    continue
                self.keys(c, cp, ["id", "name"], [])
                cid = self.ident(c, "id", cp, char_ids)
                if cid in ("narrator", "sango"):
                    self.error(cp + ("id",), f"'{cid}' is reserved", "give the character another id")
                name = self.text(c, "name", cp, f"character.{cid}", "name")
                if name:
                    characters.append(Character(cid, name))
        speakers = {"narrator", "sango"} | char_ids
        default_scene = read_scene(self, top, ())
        nodes = []
        node_ids: set[str] = set()
        node_paths: dict[str, Path_] = {}
        raw_nodes = self.seq(top, "nodes", (), 2, 40, "nodes")
        for i, raw in enumerate(raw_nodes):
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                node_paths.setdefault(raw["id"], ("nodes", i))
        all_ids = set(node_paths)
        for i, raw in enumerate(raw_nodes):
            np_ = ("nodes", i)
            n = self.mapping(raw, np_, "a node")
            if n is None:
                continue
            nid = self.ident(n, "id", np_, node_ids)
            is_end = "ending" in n
            if is_end:
                self.keys(n, np_, ["id", "ending", "text", "lesson"], ["speaker", "mood", "image", "scene"])
                if "choices" in n:
                    self.error(np_ + ("choices",), f"node '{nid}' is an ending and also has choices", "remove 'choices' or remove 'ending'")
            else:
                self.keys(n, np_, ["id", "text", "choices"], ["speaker", "mood", "image", "scene"])
            speaker = n.get("speaker", "narrator")
            if not isinstance(speaker, str) or speaker not in speakers:
                close = difflib.get_close_matches(str(speaker), sorted(speakers), n=1)
                self.error(np_ + ("speaker",), f"unknown speaker '{speaker}'",
                           f"did you mean '{close[0]}'?" if close else "use narrator, sango or a character id from 'characters'")
            text = self.text(n, "text", np_, f"{nid}.text", "node")
            mood = self.mood(n, np_)
            image = self.image(n, np_)
            choices = []
            ending = lesson = None
            if is_end:
                ending = self.choice_of(n, "ending", np_, QUALITIES)
                lesson = self.text(n, "lesson", np_, f"{nid}.lesson", "lesson")
            else:
                seen: set[str] = set()
                for j, rc in enumerate(self.seq(n, "choices", np_, 2, 4, "choices")):
                    cp = np_ + ("choices", j)
                    c = self.mapping(rc, cp, "a choice")
                    if c is None:
                        continue
                    self.keys(c, cp, ["id", "text", "quality", "consequence", "next"], [])
                    cid = self.ident(c, "id", cp, seen)
                    ctext = self.text(c, "text", cp, f"{nid}.{cid}.text", "choice")
                    quality = self.choice_of(c, "quality", cp, QUALITIES)
                    consequence = self.text(c, "consequence", cp, f"{nid}.{cid}.consequence", "consequence")
                    nxt = c.get("next")
                    if nxt is not None and not isinstance(nxt, str):
                        self.error(cp + ("next",), f"'next' must be a node id, not {nxt!r}", "write the id of the node that follows")
                        nxt = None
                    elif nxt is not None and nxt not in all_ids:
                        close = difflib.get_close_matches(str(nxt), sorted(all_ids), n=1)
                        self.error(cp + ("next",), f"choice '{cid}' leads to node '{nxt}', which does not exist",
                                   f"did you mean '{close[0]}'?" if close else "use the id of a node in this level")
                    if ctext and quality and consequence and nxt in all_ids:
                        choices.append(ScenarioChoice(cid, ctext, quality, consequence, nxt))
                if n.get("choices") and isinstance(n["choices"], list) and not any(
                        isinstance(c, dict) and c.get("quality") == "good" for c in n["choices"]):
                    self.error(np_ + ("choices",), f"node '{nid}' has no good choice", "give the player at least one 'quality: good' choice")
            if text:
                nodes.append(Node(nid, text, str(speaker), mood, image, tuple(choices), ending, lesson,
                                  read_scene(self, n, np_, default_scene)))
        start = top.get("start")
        if start is not None and not isinstance(start, str):
            self.error(("start",), f"start must be a node id, not {start!r}", "set start: to the id of the first node")
            start = None
        elif start is not None and start not in all_ids:
            self.error(("start",), f"start node '{start}' does not exist", "set start: to the id of the first node")
        if nodes and not any(n.ending == "good" for n in nodes):
            self.error(("nodes",), "the scenario has no good ending", "add a node with 'ending: good'")
        if nodes and start in all_ids and not any(i.severity == "error" for i in self.issues):
            for nid in unreachable_nodes(start, nodes):
                self.error(node_paths.get(nid, ("nodes",)), f"node '{nid}' can never be reached from start '{start}'",
                           "add a choice whose 'next' leads here, or remove the node")
            for nid in dead_end_nodes(nodes):
                self.error(node_paths.get(nid, ("nodes",)), f"from node '{nid}' no ending can be reached (dead end or endless loop)",
                           "give it a choice that leads towards an ending")
        return tuple(characters), start, tuple(nodes)


def load_level(path: Path, topics: dict[str, Topic] | None = None, assets_root: Path | None = None,
               display_path: str | None = None) -> LoadResult:
    """Load and validate one level file. Never raises for bad content: problems become issues."""
    shown = display_path or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return LoadResult(None, [Issue(shown, None, f"cannot read the file: {exc.strerror or exc}", "check that the file exists and can be read")])
    if len(raw) > MAX_FILE_BYTES:
        return LoadResult(None, [Issue(shown, None, f"the file is too big ({len(raw)} bytes)", "split it into several levels")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return LoadResult(None, [Issue(shown, line, "the file is not UTF-8 text", "save it as UTF-8 in your editor")])
    try:
        data, lines = parse_yaml(text)
    except YamlProblem as p:
        return LoadResult(None, [Issue(shown, p.line, p.message, p.fix)])
    except RecursionError:
        return LoadResult(None, [Issue(shown, None, "the YAML is nested too deeply", "levels only need a few levels of indentation")])
    reader = _LevelReader(shown, lines, topics, assets_root)
    try:
        level = reader.read(data, path.stem)
    except RecursionError:  # pragma: no cover - pathological input
        reader.error((), "the YAML is nested too deeply", "levels only need a few levels of indentation")
        level = None
    if level is not None:
        level = replace(level, path=path)
    return LoadResult(level, reader.issues)


def load_topics(path: Path) -> tuple[dict[str, Topic], list[Issue]]:
    shown = str(path)
    try:
        data, lines = parse_yaml(path.read_text(encoding="utf-8"))
    except OSError as exc:
        return {}, [Issue(shown, None, f"cannot read topics: {exc}", "restore levels/topics.yaml")]
    except YamlProblem as p:
        return {}, [Issue(shown, p.line, p.message, p.fix)]
    reader = _LevelReader(shown, lines, None, None)
    reader.level_id = "topic"
    topics: dict[str, Topic] = {}
    top = reader.mapping(data, (), "topics")
    if top is None:
        return {}, reader.issues
    for i, raw in enumerate(reader.seq(top, "topics", (), 1, 200, "topics")):
        p = ("topics", i)
        t = reader.mapping(raw, p, "a topic")
        if t is None:
            continue
        reader.keys(t, p, ["id", "bands", "icon", "title", "summary"], [])
        tid = reader.ident(t, "id", p, set(topics))
        bands = t.get("bands") or []
        if not isinstance(bands, list) or not bands or any(b not in BANDS for b in bands):
            reader.error(p + ("bands",), f"bands of topic '{tid}' must be a list of \"9-12\" and/or \"13-18\"", 'write bands: ["9-12", "13-18"]')
            bands = []
        title = reader.text(t, "title", p, f"{tid}.title", "title")
        summary = reader.text(t, "summary", p, f"{tid}.summary", "goal")
        if title and summary:
            topics[tid] = Topic(tid, tuple(bands), str(t.get("icon", tid)), title, summary)
    return topics, reader.issues
