"""Languages, gettext catalogs and locale formatting.

* The six UN languages, each named in its own script by Babel (CLDR data).
* Catalogs live in ``locales/<code>/LC_MESSAGES/messages.po``. The ``.mo`` files are not committed:
  the wheel build compiles them, and a source checkout compiles them on first use into the user
  cache folder (or in memory when that folder cannot be written).
* A missing or fuzzy translation falls back to the English source text. A translation whose
  ``{placeholders}`` do not match the English ones falls back to English too, so a bad catalog
  can never crash the game.
"""

from __future__ import annotations

import gettext
import io
import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .resources import locales_path

DOMAIN = "messages"


@dataclass(frozen=True)
class Language:
    code: str  # folder name in locales/
    babel: str  # Babel/CLDR locale id
    rtl: bool = False

    @property
    def native_name(self) -> str:
        return native_name(self.code)


LANGUAGES: tuple[Language, ...] = (
    Language("ar", "ar", rtl=True),
    Language("zh_Hans", "zh_Hans_CN"),
    Language("en", "en"),
    Language("fr", "fr"),
    Language("ru", "ru"),
    Language("es", "es"),
)
LANG_BY_CODE = {lang.code: lang for lang in LANGUAGES}
DEFAULT_LANGUAGE = "en"


def get_language(code: str | None) -> Language:
    return LANG_BY_CODE.get(normalize_code(code) or "", LANG_BY_CODE[DEFAULT_LANGUAGE])


def normalize_code(code: str | None) -> str | None:
    """Map things like 'fr_FR', 'zh-CN', 'zh_Hans_CN', 'AR' to one of our codes, or None."""
    if not code:
        return None
    c = code.replace("-", "_").split(".")[0].split("@")[0]
    low = c.lower()
    if low.startswith("zh"):
        if any(t in low for t in ("hant", "_tw", "_hk", "_mo")):
            return None
        return "zh_Hans"
    base = low.split("_")[0]
    return base if base in LANG_BY_CODE else None


@lru_cache(maxsize=None)
def native_name(code: str) -> str:
    """The language's name in its own language and script, from CLDR via Babel."""
    from babel import Locale

    loc = Locale.parse(LANG_BY_CODE[code].babel)
    if code == "zh_Hans":
        name = Locale.parse("zh_Hans").get_display_name(Locale.parse("zh_Hans"))
    else:
        name = loc.get_language_name(loc)
    return name[:1].upper() + name[1:] if name else code


def po_path(code: str, root: Path | None = None) -> Path:
    base = root if root is not None else locales_path()
    return base / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def _cache_dir() -> Path | None:
    try:
        import platformdirs

        return Path(platformdirs.user_cache_dir("sango-game")) / "mo"
    except Exception:  # pragma: no cover - platformdirs always importable in practice
        return None


PARTS = ("ui", "levels")
MO_NAMES = {"ui": f"{DOMAIN}.mo", "levels": f"{DOMAIN}-levels.mo"}


def is_level_context(ctx: str | None) -> bool:
    """Level text has a context ``<level id>|<field>`` (topic names, ``topic|...``, belong to the UI)."""
    return bool(ctx) and "|" in ctx and not ctx.startswith("topic|")


