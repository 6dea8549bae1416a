"""CSV files for spreadsheets: ``results.csv`` (one row per pupil and level), ``summary.csv``
(one row per pupil), ``questions.csv`` (the most missed questions) and ``check-items.csv`` (item
analysis of the knowledge check: difficulty, discrimination, most picked wrong option).

UTF-8 with a byte order mark, so that spreadsheet programs open Arabic, Chinese and Cyrillic
nicknames correctly. Text cells that a spreadsheet would take for a formula (starting with
``=``, ``+``, ``-``, ``@``, tab or carriage return) get a leading apostrophe. Numbers are written
as plain numbers (dot decimal separator, no percent sign) so that they can be computed with.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..i18n import N_, plain_text
from .files import atomic_write_bytes
from .summary import ClassSummary

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

RESULTS_COLUMNS = (N_("Nickname"), N_("Computer"), N_("Level"), N_("Level title"), N_("Topic"), N_("Completed"),
                   N_("Stars"), N_("Best score (%)"), N_("Answers"), N_("Average answer score (%)"))
SUMMARY_COLUMNS = (N_("Nickname"), N_("Computer"), N_("Language"), N_("Levels completed"), N_("Levels in session"),
                   N_("Stars"), N_("Stars possible"), N_("Answers"), N_("Average answer score (%)"),
                   N_("Check before (%)"), N_("Check after (%)"), N_("Improvement (points)"), N_("Normalised gain (%)"))
ITEM_COLUMNS = (N_("Knowledge check"), N_("Level"), N_("Question"), N_("Answers"), N_("Share right (%)"),
                N_("Discrimination"), N_("Most picked wrong answer"), N_("Times picked"))
QUESTION_COLUMNS = (N_("Rank"), N_("Level"), N_("Question"), N_("Answers"), N_("Wrong or partly right"),
                    N_("Share missed (%)"), N_("Average score (%)"))


def safe_cell(value: Any) -> Any:
    """Guard a text cell against formula injection; numbers and None pass unchanged."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value
    text = plain_text(str(value))  # no isolate controls from translated sentences in a file
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def _pct(value: float | None) -> Any:
    return "" if value is None else round(100 * value, 1)


def _yes_no(tr, value: bool) -> str:
    if tr is None:
        return "yes" if value else "no"
    return tr._("yes") if value else tr._("no")


def _h(tr, columns) -> list[str]:
    return [tr._(c) if tr is not None else c for c in columns]


def _text(tr, text) -> str:
    if text is None:
        return ""
    return tr.level(text) if tr is not None else text.source


def csv_bytes(header: list[str], rows: Iterable[list[Any]]) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([safe_cell(h) for h in header])
    for row in rows:
        w.writerow([safe_cell(c) for c in row])
    return buf.getvalue().encode("utf-8-sig")


def results_rows(summary: ClassSummary, catalog, tr=None) -> list[list[Any]]:
    rows = []
    playlist = summary.session.playlist
    for pr in summary.pupils:
        p = pr.pupil
        per_level: dict[str, list[float]] = {}
        for a in p.attempts:
            per_level.setdefault(a.level, []).append(a.score)
        for lid in playlist:
            lv = catalog.levels.get(lid)
            res = p.levels.get(lid)
            scores = per_level.get(lid, [])
            topic = catalog.topics.get(lv.topic) if lv is not None else None
            rows.append([p.display_name, p.pc, lid, _text(tr, lv.title) if lv is not None else "",
                         _text(tr, topic.title) if topic is not None else (lv.topic if lv is not None else ""),
                         _yes_no(tr, bool(res and res.completed)), res.best_stars if res else 0,
                         _pct(res.best_score) if res else "", len(scores),
                         _pct(sum(scores) / len(scores)) if scores else ""])
    return rows


def summary_rows(summary: ClassSummary) -> list[list[Any]]:
    rows = []
    for pr in summary.pupils:
        p = pr.pupil
        imp = pr.improvement
        rows.append([p.display_name, p.pc, p.language, pr.completed, pr.total, pr.stars, pr.max_stars, pr.attempts,
                     _pct(pr.average), _pct(pr.pre), _pct(pr.post), "" if imp is None else round(100 * imp, 1),
                     _pct(pr.gain)])
    return rows


def item_rows(summary: ClassSummary, tr=None) -> list[list[Any]]:
    phase = {"pre": N_("Before"), "post": N_("After")}
    rows = []
    for it in summary.items:
        wrong = _text(tr, it.top_wrong_text) or (it.top_wrong or "")
        if it.top_wrong in ("true", "false") and it.top_wrong_text is None:
            wrong = _h(tr, [N_("True") if it.top_wrong == "true" else N_("False")])[0]
        rows.append([_h(tr, [phase[it.phase]])[0], it.level, _text(tr, it.prompt) or it.question, it.answers,
                     _pct(it.difficulty), "" if it.discrimination is None else round(it.discrimination, 2),
                     wrong, it.top_wrong_count or ""])
    return rows


def question_rows(summary: ClassSummary, tr=None) -> list[list[Any]]:
    return [[i, _text(tr, m.level_title) or m.level, _text(tr, m.prompt) or m.question, m.attempts, m.missed,
             _pct(m.share), _pct(m.average)] for i, m in enumerate(summary.most_missed, 1)]


def write_csv_files(folder: Path | str, summary: ClassSummary, catalog, tr=None) -> list[Path]:
    """Write results.csv, summary.csv, questions.csv (and check-items.csv) into ``folder`` (atomically). Returns the paths."""
    folder = Path(folder)
    out = []
    out.append(atomic_write_bytes(folder / "results.csv", csv_bytes(_h(tr, RESULTS_COLUMNS), results_rows(summary, catalog, tr))))
    out.append(atomic_write_bytes(folder / "summary.csv", csv_bytes(_h(tr, SUMMARY_COLUMNS), summary_rows(summary))))
    out.append(atomic_write_bytes(folder / "questions.csv", csv_bytes(_h(tr, QUESTION_COLUMNS), question_rows(summary, tr))))
    if summary.items:
        out.append(atomic_write_bytes(folder / "check-items.csv", csv_bytes(_h(tr, ITEM_COLUMNS), item_rows(summary, tr))))
    return out
