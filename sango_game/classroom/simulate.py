"""Simulated lab results: a whole class's results files, made without playing.

Used by the merge benchmark and the tests, and useful to a teacher who wants to try the import
and summary screens before the real day (``simulate_lab(session, catalog, folder)``). Scores
are drawn like a real class: each pupil has a skill, each question a difficulty, later levels
are reached by fewer pupils, and the knowledge check improves after playing.
"""

from __future__ import annotations

import json
import random
import secrets
from pathlib import Path

from .. import kinds
from ..core.play import QUALITY_VALUE
from ..progress.rules import stars_for_score
from .files import atomic_write_bytes, sha256_of
from .results import (
    RESULTS_FORMAT,
    RESULTS_VERSION,
    AttemptRecord,
    CheckAnswer,
    CheckScore,
    LevelScore,
    PlayerResults,
    results_file_name,
)
from .session import Session

NICKNAMES = ("Nour", "Amina", "Kofi", "Zoë", "Léa", "Mateo", "Lucía", "Ivan", "Дима", "Аня", "小明", "小红", "李华",
             "王芳", "نور", "ليلى", "يوسف", "سارة", "Omar", "Chen", "Ana", "Pablo", "Inès", "Hugo", "Sofia", "Ali",
             "Maya", "Sam", "Tariq", "Олег", "Мария", "张伟", "刘洋", "فاطمة", "Émile", "Noé", "Valentina", "Diego",
             "Aisha", "Jin", "Kwame", "Rosa", "Tom", "Lina", "Ravi", "Selin", "Yara", "Pedro")
LANG_OF = {"ar": "نورليلىيوسفسارةفاطمة", "zh_Hans": "小明红李华王芳张伟刘洋", "ru": "ДимаАняОлегМария"}
AVATARS = ("cat", "fox", "owl", "turtle", "panda", "rabbit", "lion", "frog", "whale", "robot", "bee", "penguin")


def _language(nickname: str, default: str, rng: random.Random) -> str:
    for code, letters in LANG_OF.items():
        if nickname[0] in letters:
            return code
    return rng.choice([default, default, "en", "fr", "es"])


def _play_level(level, skill: float, difficulty: dict, rng: random.Random) -> tuple[list[AttemptRecord], float]:
    attempts = []
    if level.kind == "practice":
        from ..practice.script import attempt_rows

        rows = attempt_rows(level, "best" if rng.random() < skill else "risky")
        attempts = [AttemptRecord(level.id, item, score, ms) for item, score, ms in rows]
        return attempts, (sum(a.score for a in attempts) / len(attempts) if attempts else 0.0)
    if level.kind == "quiz":
        for q in level.questions:
            p = max(0.05, min(0.98, skill - difficulty[(level.id, q.id)]))
            r = rng.random()
            score = 1.0 if r < p else (0.5 if kinds.get(q.type).partial_credit and r < p + 0.2 else 0.0)
            attempts.append(AttemptRecord(level.id, q.id, score, rng.randint(3000, 40000)))
        total = sum(a.score for a in attempts) / len(attempts) if attempts else 0.0
        return attempts, total
    node = level.node(level.start)
    value = QUALITY_VALUE
    steps = 0
    while not node.is_ending and steps < 50:
        weights = [(skill if c.quality == "good" else (1 - skill) / 2 + 0.05)
                   * (1 + difficulty[(level.id, node.id)] * (c.quality != "good"))
                   for c in node.choices]
        choice = rng.choices(node.choices, weights=weights)[0]
        attempts.append(AttemptRecord(level.id, node.id, value[choice.quality], rng.randint(2000, 30000)))
        node = level.node(choice.next)
        steps += 1
    total = sum(a.score for a in attempts) / len(attempts) if attempts else 0.0
    return attempts, total


