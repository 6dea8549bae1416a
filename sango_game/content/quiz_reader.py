"""Readers for quiz levels: questions, choices, simulated messages and sorting bins."""

from __future__ import annotations

from typing import Any

from .. import kinds
from .fields import CHECK_PHASES, ORDERS, FieldReader, Path_
from .model import MESSAGE_FORMATS, Bin, Choice, Message, MessageLine, Question, SortItem


class QuizReader(FieldReader):
    def read_questions(self, top: dict) -> tuple[Question, ...]:
        out = []
        seen: set[str] = set()
        for i, raw in enumerate(self.seq(top, "questions", (), 4, 10, "questions")):
            path = ("questions", i)
            q = self.mapping(raw, path, "a question")
            if q is None:
                continue
            qid = self.ident(q, "id", path, seen)
            qtype = self.choice_of(q, "type", path, kinds.names())
            kind = kinds.get(qtype) if qtype else None
            self.keys(q, path, ["id", "type", "prompt", "explain", *(kind.fields if kind else ())],
                      ["mood", "image", "order", "check"])
            prompt = self.text(q, "prompt", path, f"{qid}.prompt", "prompt")
            explain = self.text(q, "explain", path, f"{qid}.explain", "explain")
            kw: dict[str, Any] = {"mood": self.mood(q, path), "image": self.image(q, path),
                                  "fixed_order": self.choice_of(q, "order", path, ORDERS, required=False) == "fixed",
                                  "check": self.choice_of(q, "check", path, CHECK_PHASES, required=False)}
            if kind is not None:
                kw.update(kind.read(self, q, path, qid))  # the kind reads its own fields
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
