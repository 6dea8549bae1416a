"""Content packs: a country's or a school's own levels, catalogs and helplines, as data only.

A pack is a folder (or a ``.zip`` of one) with ``pack.toml``::

    id = "ke-safety"            # lowercase letters, digits, '-'
    name = "Kenya: staying safe online"
    version = "1.0.0"
    country = "KE"              # ISO 3166 code
    languages = ["en", "fr"]
    author = "..."
    licence = "CC-BY-4.0"
    [[topics]]                  # optional: new topics (id, bands, icon, title, summary)
    [[helplines]]               # optional: name, number, hours, languages, country

plus ``levels/`` (the same YAML as the game's levels), optional ``locales/<lang>/LC_MESSAGES/
messages.po`` for the pack's own strings and optional art. Pack levels get namespaced ids
(``packid/levelid``) so they can never replace a built-in level. A broken pack or level is skipped
with a notice. Zips are data, never code: no paths out of the pack, no links, no zip bombs.
"""

from __future__ import annotations

import re
import shutil
import stat
import tempfile
import tomllib
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from .model import BANDS, Issue, Level, Text, Topic

MANIFEST = "pack.toml"
PACK_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,39}$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
REQUIRED = ("id", "name", "version", "country", "languages", "author", "licence")
OPTIONAL = ("topics", "helplines", "description")
HELPLINE_KEYS = {"name", "number", "hours", "languages", "country"}
ALLOWED_SUFFIXES = frozenset({".toml", ".yaml", ".yml", ".po", ".pot", ".svg", ".png", ".md", ".txt", ".json", ""})
MAX_FILES = 2_000
MAX_TOTAL_BYTES = 50 * 1024 * 1024
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed: text compresses ~5-10x, bombs ~1000x


class PackError(Exception):
    """A pack that cannot be used: ``message`` says what, ``fix`` how to fix it."""

    def __init__(self, path: Path | str, message: str, fix: str = ""):
        super().__init__(f"{path}: {message}")
        self.path, self.message, self.fix = str(path), message, fix

    def issue(self) -> Issue:
        return Issue(self.path, None, self.message, self.fix)


@dataclass(frozen=True)
class Helpline:
    name: str
    number: str
    hours: str = ""
    languages: tuple[str, ...] = ()
    country: str = ""

    def text(self) -> str:
        """One line, numbers kept as written; hours in brackets when given."""
        return f"{self.name} {self.number}" + (f" ({self.hours})" if self.hours else "")


@dataclass(frozen=True)
class Pack:
    id: str
    name: str
    version: str
    country: str
    languages: tuple[str, ...]
    author: str
    licence: str
    root: Path
    helplines: tuple[Helpline, ...] = ()
    topics: tuple[Topic, ...] = ()


@dataclass
class LoadedPack:
    pack: Pack
    levels: dict[str, Level] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    files: int = 0


def is_pack(path: Path) -> bool:
    path = Path(path)
    return (path.is_dir() and (path / MANIFEST).is_file()) or (path.is_file() and path.suffix.lower() == ".zip")


# -- manifest --------------------------------------------------------------------------------------------
def _str(data: dict, key: str, where: Path) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise PackError(where, f"'{key}' must be a non-empty text", f'write {key} = "..." in {MANIFEST}')
    return value.strip()


