"""Load and validate 1,000 generated levels (quizzes and scenarios); prints the time.

    python bench/bench_levels.py [--count 1000]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sango_game.content import load_catalog  # noqa: E402
from sango_game.resources import levels_path  # noqa: E402


def make_quiz(i: int, rng: random.Random, topic: str) -> dict:
    qs = []
    for n in range(8):
        kind = ["single", "true_false", "multi", "red_flags", "sort"][n % 5]
        q = {"id": f"q{n}", "type": kind, "prompt": f"Question {n} of level {i}?", "explain": "Because it keeps you safe."}
        if kind in ("single", "multi"):
            q["choices"] = [{"id": c, "text": f"Choice {c}", **({"correct": True} if c == "a" else {"feedback": "Not this one."})}
                            for c in "abcd"]
        elif kind == "true_false":
            q.update(answer=rng.random() < 0.5, feedback="Think again.")
        elif kind == "red_flags":
            q["message"] = {"format": "chat", "from": "Someone", "lines": [
                {"id": f"l{k}", "text": f"Line {k}", "why": "Because.", **({"flag": True} if k % 2 else {})} for k in range(6)]}
        else:
            q["bins"] = [{"id": "safe", "label": "Safe"}, {"id": "private", "label": "Private"}]
            q["items"] = [{"id": f"i{k}", "text": f"Item {k}", "bin": "safe" if k % 2 else "private", "feedback": "Look again."}
                          for k in range(6)]
        qs.append(q)
    return {"id": f"k-gen{i}-quiz", "kind": "quiz", "band": "9-12", "topic": topic, "order": 1, "title": f"Generated {i}",
            "goal": "I can test speed.", "intro": "Hello!", "discussion": ["Why?"], "questions": qs}


def make_scenario(i: int, rng: random.Random, topic: str) -> dict:
    nodes = []
    depth = 8
    for d in range(depth):
        nxt = f"n{d + 1}" if d + 1 < depth else "end-good"
        nodes.append({"id": f"n{d}", "speaker": "narrator", "text": f"Step {d}.", "choices": [
            {"id": "good", "text": "Tell an adult.", "quality": "good", "consequence": "Safe.", "next": nxt},
            {"id": "okay", "text": "Wait.", "quality": "okay", "consequence": "Hmm.", "next": nxt},
            {"id": "risky", "text": "Reply.", "quality": "risky", "consequence": "Oh no.", "next": "end-risky"}]})
    nodes.append({"id": "end-good", "ending": "good", "text": "Well done.", "lesson": "Tell someone."})
    nodes.append({"id": "end-risky", "ending": "risky", "text": "You got help.", "lesson": "It is never too late."})
    return {"id": f"k-gen{i}-scenario", "kind": "scenario", "band": "9-12", "topic": topic, "order": 2, "title": f"Story {i}",
            "goal": "I can test speed.", "intro": "Hello!", "discussion": ["Why?"], "start": "n0", "nodes": nodes}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=1000)
    args = ap.parse_args()
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "levels"
        (root / "9-12").mkdir(parents=True)
        (root / "topics.yaml").write_text(levels_path("topics.yaml").read_text(encoding="utf-8"), encoding="utf-8")
        total_bytes = 0
        for i in range(args.count):
            data = make_quiz(i, rng, "passwords") if i % 2 == 0 else make_scenario(i, rng, "strangers")
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
            total_bytes += len(text)
            (root / "9-12" / f"{data['id']}.yaml").write_text(text, encoding="utf-8")
        t0 = time.perf_counter()
        cat = load_catalog(root)
        dt = time.perf_counter() - t0
    n_q = sum(len(lv.questions) for lv in cat.levels.values())
    n_nodes = sum(len(lv.nodes) for lv in cat.levels.values())
    print(f"loaded and validated {len(cat.levels)} levels ({total_bytes / 1e6:.1f} MB of YAML, {n_q} questions, "
          f"{n_nodes} scenario nodes) in {dt:.2f} s = {1000 * dt / max(1, len(cat.levels)):.2f} ms per level; "
          f"{len(cat.errors)} errors")
    t0 = time.perf_counter()
    real = load_catalog()
    print(f"the bundled curriculum: {len(real.levels)} levels in {time.perf_counter() - t0:.3f} s")
    return 0 if not cat.errors else 1


if __name__ == "__main__":
    sys.exit(main())
