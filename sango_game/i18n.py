"""Languages, gettext catalogs and locale formatting.

* The six UN languages; their facts (own name, direction, plural rule ...) are in ``languages.py``.
* Catalogs live in ``locales/<code>/LC_MESSAGES/messages.po``. The ``.mo`` files are not committed:
  the wheel and bundle builds compile them, and a source checkout compiles them on first use into
  the user cache folder (or in memory when that folder cannot be written). A ``.mo`` records the
  SHA-256 of the ``.po`` it was made from, and is used while that ``.po`` has the same content
  (or is absent, as in the standalone bundle): file times are not trusted, since copying a
  folder to a USB stick or a lab PC changes them. The digest of an unchanged ``.po`` is remembered
  in the user cache (with its size, times and inode) so that a start does not hash it again.
* A missing or fuzzy translation falls back to the English source text. A translation whose
  ``{placeholders}`` do not match the English ones falls back to English too, so a bad catalog
  can never crash the game.
* Values put into a translated sentence (``f``, ``pf``, ``nf``) are wrapped in Unicode bidi
  isolates in Arabic (and wherever a value holds right-to-left text), so numbers, dates, signs
  and commands keep their order; :func:`plain_text` removes them for speech, files and terminals.
"""

from __future__ import annotations

import io
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .languages import BY_CODE, DEFAULT, TABLE, LanguageInfo, native_name  # noqa: F401  (re-exported)
from .resources import locales_path

if TYPE_CHECKING:  # pragma: no cover
    import gettext
    import string

    from .mofile import MoCatalog

DOMAIN = "messages"


# The language facts live in one table (languages.py); these names stay for the code that uses them.
Language = LanguageInfo
LANGUAGES: tuple[Language, ...] = TABLE
LANG_BY_CODE = BY_CODE
DEFAULT_LANGUAGE = DEFAULT


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


def po_path(code: str, root: Path | None = None) -> Path:
    base = root if root is not None else locales_path()
    return base / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def _cache_dir() -> Path | None:
    from .paths import cache_dir

    return cache_dir("mo")


PARTS = ("ui", "levels")
MO_NAMES = {"ui": f"{DOMAIN}.mo", "levels": f"{DOMAIN}-levels.mo"}


def is_level_context(ctx: str | None) -> bool:
    """Level text has a context ``<level id>|<field>`` (topic names, ``topic|...``, belong to the UI)."""
    return bool(ctx and "|" in ctx and not ctx.startswith("topic|"))


def compile_po_bytes(po: Path, part: str | None = None) -> bytes:
    """Compile one .po into .mo bytes with Babel (fuzzy entries are left out).

    ``part="ui"`` keeps the interface strings, ``part="levels"`` the level text: the game loads the
    small UI part at start-up and the level part when a level is first shown."""
    return compile_po_parts(po, (part,))[part]


