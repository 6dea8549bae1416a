"""Load every level of the game: broken levels are skipped with a notice, the rest still load."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..resources import asset_path, levels_path
from .loader import LoadResult, load_level, load_topics
from .model import BANDS, Issue, Level, Topic


@dataclass
class Catalog:
    topics: dict[str, Topic]
    levels: dict[str, Level]
    issues: list[Issue] = field(default_factory=list)
    packs: list = field(default_factory=list)  # content packs whose levels were added (content.packs)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def broken_files(self) -> list[str]:
        return sorted({i.path for i in self.errors})

    def band_levels(self, band: str) -> list[Level]:
        order = {tid: i for i, tid in enumerate(self.topics)}
        return sorted((lv for lv in self.levels.values() if lv.band == band),
                      key=lambda lv: (order.get(lv.topic, 999), lv.order, lv.id))

    def band_topics(self, band: str) -> list[Topic]:
        present = {lv.topic for lv in self.levels.values() if lv.band == band}
        return [t for t in self.topics.values() if band in t.bands and t.id in present]

    def topic_levels(self, band: str, topic: str) -> list[Level]:
        return [lv for lv in self.band_levels(band) if lv.topic == topic]


def level_files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*.yaml") if p.name != "topics.yaml")


def _display(path: Path, base: Path) -> str:
    try:
        return str(path.relative_to(base))
    except ValueError:
        return str(path)


def load_catalog(root: Path | None = None, topics_file: Path | None = None, assets_root: Path | None = None,
                 on_file: Callable[[str, list[Issue]], None] | None = None) -> Catalog:
    """Load every level under ``root``. ``on_file(shown_path, issues)`` is called as each file is done, so a
    checker can print as it goes; a file that breaks the loader itself is reported, never fatal to the rest."""
    root = Path(root) if root is not None else levels_path()
    if topics_file is None:
        topics_file = (root if root.is_dir() else root.parent) / "topics.yaml"
        if not topics_file.exists():
            topics_file = levels_path("topics.yaml")
    assets_root = assets_root or asset_path()
    key = _content_key(root, topics_file, assets_root) if on_file is None else None
    kept = _KEPT.get(key) if key is not None else None
    if kept is not None:
        return Catalog(dict(kept.topics), dict(kept.levels), list(kept.issues))
    catalog = _load(root, topics_file, assets_root, on_file)
    if key is not None:
        if len(_KEPT) >= _KEEP:
            del _KEPT[next(iter(_KEPT))]
        _KEPT[key] = Catalog(dict(catalog.topics), dict(catalog.levels), list(catalog.issues))
    return catalog


# Catalogs already loaded in this process, by the names and contents of everything loading reads
# (the topics, every level file, the names of the art files images may point to). Their levels,
# topics and issues are frozen, so a later load of the same files shares them and only reads the
# files' bytes: the test suite builds hundreds of games in one process, each loading the levels.
_KEPT: dict[tuple, Catalog] = {}
_KEEP = 4


def _content_key(root: Path, topics_file: Path, assets_root: Path) -> tuple | None:
    import hashlib
    import os

    digest = hashlib.blake2b(digest_size=20)
    try:
        for path in (topics_file, *level_files(root)):
            data = path.read_bytes()
            digest.update(f"{path}\0{len(data)}\0".encode())
            digest.update(data)
        art: list[str] = []
        for folder, dirs, files in os.walk(assets_root):
            dirs.sort()
            art += (os.path.join(folder, f) for f in sorted(files))
    except OSError:  # unreadable: load it the slow way, which reports what is wrong
        return None
    digest.update("\0".join(art).encode())
    return (str(root), str(topics_file), str(assets_root), digest.digest())


def _load(root: Path, topics_file: Path, assets_root: Path,
          on_file: Callable[[str, list[Issue]], None] | None) -> Catalog:
    topics, issues = load_topics(topics_file)
    base = root.parent if root.is_dir() else root.parent.parent
    levels: dict[str, Level] = {}
    if on_file is not None and issues:
        on_file(str(topics_file), list(issues))
    for path in level_files(root):
        shown = _display(path, base)
        try:
            result = load_level(path, topics, assets_root, shown)
        except Exception as exc:  # noqa: BLE001 - a loader bug on one file must not hide every other file's report
            result = LoadResult(None, [Issue(shown, None, f"the checker failed on this file ({type(exc).__name__}: {exc})",
                                             "please report this file to the Sango developers")])
        issues.extend(result.issues)
        if on_file is not None:
            on_file(shown, result.issues)
        lv = result.level
        if lv is None:
            continue
        if lv.id in levels:
            other = levels[lv.id].path
            issues.append(Issue(_display(path, base), 1, f"duplicate level id '{lv.id}' (also in {other})",
                                "give each level file its own id (the id is the file name)"))
            continue
        expected_dir = lv.band
        if path.parent.name in BANDS and path.parent.name != expected_dir:
            issues.append(Issue(_display(path, base), None, f"band {lv.band} level is in folder {path.parent.name}/",
                                f"move the file to levels/{expected_dir}/", "warning"))
        levels[lv.id] = lv
    # The same order number twice inside a topic makes the map ambiguous.
    seen: dict[tuple, str] = {}
    for lv in sorted(levels.values(), key=lambda x: x.id):
        key = (lv.band, lv.topic, lv.order)
        if key in seen:
            issues.append(Issue(_display(lv.path, base) if lv.path else lv.id, None,
                                f"levels '{seen[key]}' and '{lv.id}' both have order {lv.order} in topic {lv.topic}",
                                "give each level of a topic its own order number", "warning"))
        seen[key] = lv.id
    return Catalog(topics, levels, issues)
