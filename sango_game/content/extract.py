"""Babel extractor for level YAML: every string with msgctxt ``<level id>|<field>``.

Registered as the Babel extraction method ``sango_levels`` (see pyproject.toml) and used by
``sango-game i18n extract``. Translators then work with ordinary .po tools; the context keeps
each string of each level distinct, and the comment tells where it appears and how long it may be.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

log = logging.getLogger(__name__)


def _comment(ctx: str, limit: int, where: str) -> list[str]:
    field = ctx.split("|", 1)[1]
    out = [f"{where}: {field}"]
    if limit:
        out.append(f"Shown in a box sized for about {int(limit * 1.3)} characters.")
    return out


def extract_levels(fileobj, keywords, comment_tags, options) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    from .loader import load_level, load_topics

    name = getattr(fileobj, "name", "") or ""
    path = Path(name)
    if path.name == "topics.yaml":
        topics, issues = load_topics(path)
        for t in topics.values():
            for text in (t.title, t.summary):
                yield text.line, "pgettext", (text.ctx, text.source), [f"Topic {t.id}"]
        return
    if path.suffix != ".yaml":
        return
    topics_file = path.parent.parent / "topics.yaml"
    known_topics = load_topics(topics_file)[0] if topics_file.exists() else None
    result = load_level(path, known_topics)
    if result.level is None:
        for issue in result.errors:
            log.warning("not extracted: %s", issue.format())
        return
    lv = result.level
    where = f"{lv.band} {lv.kind} {lv.id}"
    for text in lv.texts():
        yield text.line, "pgettext", (text.ctx, text.source), _comment(text.ctx, text.limit, where)