def _check(refs, catalog, p_right: float, rng: random.Random) -> CheckScore | None:
    """One pupil's knowledge check: each item right with probability ``p_right``, else a wrong option."""
    from ..core.play import correct_answer

    items = []
    for ref in refs:
        q = next(q for q in catalog.levels[ref.level].questions if q.id == ref.question)
        right = rng.random() < p_right
        if right:
            answer = correct_answer(q)
        elif q.type == "single":  # a plausible wrong option, not always the same one
            answer = rng.choice([c.id for c in q.choices if not c.correct])
        elif q.type == "true_false":
            answer = not q.answer
        elif q.type == "multi":
            answer = [c.id for c in q.choices if not c.correct]
        elif q.type == "red_flags":
            answer = [ln.id for ln in q.message.lines if not ln.flag]
        else:
            answer = {it.id: next(b.id for b in q.bins if b.id != it.bin) for it in q.items}
        items.append(CheckAnswer(ref.key, 1.0 if right else 0.0, json.dumps(answer, sort_keys=True)))
    if not items:
        return None
    return CheckScore(round(sum(i.score for i in items) / len(items), 4), len(items), tuple(items))


def simulate_player(session: Session, catalog, rng: random.Random, nickname: str, difficulty: dict) -> PlayerResults:
    skill = rng.uniform(0.45, 0.95)
    reach = rng.choices(range(1, len(session.playlist) + 1),
                        weights=[1 + i for i in range(len(session.playlist))])[0]
    levels: dict[str, LevelScore] = {}
    attempts: list[AttemptRecord] = []
    for lid in session.playlist[:reach]:
        lv = catalog.levels[lid]
        best = 0.0
        for _ in range(1 if rng.random() < 0.8 else 2):  # some pupils play a level twice
            got, score = _play_level(lv, skill, difficulty, rng)
            attempts += got
            best = max(best, score)
            skill = min(0.98, skill + 0.01)
        levels[lid] = LevelScore(stars_for_score(best, True), round(best, 4), True)
    pre = post = None
    if session.check:
        pre = _check(session.check_for("pre"), catalog, skill - 0.25, rng)
        if rng.random() < 0.9:
            post = _check(session.check_for("post"), catalog, skill + 0.05, rng)
    return PlayerResults(secrets.token_hex(16), nickname, rng.choice(AVATARS), _language(nickname, session.language, rng),
                         levels, tuple(attempts), pre, post)


def simulate_lab(session: Session, catalog, folder: Path | str, pcs: int = 30, shared: int = 10, seed: int = 0) -> list[Path]:
    """Write one results file per computer into ``folder``: ``pcs`` computers, the first
    ``shared`` of them used by two pupils (30 and 10 make a class of 40). Returns the files."""
    rng = random.Random(seed)
    folder = Path(folder)
    difficulty = {}
    for lid in session.playlist:
        lv = catalog.levels[lid]
        for key in ([q.id for q in lv.questions] if lv.kind == "quiz" else [n.id for n in lv.nodes]):
            difficulty[(lid, key)] = rng.uniform(-0.1, 0.4)
    names = list(NICKNAMES)
    rng.shuffle(names)
    paths = []
    k = 0
    for pc in range(pcs):
        machine = f"{rng.getrandbits(128):032x}"
        players = []
        for _ in range(2 if pc < shared else 1):
            nick = names[k % len(names)] if k < len(names) else f"{names[k % len(names)]} {k // len(names) + 1}"
            k += 1
            players.append(simulate_player(session, catalog, rng, nick, difficulty).to_json())
        body = {"format": RESULTS_FORMAT, "version": RESULTS_VERSION, "session_id": session.id, "session_name": session.name,
                "machine_id": machine, "exported_at": f"2025-03-12T11:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}Z",
                "app_version": "sim", "players": players}
        body["checksum"] = {"algorithm": "sha256", "value": sha256_of(body)}
        path = folder / results_file_name(session, machine, f"20250312-{110000 + pc:06d}")
        atomic_write_bytes(path, (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
        paths.append(path)
    return paths