def compile_po_bytes(po: Path, part: str | None = None) -> bytes:
    """Compile one .po into .mo bytes with Babel (fuzzy entries are left out).

    ``part="ui"`` keeps the interface strings, ``part="levels"`` the level text: the game loads the
    small UI part at start-up and the level part when a level is first shown."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh, abort_invalid=False)
    if part is not None:
        keep = Catalog(locale=catalog.locale, charset="utf-8", fuzzy=False)
        keep.mime_headers = catalog.mime_headers
        for msg in catalog:
            if msg.id and is_level_context(msg.context) == (part == "levels"):
                keep[msg.id] = msg
        catalog = keep
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def _open_mo(code: str, root: Path | None, part: str = "ui") -> gettext.GNUTranslations | None:
    po = po_path(code, root)
    mo = po.with_name(MO_NAMES[part])
    try:
        if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
            with mo.open("rb") as fh:
                return gettext.GNUTranslations(fh)
        if not po.exists():
            return None
        import hashlib  # only when compiling from .po (not at every start-up)

        raw = po.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()[:16]
        cache = _cache_dir()
        cached = cache / f"{code}-{digest}-{part}.mo" if cache else None
        if cached is not None and cached.exists():
            with cached.open("rb") as fh:
                return gettext.GNUTranslations(fh)
        data = compile_po_bytes(po, part)
        if cached is not None:
            try:
                cached.parent.mkdir(parents=True, exist_ok=True)
                tmp = cached.with_suffix(".tmp")
                tmp.write_bytes(data)
                tmp.replace(cached)
            except OSError:
                pass  # read-only or full disk: the in-memory catalog below still works
        return gettext.GNUTranslations(io.BytesIO(data))
    except Exception as exc:  # a damaged catalog must not stop the game
        import logging

        logging.getLogger(__name__).warning("cannot load translations for %s: %s; using English", code, exc)
        return None


_FORMATTER = string.Formatter()


def placeholders(template: str) -> set[str]:
    """Named fields of a ``str.format`` template (``{n}``, ``{name}``); raises ValueError if malformed."""
    return {field for _, field, _, _ in _FORMATTER.parse(template) if field is not None}


class Translator:
    """All text lookups for one language. Pass it around; there is no global language."""

    def __init__(self, code: str = DEFAULT_LANGUAGE, root: Path | None = None):
        self.language = get_language(code)
        self.code = self.language.code
        self.rtl = self.language.rtl
        # English is the source language: its text is the msgid itself, no catalog needed.
        self._root = root
        self._catalog = _open_mo(self.code, root, "ui") if self.code != "en" else None
        self._levels: gettext.GNUTranslations | None | bool = False  # loaded on first level string

    # -- lookups ----------------------------------------------------------------------
    def _levels_catalog(self):
        if self._levels is False:
            self._levels = _open_mo(self.code, self._root, "levels") if self.code != "en" else None
        return self._levels

    def _lookup(self, ctx: str | None, msg: str) -> str:
        cat = self._levels_catalog() if is_level_context(ctx) else self._catalog
        out = msg if cat is None else (cat.pgettext(ctx, msg) if ctx is not None else cat.gettext(msg))
        if out is msg and ctx is not None and _PACK_ROOTS and self.code != "en":
            for pack_cat in _pack_catalogs(self.code):
                found = pack_cat.pgettext(ctx, msg)
                if found is not msg and found != msg:
                    return found
        return out

    def _(self, msg: str) -> str:
        return self._lookup(None, msg)

    gettext = _

    def p(self, ctx: str, msg: str) -> str:
        return self._lookup(ctx, msg)

    pgettext = p

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        cat = self._catalog
        if cat is None:
            return singular if n == 1 else plural
        return cat.ngettext(singular, plural, n)

    def level(self, text: Any) -> str:
        """Translate a level string (a content.Text with ctx and English source)."""
        if text is None:
            return ""
        return self._lookup(text.ctx, text.source)

    # -- formatting with safe fallback ---------------------------------------------------
    @staticmethod
    def _safe_format(translated: str, source: str, kw: dict[str, Any]) -> str:
        try:
            if placeholders(translated) - set(kw):
                raise KeyError("unknown placeholder")
            return translated.format(**kw)
        except (KeyError, ValueError, IndexError, AttributeError):
            try:
                return source.format(**kw)
            except (KeyError, ValueError, IndexError, AttributeError):
                return source

    def f(self, msg: str, **kw: Any) -> str:
        """``_(msg).format(**kw)``; numbers passed as int/float are formatted for the locale."""
        kw = {k: self.number(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v for k, v in kw.items()}
        return self._safe_format(self._(msg), msg, kw)

    def pf(self, ctx: str, msg: str, **kw: Any) -> str:
        kw = {k: self.number(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v for k, v in kw.items()}
        return self._safe_format(self.p(ctx, msg), msg, kw)

    def nf(self, singular: str, plural: str, n: int, **kw: Any) -> str:
        """Plural lookup formatted with ``{n}`` (locale digits) and other named fields."""
        kw = {k: self.number(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v for k, v in kw.items()}
        kw["n"] = self.number(n)
        source = singular if n == 1 else plural
        return self._safe_format(self.ngettext(singular, plural, n), source, kw)

    # -- numbers --------------------------------------------------------------------------
    def number(self, value: float | int) -> str:
        from babel.numbers import format_decimal

        try:
            return format_decimal(value, locale=self.language.babel, numbering_system="default")
        except TypeError:  # Babel < 2.14 has no numbering_system
            return format_decimal(value, locale=self.language.babel)

    def percent(self, fraction: float) -> str:
        from babel.numbers import format_percent

        try:
            return format_percent(fraction, locale=self.language.babel, numbering_system="default")
        except TypeError:  # pragma: no cover
            return format_percent(fraction, locale=self.language.babel)


_PACK_ROOTS: list[Path] = []  # locales/ folders of the installed content packs


def register_pack_catalogs(locales_root: Path) -> None:
    """Let level text of a content pack be translated by the pack's own catalogs."""
    if Path(locales_root).is_dir() and Path(locales_root) not in _PACK_ROOTS:
        _PACK_ROOTS.append(Path(locales_root))
        _pack_catalogs.cache_clear()


@lru_cache(maxsize=16)
def _pack_catalogs(code: str) -> tuple[gettext.GNUTranslations, ...]:
    found = []
    for root in _PACK_ROOTS:
        po = po_path(code, root)
        if po.exists():
            try:
                found.append(gettext.GNUTranslations(io.BytesIO(compile_po_bytes(po))))
            except Exception:  # noqa: BLE001 - a pack's broken catalog falls back to English
                continue
    return tuple(found)


def N_(msg: str) -> str:
    """Mark a string for extraction without translating it now (translated later with tr._)."""
    return msg


@lru_cache(maxsize=8)
def translator(code: str) -> Translator:
    return Translator(code)


def detect_system_language() -> str:
    """Best guess from the OS locale; English when it is not one of ours."""
    import locale
    import os

    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            for part in value.split(":"):
                code = normalize_code(part)
                if code:
                    return code
    try:
        code = normalize_code(locale.getlocale()[0])
    except ValueError:  # pragma: no cover
        code = None
    return code or DEFAULT_LANGUAGE