def read_manifest(root: Path) -> Pack:
    from ..i18n import LANG_BY_CODE

    path = Path(root) / MANIFEST
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PackError(path, f"cannot be read ({exc.strerror or exc})", f"add a {MANIFEST} to the pack folder") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PackError(path, f"is not valid TOML ({exc})", "check the quotes and the '=' signs") from None
    unknown = sorted(set(data) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise PackError(path, f"unknown key(s): {', '.join(unknown)}", f"allowed keys: {', '.join(REQUIRED + OPTIONAL)}")
    pack_id = _str(data, "id", path)
    if not PACK_ID_RE.match(pack_id):
        raise PackError(path, f"pack id '{pack_id}' is not valid", "use 2-40 lowercase letters, digits and '-'")
    country = _str(data, "country", path)
    if not COUNTRY_RE.match(country):
        raise PackError(path, f"country '{country}' is not a two-letter country code", 'e.g. country = "KE"')
    langs = data.get("languages")
    if not isinstance(langs, list) or not langs or any(lang not in LANG_BY_CODE for lang in langs):
        raise PackError(path, f"languages must be a list of {', '.join(LANG_BY_CODE)}", 'e.g. languages = ["en", "fr"]')
    helplines = []
    for i, raw in enumerate(data.get("helplines") or []):
        if not isinstance(raw, dict) or set(raw) - HELPLINE_KEYS or not {"name", "number"} <= set(raw):
            raise PackError(path, f"helpline {i + 1} needs name and number (and may have hours, languages, country)",
                            '[[helplines]] name = "..." number = "..."')
        hl_langs = raw.get("languages") or list(langs)
        if not all(isinstance(v, str) for k, v in raw.items() if k != "languages") or not isinstance(hl_langs, list):
            raise PackError(path, f"helpline {i + 1}: values must be text", 'write number = "116 111" in quotes')
        helplines.append(Helpline(" ".join(raw["name"].split())[:40], " ".join(raw["number"].split())[:24],
                                  " ".join(raw.get("hours", "").split())[:40], tuple(hl_langs), raw.get("country", country)))
    topics = []
    for i, raw in enumerate(data.get("topics") or []):
        keys = {"id", "bands", "icon", "title", "summary"}
        if not isinstance(raw, dict) or set(raw) != keys:
            raise PackError(path, f"topic {i + 1} needs exactly: {', '.join(sorted(keys))}", "see levels/topics.yaml for the form")
        if not isinstance(raw["bands"], list) or not set(raw["bands"]) <= set(BANDS):
            raise PackError(path, f"topic {i + 1}: bands must be a list of {', '.join(BANDS)}", 'bands = ["9-12"]')
        from ..resources import asset_path

        if not asset_path("icons", "topics", f"{raw['icon']}.svg").is_file():
            raise PackError(path, f"topic {i + 1}: there is no topic icon '{raw['icon']}'",
                            "use the icon of one of the game's topics, e.g. getting-help")
        tid = f"{pack_id}/{raw['id']}"
        topics.append(Topic(tid, tuple(raw["bands"]), str(raw["icon"]), Text(f"topic|{tid}.title", str(raw["title"])),
                            Text(f"topic|{tid}.summary", str(raw["summary"]))))
    return Pack(pack_id, _str(data, "name", path), _str(data, "version", path), country, tuple(langs), _str(data, "author", path),
                _str(data, "licence", path), Path(root), tuple(helplines), tuple(topics))


# -- loading --------------------------------------------------------------------------------------------------
def load_pack(root: Path, topics: dict[str, Topic]) -> LoadedPack:
    """A pack's levels with namespaced ids; problems become issues, never exceptions."""
    from ..resources import asset_path
    from .catalog import level_files
    from .loader import load_level

    pack = read_manifest(root)
    loaded = LoadedPack(pack)
    all_topics = dict(topics)
    all_topics.update({t.id.split("/", 1)[1]: t for t in pack.topics})  # levels name their pack's topics plainly
    levels_dir = Path(root) / "levels"
    files = level_files(levels_dir) if levels_dir.is_dir() else []
    loaded.files = len(files)
    if not files:
        loaded.issues.append(Issue(str(levels_dir), None, "the pack has no levels", "add level files under levels/", "warning"))
    art = Path(root) / "art"
    for path in files:
        shown = f"{pack.id}:{path.relative_to(root).as_posix()}"
        result = load_level(path, all_topics, art if art.is_dir() else asset_path(), shown)
        loaded.issues.extend(result.issues)
        lv = result.level
        if lv is None:
            continue
        topic = lv.topic if lv.topic in topics else f"{pack.id}/{lv.topic}"
        lv = replace(lv, id=f"{pack.id}/{lv.id}", topic=topic, pack=pack.name)
        if lv.id in loaded.levels:
            loaded.issues.append(Issue(shown, None, f"duplicate level id '{lv.id}'", "give each level its own id"))
            continue
        loaded.levels[lv.id] = lv
    return loaded


def load_pack_catalog(root: Path):
    """``sango-game check PACK``: the built-in topics plus the pack (a zip is read from a temporary copy)."""
    from ..resources import levels_path
    from .catalog import Catalog
    from .loader import load_topics

    topics, issues = load_topics(levels_path("topics.yaml"))
    root = Path(root)
    with tempfile.TemporaryDirectory(prefix="sango-pack-") as tmp:
        try:
            folder = extract_zip(root, Path(tmp) / "pack") if root.is_file() else root
            loaded = load_pack(folder, topics)
        except PackError as exc:
            return Catalog(topics, {}, issues + [exc.issue()]), 0
    topics.update({t.id: t for t in loaded.pack.topics})
    return Catalog(topics, loaded.levels, issues + loaded.issues), loaded.files


def pack_folders(data_folder: Path | None = None) -> list[Path]:
    """Where packs are looked for: the data folder's ``packs/`` (the first, where packs are installed)
    and the folders listed in config.toml (``packs = ["D:/sango-packs"]``)."""
    from ..paths import config_value, data_dir

    out = []
    try:
        out.append(Path(data_folder or data_dir()) / "packs")
    except Exception:  # noqa: BLE001 - no data folder: built-in levels only
        pass
    try:
        extra = config_value("packs", [])
    except Exception:  # noqa: BLE001 - a broken config file must not hide the game
        extra = []
    if isinstance(extra, str):
        extra = [extra]
    out += [Path(p).expanduser() for p in extra if isinstance(p, str) and p.strip()]
    return out


def installed_packs(folders: list[Path] | None = None) -> list[Path]:
    found = []
    for folder in pack_folders() if folders is None else folders:
        try:
            found += sorted(p for p in Path(folder).iterdir() if p.is_dir() and (p / MANIFEST).is_file())
        except OSError:
            continue
    return found


def add_packs(catalog, folders: list[Path] | None = None) -> list[Pack]:
    """Add every installed pack's topics and levels to ``catalog``; broken ones are skipped with a notice."""
    from ..i18n import register_pack_catalogs

    packs = []
    for root in installed_packs(folders):
        try:
            loaded = load_pack(root, catalog.topics)
        except PackError as exc:
            catalog.issues.append(exc.issue())
            continue
        catalog.issues.extend(loaded.issues)
        if any(lv.id in catalog.levels for lv in loaded.levels.values()):
            catalog.issues.append(Issue(str(root), None, f"pack '{loaded.pack.id}' is installed twice", "remove one copy"))
            continue
        for t in loaded.pack.topics:
            catalog.topics.setdefault(t.id, t)
        catalog.levels.update(loaded.levels)
        register_pack_catalogs(root / "locales")
        packs.append(loaded.pack)
    catalog.packs = packs
    return packs


# -- zips and installing -------------------------------------------------------------------------------------------
def _safe_name(name: str) -> PurePosixPath | None:
    """The member's path inside the pack, or None when it would leave it (zip-slip) or is odd."""
    if "\\" in name or "\x00" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return None
    p = PurePosixPath(name)
    if any(part in ("..", "") for part in p.parts) or not p.parts:
        return None
    return p


def extract_zip(zip_path: Path, dest: Path) -> Path:
    """Extract a pack zip into ``dest`` (which must not exist), refusing anything that is not plain data.
    A zip whose files sit in one top folder is unwrapped. Raises PackError."""
    try:
        zf = zipfile.ZipFile(zip_path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise PackError(zip_path, f"is not a readable zip file ({exc})", "make the zip again from the pack folder") from None
    with zf:
        members = [m for m in zf.infolist() if not m.is_dir()]
        if len(members) > MAX_FILES:
            raise PackError(zip_path, f"has {len(members)} files, more than {MAX_FILES}", "a pack needs only levels, catalogs and art")
        total = 0
        plan = []
        for m in members:
            rel = _safe_name(m.filename)
            if rel is None:
                raise PackError(zip_path, f"contains a path that leaves the pack: {m.filename!r}", "zip the pack folder itself")
            mode = m.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise PackError(zip_path, f"contains a link: {m.filename}", "packs hold plain files only")
            if PurePosixPath(m.filename).suffix.lower() not in ALLOWED_SUFFIXES:
                raise PackError(zip_path, f"contains a file that is not pack data: {m.filename}",
                                "packs hold only .toml, .yaml, .po, .svg, .png, .md and .txt files")
            if m.file_size > MAX_FILE_BYTES or m.file_size > MAX_RATIO * max(m.compress_size, 1024):
                raise PackError(zip_path, f"{m.filename} unpacks too big", "this does not look like a pack")
            total += m.file_size
            if total > MAX_TOTAL_BYTES:
                raise PackError(zip_path, "unpacks to more than 50 MB", "a pack needs only levels, catalogs and art")
            plan.append((m, rel))
        tops = {rel.parts[0] for _, rel in plan}
        strip = len(tops) == 1 and all(len(rel.parts) > 1 for _, rel in plan)
        dest.mkdir(parents=True)
        written = 0
        for m, rel in plan:
            parts = rel.parts[1:] if strip else rel.parts
            target = dest.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            # Sizes in the header can lie: count what really comes out.
            with zf.open(m) as src, target.open("wb") as out:
                while chunk := src.read(65536):
                    written += len(chunk)
                    if written > MAX_TOTAL_BYTES or out.tell() + len(chunk) > MAX_FILE_BYTES:
                        raise PackError(zip_path, "unpacks to more than it says", "this does not look like a pack")
                    out.write(chunk)
    return dest


def _copy_folder(src: Path, dest: Path) -> None:
    """Copy plain files only (links are skipped: a pack must not point outside itself)."""
    count = 0
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if path.is_symlink() or any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_dir():
            continue
        if path.suffix.lower() not in ALLOWED_SUFFIXES:
            continue
        count += 1
        if count > MAX_FILES:
            raise PackError(src, f"has more than {MAX_FILES} files", "a pack needs only levels, catalogs and art")
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def install_pack(source: Path, packs_dir: Path) -> LoadedPack:
    """Copy a pack (folder or zip, e.g. from a USB stick) into ``packs_dir``, validating it first.
    Nothing is changed when it is broken; an older copy of the same pack is replaced."""
    from ..resources import levels_path
    from .loader import load_topics

    source, packs_dir = Path(source), Path(packs_dir)
    packs_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".incoming-", dir=packs_dir))
    try:
        folder = staging / "pack"
        if source.is_file():
            extract_zip(source, folder)
        elif (source / MANIFEST).is_file():
            _copy_folder(source, folder)
        else:
            raise PackError(source, f"is not a pack (no {MANIFEST})", "pick the pack folder or its .zip")
        topics, _ = load_topics(levels_path("topics.yaml"))
        loaded = load_pack(folder, topics)
        errors = [i for i in loaded.issues if i.severity == "error"]
        if errors or not loaded.levels:
            first = errors[0] if errors else Issue(str(source), None, "the pack has no levels")
            raise PackError(first.path, first.message, first.fix)
        final = packs_dir / loaded.pack.id
        if final.exists():
            shutil.rmtree(final)
        folder.rename(final)
        return load_pack(final, topics)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def remove_pack(packs_dir: Path, pack_id: str) -> bool:
    """Delete an installed pack (the caller asks for the teacher PIN first)."""
    if not PACK_ID_RE.match(pack_id):
        return False
    target = Path(packs_dir) / pack_id
    if not (target / MANIFEST).is_file():
        return False
    shutil.rmtree(target)
    return True


def find_packs_on(drives: list[Path]) -> list[Path]:
    """Pack folders and zips on USB sticks: at the top, in ``Sango/``, ``Sango/packs/`` or ``packs/``."""
    found: list[Path] = []
    for drive in drives:
        for folder in (drive, drive / "Sango", drive / "Sango" / "packs", drive / "packs"):
            try:
                entries = sorted(folder.iterdir())
            except OSError:
                continue
            for p in entries:
                if p.is_symlink():
                    continue
                if (p.is_dir() and (p / MANIFEST).is_file()) or (p.is_file() and p.suffix.lower() == ".zip"):
                    found.append(p)
    return found


def pack_helplines(catalog, language: str) -> list[Helpline]:
    """Helplines of the installed packs for a child speaking ``language`` (all of them when none matches)."""
    lines = [h for p in getattr(catalog, "packs", []) for h in p.helplines]
    matching = [h for h in lines if language in h.languages]
    return matching or lines
