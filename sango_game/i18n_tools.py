"""Translator tools: ``sango-game i18n extract | update | compile | check``.

* ``extract``: all UI strings (Python) and level strings (YAML) into ``locales/messages.pot``.
* ``update``: merge the template into every ``locales/<lang>/LC_MESSAGES/messages.po`` (new strings
  empty, changed ones fuzzy; English is filled from the source).
* ``compile``: write the ``.mo`` files beside the ``.po`` files (the wheel build does this too).
* ``check``: per language, what is missing, fuzzy, has mismatched ``{placeholders}``, the wrong
  number of plural forms, or characters the bundled font of that language cannot draw.
"""

from __future__ import annotations

import copy
import io
import re
import sys
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .i18n import DOMAIN, LANGUAGES, MO_NAMES, placeholders, po_path

KEYWORDS = {
    "_": None,
    "f": None,
    "N_": None,
    "Nn_": (1, 2),
    "gettext": None,
    "p": ((1, "c"), 2),
    "pf": ((1, "c"), 2),
    "pgettext": ((1, "c"), 2),
    "nf": (1, 2),
    "ngettext": (1, 2),
}
METHOD_MAP = [
    ("sango_game/**.py", "python"),
    ("levels/**.yaml", "sango_game.content.extract:extract_levels"),
]


def languages_of(root: Path):
    """The game's six languages, or a content pack's own (English always: it is the source)."""
    if (Path(root) / "pack.toml").is_file():
        from .content.packs import PackError, read_manifest

        try:
            codes = set(read_manifest(Path(root)).languages) | {"en"}
        except PackError:
            codes = {"en"}
        return [lang for lang in LANGUAGES if lang.code in codes]
    return list(LANGUAGES)


def repo_root() -> Path:
    from .resources import data_root

    return data_root()


def extract(root: Path | None = None):
    """Build the template catalog from the sources under ``root``."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    from . import __version__

    root = root or repo_root()
    cat = Catalog(project="Sango", version=__version__, copyright_holder="The Sango contributors",
                  msgid_bugs_address="translators@sango.invalid", charset="utf-8", fuzzy=False)
    code_root = root if (root / "sango_game").is_dir() else root.parent.parent
    jobs = [(code_root, METHOD_MAP[:1]), (root, METHOD_MAP[1:])]
    if (root / "pack.toml").is_file():  # a content pack: its level text only, no program strings
        jobs = jobs[1:]
    for base, method_map in jobs:
        for filename, lineno, message, comments, context in extract_from_dir(
                str(base), method_map=method_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",), strip_comment_tags=True):
            cat.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    if (root / "pack.toml").is_file():
        from .content.packs import read_manifest

        for topic in read_manifest(root).topics:
            for text in (topic.title, topic.summary):
                cat.add(text.source, None, [("pack.toml", 0)], auto_comments=[f"Topic {topic.id}"], context=text.ctx)
    return cat


def _project_headers(cat, code: str) -> None:
    """Headers translators' tools expect, and the plural rule the project owns (see plurals.py)."""
    from .plurals import PLURAL_FORMS

    cat.mime_headers = [("Plural-Forms", PLURAL_FORMS[code]),
                        ("Language-Team", f"Sango translators ({code})"),
                        ("Last-Translator", "The Sango contributors")]
    if cat.revision_date is None or isinstance(cat.revision_date, str):
        cat.revision_date = cat.creation_date


def _no_percent_format(cat) -> None:
    """The game formats with named ``{fields}``, never ``%``: Babel flags "20% off" as
    python-format, and GNU msgfmt, Poedit and Weblate then report an error on every translation."""
    for msg in cat:
        msg.flags.discard("python-format")