def compile_po_parts(po: Path, parts: tuple[str | None, ...] = ("ui", "levels")) -> dict[str | None, bytes]:
    """Several parts of one .po (see :func:`compile_po_bytes`), reading and parsing it once."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    raw = po.read_bytes()
    whole = read_po(io.BytesIO(raw), abort_invalid=False)
    out: dict[str | None, bytes] = {}
    for part in parts:
        catalog = whole
        if part is not None:
            catalog = Catalog(locale=whole.locale, charset="utf-8", fuzzy=False)
            catalog.mime_headers = whole.mime_headers
            for msg in whole:
                if msg.id and is_level_context(msg.context) == (part == "levels"):
                    catalog[msg.id] = msg
        catalog.add(SOURCE_KEY, string=_digest(raw), context=SOURCE_CTX)
        buf = io.BytesIO()
        write_mo(buf, catalog, use_fuzzy=False)
        out[part] = buf.getvalue()
    return out


# Every compiled catalog carries the digest of its source .po under this context and key.
SOURCE_CTX = "sango-build"
SOURCE_KEY = "source-sha256"


def _digest(raw: bytes) -> str:
    import hashlib  # only where a .po is read (never in the bundle, which ships no .po)

    return hashlib.sha256(raw).hexdigest()[:16]


_PO_DIGESTS: dict[tuple, str] = {}


def _stamp_file(po: Path) -> Path | None:
    """Where the digest of ``po`` is remembered between starts (beside the compiled-catalog cache)."""
    import zlib  # built in: names the stamp by the .po's path (checkouts and installs side by side)

    cache = _cache_dir()
    if cache is None:
        return None
    return cache.parent / "po-stamps" / f"{po.parent.parent.name}-{zlib.crc32(str(po).encode()):08x}.txt"


def _po_digest(po: Path) -> str:
    """The .po's content digest. Hashing a 2-3 MB .po (and loading OpenSSL for it) costs several
    milliseconds on every start of a pip-installed game, so the digest is remembered in the user
    cache with the file's size, times and inode: while all of those are unchanged the file has not
    been written (any write moves the change time, which tools cannot set back), and the remembered
    digest is used. Anything else (a copied folder, an edit, no cache) hashes the content, so a
    copy with the same content still never recompiles."""
    st = po.stat()
    key = (str(po), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    if key in _PO_DIGESTS:
        return _PO_DIGESTS[key]
    stamp = _stamp_file(po)
    line = " ".join(str(x) for x in key[1:])
    try:
        recorded = stamp.read_text(encoding="utf-8").split("\n") if stamp else []
    except (OSError, UnicodeDecodeError):
        recorded = []
    if len(recorded) >= 3 and recorded[0] == line and recorded[2] == str(po) and len(recorded[1]) == 16:
        digest = recorded[1]
    else:
        digest = _digest(po.read_bytes())
        if stamp is not None:
            try:
                stamp.parent.mkdir(parents=True, exist_ok=True)
                tmp = stamp.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_text(f"{line}\n{digest}\n{po}", encoding="utf-8")
                tmp.replace(stamp)
            except OSError:
                pass  # read-only or full disk: the next start hashes again
    _PO_DIGESTS[key] = digest
    return digest


def _open_mo(code: str, root: Path | None, part: str = "ui") -> MoCatalog | None:
    """The compiled catalog of one part, read by ``mofile.MoCatalog`` (the same messages as
    ``gettext.GNUTranslations`` without importing gettext before the title's first frame)."""
    from .mofile import MoCatalog  # English, the source language, needs no catalog

    po = po_path(code, root)
    mo = po.with_name(MO_NAMES[part])
    try:
        has_po = po.exists()
        digest = _po_digest(po) if has_po else ""
        if mo.exists():
            compiled = MoCatalog(mo.read_bytes(), str(mo))
            if not has_po or compiled.pgettext(SOURCE_CTX, SOURCE_KEY) == digest:
                return compiled
        if not has_po:
            return None
        cache = _cache_dir()
        cached = cache / f"{code}-{digest}-{part}.mo" if cache else None
        if cached is not None and cached.exists():
            return MoCatalog(cached.read_bytes(), str(cached))
        data = compile_po_bytes(po, part)
        if cached is not None:
            try:
                cached.parent.mkdir(parents=True, exist_ok=True)
                tmp = cached.with_suffix(".tmp")
                tmp.write_bytes(data)
                tmp.replace(cached)
            except OSError:
                pass  # read-only or full disk: the in-memory catalog below still works
        return MoCatalog(data)
    except Exception as exc:  # a damaged catalog must not stop the game
        from .lazylog import LazyLogger  # (runs the game's deferred logging set-up first)

        LazyLogger(__name__).warning("cannot load translations for %s: %s; using English", code, exc)
        return None


_FORMATTERS: list[string.Formatter] = []


def _formatter() -> string.Formatter:
    """The one ``string.Formatter``, made when a sentence is first formatted (``string`` compiles a
    pattern at import, which the title's first frame does not need)."""
    if not _FORMATTERS:
        import string

        _FORMATTERS.append(string.Formatter())
    return _FORMATTERS[0]

# Values put into a sentence are wrapped in FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE
# (UAX #9 isolates): a phone number, a date, "+15" or a command then keeps its own order and
# stays on one line inside an Arabic sentence. The text engine draws them invisibly; text
# that leaves the screen (speech, CSV, the terminal) goes through plain_text().
FSI, PDI = "\u2068", "\u2069"
_ISOLATE_CONTROLS = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"))
_SIGNS = "+-\u00b1" + chr(0x2212)  # (the minus sign is built: the code's literals are font-checked)
_POSTFIX = "%\u066a\u2030"


def plain_text(text: str) -> str:
    """``text`` without the isolate controls that :class:`Translator` puts around values."""
    return text.translate(_ISOLATE_CONTROLS)


def _has_rtl(value: str) -> bool:
    from unicodedata import bidirectional

    return any(ord(ch) >= 0x590 and bidirectional(ch) in ("R", "AL") for ch in value)


def format_isolated(template: str, kw: dict[str, Any], isolate: bool) -> str:
    """``template.format(**kw)`` with every substituted value isolated (see FSI above).

    Fields with nothing between them ("{sign}{points}") share one isolate, and so do a sign
    written just before a field and a percent sign just after it: "+15" must not become
    "15+" in Arabic. With ``isolate`` False only values holding right-to-left text are
    isolated (an Arabic nickname in an English sentence). Raises like ``str.format``.
    """
    pieces: list[tuple[str, str | None]] = []  # (literal, formatted value or None)
    fmt = _formatter()
    for literal, field, spec, conv in fmt.parse(template):
        value = None
        if field is not None:
            if field == "" or field.isdigit():
                raise IndexError("positional fields are not used")
            obj = fmt.convert_field(fmt.get_field(field, (), kw)[0], conv)
            value = fmt.format_field(obj, fmt.vformat(spec or "", (), kw))
        pieces.append((literal, value))
    out: list[str] = []
    group: list[str] = []
    group_rtl = False

    def close() -> None:
        nonlocal group_rtl
        if group:
            inner = "".join(group)
            out.append(FSI + inner + PDI if isolate or group_rtl else inner)
            group.clear()
            group_rtl = False

    for literal, value in pieces:
        if group and literal:
            k = 0
            while k < len(literal) and literal[k] in _POSTFIX:
                k += 1
            group.append(literal[:k])
            literal = literal[k:]
            close()
        if value is None:
            out.append(literal)
            continue
        sign = ""
        if literal and literal[-1] in _SIGNS and (len(literal) == 1 or not literal[-2].isalnum()) and not group:
            literal, sign = literal[:-1], literal[-1]
        out.append(literal)
        group.append(sign + value)
        group_rtl = group_rtl or _has_rtl(value)
    close()
    return "".join(out)


def placeholders(template: str) -> set[str]:
    """Named fields of a ``str.format`` template (``{n}``, ``{name}``); raises ValueError if malformed."""
    return {field for _, field, _, _ in _formatter().parse(template) if field is not None}


class Translator:
    """All text lookups for one language. Pass it around; there is no global language."""

    def __init__(self, code: str = DEFAULT_LANGUAGE, root: Path | None = None):
        self.language = get_language(code)
        self.code = self.language.code
        self.rtl = self.language.rtl
        self._numbers: dict[tuple[type, float | int], str] = {}  # number() answers
        # English is the source language: its text is the msgid itself, no catalog needed.
        self._root = root
        self._catalog = _open_mo(self.code, root, "ui") if self.code != "en" else None
        self._levels: MoCatalog | None | bool = False  # loaded on first level string

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
    def _safe_format(self, translated: str, source: str, kw: dict[str, Any]) -> str:
        try:
            if placeholders(translated) - set(kw):
                raise KeyError("unknown placeholder")
            return format_isolated(translated, kw, self.rtl)
        except (KeyError, ValueError, IndexError, AttributeError, TypeError):
            try:
                return format_isolated(source, kw, self.rtl)
            except (KeyError, ValueError, IndexError, AttributeError, TypeError):
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
        # Cached: every numbered answer button asks for its number each frame, and Babel is slow.
        key = (type(value), value)
        known = self._numbers.get(key)
        if known is not None:
            return known
        from babel.numbers import format_decimal

        try:
            text = format_decimal(value, locale=self.language.babel, numbering_system="default")
        except TypeError:  # Babel < 2.14 has no numbering_system
            text = format_decimal(value, locale=self.language.babel)
        if len(self._numbers) > 1000:
            self._numbers.clear()
        self._numbers[key] = text
        return text

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
    import gettext

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


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural pair for extraction as one plural entry (translated later with tr.nf)."""
    return singular, plural


@lru_cache(maxsize=8)
def translator(code: str) -> Translator:
    return Translator(code)


def detect_system_language() -> str:
    """Best guess from the OS locale; English when it is not one of ours."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            for part in value.split(":"):
                code = normalize_code(part)
                if code:
                    return code
    import locale  # only when no variable names a language of ours (Windows, macOS apps)

    try:
        code = normalize_code(locale.getlocale()[0])
    except ValueError:  # pragma: no cover
        code = None
    return code or DEFAULT_LANGUAGE
