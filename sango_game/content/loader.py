"""Turn level YAML into frozen dataclasses, reporting every problem with file:line and a fix.

YAML is read with PyYAML's SafeLoader, the same machinery as ``yaml.safe_load`` (we keep the
composed node tree only to know the line of each value). No Python object tags are allowed.
The field readers live in ``fields.py``, the quiz and scenario readers in ``quiz_reader.py`` and
``scenario_reader.py``, the bounded YAML parser in ``yamlread.py``; this module ties them together.
"""

from __future__ import annotations

import difflib
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .fields import ID_RE, KID_SENTENCE_WORDS, LEVEL_ID_RE, LIMITS, MAX_FILE_BYTES, FieldReader
from .model import BANDS, KINDS, Character, Issue, Level, Node, Question, Topic
from .quiz_reader import QuizReader
from .scenario_reader import ScenarioReader
from .yamlread import YamlProblem, parse_yaml

__all__ = ["ID_RE", "KID_SENTENCE_WORDS", "LEVEL_ID_RE", "LIMITS", "MAX_FILE_BYTES", "FieldReader", "LoadResult",
           "YamlProblem", "load_level", "load_topics", "parse_yaml", "read_text_bounded"]


@dataclass
class LoadResult:
    level: Level | None
    issues: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]


class _LevelReader(QuizReader, ScenarioReader):
    # -- level ------------------------------------------------------------------------
    def read(self, data: Any, stem: str) -> Level | None:
        if data is None:
            self.error((), "the file is empty", "start from an example level in levels/README.md")
            return None
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
        elif kind == "practice":
            from .practice_reader import KEYS, optional_keys
            self.keys(top, (), common + KEYS, ["mood"] + optional_keys())
        if raw_id is not None:
            if not isinstance(raw_id, str) or not LEVEL_ID_RE.match(raw_id):
                self.error(("id",), f"level id {raw_id!r} is not valid",
                           "use lowercase letters, digits and '-', e.g. k-passwords-quiz")
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
            self.error(("order",), f"order must be a whole number from 1, not {order!r}",
                       "write order: 1 for the first level of the topic")
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
        practice = None
        if kind == "practice":
            from .practice_reader import read_practice
            practice = read_practice(self, top)
        if any(i.severity == "error" for i in self.issues):
            return None
        # without errors every required field was read (this also tells the type checker)
        if (kind is None or self.band is None or topic is None or order is None or title is None or goal is None
                or intro is None):
            return None
        return Level(
            id=self.level_id, kind=kind, band=self.band, topic=topic, order=order, title=title, goal=goal,
            intro=intro, discussion=tuple(discussion), mood=mood, questions=questions,
            characters=characters, start=start, nodes=nodes, practice=practice,
        )


def read_text_bounded(path: Path, shown: str, limit: int = MAX_FILE_BYTES) -> tuple[str | None, Issue | None]:
    """Read a UTF-8 file of at most ``limit`` bytes, checking its size before reading any of it.

    A 3 GB file, a FIFO or a device must not be read into memory (or block) just to be refused.
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return None, Issue(shown, None, "this is not a regular file", "give the path of a .yaml file")
        if info.st_size > limit:
            return None, Issue(shown, None, f"the file is too big ({info.st_size} bytes, at most {limit})",
                               "split it into several levels")
        with path.open("rb") as f:
            raw = f.read(limit + 1)  # the file may have grown since stat()
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        reason = getattr(exc, "strerror", None) or str(exc)
        return None, Issue(shown, None, f"cannot read the file: {reason}", "check that the file exists and can be read")
    if len(raw) > limit:
        return None, Issue(shown, None, f"the file is too big (more than {limit} bytes)", "split it into several levels")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, Issue(shown, line, "the file is not UTF-8 text", "save it as UTF-8 in your editor")


def load_level(path: Path, topics: dict[str, Topic] | None = None, assets_root: Path | None = None,
               display_path: str | None = None) -> LoadResult:
    """Load and validate one level file. Never raises for bad content: problems become issues."""
    shown = display_path or str(path)
    text, problem = read_text_bounded(path, shown)
    if text is None:
        return LoadResult(None, [problem] if problem else [])
    try:
        data, lines = parse_yaml(text)
    except YamlProblem as p:
        return LoadResult(None, [Issue(shown, p.line, p.message, p.fix)])
    reader = _LevelReader(shown, lines, topics, assets_root)
    level = reader.read(data, path.stem)
    if level is not None:
        level = replace(level, path=path)
    return LoadResult(level, reader.issues)


def load_topics(path: Path) -> tuple[dict[str, Topic], list[Issue]]:
    shown = str(path)
    text, problem = read_text_bounded(path, shown)
    if text is None:
        return {}, [problem] if problem else []
    try:
        data, lines = parse_yaml(text)
    except YamlProblem as prob:
        return {}, [Issue(shown, prob.line, prob.message, prob.fix)]
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
            reader.error(p + ("bands",), f"bands of topic '{tid}' must be a list of \"9-12\" and/or \"13-18\"",
                         'write bands: ["9-12", "13-18"]')
            bands = []
        title = reader.text(t, "title", p, f"{tid}.title", "title")
        summary = reader.text(t, "summary", p, f"{tid}.summary", "goal")
        if title and summary:
            topics[tid] = Topic(tid, tuple(bands), str(t.get("icon", tid)), title, summary)
    return topics, reader.issues