def write_catalog(cat, path: Path) -> None:
    from babel.messages.pofile import write_po

    _no_percent_format(cat)
    buf = io.BytesIO()
    # No line numbers in the location comments: they change with every code edit and make
    # catalogs from parallel branches conflict; the file name is enough to find a string.
    write_po(buf, cat, width=100, sort_output=False, include_previous=True, include_lineno=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(buf.getvalue())
    tmp.replace(path)


def read_catalog(path: Path, locale: str | None = None):
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        return read_po(fh, locale=locale, abort_invalid=False)


_read_only: dict[tuple[str, str | None], tuple[str, Any, int]] = {}  # key -> (digest, catalog, .po bytes)


def read_catalog_shared(path: Path, locale: str | None = None):
    """The catalog at ``path`` for reading only: parsed once while the file's content is the same
    (by digest, not file time) and shared by every caller, so it must not be changed. ``check``
    uses it: a check of six languages, and the tests, read the same template again and again."""
    from babel.messages.pofile import read_po

    from .i18n import _digest  # the digest compiled catalogs carry: one notion of "the same .po"

    data = path.read_bytes()
    digest = _digest(data)
    key = (str(path.resolve()), locale)
    got = _read_only.get(key)
    if got is None or got[0] != digest:
        _read_only.pop(key, None)
        # The oldest first (dicts keep their order), by size: small catalogs (a test's, a pack's) do
        # not push the game's own out, which take 0.2 s each to parse again.
        while _read_only and (len(_read_only) >= _READ_ONLY_KEPT
                              or sum(e[2] for e in _read_only.values()) + len(data) > _READ_ONLY_BYTES):
            del _read_only[next(iter(_read_only))]
        got = _read_only[key] = (digest, read_po(io.BytesIO(data), locale=locale, abort_invalid=False), len(data))
    return got[1]


# The template and six languages with room to spare: each .po is 2-3 MB, its parsed catalog several times that.
_READ_ONLY_KEPT = 32
_READ_ONLY_BYTES = 32 * 2**20


def update(root: Path | None = None, fuzzy: bool = True) -> Path:
    """Refresh the template and every catalog. ``fuzzy``: guess translations of new strings from
    similar old ones (marked fuzzy for a translator to check); slow when thousands of strings are new."""
    from babel.messages.catalog import Catalog

    root = root or repo_root()
    template = extract(root)
    locales = root / "locales"
    pot = locales / f"{DOMAIN}.pot"
    write_catalog(template, pot)
    for lang in languages_of(root):
        po = po_path(lang.code, locales)
        if po.exists():
            cat = read_catalog(po, lang.babel)
        else:
            cat = Catalog(locale=lang.babel, project="Sango", charset="utf-8", fuzzy=False)
        # A copy per language: Babel adds the template's own Message objects for new strings, so
        # filling English below would otherwise leak English copies into the languages after it.
        cat.update(copy.deepcopy(template), no_fuzzy_matching=not fuzzy, update_header_comment=False)
        cat.obsolete.clear()
        _project_headers(cat, lang.code)
        if lang.code == "en":
            # English is the source language: its catalog mirrors the source text.
            for msg in cat:
                if msg.id:
                    msg.string = msg.id if not msg.pluralizable else tuple(msg.id)
                    msg.flags.discard("fuzzy")
        write_catalog(cat, po)
    return pot


def compile_all(root: Path | None = None, only_stale: bool = False, jobs: int = 1) -> list[Path]:
    """Write every catalog's compiled parts beside its .po (each .po parsed once). ``only_stale``:
    leave a language whose compiled parts already carry its .po's digest (the test session
    compiles once this way, before its workers start, instead of each worker on its own).
    ``jobs`` > 1: languages compiled in that many processes at once (parsing a .po is most of the
    time, and each language is independent)."""
    base = root or repo_root()
    codes = [lang.code for lang in languages_of(base)]
    if jobs > 1 and len(codes) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(min(jobs, len(codes))) as pool:
            done = list(pool.map(_compile_language, [base] * len(codes), codes, [only_stale] * len(codes)))
    else:
        done = [_compile_language(base, code, only_stale) for code in codes]
    return [mo for mos in done for mo in mos]


def _compile_language(root: Path, code: str, only_stale: bool) -> list[Path]:
    from .i18n import SOURCE_CTX, SOURCE_KEY, _digest, compile_po_parts

    po = po_path(code, root / "locales")
    if not po.exists():
        return []
    mos = {part: po.with_name(name) for part, name in MO_NAMES.items()}
    if only_stale and all(mo.exists() for mo in mos.values()):
        from .mofile import MoCatalog

        digest = _digest(po.read_bytes())
        if all(MoCatalog(mo.read_bytes()).pgettext(SOURCE_CTX, SOURCE_KEY) == digest for mo in mos.values()):
            return []
    compiled = compile_po_parts(po, tuple(mos))
    out = []
    for part, mo in mos.items():
        tmp = mo.with_suffix(".tmp")
        tmp.write_bytes(compiled[part])
        tmp.replace(mo)  # never half a file for a game starting meanwhile
        out.append(mo)
    return out


@dataclass
class LanguageReport:
    code: str
    total: int = 0
    translated: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def _fields_ok(source_fields: set[str], translated: str) -> str | None:
    try:
        got = placeholders(translated)
    except ValueError as exc:
        return f"broken placeholder braces ({exc})"
    if got - source_fields:
        return f"unknown placeholder(s) {sorted(got - source_fields)}"
    return None


def check(root: Path | None = None, glyphs: bool = True, codes: Collection[str] | None = None) -> list[LanguageReport]:
    """Check every catalog (or only those of ``codes``) against the template. Nothing is written."""
    from .plurals import PLURAL_FORMS, check_plural_forms, parse_plural_forms

    root = root or repo_root()
    locales = root / "locales"
    pot = locales / f"{DOMAIN}.pot"
    template = read_catalog_shared(pot)
    reports = []
    missing_glyphs: Callable[[str, str], set[str]] | None = None
    if glyphs:
        try:
            from .text import missing_glyphs
        except ImportError:  # pragma: no cover
            missing_glyphs = None
    for lang in languages_of(root or repo_root()):
        if codes is not None and lang.code not in codes:
            continue
        rep = LanguageReport(lang.code)
        reports.append(rep)
        po = po_path(lang.code, locales)
        if not po.exists():
            rep.problems.append(f"{po}: missing catalog (run: sango-game i18n update)")
            continue
        cat = read_catalog_shared(po, lang.babel)
        # The catalog's own formula, checked against CLDR number by number (plurals.py).
        expected_n = parse_plural_forms(PLURAL_FORMS[lang.code])[0]
        header = dict(cat.mime_headers).get("Plural-Forms")
        for prob in check_plural_forms(lang.code, lang.babel, header):
            rep.problems.append(f"{po}: {prob}")
        # (Babel re-adds the flag whenever it reads a "%", so look at the file itself.)
        for flagged in re.findall(r"^#,.*\bpython-format\b.*\n(?:#.*\n)*(?:msgctxt (.*)\n)?msgid (.*)", po.read_text("utf-8"),
                                  re.M):
            rep.problems.append(f"{po.name}: msgid {flagged[1][:60]}: flagged python-format, but the game uses "
                                "{fields}; GNU msgfmt -c rejects it (run: sango-game i18n update)")
        for tmsg in template:
            if not tmsg.id:
                continue
            rep.total += 1
            key = tmsg.id if not isinstance(tmsg.id, tuple) else tmsg.id[0]
            where = (f"{po.name}: msgctxt {tmsg.context!r} msgid {key[:60]!r}" if tmsg.context
                     else f"{po.name}: msgid {key[:60]!r}")
            msg = cat.get(tmsg.id, context=tmsg.context)
            if msg is None:
                rep.problems.append(f"{where}: missing from the catalog (run update)")
                continue
            if "fuzzy" in msg.flags:
                rep.problems.append(f"{where}: fuzzy (check and remove the fuzzy flag)")
                continue
            strings = msg.string if isinstance(msg.string, tuple) else (msg.string,)
            if tmsg.pluralizable and any(strings) and not all(strings) or tmsg.pluralizable and len(strings) != expected_n:
                # (Babel pads missing forms with empty strings when it reads a .po file.)
                rep.problems.append(f"{where}: {sum(1 for x in strings if x)} plural forms, {lang.code} needs {expected_n}")
                continue
            if not all(s for s in strings):
                rep.problems.append(f"{where}: not translated")
                continue
            if tmsg.pluralizable:
                if len(strings) != expected_n:
                    rep.problems.append(f"{where}: {len(strings)} plural forms, {lang.code} needs {expected_n}")
                    continue
                src_fields = placeholders(tmsg.id[0]) | placeholders(tmsg.id[1])
            else:
                src_fields = placeholders(tmsg.id)
            bad = None
            for s in strings:
                bad = _fields_ok(src_fields, s)
                if bad:
                    break
            if not bad and not tmsg.pluralizable and placeholders(strings[0]) != src_fields:
                bad = f"placeholders {sorted(placeholders(strings[0]))} differ from the English {sorted(src_fields)}"
            if not bad and lang.code != "en":
                sources = tmsg.id if isinstance(tmsg.id, tuple) else (tmsg.id,)
                # Three or more English words left as they are; usernames like Yusuf_GreenHill_School are one word.
                if any(s in sources and len(re.findall(r"(?:^|\s)[A-Za-z][A-Za-z']+(?=[\s.,!?]|$)",
                                                       re.sub(r"\{[^}]*\}", "", s))) >= 3
                       for s in strings):
                    bad = "the translation is the English text (copy it only for names and usernames)"
            if bad:
                rep.problems.append(f"{where}: {bad}")
                continue
            if missing_glyphs is not None:
                lost = set().union(*(missing_glyphs(s, lang.code) for s in strings))
                if lost:
                    rep.problems.append(f"{where}: the {lang.code} font cannot draw {''.join(sorted(lost))!r}")
                    continue
            rep.translated += 1
    return reports


def register(sub) -> None:
    from .cli_i18n import cli_translator

    _ = cli_translator()._
    p = sub.add_parser("i18n", help=_("translator tools: extract, update, compile, check"))
    p.add_argument("action", choices=["extract", "update", "compile", "check"])
    p.add_argument("--root", type=Path, help=_("project or content pack folder (default: this installation's data)"))
    p.add_argument("--no-fuzzy", action="store_true",
                   help=_("update: do not guess translations of new strings from similar ones (faster)"))
    p.set_defaults(handler=_cli)


def _cli(args) -> int:
    from .cli_i18n import cli_translator

    tr = cli_translator()
    root = args.root
    if not ((root or repo_root()) / "locales" / f"{DOMAIN}.pot").is_file() and args.action != "extract":
        # The standalone bundle carries compiled catalogs only.
        print(f"sango-game i18n: no catalogs to work on in {(root or repo_root()) / 'locales'}; the translator "
              "tools need a source checkout of Sango (give it with --root)", file=sys.stderr)
        return 2
    if args.action == "extract":
        pot = (root or repo_root()) / "locales" / f"{DOMAIN}.pot"
        write_catalog(extract(root), pot)
        print(tr.f("wrote {file}", file=str(pot)))
        return 0
    if args.action == "update":
        print(tr.f("wrote {file} and the .po files", file=str(update(root, fuzzy=not getattr(args, "no_fuzzy", False)))))
        return 0
    if args.action == "compile":
        for mo in compile_all(root):
            print(tr.f("compiled {file}", file=str(mo)))
        return 0
    reports = check(root)
    bad = 0
    for rep in reports:
        counts = tr.f("{done} of {total} translated ({percent})", done=rep.translated, total=rep.total,
                      percent=tr.percent(rep.percent / 100))
        print(f"{rep.code:8} {counts}, " + tr.nf("{n} problem", "{n} problems", len(rep.problems)))
        for prob in rep.problems[:50]:
            print(f"    {prob}")
        if len(rep.problems) > 50:
            print("    " + tr.nf("... and {n} more", "... and {n} more", len(rep.problems) - 50))
        bad += len(rep.problems)
    return 1 if bad else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_cli(type("A", (), {"action": sys.argv[1], "root": None})()))
